"""Readable summaries of a register for a terminal, in Indonesian or English."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

import attrs
import pendulum

from ._check import Policy
from ._errors import ValidationError
from .records._agreements import Agreement, Document, DocumentStatus
from .records._shipments import ReleaseTotals, ShipmentStatus
from .register import Register
from .values._dates import PartialDate
from .values._money import Money
from .values._places import Country, Region

__all__ = [
    "FORMATS",
    "Report",
    "Section",
    "Within",
    "build_report",
    "parse_within",
    "render_report",
]

_LABELS: dict[str, dict[str, str]] = {
    "id": {
        "title": "Laporan kerja sama per {date}",
        "records": "Rekaman",
        "documents": "Kesepakatan bersama (MoU) dan perjanjian kerja sama (PKS)",
        "expiring_within": "Berakhir dalam {window}",
        "expires": "Berakhir",
        "other": "Lainnya",
        "timeline": "Lini masa per mitra",
        "today": "hari ini",
        "none": "(tidak ada)",
        "open_end": "tidak disebut",
        "renews": "diperpanjang otomatis pada {date}",
        "mou": "MoU",
        "agreement": "PKS",
        "uncertain": "tidak pasti",
        "shipments": "Ekspor per negara tujuan",
        "unknown": "tidak diketahui",
        "follow_ups": "Tindak lanjut terbuka ({n}, terlambat {late})",
        "overdue": "terlambat",
        "open": "terbuka",
    },
    "en": {
        "title": "Cooperation report as of {date}",
        "records": "Records",
        "documents": "MoUs and implementing agreements",
        "expiring_within": "Expiring within {window}",
        "expires": "Expires",
        "other": "Other",
        "timeline": "Timeline per partner",
        "today": "today",
        "none": "(none)",
        "open_end": "not stated",
        "renews": "renews automatically on {date}",
        "mou": "MoU",
        "agreement": "PKS",
        "uncertain": "uncertain",
        "shipments": "Export shipments by destination",
        "unknown": "unknown",
        "follow_ups": "Open follow-ups ({n}, overdue {late})",
        "overdue": "overdue",
        "open": "open",
    },
}

_DOC_COLUMNS = {
    "id": ("ID", "Jenis", "Judul", "Skema", "Ditandatangani", "Status", "Berakhir"),
    "en": ("ID", "Kind", "Title", "Scheme", "Signed", "Status", "Expires"),
}

_FOLLOW_UP_COLUMNS = {
    "id": ("Pertemuan", "Tindak lanjut", "Penanggung jawab", "Tenggat", "Status"),
    "en": ("Meeting", "Follow-up", "Owner", "Due", "Status"),
}

_SHIPMENT_COLUMNS = {
    "id": ("Negara", "Kode", "Pengiriman", "Status", "Nilai"),
    "en": ("Country", "Code", "Shipments", "Status", "Value"),
}

_SHIPMENT_STATUS = {
    "id": {
        ShipmentStatus.PLANNED: "direncanakan",
        ShipmentStatus.BOOKED: "dipesan",
        ShipmentStatus.DOCUMENTS_SUBMITTED: "PEB diajukan",
        ShipmentStatus.CUSTOMS_RELEASED: "NPE terbit",
        ShipmentStatus.RELEASED: "dilepas",
        ShipmentStatus.DEPARTED: "berangkat",
        ShipmentStatus.ARRIVED: "tiba",
        ShipmentStatus.DELIVERED: "diterima",
        ShipmentStatus.CANCELLED: "dibatalkan",
        ShipmentStatus.RETURNED: "dikembalikan",
    },
    "en": {status: status.value.replace("_", " ") for status in ShipmentStatus},
}

_STATUS = {
    "id": {
        DocumentStatus.DRAFT: "draf",
        DocumentStatus.NEGOTIATING: "dirundingkan",
        DocumentStatus.SIGNED: "ditandatangani",
        DocumentStatus.IN_FORCE: "berlaku",
        DocumentStatus.EXPIRED: "berakhir",
        DocumentStatus.TERMINATED: "diakhiri",
    },
    "en": {
        DocumentStatus.DRAFT: "draft",
        DocumentStatus.NEGOTIATING: "negotiating",
        DocumentStatus.SIGNED: "signed",
        DocumentStatus.IN_FORCE: "in force",
        DocumentStatus.EXPIRED: "expired",
        DocumentStatus.TERMINATED: "terminated",
    },
}


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int | None = None,
    flexible: Sequence[int] = (),
) -> list[str]:
    """Columns padded to their widest cell; `flexible` columns shrink to fit `width`.

    Cells cut short end in an ellipsis; no column is cut below 12 characters or its
    header, and the others (ids, dates) are never cut. When the table still does not fit, each
    row becomes a block of labelled lines instead (see `_stacked`).
    """
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    limit = width or 160
    while flexible and sum(widths) + 2 * (len(widths) - 1) > limit:
        shrinkable = [i for i in flexible if widths[i] > max(12, len(header[i]))]
        if not shrinkable:
            break
        widths[max(shrinkable, key=widths.__getitem__)] -= 1
    if sum(widths) + 2 * (len(widths) - 1) > limit:
        return _stacked(header, rows, limit)
    cells = [[_clip(c, w) for c, w in zip(r, widths, strict=True)] for r in rows]
    line = "  ".join("─" * w for w in widths)
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(), line]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return out


def _stacked(header: Sequence[str], rows: Sequence[Sequence[str]], width: int) -> list[str]:
    """Each row as its first cell on a line of its own, then one labelled line per cell.

    Long cells wrap at word boundaries under their label; nothing is cut.
    """
    label_width = max(len(h) for h in header[1:])
    out: list[str] = []
    for i, row in enumerate(rows):
        if i:
            out.append("")
        out.append(row[0])
        for label, cell in zip(header[1:], row[1:], strict=True):
            prefix = f"  {label.ljust(label_width)}  "
            lines = textwrap.wrap(cell, max(20, width - len(prefix)), break_on_hyphens=False)
            out.append((prefix + (lines[0] if lines else "")).rstrip())
            out += [" " * len(prefix) + more for more in lines[1:]]
    return out


def _scheme_name(doc: Document) -> str:
    value = doc.scheme.value
    return value.upper() if value.startswith("ksd") else value


def _signed_key(doc: Document) -> tuple[int, int, int, int]:
    return (doc.signed_on() or PartialDate(year=9999)).sort_key()


_WITHIN = re.compile(r"\s*([0-9]{1,5})\s*([dwmy]|hari|minggu|bulan|tahun)?\s*", re.IGNORECASE)
_UNIT_WORDS = {"hari": "d", "minggu": "w", "bulan": "m", "tahun": "y"}


def parse_within(text: str | int) -> Within:
    """A report window: ``30d``, ``6w``, ``6m``, ``1y`` (or ``30 hari``, ``6 bulan``); a
    bare number counts days.

    >>> parse_within("6m")
    Within(count=6, unit='m')
    """
    if isinstance(text, int) and not isinstance(text, bool):
        count, unit = text, "d"
    else:
        match = _WITHIN.fullmatch(str(text))
        if match is None:
            raise ValidationError.single(
                "",
                "kotakerja.report.bad_window",
                f"{str(text)[:40]!r} is not a window such as 30d, 6w, 6m or 1y",
            )
        count = int(match[1])
        word = (match[2] or "d").lower()
        unit = _UNIT_WORDS.get(word, word)
    return Within(count=count, unit=unit)


@attrs.frozen
class Within:
    """How far ahead a report looks for expiring documents: a count of days, weeks,
    months or years (``d``, ``w``, ``m``, ``y``)."""

    count: int
    unit: str = "d"

    def days_from(self, day: PartialDate) -> int:
        """The window in days, counted from the first day `day` may be."""
        first = day.earliest()
        start = pendulum.date(first.year, first.month, first.day)
        if self.unit == "d":
            return self.count
        if self.unit == "w":
            return 7 * self.count
        try:
            months = self.count if self.unit == "m" else 12 * self.count
            end = start.add(months=months)
        except (ValueError, OverflowError):
            return (dt.date.max - first).days
        return (end - start).days

    def label(self, lang: str) -> str:
        names = {
            "id": {"d": "hari", "w": "minggu", "m": "bulan", "y": "tahun"},
            "en": {"d": "days", "w": "weeks", "m": "months", "y": "years"},
        }
        return f"{self.count} {names[lang][self.unit]}"


class _Context:
    """What every section needs: the register, the day, the language and the policy."""

    def __init__(
        self,
        register: Register,
        day: PartialDate,
        lang: str,
        policy: Policy,
        width: int | None,
        within: Within,
    ) -> None:
        self.register = register
        self.width = width
        self.day = day
        self.lang = lang
        self.policy = policy
        self.within = within
        self.labels = _LABELS[lang]

    def date(self, value: PartialDate | None, missing: str = "—") -> str:
        return value.format(self.lang) if value is not None else missing


@attrs.frozen
class Section:
    """One part of a report: a title, column headings and rows of (key, value) cells.

    `keys` name the columns for machines (JSON, CSV); `header` names them for people.
    `values` hold what JSON gets for each row (ISO dates, codes, exact amounts);
    `rows` what people read.
    """

    name: str
    title: str
    keys: tuple[str, ...]
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    values: tuple[dict[str, Any], ...]
    flexible: tuple[int, ...] = ()


def _documents(ctx: _Context) -> Section:
    labels = ctx.labels
    status_names = _STATUS[ctx.lang]
    rows = []
    values = []
    for doc in sorted(ctx.register.documents(), key=_signed_key):
        status = doc.status_on(ctx.day)
        signed = doc.signed_on()
        expires = doc.expires_on()
        rows.append(
            (
                doc.id,
                labels["agreement"] if isinstance(doc, Agreement) else labels["mou"],
                doc.title,
                _scheme_name(doc),
                ctx.date(signed),
                status_names[status] if status is not None else labels["uncertain"],
                _end(ctx, doc),
            )
        )
        values.append(
            {
                "id": doc.id,
                "type": doc.TYPE,
                "title": doc.title,
                "scheme": doc.scheme.value,
                "signed": None if signed is None else str(signed),
                "status": None if status is None else status.value,
                "expires": None if expires is None else str(expires),
                "renews": None if doc.renews_on(ctx.day) is None else str(doc.renews_on(ctx.day)),
                "parties": [p.label(ctx.lang) for p in doc.parties],
            }
        )
    return Section(
        "documents",
        labels["documents"],
        ("id", "type", "title", "scheme", "signed", "status", "expires"),
        _DOC_COLUMNS[ctx.lang],
        tuple(rows),
        tuple(values),
        (2,),
    )


def _end(ctx: _Context, doc: Document) -> str:
    """The last day of the period running on the report's day, and the next renewal."""
    renews = doc.renews_on(ctx.day)
    if renews is None:
        return ctx.date(doc.expires_on(), ctx.labels["open_end"])
    note = ctx.labels["renews"].format(date=renews.format(ctx.lang))
    return f"{ctx.date(doc.current_end(ctx.day))} ({note})"


