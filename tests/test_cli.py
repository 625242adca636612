"""The kotakerja command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kotakerja import __version__
from kotakerja.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_regions_search_lists_both_kediri(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["regions", "search", "Kediri"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out] == ["35.06", "35.71"]
    assert "Kabupaten Kediri" in out[0]


def test_regions_search_without_match_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["regions", "search", "Atlantis"]) == 1


def test_schema_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "all"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"].endswith("2020-12/schema")


def test_schema_of_unknown_type_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "nothing"]) == 2


def test_validate_missing_file_is_unusable(tmp_path: Path) -> None:
    assert main(["validate", str(tmp_path / "none.jsonl")]) == 2


def test_validate_reports_lines_of_a_json_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"type": "nothing", "id": "x"}, indent=2))
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:2: type:" in out
    assert "[kotakerja.record.unknown_type]" in out
