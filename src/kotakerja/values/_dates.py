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

__all__ = [
    "DateLike",
    "DatePrecision",
    "DateQualifier",
    "PartialDate",
    "Period",
    "ReportedDate",
    "TimeOfDay",
]

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
_DAY_MONTH = re.compile(r"(\d{1,2})\s+([^\W\d_]+)\.?")
_MONTH_DAY = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2})")
_NUMERIC_DAY_MONTH = re.compile(r"(\d{1,2})[/.-](\d{1,2})")
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


def _yearless(body: str) -> tuple[int, int] | None:
    """(month, day) of a date written without its year: ``20 Desember``, ``13/12``."""
    m = _DAY_MONTH.fullmatch(body)
    if m and m.group(2).casefold() in _MONTH_INDEX:
        month, day = _MONTH_INDEX[m.group(2).casefold()], int(m.group(1))
    elif (m := _MONTH_DAY.fullmatch(body)) and m.group(1).casefold() in _MONTH_INDEX:
        month, day = _MONTH_INDEX[m.group(1).casefold()], int(m.group(2))
    elif m := _NUMERIC_DAY_MONTH.fullmatch(body):
        day, month = int(m.group(1)), int(m.group(2))
    else:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ValidationError.single("", "kotakerja.date.invalid", f"{body!r} is not a real date")
    return month, day


def _publication_day(published: PartialDate | _dt.date | None, original: str) -> _dt.date:
    """The full publication date that supplies a missing year, or a `ValidationError`."""
    if published is None:
        raise _fail(
            "kotakerja.date.no_year",
            f"{original!r} has no year; give the publication date of its source",
        )
    pub = published if isinstance(published, PartialDate) else PartialDate.of(published)
    if pub.precision is not DatePrecision.DAY:
        raise _fail(
            "kotakerja.date.not_precise",
            f"the publication date {pub} must be a full date to supply a year",
        )
    return _dt.date(pub.year, pub.month or 1, pub.day or 1)


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
    def parse(
        cls, text: str, *, published: PartialDate | pendulum.Date | None = None
    ) -> PartialDate:
        """Parse any usual form: ISO, Indonesian or English, with or without weekday.

        Press forms are read too: ``Senin (20/12/2021)``, and a date without its year
        (``20 Desember``, ``Senin (13/12)``) when `published` (the source's publication
        date) is given: the year is the one that puts the day nearest to publication,
        among the year before, that year and the year after, and, with a weekday, on
        that weekday.

        >>> PartialDate.parse("Senin, 13 Desember 2021").format_iso()
        '2021-12-13'
        >>> PartialDate.parse("28/4/2023").format_iso()
        '2023-04-28'
        >>> print(PartialDate.parse("Senin (13/12)", published=PartialDate.parse("2021-12-14")))
        2021-12-13
        """
        if not isinstance(text, str):
            raise _fail("kotakerja.type", f"expected text, got {type(text).__name__}")
        raw = " ".join(text.replace("(", " ").replace(")", " ").split()).rstrip(",")
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
                body = rest2.strip().lstrip(",").strip()
        month_only = _MONTH_INDEX.get(body.rstrip(".").casefold())
        if month_only is not None and weekday is None:
            return cls._resolve_month(month_only, published, text)
        yearless = _yearless(body)
        if yearless is not None:
            return cls._resolve_year(*yearless, weekday, published, text)
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
    def _resolve_month(
        cls, month: int, published: PartialDate | pendulum.Date | None, original: str
    ) -> PartialDate:
        """A month without its year: the one nearest the publication date."""
        day = _publication_day(published, original)
        index = day.year * 12 + day.month - 1
        _, year = min(
            (abs(y * 12 + month - 1 - index), y)
            for y in (day.year - 1, day.year, day.year + 1)
            if 1 <= y <= 9999
        )
        return cls(year=year, month=month)

    @classmethod
    def _resolve_year(
        cls,
        month: int,
        day: int,
        weekday: int | None,
        published: PartialDate | pendulum.Date | None,
        original: str,
    ) -> PartialDate:
        anchor = _publication_day(published, original)
        best: tuple[int, int] | None = None
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            if not 1 <= year <= 9999 or day > calendar.monthrange(year, month)[1]:
                continue
            candidate = _dt.date(year, month, day)
            if weekday is not None and candidate.weekday() != weekday:
                continue
            distance = abs((candidate - anchor).days)
            if best is None or distance < best[0]:
                best = (distance, year)
        if best is None:
            raise _fail(
                "kotakerja.date.weekday_mismatch"
                if weekday is not None
                else "kotakerja.date.invalid",
                f"{original!r}: no such day within a year of publication on {anchor}",
            )
        return cls(year=best[1], month=month, day=day)

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

    def before(self, other: DateLike) -> bool | None:
        """True or False when known, None when the imprecision leaves it open."""
        first, _ = _bounds_of(other)
        if self.latest() < first:
            return True
        if self.earliest() >= _bounds_of(other)[1]:
            return False
        return None

    def after(self, other: DateLike) -> bool | None:
        """True or False when known, None when the imprecision leaves it open."""
        first, last = _bounds_of(other)
        if self.earliest() > last:
            return True
        if self.latest() <= first:
            return False
        return None

    def contains(self, date: DateLike) -> bool:
        """Whether every day of `date` falls within this partial date."""
        first, last = _bounds_of(date)
        return self.earliest() <= first and last <= self.latest()

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
        raw = " ".join(text.replace("(", " ").replace(")", " ").split())
        if len(raw) > _MAX_TEXT or not raw:
            raise _fail("kotakerja.period.unparseable", f"{text[:40]!r} is not a period")
        first, _, rest = raw.partition(" ")
        if first.rstrip(",").casefold() in _DAY_INDEX and _NUMERIC.fullmatch(rest.strip()):
            return cls.single(PartialDate.parse(raw))  # "Senin (13/12/2021)"
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


