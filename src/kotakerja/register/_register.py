"""The register: records of every type together, with referential integrity and queries."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from typing import Any, Generic, TypeVar, overload

import attrs
import cattrs
import pendulum

from .._errors import ErrorDetail, Finding, ValidationError
from ..records._agreements import (
    Document,
    DocumentStatus,
    Lineage,
    LineageLink,
    LinkRole,
    Scheme,
    lineage_findings,
)
from ..records._base import Record, Ref, record_types
from ..records._meetings import FollowUpEntry, open_follow_ups
from ..records._shipments import ExportRelease, ExportShipment, shipments_by_destination
from ..serialization import DEFAULT_MAX_SIZE, from_dict
from ..values._dates import PartialDate
from ..values._places import Country, ForeignLocality, Region
from ._csv import read_csv, write_csv
from ._storage import (
    DEFAULT_MAX_PROBLEMS,
    TOO_MANY_PROBLEMS,
    CappedProblems,
    PathLike,
    Readable,
    iter_jsonl,
    read_folder,
    read_json_file,
    write_folder,
    write_json,
    write_jsonl,
)
from ._walk import walk

__all__ = ["Register", "release_link_problems"]

R = TypeVar("R", bound=Record)
V = TypeVar("V")

Place = Region | Country | ForeignLocality | str
"""What a relationship is between: a region, a country, a foreign locality, or a code."""


_LAST_ORDINAL = _dt.date.max.toordinal()


def as_day(on: PartialDate | pendulum.Date | None) -> PartialDate:
    """The day a query asks about: `on` as a `PartialDate`, today when None."""
    if on is None:
        return PartialDate.today()
    return on if isinstance(on, PartialDate) else PartialDate.of(on)


def as_place(place: Place) -> Region | Country | ForeignLocality:
    """A place given as a value or a code (``"33.72"``, ``"DE"``) as a value."""
    if isinstance(place, (Region, Country, ForeignLocality)):
        return place
    if not isinstance(place, str):
        raise TypeError(
            "a place is a Region, Country or ForeignLocality, a region code such as "
            f"'33.72' or a country code such as 'DE', not {type(place).__name__}"
        )
    if len(place) == 2 and place.isalpha():
        return Country.get(place.upper())
    return Region.get(place)


def _undated_last(record: Record) -> tuple[int, tuple[int, int, int, int]]:
    date = record.timeline_date()
    return (1, (0, 0, 0, 0)) if date is None else (0, date.sort_key())


def _at(record: Record, path: str) -> str:
    return f"[{record.id}]" + ("." + path if path and not path.startswith("[") else path)


def release_link_problems(records: Iterable[Record]) -> list[ErrorDetail]:
    """Release ↔ shipment links among `records` that contradict each other.

    Only links whose two ends are both among `records` are judged (a dangling or
    mistyped reference is a problem of its own); the codes and paths are those of
    `Register.reference_problems`. `records` have unique ids, as in a register.
    """
    linked = [r for r in records if isinstance(r, (ExportRelease, ExportShipment))]
    by_id = {r.id: r for r in linked}
    problems: list[ErrorDetail] = []
    # shipment id -> release id -> (release, index in its `shipments`), first first
    listed: dict[str, dict[str, tuple[ExportRelease, int]]] = {}
    for record in linked:
        if not isinstance(record, ExportRelease):
            continue
        for i, ref in enumerate(record.shipments):
            shipment = by_id.get(ref.id)
            if not isinstance(shipment, ExportShipment):
                continue  # dangling or mistyped: a reference problem of its own
            where = listed.setdefault(ref.id, {})
            if record.id in where:
                continue  # listed twice by one release: the release's own error
            path = _at(record, f"shipments[{i}]")
            if where:
                first, j = next(iter(where.values()))
                problems.append(
                    ErrorDetail(
                        path,
                        "kotakerja.release.shipment_in_two_releases",
                        f"export_shipment {ref.id} is also listed by export_release "
                        f"{first.id} at {_at(first, f'shipments[{j}]')}; "
                        "a shipment belongs to one release",
                    )
                )
            elif shipment.release is not None and shipment.release.id != record.id:
                problems.append(
                    ErrorDetail(
                        path,
                        "kotakerja.release.other_release",
                        f"export_release {record.id} lists export_shipment {ref.id}, "
                        f"but {_at(shipment, 'release')} names export_release "
                        f"{shipment.release.id}",
                    )
                )
            where[record.id] = (record, i)
    for record in linked:
        if not isinstance(record, ExportShipment) or record.release is None:
            continue
        release = by_id.get(record.release.id)
        if not isinstance(release, ExportRelease):
            continue  # dangling or mistyped: a reference problem of its own
        if release.id not in listed.get(record.id, {}):
            problems.append(
                ErrorDetail(
                    _at(record, "release"),
                    "kotakerja.release.shipment_not_listed",
                    f"export_shipment {record.id} names export_release {release.id}, "
                    f"but {_at(release, 'shipments')} does not list it",
                )
            )
    return problems


class _Layered(Generic[V]):
    """A read-only mapping shared between registers: a large base and a small layer of changes.

    A changed register copies the layer, not the base, so a change costs what it
    touches; once the layer grows past a limit it is folded into a new base.
    """

    __slots__ = ("_base", "_layer")
    _FOLD_AT = 4096

    def __init__(self, base: dict[str, V], layer: dict[str, V | None] | None = None) -> None:
        self._base = base
        self._layer: dict[str, V | None] = layer or {}

    def get(self, key: str) -> V | None:
        if key in self._layer:
            return self._layer[key]
        return self._base.get(key)

    def changed(self, changes: dict[str, V | None]) -> _Layered[V]:
        """A new mapping with `changes` (None removes a key); this one stays as it is."""
        layer = {**self._layer, **changes}
        if len(layer) < self._FOLD_AT:
            return _Layered(self._base, layer)
        base = self._base.copy()
        for key, value in layer.items():
            if value is None:
                base.pop(key, None)
            else:
                base[key] = value
        return _Layered(base)


class Register:
    """A collection of records of every type, keyed by id, with every reference resolved.

    Building a register checks that ids are unique and that every `Ref` in every
    record points to a record in the register; a dangling reference is reported
    with both ends, and so are export releases and shipments whose links disagree
    (see `reference_problems`). Iterating a register yields its records in insertion order.

    >>> import kotakerja
    >>> reg = kotakerja.examples()
    >>> len(reg) > 0
    True
    """

    __slots__ = ("_by_id", "_checked", "_next", "_pos", "_referrers")

    def __init__(self, records: Iterable[Record] = (), *, check_references: bool = True) -> None:
        self._by_id: dict[str, Record] = {}
        problems: list[ErrorDetail] = []
        for record in records:
            if not isinstance(record, Record):
                raise TypeError(f"a register holds records, not {type(record).__name__}")
            if record.id in self._by_id:
                other = self._by_id[record.id]
                problems.append(
                    ErrorDetail(
                        _at(record, "id"),
                        "kotakerja.register.duplicate_id",
                        f"id {record.id!r} is used by a {other.TYPE} and a {record.TYPE}",
                    )
                )
                continue
            self._by_id[record.id] = record
        # Insertion positions (increasing, not necessarily consecutive) and the reverse
        # index (target id -> ids of the records pointing to it) let a changed register
        # check only what changed. The check builds the index; unchecked, it waits for first use.
        self._pos = _Layered({rid: i for i, rid in enumerate(self._by_id)})
        self._next = len(self._by_id)
        self._referrers: _Layered[frozenset[str]] | None = None
        self._checked = check_references and not problems
        if check_references:
            problems.extend(self.reference_problems())
        if problems:
            raise ValidationError(problems)

    def _index(self) -> _Layered[frozenset[str]]:
        if self._referrers is None:
            found: dict[str, set[str]] = {}
            for record in self._by_id.values():
                for _, ref in self.references(record):
                    found.setdefault(ref.id, set()).add(record.id)
            self._referrers = _Layered({k: frozenset(v) for k, v in found.items()})
        return self._referrers

    # Collection protocol ------------------------------------------------------------

    def __iter__(self) -> Iterator[Record]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Ref):
            found = self._by_id.get(item.id)
            return found is not None and item.type == found.TYPE
        if isinstance(item, Record):
            return self._by_id.get(item.id) == item
        return item in self._by_id

    def __repr__(self) -> str:
        counts: dict[str, int] = {}
        for r in self:
            counts[r.TYPE] = counts.get(r.TYPE, 0) + 1
        inner = ", ".join(f"{n} {t}" for t, n in sorted(counts.items()))
        return f"<Register: {inner or 'empty'}>"

    def __eq__(self, other: object) -> bool:
        """Registers are equal when they hold the same records, in whatever order."""
        if not isinstance(other, Register):
            return NotImplemented
        return self._by_id == other._by_id

    __hash__ = None  # type: ignore[assignment]

    @overload
    def get(self, key: str) -> Record: ...
    @overload
    def get(self, key: Ref) -> Record: ...

    def get(self, key: str | Ref) -> Record:
        """The record with this id (or this reference); `KeyError` if absent."""
        if isinstance(key, Ref):
            record = self._by_id[key.id]
            if key.type != record.TYPE:
                raise KeyError(f"{key} points to a {record.TYPE}, not a {key.type}")
            return record
        return self._by_id[key]

    def __getitem__(self, key: str | Ref) -> Record:
        """``reg["mou-jakarta-shanghai-2020"]``: the record with this id or reference."""
        return self.get(key)

    def resolve(self, ref: Ref) -> Record | None:
        """The record a reference points to, or None when it is not in the register."""
        record = self._by_id.get(ref.id)
        if record is None or ref.type != record.TYPE:
            return None
        return record

    @overload
    def of_type(self, cls: type[R]) -> tuple[R, ...]: ...
    @overload
    def of_type(self, cls: str) -> tuple[Record, ...]: ...
    def of_type(self, cls: type[R] | str) -> tuple[R, ...] | tuple[Record, ...]:
        """All records of one class (or record type name, ``"mou"``), in insertion order."""
        if isinstance(cls, str):
            known = record_types()
            if cls not in known:
                raise ValueError(f"unknown record type {cls!r}; known: {', '.join(sorted(known))}")
            wanted = known[cls]
            return tuple(r for r in self if type(r) is wanted)
        return tuple(r for r in self if type(r) is cls)

    # Changing --------------------------------------------------------------------------

    def with_records(self, *records: Record, replace: bool = False) -> Register:
        """A new register with `records` added (or, with `replace`, put in place of same ids).

        Only the new records and those that point to (or are linked with) what changed
        are checked again, so adding one record to a large register is quick; the
        errors are those a register built from scratch would report.
        """
        incoming: dict[str, Record] = {}
        for r in records:
            if not isinstance(r, Record):
                raise TypeError(
                    f"with_records() takes records, not {type(r).__name__}; "
                    "for a list, write with_records(*records)"
                )
            if not replace and (r.id in self._by_id or r.id in incoming):
                other = self._by_id.get(r.id) or incoming[r.id]
                raise ValidationError.single(
                    _at(r, "id"),
                    "kotakerja.register.duplicate_id",
                    f"id {r.id!r} is already used by a {other.TYPE}",
                )
            incoming[r.id] = r
        return self._changed(incoming, ())

    def without(self, *ids: str) -> Register:
        """A new register without the records of these ids (references to them must go too)."""
        return self._changed({}, [i for i in dict.fromkeys(ids) if i in self._by_id])

    def _changed(self, incoming: dict[str, Record], removed: Iterable[str]) -> Register:
        """This register with `incoming` put in (same ids replaced) and `removed` taken out."""
        if not self._checked:
            gone = set(removed)
            merged = {k: v for k, v in self._by_id.items() if k not in gone}
            merged.update(incoming)
            return Register(merged.values())
        old_index = self._index()
        by_id = self._by_id.copy()
        new_pos: dict[str, int | None] = {}
        nxt = self._next
        touched: dict[str, set[str]] = {}  # target id -> its new referrer set, copied once

        def referrer_set(target: str) -> set[str]:
            found = touched.get(target)
            if found is None:
                found = touched[target] = set(old_index.get(target) or ())
            return found

        changed: list[tuple[Record | None, Record | None]] = []  # (old, new)
        for rid in removed:
            changed.append((by_id.pop(rid), None))
        for rid, record in incoming.items():
            old = by_id.get(rid)
            if old is record:
                continue
            by_id[rid] = record
            if old is None:
                new_pos[rid] = nxt
                nxt += 1
            changed.append((old, record))
        for old, new in changed:
            if old is not None:
                for _, ref in self.references(old):
                    referrer_set(ref.id).discard(old.id)
            if new is not None:
                for _, ref in self.references(new):
                    referrer_set(ref.id).add(new.id)
        # Removed ids keep a stale position: only the positions of present records are read.
        out = Register.__new__(Register)
        out._by_id, out._pos, out._next = by_id, self._pos.changed(new_pos), nxt
        out._referrers = old_index.changed({t: frozenset(i) or None for t, i in touched.items()})
        out._checked = True
        if out._local_problems(changed, old_index):
            # Something is wrong: report it exactly as a full check would.
            problems = out.reference_problems()
            if problems:
                raise ValidationError(problems)
        return out

    def _local_problems(
        self,
        changed: list[tuple[Record | None, Record | None]],
        old_index: _Layered[frozenset[str]],
    ) -> bool:
        """Whether a change to a register without problems made any, looking near it only."""
        by_id = self._by_id
        to_check: set[str] = set()
        shipments: set[str] = set()
        for old, new in changed:
            rid = old.id if old is not None else new.id if new is not None else ""
            if new is not None:
                to_check.add(rid)
            if old is None or new is None or old.TYPE != new.TYPE:
                to_check.update(old_index.get(rid) or ())
            for version in (old, new):
                if isinstance(version, ExportShipment):
                    shipments.add(rid)
                elif isinstance(version, ExportRelease):
                    shipments.update(ref.id for ref in version.shipments)
                    shipments.update(
                        s
                        for s in old_index.get(rid) or ()
                        if isinstance(by_id.get(s), ExportShipment)
                    )
                    shipments.update(
                        s
                        for s in self._index().get(rid) or ()
                        if isinstance(by_id.get(s), ExportShipment)
                    )
        for rid in to_check:
            record = by_id.get(rid)
            if record is None:
                continue
            for _, ref in self.references(record):
                target = by_id.get(ref.id)
                if target is None or ref.type != target.TYPE or target is record:
                    return True
        return any(self._shipment_links_wrong(s) for s in shipments)

    def _shipment_links_wrong(self, shipment_id: str) -> bool:
        """Whether the release links of one shipment disagree (see `reference_problems`)."""
        shipment = self._by_id.get(shipment_id)
        if not isinstance(shipment, ExportShipment):
            return False
        listing = {
            rid
            for rid in self._index().get(shipment_id) or ()
            if isinstance(release := self._by_id[rid], ExportRelease)
            and any(ref.id == shipment_id for ref in release.shipments)
        }
        if len(listing) > 1:
            return True
        named = shipment.release
        if named is None:
            return False
        if listing and named.id not in listing:
            return True
        return isinstance(self._by_id.get(named.id), ExportRelease) and named.id not in listing

    # Integrity ---------------------------------------------------------------------------

    def references(self, record: Record) -> list[tuple[str, Ref]]:
        """Every reference in `record`, with its path."""
        return [(p, v) for p, v in walk(record) if isinstance(v, Ref)]

    def reference_problems(self) -> list[ErrorDetail]:
        """Dangling or mistyped references, each naming both ends.

        Also contradictory links between export releases and their shipments, when
        both records are in the register: a release listing a shipment that names
        another release (``kotakerja.release.other_release``, at the release's
        ``shipments[i]``), a shipment listed by two releases
        (``kotakerja.release.shipment_in_two_releases``, at every listing after the
        first) and a shipment naming a release that does not list it
        (``kotakerja.release.shipment_not_listed``, at the shipment's ``release``).
        A shipment that names no release while a release lists it is allowed: that
        is the warning `ExportRelease.shipment_findings` gives.
        """
        problems: list[ErrorDetail] = []
        # The same walk builds the reverse index, when it is not built yet.
        found: dict[str, set[str]] | None = {} if self._referrers is None else None
        for record in self:
            for path, ref in self.references(record):
                if found is not None:
                    found.setdefault(ref.id, set()).add(record.id)
                if ref.id == record.id and ref.type == record.TYPE:
                    problems.append(
                        ErrorDetail(
                            _at(record, path),
                            "kotakerja.register.self_reference",
                            f"{record.TYPE} {record.id} points to itself",
                        )
                    )
                    continue
                target = self._by_id.get(ref.id)
                if target is None:
                    problems.append(
                        ErrorDetail(
                            _at(record, path),
                            "kotakerja.register.dangling_reference",
                            f"{record.TYPE} {record.id} points to {ref.type} {ref.id}, "
                            "which is not in the register",
                        )
                    )
                elif ref.type != target.TYPE:
                    problems.append(
                        ErrorDetail(
                            _at(record, path),
                            "kotakerja.register.wrong_reference_type",
                            f"{record.TYPE} {record.id} points to {ref.type} {ref.id}, "
                            f"but {ref.id} is a {target.TYPE}",
                        )
                    )
        if found is not None:
            self._referrers = _Layered({k: frozenset(v) for k, v in found.items()})
        problems.extend(release_link_problems(self))
        return problems

    def referring_to(self, target: Record | Ref) -> tuple[Record, ...]:
        """Records that point to `target`, in insertion order (looked up in an index)."""
        ref = target.ref if isinstance(target, Record) else target
        ids = self._index().get(ref.id) or ()
        found = [
            self._by_id[i] for i in ids if any(x == ref for _, x in self.references(self._by_id[i]))
        ]
        found.sort(key=lambda r: self._pos.get(r.id) or 0)
        return tuple(found)

    # Places ------------------------------------------------------------------------------

    def regions_of(self, record: Record) -> set[Region]:
        """Every Indonesian region named anywhere in `record`."""
        return {v for _, v in walk(record) if isinstance(v, Region)}

    def countries_of(self, record: Record) -> set[Country]:
        """Every country named in `record`, including those of foreign localities."""
        out: set[Country] = set()
        for _, v in walk(record):
            if isinstance(v, Country):
                out.add(v)
            elif isinstance(v, ForeignLocality):
                out.add(v.country)
        return out

    def by_region(self, region: Region | str) -> tuple[Record, ...]:
        """Records involving `region`; a province includes its regencies and cities."""
        target = Region.get(region) if isinstance(region, str) else region
        return tuple(r for r in self if self.involves(r, target))

    def by_country(self, country: Country | str) -> tuple[Record, ...]:
        """Records involving a partner country (ISO code or `Country`)."""
        target = Country.get(country) if isinstance(country, str) else country
        return tuple(r for r in self if self.involves(r, target))

    # Documents ---------------------------------------------------------------------

    def documents(
        self,
        *,
        scheme: Scheme | str | None = None,
        status: DocumentStatus | str | None = None,
        on: PartialDate | pendulum.Date | None = None,
    ) -> tuple[Document, ...]:
        """MoUs and agreements, in insertion order; optionally of one scheme or status.

        `status` is the status on `on` (default today); a document whose status
        partial dates leave open is not counted.

        >>> import kotakerja
        >>> reg = kotakerja.examples()
        >>> reg.documents(scheme=kotakerja.Scheme.KSDPL)[0].id
        'mou-jakarta-shanghai-2020'
        """
        docs = [r for r in self if isinstance(r, Document)]
        if scheme is not None:
            # "ksdpl" or "KSDPL" works too; an unknown name is a ValueError.
            wanted_scheme = Scheme(scheme.lower() if isinstance(scheme, str) else scheme)
            docs = [d for d in docs if d.scheme is wanted_scheme]
        if status is not None:
            wanted_status = DocumentStatus(status.lower() if isinstance(status, str) else status)
            day = as_day(on)
            docs = [d for d in docs if d.status_on(day) is wanted_status]
        return tuple(docs)

    def lineage(self, document: Document | Ref | str) -> Lineage:
        """The documents `document` links to and those linking to it, with their roles.

        Roles are typed: a PKS ``implements`` its MoU (also through `Agreement.mou`),
        an MoU ``follows`` a letter of intent, a document ``renews``, ``replaces`` or
        ``amends`` another. Seen from the other end the role is inverted:
        ``implemented_by``, ``followed_by``, ``renewed_by``, ``replaced_by``,
        ``amended_by``. `document` is a document, a reference or an id.
        """
        doc = document if isinstance(document, Document) else self.get(document)
        if not isinstance(doc, Document):
            raise TypeError(f"lineage() takes an MoU or an agreement, not a {doc.TYPE}")
        outgoing = []
        for link in doc.document_links():
            target = self.resolve(link.to)
            if isinstance(target, Document):
                outgoing.append(LineageLink(role=link.role.value, document=target, link=link))
        incoming = []
        for other in self.documents():
            for link in other.document_links():
                if link.to == doc.ref:
                    incoming.append(LineageLink(role=link.inverse, document=other, link=link))
        return Lineage(document=doc, outgoing=tuple(outgoing), incoming=tuple(incoming))

    def lineage_findings(self) -> tuple[Finding, ...]:
        """Findings across documents: an implementing agreement outside its MoU.

        A PKS signed when its MoU was not in force, running past the MoU's end, or
        with a party the MoU does not have (``kotakerja.lineage.outside_period``,
        ``kotakerja.lineage.outside_parties``). Paths start with the record id.
        """
        found: list[Finding] = []
        for doc in self.documents():
            for link in doc.document_links():
                if link.role is not LinkRole.IMPLEMENTS:
                    continue
                target = self.resolve(link.to)
                if not isinstance(target, Document):
                    continue
                where = f"links[{doc.links.index(link)}]" if link in doc.links else "mou"
                found.extend(
                    attrs.evolve(f, path=_at(doc, f.path))
                    for f in lineage_findings(doc, target, where)
                )
        return tuple(found)

    # Follow-ups ------------------------------------------------------------------------

    def open_follow_ups(
        self, *, on: PartialDate | pendulum.Date | None = None
    ) -> tuple[FollowUpEntry, ...]:
        """Follow-ups of every meeting still open on `on` (default today), earliest due first.

        Each entry carries its meeting, its index and whether it is overdue; a due date
        known only to the month is overdue once that month is over.
        """
        return open_follow_ups(self, on=on)

    def overdue_follow_ups(
        self, *, on: PartialDate | pendulum.Date | None = None
    ) -> tuple[FollowUpEntry, ...]:
        """The open follow-ups whose due date has certainly passed on `on` (default today).

        >>> import kotakerja
        >>> reg = kotakerja.examples()
        >>> late = reg.overdue_follow_ups(on=kotakerja.PartialDate.parse("2023-09-01"))
        >>> print(late[0].meeting.id, late[0].follow_up.due)
        meeting-jakarta-shanghai-2023 2023-08
        """
        return tuple(e for e in self.open_follow_ups(on=on) if e.overdue)

    # Shipments -------------------------------------------------------------------------

    def shipments_by_destination(self) -> dict[str, tuple[ExportShipment, ...]]:
        """Export shipments grouped by destination country code, in insertion order.

        >>> import kotakerja
        >>> sorted(kotakerja.examples().shipments_by_destination())
        ['BN', 'JP', 'OM', 'QA', 'SG', 'TH', 'TW']
        """
        return shipments_by_destination(self)

    # Relationships -----------------------------------------------------------------

    def involves(self, record: Record, place: Place) -> bool:
        """Whether `record` names `place` anywhere (a province includes its regions)."""
        target = as_place(place)
        for _, v in walk(record):
            if isinstance(target, Region):
                if isinstance(v, Region) and target.contains(v):
                    return True
            elif isinstance(target, Country):
                if v == target or (isinstance(v, ForeignLocality) and v.country == target):
                    return True
            elif (
                isinstance(v, ForeignLocality)
                and v.country == target.country
                and v.name.casefold() == target.name.casefold()
            ):
                return True
        return False

    def timeline(self, *places: Place) -> tuple[Record, ...]:
        """Every record that involves all of `places`, in date order (undated last).

        The history of one relationship across MoUs, agreements, meetings and
        shipments: ``reg.timeline("33.72", "DE")`` is Surakarta with Germany,
        ``reg.timeline("31", shanghai)`` Jakarta with a `ForeignLocality`.
        A string is a Kemendagri region code or an ISO 3166-1 country code.

        >>> import kotakerja
        >>> kotakerja.examples().timeline("31", "CN")[0].id
        'mou-jakarta-shanghai-2020'
        """
        targets = [as_place(p) for p in places]
        found = [r for r in self if all(self.involves(r, t) for t in targets)]
        return tuple(sorted(found, key=_undated_last))

    def expiring_within(
        self, days: int, *, on: PartialDate | pendulum.Date | None = None
    ) -> tuple[Document, ...]:
        """Documents in force on `on` (default today) whose term may end within `days` days.

        The window runs from `on` to `days` days later, both included. A partial end
        date counts when any day it may be falls in the window: an end of ``2023-12``
        is listed from 90 days before December 2023 until the end of that month, and
        an end of ``2024`` all through 2024, because the document may end on any of
        those days; so does a term counted from a partial signing date, whose last
        day is known only to a span (`Document.possible_end`). A document whose
        status on `on` is open for the same reason (``status_on`` gives None) is
        listed as long as it has not certainly ended. A term that renews
        automatically is listed by the end of the renewal period running on `on`.
        A window reaching past 31 December 9999 stops there; `days` below 0 raises
        `ValueError`.
        """
        if days < 0:
            raise ValueError(f"days must be 0 or more, not {days}")
        day = as_day(on)
        first = day.earliest()
        horizon = _dt.date.fromordinal(min(first.toordinal() + days, _LAST_ORDINAL))
        out = []
        for doc in self.documents():
            ends = doc.possible_end(day)
            if ends is None or ends[1] < first or ends[0] > horizon:
                continue
            if doc.status_on(day) in (DocumentStatus.IN_FORCE, None):
                out.append(doc)
        return tuple(out)

    # Storage -----------------------------------------------------------------------------

    @classmethod
    def load_jsonl(
        cls,
        source: Readable,
        *,
        converter: cattrs.Converter | None = None,
        check_references: bool = True,
        max_size: int | None = DEFAULT_MAX_SIZE,
        max_problems: int | None = DEFAULT_MAX_PROBLEMS,
        allow_special: bool = False,
    ) -> Register:
        """Read a JSON Lines file (or binary stream); every bad line is reported as ``line N``.

        A line may have at most `max_size` bytes; an id used twice is reported on the
        later line, naming the first. After `max_problems` problems reading stops and
        the last problem (``kotakerja.storage.too_many_problems``) says more were cut.
        A special file such as a named pipe is refused unless `allow_special`.
        """
        records: list[Record] = []
        problems: list[ErrorDetail] = []
        results = iter_jsonl(
            source,
            converter=converter,
            max_size=max_size,
            max_problems=max_problems,
            allow_special=allow_special,
        )
        for result in results:
            if result.error is not None:
                problems.extend(
                    x
                    if x.code == TOO_MANY_PROBLEMS
                    else ErrorDetail(
                        f"line {result.line}" + (": " + x.path if x.path else ""), x.code, x.message
                    )
                    for x in result.error.errors
                )
            elif result.record is not None:
                records.append(result.record)
        if problems:
            raise ValidationError(problems)
        return cls(records, check_references=check_references)

    def save_jsonl(
        self,
        path: PathLike,
        *,
        converter: cattrs.Converter | None = None,
        max_size: int | None = DEFAULT_MAX_SIZE,
    ) -> None:
        """Save as JSON Lines, atomically: a crash mid-write leaves the old file intact.

        A line `load_jsonl` would refuse with the same `max_size` is not written
        (``kotakerja.storage.too_large``), and the file is left as it was.
        """
        write_jsonl(path, self, converter=converter, max_size=max_size)

    @classmethod
    def load_json(
        cls,
        source: Readable,
        *,
        converter: cattrs.Converter | None = None,
        check_references: bool = True,
        max_size: int | None = DEFAULT_MAX_SIZE,
        max_problems: int | None = DEFAULT_MAX_PROBLEMS,
        allow_special: bool = False,
    ) -> Register:
        """Read a ``.json`` file (or binary stream) holding one record or an array of them.

        The document may have at most `max_size` bytes and is read whole. Problems of
        the i-th record have the path ``[i]...``; an id used twice is reported at the
        later one's ``[i].id``. After `max_problems` problems the rest are cut.
        """
        data = read_json_file(source, max_size=max_size, allow_special=allow_special)
        items = data if isinstance(data, list) else [data]
        records: list[Record] = []
        problems = CappedProblems(max_problems)
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            try:
                record = from_dict(Record, item, converter=converter)
            except ValidationError as e:
                errors = e.prefixed(i).errors if isinstance(data, list) else e.errors
            else:
                first = seen.setdefault(record.id, i)
                if first == i:
                    records.append(record)
                    continue
                errors = (
                    ErrorDetail(
                        f"[{i}].id",
                        "kotakerja.register.duplicate_id",
                        f"id {record.id!r} is already used by [{first}]",
                    ),
                )
            if not problems.add(errors):
                break
        if problems.items:
            problems.raise_if_any(f"[{i}]" if isinstance(data, list) else "the record")
        return cls(records, check_references=check_references)

    def save_json(
        self,
        path: PathLike,
        *,
        converter: cattrs.Converter | None = None,
        max_size: int | None = DEFAULT_MAX_SIZE,
    ) -> None:
        """Save as one JSON array, atomically.

        A document `load_json` would refuse with the same `max_size` (64 MiB by
        default) is not written: `ValidationError` with ``kotakerja.storage.too_large``,
        and the file is left as it was. Save a register that large as JSON Lines.
        """
        write_json(path, self, converter=converter, max_size=max_size)

    @classmethod
    def load_folder(
        cls,
        directory: PathLike,
        *,
        converter: cattrs.Converter | None = None,
        check_references: bool = True,
        max_size: int | None = DEFAULT_MAX_SIZE,
        max_problems: int | None = DEFAULT_MAX_PROBLEMS,
    ) -> Register:
        """Read a folder of ``<id>.json`` files (a leading byte-order mark is allowed).

        The id inside each file counts, whatever its name; an id in two files is
        reported naming both. Each file may have at most `max_size` bytes; special
        files and hidden ones are not opened. A missing folder raises
        `FileNotFoundError`, a file in its place `NotADirectoryError`.
        """
        records, problems = read_folder(
            directory, converter=converter, max_size=max_size, max_problems=max_problems
        )
        if problems:
            raise ValidationError(problems)
        return cls(records, check_references=check_references)

    def save_folder(
        self,
        directory: PathLike,
        *,
        converter: cattrs.Converter | None = None,
        max_size: int | None = DEFAULT_MAX_SIZE,
    ) -> None:
        """Save one JSON file per record, each written atomically, named by its escaped id.

        File names never collide, even on file systems that ignore case
        (`kotakerja.register.file_name_for`); files of records no longer in the
        register are removed once the new ones are in place.
        """
        write_folder(directory, self, converter=converter, max_size=max_size)

    @classmethod
    def load_csv(
        cls,
        source: Readable,
        *,
        converter: cattrs.Converter | None = None,
        check_references: bool = True,
        max_size: int | None = DEFAULT_MAX_SIZE,
        max_problems: int | None = DEFAULT_MAX_PROBLEMS,
        allow_special: bool = False,
    ) -> Register:
        """Read a CSV table, all or nothing: every bad row is reported as ``row N``.

        Row numbers count the header as row 1, as spreadsheets do; a table that
        cannot be read at all (not UTF-8, not comma-separated, a bad header, a row
        over `max_size` bytes) is one problem with no row. An id used twice is
        reported on the later row, naming the first. To keep the good rows of a
        table with mistakes, use `kotakerja.register.read_csv`, which returns the
        records and the problems separately.
        """
        records, problems = read_csv(
            source,
            converter=converter,
            max_size=max_size,
            max_problems=max_problems,
            allow_special=allow_special,
        )
        if problems:
            raise ValidationError(
                e
                if e.code == TOO_MANY_PROBLEMS
                else ErrorDetail(
                    f"row {row}" + (": " + e.path if e.path else ""), e.code, e.message
                )
                for row, e in problems
            )
        return cls(records, check_references=check_references)

    def save_csv(
        self,
        path: PathLike,
        record_type: type[Record] | None = None,
        *,
        converter: cattrs.Converter | None = None,
        max_size: int | None = DEFAULT_MAX_SIZE,
    ) -> int:
        """Save the records of one type as a CSV table, atomically; return the row count.

        A register holding several types needs `record_type` (e.g. ``kotakerja.Mou``).
        Cells that a spreadsheet would take for a formula are escaped with a leading
        ``'``, which `load_csv` removes.
        """
        if record_type is None:
            types = {type(r) for r in self}
            if len(types) != 1:
                names = ", ".join(sorted(t.TYPE for t in types)) or "none"
                raise ValueError(f"a CSV table holds one record type; this register has {names}")
            (record_type,) = types
        rows = self.of_type(record_type)
        write_csv(path, rows, record_type=record_type, converter=converter, max_size=max_size)
        return len(rows)

    def to_list(self, *, converter: cattrs.Converter | None = None) -> list[Any]:
        """Every record as plain data."""
        from ..serialization import to_dict

        return [to_dict(r, converter=converter) for r in self]
