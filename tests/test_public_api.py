"""The public API is one table in ``kotakerja/__init__.py``; everything else follows from it.

``__all__`` and the lazy loader are computed from the table at import time;
``__init__.pyi`` (what type checkers read) is generated from it, and this test
keeps it in step. After editing the table run ``python tests/test_public_api.py``.
"""

from __future__ import annotations

from pathlib import Path

import kotakerja

STUB = Path(kotakerja.__file__).with_suffix(".pyi")


def render_stub() -> str:
    """The text of ``__init__.pyi`` for the table as it is now."""
    lines = [
        '"""Type information for kotakerja\'s public names.',
        "",
        "Generated from the table in __init__.py by tests/test_public_api.py; do not edit.",
        '"""',
        "",
        "# ruff: noqa: I001  (grouped by theme, as the table is)",
        "",
        "from ._version import __version__ as __version__",
    ]
    for group, modules in kotakerja._PUBLIC.items():
        lines += ["", f"# {group}"]
        for module, names in modules.items():
            lines.append(f"from {module} import (")
            lines += [f"    {name} as {name}," for name in names]
            lines.append(")")
    lines += [
        "",
        "def examples() -> Register:",
        '    """The bundled register of the seed cases (validated, round-trippable)."""',
        "",
        "__all__ = [",
        *[f'    "{name}",' for name in kotakerja.__all__],
        "]",
        "",
    ]
    return "\n".join(lines)


def test_the_stub_is_generated_from_the_table() -> None:
    assert STUB.read_text(encoding="utf-8") == render_stub(), (
        "__init__.pyi is out of date: run python tests/test_public_api.py"
    )


def test_each_public_name_is_written_once_in_the_table() -> None:
    names = [n for modules in kotakerja._PUBLIC.values() for ns in modules.values() for n in ns]
    assert len(names) == len(set(names))
    assert len(kotakerja.__all__) == len(set(kotakerja.__all__)) == len(names) + 2


def test_every_name_is_defined_where_the_table_says() -> None:
    import importlib

    for modules in kotakerja._PUBLIC.values():
        for module, names in modules.items():
            defined = importlib.import_module(module, "kotakerja")
            for name in names:
                assert getattr(defined, name) is getattr(kotakerja, name), name


def test_the_package_source_names_no_public_name_but_in_the_table() -> None:
    source = Path(kotakerja.__file__).read_text(encoding="utf-8")
    assert source.count('"ValidationError"') == 1
    assert source.count('"Money"') == 1


if __name__ == "__main__":
    STUB.write_text(render_stub(), encoding="utf-8")
    print(f"wrote {STUB}")
