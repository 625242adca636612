"""Places: Indonesian regions (Kemendagri), countries, and foreign localities."""

from __future__ import annotations

import enum
import functools
import importlib.resources
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from .._errors import Problems, ValidationError
from .._model import check_fields, meta
from .._zones import zone_problem

if TYPE_CHECKING:
    import gettext


def _pycountry() -> Any:
    """pycountry, imported on first use (it is slow to import)."""
    import pycountry

    return pycountry


__all__ = [
    "Country",
    "ForeignLocality",
    "LocalityLevel",
    "PlaceName",
    "Region",
    "RegionLevel",
    "RegionMatch",
    "all_regions",
    "check_time_zone",
    "find_regions",
    "resolve_region",
    "zone_country",
]

_CODE_RX = re.compile(r"[0-9]{2}(\.[0-9]{2})?")


class RegionLevel(str, enum.Enum):
    """Level of an Indonesian region (*tingkat wilayah*)."""

    PROVINSI = "provinsi"
    """Province."""
    KABUPATEN = "kabupaten"
    """Regency."""
    KOTA = "kota"
    """City."""
    KOTA_ADMINISTRASI = "kota_administrasi"
    """Administrative city of DKI Jakarta."""
    KABUPATEN_ADMINISTRASI = "kabupaten_administrasi"
    """Administrative regency of DKI Jakarta."""


_TZ_ABBR = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}

_PREFIXES = (
    "provinsi ",
    "kabupaten administrasi ",
    "kota administrasi ",
    "kabupaten ",
    "kab. ",
    "kab ",
    "kota ",
)

_PREFIX_LEVELS: Mapping[str, tuple[RegionLevel, ...]] = {
    "provinsi ": (RegionLevel.PROVINSI,),
    "kabupaten administrasi ": (RegionLevel.KABUPATEN_ADMINISTRASI,),
    "kota administrasi ": (RegionLevel.KOTA_ADMINISTRASI,),
    "kabupaten ": (RegionLevel.KABUPATEN, RegionLevel.KABUPATEN_ADMINISTRASI),
    "kab. ": (RegionLevel.KABUPATEN, RegionLevel.KABUPATEN_ADMINISTRASI),
    "kab ": (RegionLevel.KABUPATEN, RegionLevel.KABUPATEN_ADMINISTRASI),
    "kota ": (RegionLevel.KOTA, RegionLevel.KOTA_ADMINISTRASI),
}

ALIASES: Mapping[str, tuple[str, ...]] = {
    "solo": ("33.72",),
    "jakarta": ("31",),
    "dki": ("31",),
    "dki jakarta": ("31",),
    "daerah khusus jakarta": ("31",),
    "daerah khusus ibukota jakarta": ("31",),
    "jogja": ("34.71", "34"),
    "jogjakarta": ("34.71", "34"),
    "yogya": ("34.71", "34"),
    "yogyakarta": ("34.71", "34"),
    "diy": ("34",),
    "makasar": ("73.71",),
    # Provinces as the press abbreviates them.
    "sumut": ("12",),
    "sumbar": ("13",),
    "sumsel": ("16",),
    "babel": ("19",),
    "kepri": ("21",),
    "jabar": ("32",),
    "jateng": ("33",),
    "jatim": ("35",),
    "ntb": ("52",),
    "ntt": ("53",),
    "kalbar": ("61",),
    "kalteng": ("62",),
    "kalsel": ("63",),
    "kaltim": ("64",),
    "kaltara": ("65",),
    "sulut": ("71",),
    "sulteng": ("72",),
    "sulsel": ("73",),
    "sultra": ("74",),
    "sulbar": ("76",),
    "malut": ("82",),
}
"""Common names that the official names do not contain, mapped to region codes."""