# Dates as reported ---------------------------------------------------------------------


class DateQualifier(str, enum.Enum):
    """How a source hedges a date (*keterangan tanggal*)."""

    QUARTER = "quarter"
    """Triwulan (kuartal) of a year: ``Triwulan III 2023``."""
    WEEK = "week"
    """Minggu ke-n of a month (days 1–7, 8–14, 15–21, 22–28, 29 to the end), or ISO
    week n of a year (Monday to Sunday)."""
    EARLY = "early"
    """Awal: days 1–10 of a month, or January–April of a year."""
    MID = "mid"
    """Pertengahan: days 11–20 of a month, or May–August of a year."""
    LATE = "late"
    """Akhir: day 21 to the end of a month, or September–December of a year."""
    ABOUT = "about"
    """Sekitar: three days either side of a day, a month either side of a month, a
    year either side of a year."""
    ON_OR_BEFORE = "on_or_before"
    """Paling lambat (selambat-lambatnya): no earlier bound."""
    ON_OR_AFTER = "on_or_after"
    """Paling cepat: no later bound."""


class TimeOfDay(str, enum.Enum):
    """A part of the day as a source names it, with the local hours it covers."""

    EARLY_MORNING = "early_morning"
    """Dini hari: 00.00–04.59."""
    MORNING = "morning"
    """Pagi: 05.00–10.59."""
    MIDDAY = "midday"
    """Siang: 11.00–14.59."""
    AFTERNOON = "afternoon"
    """Sore: 15.00–17.59."""
    EVENING = "evening"
    """Malam: 18.00–23.59."""

    @property
    def hours(self) -> tuple[int, int]:
        """The first and last local hour it covers."""
        return _TIME_OF_DAY_HOURS[self]


