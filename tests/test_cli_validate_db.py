"""``kotakerja validate --db``: problems of a database in the format of every command."""

from __future__ import annotations

import json
import re

import pytest
import sqlalchemy as sa

import kotakerja
from conftest import lapsed_mou_and_pks
from kotakerja.cli import main

KB, LATE = lapsed_mou_and_pks()


@pytest.fixture
def url(store_url: str) -> str:
    """A store holding the examples, a broken body, a dangling reference and a late PKS;
    its URL with a password (which the server does not ask for)."""
    with kotakerja.open_store(store_url) as store:
        store.add(*kotakerja.examples(), KB, LATE)
        column = "body_text" if store.dialect == "postgresql" else "body"
        with store._writer.begin() as conn:
            conn.execute(
                sa.text(
                    f"UPDATE documents SET {column} = REPLACE({column}, '\"ksdpl\"', '\"ksdxx\"') "
                    "WHERE id = 'mou-jakarta-shanghai-2020'"
                )
            )
    parsed = sa.make_url(store_url)
    if parsed.get_backend_name() == "postgresql":
        parsed = parsed.set(password="rahasia")
    return parsed.render_as_string(hide_password=False)


def test_problems_are_file_line_column_code_message(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = sa.make_url(url).render_as_string(hide_password=True)
    assert main(["validate", "--db", url]) == 1
    captured = capsys.readouterr()
    assert "rahasia" not in captured.out + captured.err
    lines = captured.out.splitlines()
    assert lines == [
        f"{shown}:1:1: kotakerja.enum: [mou-jakarta-shanghai-2020].scheme: expected one of "
        "'ksdd', 'ksdpk', 'ksdpl', 'ksdll', 'business', 'other', got str 'ksdxx'",
        f"{shown}:14:1: kotakerja.register.dangling_reference: "
        "[meeting-jakarta-shanghai-2023].referenced[0]: meeting meeting-jakarta-shanghai-2023 "
        "points to mou mou-jakarta-shanghai-2020, which is not in the register",
        f"{shown}:25:1: kotakerja.lineage.outside_period: warning: [pks-2023].mou: signed on "
        "2023-01-09, when mou kb-2019 was not in force (expired); a PKS implements a KB in force",
    ]
    for line in lines:  # nothing of the old form, `file:line: path: message [code]`
        assert re.fullmatch(rf"{re.escape(shown)}:\d+:1: kotakerja\.[a-z_.]+: .+", line)
        assert not line.endswith("]")
    assert "25 records checked, 2 errors, 1 warning" in captured.err


def test_problems_as_json_lines(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    shown = sa.make_url(url).render_as_string(hide_password=True)
    assert main(["validate", "--db", url, "--problems", "json", "-q"]) == 1
    captured = capsys.readouterr()
    assert captured.err == ""
    problems = [json.loads(x) for x in captured.out.splitlines()]
    assert [(p["file"], p["line"], p["severity"], p["path"], p["pointer"]) for p in problems] == [
        (shown, 1, "error", "[mou-jakarta-shanghai-2020].scheme", "/scheme"),
        (shown, 14, "error", "[meeting-jakarta-shanghai-2023].referenced[0]", "/referenced/0"),
        (shown, 25, "warning", "[pks-2023].mou", "/mou"),
    ]


def test_no_warnings_and_max_problems_work_as_for_files(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--db", url, "--no-warnings", "--max-problems", "1"]) == 1
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 1
    assert "1 more problem not shown (--max-problems 1)" in captured.err
    assert "25 records checked, 2 errors\n" in captured.err


def test_a_database_with_warnings_only_exits_0(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with kotakerja.open_store(sqlite_url) as store:
        store.add(KB, LATE)
    assert main(["validate", "--db", sqlite_url]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"{sqlite_url}:2:1: kotakerja.lineage.outside_period: warning:")
    assert "2 records checked, 0 errors, 1 warning" in captured.err
