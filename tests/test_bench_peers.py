"""The benchmark's peer models: built from one declaration per shape, held to kotakerja by
the self-check, and described in docs/performance.md as the code builds them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

import kotakerja

pytest.importorskip("pydantic")
pytest.importorskip("msgspec")

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module")
def run() -> ModuleType:
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("kotakerja_bench_run", BENCH / "run.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCH))
    return module


def test_the_peer_models_accept_write_and_reject_what_kotakerja_does(run: ModuleType) -> None:
    for shape in run.SHAPES:
        texts = [kotakerja.to_json(o).encode() for o in shape.make(3)]
        run.self_check(shape, texts)


def test_every_rule_of_a_shape_is_declared_and_described(run: ModuleType) -> None:
    for shape in run.SHAPES:
        assert set(shape.peers.declarative_rules) <= set(shape.peers.rules)
        assert {"keys", "types", "values", "zone"} & set(shape.peers.rules)
        for broken_rule, _, _ in shape.broken:
            assert broken_rule in run.RULES


def test_the_self_check_notices_a_model_that_accepts_a_broken_document(
    run: ModuleType,
) -> None:
    import dataclasses

    shape = run.SHAPES[0]
    texts = [kotakerja.to_json(o).encode() for o in shape.make(2)]
    harmless = dataclasses.replace(shape, broken=(("keys", "a new title", run.edit("title", "T")),))
    with pytest.raises(AssertionError, match="accepts a document with a new title"):
        run.self_check(harmless, texts)
    unknown = dataclasses.replace(shape, broken=(("zone", "no title", run.edit("title", "")),))
    with pytest.raises(AssertionError, match="not a rule of the models"):
        run.self_check(unknown, texts)


def test_the_performance_page_shows_the_rules_the_code_checks(run: ModuleType) -> None:
    page = (BENCH.parent / "docs" / "performance.md").read_text(encoding="utf-8")
    assert run.rules_table().strip() in page, "run `python bench/run.py --rules` into the page"
