"""Time zone names: canonical IANA names only, with a hint for near misses."""

from __future__ import annotations

import pendulum
import pytest

from kotakerja import (
    ForeignLocality,
    ShipmentStatus,
    StatusEvent,
    ValidationError,
    from_json,
    parse_press_time,
    to_json,
)
from kotakerja.values import canonical_zones, check_zone_name, zone_problem

HOST_NAMES = ["localtime", "posixrules", "Factory", "posix/Asia/Jakarta", "right/UTC"]


@pytest.mark.parametrize("name", HOST_NAMES)
def test_host_dependent_names_are_refused(name: str) -> None:
    assert name not in canonical_zones()
    with pytest.raises(ValidationError) as exc:
        check_zone_name(name, "time_zone")
    assert [(e.path, e.code) for e in exc.value.errors] == [
        ("time_zone", "kotakerja.time_zone.unknown")
    ]


def test_canonical_names_are_accepted() -> None:
    for name in ("Asia/Jakarta", "Asia/Jayapura", "UTC", "Europe/Berlin", "America/New_York"):
        assert check_zone_name(name) == name


@pytest.mark.parametrize(
    ("given", "meant"),
    [
        ("Asia/Jakarat", "Asia/Jakarta"),
        ("asia/jakarta", "Asia/Jakarta"),
        ("posix/Asia/Makassar", "Asia/Makassar"),
    ],
)
def test_a_near_miss_gets_a_hint(given: str, meant: str) -> None:
    assert zone_problem(given) == (f"{given!r} is not an IANA time zone; did you mean {meant!r}?")


def test_foreign_locality_refuses_a_host_name_with_a_hint() -> None:
    with pytest.raises(ValidationError) as exc:
        ForeignLocality.city("Shanghai", "CN", "posix/Asia/Shanghai")
    (err,) = exc.value.errors
    assert (err.path, err.code) == ("time_zone", "kotakerja.time_zone.unknown")
    assert "did you mean 'Asia/Shanghai'?" in err.message


def test_press_time_refuses_a_host_name() -> None:
    with pytest.raises(ValidationError) as exc:
        parse_press_time("Senin, 13 Desember 2021, pukul 10.00 WIB", "localtime")
    assert exc.value.codes == ("kotakerja.time_zone.unknown",)


def test_an_aware_time_in_a_host_zone_is_refused_at_construction() -> None:
    start = pendulum.datetime(2021, 12, 13, 10, tz="posix/Asia/Jakarta")
    with pytest.raises(ValidationError) as exc:
        StatusEvent(status=ShipmentStatus.RELEASED, time=start)
    assert [(e.path, e.code) for e in exc.value.errors] == [("time", "kotakerja.time_zone.unknown")]


def test_a_document_with_a_host_zone_is_refused_when_read() -> None:
    event = StatusEvent(
        status=ShipmentStatus.RELEASED, time=pendulum.datetime(2021, 12, 13, 10, tz="Asia/Jakarta")
    )
    text = to_json(event).replace("[Asia/Jakarta]", "[posix/Asia/Jakarta]")
    assert "[posix/Asia/Jakarta]" in text
    with pytest.raises(ValidationError) as exc:
        from_json(StatusEvent, text)
    assert "kotakerja.time_zone.unknown" in exc.value.codes
