"""Time loading and querying 1,000, 10,000 and 100,000 records: Register, SQLite, PostgreSQL.

    python bench/store_scale.py --postgresql auto --json scale.json --svg docs/img/store-scale.svg
    python bench/store_scale.py --sizes 1000 10000      # a quicker run, SQLite and Register only

For each size the records of `bench/store.py` are written to a JSON Lines file, then

- loaded into a `Register` (``Register.load_jsonl``) and imported into a fresh SQLite
  file and a fresh PostgreSQL database (``kotakerja db import``), each in a fresh
  interpreter, in CPU seconds with its peak resident memory;
- queried with ``expiring_within``, ``overdue_follow_ups``, ``referring_to`` and
  ``by_region``: the first call (nothing decoded, no index built yet) and the median of
  seven more, in milliseconds.

The results are written as JSON, and with ``--svg`` drawn as a chart: one panel for
the load or import, one per query, time against the number of records on log scales.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).parent))

from store import _child, _postgresql, generate, query_times

import kotakerja
from kotakerja import to_dict
from kotakerja.serialization._json import dumps

QUERIES = ("expiring_within", "overdue_follow_ups", "referring_to", "by_region")
TARGETS = ("register", "sqlite", "postgresql")
LABELS = {"register": "Register (memory)", "sqlite": "SQLite", "postgresql": "PostgreSQL"}
COLOURS = {"register": "#1b9e77", "sqlite": "#d95f02", "postgresql": "#7570b3"}


def measure_size(count: int, work: Path, postgresql: str | None) -> dict[str, Any]:
    """Every number of one size, by target."""
    path = work / f"records-{count}.jsonl"
    written = 0
    with path.open("w", encoding="utf-8") as f:
        for record in generate(count):
            f.write(dumps(to_dict(record)) + "\n")
            written += 1
    out: dict[str, Any] = {"records": written}
    load_s, load_mb = _child(f"import kotakerja; kotakerja.Register.load_jsonl({str(path)!r})")
    register = kotakerja.Register.load_jsonl(path)
    out["register"] = {"load_cpu_s": round(load_s, 3), "peak_mb": round(load_mb, 1)}
    out["register"].update(query_times(register))
    del register
    urls = {"sqlite": f"sqlite:///{work / f'store-{count}.db'}"}
    if postgresql is not None:
        urls["postgresql"] = postgresql
    for name, url in urls.items():
        if name == "postgresql":
            _reset(url)
        code = (
            "from kotakerja.cli import main; "
            f"main(['db', 'import', {str(path)!r}, '--db', {url!r}])"
        )
        import_s, import_mb = _child(code)
        numbers: dict[str, Any] = {
            "load_cpu_s": round(import_s, 3),
            "import_ratio": round(import_s / load_s, 2),
            "peak_mb": round(import_mb, 1),
        }
        with kotakerja.open_store(url) as store:
            assert len(store) == written
            numbers.update(query_times(store))
        out[name] = numbers
    path.unlink()
    return out


def _reset(url: str) -> None:
    """Empty the PostgreSQL database at `url` of the store's tables."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


# The chart ----------------------------------------------------------------------------------

_PANEL_W, _PANEL_H = 250, 190
_LEFT, _TOP, _RIGHT, _BOTTOM = 52, 34, 14, 38


def _ticks(low: float, high: float) -> list[float]:
    """Powers of ten (and their 2 and 5 multiples when few) spanning low..high."""
    start, stop = math.floor(math.log10(low)), math.ceil(math.log10(high))
    ticks = [10.0**e for e in range(start, stop + 1)]
    if len(ticks) > 3:
        return ticks
    steps = sorted(t * m for t in ticks for m in (1, 2, 5))
    below = max(v for v in steps if v <= low)
    above = min(v for v in steps if v >= high)
    return [v for v in steps if below <= v <= above]


def _label(value: float) -> str:
    if value >= 1000:
        return f"{round(value / 1000):d}k"
    return f"{value:g}"


