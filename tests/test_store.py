"""The store: schema and migrations, checked writes, revisions, and reads from SQL."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import attrs
import pytest
import sqlalchemy as sa

import kotakerja
from kotakerja import (
    ConflictError,
    Consignee,
    Country,
    ExportRelease,
    ExportShipment,
    KotakerjaError,
    PartialDate,
    Ref,
    Register,
    ValidationError,
)
from kotakerja.store import Store, head_revision, schema_revision
from kotakerja.store._schema import upgrade


def _release(id: str, *shipments: str) -> ExportRelease:
    return ExportRelease(
        id=id,
        title="Pelepasan ekspor",
        date=PartialDate.parse("2021-12-20"),
        shipments=tuple(Ref(type="export_shipment", id=s) for s in shipments),
    )


def _shipment(id: str, release: str | None) -> ExportShipment:
    return ExportShipment(
        id=id,
        consignee=Consignee(country=Country.get("JP")),
        release=None if release is None else Ref(type="export_release", id=release),
    )


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with kotakerja.open_store(store_url) as opened:
        yield opened


def _errs(e: ValidationError) -> list[tuple[str, str, str]]:
    return [(x.path, x.code, x.message) for x in e.errors]


# Schema ------------------------------------------------------------------------------------


def test_importing_kotakerja_does_not_import_sqlalchemy() -> None:
    code = "import sys, kotakerja; kotakerja.Register; print('sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_an_empty_database_gets_the_current_schema(store_url: str) -> None:
    with kotakerja.open_store(store_url) as store:
        assert len(store) == 0
        with store._engine.connect() as conn:
            assert schema_revision(conn) == head_revision()
            names = set(sa.inspect(conn).get_table_names())
    assert {"documents", "doc_references", "doc_terms", "doc_follow_ups"} <= names


def test_a_database_of_the_first_schema_is_upgraded_and_its_dates_filled(
    store_url: str,
) -> None:
    """Bodies written under revision 0001 get their date rows when the store is opened."""
    meeting = next(r for r in kotakerja.examples() if r.id == "meeting-jakarta-shanghai-2023")
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:
        upgrade(conn, "0001")
        conn.execute(
            sa.text(
                "INSERT INTO documents (id, type, schema_version, body, revision, "
                "created_at, updated_at) VALUES (:id, 'meeting', '1.0', :body, 1, "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ),
            {"id": meeting.id, "body": kotakerja.to_json(meeting)},
        )
    engine.dispose()
    with kotakerja.open_store(store_url) as store:
        on = PartialDate.parse("2023-09-01")
        assert store.overdue_follow_ups(on=on) == Register(
            [meeting], check_references=False
        ).overdue_follow_ups(on=on)
        assert store.overdue_follow_ups(on=on)


def test_a_database_with_a_newer_schema_is_refused(store_url: str) -> None:
    kotakerja.open_store(store_url).close()
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(KotakerjaError, match="schema revision 9999, newer than this kotakerja"):
        kotakerja.open_store(store_url)


def test_a_url_that_is_not_one_is_refused() -> None:
    with pytest.raises(KotakerjaError, match="not a database URL"):
        kotakerja.open_store("kerjasama.db")


def test_an_older_record_body_is_migrated_on_read(sqlite_url: str) -> None:
    calls: list[str] = []

    @kotakerja.register_migration("meeting", 0, "1.0")
    def _up(doc: dict[str, object]) -> dict[str, object]:
        calls.append(str(doc["id"]))
        return doc

    store = kotakerja.open_store(sqlite_url)
    meeting = next(r for r in kotakerja.examples() if isinstance(r, kotakerja.Meeting))
    store.add(meeting, check_references=False)
    with store._writer.begin() as conn:
        conn.execute(
            sa.text("UPDATE documents SET body = json_set(body, '$.schema_version', '0.9')")
        )
    assert store.get(meeting.id) == meeting
    assert calls == [meeting.id]


# Writes --------------------------------------------------------------------------------------


def test_records_round_trip_in_order(store: Store) -> None:
    records = list(kotakerja.examples())
    store.add(*records)
    assert list(store) == records
    assert len(store) == len(records)
    assert store.to_register() == kotakerja.examples()


def test_duplicates_and_dangling_references_are_refused_as_the_register_refuses_them(
    store: Store,
) -> None:
    store.add(_release("r1", "s1"), _shipment("s1", "r1"))
    batch = [_shipment("s2", "r9"), _shipment("s1", None), _release("r2", "s1")]
    with pytest.raises(ValidationError) as in_store:
        store.add(*batch)
    with pytest.raises(ValidationError) as in_register:
        Register([*store, *batch])
    assert _errs(in_store.value) == _errs(in_register.value)
    assert len(store) == 2


def test_release_links_are_checked_against_what_is_stored(store: Store) -> None:
    store.add(_release("r1", "s1"), _shipment("s1", "r1"))
    with pytest.raises(ValidationError) as in_store:
        store.add(_release("r2", "s1"))
    with pytest.raises(ValidationError) as in_register:
        Register([*store, _release("r2", "s1")])
    assert _errs(in_store.value) == _errs(in_register.value)
    assert [x.code for x in in_store.value.errors] == ["kotakerja.release.shipment_in_two_releases"]


def test_a_record_others_point_to_cannot_be_removed(store: Store) -> None:
    store.add(_release("r1", "s1"), _shipment("s1", "r1"))
    with pytest.raises(ValidationError) as in_store:
        store.remove("s1")
    with pytest.raises(ValidationError) as in_register:
        Register(store).without("s1")
    assert _errs(in_store.value) == _errs(in_register.value)
    with pytest.raises(ValidationError, match="does not list it"):
        store.put(_release("r1"))
    store.put(_shipment("s1", None))
    store.put(_release("r1"))
    store.remove("s1")
    assert [r.id for r in store] == ["r1"]
    with pytest.raises(KeyError):
        store.remove("s1")


def test_every_put_increments_the_revision_and_a_stale_one_changes_nothing(store: Store) -> None:
    shipment = _shipment("s1", None)
    store.add(shipment)
    assert store.revision("s1") == 1
    assert store.put(shipment, revision=1) == 2
    assert store.put(shipment) == 3
    changed = attrs.evolve(shipment, consignee=Consignee(country=Country.get("SG")))
    with pytest.raises(ConflictError, match="at revision 3, not 2"):
        store.put(changed, revision=2)
    assert store.get("s1") == shipment
    assert store.revision("s1") == 3
    assert store.by_country("SG") == ()
    store.put(changed, revision=3)
    assert store.by_country("SG") == (changed,)
    assert store.by_country("JP") == ()
    with pytest.raises(ConflictError):
        store.put(_shipment("s9", None), revision=4)
    with pytest.raises(KeyError):
        store.revision("s9")


def test_conflict_error_is_public_and_a_kotakerja_error() -> None:
    assert issubclass(kotakerja.ConflictError, kotakerja.KotakerjaError)


def test_a_batch_is_all_or_nothing_and_may_point_forward(store: Store) -> None:
    with store.batch() as batch:
        batch.add(_shipment("s1", "r1"))
        batch.add(_release("r1", "s1"))
    assert len(store) == 2

    def failing() -> None:
        with store.batch() as batch:
            batch.add(_shipment("s2", None))
            batch.add(_shipment("s3", "r7"))

    with pytest.raises(ValidationError):
        failing()
    assert len(store) == 2


def test_get_and_resolve_answer_like_the_register(store: Store) -> None:
    store.add(_shipment("s1", None))
    with pytest.raises(KeyError, match="points to a export_shipment, not a mou"):
        store.get(Ref(type="mou", id="s1"))
    assert store.resolve(Ref(type="mou", id="s1")) is None
    with pytest.raises(ValueError, match="unknown record type 'mous'"):
        store.of_type("mous")
    assert "s1" in store
    assert Ref(type="export_shipment", id="s1") in store


def test_a_record_removed_and_added_again_is_read_as_it_is_now(store: Store) -> None:
    first = _shipment("s1", None)
    store.add(first)
    assert store.by_country("JP") == (first,)
    store.remove("s1")
    again = ExportShipment(id="s1", consignee=Consignee(country=Country.get("SG")))
    store.add(again)
    assert store.by_country("SG") == (again,)
    assert store.get("s1") == again
