"""PostgreSQL (a throwaway cluster) stopped in the middle of a conversation and started again, and
the Lakebase password rotated between turns: no message lost or duplicated, the user told while the
store is down, and the conversation carrying on afterwards."""

from __future__ import annotations

import uuid

import pytest
from health_monitor.db import make_engine, migrate, session_scope
from health_monitor.db import repositories as repo
from health_monitor.graph.builder import build_graph
from health_monitor.graph.context import resolve_context
from health_monitor.graph.events import Error, Final
from health_monitor.graph.service import save_answer, stream
from health_monitor.tools.registry import get_registry

from health_monitor.core.settings import Settings

pytestmark = pytest.mark.slow
USER = "alice@company.com"


@pytest.fixture(scope="module")
def graph():
    return build_graph(tools=get_registry())


@pytest.fixture
def engine(pg_cluster, tmp_path):
    pg_cluster.running() or pg_cluster.start()
    schema = f"hm_fault_{uuid.uuid4().hex[:8]}"
    settings = Settings(data_dir=tmp_path, database_url=pg_cluster.url, state_schema=schema)
    eng = make_engine(settings, token_provider=lambda: pg_cluster.password,
                      connect_args={"connect_timeout": 3})
    migrate(eng)
    yield eng
    eng.dispose()
    pg_cluster.running() or pg_cluster.start()


def _turn(graph, engine, warehouse, demo_dir, question, conversation_id, client_msg_id):
    ctx = resolve_context(user_id=USER, settings=Settings(data_dir=demo_dir), warehouse=warehouse, engine=engine,
                          llm=None, open_missing=False)
    events = list(stream(question, context=ctx, graph=graph, conversation_id=conversation_id,
                         client_msg_id=client_msg_id))
    final = next(e.answer for e in events if isinstance(e, Final))
    return final, [e for e in events if isinstance(e, Error)]


def _stored(engine, conversation_id):
    with session_scope(engine) as s:
        return [(m.role, m.content) for m in repo.get_messages(session=s, user_id=USER, conversation_id=conversation_id)]


def test_postgres_stopped_mid_conversation(graph, engine, pg_cluster, warehouse, demo_dir):
    questions = ["Why did costs jump yesterday?", "and last week?", "Which jobs failed in the last 24 hours?",
                 "what about ml_training?"]
    a1, e1 = _turn(graph, engine, warehouse, demo_dir, questions[0], None, "m1")
    assert not e1 and a1.saved
    cid = a1.conversation_id
    a2, e2 = _turn(graph, engine, warehouse, demo_dir, questions[1], cid, "m2")
    assert not e2 and a2.saved and a2.conversation_id == cid

    pg_cluster.stop()
    a3, e3 = _turn(graph, engine, warehouse, demo_dir, questions[2], cid, "m3")
    assert a3.answer and "ml_training" in a3.answer  # the answer still comes, from the warehouse
    assert not a3.saved  # (save_error stays None when the store was down from the start; the events say it)
    told = " ".join(e.message for e in e3 if e.where == "store")
    assert told and ("save" in told.lower() or "unreachable" in told.lower()), e3
    assert a3.conversation_id == cid

    pg_cluster.start()
    save_answer(a3, question=questions[2], user_id=USER, engine=engine, client_msg_id="m3")  # the UI's retry
    save_answer(a3, question=questions[2], user_id=USER, engine=engine, client_msg_id="m3")  # twice: idempotent
    a4, e4 = _turn(graph, engine, warehouse, demo_dir, questions[3], cid, "m4")
    assert not e4 and a4.saved and a4.conversation_id == cid
    expected = [x for q, a in zip(questions, (a1, a2, a3, a4), strict=True)
                for x in (("user", q), ("assistant", a.answer))]
    assert _stored(engine, cid) == expected


def test_a_conversation_continues_across_a_password_rotation(graph, pg_cluster, engine, warehouse, demo_dir):
    a1, e1 = _turn(graph, engine, warehouse, demo_dir, "Why did costs jump yesterday?", None, "r1")
    assert not e1 and a1.saved
    old = pg_cluster.password
    pg_cluster.set_password(f"tok-{uuid.uuid4().hex}")
    try:
        engine.pool.dispose()  # every connection is new from here: each must log in with the new token
        a2, e2 = _turn(graph, engine, warehouse, demo_dir, "and last week?", a1.conversation_id, "r2")
        assert not e2, e2
        assert a2.saved and a2.conversation_id == a1.conversation_id
        assert [r for r, _ in _stored(engine, a1.conversation_id)] == ["user", "assistant"] * 2
    finally:
        pg_cluster.set_password(old)
