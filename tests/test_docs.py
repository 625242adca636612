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