def _expiring(ctx: _Context) -> Section:
    days = ctx.within.days_from(ctx.day)
    soon = ctx.register.expiring_within(days, on=ctx.day)
    rows = tuple((d.id, _end(ctx, d)) for d in soon)
    values = []
    for d in soon:
        end = d.current_end(ctx.day) if d.renews_on(ctx.day) is not None else d.expires_on()
        values.append({"id": d.id, "expires": None if end is None else str(end)})
    title = ctx.labels["expiring_within"].format(window=ctx.within.label(ctx.lang))
    header = ("ID", ctx.labels["expires"])
    return Section("expiring", title, ("id", "expires"), header, rows, tuple(values))


def _follow_ups(ctx: _Context) -> Section:
    labels = ctx.labels
    entries = ctx.register.open_follow_ups(on=ctx.day)
    rows = tuple(
        (
            e.meeting.id,
            e.follow_up.action,
            e.follow_up.owner.label(ctx.lang) if e.follow_up.owner is not None else "—",
            ctx.date(e.follow_up.due),
            labels["overdue"] if e.overdue else labels["open"],
        )
        for e in entries
    )
    values = tuple(
        {
            "meeting": e.meeting.id,
            "index": e.index,
            "action": e.follow_up.action,
            "owner": e.follow_up.owner.label(ctx.lang) if e.follow_up.owner else None,
            "due": None if e.follow_up.due is None else str(e.follow_up.due),
            "overdue": e.overdue,
        }
        for e in entries
    )
    late = sum(e.overdue for e in entries)
    return Section(
        "follow_ups",
        labels["follow_ups"].format(n=len(entries), late=late),
        ("meeting", "action", "owner", "due", "status"),
        _FOLLOW_UP_COLUMNS[ctx.lang],
        rows,
        values,
        (1, 2),
    )


