"""Partial dates and periods, with ISO and Indonesian or English text forms (*tanggal*)."""

from __future__ import annotations

import calendar
import datetime as _dt
import enum
import re
import zoneinfo

import attrs
import pendulum

from .._errors import Problems, ValidationError
from .._model import check_fields, meta, register_coercion

__all__ = ["DatePrecision", "PartialDate", "Period"]

MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
DAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_MONTH_INDEX: dict[str, int] = {}
for _i, (_id, _en) in enumerate(zip(MONTHS_ID, MONTHS_EN, strict=False), start=1):
    for _name in (_id, _en):
        _MONTH_INDEX[_name.casefold()] = _i
        _MONTH_INDEX[_name[:3].casefold()] = _i
_MONTH_INDEX.update({"agt": 8, "agu": 8, "ags": 8, "okt": 10, "des": 12, "sept": 9, "peb": 2})
# Older spellings still common in official documents.
_MONTH_INDEX.update(
    {"pebruari": 2, "nopember": 11, "nop": 11, "djanuari": 1, "djuni": 6, "djuli": 7}
)
_DAY_INDEX = {d.casefold(): i for names in (DAYS_ID, DAYS_EN) for i, d in enumerate(names)}
_DAY_INDEX["jum'at"] = 4

_MAX_TEXT = 100
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s+([^\W\d_]+)\.?\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})")
_MONTH_YEAR = re.compile(r"([^\W\d_]+)\.?\s+(\d{4})")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_RANGE_SPLIT = re.compile(
    r"\s*(?:–|—|-|\bs\.d\.|\bs\.d\b|\bs/d\b)\s*"
    r"|\s+(?:sampai dengan|sampai|hingga|to|until)\s+",
    re.IGNORECASE,
)


_FIRST = _dt.datetime(1, 1, 1)
_PLAIN_ZONES = (zoneinfo.ZoneInfo, pendulum.Timezone, pendulum.FixedTimezone, _dt.timezone)
_NO_OFFSET = _dt.timedelta(0)
_LAST_ORDINAL = _dt.date.max.toordinal()


def instant_key(t: _dt.datetime) -> _dt.timedelta:
    """The time since 0001-01-01 00:00 UTC: orders aware times by instant.

    Python compares two aware times with the same `tzinfo` by their wall clock and
    ignores `fold`, so ``01:50-04:00`` would come after ``01:10-05:00`` in the repeated
    hour of a daylight-saving change. This key reads the offset of each time (its fold
    included) and never leaves the range of `timedelta`, even at year 1 or 9999.
    """
    local = _dt.datetime(
        t.year, t.month, t.day, t.hour, t.minute, t.second, t.microsecond, fold=t.fold
    )
    tz = t.tzinfo
    # The offset is looked up on a plain datetime: on a subclass such as pendulum's
    # DateTime, zoneinfo reads the fields one attribute at a time (ten times slower).
    plain = type(tz) in _PLAIN_ZONES
    offset = tz.utcoffset(local) if plain else t.utcoffset()  # type: ignore[union-attr]
    return (local - _FIRST) - (offset or _NO_OFFSET)


def _fail(code: str, message: str, path: str = "") -> ValidationError:
    return ValidationError.single(path, code, message)


class DatePrecision(str, enum.Enum):
    """How much of a date is known (*ketelitian tanggal*)."""

    YEAR = "year"
    """Tahun saja."""
    MONTH = "month"
    """Bulan dan tahun."""
    DAY = "day"
    """Tanggal lengkap."""


_TWO_DIGITS = [f"{i:02d}" for i in range(100)]
"""00 to 99, for writing dates and times without format specifications."""


