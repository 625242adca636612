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
    "HsCode",
    "Incoterm",
    "OriginRule",
    "TransportMode",
    "allowed_origin_rules",
    "origin_rules",
]


@attrs.frozen(kw_only=True)
class HsCode:
    """An Indonesian tariff code (BTKI 2022, 8 digits), stored as digits; serialized as a string.

    >>> HsCode.parse("0901.21.10").chapter
    '09'
    """

    code: str = attrs.field(metadata=meta(pattern=r"[0-9]{8}"))

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
        """Read ``0901.21.10``, ``0901 21 10`` or ``09012110``."""
        if not isinstance(text, str):
            raise ValidationError.single(
                "", "kotakerja.type", f"expected an HS code string, got {type(text).__name__}"
            )
        digits = text.replace(".", "").replace(" ", "")
        if not (len(digits) == 8 and digits.isdigit() and digits.isascii()):
            raise ValidationError.single(
                "",
                "kotakerja.hs.invalid",
                f"{text[:40]!r} is not an 8-digit BTKI 2022 code such as 0901.21.10",
            )
        return cls(code=digits)

    @property
    def chapter(self) -> str:
        """The two-digit chapter (*bab*)."""
        return self.code[:2]

    @property
    def heading(self) -> str:
        """The four-digit heading (*pos*)."""
        return self.code[:4]

    @property
    def subheading(self) -> str:
        """The six-digit subheading of the Harmonized System."""
        return self.code[:6]

    def format(self) -> str:
        """The dotted form ``0901.21.10``."""
        return f"{self.code[:4]}.{self.code[4:6]}.{self.code[6:]}"

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


@attrs.frozen(kw_only=True)
class OriginRule:
    """One row of the shipped trade-agreement table: a proof-of-origin form for a partner."""

    agreement: str
    form: str
    partner: str
    in_force: PartialDate | None
    uncertain: bool
    note: str

    @property
    def non_preferential(self) -> bool:
        return self.agreement == "NON-PREF"


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
