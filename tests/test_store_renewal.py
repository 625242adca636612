"""The SQL store finds documents that renew automatically as the register does."""

from __future__ import annotations

from kotakerja import (
    Mou,
    PartialDate,
    Party,
    Region,
    Register,
    Renewal,
    Scheme,
    Signature,
    Term,
)
from kotakerja.store import open_store


def _mou(mou_id: str, renewal: Renewal) -> Mou:
    signed = PartialDate.parse_iso("2016-08-17")
    return Mou(
        id=mou_id,
        title="Kesepakatan bersama penyediaan air minum",
        scheme=Scheme.KSDD,
        parties=(Party(region=Region.get("34.71")), Party(region=Region.get("34.04"))),
        signatures=(Signature(party=0, date=signed), Signature(party=1, date=signed)),
        term=Term(years=5, renewal=renewal),
    )


def test_expiring_within_agrees_for_automatic_renewal() -> None:
    docs = [_mou("mou-renews", Renewal.AUTOMATIC), _mou("mou-ends", Renewal.NONE)]
    store = open_store("sqlite://")
    store.add(*docs)
    reg = Register(docs)
    for text in ("2021-06-01", "2024-01-01", "2026-06-01", "2031-06-01"):
        day = PartialDate.parse_iso(text)
        expected = [d.id for d in reg.expiring_within(90, on=day)]
        assert [d.id for d in store.expiring_within(90, on=day)] == expected, text
    on = PartialDate.parse_iso("2026-06-01")
    assert [d.id for d in store.expiring_within(90, on=on)] == ["mou-renews"]