@attrs.frozen(kw_only=True)
class PartialDate:
    """A year, a year and month, or a full date: as much as a source says, no more.

    >>> PartialDate.parse("Agustus 2023").format_iso()
    '2023-08'
    """

    RULES = ("day requires month", "the day exists in that month")

    year: int = attrs.field(metadata=meta(minimum=1, maximum=9999))
    month: int | None = attrs.field(default=None, metadata=meta(minimum=1, maximum=12))
    day: int | None = attrs.field(default=None, metadata=meta(minimum=1, maximum=31))

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        if self.day is not None:
            if self.month is None:
                p.add("day", "kotakerja.date.day_without_month", "a day needs a month")
            elif self.day > calendar.monthrange(self.year, self.month)[1]:
                p.add(
                    "day",
                    "kotakerja.date.invalid",
                    f"{self.year:04d}-{self.month:02d}-{self.day:02d} does not exist",
                )

    @property
    def precision(self) -> DatePrecision:
        if self.day is not None:
            return DatePrecision.DAY
        if self.month is not None:
            return DatePrecision.MONTH
        return DatePrecision.YEAR

    @classmethod
    def of(cls, date: pendulum.Date | object) -> PartialDate:
        """The full partial date of a pendulum or standard-library date."""
        import datetime as dt

        if not isinstance(date, dt.date):
            raise _fail("kotakerja.type", f"expected a date, got {type(date).__name__}")
        return cls(year=date.year, month=date.month, day=date.day)

    @classmethod
    def today(cls, tz: str = "Asia/Jakarta") -> PartialDate:
        """Today's date in `tz`."""
        return cls.of(pendulum.today(tz).date())

    def to_date(self) -> pendulum.Date:
        """The pendulum date; only for a full date."""
        if self.month is None or self.day is None:
            raise _fail("kotakerja.date.not_precise", f"{self.format_iso()} is not a full date")
        return pendulum.Date(self.year, self.month, self.day)

    def earliest(self) -> pendulum.Date:
        """The first day this partial date covers."""
        return pendulum.Date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> pendulum.Date:
        """The last day this partial date covers."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return pendulum.Date(self.year, month, day)

    # Text --------------------------------------------------------------------------

    @classmethod
    def parse_iso(cls, text: str) -> PartialDate:
        """Parse exactly ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        n = len(text)
        if n in (4, 7, 10) and text[:4].isdigit() and text.isascii():
            try:
                if n == 4:
                    return cls(year=int(text))
                if text[4] == "-" and text[5:7].isdigit():
                    if n == 7:
                        return cls(year=int(text[:4]), month=int(text[5:7]))
                    if text[7] == "-" and text[8:].isdigit():
                        return cls(year=int(text[:4]), month=int(text[5:7]), day=int(text[8:]))
            except ValidationError as e:
                raise _fail(
                    "kotakerja.date.invalid", f"{text!r} is not a real date: {e.errors[0].message}"
                ) from None
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise _fail(
            "kotakerja.date.unparseable",
            f"{shown!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)",
        )

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse any usual form: ISO, Indonesian or English, with or without weekday.

        >>> PartialDate.parse("Senin, 13 Desember 2021").format_iso()
        '2021-12-13'
        >>> PartialDate.parse("28/4/2023").format_iso()
        '2023-04-28'
        """
        if not isinstance(text, str):
            raise _fail("kotakerja.type", f"expected text, got {type(text).__name__}")
        raw = " ".join(text.split())
        if len(raw) > _MAX_TEXT or not raw:
            raise _fail("kotakerja.date.unparseable", f"{text[:40]!r} is not a date")
        if _ISO.fullmatch(raw):
            return cls.parse_iso(raw)
        weekday: int | None = None
        body = raw
        head, sep, rest = raw.partition(",")
        if sep and head.strip().casefold() in _DAY_INDEX:
            weekday = _DAY_INDEX[head.strip().casefold()]
            body = rest.strip()
        else:
            first, _, rest2 = raw.partition(" ")
            if first.casefold() in _DAY_INDEX and rest2:
                weekday = _DAY_INDEX[first.casefold()]
                body = rest2.strip()
        result = cls._parse_body(body, text)
        if weekday is not None:
            if result.precision is not DatePrecision.DAY:
                raise _fail("kotakerja.date.unparseable", f"{text!r}: a weekday needs a full date")
            actual = result.to_date().weekday()
            if actual != weekday:
                raise _fail(
                    "kotakerja.date.weekday_mismatch",
                    f"{text!r}: {result.format_iso()} is a {DAYS_EN[actual]} "
                    f"({DAYS_ID[actual]}), not a {DAYS_EN[weekday]}",
                )
        return result

    @classmethod
    def _parse_body(cls, body: str, original: str) -> PartialDate:
        def month_of(name: str) -> int:
            m = _MONTH_INDEX.get(name.casefold())
            if m is None:
                raise _fail("kotakerja.date.unparseable", f"{original!r}: unknown month {name!r}")
            return m

        def build(year: int, month: int, day: int | None = None) -> PartialDate:
            try:
                return cls(year=year, month=month, day=day)
            except ValidationError:
                raise _fail("kotakerja.date.invalid", f"{original!r} is not a real date") from None

        if m := _DAY_MONTH_YEAR.fullmatch(body):
            return build(int(m.group(3)), month_of(m.group(2)), int(m.group(1)))
        if m := _MONTH_DAY_YEAR.fullmatch(body):
            return build(int(m.group(3)), month_of(m.group(1)), int(m.group(2)))
        if m := _MONTH_YEAR.fullmatch(body):
            return build(int(m.group(2)), month_of(m.group(1)))
        if m := _NUMERIC.fullmatch(body):
            return build(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if _ISO.fullmatch(body):
            return cls.parse_iso(body)
        raise _fail("kotakerja.date.unparseable", f"{original!r} is not a date kotakerja can read")

    def format_iso(self) -> str:
        """``2020``, ``2020-10`` or ``2020-10-23``."""
        year = str(self.year) if self.year >= 1000 else f"{self.year:04d}"
        if self.month is None:
            return year
        if self.day is None:
            return f"{year}-{_TWO_DIGITS[self.month]}"
        return f"{year}-{_TWO_DIGITS[self.month]}-{_TWO_DIGITS[self.day]}"

    def __str__(self) -> str:
        return self.format_iso()

    def format(self, locale: str = "id", *, weekday: bool = False) -> str:
        """``23 Oktober 2020`` / ``23 October 2020``; ``Agustus 2023``; ``2023``.

        The year has four digits (``0999``), as `parse` reads it.
        """
        months = MONTHS_EN if locale == "en" else MONTHS_ID
        year = f"{self.year:04d}"  # four digits, as Period.parse reads a year
        if self.month is None:
            return year
        if self.day is None:
            return f"{months[self.month - 1]} {year}"
        text = f"{self.day} {months[self.month - 1]} {year}"
        if weekday:
            days = DAYS_EN if locale == "en" else DAYS_ID
            text = f"{days[self.to_date().weekday()]}, {text}"
        return text

    # Comparison ------------------------------------------------------------------------

    def before(self, other: PartialDate | pendulum.Date) -> bool | None:
        """True or False when known, None when the imprecision leaves it open."""
        o = other if isinstance(other, PartialDate) else PartialDate.of(other)
        if self.latest() < o.earliest():
            return True
        if self.earliest() >= o.latest():
            return False
        return None

    def after(self, other: PartialDate | pendulum.Date) -> bool | None:
        """True or False when known, None when the imprecision leaves it open."""
        o = other if isinstance(other, PartialDate) else PartialDate.of(other)
        return o.before(self)

    def contains(self, date: PartialDate | pendulum.Date) -> bool:
        """Whether every day of `date` falls within this partial date."""
        o = date if isinstance(date, PartialDate) else PartialDate.of(date)
        return self.earliest() <= o.earliest() and o.latest() <= self.latest()

    def sort_key(self) -> tuple[int, int, int, int]:
        """Orders by first day covered, coarser precision first."""
        rank = {DatePrecision.YEAR: 0, DatePrecision.MONTH: 1, DatePrecision.DAY: 2}
        return (self.year, self.month or 0, self.day or 0, rank[self.precision])


def _partial_from_stdlib(value: object) -> object:
    """A standard-library date (not a datetime: its day depends on a zone) as a PartialDate."""
    import datetime as dt

    if type(value) is dt.date:
        return PartialDate(year=value.year, month=value.month, day=value.day)
    return value


register_coercion(PartialDate, _partial_from_stdlib)


@attrs.frozen(kw_only=True)
class Period:
    """A span from `start` to `end` (inclusive), each partial or full; `end` may be open.

    >>> Period.parse("27–29 Mei 2022").format_iso()
    '2022-05-27/2022-05-29'
    """

    RULES = ("end is not before start",)

    start: PartialDate
    end: PartialDate | None = None

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        if self.end is not None and self.end.before(self.start) is True:
            p.add(
                "end",
                "kotakerja.period.end_before_start",
                f"end {self.end} is before start {self.start}",
            )

    @classmethod
    def single(cls, date: PartialDate) -> Period:
        """A period that is one partial date."""
        return cls(start=date, end=date)

    @classmethod
    def from_duration(
        cls, start: PartialDate, *, years: int = 0, months: int = 0, days: int = 0
    ) -> Period:
        """The period of a duration from a full start date; the end is its last day.

        The end is the day before the anniversary: `years` and `months` are counted on
        the calendar from `start` (same day of the month), then `days` are added, and
        the day before that is the last day. When the anniversary day does not exist in
        its month (29 February in a common year, 31 March plus one month), the duration
        ends on the last day of that month: 2024-02-29 plus five years ends on
        2029-02-28, 2024-03-31 plus one month on 2024-04-30.

        An end after 31 December 9999 raises `ValidationError`
        (``kotakerja.period.out_of_range``).

        >>> Period.from_duration(PartialDate(year=2020, month=10, day=23), years=5).format_iso()
        '2020-10-23/2025-10-22'
        >>> Period.from_duration(PartialDate(year=2024, month=2, day=29), years=5).format_iso()
        '2024-02-29/2029-02-28'
        """
        first = start.to_date()
        if years < 0 or months < 0 or days < 0 or not (years or months or days):
            raise _fail("kotakerja.out_of_range", "a duration is positive")
        index = first.year * 12 + first.month - 1 + years * 12 + months
        year, month = divmod(index, 12)
        month += 1
        # The Gregorian calendar repeats every 400 years (146097 days): count a year
        # beyond 9999 from its like within range, the ordinal past the last day.
        cycles = max(0, (year - 9999 + 399) // 400)
        year -= 400 * cycles
        shift = 146097 * cycles
        length = calendar.monthrange(year, month)[1]
        if first.day <= length:  # the anniversary, then the days, then the day before
            ordinal = _dt.date(year, month, first.day).toordinal() + days - 1
        else:  # no such day: as if the first of the next month, so the month's last day
            ordinal = _dt.date(year, month, length).toordinal() + days
        ordinal += shift
        if ordinal > _LAST_ORDINAL:
            raise _fail(
                "kotakerja.period.out_of_range",
                f"{years} years, {months} months and {days} days from {start} end after 9999-12-31",
            )
        last = _dt.date.fromordinal(ordinal)
        return cls(start=start, end=PartialDate(year=last.year, month=last.month, day=last.day))

    @classmethod
    def parse_iso(cls, text: str) -> Period:
        """Parse ``start/end`` or ``start/..`` (open end)."""
        head, sep, tail = text.partition("/")
        if not sep:
            raise _fail("kotakerja.period.unparseable", f"{text[:40]!r} is not start/end")
        start = PartialDate.parse_iso(head)
        return cls(start=start, end=None if tail == ".." else PartialDate.parse_iso(tail))

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse any usual form: ``27–29 Mei 2022``, ``27 Mei – 2 Juni 2022``, ``Agustus 2023``.

        A single date becomes a period of that date; ISO intervals are read too, and
        every text `format` writes reads back to the same period
        (``2022 – 5 Januari 2023``).
        """
        if not isinstance(text, str):
            raise _fail("kotakerja.type", f"expected a period text, got {type(text).__name__}")
        raw = " ".join(text.split())
        if len(raw) > _MAX_TEXT or not raw:
            raise _fail("kotakerja.period.unparseable", f"{text[:40]!r} is not a period")
        if "/" in raw and not _NUMERIC.fullmatch(raw) and "s/d" not in raw.casefold():
            return cls.parse_iso(raw)
        lowered = raw.casefold()
        for prefix in ("sejak ", "mulai ", "from ", "since "):
            if lowered.startswith(prefix):
                return cls(start=PartialDate.parse(raw[len(prefix) :]))
        parts = [p for p in _RANGE_SPLIT.split(raw) if p] if not _ISO.fullmatch(raw) else [raw]
        if len(parts) == 1 and not _NUMERIC.fullmatch(raw):
            return cls.single(PartialDate.parse(raw))
        if _NUMERIC.fullmatch(raw):
            return cls.single(PartialDate.parse(raw))
        if len(parts) != 2:
            raise _fail("kotakerja.period.unparseable", f"{text!r} is not a period")
        left, right = parts
        end = PartialDate.parse(right)
        if left.isdigit() and len(left) <= 2 and end.month is not None:
            start = PartialDate(year=end.year, month=end.month, day=int(left))
        else:
            try:
                start = PartialDate.parse(left)
            except ValidationError:
                start = PartialDate.parse(f"{left} {end.year:04d}")
        try:
            return cls(start=start, end=end)
        except ValidationError as e:
            raise _fail(e.errors[0].code, f"{text!r}: {e.errors[0].message}") from None

    def format_iso(self) -> str:
        """``2022-05-27/2022-05-29``; an open end is ``..``."""
        return f"{self.start}/{'..' if self.end is None else self.end}"

    def __str__(self) -> str:
        return self.format_iso()

    def format(self, locale: str = "id") -> str:
        """Compact human form: ``27–29 Mei 2022``, ``27 Mei – 2 Juni 2022``, ``Agustus 2023``."""
        s, e = self.start, self.end
        if e is None:
            return ("from " if locale == "en" else "sejak ") + s.format(locale)
        if s == e:
            return s.format(locale)
        if s.precision is e.precision is DatePrecision.DAY and s.year == e.year:
            months = MONTHS_EN if locale == "en" else MONTHS_ID
            if s.month == e.month:
                return f"{s.day}–{e.day} {months[(e.month or 1) - 1]} {e.year:04d}"
            return f"{s.day} {months[(s.month or 1) - 1]} – {e.format(locale)}"
        return f"{s.format(locale)} – {e.format(locale)}"

    def earliest(self) -> pendulum.Date:
        return self.start.earliest()

    def latest(self) -> pendulum.Date | None:
        """The last day covered, or None for an open end."""
        return None if self.end is None else self.end.latest()

    def contains(self, date: PartialDate | pendulum.Date) -> bool | None:
        """Whether `date` falls within the period; None when partial dates leave it open."""
        d = date if isinstance(date, PartialDate) else PartialDate.of(date)
        if d.latest() < self.start.earliest():
            return False
        if self.end is not None and d.earliest() > self.end.latest():
            return False
        start_ok = d.earliest() >= self.start.latest()
        end_ok = self.end is None or d.latest() <= self.end.earliest()
        return True if start_ok and end_ok else None

    def overlaps(self, other: Period) -> bool | None:
        """Whether two periods share a day; None when unknown."""
        if self.end is not None and self.end.latest() < other.start.earliest():
            return False
        if other.end is not None and other.end.latest() < self.start.earliest():
            return False
        certain_self_end = self.end is None or self.end.earliest() >= other.start.latest()
        certain_other_end = other.end is None or other.end.earliest() >= self.start.latest()
        return True if certain_self_end and certain_other_end else None
