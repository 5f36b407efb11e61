"""Persistence through db/: the user message is saved before the run, the answer after; a store
failure is reported but never loses the answer, which can be saved again later."""

from __future__ import annotations

from dataclasses import replace

from health_monitor.graph.events import Error, Final
from health_monitor.graph.service import ask, save_answer, stream


class BrokenEngine:
    """Looks like an engine; every connection fails like an unreachable database."""

    def connect(self, *a, **k):
        from sqlalchemy.exc import OperationalError

        raise OperationalError("connect", {}, Exception("could not connect to server"))

    def __getattr__(self, name):
        raise AttributeError(name)


def test_store_down_keeps_the_answer_and_says_so(demo_context):
    ctx = replace(demo_context, engine=BrokenEngine())
    events = list(stream("Any failed logins yesterday?", context=ctx))
    final = events[-1]
    assert isinstance(final, Final)
    assert "192.168.1.100" in final.answer.answer
    errors = [e for e in events if isinstance(e, Error)]
    assert errors and all(e.recoverable and e.where == "store" for e in errors)
    assert not final.answer.saved
    assert "the answer is kept and can be saved again" in errors[0].message


def test_failed_assistant_save_can_be_retried(demo_context, monkeypatch):
    import health_monitor.graph.adapters as adapters
    real = adapters.save_message

    def flaky(engine, **kw):
        if kw["role"] == "assistant":
            raise RuntimeError("connection reset")
        return real(engine, **kw)

    monkeypatch.setattr(adapters, "save_message", flaky)
    answer = ask("Which tables are stale?", context=demo_context, client_msg_id="retry-1")
    assert "orders_gold" in answer.answer and not answer.saved
    assert "can be saved again" in answer.save_error
    monkeypatch.setattr(adapters, "save_message", real)
    save_answer(answer, question="Which tables are stale?", user_id=demo_context.user_id, engine=demo_context.engine,
                client_msg_id="retry-1")
    save_answer(answer, question="Which tables are stale?", user_id=demo_context.user_id, engine=demo_context.engine,
                client_msg_id="retry-1")  # idempotent
    from health_monitor.db import repositories as repo
    from health_monitor.db import session_scope

    with session_scope(demo_context.engine) as s:
        messages = repo.get_messages(session=s, user_id=demo_context.user_id, conversation_id=answer.conversation_id)
    assert [m.role for m in messages] == ["user", "assistant"]


def test_without_persistence_nothing_is_stored(demo_context):
    answer = ask("Which tables are stale?", context=demo_context, persist=False)
    assert not answer.saved and answer.conversation_id is None
