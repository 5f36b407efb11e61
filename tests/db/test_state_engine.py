"""The engine factory and the session scope, without a real Lakebase."""

from __future__ import annotations

import socket
from datetime import datetime, timezone

import pytest
from health_monitor.db import StateUnavailable, Token, TokenCache, make_engine, migrate, session_scope
from health_monitor.db.engine import _as_datetime, lakebase_token_provider, token_cache_of
from health_monitor.db.errors import NotFound
from sqlalchemy import text

from health_monitor.core.errors import HealthMonitorError


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_token_cache_refreshes_only_near_expiry():
    clock, calls = Clock(), []

    def provider():
        calls.append(clock.now)
        return Token(f"t{len(calls)}", datetime.fromtimestamp(clock.now + 3600, timezone.utc))

    cache = TokenCache(provider, margin_s=300, clock=clock)
    assert [cache.get() for _ in range(5)] == ["t1"] * 5
    clock.now += 3600 - 301
    assert cache.get() == "t1"
    clock.now += 2  # less than 5 minutes left
    assert cache.get() == "t2" and len(calls) == 2
    cache.invalidate()
    assert cache.get() == "t3"
    assert "t3" not in repr(cache) and "t3" not in repr(Token("t3"))


def test_token_cache_with_bare_strings_uses_a_default_ttl():
    clock = Clock()
    cache = TokenCache(lambda: "plain", margin_s=300, default_ttl_s=900, clock=clock)
    assert cache.get() == "plain" and cache.calls == 1
    clock.now += 899
    cache.get()
    assert cache.calls == 1
    clock.now += 2
    cache.get()
    assert cache.calls == 2


def test_sdk_expiry_formats():
    assert _as_datetime("2026-01-15T10:00:00Z") == datetime(2026, 1, 15, 10, tzinfo=timezone.utc)
    assert _as_datetime("2026-01-15T10:00:00.123456789Z").microsecond == 123456
    from google.protobuf.timestamp_pb2 import Timestamp

    ts = Timestamp(seconds=1_768_471_200)
    assert _as_datetime(ts) == datetime.fromtimestamp(1_768_471_200, timezone.utc)
    assert _as_datetime(None) is None and _as_datetime("soon") is None


def test_lakebase_settings_build_a_lazy_engine(monkeypatch, tmp_path):
    from health_monitor.core.settings import Settings

    for k, v in {"PGHOST": "instance-1.database.cloud.databricks.com", "PGPORT": "5432",
                 "PGDATABASE": "databricks_postgres", "PGUSER": "0000-sp-client-id", "PGSSLMODE": "require",
                 "PGAPPNAME": "health-monitor", "DATABRICKS_APP_NAME": "health-monitor"}.items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("HM_DATABASE_URL", raising=False)
    calls = []
    engine = make_engine(Settings(data_dir=tmp_path), token_provider=lambda: calls.append(1) or "tok")
    try:
        assert engine.url.host == "instance-1.database.cloud.databricks.com"
        assert engine.url.username == "0000-sp-client-id" and engine.url.password is None
        assert engine.url.database == "databricks_postgres" and engine.url.drivername == "postgresql+psycopg2"
        assert engine.pool._pre_ping is True
        assert calls == []  # nothing connects at creation
        assert token_cache_of(engine) is not None
    finally:
        engine.dispose()
    monkeypatch.delenv("DATABRICKS_APP_NAME")  # outside an App, a stray PGHOST keeps SQLite
    local = make_engine(Settings(data_dir=tmp_path))
    assert local.url.get_backend_name() == "sqlite"
    local.dispose()


def test_lakebase_provider_calls_the_documented_sdk_api(tmp_path):
    from health_monitor.core.settings import Settings

    class Cred:
        token, expiration_time, expire_time = "db-token", "2026-01-15T10:00:00Z", None

    class Api:
        def __init__(self):
            self.kwargs = None

        def generate_database_credential(self, **kwargs):
            self.kwargs = kwargs
            return Cred()

    class Client:
        database, postgres = Api(), Api()

    client = Client()
    token = lakebase_token_provider(Settings(lakebase_instance="health-monitor-state"), client=client)()
    assert token.value == "db-token" and token.expires_at == datetime(2026, 1, 15, 10, tzinfo=timezone.utc)
    assert client.database.kwargs["instance_names"] == ["health-monitor-state"]
    assert client.database.kwargs["request_id"]
    lakebase_token_provider(Settings(lakebase_endpoint="projects/p/branches/b/endpoints/e"), client=client)()
    assert client.postgres.kwargs == {"endpoint": "projects/p/branches/b/endpoints/e"}


def test_sqlite_pragmas(tmp_path):
    from health_monitor.core.settings import Settings

    engine = make_engine(Settings(data_dir=tmp_path / "new", database_url=None, PGHOST=None))
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("pragma foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("pragma journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("pragma busy_timeout").scalar() == 15000
        assert (tmp_path / "new" / "state.sqlite").exists()
    finally:
        engine.dispose()


def test_unreachable_database_raises_state_unavailable(tmp_path):
    from health_monitor.core.settings import Settings

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    engine = make_engine(Settings(database_url=f"postgresql+psycopg2://x@127.0.0.1:{port}/db"),
                         connect_args={"connect_timeout": 2})
    try:
        with pytest.raises(StateUnavailable) as info, session_scope(engine) as session:
            session.execute(text("select 1"))
        assert isinstance(info.value, HealthMonitorError)
        assert "unreachable" in str(info.value) and "kept" in str(info.value)
        with pytest.raises(StateUnavailable):
            migrate(engine)
    finally:
        engine.dispose()


def test_session_scope_rolls_back_and_reraises(store):
    from health_monitor.db import repositories as repo

    with pytest.raises(NotFound), session_scope(store.engine) as s:
        repo.create_conversation(session=s, user_id="a", title="gone")
        repo.get_conversation(session=s, user_id="a", conversation_id="missing")
    with session_scope(store.engine) as s:
        assert repo.list_conversations(session=s, user_id="a") == []
