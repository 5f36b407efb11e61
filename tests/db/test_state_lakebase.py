"""Token refresh and outages against a throwaway PostgreSQL cluster (never the shared server).

The cluster's role password plays the Lakebase OAuth token: the engine gets it from a token provider,
rotating it (``ALTER ROLE ... PASSWORD``) is what an expired token looks like at the next login.
"""

from __future__ import annotations

import uuid

import pytest
from health_monitor.db import StateUnavailable, make_engine, migrate, session_scope
from health_monitor.db import repositories as repo
from health_monitor.db.engine import token_cache_of
from health_monitor.db.outbox import PendingWrites
from sqlalchemy import text

from health_monitor.core.settings import Settings

pytestmark = [pytest.mark.slow, pytest.mark.postgres]
USER = "alice@example.com"


def _engine(cluster, tokens, tmp_path):
    schema = f"hm_state_{uuid.uuid4().hex[:8]}"  # the cluster is shared by this module's tests
    settings = Settings(data_dir=tmp_path, database_url=cluster.url, state_schema=schema)
    return make_engine(settings, token_provider=tokens, pool_size=2, max_overflow=0,
                       connect_args={"connect_timeout": 3})


def _fresh_connection(engine) -> str:
    engine.dispose()  # the next checkout logs in again
    with engine.connect() as conn:
        return conn.execute(text("select current_user")).scalar()


def test_token_is_cached_between_logins(pg_cluster, fake_tokens, tmp_path):
    tokens = fake_tokens(pg_cluster)
    engine = _engine(pg_cluster, tokens, tmp_path)
    try:
        assert tokens.calls == 0  # creating the engine did not ask for a token
        for _ in range(4):
            assert _fresh_connection(engine) == "hm"
        assert tokens.calls == 1
        assert token_cache_of(engine).calls == 1
    finally:
        engine.dispose()


def test_refused_token_is_refreshed_once(pg_cluster, fake_tokens, tmp_path):
    tokens = fake_tokens(pg_cluster)
    engine = _engine(pg_cluster, tokens, tmp_path)
    try:
        migrate(engine)
        with session_scope(engine) as s:
            conv = repo.create_conversation(session=s, user_id=USER, title="before rotation")
        pg_cluster.set_password("rotated-token-2")  # the cached token is now "expired"
        engine.dispose()
        with session_scope(engine) as s:  # login fails once, provider called again, succeeds
            repo.add_message(session=s, user_id=USER, conversation_id=conv.id, role="user", content="after")
        assert tokens.calls == 2
        # a provider that keeps handing out a bad token fails after one retry, as StateUnavailable
        real, pg_cluster.password = pg_cluster.password, "wrong"
        try:
            engine.dispose()
            token_cache_of(engine).invalidate()
            calls = tokens.calls
            with pytest.raises(StateUnavailable), session_scope(engine) as s:
                repo.list_conversations(session=s, user_id=USER)
            assert tokens.calls == calls + 2  # first try + exactly one refresh
        finally:
            pg_cluster.password = real
    finally:
        engine.dispose()


def test_outage_mid_conversation_then_pending_writes_flush_once(pg_cluster, fake_tokens, tmp_path):
    tokens = fake_tokens(pg_cluster)
    engine = _engine(pg_cluster, tokens, tmp_path)
    outbox = PendingWrites()
    try:
        migrate(engine)
        with session_scope(engine) as s:
            conv = repo.create_conversation(session=s, user_id=USER, title="outage")
        assert outbox.save(engine, user_id=USER, conversation_id=conv.id, role="user", content="q1",
                           client_msg_id="c1") is not None

        pg_cluster.stop()
        with pytest.raises(StateUnavailable) as info, session_scope(engine) as s:
            repo.get_messages(session=s, user_id=USER, conversation_id=conv.id)
        assert "kept" in str(info.value)
        assert outbox.save(engine, user_id=USER, conversation_id=conv.id, role="assistant", content="a1",
                           client_msg_id="c2", agents=["cost"], context={"turn": 1}) is None
        assert outbox.save(engine, user_id=USER, conversation_id=conv.id, role="user", content="q2",
                           client_msg_id="c3") is None
        # a retry of a message that did reach the database before the outage
        assert outbox.save(engine, user_id=USER, conversation_id=conv.id, role="user", content="q1",
                           client_msg_id="c1") is None
        assert [m.client_msg_id for m in outbox.pending(conversation_id=conv.id)] == ["c2", "c3", "c1"]
        assert outbox.flush(engine) == [] and len(outbox) == 3

        pg_cluster.start()
        saved = outbox.flush(engine)
        assert [m.client_msg_id for m in saved] == ["c2", "c3", "c1"] and len(outbox) == 0
        assert outbox.flush(engine) == []
        with session_scope(engine) as s:
            messages = repo.get_messages(session=s, user_id=USER, conversation_id=conv.id)
        assert [(m.seq, m.client_msg_id, m.content) for m in messages] == [
            (1, "c1", "q1"), (2, "c2", "a1"), (3, "c3", "q2")]
        assert messages[1].context == {"turn": 1}
    finally:
        engine.dispose()
