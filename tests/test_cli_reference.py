"""The reference page of each subcommand is made from the argument parser and kept in step."""

from __future__ import annotations

import os
from pathlib import Path

from kotakerja.cli import reference_pages

PAGES = Path(__file__).resolve().parent.parent / "docs" / "reference" / "cli"


def test_every_subcommand_has_its_page_as_the_parser_describes_it() -> None:
    pages = reference_pages()
    if os.environ.get("KOTAKERJA_WRITE_DOCS"):  # regenerate: KOTAKERJA_WRITE_DOCS=1 pytest ...
        for name, text in pages.items():
            (PAGES / name).write_text(text, encoding="utf-8")
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in PAGES.glob("*.md")}
    assert on_disk == pages


def test_pages_cover_the_commands_users_type() -> None:
    names = set(reference_pages())
    assert {"report.md", "validate.md", "convert.md", "ics.md", "schema.md"} <= names
    assert {"import-sheet.md", "db-import.md", "db-export.md", "regions-search.md"} <= names
    assert "`--within`" in reference_pages()["report.md"]