def _shipments(ctx: _Context) -> Section:
    labels = ctx.labels
    names = _SHIPMENT_STATUS[ctx.lang]
    rows = []
    values = []
    groups = ctx.register.shipments_by_destination()
    for code, group in sorted(groups.items(), key=lambda kv: kv[1][0].destination.format(ctx.lang)):
        counts: dict[str, int] = {}
        states: dict[str, int] = {}
        for shipment in group:
            status = shipment.status_after(ctx.day)
            name = names[status] if status is not None else "—"
            counts[name] = counts.get(name, 0) + 1
            key = status.value if status is not None else "unknown"
            states[key] = states.get(key, 0) + 1
        totals = ReleaseTotals.of(group)
        shown = [
            Money(amount=a, currency=c).format(ctx.lang) for c, a in sorted(totals.values.items())
        ]
        if totals.without_value:
            shown.append(f"{totals.without_value}× {labels['unknown']}")
        rows.append(
            (
                group[0].destination.format(ctx.lang),
                code,
                str(len(group)),
                ", ".join(f"{n} {name}" for name, n in counts.items()),
                "; ".join(shown),
            )
        )
        values.append(
            {
                "country": code,
                "name": group[0].destination.format(ctx.lang),
                "shipments": len(group),
                "status": states,
                "value": {c: str(a) for c, a in sorted(totals.values.items())},
                "without_value": totals.without_value,
            }
        )
    return Section(
        "shipments",
        labels["shipments"],
        ("country", "code", "shipments", "status", "value"),
        _SHIPMENT_COLUMNS[ctx.lang],
        tuple(rows),
        tuple(values),
        (0, 4),
    )