def _panel(title: str, unit: str, series: dict[str, list[tuple[int, float]]]) -> list[str]:
    values = [v for points in series.values() for _, v in points if v > 0]
    sizes = sorted({n for points in series.values() for n, _ in points})
    if not values or not sizes:
        return []
    ticks = _ticks(min(values), max(values))
    y_low, y_high = math.log10(ticks[0]), math.log10(ticks[-1])
    x_low, x_high = math.log10(sizes[0]), math.log10(sizes[-1])
    width = _PANEL_W - _LEFT - _RIGHT
    height = _PANEL_H - _TOP - _BOTTOM

    def x(n: float) -> float:
        span = x_high - x_low or 1
        return _LEFT + (math.log10(n) - x_low) / span * width

    def y(v: float) -> float:
        span = y_high - y_low or 1
        return _TOP + height - (math.log10(v) - y_low) / span * height

    out = [
        f'<text x="{_PANEL_W / 2}" y="16" text-anchor="middle" font-weight="bold">'
        f"{escape(title)}</text>",
        f'<rect x="{_LEFT}" y="{_TOP}" width="{width}" height="{height}" fill="none" '
        'stroke="#999"/>',
    ]
    for tick in ticks:
        ty = y(tick)
        out.append(f'<line x1="{_LEFT}" x2="{_LEFT + width}" y1="{ty:.1f}" y2="{ty:.1f}" '
                   'stroke="#e5e5e5"/>')  # fmt: skip
        out.append(f'<text x="{_LEFT - 4}" y="{ty + 4:.1f}" text-anchor="end">'
                   f"{_label(tick)}</text>")  # fmt: skip
    for n in sizes:
        out.append(f'<text x="{x(n):.1f}" y="{_TOP + height + 14}" text-anchor="middle">'
                   f"{_label(n)}</text>")  # fmt: skip
    out.append(f'<text x="{_LEFT + width / 2}" y="{_PANEL_H - 6}" text-anchor="middle">'
               "records</text>")  # fmt: skip
    out.append(f'<text transform="translate(12 {_TOP + height / 2}) rotate(-90)" '
               f'text-anchor="middle">{escape(unit)}</text>')  # fmt: skip
    for name, points in series.items():
        shown = [(n, v) for n, v in points if v > 0]
        if not shown:
            continue
        line = " ".join(f"{x(n):.1f},{y(v):.1f}" for n, v in shown)
        colour = COLOURS[name]
        out.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for n, v in shown:
            out.append(f'<circle cx="{x(n):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}"/>')
    return out


def render_svg(results: list[dict[str, Any]]) -> str:
    """The chart of `results` (one entry per size) as an SVG document."""
    panels: list[tuple[str, str, str]] = [("load / import", "CPU seconds", "load_cpu_s")]
    panels += [(f"{q}, first call", "milliseconds", f"{q}_first_ms") for q in QUERIES]
    columns = 3
    rows = math.ceil((len(panels) + 1) / columns)
    width, height = columns * _PANEL_W, rows * _PANEL_H
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
        "<title>Store benchmark: time against the number of records</title>",
        f'<rect width="{width}" height="{height}" fill="white"/>',
    ]
    for i, (title, unit, key) in enumerate(panels):
        series = {
            name: [(r["records"], r[name][key]) for r in results if name in r]
            for name in TARGETS
            if any(name in r for r in results)
        }
        px, py = (i % columns) * _PANEL_W, (i // columns) * _PANEL_H
        out.append(f'<g transform="translate({px} {py})">')
        out += _panel(title, unit, series)
        out.append("</g>")
    # the legend, in the last cell
    i = len(panels)
    px, py = (i % columns) * _PANEL_W + _LEFT, (i // columns) * _PANEL_H + _TOP + 10
    for k, name in enumerate(n for n in TARGETS if any(n in r for r in results)):
        ly = py + k * 22
        out.append(f'<line x1="{px}" x2="{px + 28}" y1="{ly}" y2="{ly}" '
                   f'stroke="{COLOURS[name]}" stroke-width="2"/>')  # fmt: skip
        out.append(f'<circle cx="{px + 14}" cy="{ly}" r="3" fill="{COLOURS[name]}"/>')
        out.append(f'<text x="{px + 36}" y="{ly + 4}">{escape(LABELS[name])}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--postgresql", help="a database URL, or 'auto' for a throwaway server")
    parser.add_argument("--json", help="write the results to this file")
    parser.add_argument("--svg", help="draw the chart into this file")
    parser.add_argument("--from-json", help="only draw the chart of an earlier --json file")
    args = parser.parse_args()
    if args.from_json:
        results = json.loads(Path(args.from_json).read_text(encoding="utf-8"))
    else:
        work = Path(tempfile.mkdtemp(prefix="kotakerja-scale-"))
        servers = _postgresql() if args.postgresql == "auto" else None
        try:
            url = next(servers) if servers is not None else args.postgresql
            results = [measure_size(n, work, url) for n in args.sizes]
        finally:
            if servers is not None:
                servers.close()
            shutil.rmtree(work, ignore_errors=True)
    text = json.dumps(results, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    if args.svg:
        Path(args.svg).parent.mkdir(parents=True, exist_ok=True)
        Path(args.svg).write_text(render_svg(results), encoding="utf-8")


if __name__ == "__main__":
    main()
