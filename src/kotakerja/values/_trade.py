"""Trade vocabulary for export records: HS codes, Incoterms, transport modes, origin rules."""

from __future__ import annotations

import enum
import functools
import importlib.resources

import attrs
import pendulum

from .._errors import Problems, ValidationError
from .._model import check_fields, meta
from ._dates import PartialDate
from ._places import Country

__all__ = [
    "HS_PATTERN",
    "HsCode",
    "HsLevel",
    "Incoterm",
    "OriginRule",
    "TransportMode",
    "OriginUncertainty",
    "allowed_origin_rules",
    "origin_rules",
]


HS_PATTERN = r"[0-9]{2}(?:[0-9]{2}(?:[0-9]{2}(?:[0-9]{2}(?:[0-9]{2})?)?)?)?"
"""The digits of an HS code at any level: 2, 4, 6, 8 or 10."""


class HsLevel(str, enum.Enum):
    """How deep an HS code goes (*tingkat kode HS*), by its number of digits."""

    CHAPTER = "chapter"
    """Bab: 2 digits (``09``)."""
    HEADING = "heading"
    """Pos: 4 digits (``0901``)."""
    SUBHEADING = "subheading"
    """Subpos of the Harmonized System: 6 digits (``0901.21``)."""
    NATIONAL = "national"
    """Pos tarif of the national nomenclature (BTKI 2022): 8 digits (``0901.21.10``)."""
    STATISTICAL = "statistical"
    """A 10-digit national line (``0901.21.10.00``), as statistics and older books write it."""


_HS_LEVELS = {
    2: HsLevel.CHAPTER,
    4: HsLevel.HEADING,
    6: HsLevel.SUBHEADING,
    8: HsLevel.NATIONAL,
    10: HsLevel.STATISTICAL,
}


@attrs.frozen(kw_only=True)
class HsCode:
    """An HS code at 2, 4, 6, 8 or 10 digits, stored as digits; serialized as a string.

    The level is the number of digits a source gives: a chapter (``09``), a heading
    (``0901``), a subheading (``0901.21``), a BTKI 2022 tariff line (``0901.21.10``)
    or a 10-digit line. Nothing is padded or guessed.

    >>> HsCode.parse("0901.21.10").chapter
    '09'
    >>> HsCode.parse("0901").level.value
    'heading'
    """

    code: str = attrs.field(metadata=meta(pattern=HS_PATTERN))

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        # Chapters 01-97 of the Harmonized System, 77 kept in reserve; 98 and 99 are
        # left to national use.
        if self.code[:2] in ("00", "77"):
            p.add(
                "",
                "kotakerja.hs.unknown_chapter",
                f"chapter {self.code[:2]} does not exist in the Harmonized System",
            )

    @classmethod
    def parse(cls, text: str) -> HsCode:
        """Read ``0901.21.10``, ``0901 21 10``, ``09012110``, ``0901.21``, ``0901`` or ``09``."""
        if not isinstance(text, str):
            raise ValidationError.single(
                "", "kotakerja.type", f"expected an HS code string, got {type(text).__name__}"
            )
        digits = text.replace(".", "").replace(" ", "")
        if not (len(digits) in _HS_LEVELS and digits.isdigit() and digits.isascii()):
            raise ValidationError.single(
                "",
                "kotakerja.hs.invalid",
                f"{text[:40]!r} is not an HS code of 2, 4, 6, 8 or 10 digits such as 0901.21.10",
            )
        return cls(code=digits)

    @property
    def level(self) -> HsLevel:
        """How deep the code goes: chapter, heading, subheading or a national line."""
        return _HS_LEVELS[len(self.code)]

    @property
    def chapter(self) -> str:
        """The two-digit chapter (*bab*)."""
        return self.code[:2]

    @property
    def heading(self) -> str | None:
        """The four-digit heading (*pos*); None for a code that gives only the chapter."""
        return self.code[:4] if len(self.code) >= 4 else None

    @property
    def subheading(self) -> str | None:
        """The six-digit subheading of the Harmonized System; None above that level."""
        return self.code[:6] if len(self.code) >= 6 else None

    def contains(self, other: HsCode) -> bool:
        """Whether `other` is this code or lies under it (``09`` contains ``0901.21.10``)."""
        return other.code.startswith(self.code)

    def format(self) -> str:
        """The dotted form: ``09``, ``0901``, ``0901.21``, ``0901.21.10``, ``0901.21.10.00``."""
        c = self.code
        if len(c) <= 4:
            return c
        return ".".join((c[:4], *(c[i : i + 2] for i in range(4, len(c), 2))))

    def __str__(self) -> str:
        return self.format()


