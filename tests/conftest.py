"""Shared fixtures and helpers, and the hypothesis profiles of the test suite.

Test modules import the plain helpers (``from conftest import paths_and_codes``)
and ask for the fixtures by name.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

import kotakerja
from kotakerja import ValidationError

# "ci": fewer examples, no deadline, no example database, so a clean-clone run is
# quick and does not depend on what an earlier run found. "dev" is hypothesis's default.
settings.register_profile(
    "ci",
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def paths_and_codes(
    error: ValidationError | pytest.ExceptionInfo[ValidationError],
) -> list[tuple[str, str]]:
    """``[(path, code), ...]`` of a validation error, in order: what tests assert on."""
    found = error.value if isinstance(error, pytest.ExceptionInfo) else error
    return [(e.path, e.code) for e in found.errors]


@pytest.fixture(scope="session")
def examples() -> kotakerja.Register:
    """The bundled register of seed cases (immutable, so shared by every test)."""
    return kotakerja.examples()


@pytest.fixture
def example_mou(examples: kotakerja.Register) -> kotakerja.Mou:
    """The Jakarta–Shanghai MoU of the bundled examples: a complete, valid record."""
    mou = examples.get("mou-jakarta-shanghai-2020")
    assert isinstance(mou, kotakerja.Mou)
    return mou
