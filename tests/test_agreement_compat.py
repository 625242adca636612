"""Files written before the new document fields still load, and the new fields travel."""

from __future__ import annotations

from pathlib import Path

import jsonschema

import kotakerja
from kotakerja import (
    Agreement,
    DocumentStatus,
    Mou,
    PartialDate,
    Register,
    json_schema,
    to_dict,
    to_json,
)
from kotakerja.testing import from_type

FIXTURES = Path(__file__).parent / "fixtures"


def test_agreements_written_by_the_previous_release_load_unchanged() -> None:
    path = FIXTURES / "agreements-main-2026-12.jsonl"
    reg = Register.load_jsonl(path)
    for line, record in zip(path.read_text().splitlines(), reg, strict=True):
        # written now under the current schema version, identical otherwise
        assert to_json(record) == line.replace('"schema_version":"1.0"', '"schema_version":"1.1"')
    mou = reg.get("mou-main-wakil-2019")
    assert isinstance(mou, Mou)
    # the old delegation_letter still counts as the deputy's basis
    assert [f.code for f in kotakerja.check(mou)] == ["kotakerja.signature.acting_without_consent"]
    # renews automatically after the perpanjangan's end
    assert mou.status_on(PartialDate(year=2026, month=1, day=1)) is DocumentStatus.IN_FORCE
    pks = reg.get("pks-main-2020")
    assert isinstance(pks, Agreement)
    assert pks.signed_by_all()
    assert pks.status_on(PartialDate(year=2021, month=6, day=1)) is DocumentStatus.TERMINATED
    assert [x.role for x in reg.lineage(pks).outgoing] == ["implements"]


def test_generated_documents_with_the_new_fields_match_the_schema_and_csv() -> None:
    from hypothesis import given, settings

    mou_schema = jsonschema.Draft202012Validator(json_schema(Mou))
    pks_schema = jsonschema.Draft202012Validator(json_schema(Agreement))

    @settings(max_examples=25, deadline=None)
    @given(from_type(Mou), from_type(Agreement))
    def check(mou: Mou, pks: Agreement) -> None:
        mou_schema.validate(to_dict(mou))
        pks_schema.validate(to_dict(pks))
        assert kotakerja.from_json(Mou, to_json(mou)) == mou

    check()


def test_schema_names_the_new_fields() -> None:
    schema = json_schema(Agreement)
    text = to_json_text(schema)
    for name in (
        "authority",
        "capacity",
        "renewal_years",
        "max_renewals",
        "parties_added",
        "parties_withdrawn",
        "clauses",
        "links",
        "body",
    ):
        assert f'"{name}"' in text


def to_json_text(schema: object) -> str:
    import json

    return json.dumps(schema)


def test_csv_round_trip_with_the_new_fields(tmp_path: Path) -> None:
    reg = Register.load_jsonl(FIXTURES / "agreements-main-2026-12.jsonl")
    mou = reg.get("mou-main-wakil-2019")
    assert isinstance(mou, Mou)
    richer = kotakerja.from_json(
        Mou,
        to_json(mou).replace(
            '"delegation_letter":"180/7/2019"',
            '"authority":{"kind":"delegation","status":"letter_details_unknown"}',
        ),
    )
    reg2 = Register([richer])
    reg2.save_csv(tmp_path / "mou.csv")
    assert Register.load_csv(tmp_path / "mou.csv") == reg2