_PROVINCES_EN = {
    "11": "Aceh",
    "12": "North Sumatra",
    "13": "West Sumatra",
    "14": "Riau",
    "15": "Jambi",
    "16": "South Sumatra",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Bangka Belitung Islands",
    "21": "Riau Islands",
    "31": "Special Capital Region of Jakarta",
    "32": "West Java",
    "33": "Central Java",
    "34": "Special Region of Yogyakarta",
    "35": "East Java",
    "36": "Banten",
    "51": "Bali",
    "52": "West Nusa Tenggara",
    "53": "East Nusa Tenggara",
    "61": "West Kalimantan",
    "62": "Central Kalimantan",
    "63": "South Kalimantan",
    "64": "East Kalimantan",
    "65": "North Kalimantan",
    "71": "North Sulawesi",
    "72": "Central Sulawesi",
    "73": "South Sulawesi",
    "74": "Southeast Sulawesi",
    "75": "Gorontalo",
    "76": "West Sulawesi",
    "81": "Maluku",
    "82": "North Maluku",
    "91": "Papua",
    "92": "West Papua",
    "93": "South Papua",
    "94": "Central Papua",
    "95": "Highland Papua",
    "96": "Southwest Papua",
}
"""The provinces' names as their governments write them in English."""

# Compass words that Indonesian puts after a name and English before it, longest first.
_COMPASS = (
    ("barat daya", "Southwest"),
    ("barat laut", "Northwest"),
    ("timur laut", "Northeast"),
    ("tenggara", "Southeast"),
    ("utara", "North"),
    ("selatan", "South"),
    ("barat", "West"),
    ("timur", "East"),
    ("tengah", "Central"),
    ("pusat", "Central"),
)


def _english_place(name: str) -> str:
    """``Jakarta Selatan`` -> ``South Jakarta``; ``Kepulauan Seribu`` -> ``Seribu Islands``."""
    lowered = name.casefold()
    for word, english in _COMPASS:
        if lowered.endswith(" " + word):
            return f"{english} {_english_place(name[: -len(word) - 1])}"
    if lowered.startswith("kepulauan "):
        return f"{name[len('kepulauan ') :]} Islands"
    return name


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s.]", " ", text.casefold()).split())


def _strip_prefix(name: str) -> str:
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


@attrs.frozen(kw_only=True)
class _Row:
    code: str
    name: str
    level: RegionLevel
    time_zone: str


@functools.cache
def _table() -> dict[str, _Row]:
    text = (importlib.resources.files("kotakerja") / "data" / "wilayah.csv").read_text("utf-8")
    rows = {}
    import csv
    import io

    for row in csv.DictReader(io.StringIO(text)):
        rows[row["kode"]] = _Row(
            code=row["kode"],
            name=row["nama"],
            level=RegionLevel(row["tingkat"]),
            time_zone=row["zona_waktu"],
        )
    return rows


@functools.cache
def _index() -> list[tuple[str, str, str]]:
    """(full normalized name, name without prefix, code) for every region."""
    out = []
    for row in _table().values():
        full = _norm(row.name)
        out.append((full, _strip_prefix(full), row.code))
    return out


_CACHE: dict[str, Region] = {}


