"""Strategies for MoUs and agreements: valid documents of every scheme.

Generated documents carry the optional facts too: several signatures per party
(some undated, some on an authority), renewal terms, approvals by body and
party, typed links and amendments that change the term, parties and clauses.
"""

from __future__ import annotations

import attrs
from hypothesis import strategies as st

from ..records._agreements import (
    Agreement,
    Amendment,
    AmendmentKind,
    Approval,
    ApprovalKind,
    ClauseChange,
    Document,
    DocumentKind,
    DocumentLink,
    KsddKind,
    KsdplKind,
    LinkRole,
    Mou,
    Obligation,
    Party,
    PksContent,
    Renewal,
    Scheme,
    SignatoryRole,
    Signature,
    SigningCapacity,
    SigningMethod,
    Term,
)
from ..records._base import Ref
from ..values._dates import PartialDate
from ..values._money import Money
from ..values._people import Authority, AuthorityKind, AuthorityStatus
from ..values._places import all_regions
from ._core import (
    _locality,
    _organization_of,
    _person,
    _position,
    decimals_for,
    extensions,
    partial_dates,
    record_ids,
    register_strategy,
    texts,
)


@st.composite
def _authority(draw: st.DrawFn) -> Authority:
    status = draw(st.sampled_from(list(AuthorityStatus)))
    kind = draw(st.sampled_from(list(AuthorityKind)))
    if status is not AuthorityStatus.LETTER:
        return Authority(kind=kind, status=status, note=draw(st.none() | texts()))
    return Authority(
        kind=kind,
        number=draw(texts(1, 20)),
        date=draw(st.none() | partial_dates()),
        issuer=draw(st.none() | texts()),
    )


@register_strategy(Authority)
def _authority_strategy() -> st.SearchStrategy[Authority]:
    return _authority()


@st.composite
def _signature(draw: st.DrawFn, party: int) -> Signature:
    return Signature(
        party=party,
        signatory=draw(st.none() | _person()),
        position=draw(st.none() | _position()),
        date=draw(st.none() | partial_dates()),
        method=draw(st.sampled_from(list(SigningMethod))),
        role=draw(st.none() | st.sampled_from(list(SignatoryRole))),
        capacity=draw(st.none() | st.sampled_from(list(SigningCapacity))),
        authority=draw(st.none() | _authority()),
    )


@st.composite
def _term(draw: st.DrawFn) -> Term:
    renewal = draw(st.sampled_from(list(Renewal)))
    years = draw(st.integers(0, 30))
    if renewal is not Renewal.AUTOMATIC:
        return Term(years=years, renewal=renewal)
    return Term(
        years=years,
        renewal=renewal,
        renewal_years=draw(st.none() | st.integers(1, 5)),
        max_renewals=draw(st.none() | st.integers(0, 5)),
    )


@st.composite
def _links(draw: st.DrawFn) -> tuple[DocumentLink, ...]:
    refs = st.sampled_from(("mou", "agreement")).flatmap(
        lambda t: record_ids(t).map(lambda i: Ref(type=t, id=i))
    )
    return tuple(
        draw(st.lists(st.builds(DocumentLink, role=st.sampled_from(list(LinkRole)), to=refs),
                      max_size=2))
    )  # fmt: skip


@st.composite
def _amendments(draw: st.DrawFn, after: int | None, parties: int) -> tuple[Amendment, ...]:
    """Amendments effective in order, each in a year after `after` (the signing year)."""
    first = 1990 if after is None else after + 1
    years = sorted(draw(st.lists(st.integers(first, first + 20), max_size=2)))
    out = []
    count = parties
    for year in years:
        added = tuple(draw(st.lists(st.just(None), max_size=1)))
        new_parties = tuple(
            Party(organization=draw(_organization_of(allow_group=False))) for _ in added
        )
        count += len(new_parties)
        out.append(
            Amendment(
                kind=draw(st.sampled_from(list(AmendmentKind))),
                number=draw(st.none() | texts(1, 20)),
                effective=PartialDate(year=year),
                term=draw(st.none() | _term()),
                parties_added=new_parties,
                parties_withdrawn=tuple(
                    draw(st.lists(st.integers(0, count - 1), max_size=1, unique=True))
                ),
                clauses=tuple(
                    draw(
                        st.lists(
                            st.builds(ClauseChange, clause=texts(1, 20), text=st.none() | texts()),
                            max_size=2,
                        )
                    )
                ),
            )
        )
    return tuple(out)


