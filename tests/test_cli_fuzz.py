"""No input makes a command crash: garbage gives exit 1 or 2 and a message, never a
traceback; a large bad file is checked in bounded memory."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

import kotakerja
from kotakerja.cli import main

EXAMPLES = kotakerja.examples()
GOOD = [kotakerja.to_json(r) for r in EXAMPLES]
GOOD_DICTS = [kotakerja.to_dict(r) for r in EXAMPLES]
CSV_HEADER = "type,schema_version,id,title,scheme,parties,signatures\n"
INPUTS_PER_COMMAND = 500


def _truncated(rng: random.Random) -> bytes:
    text = rng.choice(GOOD).encode()
    return text[: rng.randrange(len(text))]


def _wrong_types(rng: random.Random) -> bytes:
    data = json.loads(json.dumps(rng.choice(GOOD_DICTS)))
    key = rng.choice(list(data))
    data[key] = rng.choice([None, 0, -1, 1.5, True, [], {}, "", "x" * 300, [None], {"a": 1}])
    return json.dumps(data).encode()


def _huge_number(rng: random.Random) -> bytes:
    data = json.loads(json.dumps(rng.choice(GOOD_DICTS)))
    key = rng.choice(list(data))
    number = rng.choice(["9" * 5000, "1e999999", "-1e-999999", "1" + "0" * 400 + ".5", "-0"])
    text = json.dumps({**data, key: 0}).replace(f'"{key}": 0', f'"{key}": {number}')
    return text.encode()


def _deep(rng: random.Random) -> bytes:
    depth = rng.choice([50, 500, 5000, 50_000])
    opener = rng.choice(["[", '{"a":'])
    closer = "]" if opener == "[" else "}"
    body = opener * depth + "1" + closer * rng.choice([0, depth])
    return ('{"type":"mou","id":"x","parties":' + body + "}").encode()


def _surrogates(rng: random.Random) -> bytes:
    data = json.loads(json.dumps(rng.choice(GOOD_DICTS)))
    key = rng.choice(["\ud800", "\udfff", "a\udc80b", "\ud83d"])
    if rng.random() < 0.5:
        data[key] = 1
    else:
        data[rng.choice(list(data))] = key
    return json.dumps(data).encode()  # ASCII with \\udxxx escapes, as JSON allows


def _binary(rng: random.Random) -> bytes:
    return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))


def _bom(rng: random.Random) -> bytes:
    bom = rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf\xef\xbb\xbf"])
    body = rng.choice(GOOD).encode()
    return bom + (body.decode().encode("utf-16-le") if bom == b"\xff\xfe" else body)


def _csv_junk(rng: random.Random) -> bytes:
    cells = ['"', '""', ",", "\n", "\r", "mou", "1.0", "x", '{"a":', "[1,", "\x00", "é", ";"]
    rows = [CSV_HEADER.rstrip("\n") if rng.random() < 0.7 else "type"]
    for _ in range(rng.randrange(1, 6)):
        rows.append(",".join("".join(rng.choices(cells, k=rng.randrange(1, 4))) for _ in range(7)))
    return "\n".join(rows).encode("utf-8", "surrogatepass")


def _lines(rng: random.Random) -> bytes:
    parts = [rng.choice(GOOD) for _ in range(rng.randrange(1, 4))]
    parts.insert(rng.randrange(len(parts) + 1), rng.choice(["{", "[]", "null", "1", '"x"', "{}"]))
    return "\n".join(parts).encode()


def _duplicate(rng: random.Random) -> bytes:
    line = rng.choice(GOOD)
    return f"{line}\n{line}\n".encode()


MAKERS: list[Callable[[random.Random], bytes]] = [
    _truncated,
    _wrong_types,
    _huge_number,
    _deep,
    _surrogates,
    _binary,
    _bom,
    _csv_junk,
    _lines,
    _duplicate,
]


@pytest.mark.parametrize("command", ["validate", "report", "ics", "convert"])
def test_garbage_never_gives_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    rng = random.Random(f"kotakerja-{command}")
    codes = set()
    for i in range(INPUTS_PER_COMMAND):
        data = MAKERS[i % len(MAKERS)](rng)
        ext = rng.choice([".json", ".jsonl", ".csv", "-"])
        if ext == "-":
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
            source = "-"
        else:
            path = tmp_path / f"in{i}{ext}"
            path.write_bytes(data)
            source = str(path)
        argv = [command, source]
        if command == "convert":
            argv.append(str(tmp_path / f"out{i}{rng.choice(['.json', '.jsonl', '.csv'])}"))
            argv += ["--type", "mou"]
        for name in ("stdout", "stderr"):  # strict, as a real terminal's stream is
            monkeypatch.setattr(sys, name, io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))
        try:
            code = main(argv)
        except SystemExit as e:  # argparse only: the arguments here are all valid
            pytest.fail(f"{argv} exited through SystemExit({e.code})")
        assert code in (0, 1, 2), (argv, data[:200])
        codes.add(code)
    assert {1, 2} <= codes


_RSS_SCRIPT = textwrap.dedent(
    """
    import resource, sys
    from kotakerja.cli import main
    code = main(sys.argv[1:])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("peak-kib", peak if sys.platform != "darwin" else peak // 1024, file=sys.stderr)
    sys.exit(code)
    """
)


def _peak_mib(argv: list[str]) -> tuple[int, float]:
    run = subprocess.run(
        [sys.executable, "-c", _RSS_SCRIPT, *argv],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    line = next(x for x in run.stderr.splitlines() if x.startswith("peak-kib "))
    return run.returncode, int(line.split()[1]) / 1024


@pytest.mark.skipif(sys.platform == "win32", reason="resource is POSIX only")
def test_a_large_bad_jsonl_file_is_checked_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    bad = '{"type": "mou", "id": "x", "title": "' + "y" * 900 + '"}\n'
    with path.open("w", encoding="utf-8") as f:
        for _ in range(40):
            f.write(bad * 1000)  # 40 MB
    code, peak = _peak_mib(["validate", "-q", "--max-size", "100M", str(path)])
    assert code == 1
    assert peak < 100


@pytest.mark.skipif(sys.platform == "win32", reason="resource is POSIX only")
@pytest.mark.parametrize("command", ["validate", "convert"])
def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path, command: str) -> None:
    path = tmp_path / "zeros.json"
    with path.open("wb") as f:
        f.truncate(2 * 1024**3)  # sparse: 2 GB of zero bytes that take no disk space
    argv = [command, str(path)] + ([str(tmp_path / "out.jsonl")] if command == "convert" else [])
    code, peak = _peak_mib(argv)
    assert code == 2
    assert peak < 100


def _garbage_word(rng: random.Random) -> str:
    alphabet = [
        "a",
        "Kota ",
        "33.",
        "7",
        "\ud800",
        "\udfff",
        "\x00",
        "\x1b",
        "é",
        "ß",
        " ",
        "-",
        "*",
    ]
    return "".join(rng.choices(alphabet, k=rng.randrange(1, 12)))


@pytest.mark.parametrize("command", [["regions", "search"], ["schema"]])
def test_garbage_arguments_never_give_a_traceback(
    monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    rng = random.Random(f"kotakerja-{command[0]}")
    for _ in range(INPUTS_PER_COMMAND):
        words = [_garbage_word(rng) for _ in range(1 if command == ["schema"] else 3)]
        words = [w for w in words if not w.startswith("-")] or ["x"]
        for name in ("stdout", "stderr"):  # strict, as a real terminal's stream is
            monkeypatch.setattr(sys, name, io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))
        assert main([*command, *words]) in (0, 1, 2)