@attrs.frozen(kw_only=True)
class Region:
    """An Indonesian province, regency or city from the Kemendagri table.

    The code is the stable identity (names change); serialized as its code.

    >>> Region.get("33.72").name
    'Kota Surakarta'
    """

    RULES = ("code is in the Kemendagri table; name, level and zone match it",)

    code: str = attrs.field(metadata=meta(pattern=r"[0-9]{2}(\.[0-9]{2})?"))
    name: str
    level: RegionLevel
    time_zone: str

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        row = _table().get(self.code)
        if row is None:
            p.add("code", "kotakerja.region.unknown", f"no region has the code {self.code!r}")
            return
        if (row.name, row.level, row.time_zone) != (self.name, self.level, self.time_zone):
            p.add(
                "",
                "kotakerja.region.mismatch",
                f"region {self.code} is {row.name} ({row.level.value}, {row.time_zone}); "
                "use Region.get(code)",
            )

    @classmethod
    def get(cls, code: str) -> Region:
        """The region with this Kemendagri code (``PP`` or ``PP.KK``)."""
        found = _CACHE.get(code)
        if found is not None:
            return found
        if not isinstance(code, str) or not _CODE_RX.fullmatch(code):
            raise ValidationError.single(
                "",
                "kotakerja.region.unknown",
                f"{code!r} is not a region code; expected PP (province) or PP.KK",
            )
        row = _table().get(code)
        if row is None:
            raise ValidationError.single(
                "", "kotakerja.region.unknown", f"no region has the code {code!r}"
            )
        region = cls(code=row.code, name=row.name, level=row.level, time_zone=row.time_zone)
        _CACHE[code] = region
        return region

    @property
    def is_province(self) -> bool:
        return self.level is RegionLevel.PROVINSI

    @property
    def province_code(self) -> str:
        return self.code[:2]

    @property
    def province(self) -> Region:
        """The province this region lies in (a province is its own)."""
        return self if self.is_province else Region.get(self.province_code)

    @property
    def parent(self) -> Region | None:
        """The province of a regency or city; None for a province."""
        return None if self.is_province else self.province

    def children(self) -> tuple[Region, ...]:
        """The regencies and cities of a province."""
        if not self.is_province:
            return ()
        prefix = self.code + "."
        return tuple(Region.get(c) for c in _table() if c.startswith(prefix))

    def contains(self, other: Region | str) -> bool:
        """True for the region itself and, for a province, its regencies and cities.

        `other` may be a region or its code (``"33.72"``).
        """
        if isinstance(other, str):
            other = Region.get(other)
        return other.code == self.code or (self.is_province and other.province_code == self.code)

    @property
    def short_name(self) -> str:
        """The name without its Provinsi/Kabupaten/Kota prefix."""
        lowered = self.name.casefold()
        for prefix in _PREFIXES:
            if lowered.startswith(prefix):
                return self.name[len(prefix) :]
        return self.name

    @property
    def tz_abbreviation(self) -> str:
        """WIB, WITA or WIT."""
        return _TZ_ABBR.get(self.time_zone, self.time_zone)

    @property
    def english_name(self) -> str:
        """The name as written in English: ``Surakarta City``, ``South Jakarta
        Administrative City``, ``West Java``.

        >>> Region.get("33.72").english_name
        'Surakarta City'
        """
        if self.is_province:
            return _PROVINCES_EN.get(self.code, self.name)
        place = _english_place(self.short_name)
        level = self.level.value
        suffix = "City" if level.startswith("kota") else "Regency"
        if level.endswith("_administrasi"):
            suffix = f"Administrative {suffix}"
        return f"{place} {suffix}"

    def format(self, locale: str = "id") -> str:
        """The official name in Indonesian (``id``) or its English form (``en``)."""
        return self.english_name if locale == "en" else self.name

    def government(self, locale: str = "id") -> str:
        """The region's government: ``Pemerintah Kota Surakarta`` or, in English,
        ``Surakarta City Government`` (a province: ``Provincial Government of West Java``).
        """
        if locale != "en":
            return f"Pemerintah {self.name}"
        if self.code == "31":
            return "Government of the Special Capital Region of Jakarta"
        if self.code == "34":
            return "Government of the Special Region of Yogyakarta"
        if self.is_province:
            return f"Provincial Government of {self.english_name}"
        return f"{self.english_name} Government"

    def __str__(self) -> str:
        return self.name


def all_regions() -> tuple[Region, ...]:
    """Every region, in code order."""
    return tuple(Region.get(c) for c in sorted(_table()))


_LEVEL_RANK = {
    RegionLevel.PROVINSI: 0,
    RegionLevel.KABUPATEN: 1,
    RegionLevel.KABUPATEN_ADMINISTRASI: 1,
    RegionLevel.KOTA: 2,
    RegionLevel.KOTA_ADMINISTRASI: 2,
}


