"""Fixtures of the state-store tests.

``store`` is parametrised over SQLite (a temp file) and the shared PostgreSQL at 127.0.0.1:5432/test
(``postgres`` marker). Each PostgreSQL test gets its own schema (``hm_test_<random>``, through
``HM_STATE_SCHEMA`` / search_path), dropped afterwards, so parallel workers never collide.

``pg_cluster`` is a *throwaway* PostgreSQL cluster (initdb + pg_ctl in a temp dir, SCRAM passwords)
for the token-refresh and outage tests; the shared server is never touched by those.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text

from db import make_engine, migrate
from health_monitor.settings import Settings

PG_URL = os.environ.get("HM_TEST_PG_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")


@dataclass
class Store:
    """One migrated state database; :meth:`new_engine` opens it again (an app restart)."""

    kind: str
    settings: Settings
    engine: Engine
    engines: list[Engine] = field(default_factory=list)

    def new_engine(self, **kwargs: Any) -> Engine:
        engine = make_engine(self.settings, **kwargs)
        self.engines.append(engine)
        return engine


def _pg_admin() -> Engine:
    engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as error:  # noqa: BLE001
        engine.dispose()
        pytest.skip(f"PostgreSQL at {PG_URL} is not reachable: {error}")
    return engine


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        settings = Settings(data_dir=tmp_path, database_url=None, PGHOST=None)
        admin, schema = None, None
    else:
        admin = _pg_admin()
        schema = f"hm_test_{uuid.uuid4().hex[:12]}"
        settings = Settings(data_dir=tmp_path, database_url=PG_URL, state_schema=schema)
    engine = make_engine(settings)
    migrate(engine)
    st = Store(request.param, settings, engine, [engine])
    try:
        yield st
    finally:
        for eng in st.engines:
            eng.dispose()
        if admin is not None:
            with admin.connect() as conn:
                conn.execute(text(f'drop schema if exists "{schema}" cascade'))
            admin.dispose()


# --- throwaway PostgreSQL cluster -----------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgCluster:
    """A private PostgreSQL cluster with one SCRAM-authenticated superuser ``hm``."""

    def __init__(self, root: Path, password: str) -> None:
        self.root, self.data, self.port = root, root / "data", _free_port()
        self.password = password
        self._as_postgres = os.geteuid() == 0  # initdb refuses to run as root
        if self._as_postgres:
            shutil.chown(root, "postgres")
        pwfile = root / "pw"
        pwfile.write_text(password + "\n")
        if self._as_postgres:
            shutil.chown(pwfile, "postgres")
        self._run("initdb", "-D", str(self.data), "--auth=scram-sha-256", "-U", "hm", f"--pwfile={pwfile}",
                  "-E", "UTF8", "--no-sync")

    @property
    def url(self) -> str:
        return f"postgresql+psycopg2://hm@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        kwargs: dict[str, Any] = {"user": "postgres"} if self._as_postgres else {}
        subprocess.run(args, check=True, capture_output=True, timeout=60, cwd=self.root, **kwargs)

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-w", "-t", "30", "-o",
                  f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "-t", "30", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def set_password(self, new: str) -> None:
        """Rotate the role's password (what an expiring OAuth token looks like to the engine)."""
        engine = create_engine(self.url, connect_args={"password": self.password})
        try:
            with engine.begin() as conn:
                conn.execute(text(f"alter role hm password '{new}'"))
        finally:
            engine.dispose()
        self.password = new


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgCluster]:
    """One private cluster per test session (``initdb`` takes seconds), stopped and deleted at the end."""
    if not shutil.which("initdb") or not shutil.which("pg_ctl"):
        pytest.skip("initdb/pg_ctl are not on PATH")
    root = Path(tempfile.mkdtemp(prefix="hm_pg_"))  # short path: the socket lives here
    try:
        cluster = PgCluster(root, password=f"tok-{uuid.uuid4().hex}")
        cluster.start()
        yield cluster
    finally:
        try:
            if (root / "data" / "postmaster.pid").exists():
                cluster.stop()
        finally:
            shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_cluster(pg_server: PgCluster) -> Iterator[PgCluster]:
    """The private cluster, running, with its original password; restored after the test
    (a test may stop it or rotate the password)."""
    original = pg_server.password
    yield pg_server
    if not pg_server.running():
        pg_server.start()
    if pg_server.password != original:
        pg_server.set_password(original)


class FakeTokens:
    """A token provider handing out the cluster's current password, counting calls."""

    def __init__(self, cluster: PgCluster, ttl_s: float = 3600.0, clock: Callable[[], float] = time.time) -> None:
        self.cluster, self.ttl_s, self.clock, self.calls = cluster, ttl_s, clock, 0

    def __call__(self) -> Any:
        from datetime import datetime, timezone

        from db import Token

        self.calls += 1
        return Token(self.cluster.password, datetime.fromtimestamp(self.clock() + self.ttl_s, timezone.utc))


@pytest.fixture
def fake_tokens() -> type[FakeTokens]:
    """The :class:`FakeTokens` class (test modules cannot import ``conftest`` reliably)."""
    return FakeTokens
