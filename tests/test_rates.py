"""Money per period, quantities with a unit and a period, proposals, topics in both languages."""

from __future__ import annotations

from decimal import Decimal

import jsonschema
import pytest
from hypothesis import given

from kotakerja import (
    TOPICS,
    Agreement,
    Consignee,
    Country,
    ExportShipment,
    Meeting,
    MeetingKind,
    Money,
    MoneyRate,
    Mou,
    Obligation,
    Organization,
    OrganizationKind,
    Outcome,
    OutcomeKind,
    Party,
    Quantity,
    RatePeriod,
    Region,
    Scheme,
    ValidationError,
    from_dict,
    from_json,
    json_schema,
    normalize_topic,
    to_dict,
    to_json,
)
from kotakerja.testing import from_type


def test_an_allowance_per_month_keeps_its_amount_and_period() -> None:
    rate = MoneyRate(amount=Money.of("5000000", "IDR"), per=RatePeriod.MONTH)
    assert rate.format() == "Rp5.000.000 per bulan"
    assert rate.format("en") == "IDR 5,000,000 per month"
    assert rate.per_year() == Money.of("60000000", "IDR")
    assert to_dict(rate) == {"amount": {"amount": "5000000", "currency": "IDR"}, "per": "month"}


def test_a_daily_rate_has_no_exact_yearly_total() -> None:
    with pytest.raises(ValidationError) as exc:
        MoneyRate(amount=Money.of("150000", "IDR"), per=RatePeriod.DAY).per_year()
    assert [(e.path, e.code) for e in exc.value.errors] == [("per", "kotakerja.rate.not_yearly")]


def test_a_negative_rate_is_rejected_at_its_amount() -> None:
    with pytest.raises(ValidationError) as exc:
        MoneyRate(amount=Money.of("-1", "IDR"), per=RatePeriod.YEAR)
    assert [(e.path, e.code) for e in exc.value.errors] == [
        ("amount.amount", "kotakerja.money.negative")
    ]


def test_five_hundred_tonnes_per_day() -> None:
    q = Quantity(amount=Decimal(500), unit="TNE", per=RatePeriod.DAY)
    assert (q.format(), q.format("en")) == ("500 ton per hari", "500 TNE per day")
    assert Quantity(amount=Decimal("2.5"), unit="KGM").format() == "2,5 kg"


def test_a_quantity_in_an_unknown_unit_gets_a_hint() -> None:
    with pytest.raises(ValidationError) as exc:
        Quantity(amount=Decimal(500), unit="TON")
    err = exc.value.errors[0]
    assert (err.path, err.code) == ("unit", "kotakerja.quantity.unknown_unit")
    assert "'TNE'" in err.message


def _agreement() -> Agreement:
    solo = Party(region=Region.get("33.72"))
    kediri = Party(region=Region.get("35.71"))
    return Agreement(
        id="pks-sampah-2024",
        title="PKS pengolahan sampah",
        scheme=Scheme.KSDD,
        parties=(solo, kediri),
        obligations=(
            Obligation(
                party=1,
                payments=(MoneyRate(amount=Money.of("1200000000", "IDR"), per=RatePeriod.YEAR),),
            ),
        ),
        budget_rate=MoneyRate(amount=Money.of("2500000000", "IDR"), per=RatePeriod.YEAR),
        quantities=(Quantity(amount=Decimal(500), unit="TNE", per=RatePeriod.DAY),),
    )


def test_an_agreement_carries_rates_and_quantities_through_json() -> None:
    pks = _agreement()
    data = to_dict(pks)
    assert data["quantities"] == [{"amount": "500", "unit": "TNE", "per": "day"}]
    assert data["budget_rate"]["per"] == "year"
    assert from_json(Agreement, to_json(pks)) == pks
    jsonschema.validate(data, json_schema(Agreement))


def test_an_mou_names_the_body_that_implements_it() -> None:
    mou = Mou(
        id="mou-beasiswa",
        title="Nota Kesepahaman beasiswa",
        scheme=Scheme.BUSINESS,
        parties=(Party(region=Region.get("33.72")), Party(region=Region.get("35.71"))),
        implementers=(Organization(name="Yayasan Beasiswa Solo", kind=OrganizationKind.NGO),),
    )
    assert from_dict(Mou, to_dict(mou)) == mou


def test_a_shipment_volume_per_month() -> None:
    s = ExportShipment(
        id="shipment-kopi",
        consignee=Consignee(country=Country.get("JP")),
        volume=Quantity(amount=Decimal(20), unit="TNE", per=RatePeriod.MONTH),
    )
    data = to_dict(s)
    assert data["volume"] == {"amount": "20", "unit": "TNE", "per": "month"}
    assert from_dict(ExportShipment, data) == s
    jsonschema.validate(data, json_schema(ExportShipment))


@given(from_type(MoneyRate))
def test_money_rates_round_trip(rate: MoneyRate) -> None:
    assert from_json(MoneyRate, to_json(rate)) == rate


@given(from_type(Quantity))
def test_quantities_round_trip(q: Quantity) -> None:
    assert from_json(Quantity, to_json(q)) == q


def test_a_proposal_is_an_outcome() -> None:
    m = Meeting(
        id="meeting-usulan",
        title="Audiensi",
        kind=MeetingKind.COURTESY_CALL,
        outcomes=(
            Outcome(
                kind=OutcomeKind.PROPOSAL,
                text="Pemkot mengusulkan pertukaran pelajar mulai 2025.",
            ),
        ),
    )
    assert to_dict(m)["outcomes"][0]["kind"] == "proposal"
    assert from_json(Meeting, to_json(m)) == m
    assert "proposal" in json_schema(Meeting)["$defs"]["OutcomeKind"]["enum"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("creative economy", "creative_industry"),
        ("Ekonomi Kreatif", "creative_industry"),
        ("industri kreatif", "creative_industry"),
        ("Smart City", "smart_city"),
        ("kota cerdas", "smart_city"),
        ("public service digitalisation", "digitalization"),
        ("Pengelolaan Sampah", "waste_management"),
        ("waste management", "waste_management"),
        ("human resource development", "human_resources"),
        ("civil service exchange", "civil_service_exchange"),
        ("MSMEs", "umkm"),
    ],
)
def test_topics_resolve_in_both_languages(text: str, code: str) -> None:
    assert normalize_topic(text) == code


def test_every_label_and_alias_resolves_to_its_own_topic() -> None:
    for info in TOPICS.values():
        for form in (info.code, info.label_id, info.label_en, *info.aliases):
            assert normalize_topic(form) == info.code, form
