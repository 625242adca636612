"""The shared topic vocabulary (*bidang kerja sama*) of MoUs, agreements and meetings.

Topics are an open vocabulary: a record may carry any non-empty topic string,
and unknown topics are kept as written. The known topics below have stable
snake_case codes with Indonesian and English labels, and :func:`normalize_topic`
maps the usual ways of writing them onto those codes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from .._errors import ValidationError

__all__ = ["TOPICS", "TopicInfo", "normalize_topic", "topic_label"]


@attrs.frozen(kw_only=True)
class TopicInfo:
    """A known topic: its code, labels in both languages, and other ways of writing it."""

    code: str
    label_id: str
    label_en: str
    aliases: tuple[str, ...] = ()


def _t(code: str, label_id: str, label_en: str, *aliases: str) -> TopicInfo:
    return TopicInfo(code=code, label_id=label_id, label_en=label_en, aliases=aliases)


_KNOWN = (
    _t("trade", "Perdagangan", "Trade", "dagang", "perniagaan", "commerce"),
    _t("investment", "Investasi", "Investment", "penanaman modal", "investasi daerah"),
    _t("export", "Ekspor", "Export", "ekspor umkm", "exports", "msme export"),
    _t(
        "umkm",
        "UMKM",
        "Micro, small and medium enterprises",
        "msme",
        "msmes",
        "sme",
        "smes",
        "ukm",
        "usaha mikro kecil dan menengah",
        "small business",
    ),
    _t(
        "creative_industry",
        "Ekonomi kreatif",
        "Creative industry",
        "industri kreatif",
        "ekraf",
        "creative economy",
        "creative industries",
    ),
    _t("tourism", "Pariwisata", "Tourism", "wisata", "kepariwisataan"),
    _t("culture", "Kebudayaan", "Culture", "budaya", "seni budaya", "arts and culture"),
    _t("sport", "Olahraga", "Sport", "sports", "keolahragaan"),
    _t("education", "Pendidikan", "Education", "kependidikan"),
    _t("scholarship", "Beasiswa", "Scholarships", "scholarship", "program beasiswa"),
    _t(
        "civil_service_exchange",
        "Pertukaran ASN",
        "Civil servant exchange",
        "pertukaran pegawai",
        "asn exchange",
        "pertukaran aparatur sipil negara",
        "civil service exchange",
        "staff exchange",
    ),
    _t(
        "human_resources",
        "Pengembangan SDM",
        "Human resources development",
        "sdm",
        "pelatihan sdm",
        "hr training",
        "capacity building",
        "human resource development",
        "pengembangan sumber daya manusia",
        "peningkatan kapasitas",
    ),
    _t(
        "knowledge_exchange",
        "Pertukaran pengetahuan",
        "Knowledge exchange",
        "berbagi pengetahuan",
        "pertukaran pengalaman",
        "sharing knowledge",
        "knowledge sharing",
        "best practice sharing",
    ),
    _t("smart_city", "Kota cerdas", "Smart city", "kota pintar", "smart cities"),
    _t(
        "digitalization",
        "Digitalisasi layanan publik",
        "Public-service digitalisation",
        "digitalisasi",
        "e-government",
        "digitalisasi pelayanan publik",
        "digital government",
        "public service digitalisation",
        "public service digitalization",
        "digitalization of public services",
        "e-gov",
    ),
    _t(
        "digital_economy",
        "Ekonomi digital",
        "Digital economy",
        "pasar digital",
        "digital market",
    ),
    _t(
        "public_service",
        "Pelayanan publik",
        "Public services",
        "layanan publik",
        "public service",
    ),
    _t(
        "waste_management",
        "Pengelolaan sampah",
        "Waste management",
        "persampahan",
        "sampah",
        "solid waste",
        "penanganan sampah",
    ),
    _t("environment", "Lingkungan hidup", "Environment", "lingkungan", "environmental"),
    _t("health", "Kesehatan", "Health", "health care", "layanan kesehatan"),
    _t("infrastructure", "Infrastruktur", "Infrastructure", "pembangunan infrastruktur"),
    _t(
        "transport",
        "Transportasi",
        "Transport",
        "perhubungan",
        "transportation",
        "public transport",
        "transportasi publik",
    ),
    _t("agriculture", "Pertanian", "Agriculture", "farming"),
    _t(
        "fisheries",
        "Kelautan dan perikanan",
        "Fisheries",
        "perikanan",
        "marine and fisheries",
        "kelautan",
    ),
    _t("industry", "Perindustrian", "Industry", "industri", "manufacturing"),
    _t("energy", "Energi", "Energy", "energi terbarukan", "renewable energy"),
    _t("food_security", "Ketahanan pangan", "Food security", "pangan"),
    _t(
        "disaster_management",
        "Penanggulangan bencana",
        "Disaster management",
        "kebencanaan",
        "disaster risk reduction",
        "mitigasi bencana",
    ),
    _t(
        "urban_planning",
        "Penataan kota",
        "Urban planning",
        "tata ruang",
        "tata kota",
        "spatial planning",
        "urban development",
    ),
    _t("water_supply", "Air minum", "Water supply", "air bersih", "clean water", "drinking water"),
    _t("science_technology", "Ilmu pengetahuan dan teknologi", "Science and technology", "iptek"),
    _t("youth", "Kepemudaan", "Youth", "pemuda", "youth exchange", "pertukaran pemuda"),
    _t("social_welfare", "Kesejahteraan sosial", "Social welfare", "sosial", "social affairs"),
    _t(
        "governance",
        "Tata kelola pemerintahan",
        "Governance",
        "pemerintahan",
        "good governance",
        "public administration",
    ),
)

TOPICS: Mapping[str, TopicInfo] = MappingProxyType({t.code: t for t in _KNOWN})
"""Known topics by code."""


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.strip().casefold())


_INDEX: dict[str, str] = {}
for _info in _KNOWN:
    for _form in (_info.code, _info.label_id, _info.label_en, *_info.aliases):
        _INDEX.setdefault(_norm(_form), _info.code)


def normalize_topic(text: str) -> str:
    """The code of a known topic written in any usual way, else the text, trimmed.

    >>> normalize_topic("Pariwisata"), normalize_topic("smart city"), normalize_topic("Batik")
    ('tourism', 'smart_city', 'Batik')
    """
    if not isinstance(text, str):
        raise ValidationError.single(
            "", "kotakerja.type", f"expected a topic string, got {type(text).__name__}"
        )
    stripped = text.strip()
    if not stripped:
        raise ValidationError.single("", "kotakerja.topic.empty", "a topic must not be empty")
    return _INDEX.get(_norm(stripped), stripped)


def topic_label(topic: str, locale: str = "id") -> str:
    """The label of a topic in `locale` ("id" or "en"); unknown topics come back as written."""
    info = TOPICS.get(topic)
    if info is None:
        return topic
    return info.label_en if locale == "en" else info.label_id