_SECTIONS: tuple[Callable[[_Context], Section], ...] = (
    _documents,
    _expiring,
    _follow_ups,
    _shipments,
)

FORMATS = ("table", "json", "csv", "markdown", "html")


@attrs.frozen
class Report:
    """A report of a register on a day: counts and sections, ready for any format."""

    title: str
    day: PartialDate
    lang: str
    counts: dict[str, int]
    sections: tuple[Section, ...]
    timeline: tuple[_Lane, ...] = ()


def build_report(
    register: Register,
    *,
    on: PartialDate | None = None,
    lang: str = "id",
    policy: Policy | None = None,
    within: Within | str | int | None = None,
    regions: Sequence[Region | str] = (),
    countries: Sequence[Country | str] = (),
    types: Sequence[str] = (),
    width: int | None = None,
) -> Report:
    """The report's content: what `render_report` writes, as data.

    `within` is the window for expiring documents (default: the policy's
    ``expiring_within_days``); `regions`, `countries` and `types` keep only the
    records that involve one of those regions or countries and are of those types.
    """
    if lang not in ("id", "en"):
        raise ValueError(f"lang is 'id' or 'en', not {lang!r}")
    policy = policy or Policy()
    window = (
        Within(policy.expiring_within_days)
        if within is None
        else within
        if isinstance(within, Within)
        else parse_within(within)
    )
    selected = _filtered(register, regions, countries, types)
    ctx = _Context(selected, on or PartialDate.today(), lang, policy, width, window)
    counts: dict[str, int] = {}
    for r in selected:
        counts[r.TYPE] = counts.get(r.TYPE, 0) + 1
    return Report(
        title=ctx.labels["title"].format(date=ctx.day.format(ctx.lang)),
        day=ctx.day,
        lang=lang,
        counts=dict(sorted(counts.items())),
        sections=tuple(section(ctx) for section in _SECTIONS),
        timeline=_timeline(ctx),
    )