class Incoterm(str, enum.Enum):
    """Incoterms 2020 rules (*syarat penyerahan*)."""

    EXW = "EXW"
    FCA = "FCA"
    CPT = "CPT"
    CIP = "CIP"
    DAP = "DAP"
    DPU = "DPU"
    DDP = "DDP"
    FAS = "FAS"
    FOB = "FOB"
    CFR = "CFR"
    CIF = "CIF"

    @property
    def sea_only(self) -> bool:
        """FAS, FOB, CFR and CIF are for sea and inland waterway transport only."""
        return self in _SEA_ONLY


_SEA_ONLY = frozenset((Incoterm.FAS, Incoterm.FOB, Incoterm.CFR, Incoterm.CIF))


class TransportMode(str, enum.Enum):
    """UN/ECE Recommendation 19 transport mode (*moda angkutan*), by code."""

    SEA = "1"
    RAIL = "2"
    ROAD = "3"
    AIR = "4"
    MAIL = "5"
    MULTIMODAL = "6"
    FIXED_INSTALLATION = "7"
    INLAND_WATERWAY = "8"
    UNKNOWN = "9"


class OriginUncertainty(str, enum.Enum):
    """What a row of the trade-agreement table marked ``[W]`` is unsure of."""

    NONE = ""
    """Nothing: every fact of the row was read in a source."""
    DATE = "date"
    """The date of entry into force: unsure only near that date."""
    EARLIER_USE = "earlier_use"
    """Whether the form was already used before the agreement (CEPT Form D before ATIGA)."""
    FORM = "form"
    """Only the label of the form, not whether the agreement applies."""
    COVERAGE = "coverage"
    """Whether the agreement applies to this partner at all: unsure on every date."""


_NEAR = 366
"""Days either side of an uncertain date of entry into force that are in doubt."""


@attrs.frozen(kw_only=True)
class OriginRule:
    """One row of the shipped trade-agreement table: a proof-of-origin form for a partner.

    `uncertain` is True for any row marked ``[W]``; `uncertain_about` says which fact is
    in doubt, so that `uncertain_on` flags only the export dates the doubt can touch.
    """

    agreement: str
    form: str
    partner: str
    in_force: PartialDate | None
    uncertain: bool
    note: str
    uncertain_about: OriginUncertainty = OriginUncertainty.NONE

    @property
    def non_preferential(self) -> bool:
        return self.agreement == "NON-PREF"

    def uncertain_on(self, day: PartialDate | pendulum.Date) -> bool:
        """Whether the row's doubt bears on an export on `day`.

        A doubtful date of entry into force matters within a year of it; a doubt about
        earlier use, before it; a doubt about coverage, always; a doubt about the form's
        label, never (the agreement applies either way).

        >>> atiga = next(r for r in origin_rules() if r.agreement == "ATIGA")
        >>> atiga.uncertain, atiga.uncertain_on(PartialDate(year=2021, month=12, day=20))
        (True, False)
        """
        about = self.uncertain_about
        if about is OriginUncertainty.COVERAGE:
            return True
        if self.in_force is None or about in (OriginUncertainty.NONE, OriginUncertainty.FORM):
            return False
        d = day if isinstance(day, PartialDate) else PartialDate.of(day)
        start = self.in_force.earliest()
        if about is OriginUncertainty.EARLIER_USE:
            return d.earliest() < start
        return d.earliest() <= self.in_force.latest().add(
            days=_NEAR
        ) and d.latest() >= start.subtract(days=_NEAR)


@functools.cache
def origin_rules() -> tuple[OriginRule, ...]:
    """The shipped table of Indonesia's trade agreements and their origin forms."""
    text = (importlib.resources.files("kotakerja") / "data" / "perjanjian-dagang.csv").read_text(
        "utf-8"
    )
    rows = []
    import csv  # on first use, with the table
    import io

    for row in csv.DictReader(io.StringIO(text)):
        date = row["in_force_for_indonesia"].strip()
        rows.append(
            OriginRule(
                agreement=row["agreement"],
                form=row["form"],
                partner=row["partner"],
                in_force=PartialDate.parse_iso(date) if date else None,
                uncertain="[W]" in row["confidence"],
                note=row["confidence"],
                uncertain_about=OriginUncertainty(row.get("uncertain_about") or ""),
            )
        )
    return tuple(rows)


def allowed_origin_rules(
    country: Country | str, on: PartialDate | pendulum.Date
) -> tuple[OriginRule, ...]:
    """Origin forms usable for an export to `country` on a date: agreements in force then.

    Non-preferential origin is always allowed. An agreement whose entry into force may or
    may not have passed (partial dates) is left out.
    """
    code = country.code if isinstance(country, Country) else Country.get(country).code
    day = on if isinstance(on, PartialDate) else PartialDate.of(on)
    out = []
    for rule in origin_rules():
        if rule.partner == "*":
            out.append(rule)
        elif rule.partner == code and rule.in_force is not None:
            started = rule.in_force.before(day)
            if started is True or rule.in_force == day:
                out.append(rule)
    return tuple(out)
