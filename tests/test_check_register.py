"""Findings across documents: `check(register)` and `kotakerja validate` report them."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import attrs
import pytest

import kotakerja
from conftest import lapsed_mou_and_pks
from kotakerja import (
    Register,
    Severity,
    check,
)
from kotakerja.cli import main

KB, LATE = lapsed_mou_and_pks()


def test_check_of_a_register_includes_the_findings_across_documents() -> None:
    reg = Register([*kotakerja.examples(), KB, LATE])
    found = check(reg)
    assert ("[pks-2023].mou", "kotakerja.lineage.outside_period") in [
        (f.path, f.code) for f in found
    ]
    assert set(reg.lineage_findings()) <= set(found)
    # and every record's own findings, each path starting with the record's id
    for record in reg:
        for f in check(record):
            assert any(g.code == f.code and g.path.startswith(f"[{record.id}]") for g in found), (
                record.id,
                f,
            )


def test_check_of_a_register_is_worst_first_then_in_the_registers_order() -> None:
    reg = Register([LATE, *kotakerja.examples(), KB])
    found = check(reg)
    order = {"error": 0, "warning": 1, "info": 2}
    ranks = [order[f.severity.value] for f in found]
    assert ranks == sorted(ranks)
    warnings = [f.path.split("]")[0][1:] for f in found if f.severity is Severity.WARNING]
    ids = [r.id for r in reg]
    assert [ids.index(i) for i in warnings] == sorted(ids.index(i) for i in warnings)
    assert warnings[0] == "pks-2023"  # the first record of the register


def test_check_of_a_register_without_lineage_problems_is_that_of_its_records() -> None:
    reg = kotakerja.examples()
    expected = sorted(
        (f.severity.value, f"[{r.id}].{f.path}" if f.path else f"[{r.id}]", f.code)
        for r in reg
        for f in check(r)
    )
    assert sorted((f.severity.value, f.path, f.code) for f in check(reg)) == expected


def test_check_still_refuses_what_is_neither_a_record_nor_a_register() -> None:
    with pytest.raises(TypeError, match="check\\(\\) takes a record or a register, not list"):
        check([KB])  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["jsonl", "json"])
def test_validate_prints_lineage_findings_as_warnings_at_the_agreement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    reg = Register([KB, LATE])
    path = tmp_path / f"reg.{kind}"
    (reg.save_jsonl if kind == "jsonl" else reg.save_json)(path)
    assert main(["validate", str(path)]) == 0  # warnings never change the exit code
    captured = capsys.readouterr()
    line = (
        2
        if kind == "jsonl"
        else path.read_text(encoding="utf-8").splitlines().index('    "mou": {') + 1
    )
    assert (
        f"{path}:{line}:1: kotakerja.lineage.outside_period: warning: mou: signed on 2023-01-09"
        in captured.out
    )
    assert "2 records checked, 0 errors, 1 warning" in captured.err
    assert main(["validate", str(path), "--problems", "json"]) == 0
    (problem,) = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert problem == {
        "file": str(path),
        "line": line,
        "column": 1,
        "severity": "warning",
        "code": "kotakerja.lineage.outside_period",
        "path": "mou",
        "pointer": "/mou",
        "message": problem["message"],
    }
    assert main(["validate", str(path), "--no-warnings"]) == 0
    assert capsys.readouterr().out == ""


def test_validate_finds_lineage_across_inputs_and_reports_it_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Register([KB]).save_json(tmp_path / "kb.json")
    Register([LATE], check_references=False).save_jsonl(tmp_path / "pks.jsonl")
    assert main(["validate", str(tmp_path / "pks.jsonl"), str(tmp_path / "kb.json")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [x for x in out if "lineage" in x] == [
        f"{tmp_path / 'pks.jsonl'}:1:1: kotakerja.lineage.outside_period: warning: mou: "
        "signed on 2023-01-09, when mou kb-2019 was not in force (expired); a PKS "
        "implements a KB in force"
    ]


def test_validate_finds_lineage_in_standard_input_and_csv_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = kotakerja.to_json(KB) + "\n" + kotakerja.to_json(LATE) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode()), "utf-8"))
    assert main(["validate", "-"]) == 0
    assert "<stdin>:2:1: kotakerja.lineage.outside_period: warning: mou:" in capsys.readouterr().out
    Register([KB]).save_csv(tmp_path / "mou.csv")
    Register([LATE], check_references=False).save_csv(tmp_path / "agreement.csv")
    assert main(["validate", str(tmp_path)]) == 0  # mou.csv comes after agreement.csv
    out = capsys.readouterr().out
    assert f"{tmp_path / 'agreement.csv'}:2:1: kotakerja.lineage.outside_period" in out


def test_validate_reads_an_implemented_document_again_rather_than_keep_every_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kotakerja import cli

    kept: list[str] = []
    real = cli._Lineage.see

    def see(self: cli._Lineage, record: kotakerja.Record, where: object) -> None:
        real(self, record, where)  # type: ignore[arg-type]
        kept[:] = list(self.kept)

    monkeypatch.setattr(cli._Lineage, "see", see)
    others = [attrs.evolve(KB, id=f"kb-other-{i}") for i in range(5)]
    path = tmp_path / "reg.jsonl"
    Register([*others, KB, LATE]).save_jsonl(path)
    assert main(["validate", str(path)]) == 0
    assert kept == ["pks-2023"]  # the MoUs came before anything pointed to them
    assert f"{path}:7:1: kotakerja.lineage.outside_period" in capsys.readouterr().out
