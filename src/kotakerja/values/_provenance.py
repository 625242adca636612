"""Provenance: where a record or a single fact came from (*sumber*)."""

from __future__ import annotations

import attrs
import pendulum

from .._errors import Problems
from .._model import check_fields, meta
from ._dates import PartialDate

__all__ = ["Source"]

_URL = r"https?://[^\s/$.?#][^\s]*"


@attrs.frozen(kw_only=True)
class Source:
    """A news report, decree, register entry or other document a fact was taken from.

    At least one of `url` and `title` identifies it. `retrieved_at` is the aware
    moment the source was read, which matters for web pages that change.
    """

    url: str | None = attrs.field(default=None, metadata=meta(pattern=_URL, max_length=2000))
    title: str | None = None
    publisher: str | None = None
    published: PartialDate | None = None
    retrieved_at: pendulum.DateTime | None = None
    note: str | None = None

    __attrs_post_init__ = check_fields

    def _check_rules(self, p: Problems) -> None:
        if self.url is None and self.title is None:
            p.add("", "kotakerja.source.unidentified", "a source needs a url or a title")
