"""Memory: follow-ups reuse the stored context for 10+ turns, also after a restart (a new engine and a
new context over the same store), and the store is the only memory (no checkpointer)."""

from __future__ import annotations

import pytest
from health_monitor.graph.service import ask

TURNS = [
    # (question, agents that must run, strings the answer must contain (any of each group))
    ("How much did ml-workspace cost yesterday?", {"cost"}, [["ml-workspace"]]),
    ("What was behind the jump?", {"cost"}, [["ml_training"]]),
    ("Did those runs succeed?", {"performance"}, [["CUDA", "out of memory"]]),
    ("Any failed logins yesterday?", {"security"}, [["192.168.1.100"]]),
    ("which user was that?", {"security"}, [["admin@company.com"]]),
    ("and last week?", {"security"}, [["192.168.1.100", "admin@company.com"]]),
    ("Which tables are stale?", {"quality"}, [["orders_gold"]]),
    ("Did nightly_etl fail?", {"performance"}, [["nightly_etl"]]),
    ("What is the MTBF of production?", {"reliability"}, [["MTBF"]]),
    ("Which clusters are idle most of the time?", {"optimization"}, [["analytics-adhoc"]]),
    ("Any high-severity security events today?", {"security"}, [["token", "TOKEN"]]),
]
AFTER_RESTART = [
    ("go back to that failing ETL job: who owns it?", {"performance"}, [["nightly_etl"], ["etl-sp"]]),
    ("Which principal created the token?", {"security"}, [["automation-sp"]]),
]


def _check(answer, agents, mentions, question):
    assert agents <= set(answer.agents), f"{question!r}: ran {answer.agents}"
    for group in mentions:
        assert any(m.lower() in answer.answer.lower() for m in group), f"{question!r}: none of {group}\n{answer.answer}"
    assert all(c["ok"] for c in answer.tool_calls)


@pytest.mark.slow
def test_twelve_turns_and_a_restart(demo_context, demo_dir, tmp_path):
    from health_monitor.graph.adapters import open_engine
    from health_monitor.graph.context import resolve_context
    from health_monitor.warehouse.duckdb_backend import DuckDBWarehouse

    conversation = None
    for question, agents, mentions in TURNS:
        answer = ask(question, context=demo_context, conversation_id=conversation)
        assert answer.saved, answer.save_error
        conversation = conversation or answer.conversation_id
        assert answer.conversation_id == conversation
        _check(answer, agents, mentions, question)

    # Restart: a new engine, warehouse and context over the same store; nothing else survives.
    settings = demo_context.settings
    engine = open_engine(settings)
    wh = DuckDBWarehouse(demo_dir / "system.duckdb", demo_dir / "gold.duckdb")
    ctx = resolve_context(settings=settings, warehouse=wh, engine=engine, user_id=demo_context.user_id)
    try:
        for question, agents, mentions in AFTER_RESTART:
            answer = ask(question, context=ctx, conversation_id=conversation)
            _check(answer, agents, mentions, question)
    finally:
        wh.close()
        engine.dispose()


def test_messages_are_stored_with_tool_calls_agents_and_context(demo_context):
    from health_monitor.db import repositories as repo
    from health_monitor.db import session_scope

    answer = ask("Any failed logins yesterday?", context=demo_context)
    with session_scope(demo_context.engine) as s:
        messages = repo.get_messages(session=s, user_id=demo_context.user_id, conversation_id=answer.conversation_id)
    assert [m.role for m in messages] == ["user", "assistant"]
    assert messages[0].content == "Any failed logins yesterday?"
    reply = messages[1]
    assert reply.content == answer.answer and reply.agents == ["security"]
    assert reply.tool_calls and {"agent", "tool", "args", "ok", "rows", "ms"} <= set(reply.tool_calls[0])
    assert reply.context["agents"] == ["security"] and reply.context["understanding"]["domains"] == ["security"]


def test_another_users_conversation_is_not_continued(demo_context):
    from dataclasses import replace

    first = ask("Any failed logins yesterday?", context=demo_context)
    other = replace(demo_context, user_id="someone-else@company.com")
    answer = ask("which user was that?", context=other, conversation_id=first.conversation_id)
    assert answer.conversation_id != first.conversation_id


def test_no_checkpointer_is_used(compiled_graph):
    assert compiled_graph.checkpointer is None
