"""The package reads top down: no import cycles, no reaching into another package's privates.

The graph is read from the source (module-level and function-level imports, not
those under ``if TYPE_CHECKING:``). Two levels are checked: modules, and units (each
subpackage is one unit, each top-level module another). The top-level ``__init__``
is the public face and may import any module.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import kotakerja

SRC = Path(kotakerja.__file__).parent
ROOT = SRC.name


def _modules() -> dict[str, Path]:
    mods: dict[str, Path] = {}
    for path in SRC.rglob("*.py"):
        parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        mods[".".join(parts)] = path
    return mods


MODULES = _modules()


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _runtime_imports(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                stack.extend(child.orelse)
                continue
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                yield child
            stack.append(child)


def _resolve(module: str, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".") if _is_package(module) else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _owner(name: str) -> str:
    """The module that defines `name` (a module, or a module's attribute)."""
    while name not in MODULES and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def _imports() -> dict[str, set[tuple[str, str | None]]]:
    """For each module: (imported module, imported name or None)."""
    out: dict[str, set[tuple[str, str | None]]] = {m: set() for m in MODULES}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _runtime_imports(tree):
            if isinstance(node, ast.Import):
                targets = [(a.name, None) for a in node.names]
            else:
                base = _resolve(module, node)
                targets = [
                    (f"{base}.{a.name}", None) if f"{base}.{a.name}" in MODULES else (base, a.name)
                    for a in node.names
                ]
            for target, name in targets:
                if target == ROOT or target.startswith(ROOT + "."):
                    out[module].add((_owner(target), name))
    return out


IMPORTS = _imports()


def _unit(module: str) -> str:
    """The subpackage a module belongs to, or the top-level module itself."""
    parts = module.split(".")
    head = ".".join(parts[:2])
    if len(parts) >= 2 and head in MODULES and _is_package(head):
        return head
    return module


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_module_imports_itself_through_others() -> None:
    edges = {
        m: {t for t, _ in targets if t != m and not _is_package(t)}
        for m, targets in IMPORTS.items()
        if m != ROOT and not _is_package(m)
    }
    assert _cycles(edges) == []


def test_no_package_imports_itself_through_others() -> None:
    edges: dict[str, set[str]] = {}
    for module, targets in IMPORTS.items():
        if module == ROOT:
            continue
        unit = _unit(module)
        edges.setdefault(unit, set()).update(
            _unit(t) for t, _ in targets if t != ROOT and _unit(t) != unit
        )
    assert _cycles(edges) == []


def test_no_module_imports_another_packages_private_names() -> None:
    reach_ins = []
    for module, targets in IMPORTS.items():
        if module == ROOT:
            continue
        home = module if _is_package(module) else module.rsplit(".", 1)[0]
        for target, name in targets:
            if name is None or not name.startswith("_") or name.startswith("__"):
                continue
            owner = target if _is_package(target) else target.rsplit(".", 1)[0]
            if not (home == owner or home.startswith(owner + ".")):
                reach_ins.append(f"{module} imports {target}.{name}")
    assert reach_ins == []


def test_the_checks_see_the_whole_package() -> None:
    assert {"kotakerja._check", "kotakerja.records._base", "kotakerja.serialization"} <= set(
        MODULES
    )
    assert ("kotakerja._model", "check_fields") in IMPORTS["kotakerja.records._base"]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
