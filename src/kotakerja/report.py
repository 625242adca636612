"""Readable summaries of a register for a terminal, in Indonesian or English."""

from __future__ import annotations

from collections.abc import Sequence

from ._check import Policy
from .records._agreements import DocumentStatus, Mou
from .register import Register
from .values._dates import PartialDate

__all__ = ["render_report"]

_LABELS = {
    "id": {
        "title": "Laporan kerja sama per {date}",
        "records": "Rekaman",
        "mous": "Kesepakatan bersama / MoU",
        "expiring": "Berakhir dalam {days} hari",
        "none": "(tidak ada)",
        "cols": ("ID", "Judul", "Skema", "Ditandatangani", "Status", "Berakhir"),
        "status": {
            DocumentStatus.DRAFT: "draf",
            DocumentStatus.SIGNED: "ditandatangani",
            DocumentStatus.IN_FORCE: "berlaku",
            DocumentStatus.EXPIRED: "berakhir",
            DocumentStatus.TERMINATED: "diakhiri",
            None: "tidak pasti",
        },
        "open_end": "tidak disebut",
    },
    "en": {
        "title": "Cooperation report as of {date}",
        "records": "Records",
        "mous": "MoUs",
        "expiring": "Expiring within {days} days",
        "none": "(none)",
        "cols": ("ID", "Title", "Scheme", "Signed", "Status", "Expires"),
        "status": {
            DocumentStatus.DRAFT: "draft",
            DocumentStatus.SIGNED: "signed",
            DocumentStatus.IN_FORCE: "in force",
            DocumentStatus.EXPIRED: "expired",
            DocumentStatus.TERMINATED: "terminated",
            None: "uncertain",
        },
        "open_end": "not stated",
    },
}


def _table(header: Sequence[str], rows: list[Sequence[str]], max_width: int = 48) -> list[str]:
    cells = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(header)]
    line = "  ".join("─" * w for w in widths)
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(), line]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return out


def render_report(
    register: Register,
    *,
    on: PartialDate | None = None,
    lang: str = "id",
    policy: Policy | None = None,
) -> str:
    """A plain-text summary: record counts, MoUs with their status, MoUs expiring soon."""
    labels = _LABELS["en" if lang == "en" else "id"]
    policy = policy or Policy()
    day = on or PartialDate.today()
    lines = [str(labels["title"]).format(date=day.format(lang)), ""]
    counts: dict[str, int] = {}
    for r in register:
        counts[r.TYPE] = counts.get(r.TYPE, 0) + 1
    lines.append(
        f"{labels['records']}: " + ", ".join(f"{n} {t}" for t, n in sorted(counts.items()))
    )
    lines.append("")
    status_names: dict[DocumentStatus | None, str] = labels["status"]  # type: ignore[assignment]
    mous = sorted(
        register.of_type(Mou), key=lambda m: (m.signed_on() or PartialDate(year=9999)).sort_key()
    )
    lines.append(str(labels["mous"]))
    rows = []
    for m in mous:
        signed = m.signed_on()
        expires = m.expires_on()
        rows.append(
            (
                m.id,
                m.title,
                m.scheme.value.upper() if m.scheme.value.startswith("ksd") else m.scheme.value,
                signed.format(lang) if signed else "—",
                status_names[m.status_on(day)],
                expires.format(lang) if expires else str(labels["open_end"]),
            )
        )
    lines += _table(labels["cols"], rows) if rows else [str(labels["none"])]  # type: ignore[arg-type]
    lines.append("")
    lines.append(str(labels["expiring"]).format(days=policy.expiring_within_days))
    soon = register.expiring_within(policy.expiring_within_days, on=day)
    lines += [f"  {m.id}: {m.expires_on()}" for m in soon] or [f"  {labels['none']}"]
    return "\n".join(lines) + "\n"
