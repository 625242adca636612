"""Date queries on generated documents: never a crash, and consistent with each other."""

from __future__ import annotations

from hypothesis import given, settings

import kotakerja
from kotakerja import Agreement, DocumentStatus, Mou, PartialDate
from kotakerja.testing import from_type, partial_dates


@settings(max_examples=60, deadline=None)
@given(from_type(Mou) | from_type(Agreement), partial_dates(min_year=1950, max_year=2100))
def test_queries_answer_for_any_document_and_date(doc: Mou | Agreement, day: PartialDate) -> None:
    status = doc.status_on(day)
    ends = doc.possible_end(day)
    renews = doc.renews_on(day)
    doc.current_end(day)
    doc.as_of(day)
    doc.effective()
    kotakerja.check(doc)
    if status is DocumentStatus.IN_FORCE and ends is not None and day.day is not None:
        assert day.to_date() <= ends[1]
    if renews is not None:
        assert ends is not None
        assert renews.to_date() > ends[1]
    if not doc.signed_by_all():
        assert status in (DocumentStatus.DRAFT, DocumentStatus.NEGOTIATING)
