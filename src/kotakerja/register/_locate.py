"""Line numbers for paths in JSON text, so an error can point at the line to fix."""

from __future__ import annotations

import json
import re

__all__ = ["line_of", "path_lines"]

_WS = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SCALAR = re.compile(r"[^,\]\}\s]+")


def path_lines(text: str, max_depth: int = 512) -> dict[str, int]:
    """Map every path in a JSON document (``a.b[0].c``) to the 1-based line its value starts on.

    Works on valid JSON; on anything else it returns what it found before the fault.
    """
    lines: dict[str, int] = {}
    pos = 0
    n = len(text)
    line_starts = [0]
    for m in re.finditer("\n", text):
        line_starts.append(m.end())

    def line_at(offset: int) -> int:
        lo, hi = 0, len(line_starts)
        while lo + 1 < hi:
            mid = (lo + hi) // 2
            if line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid
        return lo + 1

    # Iterative walk: a stack of (container kind, path, index or pending key).
    stack: list[list[object]] = []
    path = ""
    try:
        pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
        lines[""] = line_at(pos)
        while pos < n:
            ch = text[pos]
            if ch in "{[":
                if len(stack) >= max_depth:
                    break
                stack.append(["obj" if ch == "{" else "arr", path, 0])
                pos += 1
            elif ch in "}]":
                stack.pop()
                pos += 1
                parent = stack[-1] if stack else None
                path = str(parent[1]) if parent else ""
            elif ch == ",":
                pos += 1
                if stack and stack[-1][0] == "arr":
                    stack[-1][2] = int(stack[-1][2]) + 1  # type: ignore[call-overload]
            elif ch == '"' and stack and stack[-1][0] == "obj" and _is_key(text, pos):
                km = _STRING.match(text, pos)
                if km is None:
                    break
                key = json.loads(km.group())
                base = str(stack[-1][1])
                pos = _WS.match(text, km.end()).end() + 1  # type: ignore[union-attr]
                pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
                path = f"{base}.{key}" if base else key
                lines[path] = line_at(pos)
                stack[-1][2] = path
                continue
            else:
                if stack and stack[-1][0] == "arr":
                    base = str(stack[-1][1])
                    path = f"{base}[{stack[-1][2]}]"
                    lines[path] = line_at(pos)
                vm = _STRING.match(text, pos) if ch == '"' else _SCALAR.match(text, pos)
                if vm is None:
                    break
                pos = vm.end()
            pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
            if pos < n and text[pos] in "{[" and stack and stack[-1][0] == "arr":
                base = str(stack[-1][1])
                path = f"{base}[{stack[-1][2]}]"
                lines[path] = line_at(pos)
            elif pos < n and text[pos] in "{[" and stack and stack[-1][0] == "obj":
                path = str(stack[-1][2]) if isinstance(stack[-1][2], str) else str(stack[-1][1])
    except (IndexError, ValueError, AttributeError):
        pass
    return lines


def _is_key(text: str, pos: int) -> bool:
    m = _STRING.match(text, pos)
    if m is None:
        return False
    after = _WS.match(text, m.end())
    end = after.end() if after else m.end()
    return end < len(text) and text[end] == ":"


def line_of(lines: dict[str, int], path: str) -> int:
    """The line of `path`, or of its nearest enclosing path that has one."""
    while True:
        if path in lines:
            return lines[path]
        if not path:
            return 1
        cut = max(path.rfind("."), path.rfind("["))
        path = path[: max(cut, 0)]
