"""Every Python example in the README and the docs runs as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _blocks() -> list[tuple[str, str]]:
    out = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        code = "\n".join(m.group(1) for m in BLOCK.finditer(text))
        if code:
            out.append((str(page.relative_to(ROOT)), code))
    return out


@pytest.mark.parametrize(("page", "code"), _blocks(), ids=[p for p, _ in _blocks()])
def test_examples_run(page: str, code: str) -> None:
    exec(compile(code, page, "exec"), {"__name__": "__docs__"})


def _modules() -> list[str]:
    import pkgutil

    import kotakerja

    return sorted(m.name for m in pkgutil.walk_packages(kotakerja.__path__, "kotakerja."))


@pytest.mark.parametrize("name", ["kotakerja", *_modules()])
def test_docstring_examples_run(name: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_csv_column_lists_in_the_docs_match_the_code() -> None:
    import kotakerja
    from kotakerja.register import columns_for

    text = (ROOT / "docs" / "csv-tables.md").read_text(encoding="utf-8")
    listed = re.findall(r"<!-- columns: (\w+) -->\n(.*?)\n\n", text, re.DOTALL)
    assert {name for name, _ in listed} == {"mou", "agreement", "export_shipment"}
    for name, body in listed:
        documented = re.findall(r"`(\w+)`", body)
        assert documented == columns_for(kotakerja.record_type(name)), name
        table_rows = set(re.findall(r"^\| `(\w+)` \|", text, re.MULTILINE))
        assert set(documented) <= table_rows, name