def find_regions(query: str) -> tuple[Region, ...]:
    """Regions whose name or alias matches `query`, ignoring case and the level prefix.

    Whole-name and alias matches come first, then names that start with the query
    (word by word); within each group provinces, then regencies, then cities, by
    code. A bare name found at two levels returns both:

    >>> " ".join(r.code for r in find_regions("Kediri"))
    '35.06 35.71'
    """
    if not isinstance(query, str):
        raise TypeError(f"find_regions() takes a name, not {type(query).__name__}")
    q = _norm(query)
    if not q:
        raise ValidationError.single(
            "", "kotakerja.region.empty_query", "give a name, alias or code to search for"
        )
    if _CODE_RX.fullmatch(q):
        if q in _table():
            return (Region.get(q),)
        old = _history().get(q)
        return (Region.get(old.code),) if old is not None else ()
    exact: set[str] = set(ALIASES.get(q, ()))
    past = _past(q)
    if past is not None:
        exact.add(past.code)
    bare_q = _strip_prefix(q)
    levels = _PREFIX_LEVELS.get(q[: len(q) - len(bare_q)], ())
    if levels:
        # "Kota Solo", "Kab. Kediri": an alias or bare name at the level the prefix says.
        table = _table()
        exact.update(c for c in ALIASES.get(bare_q, ()) if table[c].level in levels)
        exact.update(
            code for _full, bare, code in _index() if bare == bare_q and table[code].level in levels
        )
    prefix: set[str] = set()
    for full, bare, code in _index():
        if q in (full, bare):
            exact.add(code)
        elif full.startswith(q) or bare.startswith(q):
            prefix.add(code)
    prefix -= exact

    def order(code: str) -> tuple[int, str]:
        return (_LEVEL_RANK[_table()[code].level], code)

    return tuple(Region.get(c) for c in [*sorted(exact, key=order), *sorted(prefix, key=order)])


@attrs.frozen(kw_only=True)
class _PastName:
    written: str
    code: str
    kind: str
    name: str
    until: str
    note: str


@functools.cache
def _history() -> dict[str, _PastName]:
    """Former names, other spellings and former codes, by normalized written form."""
    text = (importlib.resources.files("kotakerja") / "data" / "wilayah-riwayat.csv").read_text(
        "utf-8"
    )
    import csv
    import io

    out = {}
    for row in csv.DictReader(io.StringIO(text)):
        entry = _PastName(
            written=row["tertulis"],
            code=row["kode"],
            kind=row["jenis"],
            name=row["nama"],
            until=row["sampai"],
            note=row["catatan"],
        )
        out[_norm(entry.written)] = entry
    return out


def _past(q: str) -> _PastName | None:
    """A former name, spelling or code, written with or without its Kota/Kabupaten prefix."""
    table = _history()
    return table.get(q) or table.get(_strip_prefix(q))


@attrs.frozen(kw_only=True)
class RegionMatch:
    """A region found from what a source wrote, with a note when it was not today's name.

    >>> m = resolve_region("Ujung Pandang")
    >>> m.region.name, m.note
    ('Kota Makassar', 'Ujung Pandang: name of the city until PP 86/1999 restored Makassar')
    """

    region: Region
    written: str
    note: str | None = None


