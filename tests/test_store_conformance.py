"""One suite, three backends: a Register in memory, a SQLite store and a PostgreSQL store
answer every query alike on generated registers."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import attrs
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import kotakerja
from kotakerja import (
    Agreement,
    Country,
    Document,
    DocumentLink,
    DocumentStatus,
    ExportRelease,
    ExportShipment,
    LinkRole,
    Meeting,
    Mou,
    PartialDate,
    Party,
    PksContent,
    Record,
    Ref,
    Region,
    Register,
    Scheme,
    Signature,
    Term,
    ValidationError,
    from_dict,
    to_dict,
)
from kotakerja.testing import from_type, partial_dates

Build = Callable[[Sequence[Record]], Any]


@pytest.fixture(scope="module", params=["register", "sqlite", "postgresql"])
def build(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Build]:
    """Makes a register, or empties one store and fills it, with the given records."""
    if request.param == "register":
        yield lambda records: Register(records)
        return
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('conformance') / 'kerjasama.db'}"
    else:
        server = request.getfixturevalue("postgresql_server")
        admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text('DROP DATABASE IF EXISTS "conformance" WITH (FORCE)'))
            conn.execute(sa.text('CREATE DATABASE "conformance"'))
        admin.dispose()
        url = server.rsplit("/", 1)[0] + "/conformance"
    store = kotakerja.open_store(url)

    def fill(records: Sequence[Record]) -> Any:
        with store._writer.begin() as conn:
            for table in reversed(kotakerja.store._tables.metadata.sorted_tables):
                if table.name != "alembic_version":
                    conn.execute(table.delete())
        store.add(*records)
        return store

    yield fill
    store.close()


def _rewired(records: list[Record]) -> list[Record]:
    """The records with their references pointed at earlier records of the right type,
    and then without any record the register still refuses."""
    seen: dict[str, list[str]] = {}
    out: dict[str, Record] = {}
    for record in records:
        if record.id in out:
            continue

        def fix(node: Any) -> Any:
            if isinstance(node, dict):
                if set(node) == {"type", "id"} and node["type"] in seen:
                    pool = seen[node["type"]]
                    return {"type": node["type"], "id": pool[len(str(node["id"])) % len(pool)]}
                return {k: fix(v) for k, v in node.items()}
            if isinstance(node, list):
                return [fix(v) for v in node]
            return node

        data = to_dict(record)
        try:
            fixed = from_dict(Record, {k: fix(v) if k != "id" else v for k, v in data.items()})
        except ValidationError:
            continue
        out[fixed.id] = fixed
        seen.setdefault(fixed.TYPE, []).append(fixed.id)
    while True:
        problems = Register(out.values(), check_references=False).reference_problems()
        if not problems:
            return list(out.values())
        for p in problems:
            out.pop(p.path[1 : p.path.index("]")], None)


_records = st.one_of(
    from_type(Mou),
    from_type(Agreement),
    from_type(Meeting),
    from_type(ExportShipment),
    from_type(ExportRelease),
)
registers = st.lists(_records, max_size=8).map(
    lambda generated: _rewired([*kotakerja.examples(), *generated])
)


def _answers(reg: Any, records: Sequence[Record], days: Sequence[PartialDate]) -> dict[str, Any]:
    """What every query says about these records on these days."""
    regions: set[Region] = set()
    countries: set[Country] = set()
    helper = Register(records)
    for r in records:
        regions |= helper.regions_of(r)
        countries |= helper.countries_of(r)
    regions |= {x.province for x in regions if not x.is_province}
    out: dict[str, Any] = {
        "len": len(reg),
        "iter": [r.id for r in reg],
        "records": list(reg),
        "get": [reg.get(r.id) for r in records],
        "get_ref": [reg.get(r.ref) for r in records],
        "resolve": [reg.resolve(r.ref) for r in records],
        "contains": [(r.id in reg, r.ref in reg, r in reg) for r in records],
        "of_type": {name: reg.of_type(name) for name in kotakerja.record_types()},
        "of_class": [reg.of_type(cls) for cls in (Mou, Agreement, Meeting, ExportShipment)],
        "referring_to": [reg.referring_to(r) for r in records],
        "by_region": {x.code: reg.by_region(x) for x in sorted(regions, key=str)},
        "by_region_code": {x.code: reg.by_region(x.code) for x in sorted(regions, key=str)},
        "by_country": {x.code: reg.by_country(x.code) for x in sorted(countries, key=str)},
        "timeline": {
            (a.code, b.code): reg.timeline(a, b)
            for a in sorted(regions, key=str)
            for b in sorted(countries, key=str)
        },
        "timeline_one": {x.code: reg.timeline(x.code) for x in sorted(countries, key=str)},
        "shipments": reg.shipments_by_destination(),
        "documents": reg.documents(),
        "schemes": {s: reg.documents(scheme=s) for s in Scheme},
        "lineage": [
            (reg.lineage(r.id), reg.lineage(r.ref), reg.lineage(r))
            for r in records
            if isinstance(r, Document)
        ],
    }
    for day in days:
        key = day.format_iso()
        out[f"status {key}"] = {s: reg.documents(status=s, on=day) for s in DocumentStatus}
        out[f"open {key}"] = reg.open_follow_ups(on=day)
        out[f"overdue {key}"] = reg.overdue_follow_ups(on=day)
        for n in (0, 30, 90, 365, 3650):
            out[f"expiring {n} {key}"] = reg.expiring_within(n, on=day)
    return out


def _days_of(records: Sequence[Record]) -> list[PartialDate]:
    days: list[PartialDate] = []
    for r in records:
        date = r.timeline_date()
        if date is not None:
            days.append(date)
        if isinstance(r, Document):
            ends = r.possible_end()
            if ends is not None:
                days.append(PartialDate.of(ends[0]))
        if isinstance(r, Meeting):
            days.extend(f.due for f in r.follow_ups if f.due is not None)
    return days[:6]


@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")  # big reprs
@settings(
    max_examples=10,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(records=registers, extra=st.lists(partial_dates(), max_size=2))
def test_every_query_agrees_with_the_register(
    build: Build, records: list[Record], extra: list[PartialDate]
) -> None:
    days = [*_days_of(records), *extra, PartialDate.parse("2023-09-01"), PartialDate.parse("2024")]
    expected = _answers(Register(records), records, days)
    assert _answers(build(records), records, days) == expected


def test_the_bundled_examples_agree_on_every_day_of_a_year(build: Build) -> None:
    records = list(kotakerja.examples())
    reg = build(records)
    plain = Register(records)
    day = PartialDate.parse("2023-01-01").earliest()
    for _ in range(0, 730, 7):
        on = PartialDate.of(day)
        for n in (30, 365):
            assert reg.expiring_within(n, on=on) == plain.expiring_within(n, on=on)
        assert reg.overdue_follow_ups(on=on) == plain.overdue_follow_ups(on=on)
        assert reg.open_follow_ups(on=on) == plain.open_follow_ups(on=on)
        day = day.add(days=7)


def _kb(id: str, day: str, *links: DocumentLink, years: int = 3) -> Mou:
    return Mou(
        id=id,
        title="Kesepakatan bersama pengembangan pariwisata",
        scheme=Scheme.KSDD,
        parties=(SOLO, KARANGANYAR),
        signatures=tuple(Signature(party=i, date=PartialDate.parse_iso(day)) for i in (0, 1)),
        term=Term(years=years),
        links=links,
    )


SOLO = Party(region=Region.get("33.72"))
KARANGANYAR = Party(region=Region.get("33.13"))
LOI = _kb("loi-2018", "2018-05-02")
KB = _kb("kb-2019", "2019-03-11", DocumentLink(role=LinkRole.FOLLOWS, to=LOI.ref))
RENEWAL = _kb("kb-2022", "2022-03-11", DocumentLink(role=LinkRole.RENEWS, to=KB.ref), years=5)
CHANGE = _kb(
    "kb-2023-adendum",
    "2023-02-01",
    DocumentLink(role=LinkRole.AMENDS, to=RENEWAL.ref, note="pasal 4"),
    DocumentLink(role=LinkRole.REPLACES, to=KB.ref),
)
PKS = Agreement(
    id="pks-2020",
    title="PKS promosi wisata bersama",
    scheme=Scheme.KSDD,
    parties=(SOLO, KARANGANYAR),
    signatures=tuple(Signature(party=i, date=PartialDate.parse_iso("2020-02-03")) for i in (0, 1)),
    term=Term(years=1),
    contents=tuple(PksContent),
    mou=KB.ref,
    links=(DocumentLink(role=LinkRole.RENEWS, to=LOI.ref),),
)
LATE = attrs.evolve(
    PKS,
    id="pks-2023",
    signatures=tuple(Signature(party=i, date=PartialDate.parse_iso("2023-01-09")) for i in (0, 1)),
    links=(),
)


def test_lineage_agrees_both_ways_on_every_backend(build: Build) -> None:
    records = [*kotakerja.examples(), LOI, KB, PKS, RENEWAL, CHANGE, LATE]
    reg = build(records)
    plain = Register(records)
    for doc in (LOI, KB, PKS, RENEWAL, CHANGE, LATE):
        assert reg.lineage(doc.id) == plain.lineage(doc.id)
        assert reg.lineage(doc.ref) == plain.lineage(doc)
    lin = reg.lineage(KB.ref)
    assert [(x.role, x.document.id) for x in lin.outgoing] == [("follows", LOI.id)]
    assert [(x.role, x.document.id) for x in lin.incoming] == [
        ("implemented_by", PKS.id),
        ("renewed_by", RENEWAL.id),
        ("replaced_by", CHANGE.id),
        ("implemented_by", LATE.id),
    ]
    assert reg.lineage(LOI).related("renewed_by") == (PKS,)
    assert reg.lineage(CHANGE).related(LinkRole.AMENDS) == (RENEWAL,)


def test_lineage_of_a_document_not_stored_uses_its_own_links(build: Build) -> None:
    reg = build([LOI, KB, PKS])
    draft = _kb("kb-draft", "2024-01-01", DocumentLink(role=LinkRole.RENEWS, to=KB.ref))
    assert reg.lineage(draft) == Register([LOI, KB, PKS]).lineage(draft)
    assert reg.lineage(draft).related("renews") == (KB,)


def test_lineage_refuses_what_the_register_refuses(build: Build) -> None:
    meeting = next(r for r in kotakerja.examples() if isinstance(r, Meeting))
    records = list(kotakerja.examples())
    reg = build(records)
    for backend in (reg, Register(records)):
        with pytest.raises(KeyError):
            backend.lineage("no-such-document")
        with pytest.raises(KeyError):
            backend.lineage(Ref(type="agreement", id="mou-jakarta-shanghai-2020"))
        with pytest.raises(TypeError, match="not a meeting"):
            backend.lineage(meeting.id)
