"""Fixtures of the state-store tests.

``store`` is parametrised over SQLite (a temp file) and the shared PostgreSQL at 127.0.0.1:5432/test
(``postgres`` marker). Each PostgreSQL test gets its own schema (``hm_test_<random>``, through
``HM_STATE_SCHEMA`` / search_path), dropped afterwards, so parallel workers never collide.

``pg_cluster`` is a *throwaway* PostgreSQL cluster (initdb + pg_ctl in a temp dir, SCRAM passwords)
for the token-refresh and outage tests; the shared server is never touched by those.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from health_monitor.db import make_engine, migrate
from pg_support import PG_URL, PgCluster, private_schema, throwaway_cluster
from sqlalchemy import Engine

from health_monitor.core.settings import Settings


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


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with contextlib.ExitStack() as stack:
        if request.param == "sqlite":
            settings = Settings(data_dir=tmp_path, database_url=None, PGHOST=None)
        else:
            schema = stack.enter_context(private_schema("hm_test"))
            settings = Settings(data_dir=tmp_path, database_url=PG_URL, state_schema=schema)
        engine = make_engine(settings)
        migrate(engine)
        st = Store(request.param, settings, engine, [engine])
        try:
            yield st
        finally:
            for eng in st.engines:
                eng.dispose()


# --- throwaway PostgreSQL cluster -----------------------------------------------------------------

@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgCluster]:
    """One private cluster per test session (``initdb`` takes seconds), stopped and deleted at the end."""
    with throwaway_cluster("hm_pg_") as cluster:
        yield cluster


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

        from health_monitor.db import Token

        self.calls += 1
        return Token(self.cluster.password, datetime.fromtimestamp(self.clock() + self.ttl_s, timezone.utc))


@pytest.fixture
def fake_tokens() -> type[FakeTokens]:
    """The :class:`FakeTokens` class (test modules cannot import ``conftest`` reliably)."""
    return FakeTokens
