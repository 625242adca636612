"""Strategies for MoUs: valid documents of every scheme."""

from __future__ import annotations

import attrs
from hypothesis import strategies as st

from ..records._agreements import (
    Agreement,
    Document,
    DocumentKind,
    KsddKind,
    KsdplKind,
    Mou,
    Obligation,
    Party,
    PksContent,
    Scheme,
    Signature,
    SigningMethod,
    Term,
)
from ..records._base import Ref
from ..values._money import Money
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
        Signature(
            party=i,
            signatory=draw(st.none() | _person()),
            position=draw(st.none() | _position()),
            date=draw(st.none() | partial_dates()),
            method=draw(st.sampled_from(list(SigningMethod))),
        )
        for i in range(len(parties))
        if signed
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
        term=draw(st.none() | st.builds(Term, years=st.integers(0, 30))),
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