def resolve_region(text: str) -> RegionMatch:
    """The one region `text` names: today's name, an alias, a former name or spelling, or a
    code (today's or a former one, such as 92.71 for Kota Sorong before 2022).

    A name found at two levels (``Kediri``) raises `ValidationError`
    (``kotakerja.region.ambiguous``) listing the candidates; no match raises
    ``kotakerja.region.unknown``.

    >>> resolve_region("92.71").region.code
    '96.71'
    """
    if not isinstance(text, str):
        raise TypeError(f"resolve_region() takes a name or code, not {type(text).__name__}")
    found = find_regions(text)
    q = _norm(text)
    past = _past(q)
    exact = [r for r in found if _is_exact(q, r)] or (
        [Region.get(past.code)] if past is not None else []
    )
    if not exact:
        exact = list(found)
    if len(exact) != 1:
        if not exact:
            raise ValidationError.single(
                "", "kotakerja.region.unknown", f"no region is called {text!r}"
            )
        listed = ", ".join(f"{r.code} {r.name}" for r in exact)
        raise ValidationError.single(
            "", "kotakerja.region.ambiguous", f"{text!r} may be any of: {listed}"
        )
    region = exact[0]
    note = None
    if past is not None and past.code == region.code and q not in _current_names(region):
        note = f"{past.written}: {past.note}"
    return RegionMatch(region=region, written=text, note=note)


def _current_names(region: Region) -> set[str]:
    full = _norm(region.name)
    return {full, _strip_prefix(full), region.code}


def _is_exact(q: str, region: Region) -> bool:
    bare = _strip_prefix(q)
    return (
        q in _current_names(region)
        or bare in _current_names(region)
        or region.code in ALIASES.get(q, ())
        or region.code in ALIASES.get(bare, ())
    )


def check_time_zone(name: str) -> bool:
    """Whether `name` is a canonical IANA time zone (no host-dependent names)."""
    return zone_problem(name) is None


_ID_NAMES = {
    "CN": "Tiongkok",  # Keppres 12/2014: Republik Rakyat Tiongkok, not Cina
    "CZ": "Ceko",
    "FR": "Prancis",  # KBBI spelling
    "LA": "Laos",
    "MO": "Makau",
    "PS": "Palestina",
    "RU": "Rusia",
    "TL": "Timor Leste",  # not Timor Timur, the former province
    "TW": "Taiwan",
    "VA": "Vatikan",
}
"""Short names as Indonesian official sources write them where the ISO 3166
translation differs or is the long form."""


@functools.cache
def _id_translation() -> gettext.NullTranslations:
    import gettext

    try:
        return gettext.translation("iso3166-1", _pycountry().LOCALES_DIR, languages=["id"])
    except OSError:
        return gettext.NullTranslations()


@functools.cache
def _country_index() -> dict[str, str]:
    """Country names to alpha-2 codes: CLDR's Indonesian and English names (through Babel)
    first, then pycountry's ISO names and Indonesian translations (``Cina``) as aliases."""
    from babel import Locale  # on first use: Babel's locale data is large

    pc = _pycountry()
    known = {c.alpha_2 for c in pc.countries}
    out: dict[str, str] = {}

    def add(name: str, code: str) -> None:
        key = _country_key(name)
        if key:
            out.setdefault(key, code)
            plain = _country_key(re.sub(r"\s*\(.*?\)", "", name))
            if plain:
                out.setdefault(plain, code)

    for locale in ("id", "en"):
        for code, name in Locale(locale).territories.items():
            if code in known:
                add(name, code)
    tr = _id_translation()
    for c in pc.countries:
        names = {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}
        names.add(tr.gettext(c.name))
        for n in names:
            add(n, c.alpha_2)
        out[c.alpha_3.casefold()] = c.alpha_2
    return out


def _country_key(name: str) -> str:
    return " ".join(name.replace("’", "'").casefold().split())


@functools.cache
def _zone_territories() -> dict[str, str]:
    from babel.core import get_global

    zones: dict[str, str] = dict(get_global("zone_territories"))
    for alias, canonical in get_global("zone_aliases").items():
        if canonical in zones:
            zones.setdefault(alias, zones[canonical])
    return zones


def zone_country(zone: str) -> str | None:
    """The ISO 3166-1 code of the country an IANA zone belongs to, from CLDR (through
    Babel); None for zones of no country (``UTC``, ``Etc/GMT+7``).

    >>> zone_country("Asia/Shanghai"), zone_country("Asia/Calcutta"), zone_country("UTC")
    ('CN', 'IN', None)
    """
    found = _zone_territories().get(zone)
    return None if found in (None, "001", "ZZ") else found


