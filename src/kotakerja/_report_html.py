"""The report as one self-contained HTML page: tables and an SVG timeline, no JavaScript."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .report import Report

__all__ = ["render_html"]

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem;color:#1f2933}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;font-size:.9rem;margin:.5rem 0}
th,td{border-bottom:1px solid #d9e2ec;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f0f4f8}
.none{color:#7b8794}
svg text{font-family:inherit;font-size:11px;fill:#1f2933}
.lane{fill:#f8fafc}.mou{fill:#2f80ed}.agreement{fill:#27ae60}.meeting{fill:#eb5757}
.today{stroke:#f2994a;stroke-width:2;stroke-dasharray:4 3}
"""

_LANE = 28
_LABEL = 260
_PLOT = 720
_TOP = 24


def _x(day: dt.date, first: dt.date, last: dt.date) -> float:
    span = max((last - first).days, 1)
    return _LABEL + _PLOT * (day - first).days / span


def _svg(report: Report) -> str:
    lanes = report.timeline
    labels_today = {"id": "hari ini", "en": "today"}[report.lang]
    if not lanes:
        return ""
    today = report.day.earliest()
    days: list[dt.date] = [today]
    for lane in lanes:
        for bar in lane.bars:
            days.append(bar.start)
            if bar.end is not None:
                days.append(min(bar.end, dt.date(9999, 12, 31)))
    first = min(days).replace(month=1, day=1)
    last = dt.date(min(max(days).year + 1, 9999), 1, 1)
    height = _TOP + _LANE * len(lanes) + 20
    width = _LABEL + _PLOT + 20
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>{escape(_timeline_title(report))}</title>",
    ]
    for year in range(first.year, last.year + 1):
        x = _x(dt.date(year, 1, 1), first, last)
        parts.append(
            f'<line x1="{x:.1f}" y1="{_TOP - 6}" x2="{x:.1f}" y2="{height - 20}" stroke="#d9e2ec"/>'
        )
        parts.append(f'<text x="{x + 2:.1f}" y="{_TOP - 10}">{year}</text>')
    for i, lane in enumerate(lanes):
        y = _TOP + i * _LANE
        parts.append(
            f'<rect class="lane" x="0" y="{y}" width="{width}" height="{_LANE - 4}"/>'
            f'<text x="4" y="{y + 16}">{escape(lane.partner[:40])}</text>'
        )
        for bar in lane.bars:
            x0 = _x(bar.start, first, last)
            tip = escape(f"{bar.label} ({bar.id}) {bar.status}".strip())
            if bar.kind == "meeting":
                parts.append(
                    f'<circle class="meeting" cx="{x0:.1f}" cy="{y + 12}" r="5">'
                    f"<title>{tip}</title></circle>"
                )
                continue
            end = bar.end if bar.end is not None else max(today, bar.start)
            x1 = _x(min(end, last), first, last)
            parts.append(
                f'<rect class="{escape(bar.kind)}" x="{x0:.1f}" y="{y + 6}" '
                f'width="{max(x1 - x0, 3):.1f}" height="12" rx="3"><title>{tip}</title></rect>'
            )
    xt = _x(today, first, last)
    parts.append(
        f'<line class="today" x1="{xt:.1f}" y1="{_TOP - 6}" x2="{xt:.1f}" y2="{height - 20}"/>'
        f'<text x="{xt + 3:.1f}" y="{height - 6}">{labels_today}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _timeline_title(report: Report) -> str:
    return {"id": "Lini masa per mitra", "en": "Timeline per partner"}[report.lang]


def render_html(report: Report) -> str:
    """One HTML5 page: title, counts, every section as a table, the timeline as SVG."""
    none = {"id": "(tidak ada)", "en": "(none)"}[report.lang]
    counts = ", ".join(f"{n} {escape(t)}" for t, n in report.counts.items())
    body = [f"<h1>{escape(report.title)}</h1>", f"<p>{counts}</p>"]
    svg = _svg(report)
    if svg:
        body += [f"<h2>{escape(_timeline_title(report))}</h2>", f"<figure>{svg}</figure>"]
    for section in report.sections:
        body.append(f"<h2>{escape(section.title)}</h2>")
        if not section.rows:
            body.append(f'<p class="none">{escape(none)}</p>')
            continue
        head = "".join(f"<th>{escape(h)}</th>" for h in section.header)
        rows = "".join(
            "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in section.rows
        )
        body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    return (
        f'<!DOCTYPE html>\n<html lang="{report.lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(report.title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
