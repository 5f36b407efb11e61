"""Outbound requests only where they belong: a viewer's "Slack webhook" cannot make the server call an
internal address, and no remote reply is ever shown back. A local capture server stands in for the
internal service; the assertions count what it received."""

from __future__ import annotations

import pytest
from capture_servers import start_http
from cryptography.fernet import Fernet
from health_monitor.alerts.channels.base import ChannelConfig
from health_monitor.alerts.channels.http import post_json
from health_monitor.db import make_engine, migrate, session_scope
from health_monitor.db import repositories as repo
from health_monitor.db.crypto import SecretBox
from health_monitor.ui import store

from health_monitor.core.settings import Settings

VIEWER = "viewer@company.com"


@pytest.fixture
def internal():
    """An internal service on 127.0.0.1 whose replies carry something secret."""
    capture, stop = start_http(reply=b"internal admin console: db_password=hunter2")
    yield capture
    stop()


@pytest.fixture
def env(tmp_path):
    settings = Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'state.sqlite'}",
                        state_secret_key=Fernet.generate_key().decode(), alert_retries=0)
    engine = make_engine(settings)
    migrate(engine)
    yield settings, engine
    engine.dispose()


def test_a_viewer_cannot_save_an_internal_url_as_a_slack_webhook(env, internal):
    settings, engine = env
    with pytest.raises(ValueError, match="not allowed|only https"):
        store.save_integration(engine, settings, VIEWER, channel="slack", name="Slack",
                               config={}, secret=f"{internal.url}/admin/delete-everything")
    assert store.integrations(engine, VIEWER) == []


@pytest.mark.parametrize("path", ["/admin", "/latest/meta-data"])
def test_send_test_to_an_internal_url_sends_nothing(env, internal, path):
    settings, engine = env
    with session_scope(engine) as s:  # stored around the page's check, e.g. by an older version
        info = repo.create_integration(session=s, user_id=VIEWER, channel="slack",
                                       secrets={"webhook_url": internal.url + path},
                                       box=SecretBox.from_settings(settings))
    result = store.send_test(engine, settings, VIEWER, info.id)
    assert not result.ok and "only https" in result.error
    assert internal.requests == [] and internal.gets == []  # before: a POST, and 200 characters of the reply shown


def test_https_to_a_host_not_allowed_is_refused_before_connecting():
    result = post_json("https://169.254.169.254/latest/meta-data", {}, config=ChannelConfig())
    assert not result.ok and result.attempts == 0 and "not allowed" in result.error
    assert "hooks.slack.com" in result.error  # says what is allowed


def test_an_allowed_webhook_shows_its_status_never_its_reply(internal):
    internal.default = 500
    config = ChannelConfig(allowed_hosts=[internal.url], retries=0)
    result = post_json(f"{internal.url}/services/T/B/x", {"text": "hi"}, config=config)
    assert not result.ok and result.status == 500 and len(internal.requests) == 1
    assert "hunter2" not in result.error and "admin console" not in result.error
    assert result.error == f"HTTP 500 from {internal.url}/***"