_COUNTRIES: dict[str, Country] = {}


@attrs.frozen(kw_only=True)
class Country:
    """A country by ISO 3166-1 alpha-2 code; serialized as the code.

    >>> Country.get("DE").name_id
    'Jerman'
    """

    code: str = attrs.field(metadata=meta(pattern=r"[A-Z]{2}"))

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        if _pycountry().countries.get(alpha_2=self.code) is None:
            p.add("code", "kotakerja.country.unknown", f"{self.code!r} is not an ISO 3166-1 code")

    @classmethod
    def get(cls, code: str) -> Country:
        """The country with this alpha-2 code."""
        found = _COUNTRIES.get(code)
        if found is None:
            if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{2}", code):
                raise ValidationError.single(
                    "",
                    "kotakerja.country.unknown",
                    f"{code!r} is not an ISO 3166-1 alpha-2 code (two capital letters)",
                )
            try:
                found = cls(code=code)
            except ValidationError as e:
                raise ValidationError.single("", e.errors[0].code, e.errors[0].message) from None
            _COUNTRIES[code] = found
        return found

    @classmethod
    def find(cls, name: str) -> Country:
        """A country by Indonesian or English name, or alpha-2/alpha-3 code.

        Names come from the Unicode CLDR (``Tiongkok``, ``Korea Selatan``, ``Belanda``)
        and ISO 3166 with its Indonesian translation (``Cina``, kept as an alias).

        >>> Country.find("Tiongkok").code, Country.find("Cina").code, Country.find("Jepang").code
        ('CN', 'CN', 'JP')
        """
        if not isinstance(name, str):
            raise ValidationError.single(
                "", "kotakerja.type", f"expected a country name, got {type(name).__name__}"
            )
        key = _country_key(name)
        if len(key) == 2 and key.isalpha():
            return cls.get(key.upper())
        code = _country_index().get(key)
        if code is None:
            raise ValidationError.single(
                "", "kotakerja.country.unknown", f"no country is called {name!r}"
            )
        return cls.get(code)

    @property
    def _record(self) -> object:
        return _pycountry().countries.get(alpha_2=self.code)

    @property
    def name(self) -> str:
        """English name."""
        c = self._record
        return str(getattr(c, "common_name", None) or getattr(c, "name", self.code))

    @property
    def name_id(self) -> str:
        """Indonesian name (English where no translation exists)."""
        if self.code in _ID_NAMES:
            return _ID_NAMES[self.code]
        c = self._record
        return str(_id_translation().gettext(str(getattr(c, "name", self.code))))

    @property
    def time_zones(self) -> tuple[str, ...]:
        """The IANA zones CLDR gives for this country, sorted (``('Asia/Jakarta', ...)``)."""
        from babel.core import get_global

        canonical = get_global("zone_territories")
        return tuple(sorted(z for z, c in canonical.items() if c == self.code))

    @property
    def alpha3(self) -> str:
        return str(getattr(self._record, "alpha_3", ""))

    def format(self, locale: str = "id") -> str:
        return self.name if locale == "en" else self.name_id

    def __str__(self) -> str:
        return self.code


