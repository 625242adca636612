"""Coverage-guided fuzzing of from_json with atheris.

Run (after ``pip install atheris``):

    python fuzz/fuzz_from_json.py -max_total_time=60 fuzz/corpus

Any exception other than ValidationError is a finding; so is a record that
does not round-trip exactly.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import kotakerja
    from kotakerja import Record, ValidationError, from_json, to_json


def test_one_input(data: bytes) -> None:
    try:
        record = from_json(Record, data)
    except ValidationError:
        return
    again = from_json(type(record), to_json(record))
    if again != record or to_json(again) != to_json(record):
        raise AssertionError(f"round trip changed {record!r}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    _ = kotakerja
    main()
