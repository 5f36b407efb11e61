"""One user cannot read or change another's conversations, preferences, alert rules or integrations
(repositories), nor reach another's conversation through the chat (``graph.service``) with its id.

Parametrised over SQLite and the shared PostgreSQL (a private schema per test, dropped afterwards)."""

from __future__ import annotations

import pytest
from health_monitor.db import NotFound, PermissionDenied, make_engine, migrate, session_scope
from health_monitor.db import repositories as repo
from health_monitor.db.crypto import SecretBox
from pg_support import PG_URL, private_schema

from health_monitor.core.settings import Settings

ALICE, BOB = "alice@company.com", "bob@company.com"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request, tmp_path):
    if request.param == "sqlite":
        eng = make_engine(Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'state.sqlite'}"))
        migrate(eng)
        yield eng
        eng.dispose()
        return
    with private_schema("hm_sec") as schema:
        eng = make_engine(Settings(data_dir=tmp_path, database_url=PG_URL, state_schema=schema))
        migrate(eng)
        yield eng
        eng.dispose()


@pytest.fixture
def alice_conversation(engine):
    with session_scope(engine) as s:
        conv = repo.create_conversation(session=s, user_id=ALICE, title="Alice's costs")
        repo.add_message(session=s, user_id=ALICE, conversation_id=conv.id, role="user", content="secret plans")
    return conv.id


def test_another_users_conversation_is_invisible(engine, alice_conversation):
    cid = alice_conversation
    attempts = {
        "get": lambda s: repo.get_conversation(session=s, user_id=BOB, conversation_id=cid),
        "messages": lambda s: repo.get_messages(session=s, user_id=BOB, conversation_id=cid),
        "context": lambda s: repo.recent_context(session=s, user_id=BOB, conversation_id=cid),
        "add": lambda s: repo.add_message(session=s, user_id=BOB, conversation_id=cid, role="user", content="hi"),
        "rename": lambda s: repo.rename_conversation(session=s, user_id=BOB, conversation_id=cid, title="mine"),
        "agent": lambda s: repo.set_conversation_agent(session=s, user_id=BOB, conversation_id=cid, agent="cost"),
        "archive": lambda s: repo.archive_conversation(session=s, user_id=BOB, conversation_id=cid),
        "delete": lambda s: repo.delete_conversation(session=s, user_id=BOB, conversation_id=cid),
        "create-with-id": lambda s: repo.create_conversation(session=s, user_id=BOB, conversation_id=cid),
    }
    for name, attempt in attempts.items():
        with pytest.raises(NotFound), session_scope(engine) as s:
            attempt(s)
            pytest.fail(f"{name} succeeded for another user")
    with session_scope(engine) as s:
        assert cid not in {c.id for c in repo.list_conversations(session=s, user_id=BOB)}
        conv = repo.get_conversation(session=s, user_id=ALICE, conversation_id=cid)
        msgs = repo.get_messages(session=s, user_id=ALICE, conversation_id=cid)
    assert conv.title == "Alice's costs" and [m.content for m in msgs] == ["secret plans"]


def test_preferences_are_per_user(engine):
    with session_scope(engine) as s:
        repo.set_preferences(session=s, user_id=ALICE, timezone="Europe/Paris", filters={"workspace": "prod"})
        repo.set_preferences(session=s, user_id=BOB, timezone="UTC", filters={})
    with session_scope(engine) as s:
        a = repo.get_preferences(session=s, user_id=ALICE)
        b = repo.get_preferences(session=s, user_id=BOB)
    assert (a.timezone, a.filters) == ("Europe/Paris", {"workspace": "prod"})
    assert (b.timezone, b.filters) == ("UTC", {})


def test_alert_rules_are_per_user(engine):
    definition = {"metric": "daily_cost", "op": ">", "threshold": 1000}
    with session_scope(engine) as s:
        rule = repo.create_rule(session=s, user_id=ALICE, name="Spend", definition=definition)
    for attempt in (lambda s: repo.get_rule(session=s, user_id=BOB, rule_id=rule.id),
                    lambda s: repo.update_rule(session=s, user_id=BOB, rule_id=rule.id, name="pwned"),
                    lambda s: repo.delete_rule(session=s, user_id=BOB, rule_id=rule.id)):
        with pytest.raises(NotFound), session_scope(engine) as s:
            attempt(s)
    with session_scope(engine) as s:
        assert repo.list_rules(session=s, user_id=BOB) == []
        assert repo.get_rule(session=s, user_id=ALICE, rule_id=rule.id).name == "Spend"


def test_integrations_and_their_secrets_are_per_user(engine, tmp_path):
    box = SecretBox.from_settings(Settings(data_dir=tmp_path))
    with session_scope(engine) as s:
        info = repo.create_integration(session=s, user_id=ALICE, channel="slack", name="alice-slack",
                                       secrets={"slack_webhook_url": "https://hooks.slack.com/services/T0/B0/abcdefgh"},
                                       box=box)
    for attempt in (lambda s: repo.get_integration(session=s, user_id=BOB, integration_id=info.id),
                    lambda s: repo.set_secret(session=s, user_id=BOB, integration_id=info.id,
                                              name="slack_webhook_url", value="https://evil", box=box),
                    lambda s: repo.delete_integration(session=s, user_id=BOB, integration_id=info.id)):
        with pytest.raises((NotFound, PermissionDenied)), session_scope(engine) as s:
            attempt(s)
    with session_scope(engine) as s:
        assert info.id not in {i.id for i in repo.list_integrations(session=s, user_id=BOB)}


def test_the_chat_will_not_continue_another_users_conversation(engine, alice_conversation, demo_dir):
    from health_monitor.graph.context import resolve_context
    from health_monitor.graph.service import ask
    from health_monitor.warehouse.duckdb_backend import DuckDBWarehouse

    wh = DuckDBWarehouse(demo_dir / "system.duckdb", demo_dir / "gold.duckdb")
    try:
        settings = Settings(data_dir=demo_dir)
        ctx = resolve_context(user_id=BOB, settings=settings, warehouse=wh, engine=engine, llm=None, open_missing=False)
        answer = ask("and last week?", context=ctx, conversation_id=alice_conversation)
    finally:
        wh.close()
    assert answer.conversation_id != alice_conversation
    assert "secret plans" not in answer.answer
    with session_scope(engine) as s:
        msgs = repo.get_messages(session=s, user_id=ALICE, conversation_id=alice_conversation)
        bobs = repo.list_conversations(session=s, user_id=BOB)
    assert [m.content for m in msgs] == ["secret plans"]  # nothing added to Alice's conversation
    assert [c.id for c in bobs] == [answer.conversation_id]
