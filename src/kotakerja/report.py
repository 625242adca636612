"""Readable summaries of a register for a terminal, in Indonesian or English."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence

from ._check import Policy
from .records._agreements import Agreement, Document, DocumentStatus
from .records._shipments import ReleaseTotals, ShipmentStatus
from .register import Register
from .values._dates import PartialDate, ReportedDate
from .values._money import Money

__all__ = ["render_report"]

_LABELS: dict[str, dict[str, str]] = {
    "id": {
        "title": "Laporan kerja sama per {date}",
        "records": "Rekaman",
        "documents": "Kesepakatan bersama (MoU) dan perjanjian kerja sama (PKS)",
        "expiring": "Berakhir dalam {days} hari",
        "none": "(tidak ada)",
        "open_end": "tidak disebut",
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
        "expiring": "Expiring within {days} days",
        "none": "(none)",
        "open_end": "not stated",
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


class _Context:
    """What every section needs: the register, the day, the language and the policy."""

    def __init__(
        self, register: Register, day: PartialDate, lang: str, policy: Policy, width: int | None
    ) -> None:
        self.register = register
        self.width = width
        self.day = day
        self.lang = lang
        self.policy = policy
        self.labels = _LABELS[lang]

    def date(self, value: PartialDate | ReportedDate | None, missing: str = "—") -> str:
        return value.format(self.lang) if value is not None else missing


def _documents(ctx: _Context) -> list[str]:
    labels = ctx.labels
    status_names = _STATUS[ctx.lang]
    rows = []
    for doc in sorted(ctx.register.documents(), key=_signed_key):
        status = doc.status_on(ctx.day)
        rows.append(
            (
                doc.id,
                labels["agreement"] if isinstance(doc, Agreement) else labels["mou"],
                doc.title,
                _scheme_name(doc),
                ctx.date(doc.signed_on()),
                status_names[status] if status is not None else labels["uncertain"],
                ctx.date(doc.expires_on(), labels["open_end"]),
            )
        )
    body = (
        _table(_DOC_COLUMNS[ctx.lang], rows, ctx.width, flexible=(2,)) if rows else [labels["none"]]
    )
    return [labels["documents"], *body]


def _expiring(ctx: _Context) -> list[str]:
    days = ctx.policy.expiring_within_days
    soon = ctx.register.expiring_within(days, on=ctx.day)
    lines = [f"  {d.id}: {ctx.date(d.expires_on())}" for d in soon]
    return [ctx.labels["expiring"].format(days=days), *(lines or [f"  {ctx.labels['none']}"])]


def _follow_ups(ctx: _Context) -> list[str]:
    labels = ctx.labels
    entries = ctx.register.open_follow_ups(on=ctx.day)
    rows = [
        (
            e.meeting.id,
            e.follow_up.action,
            e.follow_up.owner.label(ctx.lang) if e.follow_up.owner is not None else "—",
            ctx.date(e.follow_up.due),
            labels["overdue"] if e.overdue else labels["open"],
        )
        for e in entries
    ]
    late = sum(e.overdue for e in entries)
    head = labels["follow_ups"].format(n=len(entries), late=late)
    body = (
        _table(_FOLLOW_UP_COLUMNS[ctx.lang], rows, ctx.width, flexible=(1, 2))
        if rows
        else [labels["none"]]
    )
    return [head, *body]


def _shipments(ctx: _Context) -> list[str]:
    labels = ctx.labels
    names = _SHIPMENT_STATUS[ctx.lang]
    rows = []
    groups = ctx.register.shipments_by_destination()
    for code, group in sorted(groups.items(), key=lambda kv: kv[1][0].destination.format(ctx.lang)):
        counts: dict[str, int] = {}
        for shipment in group:
            status = shipment.status_after(ctx.day)
            name = names[status] if status is not None else "—"
            counts[name] = counts.get(name, 0) + 1
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
    body = (
        _table(_SHIPMENT_COLUMNS[ctx.lang], rows, ctx.width, flexible=(0, 4))
        if rows
        else [labels["none"]]
    )
    return [labels["shipments"], *body]


_SECTIONS: tuple[Callable[[_Context], list[str]], ...] = (
    _documents,
    _expiring,
    _follow_ups,
    _shipments,
)


def render_report(
    register: Register,
    *,
    on: PartialDate | None = None,
    lang: str = "id",
    policy: Policy | None = None,
    width: int | None = None,
) -> str:
    """A plain-text summary of `register` on a date (default today), in ``id`` or ``en``.

    Record counts; the MoUs and agreements with their status on that date and those
    expiring within the policy's window; the follow-ups of meetings still open, overdue
    ones marked; export shipments by destination country with
    their status once that day is over and their value per currency. Tables are
    shrunk to `width` characters (default 160), cutting the longest cells short; a
    table that cannot fit even so lists each row as a block of labelled lines.
    """
    ctx = _Context(register, on or PartialDate.today(), "en" if lang == "en" else "id",
                   policy or Policy(), width)  # fmt: skip
    counts: dict[str, int] = {}
    for r in register:
        counts[r.TYPE] = counts.get(r.TYPE, 0) + 1
    records = f"{ctx.labels['records']}: " + ", ".join(
        f"{n} {t}" for t, n in sorted(counts.items())
    )
    lines = [
        ctx.labels["title"].format(date=ctx.day.format(ctx.lang)),
        "",
        *textwrap.wrap(records, max(20, width or 160), subsequent_indent="  "),
    ]
    for section in _SECTIONS:
        lines += ["", *section(ctx)]
    return "\n".join(lines) + "\n"