def _filtered(
    register: Register,
    regions: Sequence[Region | str],
    countries: Sequence[Country | str],
    types: Sequence[str],
) -> Register:
    if not (regions or countries or types):
        return register
    places: list[Region | Country] = [
        Region.get(r) if isinstance(r, str) else r for r in regions
    ] + [Country.get(c) if isinstance(c, str) else c for c in countries]
    wanted = {t.lower() for t in types}
    kept = [
        r
        for r in register
        if (not wanted or r.TYPE in wanted)
        and (not places or any(register.involves(r, p) for p in places))
    ]
    return Register(kept, check_references=False)


def render_report(
    register: Register,
    *,
    on: PartialDate | None = None,
    lang: str = "id",
    policy: Policy | None = None,
    width: int | None = None,
    within: Within | str | int | None = None,
    format: str = "table",
    regions: Sequence[Region | str] = (),
    countries: Sequence[Country | str] = (),
    types: Sequence[str] = (),
) -> str:
    """A summary of `register` on a date (default today), in ``id`` or ``en``.

    Record counts; the MoUs and agreements with their status on that date and those
    expiring within the window (`within`: ``30d``, ``6m``...; default the policy's);
    the follow-ups of meetings still open, overdue ones marked; export shipments by
    destination country with their status once that day is over and their value per
    currency. `format` is ``table`` (plain text; tables shrink to `width` characters,
    default 160, and become labelled blocks when they cannot fit), ``json``, ``csv``
    (one row per item, the section named in the first column), ``markdown`` or
    ``html`` (one self-contained page with an SVG timeline per partner).
    """
    if format not in FORMATS:
        raise ValueError(f"format is one of {', '.join(FORMATS)}, not {format!r}")
    report = build_report(
        register,
        on=on,
        lang=lang,
        policy=policy,
        within=within,
        regions=regions,
        countries=countries,
        types=types,
        width=width,
    )
    if format == "json":
        return _as_json(report)
    if format == "csv":
        return _as_csv(report)
    if format == "markdown":
        return _as_markdown(report)
    if format == "html":
        from ._report_html import render_html

        return render_html(report)
    return _as_text(report, width)


def _counts_line(report: Report) -> str:
    labels = _LABELS[report.lang]
    return f"{labels['records']}: " + ", ".join(f"{n} {t}" for t, n in report.counts.items())


def _as_text(report: Report, width: int | None) -> str:
    labels = _LABELS[report.lang]
    lines = [
        report.title,
        "",
        *textwrap.wrap(_counts_line(report), max(20, width or 160), subsequent_indent="  "),
    ]
    for section in report.sections:
        lines += ["", section.title]
        if section.name == "expiring":
            body = [f"  {r[0]}: {r[1]}" for r in section.rows] or [f"  {labels['none']}"]
        elif section.rows:
            body = _table(section.header, section.rows, width, flexible=section.flexible)
        else:
            body = [labels["none"]]
        lines += body
    return "\n".join(lines) + "\n"


