"""Hostile and malformed input: only ValidationError, never a crash, never a silent change."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kotakerja
from kotakerja import Mou, Record, ValidationError, from_dict, from_json, migrate, to_json
from kotakerja.register import Register
from kotakerja.serialization._json import DEFAULT_MAX_SIZE
from kotakerja.testing import from_type

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = json.loads(to_json(next(iter(kotakerja.examples()))))


def _doc(**over: Any) -> str:
    return json.dumps({**GOOD, **over})


HOSTILE: list[tuple[str, str | bytes]] = [
    ("invalid utf-8", b'{"type": "mou", "title": "\xff"}'),
    ("lone surrogate", _doc(title="\\ud800").replace("\\\\ud800", "\\ud800")),
    ("bom", b"\xef\xbb\xbf" + _doc().encode()),
    ("duplicate key", _doc()[:-1] + ', "title": "again"}'),
    ("nan", _doc()[:-1] + ', "x": NaN}'),
    ("infinity", _doc()[:-1] + ', "x": -Infinity}'),
    ("number for string", _doc(title=12345)),
    ("string for number", _doc(signatures=[{"party": "0"}])),
    ("huge exponent", _doc(title=1e308).replace("1e+308", "1e999999")),
    ("10k-digit number", _doc()[:-1] + ', "x": ' + "9" * 10_000 + "}"),
    ("10k-digit decimal string", _doc(term={"years": "9" * 10_000})),
    ("deep nesting", "[" * 10_000 + "]" * 10_000),
    (
        "deep nesting in a field",
        _doc()[:-1] + ', "extensions": {"a:b": ' + "[" * 10_000 + "]" * 10_000 + "}}",
    ),
    ("wrong type", _doc(type="meeting")),
    ("newer schema", _doc(schema_version="9.0")),
    ("empty object", "{}"),
    ("array root", "[]"),
    ("nulls everywhere", json.dumps(dict.fromkeys(GOOD))),
    ("impossible date", _doc(signatures=[{"party": 0, "date": "2021-02-30"}])),
    ("indonesian date", _doc(signatures=[{"party": 0, "date": "31 Februari 2021"}])),
    ("unknown region", _doc(parties=[{"region": "99.99"}, {"region": "33.72"}])),
    ("time without zone", _doc(sources=[{"title": "t", "retrieved_at": "2021-12-13T10:00:00"}])),
    ("empty text", ""),
    ("truncated", _doc()[:40]),
]


@pytest.mark.parametrize(("label", "text"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_input_gives_only_validation_errors(label: str, text: str | bytes) -> None:
    with pytest.raises(ValidationError) as exc:
        from_json(Mou, text)
    for err in exc.value.errors:
        assert err.code.startswith("kotakerja.")
        assert isinstance(err.path, str)


def test_size_limit_is_clear_and_configurable() -> None:
    big = _doc(subject="x" * (DEFAULT_MAX_SIZE + 1))
    with pytest.raises(ValidationError) as exc:
        from_json(Mou, big)
    assert exc.value.errors[0].code == "kotakerja.json.too_large"
    assert "max_size" in exc.value.errors[0].message
    # Without the size limit the document is read; its subject is then too long.
    with pytest.raises(ValidationError) as exc:
        from_json(Mou, big, max_size=None)
    assert [(e.path, e.code) for e in exc.value.errors] == [("subject", "kotakerja.text.too_long")]


def test_nulls_everywhere_name_every_field() -> None:
    with pytest.raises(ValidationError) as exc:
        from_dict(Mou, dict.fromkeys(GOOD))
    paths = {e.path for e in exc.value.errors}
    assert {"type", "schema_version", "id", "title", "scheme", "parties"} <= paths


def test_released_fixtures_still_load_and_round_trip() -> None:
    reg = Register.load_jsonl(FIXTURES / "records-1.0.jsonl")
    assert len(reg) == 3
    for line, record in zip(
        (FIXTURES / "records-1.0.jsonl").read_text().splitlines(), reg, strict=True
    ):
        # re-saved under the current schema version, identical otherwise
        assert json.loads(to_json(record)) == {**json.loads(line), "schema_version": "1.1"}
        assert migrate(json.loads(line)) == {**json.loads(line), "schema_version": "1.1"}


@attrs.frozen(kw_only=True)
class Versioned(Record):
    """A record type at schema version 2, for the migration tests."""

    TYPE: ClassVar[str] = "test_versioned"
    SCHEMA_VERSION: ClassVar[str] = "2.0"

    name: str


@kotakerja.register_migration("test_versioned", 1, "2.0")
def _rename(doc: dict[str, Any]) -> dict[str, Any]:
    doc["name"] = doc.pop("nama")
    return doc


def test_older_documents_are_migrated_and_newer_rejected() -> None:
    old = {"type": "test_versioned", "schema_version": "1.3", "id": "v", "nama": "Solo"}
    with pytest.raises(ValidationError) as exc:
        from_dict(Versioned, old)
    assert "kotakerja.record.older_version" in exc.value.codes
    upgraded = migrate(old)
    assert old["nama"] == "Solo"
    assert from_dict(Versioned, upgraded) == Versioned(id="v", name="Solo")
    with pytest.raises(ValidationError) as exc:
        migrate({**old, "schema_version": "3.0"})
    assert exc.value.codes == ("kotakerja.record.newer_version",)


def test_converter_is_safe_from_many_threads() -> None:
    records = list(kotakerja.examples())
    texts = [to_json(r) for r in records]
    failures: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(50):
                for r, t in zip(records, texts, strict=True):
                    assert to_json(r) == t
                    assert from_json(type(r), t) == r
        except BaseException as e:
            failures.append(e)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


WRITER = """
import sys, kotakerja
from kotakerja import Mou
from kotakerja.register import Register
base = list(kotakerja.examples())
big = [Mou(id=f"mou-{i}", title="x" * 900, scheme=base[1].scheme, parties=base[1].parties)
       for i in range(20000)]