@st.composite
def _mou(draw: st.DrawFn) -> Mou:
    scheme = draw(st.sampled_from(list(Scheme)))
    cities = [r for r in all_regions() if not r.is_province]
    if scheme is Scheme.KSDPL:
        locality = draw(_locality())
        pool = (
            cities
            if locality.level.value in ("city",)
            else [r for r in all_regions() if r.is_province]
        )
        parties = [Party(region=draw(st.sampled_from(pool))), Party(locality=locality)]
    elif scheme is Scheme.KSDD:
        parties = [
            Party(region=r)
            for r in draw(st.lists(st.sampled_from(cities), min_size=2, max_size=3, unique=True))
        ]
    elif scheme in (Scheme.KSDPK, Scheme.KSDLL):
        org = draw(
            _organization_of(allow_group=False).filter(
                lambda o: (
                    o.kind.value not in ("regional_government", "foreign_government")
                    and o.is_foreign == (scheme is Scheme.KSDLL)
                )
            )
        )
        parties = [Party(region=draw(st.sampled_from(cities))), Party(organization=org)]
    else:
        orgs = st.lists(
            _organization_of(),
            min_size=2,
            max_size=3,
            unique_by=lambda o: (o.kind, " ".join(o.name.split()).casefold()),
        )
        parties = [Party(organization=o) for o in draw(orgs)]
    signed = draw(st.booleans())
    signatures = tuple(
        draw(_signature(i)) for i in range(len(parties)) for _ in range(draw(st.integers(1, 2)))
        if signed
    )  # fmt: skip
    signatures = tuple(dict.fromkeys(signatures))
    dated = [s.date.latest().year for s in signatures if s.date is not None]
    approvals = tuple(
        draw(
            st.lists(
                st.builds(
                    Approval,
                    kind=st.sampled_from(list(ApprovalKind)),
                    letter_number=st.none() | texts(1, 20),
                    date=st.none() | partial_dates(),
                    body=st.none() | texts(),
                    party=st.none() | st.integers(0, len(parties) - 1),
                ),
                max_size=2,
            )
        )
    )
    return Mou(
        id=draw(record_ids("mou")),
        title=draw(texts()),
        kind=draw(st.sampled_from(list(DocumentKind))),
        scheme=scheme,
        ksdd_kind=draw(st.sampled_from(list(KsddKind))) if scheme is Scheme.KSDD else None,
        ksdpl_kind=draw(st.sampled_from(list(KsdplKind))) if scheme is Scheme.KSDPL else None,
        topics=tuple(draw(st.lists(texts(1, 10), max_size=3))),
        parties=tuple(parties),
        signatures=signatures,
        term=draw(st.none() | _term()),
        approvals=approvals,
        amendments=draw(_amendments(max(dated) if dated else None, len(parties))),
        links=draw(_links()),
        extensions=draw(extensions()),
    )


@register_strategy(Mou)
def _mou_strategy() -> st.SearchStrategy[Mou]:
    return _mou()


@st.composite
def _agreement(draw: st.DrawFn) -> Agreement:
    base = draw(_mou())
    shared = {f.name: getattr(base, f.name) for f in attrs.fields(Document)}
    shared["id"] = draw(record_ids("pks"))
    return Agreement(
        **shared,
        mou=draw(st.none() | record_ids("mou").map(lambda i: Ref(type="mou", id=i))),
        object=draw(st.none() | texts()),
        contents=tuple(draw(st.lists(st.sampled_from(list(PksContent)), unique=True))),
        budget=draw(st.none() | decimals_for("IDR").map(lambda a: Money(amount=a, currency="IDR"))),
        obligations=tuple(
            Obligation(party=i, obligations=(draw(texts()),)) for i in range(len(base.parties))
        ),
    )


@register_strategy(Agreement)
def _agreement_strategy() -> st.SearchStrategy[Agreement]:
    return _agreement()
