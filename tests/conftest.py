"""Shared fixtures and the hypothesis profiles of the test suite."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

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
