"""Shared fixtures and helpers, and the hypothesis profiles of the test suite.

Test modules import the plain helpers (``from conftest import paths_and_codes``)
and ask for the fixtures by name.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

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


# PostgreSQL -------------------------------------------------------------------------------
# One throwaway server per test process (each pytest-xdist worker starts its own), in a
# temporary folder, on a free port; stopped when the session ends.


_databases = itertools.count()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def postgresql_server() -> Iterator[str]:
    """The URL of a running PostgreSQL server's maintenance database (``postgres``)."""
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl is None:
        pytest.skip("PostgreSQL server binaries (pg_ctl, initdb) are not on the PATH")
    pytest.importorskip("psycopg", reason="psycopg 3 is needed: pip install kotakerja[postgresql]")
    bindir = Path(os.path.realpath(pg_ctl)).parent
    base = Path(tempfile.mkdtemp(prefix="kotakerja-pg-"))
    runner: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        import pwd

        user = pwd.getpwnam("postgres")
        os.chown(base, user.pw_uid, user.pw_gid)
        runner = ["runuser", "-u", "postgres", "--"]
    data, port = base / "data", _free_port()
    subprocess.run(
        [*runner, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "kotakerja"],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        [
            *runner,
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(base / "log"),
            "-w",
            "start",
            "-o",
            options,
        ],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://kotakerja@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*runner, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
            check=False,
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgresql_url(postgresql_server: str) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped after the test."""
    import sqlalchemy as sa

    name = f"test_{os.getpid()}_{next(_databases)}"
    admin = sa.create_engine(postgresql_server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        yield postgresql_server.rsplit("/", 1)[0] + "/" + name
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """The URL of a new SQLite database file."""
    return f"sqlite:///{tmp_path / 'kerjasama.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest) -> str:
    """A new, empty database of each kind the store supports."""
    return str(request.getfixturevalue(f"{request.param}_url"))


def paths_and_codes(
    error: ValidationError | pytest.ExceptionInfo[ValidationError],
) -> list[tuple[str, str]]:
    """``[(path, code), ...]`` of a validation error, in order: what tests assert on."""
    found = error.value if isinstance(error, pytest.ExceptionInfo) else error
    return [(e.path, e.code) for e in found.errors]


def lapsed_mou_and_pks() -> tuple[kotakerja.Mou, kotakerja.Agreement]:
    """A KB between Surakarta and Karanganyar signed in 2019 for three years, and a PKS
    under it signed in 2023, after it expired: each valid alone, a finding together."""

    def signed(day: str) -> tuple[kotakerja.Signature, ...]:
        date = kotakerja.PartialDate.parse_iso(day)
        return tuple(kotakerja.Signature(party=i, date=date) for i in (0, 1))

    parties = (
        kotakerja.Party(region=kotakerja.Region.get("33.72")),
        kotakerja.Party(region=kotakerja.Region.get("33.13")),
    )
    kb = kotakerja.Mou(
        id="kb-2019",
        title="Kesepakatan bersama pengembangan pariwisata",
        scheme=kotakerja.Scheme.KSDD,
        parties=parties,
        signatures=signed("2019-03-11"),
        term=kotakerja.Term(years=3),
    )
    pks = kotakerja.Agreement(
        id="pks-2023",
        title="PKS promosi wisata bersama",
        scheme=kotakerja.Scheme.KSDD,
        parties=parties,
        signatures=signed("2023-01-09"),
        term=kotakerja.Term(years=1),
        contents=tuple(kotakerja.PksContent),
        mou=kb.ref,
    )
    return kb, pks


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
