"""Checked by mypy --strict: the document facts (renewal, authority, lineage, rules)."""

from __future__ import annotations

import pendulum
from typing_extensions import assert_type

import kotakerja
from kotakerja import (
    Document,
    Effective,
    Lineage,
    Mou,
    PartialDate,
    Rules,
    SigningCapacity,
    Terms,
)

reg = kotakerja.examples()
mou = reg.of_type(Mou)[0]
day = PartialDate(year=2024)
assert_type(mou.effective(), Effective)
assert_type(mou.effective().date, PartialDate | None)
assert_type(mou.signed_by_all(), bool)
assert_type(mou.current_end(day), PartialDate | None)
assert_type(mou.renews_on(day), PartialDate | None)
assert_type(mou.possible_end(day), tuple[pendulum.Date, pendulum.Date] | None)
assert_type(mou.as_of(day), Terms)
assert_type(mou.rules(), Rules)
assert_type(kotakerja.rules_in_force(day).cite(foreign=True), str)
assert_type(mou.signatures[0].signs_as, SigningCapacity)
assert_type(mou.signatures[0].has_authority, bool | None)
lineage = reg.lineage(mou)
assert_type(lineage, Lineage)
assert_type(lineage.related("implemented_by"), tuple[Document, ...])
assert_type(reg.lineage_findings(), tuple[kotakerja.Finding, ...])
