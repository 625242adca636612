"""Several writers at once, and writers killed halfway: a store loses nothing and is never
left half-written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

import kotakerja
from kotakerja import ConflictError, Consignee, Country, ExportShipment
from kotakerja.store import Store
from kotakerja.store import _tables as t
from kotakerja.store._derive import decode, derive

SRC = str(Path(kotakerja.__file__).resolve().parent.parent)

WRITER = textwrap.dedent(
    """
    import sys, kotakerja
    from kotakerja import Consignee, Country, ExportShipment
    url, prefix, count, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    codes = ["JP", "SG", "TH", "DE", "CN"]
    with kotakerja.open_store(url) as store:
        print("ready", flush=True)
        batch = []
        for i in range(count):
            batch.append(ExportShipment(
                id=f"{prefix}-{i}", consignee=Consignee(country=Country.get(codes[i % 5]))
            ))
            if len(batch) == size:
                store.add(*batch)
                batch = []
        if batch:
            store.add(*batch)
    """
)


def _writer(url: str, prefix: str, count: int, size: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, url, prefix, str(count), str(size)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def assert_consistent(store: Store) -> None:
    """Every stored record has exactly the derived rows its body gives, and no row is orphaned."""
    with store._engine.connect() as conn:
        seqs = set(conn.execute(sa.select(t.documents.c.seq)).scalars())
        expected: Counter[tuple[str, int]] = Counter()
        for seq, body, text in conn.execute(
            sa.select(t.documents.c.seq, t.documents.c.body, t.documents.c.body_text)
        ):
            for name, rows in derive(decode(body if text is None else text)).items():
                expected[(name, seq)] += len(rows)
        found: Counter[tuple[str, int]] = Counter()
        for table in (t.references, t.regions, t.countries, t.terms, t.follow_ups):
            for (doc,) in conn.execute(sa.select(table.c.doc)):
                assert doc in seqs, f"{table.name} row of a record that is not stored"
                found[(table.name, doc)] += 1
    assert +found == +expected


def test_two_processes_writing_a_thousand_records_each_lose_nothing(store_url: str) -> None:
    kotakerja.open_store(store_url).close()
    writers = [_writer(store_url, name, 1000, 10) for name in ("a", "b")]
    for w in writers:
        _, err = w.communicate(timeout=300)
        assert w.returncode == 0, err
    with kotakerja.open_store(store_url) as store:
        assert len(store) == 2000
        ids = {r.id for r in store}
        assert ids == {f"{p}-{i}" for p in "ab" for i in range(1000)}
        assert len(store.by_country("JP")) == 400
        assert_consistent(store)


def test_of_two_puts_based_on_one_revision_exactly_one_wins(store_url: str) -> None:
    shipment = ExportShipment(id="s1", consignee=Consignee(country=Country.get("JP")))
    with kotakerja.open_store(store_url) as setup:
        setup.add(shipment)
    stores = [kotakerja.open_store(store_url) for _ in range(2)]
    try:
        for round_ in range(5):
            base = stores[0].revision("s1")
            barrier = threading.Barrier(2)
            outcomes: list[str] = []

            def put(
                store: Store,
                code: str,
                base: int = base,
                barrier: threading.Barrier = barrier,
                outcomes: list[str] = outcomes,
            ) -> None:
                changed = ExportShipment(id="s1", consignee=Consignee(country=Country.get(code)))
                barrier.wait()
                try:
                    store.put(changed, revision=base)
                    outcomes.append(code)
                except ConflictError:
                    outcomes.append("conflict")

            threads = [
                threading.Thread(target=put, args=(s, c))
                for s, c in zip(stores, ("SG", "TH"), strict=True)
            ]
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            assert outcomes.count("conflict") == 1, (round_, outcomes)
            winner = next(o for o in outcomes if o != "conflict")
            assert stores[1].revision("s1") == base + 1
            assert stores[1].by_country(winner) == (stores[1].get("s1"),)
    finally:
        for s in stores:
            s.close()


def _kill_when_some_are_written(store_url: str, proc: subprocess.Popen[str]) -> None:
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + 120
    with kotakerja.open_store(store_url) as store:
        while len(store) < 50 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()


def test_a_writer_killed_mid_stream_leaves_whole_records_only(store_url: str) -> None:
    kotakerja.open_store(store_url).close()
    proc = _writer(store_url, "k", 100_000, 1)
    _kill_when_some_are_written(store_url, proc)
    assert proc.returncode == -signal.SIGKILL
    with kotakerja.open_store(store_url) as store:
        count = len(store)
        assert 50 <= count < 100_000
        assert {r.id for r in store} == {f"k-{i}" for i in range(count)}
        assert_consistent(store)


def test_an_import_killed_halfway_leaves_nothing(store_url: str, tmp_path: Path) -> None:
    source = tmp_path / "many.jsonl"
    # Far more than an import gets through in the 3 s below: the lines differ only by id.
    line = kotakerja.to_json(
        ExportShipment(id="m-0", consignee=Consignee(country=Country.get("JP")))
    )
    with source.open("w", encoding="utf-8") as f:
        for i in range(200_000):
            f.write(line.replace('"m-0"', f'"m-{i}"') + "\n")
    with kotakerja.open_store(store_url) as store:
        store.add(ExportShipment(id="before", consignee=Consignee(country=Country.get("SG"))))
    env = {**os.environ, "PYTHONPATH": SRC}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kotakerja.cli", "db", "import", str(source), "--db", store_url],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    if proc.returncode == 0:
        pytest.skip("the import finished before it could be killed")
    with kotakerja.open_store(store_url) as store:
        assert [r.id for r in store] == ["before"]
        assert_consistent(store)
