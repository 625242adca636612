"""Records as Arrow tables, Parquet files and flat rows: typed columns, stable keys, exact
round trips, and files that DuckDB and pandas read."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kotakerja
from kotakerja import (
    Agreement,
    Consignee,
    Country,
    Event,
    ExportRelease,
    ExportShipment,
    GoodsLine,
    Meeting,
    Money,
    Mou,
    PartialDate,
    Record,
    StatusEvent,
    TransportLeg,
    TransportMode,
)
from kotakerja.cli import main
from kotakerja.serialization import parse_datetime
from kotakerja.testing import from_type

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

DAY = PartialDate.parse("2024-01-01")
RECORD_TABLES = ["mou", "agreement", "export_shipment", "export_release", "event", "meeting"]

any_record = st.one_of(
    *[from_type(cls) for cls in (Mou, Agreement, Meeting, Event, ExportShipment, ExportRelease)]
)


def _examples() -> list[Record]:
    return list(kotakerja.examples())


def _shipment() -> ExportShipment:
    return ExportShipment(
        id="shipment-kopi",
        consignee=Consignee(country=Country.get("JP")),
        goods=(
            GoodsLine(
                description="Kopi bubuk",
                quantity=Decimal("12.5"),
                unit="KGM",
                value=Money.of("1500000.00", "IDR"),
            ),
            GoodsLine(description="Teh", value=Money.of("12.345", "KWD")),
        ),
        net_weight_kg=Decimal("0.0000000001"),  # more decimals than the column keeps
        legs=(
            TransportLeg(
                mode=TransportMode.AIR,
                departure_place="IDCGK",
                arrival_place="JPNRT",
                planned_departure=parse_datetime("2021-12-20T10:00:00+07:00[Asia/Jakarta]"),
            ),
        ),
        events=(StatusEvent(status=next(iter(kotakerja.ShipmentStatus)), date=DAY),),
    )


# Round trips ------------------------------------------------------------------------------


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(any_record, max_size=4))
def test_parquet_gives_back_the_records_exactly(records: list[Record]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        kotakerja.write_parquet(records, tmp, today=DAY)
        assert kotakerja.read_parquet(tmp) == records
    assert kotakerja.from_arrow(kotakerja.to_arrow(records, today=DAY)) == records


@settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(any_record, max_size=3, unique_by=lambda r: r.id))
def test_every_column_is_filled_once_per_row(records: list[Record]) -> None:
    tables = kotakerja.to_arrow(records, today=DAY)
    for name in RECORD_TABLES:
        assert tables[name].num_rows == sum(name == r.TYPE for r in records)
    _assert_keys_unique(tables)


@settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(any_record, min_size=1, max_size=3, unique_by=lambda r: r.id))
def test_pandas_writes_the_rows_of_generated_records(records: list[Record]) -> None:
    pd = pytest.importorskip("pandas")
    with tempfile.TemporaryDirectory() as tmp:
        for name, rows in kotakerja.to_rows(records, today=DAY).items():
            if rows:
                path = Path(tmp) / f"{name}.parquet"
                pd.DataFrame(rows).to_parquet(path)
                assert len(pd.read_parquet(path)) == len(rows), name


def test_the_examples_round_trip_through_a_folder(tmp_path: Path) -> None:
    counts = kotakerja.write_parquet(kotakerja.examples(), tmp_path, today=DAY)
    assert counts["meeting"] == 7
    assert counts["mou.parties"] == 6
    assert kotakerja.read_parquet(tmp_path) == _examples()
    assert kotakerja.Register(kotakerja.read_parquet(tmp_path)) == kotakerja.examples()


def test_no_records_still_gives_every_table_with_its_columns(tmp_path: Path) -> None:
    empty = kotakerja.to_arrow([], today=DAY)
    full = kotakerja.to_arrow(_examples(), today=DAY)
    assert list(empty) == list(full) == kotakerja.tables.table_names()
    for name, table in empty.items():
        assert table.num_rows == 0
        assert table.schema == full[name].schema, name
    kotakerja.write_parquet([], tmp_path)
    assert kotakerja.read_parquet(tmp_path) == []


@attrs.frozen(kw_only=True)
class _Note(Record):
    TYPE: ClassVar[str] = "test_tables_note"
    text: str
    amount: Money | None = None
    seen: tuple[PartialDate, ...] = ()


def test_extensions_are_json_text() -> None:
    parties = tuple(kotakerja.Party(region=kotakerja.Region.get(c)) for c in ("31", "33.72"))
    mou = Mou(
        id="mou-ext",
        title="Kesepakatan bersama",
        scheme=kotakerja.Scheme.KSDD,
        parties=parties,
        extensions={"pemda.go.id:arsip": {"nomor": [1, {"rak": "B"}]}},
    )
    row = kotakerja.to_rows([mou], today=DAY)["mou"][0]
    assert json.loads(row["extensions"]) == {"pemda.go.id:arsip": {"nomor": [1, {"rak": "B"}]}}
    assert kotakerja.from_arrow(kotakerja.to_arrow([mou], today=DAY)) == [mou]


def test_a_record_type_of_an_application_gets_its_table_when_present() -> None:
    assert "test_tables_note" not in kotakerja.to_arrow([], today=DAY)
    note = _Note(id="note-1", text="Catatan", amount=Money.of("10.50", "IDR"), seen=(DAY,))
    tables = kotakerja.to_arrow([note, *_examples()], today=DAY)
    row = tables["test_tables_note"].to_pylist()[0]
    assert (row["text"], row["amount"], row["amount_currency"]) == (
        "Catatan",
        Decimal("10.5"),
        "IDR",
    )
    assert row["seen"] == ["2024-01-01"]
    assert kotakerja.from_arrow(tables) == [note, *_examples()]


def test_what_is_not_a_record_is_refused() -> None:
    with pytest.raises(TypeError, match="expected records, not dict"):
        kotakerja.to_arrow([{"type": "mou"}])  # type: ignore[list-item]


# Columns ---------------------------------------------------------------------------------


def _walk_types(t: Any) -> list[Any]:
    out = [t]
    for i in range(t.num_fields):
        out.extend(_walk_types(t.field(i).type))
    return out


def test_schemas_suit_spark_and_pandas() -> None:
    for name, table in kotakerja.to_arrow([*_examples(), _shipment()], today=DAY).items():
        for field in table.schema:
            for t in _walk_types(field.type):
                assert not pa.types.is_unsigned_integer(t), (name, field.name)
                assert not pa.types.is_union(t), (name, field.name)
                assert not pa.types.is_struct(t), (name, field.name)
                assert not pa.types.is_map(t), (name, field.name)
                assert not pa.types.is_dictionary(t), (name, field.name)
            if pa.types.is_list(field.type):
                assert not pa.types.is_nested(field.type.value_type), (name, field.name)


def test_dates_money_and_times_are_typed() -> None:
    tables = kotakerja.to_arrow([_shipment(), *_examples()], today=DAY)
    mou = tables["mou.signatures"].to_pylist()[0]
    assert mou["mou_id"] == "mou-jakarta-shanghai-2020"
    assert (mou["date"], mou["date_precision"]) == (dt.date(2020, 10, 23), "day")
    assert tables["mou.signatures"].schema.field("date").type == pa.date32()

    goods = tables["export_shipment.goods"]
    assert goods.schema.field("value").type == pa.decimal128(38, 9)
    rows = [r for r in goods.to_pylist() if r["export_shipment_id"] == "shipment-kopi"]
    assert [(r["value"], r["value_currency"]) for r in rows] == [
        (Decimal("1500000"), "IDR"),
        (Decimal("12.345"), "KWD"),
    ]
    assert rows[0]["quantity"] == Decimal("12.5")

    leg = tables["export_shipment.legs"].to_pylist()[0]
    assert leg["planned_departure"] == dt.datetime(2021, 12, 20, 3, 0, tzinfo=dt.timezone.utc)
    assert leg["planned_departure_zone"] == "Asia/Jakarta"
    assert tables["export_shipment.legs"].schema.field("planned_departure").type == (
        pa.timestamp("us", tz="UTC")
    )

    shipment = tables["export_shipment"].to_pylist()[0]
    assert shipment["net_weight_kg"] is None  # too many decimals for the column: body keeps it
    assert '"net_weight_kg":"0.0000000001"' in shipment["body"]
    assert shipment["consignee_country"] == "JP"
    assert shipment["destination"] == "JP"
    assert shipment["countries"] == ["JP"]


def test_partial_dates_keep_their_precision() -> None:
    events = {r["id"]: r for r in kotakerja.to_rows(_examples(), today=DAY)["event"]}
    month = [r for r in events.values() if r["dates_start_precision"] == "month"]
    assert month
    assert month[0]["dates_start"].day == 1


def test_derived_columns_agree_with_the_records() -> None:
    records = _examples()
    rows = {r["id"]: r for r in kotakerja.to_rows(records, today=DAY)["mou"]}
    for doc in kotakerja.examples().documents():
        row = rows[doc.id]
        status = doc.status_on(DAY)
        assert row["status_today"] == (None if status is None else status.value)
        ends = doc.possible_end()
        expected = None if ends is None else ends[0].toordinal() - DAY.earliest().toordinal()
        assert row["days_to_expiry"] == expected
        assert set(row["regions"]) == {r.code for r in kotakerja.examples().regions_of(doc)}
        date = doc.timeline_date()
        assert row["timeline_date"] == (None if date is None else date.earliest())


def test_nested_lists_have_stable_keys() -> None:
    tables = kotakerja.to_arrow(_examples(), today=DAY)
    participants = tables["meeting.delegations.participants"]
    assert participants.column_names[:3] == ["meeting_id", "delegations_index", "index"]
    meeting = kotakerja.examples().get("meeting-surakarta-germany-g20-2022")
    assert isinstance(meeting, Meeting)
    mine = [r for r in participants.to_pylist() if r["meeting_id"] == meeting.id]
    assert [(r["delegations_index"], r["index"]) for r in mine] == [
        (d, p)
        for d, deleg in enumerate(meeting.delegations)
        for p in range(len(deleg.participants))
    ]
    assert mine[0]["position_role"] == "mayor"
    _assert_keys_unique(tables)


def _assert_keys_unique(tables: dict[str, Any]) -> None:
    for name, table in tables.items():
        if "." in name:
            keys = [c for c in table.column_names if c.endswith(("_id", "index"))]
            keys = keys[: name.count(".") + 1]
            rows = list(zip(*(table.column(k).to_pylist() for k in keys), strict=True))
        else:
            rows = table.column("id").to_pylist()
        assert len(rows) == len(set(rows)), name


# Rows, pandas and DuckDB ------------------------------------------------------------------


def test_rows_are_the_arrow_tables_as_plain_values(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    records = [*_examples(), _shipment()]
    tables = kotakerja.to_arrow(records, today=DAY)
    rows = kotakerja.to_rows(records, today=DAY)
    assert list(rows) == list(tables)
    for name, table in tables.items():
        assert rows[name] == table.to_pylist()
        if not rows[name]:
            continue
        assert list(rows[name][0]) == table.column_names
        frame = pd.DataFrame(rows[name])
        path = tmp_path / f"{name}.parquet"
        frame.to_parquet(path)
        assert len(pd.read_parquet(path)) == table.num_rows


def test_duckdb_counts_records_per_region(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    kotakerja.write_parquet(kotakerja.examples(), tmp_path, today=DAY)
    query = f"""
        SELECT region, count(*) AS n
        FROM (SELECT unnest(regions) AS region FROM read_parquet('{tmp_path}/meeting.parquet'))
        GROUP BY region ORDER BY n DESC, region
    """
    counted = duckdb.connect().sql(query).fetchall()
    expected: dict[str, int] = {}
    reg = kotakerja.examples()
    for m in reg.of_type(Meeting):
        for code in {r.code for r in reg.regions_of(m)}:
            expected[code] = expected.get(code, 0) + 1
    assert dict(counted) == expected


def test_pandas_reads_the_folder(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    kotakerja.write_parquet(kotakerja.examples(), tmp_path, today=DAY)
    frame = pd.read_parquet(tmp_path / "mou.parquet")
    assert sorted(frame["id"]) == sorted(d.id for d in kotakerja.examples().of_type(Mou))


# Command line and imports -----------------------------------------------------------------


def test_convert_to_parquet_writes_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "all.jsonl"
    kotakerja.examples().save_jsonl(source)
    assert main(["convert", str(source), str(tmp_path / "tables"), "--to", "parquet"]) == 0
    assert "23 records written" in capsys.readouterr().err
    assert kotakerja.read_parquet(tmp_path / "tables") == _examples()


def test_convert_to_parquet_refuses_a_file_as_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "all.jsonl"
    kotakerja.examples().save_jsonl(source)
    assert main(["convert", str(source), str(source), "--to", "parquet"]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_reading_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError):
        kotakerja.read_parquet(tmp_path / "nothing")


def test_the_tables_module_loads_pyarrow_only_when_used() -> None:
    code = (
        "import sys, kotakerja; kotakerja.to_arrow; import kotakerja.tables; "
        "print('pyarrow' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
