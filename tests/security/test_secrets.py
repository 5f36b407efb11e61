"""Secrets never appear in logs, exports or pages: integration secrets (encrypted at rest, masked when
listed), alert channel secrets (webhook paths, routing keys) in delivery errors and logs, database
passwords in errors, and the Settings page of the running app."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import httpx
import pytest
from health_monitor.db import StateUnavailable, make_engine, migrate, session_scope
from health_monitor.db import repositories as repo
from health_monitor.db.crypto import SecretBox
from sqlalchemy import text

from health_monitor.core.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
USER = "tester@company.com"
WEBHOOK = "https://hooks.slack.com/services/T0SECRET/B0SECRET/xyzzyWebhookSecret42"
ROUTING_KEY = "pd-routing-key-0123456789abcdef"
SMTP_PASSWORD = "smtp-pass-Zq9!Zq9!Zq9"


@pytest.fixture
def store(tmp_path):
    settings = Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'state.sqlite'}",
                        state_secret_key=None)
    engine = make_engine(settings)
    migrate(engine)
    yield settings, engine
    engine.dispose()


def test_integration_secrets_are_encrypted_masked_and_never_logged(store, caplog):
    settings, engine = store
    caplog.set_level(logging.DEBUG)
    box = SecretBox.from_settings(settings)
    with session_scope(engine) as s:
        info = repo.create_integration(session=s, user_id=USER, channel="slack", name="ops",
                                       secrets={"slack_webhook_url": WEBHOOK}, box=box)
        repo.set_secret(session=s, user_id=USER, integration_id=info.id, name="slack_webhook_url",
                        value=WEBHOOK, box=box)
    with session_scope(engine) as s:
        shown = [repo.get_integration(session=s, user_id=USER, integration_id=info.id),
                 *repo.list_integrations(session=s, user_id=USER),
                 *repo.list_enabled_integrations(session=s)]
        raw = [r[0] for r in s.execute(text("select ciphertext from integration_secrets"))]
        plain = repo.delivery_secrets(session=s, integration_id=info.id, box=box)
    assert plain == {"slack_webhook_url": WEBHOOK}  # the one way back, for the sender
    for item in shown:
        assert WEBHOOK not in repr(item) and "xyzzyWebhookSecret42" not in repr(item)
        assert item.secrets["slack_webhook_url"].startswith("set, changed ")  # that it is set, and when
    assert raw and all(WEBHOOK not in str(v) and "xyzzy" not in str(v) for v in raw), "stored in clear"
    assert "xyzzyWebhookSecret42" not in caplog.text and "T0SECRET" not in caplog.text
    assert "xyzzy" not in repr(box)


@pytest.mark.parametrize("failure", ["refused", "http500"])
def test_channel_delivery_errors_and_logs_hide_the_secrets(caplog, failure):
    from health_monitor.alerts.channels.base import ChannelConfig
    from health_monitor.alerts.channels.http import post_json

    caplog.set_level(logging.DEBUG)

    def handler(request: httpx.Request) -> httpx.Response:
        if failure == "refused":
            raise httpx.ConnectError(f"cannot connect to {request.url}", request=request)
        return httpx.Response(500, text=f"upstream error for {request.url} key={ROUTING_KEY}")

    config = ChannelConfig(slack_webhook_url=WEBHOOK, pagerduty_routing_key=ROUTING_KEY, smtp_password=SMTP_PASSWORD,
                           retries=1, backoff_s=0)
    result = post_json(WEBHOOK, {"text": "hi", "routing_key": ROUTING_KEY}, config=config, sleep=lambda _: None,
                       transport=httpx.MockTransport(handler))
    assert not result.ok
    for secret in ("xyzzyWebhookSecret42", "T0SECRET", ROUTING_KEY):
        assert secret not in (result.error or ""), result.error
        assert secret not in caplog.text
    for secret in (WEBHOOK, ROUTING_KEY, SMTP_PASSWORD):
        assert secret not in repr(config) and secret not in str(config.model_dump())


def test_a_database_password_is_not_in_errors_or_logs(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    password = "PwSecret-for-the-db-99"
    settings = Settings(data_dir=tmp_path,
                        database_url=f"postgresql+psycopg2://hm:{password}@127.0.0.1:9/nowhere")
    engine = make_engine(settings, connect_args={"connect_timeout": 2})
    try:
        with pytest.raises(StateUnavailable) as info, session_scope(engine) as s:
            s.execute(text("select 1"))
    finally:
        engine.dispose()
    assert password not in str(info.value) and password not in caplog.text
    assert password not in repr(engine.url) and password not in str(engine)


def test_settings_repr_hides_secrets():
    s = Settings(llm_api_key="sk-SECRET-KEY-123456", database_url="postgresql://u:PwSecret99@h/db")
    assert "sk-SECRET-KEY-123456" not in repr(s) and "PwSecret99" not in repr(s)


def test_chat_exports_carry_no_secrets():
    """A user pastes a webhook, a routing key and an SMTP secret into the chat (and a tool call carries one
    as an argument): the Markdown and JSON exports mask every one of them and keep the rest."""
    from health_monitor.ui.chat import to_json, to_markdown

    api_key = "sk-SECRET-KEY-123456"
    entries = [{"role": "user", "content": f"Alert me on {WEBHOOK} with routing key {ROUTING_KEY}, smtp pass: "
                                           f"{SMTP_PASSWORD}"},
               {"role": "assistant", "content": f"Saved. I will post to {WEBHOOK}.", "agents": ["cost"],
                "tool_calls": [{"agent": "cost", "tool": "get_cost_anomalies", "ok": True, "rows": 2, "ms": 12.0,
                                "args": {"days": 7, "webhook_url": WEBHOOK, "note": f"key {api_key}"}}]}]
    title = "Costs"
    exported = (to_markdown(title, entries, user=USER, secrets=[SMTP_PASSWORD])
                + to_json(title, entries, user=USER, conversation_id="c1"))
    for secret in (WEBHOOK, "xyzzyWebhookSecret42", ROUTING_KEY, SMTP_PASSWORD, api_key):
        assert secret not in exported, secret
    assert "get_cost_anomalies" in exported and "hooks.slack.com" in exported and "***" in exported
    assert json.loads(to_json("t", entries, user=USER, conversation_id="c1"))["messages"][1]["tool_calls"][0][
        "args"]["days"] == 7


@pytest.mark.slow
def test_the_settings_page_shows_secrets_masked(demo_dir, tmp_path, monkeypatch):
    """The running Settings page (AppTest) lists an integration with its secret masked, never in clear."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from health_monitor.core.settings import get_settings

    monkeypatch.setenv("HM_DATA_DIR", str(demo_dir))
    monkeypatch.setenv("HM_DATABASE_URL", f"sqlite:///{tmp_path / 'state.sqlite'}")
    monkeypatch.setenv("HM_LOCAL_USER", USER)
    monkeypatch.setenv("HM_STATE_SECRET_KEY", fernet_key())
    monkeypatch.setenv("HM_LLM_API_KEY", "sk-SECRET-KEY-123456")
    monkeypatch.delenv("DATABRICKS_APP_NAME", raising=False)
    get_settings.cache_clear()
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        settings = get_settings()
        engine = make_engine(settings)
        migrate(engine)
        with session_scope(engine) as s:
            repo.create_integration(session=s, user_id=USER, channel="slack", name="ops",
                                    secrets={"slack_webhook_url": WEBHOOK}, box=SecretBox.from_settings(settings))
        engine.dispose()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
        at.run()
        at.switch_page("pages/settings.py").run()
        assert not at.exception, [e.value for e in at.exception]
        shown = _all_text(at)
        assert "ops" in shown
        for secret in ("xyzzyWebhookSecret42", "T0SECRET", "sk-SECRET-KEY-123456"):
            assert secret not in shown
    finally:
        get_settings.cache_clear()
        st.cache_data.clear()
        st.cache_resource.clear()


def fernet_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


def _all_text(at) -> str:
    """Every value and label the page rendered, as one string."""
    parts = [repr(at._tree)]
    for kind in ("markdown", "caption", "text", "code", "json", "text_input", "table", "dataframe", "info",
                 "success", "warning", "error", "expander", "tabs", "metric", "selectbox"):
        for el in getattr(at, kind, []) if hasattr(at, kind) else at.get(kind):
            for attr in ("value", "label", "body", "placeholder", "help"):
                value = getattr(el, attr, None)
                parts.append("" if value is None else value.to_csv() if hasattr(value, "to_csv") else str(value))
    return "\n".join(parts)
