"""The chat page: one question streams an answer with visible tool calls; alert requests become a
proposed rule; a state store that is down never loses the answer."""

from __future__ import annotations

import pytest


def _assistant_text(at) -> str:
    msgs = [m for m in at.chat_message if m.name == "assistant"]
    assert msgs, "no assistant message"
    return "\n".join(md.value for md in msgs[-1].markdown)


def test_chat_answers_a_question_with_tool_calls(app) -> None:
    app.switch_page("pages/chat.py").run()
    app.chat_input(key="chat_input").set_value("Why did costs jump yesterday?").run()
    assert not app.exception, [e.value for e in app.exception]
    assert [m.name for m in app.chat_message][:2] == ["user", "assistant"]
    answer = _assistant_text(app)
    assert "ml-workspace" in answer
    statuses = [s for s in app.get("expandable") if " row" in str(getattr(s, "label", ""))] or \
        app.chat_message[1].get("status")
    assert statuses, "tool calls are shown"
    # the turn was saved: the conversation is listed after a rerun
    app.run()
    assert app.session_state["chat_conversation_id"]


def test_chat_proposes_and_saves_an_alert_rule(app) -> None:
    app.switch_page("pages/chat.py").run()
    app.chat_input(key="chat_input").set_value(
        "alert me on Slack when failed logins from one IP reach 3 in 24 hours").run()
    assert "alert rule" in _assistant_text(app)
    app.button(key="chat_rule_save").click().run()
    assert not app.exception
    from health_monitor.db import make_engine, session_scope
    from health_monitor.db import repositories as repo

    from health_monitor.core.settings import get_settings

    with session_scope(make_engine(get_settings())) as s:
        rules = repo.list_rules(session=s, user_id="tester@company.com")
    assert len(rules) == 1 and rules[0].definition["measure"]["tool"] == "get_failed_auth_attempts"


@pytest.fixture
def store_down(app_env, monkeypatch):
    # Nothing listens on port 9: every connection is refused at once.
    monkeypatch.setenv("HM_DATABASE_URL", "postgresql+psycopg2://nobody@127.0.0.1:9/none?connect_timeout=2")


def test_chat_answers_when_the_state_store_is_down(store_down) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    assert not at.exception
    at.switch_page("pages/chat.py").run()
    at.chat_input(key="chat_input").set_value("Which jobs failed in the last 24 hours?").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "ml_training" in _assistant_text(at)
    assert any("saved when it is back" in i.value for i in at.info)
    from health_monitor.ui import clients

    waiting = clients.pending_writes().pending(user_id="tester@company.com")
    assert [m.role for m in waiting] == ["user", "assistant"]


def test_an_answer_brings_its_rows_follow_ups_and_a_current_toolbar(app) -> None:
    app.switch_page("pages/chat.py").run()
    app.chat_input(key="chat_input").set_value("Why did costs jump yesterday?").run()
    assert not app.exception, [e.value for e in app.exception]
    follow = [b for b in app.button if b.key and b.key.startswith("chat_follow_")]
    assert len(follow) == 3 and len({b.label for b in follow}) == 3, [b.label for b in follow]
    assert any("ml-workspace" in b.label for b in follow), [b.label for b in follow]
    # the tool rows the answer used, as compact tables inside the tool-call statuses
    assert len(app.dataframe) >= 1
    # the export buttons exist right after the first answer (the toolbar is drawn after the turn)
    assert {"chat_export_md", "chat_export_json"} <= {d.key for d in app.get("download_button")}
    # the agent picker and the conversation list are in the sidebar
    assert app.sidebar.radio(key="chat_agent").value == "auto"
    assert any(b.key and b.key.startswith("chat_open_") for b in app.sidebar.button)
    # a follow-up asks the next question
    follow[0].click().run()
    assert [m.name for m in app.chat_message].count("user") == 2


def test_a_conversation_titled_with_markdown_is_listed_as_typed(app) -> None:
    """A question holding a pasted `code` span (cut at the title's length) must not render as broken Markdown."""
    app.switch_page("pages/chat.py").run()
    app.chat_input(key="chat_input").set_value("which job threw `[DELTA_FAILED_TO_MERGE_FIELDS]` and *when*?").run()
    app.run()
    labels = [b.label for b in app.sidebar.button if b.key and b.key.startswith("chat_open_")]
    assert labels and "\\`" in labels[0] and "\\*" in labels[0], labels
