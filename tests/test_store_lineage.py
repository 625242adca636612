"""`Store.lineage` reads the document and its neighbours only, not the whole store."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

import kotakerja
from kotakerja import DocumentLink, LinkRole, Mou, PartialDate, Party, Region, Scheme, Signature
from kotakerja.store import _store


def _kb(id: str, *links: DocumentLink) -> Mou:
    return Mou(
        id=id,
        title="Kesepakatan bersama",
        scheme=Scheme.KSDD,
        parties=(Party(region=Region.get("33.72")), Party(region=Region.get("33.13"))),
        signatures=tuple(
            Signature(party=i, date=PartialDate.parse_iso("2019-03-11")) for i in (0, 1)
        ),
        links=links,
    )


def test_lineage_decodes_only_the_linked_documents(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = _kb("kb-base")
    renewal = _kb("kb-renewal", DocumentLink(role=LinkRole.RENEWS, to=base.ref))
    others = [
        _kb(f"kb-other-{i}", DocumentLink(role=LinkRole.FOLLOWS, to=base.ref)) for i in range(3)
    ]
    unrelated = [attrs.evolve(_kb(f"kb-unrelated-{i}"), title=f"lain {i}") for i in range(40)]
    with kotakerja.open_store(sqlite_url) as store:
        store.add(base, renewal, *others, *unrelated, *kotakerja.examples())
    decoded: list[str] = []
    real = _store._decode

    def counting(body: Any) -> kotakerja.Record:
        record = real(body)
        decoded.append(record.id)
        return record

    monkeypatch.setattr(_store, "_decode", counting)
    with kotakerja.open_store(sqlite_url) as store:
        lineage = store.lineage(renewal.id)
        assert lineage.related("renews") == (base,)
        assert sorted(decoded) == ["kb-base", "kb-renewal"]
        decoded.clear()
        assert store.lineage(base.ref).related("followed_by") == tuple(others)
        # kb-base and kb-renewal come from the cache of decoded records by now
        assert sorted(decoded) == [o.id for o in others]