@attrs.frozen(kw_only=True)
class PlaceName:
    """An Indonesian place as a source writes it, when it does not say which region it is
    (``Kediri``, not whether Kota or Kabupaten). `province` narrows it down.

    >>> " ".join(r.code for r in PlaceName(written="Kediri").candidates())
    '35.06 35.71'
    """

    written: str = attrs.field(metadata=meta(max_length=200))
    province: Region | None = None

    def __attrs_post_init__(self) -> None:
        check_fields(self)

    def _check_rules(self, p: Problems) -> None:
        if self.province is not None and not self.province.is_province:
            p.add("province", "kotakerja.place.not_a_province", f"{self.province} is no province")

    def candidates(self) -> tuple[Region, ...]:
        """The regions it can name, below or at the province when one is given."""
        found = find_regions(self.written)
        q = _norm(self.written)
        exact = tuple(r for r in found if _is_exact(q, r))
        past = _past(q)
        if not exact and past is not None:
            exact = (Region.get(past.code),)
        pool = exact or found
        if self.province is not None:
            pool = tuple(r for r in pool if self.province.contains(r))
        return pool

    def region(self) -> Region | None:
        """The region when only one fits, else None."""
        found = self.candidates()
        return found[0] if len(found) == 1 else None

    def __str__(self) -> str:
        return self.written


class LocalityLevel(str, enum.Enum):
    """Level of a foreign locality (*tingkat daerah di luar negeri*)."""

    CITY = "city"
    PROVINCE = "province"
    STATE = "state"
    PREFECTURE = "prefecture"
    COUNTY = "county"
    DISTRICT = "district"
    MUNICIPALITY = "municipality"
    REGION = "region"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class ForeignLocality:
    """A city, province or state abroad, with its IANA time zone.

    >>> ForeignLocality.city("Shanghai", "CN", "Asia/Shanghai").country.code
    'CN'
    """

    RULES = ("time_zone is an IANA zone", "country is not Indonesia (use Region)")

    name: str = attrs.field(metadata=meta(max_length=200))
    country: Country
    level: LocalityLevel
    time_zone: str
    subdivision: str | None = attrs.field(
        default=None,
        metadata=meta(
            pattern=r"[A-Z]{2}-[A-Z0-9]{1,3}",
            description="ISO 3166-2 code of its province or state, when known (CN-SH).",
        ),
    )
    locode: str | None = attrs.field(
        default=None,
        metadata=meta(
            pattern=r"[A-Z]{2}[A-Z2-9]{3}",
            description="UN/LOCODE, when it has one; many places have none.",
        ),
    )

    __attrs_post_init__ = check_fields

    def _check_codes(self, p: Problems) -> None:
        code = self.country.code
        sub = self.subdivision
        if sub is not None and (
            not sub.startswith(code + "-") or _pycountry().subdivisions.get(code=sub) is None
        ):
            p.add(
                "subdivision",
                "kotakerja.locality.unknown_subdivision",
                f"{sub!r} is not an ISO 3166-2 subdivision of {code}",
            )
        if self.locode is not None and not self.locode.startswith(code):
            p.add(
                "locode",
                "kotakerja.locality.locode_country",
                f"UN/LOCODE {self.locode} is in {self.locode[:2]}, not in {code}",
            )

    def _check_rules(self, p: Problems) -> None:
        zone = zone_problem(self.time_zone)
        if zone is not None:
            p.add("time_zone", "kotakerja.time_zone.unknown", zone)
        if self.country.code == "ID":
            p.add(
                "country",
                "kotakerja.locality.not_foreign",
                "places in Indonesia are Regions, not foreign localities",
            )
        self._check_codes(p)

    @classmethod
    def city(cls, name: str, country: str, time_zone: str) -> ForeignLocality:
        """A foreign city."""
        return cls(
            name=name, country=Country.get(country), level=LocalityLevel.CITY, time_zone=time_zone
        )

    @property
    def tz_abbreviation(self) -> str:
        """The zone's abbreviation now, e.g. CST."""
        return str(pendulum.now(self.time_zone).format("zz"))

    def format(self, locale: str = "id") -> str:
        """The name with its country in Indonesian (``id``) or English (``en``).

        >>> ForeignLocality.city("Shanghai", "CN", "Asia/Shanghai").format()
        'Shanghai, Tiongkok'
        """
        return f"{self.name}, {self.country.format(locale)}"

    def __str__(self) -> str:
        return f"{self.name}, {self.country.name}"