_TIME_OF_DAY_HOURS = {
    TimeOfDay.EARLY_MORNING: (0, 4),
    TimeOfDay.MORNING: (5, 10),
    TimeOfDay.MIDDAY: (11, 14),
    TimeOfDay.AFTERNOON: (15, 17),
    TimeOfDay.EVENING: (18, 23),
}
_TIME_OF_DAY_WORDS = {
    "id": {
        TimeOfDay.EARLY_MORNING: "dini hari",
        TimeOfDay.MORNING: "pagi",
        TimeOfDay.MIDDAY: "siang",
        TimeOfDay.AFTERNOON: "sore",
        TimeOfDay.EVENING: "malam",
    },
    "en": {
        TimeOfDay.EARLY_MORNING: "early morning",
        TimeOfDay.MORNING: "morning",
        TimeOfDay.MIDDAY: "midday",
        TimeOfDay.AFTERNOON: "afternoon",
        TimeOfDay.EVENING: "evening",
    },
}
_TIME_OF_DAY_INDEX = {
    "dini hari": TimeOfDay.EARLY_MORNING,
    "early morning": TimeOfDay.EARLY_MORNING,
    "pagi": TimeOfDay.MORNING,
    "pagi hari": TimeOfDay.MORNING,
    "morning": TimeOfDay.MORNING,
    "siang": TimeOfDay.MIDDAY,
    "siang hari": TimeOfDay.MIDDAY,
    "midday": TimeOfDay.MIDDAY,
    "noon": TimeOfDay.MIDDAY,
    "sore": TimeOfDay.AFTERNOON,
    "sore hari": TimeOfDay.AFTERNOON,
    "petang": TimeOfDay.AFTERNOON,
    "afternoon": TimeOfDay.AFTERNOON,
    "malam": TimeOfDay.EVENING,
    "malam hari": TimeOfDay.EVENING,
    "evening": TimeOfDay.EVENING,
    "night": TimeOfDay.EVENING,
}

_ROMAN = ("I", "II", "III", "IV")
_ORDINAL_EN = ("first", "second", "third", "fourth", "fifth")
_ORDINAL_ID = ("pertama", "kedua", "ketiga", "keempat", "kelima")

_PREFIX_WORDS: tuple[tuple[str, DateQualifier], ...] = (
    ("selambat-lambatnya ", DateQualifier.ON_OR_BEFORE),
    ("paling lambat ", DateQualifier.ON_OR_BEFORE),
    ("no later than ", DateQualifier.ON_OR_BEFORE),
    ("on or before ", DateQualifier.ON_OR_BEFORE),
    ("secepat-cepatnya ", DateQualifier.ON_OR_AFTER),
    ("paling cepat ", DateQualifier.ON_OR_AFTER),
    ("no earlier than ", DateQualifier.ON_OR_AFTER),
    ("on or after ", DateQualifier.ON_OR_AFTER),
    ("kurang lebih ", DateQualifier.ABOUT),
    ("sekitar ", DateQualifier.ABOUT),
    ("approximately ", DateQualifier.ABOUT),
    ("around ", DateQualifier.ABOUT),
    ("about ", DateQualifier.ABOUT),
    ("circa ", DateQualifier.ABOUT),
    ("pertengahan ", DateQualifier.MID),
    ("beginning of ", DateQualifier.EARLY),
    ("start of ", DateQualifier.EARLY),
    ("early ", DateQualifier.EARLY),
    ("awal ", DateQualifier.EARLY),
    ("end of ", DateQualifier.LATE),
    ("late ", DateQualifier.LATE),
    ("akhir ", DateQualifier.LATE),
    ("mid-", DateQualifier.MID),
    ("mid ", DateQualifier.MID),
)
_QUARTER_RX = re.compile(
    r"(?:triwulan|kuartal|tw|quarter|q)\s*(?:ke-?\s*)?(iv|iii|ii|i|[1-4])\s+(?:of\s+)?(\d{4})",
    re.IGNORECASE,
)
_QUARTER_EN_RX = re.compile(r"(first|second|third|fourth)\s+quarter\s+(?:of\s+)?(\d{4})", re.I)
_WEEK_RX = re.compile(
    r"(?:minggu|pekan)\s+(?:ke-?\s*(\d{1,2})|(pertama|kedua|ketiga|keempat|kelima))\s+"
    r"(?:bulan\s+|tahun\s+)?(.+)",
    re.IGNORECASE,
)
_WEEK_EN_RX = re.compile(
    r"(?:week\s+(\d{1,2})|(first|second|third|fourth|fifth)\s+week)\s+of\s+(.+)", re.IGNORECASE
)
_CLOCK_RX = re.compile(
    r"(?:,\s*|\s+)(?:(sekitar|kurang lebih|about|around)\s+)?(?:pukul|pkl\.?|jam|at)?\s*"
    r"(\d{1,2})[.:](\d{2})(?:\s+(?:WIB|WITA|WIT))?$",
    re.IGNORECASE,
)
_TIME_PATTERN = r"([01][0-9]|2[0-3]):[0-5][0-9]"


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


