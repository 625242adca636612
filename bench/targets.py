"""Time targets of operations that must stay linear, checked on this machine.

    python bench/targets.py            # prints each measurement; exits 1 if one misses

The tests hold the same operations to loose bounds (a busy machine must not fail
them); the targets here are the ones the project means to keep:

- iCalendar export of 1,000 meetings in 30 time zones spread over a century:
  under 1 s, with under 1 MB of ``VTIMEZONE`` data;
- a meeting with 100,000 references (signed, referenced, released): built and
  checked for duplicates in under 1 s.
"""

from __future__ import annotations

import sys
import time
import zoneinfo

import pendulum

import kotakerja
from kotakerja import Meeting, MeetingKind, Ref


def _zones(n: int) -> list[str]:
    """`n` zones, most of them with daylight saving (the ones with many transitions)."""
    import datetime as dt

    def shifts(name: str) -> bool:
        zone = zoneinfo.ZoneInfo(name)
        jan, jul = dt.datetime(2023, 1, 15, tzinfo=zone), dt.datetime(2023, 7, 15, tzinfo=zone)
        return jan.utcoffset() != jul.utcoffset()

    names = sorted(z for z in zoneinfo.available_timezones() if "/" in z and "Etc" not in z)
    with_dst = [z for z in names if shifts(z)]
    step = max(len(with_dst) // (n - 3), 1)
    return ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", *with_dst[::step]][:n]


def meetings_in_zones(count: int = 1000, zones: int = 30) -> list[Meeting]:
    """`count` timed meetings spread over `zones` zones and the years 1950 to 2049."""
    names = _zones(zones)
    out = []
    for i in range(count):
        start = pendulum.datetime(
            1950 + (i * 37) % 100, 1 + i % 12, 1 + i % 28, 9, tz=names[i % zones]
        )
        out.append(
            Meeting(
                id=f"meeting-{i}",
                title=f"Rapat {i}",
                kind=MeetingKind.COURTESY_CALL,
                start=start,
                end=start.add(hours=2),
            )
        )
    return out


def meeting_with_references(count: int = 100_000) -> Meeting:
    """A meeting that lists `count` distinct agreements as referenced."""
    refs = tuple(Ref(type="mou", id=f"mou-{i}") for i in range(count))
    return Meeting(id="m", title="Rapat", kind=MeetingKind.COURTESY_CALL, referenced=refs)


def _measure(name: str, target: float, run: object) -> bool:
    assert callable(run)
    started = time.perf_counter()
    detail = run()
    took = time.perf_counter() - started
    ok = took < target
    print(f"{name:<40} {took:7.3f} s (target {target} s) {detail or ''} {'ok' if ok else 'MISSED'}")
    return ok


def main() -> int:
    meetings = meetings_in_zones()

    def export() -> str:
        data = kotakerja.to_ical(meetings)
        start = data.index(b"BEGIN:VTIMEZONE")
        end = data.rindex(b"END:VTIMEZONE")
        size = end - start
        return f"{size / 1e6:.3f} MB of VTIMEZONE" + ("" if size < 1e6 else " (over 1 MB)")

    refs = tuple(Ref(type="mou", id=f"mou-{i}") for i in range(100_000))

    def references() -> None:
        Meeting(id="m", title="Rapat", kind=MeetingKind.COURTESY_CALL, referenced=refs)

    results = [
        _measure("to_ical: 1,000 meetings in 30 zones", 1.0, export),
        _measure("meeting with 100,000 references", 1.0, references),
    ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
