"""Checked by mypy --strict: the store's API types as a user sees them."""

from __future__ import annotations

from typing_extensions import assert_type

import kotakerja
from kotakerja import Document, ExportShipment, FollowUpEntry, Lineage, Mou, Record, Store

store = kotakerja.open_store("sqlite://")
assert_type(store, Store)
assert_type(store.of_type(Mou), tuple[Mou, ...])
assert_type(store.of_type("mou"), tuple[Record, ...])
assert_type(store.get("mou-jakarta-shanghai-2020"), Record)
assert_type(store.revision("mou-jakarta-shanghai-2020"), int)
assert_type(store.put(store.get("mou-jakarta-shanghai-2020"), revision=1), int)
assert_type(store.expiring_within(30), tuple[Document, ...])
assert_type(store.lineage("mou-jakarta-shanghai-2020"), Lineage)
assert_type(store.overdue_follow_ups(), tuple[FollowUpEntry, ...])
assert_type(store.shipments_by_destination(), dict[str, tuple[ExportShipment, ...]])
assert_type(len(store), int)
for record in store:
    assert_type(record, Record)
try:
    store.add()
except kotakerja.ConflictError as e:
    assert_type(e, kotakerja.ConflictError)