def _as_json(report: Report) -> str:
    data = {
        "title": report.title,
        "date": str(report.day),
        "lang": report.lang,
        "counts": report.counts,
        **{s.name: {"title": s.title, "items": list(s.values)} for s in report.sections},
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _safe_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r", "'") else text


def _as_csv(report: Report) -> str:
    keys: list[str] = []
    for section in report.sections:
        keys += [k for k in section.keys if k not in keys]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["section", *keys])
    for section in report.sections:
        for row in section.rows:
            cells = dict(zip(section.keys, row, strict=True))
            writer.writerow([section.name, *(_safe_cell(cells.get(k, "")) for k in keys)])
    return buffer.getvalue()


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _as_markdown(report: Report) -> str:
    labels = _LABELS[report.lang]
    lines = [f"# {_md_cell(report.title)}", "", _md_cell(_counts_line(report))]
    for section in report.sections:
        lines += ["", f"## {_md_cell(section.title)}", ""]
        if not section.rows:
            lines.append(labels["none"])
            continue
        lines.append("| " + " | ".join(_md_cell(h) for h in section.header) + " |")
        lines.append("|" + "---|" * len(section.header))
        lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in section.rows]
    return "\n".join(lines) + "\n"


@attrs.frozen
class _Bar:
    """One item on a partner's lane: a document's term (start to end) or a meeting (a day)."""

    id: str
    label: str
    kind: str
    start: dt.date
    end: dt.date | None
    status: str


@attrs.frozen
class _Lane:
    partner: str
    bars: tuple[_Bar, ...]


def _home(documents: Sequence[Document], lang: str) -> str | None:
    counts: dict[str, int] = {}
    for doc in documents:
        for party in doc.parties:
            name = party.label(lang)
            counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    best = max(counts.values())
    if best < 2:
        return None
    return min(name for name, n in counts.items() if n == best)


def _timeline(ctx: _Context) -> tuple[_Lane, ...]:
    """Agreements (signed to end) and meetings (a day) in lanes per partner."""
    from .records._meetings import Meeting

    documents = list(ctx.register.documents())
    home = _home(documents, ctx.lang)
    lanes: dict[str, list[_Bar]] = {}
    partners_of: dict[str, list[str]] = {}
    status_names = _STATUS[ctx.lang]
    for doc in documents:
        signed = doc.signed_on()
        if signed is None:
            continue
        partners = [p.label(ctx.lang) for p in doc.parties if p.label(ctx.lang) != home]
        partners = partners or [p.label(ctx.lang) for p in doc.parties]
        partners_of[doc.id] = partners
        expires = doc.expires_on()
        status = doc.status_on(ctx.day)
        bar = _Bar(
            doc.id,
            doc.title,
            doc.TYPE,
            signed.earliest(),
            None if expires is None else expires.latest(),
            status_names[status] if status is not None else ctx.labels["uncertain"],
        )
        for partner in partners:
            lanes.setdefault(partner, []).append(bar)
    other = ctx.labels["other"]
    for meeting in ctx.register.of_type(Meeting):
        day = meeting.timeline_date()
        if day is None:
            continue
        linked = [r.id for r in (*meeting.signed, *meeting.referenced)]
        partners = sorted({p for i in linked for p in partners_of.get(i, ())}) or [other]
        bar = _Bar(meeting.id, meeting.title, "meeting", day.earliest(), None, "")
        for partner in partners:
            lanes.setdefault(partner, []).append(bar)
    return tuple(
        _Lane(partner, tuple(sorted(bars, key=lambda b: (b.start, b.id))))
        for partner, bars in sorted(lanes.items(), key=lambda kv: (kv[0] == other, kv[0]))
    )