print("ready", flush=True)
Register(big).save_jsonl(sys.argv[1])
"""


def test_killed_writer_leaves_old_file_intact(tmp_path: Path) -> None:
    path = tmp_path / "reg.jsonl"
    kotakerja.examples().save_jsonl(path)
    before = path.read_bytes()
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    seen = False
    for _ in range(1000):
        if any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):
            seen = True
            break
        threading.Event().wait(0.01)
    proc.kill()
    proc.wait()
    proc.stdout.close()
    assert seen, "the writer never started its temporary file"
    assert path.read_bytes() == before
    assert len(Register.load_jsonl(path)) == len(kotakerja.examples())


def _slots(doc: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path] if path else []
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _slots(v, (*path, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += _slots(v, (*path, i))
    return out


_JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False),
    st.text(max_size=5),
    st.builds(list),
    st.builds(dict),
    st.builds(lambda: {"kind": "x"}),
)


@st.composite
def _mutated(draw: st.DrawFn) -> tuple[dict[str, Any], type[Record]]:
    cls = draw(st.sampled_from(_PUBLIC_TYPES))
    doc = kotakerja.to_dict(draw(from_type(cls)))
    slot = draw(st.sampled_from(_slots(doc)))
    *parent_path, last = slot
    parent: Any = doc
    for k in parent_path:
        parent = parent[k]
    op = draw(st.sampled_from(["drop", "duplicate", "retype", "corrupt"]))
    if op == "drop":
        del parent[last]
    elif op == "duplicate" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    elif op == "corrupt" and isinstance(parent[last], str):
        parent[last] = draw(st.sampled_from(["", " ", parent[last][:-1], parent[last] + "\u0000x"]))
    else:
        parent[last] = draw(_JUNK)
    return doc, cls


_PUBLIC_TYPES = [
    cls for name, cls in sorted(kotakerja.record_types().items()) if not name.startswith("test_")
]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(_mutated())
def test_mutated_documents_fail_cleanly_or_round_trip(
    case: tuple[dict[str, Any], type[Record]],
) -> None:
    doc, cls = case
    allowed_roots = {a.name for a in attrs.fields(cls)} | {"type", "schema_version"}
    try:
        record = from_dict(cls, doc)
    except ValidationError as e:
        for err in e.errors:
            root = err.path.split(".")[0].split("[")[0]
            assert root == "" or root in allowed_roots, err
        return
    assert from_json(cls, to_json(record)) == record
    assert to_json(from_json(cls, to_json(record))) == to_json(record)


def test_every_public_record_type_is_fuzzed() -> None:
    assert {c.TYPE for c in _PUBLIC_TYPES} >= {"mou", "agreement"}


AGREEMENT_DOC = json.loads(
    to_json(
        kotakerja.Agreement(
            id="pks-1",
            title="PKS",
            scheme=kotakerja.Scheme.KSDD,
            parties=(
                kotakerja.Party(region=kotakerja.Region.get("33.72")),
                kotakerja.Party(region=kotakerja.Region.get("35.71")),
            ),
            budget=kotakerja.Money.of("1000000.00", "IDR"),
        )
    )
)


@pytest.mark.parametrize(("label", "text"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_input_for_any_record_type(label: str, text: str | bytes) -> None:
    with pytest.raises(ValidationError):
        from_json(Record, text)


@pytest.mark.parametrize(
    "over",
    [
        {"budget": {"amount": "1." + "0" * 200, "currency": "IDR"}},
        {"budget": {"amount": 1.5e300, "currency": "IDR"}},
        {"mou": {"type": "mou", "id": "x" * 1_000_000}},
        {"id": "a" + "-" * 1_000_000 + "!"},
        {"parties": [{"region": "3" * 1_000_000}] * 2},
        {"title": None, "parties": None, "scheme": None, "budget": None},
    ],
)
def test_hostile_agreement_fields(over: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as exc:
        from_json(kotakerja.Agreement, json.dumps({**AGREEMENT_DOC, **over}))
    roots = {e.path.split(".")[0].split("[")[0] for e in exc.value.errors}
    assert roots <= set(over)


# A JSON or JSON Lines file may start with a BOM (only text given to from_json may
# not); a JSON Lines file may be empty; a JSON file may be an empty array of
# records: those are valid files, not hostile ones.
_VALID_AS_FILES = {
    ("bom", "doc.json"),
    ("bom", "doc.jsonl"),
    ("empty text", "doc.jsonl"),
    ("array root", "doc.json"),
}


@pytest.mark.parametrize(("label", "text"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_validate_command_answers_hostile_files_without_traceback(
    label: str, text: str | bytes, tmp_path: Path
) -> None:
    data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    for name in ("doc.json", "doc.jsonl"):
        path = tmp_path / name
        path.write_bytes(data)
        proc = subprocess.run(
            [sys.executable, "-m", "kotakerja.cli", "validate", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        expected = {0, 1, 2} if (label, name) in _VALID_AS_FILES else {1, 2}
        assert proc.returncode in expected, proc.stderr
        assert "Traceback" not in proc.stderr