@attrs.frozen(kw_only=True)
class ReportedDate:
    """A date as a source reports it: plain, hedged (a quarter, early or late in a month,
    about, on or before, a week), with a part of the day or a clock time, maybe approximate.

    Every reported date covers a bounded run of days, `earliest()` to `latest()`
    (``paling lambat`` has no earlier bound and ``paling cepat`` no later one: those
    ends are 0001-01-01 and 9999-12-31). Questions across those bounds answer True,
    False or None (`before`, `after`, `contains`). A `PartialDate` is the plain case:
    `ReportedDate.of(d)`. The text form (`str`, `format`) reads back with `parse`.

    >>> d = ReportedDate.parse("Triwulan III 2023")
    >>> str(d), d.earliest().isoformat(), d.latest().isoformat()
    ('Q3 2023', '2023-07-01', '2023-09-30')
    >>> late_august = ReportedDate.parse("akhir Agustus 2023")
    >>> print(late_august.before(PartialDate.parse("2023-08-25")))
    None
    >>> late_august.before(PartialDate.parse("2023-09-01"))
    True
    """

    RULES = (
        "a quarter is of a year; a week is of a month",
        "early, mid and late are of a month or a year",
        "a part of the day or a clock time needs a full date and no hedge",
        "a clock time falls within the part of the day given with it",
    )

    date: PartialDate
    qualifier: DateQualifier | None = None
    quarter: int | None = attrs.field(default=None, metadata=meta(minimum=1, maximum=4))
    week: int | None = attrs.field(default=None, metadata=meta(minimum=1, maximum=53))
    time_of_day: TimeOfDay | None = None
    time: str | None = attrs.field(
        default=None, metadata=meta(pattern=_TIME_PATTERN, description="Local clock time, HH:MM.")
    )
    time_approximate: bool = False

    def __attrs_post_init__(self) -> None:
        check_fields(self)

    def _check_rules(self, p: Problems) -> None:
        q, d = self.qualifier, self.date
        if (q is DateQualifier.QUARTER) != (self.quarter is not None):
            p.add("quarter", "kotakerja.reported_date.quarter", "a quarter goes with 'quarter'")
        elif q is DateQualifier.QUARTER and d.precision is not DatePrecision.YEAR:
            p.add(
                "date", "kotakerja.reported_date.quarter", "a quarter is of a year: give the year"
            )
        if (q is DateQualifier.WEEK) != (self.week is not None):
            p.add("week", "kotakerja.reported_date.week", "a week number goes with 'week'")
        elif q is DateQualifier.WEEK and d.precision is DatePrecision.DAY:
            p.add("date", "kotakerja.reported_date.week", "a week is of a month or a year")
        elif q is DateQualifier.WEEK and self.week is not None:
            if d.month is not None:
                last = 5 if _days_in(d.year, d.month) >= 29 else 4
            else:  # ISO weeks: 28 December is always in the last week of its year
                last = _dt.date(d.year, 12, 28).isocalendar()[1]
            if self.week > last:
                p.add("week", "kotakerja.reported_date.week", f"{d} has no week {self.week}")
        if q in (DateQualifier.EARLY, DateQualifier.MID, DateQualifier.LATE) and (
            d.precision is DatePrecision.DAY
        ):
            p.add(
                "date",
                "kotakerja.reported_date.part",
                f"{q.value} is of a month or a year, not of a day",
            )
        if self.time_of_day is not None or self.time is not None:
            path = "time_of_day" if self.time_of_day is not None else "time"
            if d.precision is not DatePrecision.DAY or q is not None:
                p.add(
                    path,
                    "kotakerja.reported_date.time",
                    "a part of the day or a clock time needs a plain full date",
                )
        if self.time_approximate and self.time is None:
            p.add("time_approximate", "kotakerja.reported_date.time", "no clock time to hedge")
        if self.time is not None and self.time_of_day is not None:
            first, last = self.time_of_day.hours
            if not first <= int(self.time[:2]) <= last:
                p.add(
                    "time",
                    "kotakerja.reported_date.time_of_day",
                    f"{self.time} is not in the {self.time_of_day.value} "
                    f"({first:02d}.00–{last:02d}.59)",
                )

    @classmethod
    def of(cls, date: PartialDate | pendulum.Date) -> ReportedDate:
        """The plain reported date of a partial or full date."""
        return cls(date=date if isinstance(date, PartialDate) else PartialDate.of(date))

    # Bounds ----------------------------------------------------------------------------

    def earliest(self) -> pendulum.Date:
        """The first day it can be; 0001-01-01 when open (``on or before``)."""
        return self._bounds()[0]

    def latest(self) -> pendulum.Date:
        """The last day it can be; 9999-12-31 when open (``on or after``)."""
        return self._bounds()[1]

    def _bounds(self) -> tuple[pendulum.Date, pendulum.Date]:
        d, q = self.date, self.qualifier
        first, last = d.earliest(), d.latest()
        if q is None:
            return first, last
        if q is DateQualifier.QUARTER:
            n = self.quarter or 1
            end = 3 * n
            return pendulum.Date(d.year, end - 2, 1), pendulum.Date(
                d.year, end, _days_in(d.year, end)
            )
        if q is DateQualifier.WEEK and d.month is None:
            monday = _dt.date.fromisocalendar(d.year, self.week or 1, 1).toordinal()
            sunday = min(monday + 6, _dt.date.max.toordinal())
            a, b = _dt.date.fromordinal(monday), _dt.date.fromordinal(sunday)
            return pendulum.Date(a.year, a.month, a.day), pendulum.Date(b.year, b.month, b.day)
        if q is DateQualifier.WEEK:
            month, n = d.month or 1, self.week or 1
            length = _days_in(d.year, month)
            return pendulum.Date(d.year, month, 7 * n - 6), pendulum.Date(
                d.year, month, length if n == 5 else 7 * n
            )
        if q in (DateQualifier.EARLY, DateQualifier.MID, DateQualifier.LATE):
            third = (DateQualifier.EARLY, DateQualifier.MID, DateQualifier.LATE).index(q)
            if d.month is not None:
                start_day = 1 + 10 * third
                end_day = _days_in(d.year, d.month) if third == 2 else 10 * (third + 1)
                return pendulum.Date(d.year, d.month, start_day), pendulum.Date(
                    d.year, d.month, end_day
                )
            return pendulum.Date(d.year, 1 + 4 * third, 1), pendulum.Date(
                d.year, 4 + 4 * third, _days_in(d.year, 4 + 4 * third)
            )
        if q is DateQualifier.ON_OR_BEFORE:
            return pendulum.Date(1, 1, 1), last
        if q is DateQualifier.ON_OR_AFTER:
            return first, pendulum.Date(9999, 12, 31)
        # About: widen by three days, a month or a year, within the calendar's range.
        lo, hi = _dt.date(1, 1, 1), _dt.date(9999, 12, 31)
        if d.precision is DatePrecision.DAY:
            a = _dt.date.fromordinal(max(first.toordinal() - 3, 1))
            b = _dt.date.fromordinal(min(last.toordinal() + 3, hi.toordinal()))
        elif d.precision is DatePrecision.MONTH:
            index = d.year * 12 + (d.month or 1) - 1
            y0, m0 = divmod(index - 1, 12)
            y1, m1 = divmod(index + 1, 12)
            a = lo if y0 < 1 else _dt.date(y0, m0 + 1, 1)
            b = hi if y1 > 9999 else _dt.date(y1, m1 + 1, _days_in(y1, m1 + 1))
        else:
            a = lo if d.year == 1 else _dt.date(d.year - 1, 1, 1)
            b = hi if d.year == 9999 else _dt.date(d.year + 1, 12, 31)
        return pendulum.Date(a.year, a.month, a.day), pendulum.Date(b.year, b.month, b.day)

    def is_exact_day(self) -> bool:
        """Whether it names one day for certain."""
        first, last = self._bounds()
        return first == last

    # Questions -------------------------------------------------------------------------

    def before(self, other: DateLike) -> bool | None:
        """True when every day it covers is before every day of `other`; False when
        none is; None when the bounds straddle."""
        first, last = _bounds_of(other)
        if self.latest() < first:
            return True
        if self.earliest() >= last:
            return False
        return None

    def after(self, other: DateLike) -> bool | None:
        """True when it is certainly after `other`, False when certainly not, else None."""
        first, last = _bounds_of(other)
        if self.earliest() > last:
            return True
        if self.latest() <= first:
            return False
        return None

    def contains(self, other: DateLike) -> bool | None:
        """True when every day of `other` lies within its bounds, False when none does."""
        first, last = _bounds_of(other)
        lo, hi = self._bounds()
        if lo <= first and last <= hi:
            return True
        if last < lo or first > hi:
            return False
        return None

    def sort_key(self) -> tuple[int, int, int, int]:
        """Orders by the first day covered (the last for an open start), after plain dates."""
        first, last = self._bounds()
        day = last if self.qualifier is DateQualifier.ON_OR_BEFORE else first
        return (day.year, day.month, day.day, 3)

    # Text ------------------------------------------------------------------------------

    def format(self, locale: str = "id", *, weekday: bool = False) -> str:
        """``Triwulan III 2023`` / ``Q3 2023``, ``akhir Agustus 2023`` / ``late August 2023``,
        ``20 Desember 2021 sekitar pukul 13.24`` / ``20 December 2021, about 13:24``."""
        en = locale == "en"
        d, q = self.date, self.qualifier
        if q is DateQualifier.QUARTER:
            n = self.quarter or 1
            return f"Q{n} {d.year:04d}" if en else f"Triwulan {_ROMAN[n - 1]} {d.year:04d}"
        if q is DateQualifier.WEEK:
            n = self.week or 1
            span = d.format(locale)
            if en:
                return f"week {n} of {span}"
            return f"minggu ke-{n} {span}" if d.month is not None else f"minggu ke-{n} tahun {span}"
        text = d.format(locale, weekday=weekday and d.precision is DatePrecision.DAY)
        if q is not None:
            words = _QUALIFIER_WORDS["en" if en else "id"][q]
            text = f"{words}{text}"
        if self.time_of_day is not None:
            part = _TIME_OF_DAY_WORDS["en" if en else "id"][self.time_of_day]
            text = f"{text}, {part}" if en else f"{text} {part}"
        if self.time is not None:
            if en:
                text += f", {'about ' if self.time_approximate else ''}{self.time}"
            else:
                clock = self.time.replace(":", ".")
                text += f" {'sekitar ' if self.time_approximate else ''}pukul {clock}"
        return text

    def __str__(self) -> str:
        return self.format("en")

    @classmethod
    def parse(
        cls, text: str, *, published: PartialDate | pendulum.Date | None = None
    ) -> ReportedDate:
        """Read a reported date in Indonesian or English, as `format` writes it and more.

        ``Triwulan III 2023``, ``kuartal 3 2023``, ``Q3 2023``; ``awal``/``pertengahan``/
        ``akhir Mei 2023``, ``early``/``mid``/``late 2023``; ``sekitar 20 Desember 2021``;
        ``paling lambat 31 Maret 2024``, ``on or after 1 April 2024``; ``minggu ke-2
        Desember 2021``, ``second week of December 2021``; ``Senin (20/12/2021) pagi``,
        ``20 Desember 2021 sekitar pukul 13.24 WIB``. A date without its year needs
        `published` (see `PartialDate.parse`).

        >>> ReportedDate.parse("Senin pagi (20/12/2021)").format()
        '20 Desember 2021 pagi'
        """
        if not isinstance(text, str):
            raise _fail("kotakerja.type", f"expected text, got {type(text).__name__}")
        raw = " ".join(text.replace("(", " ").replace(")", " ").split())
        if len(raw) > _MAX_TEXT or not raw:
            raise _fail("kotakerja.date.unparseable", f"{text[:40]!r} is not a date")
        if m := _QUARTER_RX.fullmatch(raw):
            token = m.group(1).upper()
            n = _ROMAN.index(token) + 1 if token in _ROMAN else int(token)
            return cls._build(text, date=PartialDate(year=int(m.group(2))), quarter=n)
        if m := _QUARTER_EN_RX.fullmatch(raw):
            n = _ORDINAL_EN.index(m.group(1).casefold()) + 1
            return cls._build(text, date=PartialDate(year=int(m.group(2))), quarter=n)
        week_match = _WEEK_RX.fullmatch(raw) or _WEEK_EN_RX.fullmatch(raw)
        if week_match:
            number, word, rest = week_match.groups()
            n = (
                int(number)
                if number
                else (_ORDINAL_ID + _ORDINAL_EN).index(word.casefold()) % 5 + 1
            )
            month = PartialDate.parse(rest, published=published)
            return cls._build(text, date=month, week=n)
        lowered = raw.casefold()
        for prefix, qualifier in _PREFIX_WORDS:
            if lowered.startswith(prefix):
                rest = raw[len(prefix) :].strip()
                return cls._build(
                    text, date=PartialDate.parse(rest, published=published), qualifier=qualifier
                )
        time: str | None = None
        approximate = False
        if m := _CLOCK_RX.search(raw):
            hour, minute = int(m.group(2)), int(m.group(3))
            if hour > 23 or minute > 59:
                raise _fail(
                    "kotakerja.time.invalid", f"{text!r}: {hour}.{minute:02d} is not a time"
                )
            time = f"{_TWO_DIGITS[hour]}:{_TWO_DIGITS[minute]}"
            approximate = m.group(1) is not None
            raw = raw[: m.start()].strip().rstrip(",")
        time_of_day = None
        words = raw.split(" ")
        for size in (2, 1):
            for at in range(len(words) - size + 1):
                phrase = " ".join(words[at : at + size]).rstrip(",").casefold()
                if phrase in _TIME_OF_DAY_INDEX and at > 0:
                    time_of_day = _TIME_OF_DAY_INDEX[phrase]
                    del words[at : at + size]
                    break
            if time_of_day is not None:
                break
        date = PartialDate.parse(" ".join(words).rstrip(","), published=published)
        return cls._build(
            text, date=date, time_of_day=time_of_day, time=time, time_approximate=approximate
        )

    @classmethod
    def _build(cls, original: str, **fields: object) -> ReportedDate:
        q = fields.pop("qualifier", None)
        if "quarter" in fields:
            q = DateQualifier.QUARTER
        elif "week" in fields:
            q = DateQualifier.WEEK
        try:
            return cls(qualifier=q, **fields)  # type: ignore[arg-type]
        except ValidationError as e:
            raise _fail(e.errors[0].code, f"{original!r}: {e.errors[0].message}") from None


_QUALIFIER_WORDS = {
    "id": {
        DateQualifier.EARLY: "awal ",
        DateQualifier.MID: "pertengahan ",
        DateQualifier.LATE: "akhir ",
        DateQualifier.ABOUT: "sekitar ",
        DateQualifier.ON_OR_BEFORE: "paling lambat ",
        DateQualifier.ON_OR_AFTER: "paling cepat ",
    },
    "en": {
        DateQualifier.EARLY: "early ",
        DateQualifier.MID: "mid ",
        DateQualifier.LATE: "late ",
        DateQualifier.ABOUT: "about ",
        DateQualifier.ON_OR_BEFORE: "on or before ",
        DateQualifier.ON_OR_AFTER: "on or after ",
    },
}

DateLike = PartialDate | ReportedDate | _dt.date
"""Anything with a first and last day: a partial date, a reported date or a date."""


def _bounds_of(value: DateLike) -> tuple[pendulum.Date, pendulum.Date]:
    if isinstance(value, (PartialDate, ReportedDate)):
        return value.earliest(), value.latest()
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        day = pendulum.Date(value.year, value.month, value.day)
        return day, day
    raise _fail("kotakerja.type", f"expected a date, got {type(value).__name__}")
