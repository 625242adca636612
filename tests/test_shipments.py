"""Export shipments and releases: every rule with its code and path, status history, totals."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import jsonschema
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kotakerja
from kotakerja import (
    Consignee,
    Country,
    DeliveryTerms,
    Exporter,
    ExportRelease,
    ExportShipment,
    GoodsLine,
    HsCode,
    Incoterm,
    Money,
    Organization,
    OrganizationKind,
    OriginProof,
    OriginProofKind,
    Package,
    PackageKind,
    PartialDate,
    Ref,
    Region,
    ReleaseTotals,
    ShipmentStatus,
    StatusEvent,
    TradeDocument,
    TradeDocumentKind,
    TransportLeg,
    TransportMode,
    UmkmClass,
    ValidationError,
    check,
    classify_umkm,
    from_dict,
    from_json,
    json_schema,
    shipments_by_destination,
    to_dict,
    to_json,
)
from kotakerja.testing import aware_datetimes, from_type
from kotakerja.testing._shipments import event_histories, export_shipments

WIB = "Asia/Jakarta"


def _at(day: int, hour: int, tz: str = WIB) -> pendulum.DateTime:
    return pendulum.datetime(2021, 12, day, hour, tz=tz)


def _shipment(**over: Any) -> ExportShipment:
    """A complete air shipment of coffee and snacks from Solo to Tokyo."""
    fields: dict[str, Any] = {
        "id": "shipment-test-jp",
        "exporter": Exporter(
            organization=Organization(
                name="UD Kopi Lereng Lawu",
                kind=OrganizationKind.UMKM,
                region=Region.get("33.72"),
                nib="1234567890123",
                npwp="013000666091000",
            ),
            capital=Money.of("750000000", "IDR"),
        ),
        "consignee": Consignee(name="Toko Nusantara", country=Country.get("JP"), diaspora=True),
        "goods": (
            GoodsLine(
                description="Kopi bubuk robusta",
                hs_code=HsCode.parse("0901.21.20"),
                quantity=Decimal("120"),
                unit="KGM",
                value=Money.of("180000", "JPY"),
            ),
            GoodsLine(
                description="Keripik tempe",
                hs_code=HsCode.parse("2008.19.90"),
                quantity=Decimal("300"),
                unit="H87",
                value=Money.of("45000", "JPY"),
            ),
        ),
        "packages": (Package(count=12, kind=PackageKind.CARTON),),
        "net_weight_kg": Decimal("150.5"),
        "gross_weight_kg": Decimal("171.0"),
        "invoice_total": Money.of("225000", "JPY"),
        "delivery": DeliveryTerms(incoterm=Incoterm.FCA, named_place="Soekarno-Hatta, Tangerang"),
        "legs": (
            TransportLeg(
                mode=TransportMode.ROAD,
                departure_place="IDSOC",
                arrival_place="IDCGK",
                carrier="Angkasa Pura Logistik",
                planned_departure=_at(20, 13),
                planned_arrival=_at(21, 4),
            ),
            TransportLeg(
                mode=TransportMode.AIR,
                departure_place="IDCGK",
                arrival_place="JPNRT",
                voyage="GA874",
                planned_departure=_at(21, 22),
                planned_arrival=pendulum.datetime(2021, 12, 22, 8, tz="Asia/Tokyo"),
            ),
        ),
        "documents": (
            TradeDocument(
                kind=TradeDocumentKind.PEB,
                number="000123",
                date=PartialDate(year=2021, month=12, day=17),
            ),
            TradeDocument(kind=TradeDocumentKind.NPE, number="000456"),
            TradeDocument(kind=TradeDocumentKind.AIR_WAYBILL, number="126-12345675"),
        ),
        "origin": OriginProof(agreement="IJEPA", form="Form IJEPA"),
        "events": (
            StatusEvent(status=ShipmentStatus.BOOKED, time=_at(15, 9)),
            StatusEvent(status=ShipmentStatus.DOCUMENTS_SUBMITTED, time=_at(17, 10)),
            StatusEvent(status=ShipmentStatus.CUSTOMS_RELEASED, time=_at(18, 14)),
            StatusEvent(
                status=ShipmentStatus.RELEASED, time=_at(20, 10), place="Balai Kota Surakarta"
            ),
        ),
    }
    fields.update(over)
    return ExportShipment(**fields)


def _doc(edit: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    doc: dict[str, Any] = copy.deepcopy(to_dict(_shipment()))
    edit(doc)
    return doc


def _errors(doc: dict[str, Any]) -> set[tuple[str, str]]:
    with pytest.raises(ValidationError) as exc:
        from_dict(ExportShipment, doc)
    return {(e.code, e.path) for e in exc.value.errors}


class TestValidShipment:
    def test_builds_round_trips_and_fits_the_schema(self) -> None:
        s = _shipment()
        assert from_json(ExportShipment, to_json(s)) == s
        assert to_json(from_json(ExportShipment, to_json(s))) == to_json(s)
        jsonschema.Draft202012Validator(json_schema(ExportShipment)).validate(to_dict(s))

    def test_derived_facts(self) -> None:
        s = _shipment()
        assert s.destination == Country.get("JP")
        assert s.status is ShipmentStatus.RELEASED
        assert s.export_date() == PartialDate(year=2021, month=12, day=20)
        assert s.values() == {"JPY": Decimal("225000")}
        assert s.hs_chapters == frozenset({"09", "20"})
        assert s.exporter is not None
        assert s.exporter.umkm_class is UmkmClass.MIKRO
        assert [d.number for d in s.documents_of(TradeDocumentKind.PEB)] == ["000123"]
        assert check(s) == ()

    def test_hs_code_is_stored_canonically(self) -> None:
        doc = _doc(lambda d: d["goods"][0].update(hs_code="0901.21.20"))
        assert from_dict(ExportShipment, doc).goods[0].hs_code == HsCode(code="09012120")
        assert to_dict(_shipment())["goods"][0]["hs_code"] == "09012120"


class TestRules:
    def test_fob_on_an_air_leg_is_rejected(self) -> None:
        doc = _doc(lambda d: d["delivery"].update(incoterm="FOB"))
        assert _errors(doc) == {("kotakerja.shipment.incoterm_needs_sea", "delivery.incoterm")}
        with pytest.raises(ValidationError) as exc:
            _shipment(delivery=DeliveryTerms(incoterm=Incoterm.FOB, named_place="Jakarta"))
        assert "leg 1 goes by air" in str(exc.value)
        assert "FCA" in str(exc.value)

    @pytest.mark.parametrize("term", ["FAS", "FOB", "CFR", "CIF"])
    def test_sea_only_terms_pass_with_a_sea_leg(self, term: str) -> None:
        legs = (
            TransportLeg(mode=TransportMode.ROAD, departure_place="IDSOC", arrival_place="IDSRG"),
            TransportLeg(mode=TransportMode.SEA, departure_place="IDSRG", arrival_place="JPTYO"),
        )
        s = _shipment(
            legs=legs, delivery=DeliveryTerms(incoterm=Incoterm(term), named_place="Semarang")
        )
        assert s.delivery is not None
        assert s.delivery.incoterm.sea_only

    def test_sea_only_term_with_road_legs_only_is_rejected(self) -> None:
        legs = (
            TransportLeg(mode=TransportMode.ROAD, departure_place="IDSOC", arrival_place="JPTYO"),
        )
        with pytest.raises(ValidationError) as exc:
            _shipment(legs=legs, delivery=DeliveryTerms(incoterm=Incoterm.CIF, named_place="X"))
        assert exc.value.codes == ("kotakerja.shipment.incoterm_needs_sea",)
        assert "no leg goes by sea" in str(exc.value)

    def test_net_above_gross_is_rejected(self) -> None:
        doc = _doc(lambda d: d.update(net_weight_kg="171.5"))
        assert _errors(doc) == {("kotakerja.shipment.net_above_gross", "net_weight_kg")}

    @pytest.mark.parametrize(
        ("field", "value", "path"),
        [
            ("net_weight_kg", "-1", "net_weight_kg"),
            ("gross_weight_kg", "0", "gross_weight_kg"),
        ],
    )
    def test_weights_are_not_negative(self, field: str, value: str, path: str) -> None:
        doc = _doc(lambda d: d.update({field: value}))
        assert ("kotakerja.out_of_range", path) in _errors(doc)

    def test_omr_amount_with_four_decimals_is_rejected(self) -> None:
        def edit(d: dict[str, Any]) -> None:
            d["goods"] = [d["goods"][0]]
            d["goods"][0]["value"] = {"amount": "12.3456", "currency": "OMR"}
            d["invoice_total"] = {"amount": "12.3456", "currency": "OMR"}

        assert _errors(_doc(edit)) == {
            ("kotakerja.money.too_many_decimals", "goods[0].value.amount"),
            ("kotakerja.money.too_many_decimals", "invoice_total.amount"),
        }
        with pytest.raises(ValidationError) as exc:
            Money.of("12.3456", "OMR")
        assert "OMR allows at most 3" in str(exc.value)

    def test_omr_with_three_decimals_is_kept_exactly(self) -> None:
        def edit(d: dict[str, Any]) -> None:
            d["goods"] = [d["goods"][0]]
            d["goods"][0]["value"] = {"amount": "12.340", "currency": "OMR"}
            d["invoice_total"] = {"amount": "12.34", "currency": "OMR"}

        s = from_dict(ExportShipment, _doc(edit))
        assert to_dict(s)["goods"][0]["value"]["amount"] == "12.340"

    def test_form_d_to_qatar_is_rejected(self) -> None:
        def edit(d: dict[str, Any]) -> None:
            d["consignee"]["country"] = "QA"
            d["legs"][1]["arrival_place"] = "QADOH"
            d["origin"] = {"kind": "certificate", "agreement": "ATIGA", "form": "Form D"}

        assert _errors(_doc(edit)) == {("kotakerja.origin.not_allowed", "origin.agreement")}
        with pytest.raises(ValidationError) as exc:
            from_dict(ExportShipment, _doc(edit))
        assert "ATIGA does not cover Qatar (QA) on 2021-12-20" in str(exc.value)
        assert "NON-PREF (Form B)" in str(exc.value)

    def test_non_preferential_origin_is_always_allowed(self) -> None:
        def edit(d: dict[str, Any]) -> None:
            d["consignee"]["country"] = "OM"
            d["legs"][1]["arrival_place"] = "OMMCT"
            d["origin"] = {"kind": "certificate", "agreement": "NON-PREF", "form": "Form B"}

        assert from_dict(ExportShipment, _doc(edit)).origin == OriginProof(
            agreement="NON-PREF", form="Form B"
        )

    def test_rcep_to_japan_only_from_2023(self) -> None:
        rcep = OriginProof(agreement="RCEP")
        with pytest.raises(ValidationError) as exc:
            _shipment(origin=rcep)
        assert exc.value.codes == ("kotakerja.origin.not_allowed",)
        later = [
            attrs.evolve(leg, planned_departure=None, planned_arrival=None)
            for leg in _shipment().legs
        ]
        later[0] = attrs.evolve(later[0], planned_departure=pendulum.datetime(2023, 1, 2, tz=WIB))
        assert _shipment(origin=rcep, legs=tuple(later), events=()).origin == rcep

    def test_unknown_agreement_is_rejected(self) -> None:
        doc = _doc(lambda d: d["origin"].update(agreement="XYZ-FTA"))
        assert _errors(doc) == {("kotakerja.origin.unknown_agreement", "origin.agreement")}

    def test_first_leg_loading_abroad_is_rejected(self) -> None:
        doc = _doc(lambda d: d["legs"][0].update(departure_place="SGSIN"))
        assert _errors(doc) == {
            ("kotakerja.shipment.first_leg_abroad", "legs[0].departure_place"),
        }

    def test_final_destination_must_be_the_consignee_country(self) -> None:
        doc = _doc(lambda d: d["legs"][1].update(arrival_place="SGSIN"))
        assert _errors(doc) == {("kotakerja.shipment.final_destination", "legs[1].arrival_place")}

    def test_consignee_abroad(self) -> None:
        doc = _doc(lambda d: d["consignee"].update(country="ID"))
        assert ("kotakerja.consignee.domestic", "consignee.country") in _errors(doc)

    @pytest.mark.parametrize("code", ["IDJK", "idjkt", "ID1KT", "IDJKT1"])
    def test_locode_pattern(self, code: str) -> None:
        doc = _doc(lambda d: d["legs"][0].update(departure_place=code))
        assert _errors(doc) == {("kotakerja.pattern", "legs[0].departure_place")}

    def test_locode_country_must_exist(self) -> None:
        doc = _doc(lambda d: d["legs"][0].update(arrival_place="XXJKT"))
        assert ("kotakerja.locode.unknown_country", "legs[0].arrival_place") in _errors(doc)

    def test_pce_unit_is_rejected_with_a_hint(self) -> None:
        doc = _doc(lambda d: d["goods"][1].update(unit="PCE"))
        assert _errors(doc) == {("kotakerja.goods.unknown_unit", "goods[1].unit")}
        with pytest.raises(ValidationError) as exc:
            GoodsLine(description="Keripik", quantity=Decimal(1), unit="PCE")
        assert exc.value.errors[0].message == "'PCE' is not a UN/ECE Rec 20 unit; use 'H87' (piece)"

    def test_quantity_needs_a_unit(self) -> None:
        doc = _doc(lambda d: d["goods"][1].pop("unit"))
        assert _errors(doc) == {("kotakerja.goods.quantity_without_unit", "goods[1].unit")}

    def test_unknown_package_code_is_rejected(self) -> None:
        doc = _doc(lambda d: d["packages"][0].update(kind="ZZ"))
        assert _errors(doc) == {("kotakerja.enum", "packages[0].kind")}
        assert json_schema(ExportShipment)["$defs"]["PackageKind"]["enum"][:4] == [
            "CT", "BX", "PK", "BG",
        ]  # fmt: skip

    def test_line_values_must_add_up_to_the_invoice_total(self) -> None:
        doc = _doc(lambda d: d["invoice_total"].update(amount="225001"))
        assert _errors(doc) == {
            ("kotakerja.shipment.invoice_total_mismatch", "invoice_total.amount")
        }
        with pytest.raises(ValidationError) as exc:
            from_dict(ExportShipment, doc)
        assert "line values add up to 225000 JPY; the invoice total is 225001" in str(exc.value)

    def test_line_value_in_another_currency_is_rejected(self) -> None:
        doc = _doc(lambda d: d["goods"][1].update(value={"amount": "300", "currency": "USD"}))
        assert _errors(doc) == {("kotakerja.goods.currency_mismatch", "goods[1].value.currency")}

    def test_with_an_invoice_total_every_line_has_a_value(self) -> None:
        doc = _doc(lambda d: d["goods"][1].pop("value"))
        assert _errors(doc) == {("kotakerja.goods.value_missing", "goods[1].value")}

    @pytest.mark.parametrize("amount", ["-1", "0"])
    def test_quantity_is_positive(self, amount: str) -> None:
        doc = _doc(lambda d: d["goods"][0].update(quantity=amount))
        assert _errors(doc) == {("kotakerja.out_of_range", "goods[0].quantity")}
        with pytest.raises(ValidationError) as exc:
            GoodsLine(description="x", quantity=Decimal(amount), unit="KGM")
        assert exc.value.paths == ("quantity",)

    def test_negative_values_are_rejected(self) -> None:
        def edit(d: dict[str, Any]) -> None:
            d["goods"][0]["value"]["amount"] = "-180000"
            d["invoice_total"]["amount"] = "-135000"

        assert _errors(_doc(edit)) == {
            ("kotakerja.money.negative", "goods[0].value.amount"),
            ("kotakerja.money.negative", "invoice_total.amount"),
        }

    def test_arrival_before_departure_is_rejected(self) -> None:
        doc = _doc(lambda d: d["legs"][1].update(planned_arrival="2021-12-21T08:00:00+07:00"))
        assert _errors(doc) == {
            ("kotakerja.leg.arrival_before_departure", "legs[1].planned_arrival")
        }

    def test_naive_times_are_rejected(self) -> None:
        doc = _doc(lambda d: d["events"][0].update(time="2021-12-15T09:00:00"))
        assert _errors(doc) == {("kotakerja.datetime.naive", "events[0].time")}

    def test_release_and_links_point_to_the_right_record_types(self) -> None:
        def edit(d: dict[str, Any]) -> None:
            d["release"] = {"type": "mou", "id": "mou-1"}
            d["links"] = [{"type": "export_shipment", "id": "shipment-1"}]

        assert _errors(_doc(edit)) == {
            ("kotakerja.ref.wrong_type", "release.type"),
            ("kotakerja.ref.wrong_type", "links[0].type"),
        }

    def test_every_problem_is_reported_at_once(self) -> None:
        def edit(d: dict[str, Any]) -> None:
            d["net_weight_kg"] = "500"
            d["delivery"]["incoterm"] = "CIF"
            d["legs"][0]["departure_place"] = "MYKUL"
            d["invoice_total"]["amount"] = "1"

        assert {code for code, _ in _errors(_doc(edit))} == {
            "kotakerja.shipment.net_above_gross",
            "kotakerja.shipment.incoterm_needs_sea",
            "kotakerja.shipment.first_leg_abroad",
            "kotakerja.shipment.invoice_total_mismatch",
        }


class TestExporter:
    @pytest.mark.parametrize(
        ("capital", "sales", "expected"),
        [
            ("1000000000", None, UmkmClass.MIKRO),
            ("1000000001", None, UmkmClass.KECIL),
            ("5000000000", None, UmkmClass.KECIL),
            ("5000000001", None, UmkmClass.MENENGAH),
            ("10000000000", None, UmkmClass.MENENGAH),
            ("10000000001", None, UmkmClass.BESAR),
            (None, "2000000000", UmkmClass.MIKRO),
            (None, "2000000001", UmkmClass.KECIL),
            (None, "15000000001", UmkmClass.MENENGAH),
            (None, "50000000001", UmkmClass.BESAR),
            ("500000000", "60000000000", UmkmClass.MIKRO),
            (None, None, None),
        ],
    )
    def test_umkm_class_per_pp_7_2021(
        self, capital: str | None, sales: str | None, expected: UmkmClass | None
    ) -> None:
        c = None if capital is None else Money.of(capital, "IDR")
        s = None if sales is None else Money.of(sales, "IDR")
        assert classify_umkm(capital=c, annual_sales=s) is expected

    def test_limits_are_in_rupiah(self) -> None:
        with pytest.raises(ValidationError) as exc:
            classify_umkm(capital=Money.of("1000", "USD"))
        assert exc.value.codes == ("kotakerja.umkm.not_rupiah",)

    def test_exporter_rules(self) -> None:
        org = Organization(name="Dinas Koperasi", kind=OrganizationKind.REGIONAL_GOVERNMENT,
                           region=Region.get("33.72"))  # fmt: skip
        with pytest.raises(ValidationError) as exc:
            Exporter(organization=org, annual_sales=Money.of("-5", "IDR"))
        assert {(e.code, e.path) for e in exc.value.errors} == {
            ("kotakerja.exporter.kind", "organization.kind"),
            ("kotakerja.money.negative", "annual_sales"),
        }

    def test_npwp_is_checked(self) -> None:
        doc = _doc(lambda d: d["exporter"]["organization"].update(npwp="013000667091000"))
        assert _errors(doc) == {("kotakerja.npwp.invalid", "exporter.organization.npwp")}


class TestStatus:
    def test_a_correction_supersedes_without_editing(self) -> None:
        s = _shipment()
        wrong = StatusEvent(status=ShipmentStatus.DEPARTED, time=_at(21, 22), place="IDCGK")
        fixed = StatusEvent(
            status=ShipmentStatus.RELEASED,
            time=_at(20, 10),
            note="departure was reported by mistake; the flight left on 22 December",
            supersedes=4,
        )
        corrected = attrs.evolve(s, events=(*s.events, wrong, fixed))
        assert corrected.status is ShipmentStatus.RELEASED
        assert corrected.events[4] == wrong
        assert wrong not in corrected.current_events()
        assert from_json(ExportShipment, to_json(corrected)) == corrected

    def test_supersedes_must_point_back(self) -> None:
        doc = _doc(lambda d: d["events"][1].update(supersedes=3))
        assert _errors(doc) == {("kotakerja.status.supersedes_later", "events[1].supersedes")}

    def test_an_event_is_superseded_once(self) -> None:
        def edit(d: dict[str, Any]) -> None:
            d["events"][2]["supersedes"] = 0
            d["events"][3]["supersedes"] = 0

        assert _errors(_doc(edit)) == {
            ("kotakerja.status.superseded_twice", "events[3].supersedes")
        }

    def test_status_on(self) -> None:
        s = _shipment()
        assert s.status_on(_at(14, 23)) is None
        assert s.status_on(_at(15, 9)) is ShipmentStatus.BOOKED
        assert s.status_on(_at(17, 12)) is ShipmentStatus.DOCUMENTS_SUBMITTED
        assert s.status_on(pendulum.datetime(2021, 12, 18, 7, tz="UTC")) is (
            ShipmentStatus.CUSTOMS_RELEASED
        )
        assert s.status_on(pendulum.datetime(2022, 1, 1, tz="Asia/Tokyo")) is (
            ShipmentStatus.RELEASED
        )

    def test_status_on_needs_an_aware_time(self) -> None:
        with pytest.raises(ValidationError) as exc:
            _shipment().status_on(pendulum.naive(2021, 12, 20, 12))
        assert exc.value.codes == ("kotakerja.datetime.naive",)

    def test_status_follows_time_not_append_order(self) -> None:
        s = _shipment()
        late_report = StatusEvent(status=ShipmentStatus.PLANNED, time=_at(1, 9))
        assert attrs.evolve(s, events=(*s.events, late_report)).status is ShipmentStatus.RELEASED

    def test_no_events_no_status(self) -> None:
        assert _shipment(events=()).status is None


class TestFindings:
    def _codes(self, s: ExportShipment) -> set[tuple[str, str]]:
        return {(f.code, f.path) for f in check(s)}

    def test_uncertain_origin_row_is_a_finding(self) -> None:
        legs = list(_shipment().legs)
        legs[1] = attrs.evolve(legs[1], arrival_place="SGSIN")
        s = _shipment(
            consignee=Consignee(country=Country.get("SG")),
            legs=tuple(legs),
            origin=OriginProof(agreement="ATIGA", form="Form D"),
        )
        assert self._codes(s) == {("kotakerja.origin.uncertain", "origin.agreement")}

    def test_departed_without_customs_papers_or_weights(self) -> None:
        s = _shipment()
        departed = StatusEvent(status=ShipmentStatus.DEPARTED, time=_at(21, 22))
        s = attrs.evolve(
            s, events=(*s.events, departed), documents=(), net_weight_kg=None, gross_weight_kg=None
        )
        assert self._codes(s) == {
            ("kotakerja.shipment.peb_missing", "documents"),
            ("kotakerja.shipment.npe_missing", "documents"),
            ("kotakerja.shipment.weights_missing", "gross_weight_kg"),
        }

    def test_disconnected_legs(self) -> None:
        legs = list(_shipment().legs)
        legs[1] = attrs.evolve(legs[1], departure_place="IDJKT")
        assert self._codes(_shipment(legs=tuple(legs))) == {
            ("kotakerja.shipment.legs_disconnected", "legs[1].departure_place")
        }

    def test_peb_without_number_or_date(self) -> None:
        s = _shipment(documents=(TradeDocument(kind=TradeDocumentKind.PEB, number="000123"),))
        assert self._codes(s) == {("kotakerja.shipment.peb_incomplete", "documents[0]")}

    @pytest.mark.parametrize(
        ("proof", "expected"),
        [
            (OriginProof(agreement="IJEPA", form="Form D"), {"kotakerja.origin.form_mismatch"}),
            (OriginProof(agreement="AJCEP", form="Form AJCEP"), set()),
            (
                OriginProof(kind=OriginProofKind.DECLARATION, agreement="IJEPA"),
                {"kotakerja.origin.declaration_not_accepted"},
            ),
        ],
    )
    def test_origin_proof_kind_and_form(self, proof: OriginProof, expected: set[str]) -> None:
        assert {f.code for f in check(_shipment(origin=proof))} == expected

    def test_ie_cepa_is_proved_by_declaration(self) -> None:
        legs = list(_shipment().legs)
        legs[1] = attrs.evolve(legs[1], arrival_place="CHZRH")
        swiss = {"consignee": Consignee(country=Country.get("CH")), "legs": tuple(legs)}
        cert = _shipment(origin=OriginProof(agreement="IE-CEPA"), **swiss)
        decl = _shipment(
            origin=OriginProof(kind=OriginProofKind.DECLARATION, agreement="IE-CEPA"), **swiss
        )
        uncertain = ("kotakerja.origin.uncertain", "origin.agreement")  # the row is marked [W]
        assert self._codes(cert) == {
            ("kotakerja.origin.certificate_not_used", "origin.kind"),
            uncertain,
        }
        assert self._codes(decl) == {uncertain}

    def test_unknown_export_date_leaves_origin_unchecked(self) -> None:
        legs = tuple(
            attrs.evolve(leg, planned_departure=None, planned_arrival=None)
            for leg in _shipment().legs
        )
        s = _shipment(legs=legs, events=(), documents=())
        assert self._codes(s) == {("kotakerja.origin.unchecked", "origin")}


# Releases ------------------------------------------------------------------------------


def _release(**over: Any) -> ExportRelease:
    fields: dict[str, Any] = {
        "id": "release-test",
        "title": "Pelepasan ekspor",
        "date": PartialDate(year=2021, month=12, day=20),
        "shipments": (Ref(type="export_shipment", id="shipment-test-jp"),),
    }
    fields.update(over)
    return ExportRelease(**fields)


class TestRelease:
    def test_shipments_are_unique_refs_to_shipments(self) -> None:
        doc = to_dict(_release())
        doc["shipments"] = [
            {"type": "export_shipment", "id": "a"},
            {"type": "mou", "id": "b"},
            {"type": "export_shipment", "id": "a"},
        ]
        with pytest.raises(ValidationError) as exc:
            from_dict(ExportRelease, doc)
        assert {(e.code, e.path) for e in exc.value.errors} == {
            ("kotakerja.ref.wrong_type", "shipments[1].type"),
            ("kotakerja.release.duplicate_shipment", "shipments[2].id"),
        }

    def test_resolve_reports_missing_and_foreign_shipments(self) -> None:
        other = _shipment(id="shipment-other", release=Ref(type="export_release", id="elsewhere"))
        release = _release(shipments=(Ref.to(other), Ref(type="export_shipment", id="nowhere")))
        with pytest.raises(ValidationError) as exc:
            release.totals([other])
        assert {(e.code, e.path) for e in exc.value.errors} == {
            ("kotakerja.release.other_release", "shipments[0]"),
            ("kotakerja.release.missing_shipment", "shipments[1]"),
        }

    def test_release_findings(self) -> None:
        assert [f.code for f in check(_release(shipments=()))] == ["kotakerja.release.empty"]
        unlinked = _shipment()
        late = _shipment(
            id="shipment-late",
            release=Ref(type="export_release", id="release-test"),
            events=(StatusEvent(status=ShipmentStatus.RELEASED, time=_at(22, 9)),),
        )
        release = _release(shipments=(unlinked.ref, late.ref))
        assert {(f.code, f.path) for f in release.shipment_findings([unlinked, late])} == {
            ("kotakerja.release.shipment_unlinked", "shipments[0]"),
            ("kotakerja.release.no_release_event", "shipments[1]"),
        }
        reg = kotakerja.examples()
        technolink = reg.get("release-technolink-surakarta-2021")
        assert isinstance(technolink, ExportRelease)
        assert technolink.shipment_findings(reg) == ()
        assert check(technolink) == ()

    def test_totals_never_mix_currencies(self) -> None:
        jp = _shipment()
        sg = _shipment(
            id="shipment-test-sg",
            consignee=Consignee(country=Country.get("SG")),
            legs=(),
            origin=None,
            goods=(GoodsLine(description="Sambal", value=Money.of("100.50", "SGD")),),
            invoice_total=None,
            net_weight_kg=None,
        )
        release = _release(shipments=(jp.ref, sg.ref))
        totals = release.totals({s.id: s for s in (jp, sg)})
        assert totals.values == {"JPY": Decimal("225000"), "SGD": Decimal("100.50")}
        assert totals.value("JPY") == Money.of("225000", "JPY")
        assert totals.value("USD") == Money.of("0", "USD")
        assert (totals.shipments, totals.packages) == (2, 24)
        assert (totals.net_weight_kg, totals.gross_weight_kg) == (
            Decimal("150.5"),
            Decimal("342.0"),
        )
        assert (totals.without_value, totals.without_weight) == (0, 1)
        assert release.by_hs_chapter([jp, sg]) == {
            "09": {"JPY": Decimal("180000")},
            "20": {"JPY": Decimal("45000")},
            None: {"SGD": Decimal("100.50")},
        }
        assert list(release.by_exporter([jp, sg])) == ["1234567890123"]
        assert release.shipments_to("SG", [jp, sg]) == (sg,)
        assert ReleaseTotals.of([jp, sg]) == totals

    def test_shipments_by_destination_across_a_register(self) -> None:
        reg = kotakerja.examples()
        groups = shipments_by_destination(reg)
        assert list(groups) == ["TW", "TH", "JP", "QA", "SG", "OM", "BN"]
        assert groups["JP"] == (reg.get("shipment-technolink-2021-jp"),)
        assert shipments_by_destination({}) == {}

    def test_new_record_types_are_registered_and_fuzzed(self) -> None:
        assert kotakerja.record_type("export_shipment") is ExportShipment
        assert kotakerja.record_type("export_release") is ExportRelease


def _naive_sum(pairs: list[tuple[str, Decimal]]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for cur, amount in pairs:
        out[cur] = out.get(cur, Decimal(0)) + amount
    return out


@st.composite
def _release_with_shipments(draw: st.DrawFn) -> tuple[ExportRelease, list[ExportShipment]]:
    ref = Ref(type="export_release", id="release-h")
    shipments = draw(st.lists(export_shipments(release=ref), max_size=6, unique_by=lambda s: s.id))
    release = ExportRelease(
        id="release-h",
        title="Pelepasan",
        date=PartialDate(year=2024),
        shipments=tuple(s.ref for s in shipments),
    )
    noise = draw(st.lists(export_shipments(), max_size=2))
    # Other releases' shipments: none of them may claim this release.
    noise = [s for s in noise if s.id not in {x.id for x in shipments} and s.release != ref]
    return release, [*noise, *shipments]


class TestReleaseTotalsProperties:
    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
    @given(_release_with_shipments())
    def test_totals_match_a_naive_recomputation(
        self, case: tuple[ExportRelease, list[ExportShipment]]
    ) -> None:
        release, records = case
        mine = [s for s in records if s.release == release.ref]
        totals = release.totals(records)
        pairs: list[tuple[str, Decimal]] = []
        for s in mine:
            if s.invoice_total is not None:
                pairs.append((s.invoice_total.currency, s.invoice_total.amount))
            else:
                pairs.extend((g.value.currency, g.value.amount) for g in s.goods if g.value)
        assert totals.shipments == len(mine)
        assert totals.values == _naive_sum(pairs)
        assert totals.net_weight_kg == sum(
            (s.net_weight_kg or Decimal(0) for s in mine), Decimal(0)
        )
        assert totals.packages == sum(p.count for s in mine for p in s.packages)

        by_dest = release.by_destination(records)
        assert set(by_dest) == {s.destination.code for s in mine}
        for code, t in by_dest.items():
            assert t.shipments == sum(1 for s in mine if s.destination.code == code)
        # nothing counted twice: the groups add up to the whole, currency by currency
        for groups in (by_dest, release.by_exporter(records)):
            assert sum(t.shipments for t in groups.values()) == totals.shipments
            merged = _naive_sum([(c, a) for t in groups.values() for c, a in t.values.items()])
            assert merged == totals.values

        line_pairs = [(g.value.currency, g.value.amount) for s in mine for g in s.goods if g.value]
        by_chapter = release.by_hs_chapter(records)
        merged = _naive_sum([(c, a) for v in by_chapter.values() for c, a in v.items()])
        assert merged == _naive_sum(line_pairs)
        for chapter, values in by_chapter.items():
            expected = [
                (g.value.currency, g.value.amount)
                for s in mine
                for g in s.goods
                if g.value and (g.hs_code.chapter if g.hs_code else None) == chapter
            ]
            assert values == _naive_sum(expected)


class TestGenerated:
    @pytest.mark.parametrize(
        "cls",
        [
            ExportShipment,
            ExportRelease,
            Exporter,
            Consignee,
            GoodsLine,
            Package,
            DeliveryTerms,
            TransportLeg,
            TradeDocument,
            OriginProof,
            StatusEvent,
        ],
        ids=lambda c: c.__name__,
    )
    @settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data())
    def test_round_trip_exactly_and_fit_the_schema(self, cls: type, data: st.DataObject) -> None:
        value = data.draw(from_type(cls))
        assert from_json(cls, to_json(value)) == value
        assert to_json(from_json(cls, to_json(value))) == to_json(value)
        jsonschema.Draft202012Validator(json_schema(cls)).validate(to_dict(value))

    @settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
    @given(events=event_histories(), when=aware_datetimes())
    def test_status_on_matches_a_naive_replay(
        self, events: tuple[StatusEvent, ...], when: pendulum.DateTime
    ) -> None:
        s = _shipment(events=events)
        replaced = {e.supersedes for e in events}

        def key(e: StatusEvent) -> tuple[pendulum.Date, float]:
            if e.time is not None:
                return (e.time.date(), e.time.timestamp())
            assert e.date is not None
            return (e.date.earliest(), float("-inf"))

        live = [(key(e), i, e) for i, e in enumerate(events) if i not in replaced]
        day = when.date()
        open_dates = [
            e
            for _, _, e in live
            if e.date is not None and e.date.earliest() <= day <= e.date.latest()
        ]
        before = [
            (k, i, e.status)
            for k, i, e in live
            if (e.time is not None and e.time <= when)
            or (e.date is not None and e.date.latest() < day)
        ]
        expected = None if open_dates else (max(before)[2] if before else None)
        assert s.status_on(when) == expected
        assert s.status == (max(live)[2].status if live else None)


# The bundled example ---------------------------------------------------------------------


class TestTechnolinkExample:
    def test_release_and_shipments_validate_and_round_trip(self) -> None:
        reg = kotakerja.examples()
        release = reg.get("release-technolink-surakarta-2021")
        assert isinstance(release, ExportRelease)
        records = [release, *release.resolve(reg)]
        for record in records:
            text = to_json(record)
            assert from_json(type(record), text) == record
            assert from_json(kotakerja.Record, text) == record
            jsonschema.Draft202012Validator(json_schema(type(record))).validate(json.loads(text))
            jsonschema.Draft202012Validator(json_schema(kotakerja.Record)).validate(
                json.loads(text)
            )

    def test_seven_destinations_with_their_origin_forms(self) -> None:
        reg = kotakerja.examples()
        release = reg.get("release-technolink-surakarta-2021")
        assert isinstance(release, ExportRelease)
        assert release.place == Region.get("33.72")
        assert [c.code for c in release.destinations(reg)] == [
            "TW", "TH", "JP", "QA", "SG", "OM", "BN",
        ]  # fmt: skip
        forms = {s.destination.code: s.origin.agreement for s in release.resolve(reg) if s.origin}
        assert forms == {"TW": "NON-PREF", "TH": "ATIGA", "JP": "IJEPA", "QA": "NON-PREF",
                         "SG": "ATIGA", "OM": "NON-PREF", "BN": "ATIGA"}  # fmt: skip
        for s in release.resolve(reg):
            assert s.id == f"shipment-technolink-2021-{s.destination.code.lower()}"
            assert s.release == release.ref
            assert s.logistics_provider is not None
            assert s.logistics_provider.name == "Angkasa Pura Logistik"
            assert s.status is ShipmentStatus.RELEASED
            assert s.export_date() == PartialDate(year=2021, month=12, day=20)

    def test_unknown_figures_stay_empty(self) -> None:
        reg = kotakerja.examples()
        for s in reg.of_type(ExportShipment):
            assert s.exporter is None
            assert s.invoice_total is None
            assert s.net_weight_kg is None
            assert s.gross_weight_kg is None
            assert all(g.hs_code is None and g.value is None for g in s.goods)
            assert "left empty, not guessed" in (s.sources[0].note or "")
        release = reg.get("release-technolink-surakarta-2021")
        assert isinstance(release, ExportRelease)
        totals = release.totals(reg)
        assert (totals.shipments, totals.values, totals.without_value) == (7, {}, 7)

    def test_findings_flag_the_uncertain_form_d_rows(self) -> None:
        reg = kotakerja.examples()
        flagged = {
            s.destination.code
            for s in reg.of_type(ExportShipment)
            if any(f.code == "kotakerja.origin.uncertain" for f in check(s))
        }
        assert flagged == {"TH", "SG", "BN"}

    def test_register_finds_shipments_by_country(self) -> None:
        reg = kotakerja.examples()
        assert [r.id for r in reg.by_country("QA")] == ["shipment-technolink-2021-qa"]


class TestDateOnlyEvents:
    def test_an_event_needs_a_time_or_a_date_not_both(self) -> None:
        at = pendulum.datetime(2021, 12, 20, 10, tz="Asia/Jakarta")
        day = PartialDate(year=2021, month=12, day=20)
        with pytest.raises(ValidationError) as exc:
            StatusEvent(status=ShipmentStatus.RELEASED)
        assert [(e.path, e.code) for e in exc.value.errors] == [("", "kotakerja.status.when")]
        with pytest.raises(ValidationError) as exc:
            StatusEvent(status=ShipmentStatus.RELEASED, time=at, date=day)
        assert [(e.path, e.code) for e in exc.value.errors] == [("time", "kotakerja.status.when")]

    def test_the_release_day_is_open_until_it_ends(self) -> None:
        shipment = kotakerja.examples().get("shipment-technolink-2021-jp")
        assert isinstance(shipment, ExportShipment)
        event = shipment.events[0]
        assert (event.time, event.date) == (None, PartialDate(year=2021, month=12, day=20))
        jakarta = "Asia/Jakarta"
        assert shipment.status_on(pendulum.datetime(2021, 12, 19, 23, tz=jakarta)) is None
        assert shipment.status_on(pendulum.datetime(2021, 12, 20, 9, tz=jakarta)) is None
        after = pendulum.datetime(2021, 12, 21, 0, tz=jakarta)
        assert shipment.status_on(after) is ShipmentStatus.RELEASED
        assert event.reached_by(pendulum.datetime(2021, 12, 19, 23, tz=jakarta)) is False
        assert event.reached_by(pendulum.datetime(2021, 12, 20, 9, tz=jakarta)) is None
        assert shipment.export_date() == PartialDate(year=2021, month=12, day=20)
        assert '"date":"2021-12-20"' in to_json(shipment)

    def test_status_after_a_day_counts_events_by_their_own_date(self) -> None:
        shipment = kotakerja.examples().get("shipment-technolink-2021-tw")
        assert isinstance(shipment, ExportShipment)
        assert shipment.status_after(PartialDate(year=2021, month=12, day=19)) is None
        assert shipment.status_after(PartialDate(year=2021, month=12, day=20)) is (
            ShipmentStatus.RELEASED
        )
        in_december = StatusEvent(
            status=ShipmentStatus.DEPARTED, date=PartialDate(year=2021, month=12)
        )
        unsure = attrs.evolve(shipment, events=(*shipment.events, in_december))
        assert unsure.status_after(PartialDate(year=2021, month=12, day=20)) is None
        departed = StatusEvent(
            status=ShipmentStatus.DEPARTED, date=PartialDate(year=2021, month=12, day=22)
        )
        later = attrs.evolve(shipment, events=(*shipment.events, departed))
        assert later.status_after(PartialDate(year=2021, month=12, day=21)) is (
            ShipmentStatus.RELEASED
        )
        assert later.status_after(PartialDate(year=2022, month=1)) is ShipmentStatus.DEPARTED
