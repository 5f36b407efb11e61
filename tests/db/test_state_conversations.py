"""Conversations and messages: round trips, restart, idempotency, ordering under concurrency, isolation."""

from __future__ import annotations

import threading
from datetime import timezone

import pytest
from health_monitor.db import NotFound, session_scope
from health_monitor.db import repositories as repo
from health_monitor.db.models import ChatMessage
from sqlalchemy import func, select

A, B = "alice@example.com", "bob@example.com"


def _conv(engine, user=A, **kw):
    with session_scope(engine) as s:
        return repo.create_conversation(session=s, user_id=user, title=kw.pop("title", "Costs"), **kw)


def test_message_round_trip(store):
    conv = _conv(store.engine, agent="cost")
    context = {"plan": {"agents": ["cost", "reliability"]}, "params": {"days": 7, "top_n": 5},
               "entities": {"workspace": "ml-workspace", "note": "ünïcødé ✓"}}
    tool_calls = [{"agent": "cost", "tool": "cost_by_workspace", "args": {"days": 7}, "ok": True, "rows": 3}]
    with session_scope(store.engine) as s:
        q = repo.add_message(session=s, user_id=A, conversation_id=conv.id, role="user", content="why?",
                             context={"params": {"days": 7}}, client_msg_id="m1")
        a = repo.add_message(session=s, user_id=A, conversation_id=conv.id, role="assistant", content="because",
                             tool_calls=tool_calls, agents=["cost", "reliability"], context=context, status="error")
    assert (q.seq, a.seq) == (1, 2)
    with session_scope(store.engine) as s:
        got = repo.get_messages(session=s, user_id=A, conversation_id=conv.id)
        info = repo.get_conversation(session=s, user_id=A, conversation_id=conv.id)
    assert [m.role for m in got] == ["user", "assistant"]
    assert got[1].tool_calls == tool_calls and got[1].agents == ["cost", "reliability"]
    assert got[1].context == context and got[1].status == "error" and got[0].client_msg_id == "m1"
    assert got[1].created_at.tzinfo is not None and got[1].created_at.utcoffset().total_seconds() == 0
    assert info.agent == "cost" and info.created_at.tzinfo == timezone.utc
    assert got[0].tool_calls is None and got[0].agents is None


def test_ten_turns_survive_a_restart(store):
    conv = _conv(store.engine)
    with session_scope(store.engine) as s:
        for turn in range(1, 11):
            repo.add_message(session=s, user_id=A, conversation_id=conv.id, role="user", content=f"q{turn}",
                             context={"params": {"turn": turn}})
            repo.add_message(session=s, user_id=A, conversation_id=conv.id, role="assistant",
                             content=f"a{turn}", agents=["cost"], context={"plan": ["cost"], "turn": turn})
    store.engine.dispose()
    fresh = store.new_engine()
    with session_scope(fresh) as s:
        turns = repo.recent_context(session=s, user_id=A, conversation_id=conv.id, turns=10)
        last3 = repo.recent_context(session=s, user_id=A, conversation_id=conv.id, turns=3)
        tail = repo.get_messages(session=s, user_id=A, conversation_id=conv.id, limit=4)
        listed = repo.list_conversations(session=s, user_id=A)
    assert len(turns) == 10
    assert [t.user.content for t in turns] == [f"q{i}" for i in range(1, 11)]
    assert [t.assistant.content for t in turns] == [f"a{i}" for i in range(1, 11)]
    assert turns[-1].context == {"params": {"turn": 10}, "plan": ["cost"], "turn": 10}
    assert turns[-1].agents == ["cost"]
    assert [t.user.content for t in last3] == ["q8", "q9", "q10"]
    assert [m.seq for m in tail] == [17, 18, 19, 20]
    assert [c.id for c in listed] == [conv.id]


def test_add_message_is_idempotent_on_client_msg_id(store):
    conv = _conv(store.engine)
    with session_scope(store.engine) as s:
        first = repo.add_message(session=s, user_id=A, conversation_id=conv.id, role="user", content="hi",
                                 client_msg_id="abc")
    with session_scope(store.engine) as s:
        again = repo.add_message(session=s, user_id=A, conversation_id=conv.id, role="user", content="hi",
                                 client_msg_id="abc")
        other = repo.add_message(session=s, user_id=A, conversation_id=conv.id, role="user", content="hi")
    assert again.id == first.id and again.seq == 1 and other.seq == 2
    with session_scope(store.engine) as s:
        assert s.scalar(select(func.count()).select_from(ChatMessage)) == 2


def test_seq_is_dense_under_concurrent_writers(store):
    conv = _conv(store.engine)
    errors: list[BaseException] = []
    barrier = threading.Barrier(6)

    def writer(n: int) -> None:
        try:
            barrier.wait()
            for i in range(8):
                with session_scope(store.engine) as s:
                    repo.add_message(session=s, user_id=A, conversation_id=conv.id, role="user",
                                     content=f"w{n}-{i}", client_msg_id=f"w{n}-{i}")
                # every writer also retries one shared id: only one row may result
                with session_scope(store.engine) as s:
                    repo.add_message(session=s, user_id=A, conversation_id=conv.id, role="user",
                                     content="shared", client_msg_id=f"shared-{i}")
        except BaseException as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    with session_scope(store.engine) as s:
        messages = repo.get_messages(session=s, user_id=A, conversation_id=conv.id)
    assert [m.seq for m in messages] == list(range(1, 6 * 8 + 8 + 1))
    assert sum(m.content == "shared" for m in messages) == 8
    for n in range(6):  # each writer's own messages keep their order
        mine = [m.content for m in messages if m.content.startswith(f"w{n}-")]
        assert mine == [f"w{n}-{i}" for i in range(8)]


