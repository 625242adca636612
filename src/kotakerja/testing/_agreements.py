"""Strategies for MoUs: valid documents of every scheme."""

from __future__ import annotations

from hypothesis import strategies as st

from ..records._agreements import (
    DocumentKind,
    KsddKind,
    KsdplKind,
    Mou,
    Party,
    Scheme,
    Signature,
    SigningMethod,
    Term,
)
from ..values._places import all_regions
from ._core import (
    _locality,
    _organization_of,
    _person,
    _position,
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
            Party(region=r) for r in draw(st.lists(st.sampled_from(cities), min_size=2, max_size=3))
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
        parties = [
            Party(organization=draw(_organization_of())) for _ in range(draw(st.integers(2, 3)))
        ]
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