def test_users_are_isolated(store):
    conv = _conv(store.engine, user=A)
    with session_scope(store.engine) as s:
        repo.add_message(session=s, user_id=A, conversation_id=conv.id, role="user", content="secret plan")
    calls = [
        lambda s: repo.get_conversation(session=s, user_id=B, conversation_id=conv.id),
        lambda s: repo.get_messages(session=s, user_id=B, conversation_id=conv.id),
        lambda s: repo.recent_context(session=s, user_id=B, conversation_id=conv.id),
        lambda s: repo.rename_conversation(session=s, user_id=B, conversation_id=conv.id, title="mine"),
        lambda s: repo.delete_conversation(session=s, user_id=B, conversation_id=conv.id),
        lambda s: repo.archive_conversation(session=s, user_id=B, conversation_id=conv.id),
        lambda s: repo.add_message(session=s, user_id=B, conversation_id=conv.id, role="user", content="x"),
    ]
    missing = "00000000-0000-0000-0000-000000000000"
    for call in calls:
        with pytest.raises(NotFound) as theirs, session_scope(store.engine) as s:
            call(s)
        with pytest.raises(NotFound) as nothing, session_scope(store.engine) as s:
            repo.get_conversation(session=s, user_id=B, conversation_id=missing)
        assert str(theirs.value).replace(conv.id, "ID") == str(nothing.value).replace(missing, "ID")
    with session_scope(store.engine) as s:
        assert repo.list_conversations(session=s, user_id=B) == []
        assert repo.get_conversation(session=s, user_id=A, conversation_id=conv.id).title == "Costs"
        assert len(repo.get_messages(session=s, user_id=A, conversation_id=conv.id)) == 1


def test_rename_archive_delete_cascade(store):
    conv = _conv(store.engine, title=None)
    keep = _conv(store.engine, title="keep")
    with session_scope(store.engine) as s:
        for i in range(3):
            repo.add_message(session=s, user_id=A, conversation_id=conv.id, role="user", content=f"first {i}")
        repo.add_message(session=s, user_id=A, conversation_id=keep.id, role="user", content="stay")
        assert repo.get_conversation(session=s, user_id=A, conversation_id=conv.id).title == "first 0"
        assert repo.rename_conversation(session=s, user_id=A, conversation_id=conv.id, title="  Q4  costs ").title \
            == "Q4 costs"
        repo.archive_conversation(session=s, user_id=A, conversation_id=keep.id)
        assert [c.id for c in repo.list_conversations(session=s, user_id=A)] == [conv.id]
        assert len(repo.list_conversations(session=s, user_id=A, include_archived=True)) == 2
    with session_scope(store.engine) as s:
        repo.delete_conversation(session=s, user_id=A, conversation_id=conv.id)
    with session_scope(store.engine) as s:
        # the database cascade removed the messages (not only the ORM)
        assert s.scalar(select(func.count()).select_from(ChatMessage)
                        .where(ChatMessage.conversation_id == conv.id)) == 0
        assert s.scalar(select(func.count()).select_from(ChatMessage)) == 1
        with pytest.raises(NotFound):
            repo.get_messages(session=s, user_id=A, conversation_id=conv.id)


def test_database_cascade_without_orm(store):
    """ON DELETE CASCADE holds in the database itself (foreign keys are on in SQLite too)."""
    from health_monitor.db.models import ChatConversation
    from sqlalchemy import delete

    conv = _conv(store.engine)
    with session_scope(store.engine) as s:
        repo.add_message(session=s, user_id=A, conversation_id=conv.id, role="user", content="x")
    with session_scope(store.engine) as s:
        s.execute(delete(ChatConversation).where(ChatConversation.id == conv.id))
    with session_scope(store.engine) as s:
        assert s.scalar(select(func.count()).select_from(ChatMessage)) == 0


def test_bad_role_and_rollback(store):
    conv = _conv(store.engine)
    with pytest.raises(ValueError), session_scope(store.engine) as s:
        repo.add_message(session=s, user_id=A, conversation_id=conv.id, role="user", content="kept?")
        repo.add_message(session=s, user_id=A, conversation_id=conv.id, role="robot", content="x")
    with session_scope(store.engine) as s:  # the whole transaction rolled back
        assert repo.get_messages(session=s, user_id=A, conversation_id=conv.id) == []


def test_create_conversation_with_client_chosen_id(store):
    cid = "11111111-2222-3333-4444-555555555555"
    first = _conv(store.engine, conversation_id=cid)
    again = _conv(store.engine, conversation_id=cid, title="other")
    assert first.id == again.id == cid and again.title == "Costs"
    with pytest.raises(NotFound):
        _conv(store.engine, user=B, conversation_id=cid)
