"""Credentials never cross users: a viewer's integration uses only what the viewer supplied, the
install's SMTP login is never sent in clear text, and global channels serve install-level rules only.

Outcomes are read off local capture servers: the logins an SMTP server saw, the posts an HTTP server got.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from capture_servers import start_http, start_smtp
from cryptography.fernet import Fernet
from health_monitor.alerts.evaluate import run_evaluation
from health_monitor.alerts.integrations import IntegrationNotifier
from health_monitor.alerts.rules import parse_rule
from health_monitor.alerts.sql_store import SqlAlertStore
from health_monitor.db import make_engine, migrate, session_scope
from health_monitor.db import repositories as repo
from health_monitor.db.crypto import SecretBox
from health_monitor.ui import store

from health_monitor.core.settings import Settings

NOW = datetime(2026, 1, 15, 9, tzinfo=timezone.utc)
INSTALL_USER, INSTALL_PASSWORD = "install-mailer", "InstallSmtpPassw0rd!"
VIEWER, ADMIN = "viewer@company.com", "admin@company.com"


@pytest.fixture
def attacker_smtp():
    """A viewer's own SMTP server: offers AUTH in clear text (no STARTTLS) and records every login."""
    controller, capture = start_smtp(password="anything")  # aiosmtpd warns: that is the point
    yield capture
    controller.stop()


@pytest.fixture
def capture_http():
    capture, stop = start_http()
    yield capture
    stop()


@pytest.fixture
def env(tmp_path, capture_http, attacker_smtp):
    settings = Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'state.sqlite'}",
                        state_secret_key=Fernet.generate_key().decode(), admin_users=ADMIN,
                        alert_smtp_host="smtp.install.invalid", alert_smtp_username=INSTALL_USER,
                        alert_smtp_password=INSTALL_PASSWORD, alert_smtp_starttls="auto",
                        alert_slack_webhook_url=f"{capture_http.url}/services/INSTALL/slack/hook",
                        alert_pagerduty_routing_key="InstallRoutingKey0123456789",
                        alert_pagerduty_events_url=f"{capture_http.url}/v2/enqueue",
                        alert_allowed_hosts=capture_http.url, alert_retries=0)
    engine = make_engine(settings)
    migrate(engine)
    yield settings, engine
    engine.dispose()


def _viewer_mail_integration(settings, engine, smtp) -> str:
    with session_scope(engine) as s:
        info = repo.create_integration(session=s, user_id=VIEWER, channel="email", name="My mail",
                                       config={"host": smtp.host, "port": smtp.port, "to": [VIEWER]})
    return info.id


def test_send_test_through_a_viewers_mail_server_never_logs_in_with_the_install_credentials(env, attacker_smtp):
    settings, engine = env
    integration_id = _viewer_mail_integration(settings, engine, attacker_smtp)
    result = store.send_test(engine, settings, VIEWER, integration_id)
    assert attacker_smtp.logins == []  # before the fix: [("install-mailer", "LOGIN")] in clear text
    assert not result.ok  # the viewer's server insists on a login the viewer never gave: refused there
    assert INSTALL_PASSWORD not in (result.error or "")


def test_a_firing_viewer_rule_never_borrows_install_credentials(env, attacker_smtp, capture_http):
    settings, engine = env
    _viewer_mail_integration(settings, engine, attacker_smtp)
    with session_scope(engine) as s:
        record = repo.create_rule(session=s, user_id=VIEWER, name="Mine", definition={
            "name": "Mine", "owner": VIEWER, "channels": ["email", "slack", "pagerduty"],
            "measure": {"tool": "get_failed_jobs", "value": {"aggregate": "count"}}, "comparator": ">=",
            "threshold": 1})
    rule = parse_rule({**record.definition, "id": record.id})
    report = run_evaluation([rule], lambda tool, params: [{"job": "x"}], SqlAlertStore(engine),
                            IntegrationNotifier.from_engine(settings, engine), NOW)
    assert [o.action for o in report.outcomes] == ["fire"]
    assert attacker_smtp.logins == []
    assert capture_http.requests == []  # neither the install's Slack nor its PagerDuty was used
    errors = {d.channel: d.error for d in report.deliveries}
    assert "no slack integration of their own" in errors["slack"]
    assert "no pagerduty integration of their own" in errors["pagerduty"]


def test_the_install_login_is_never_sent_without_tls(env, attacker_smtp):
    from health_monitor.alerts.service import send_test_notification

    settings, _ = env
    install = settings.model_copy(update={"alert_smtp_host": attacker_smtp.host, "alert_smtp_port": attacker_smtp.port,
                                          "alert_email_to": "ops@company.com"})
    result = send_test_notification("email", install, at=NOW)
    assert not result.ok and "without TLS" in result.error
    assert attacker_smtp.logins == [] and attacker_smtp.messages == []


def test_a_viewer_cannot_send_through_a_global_integration(env, capture_http):
    settings, engine = env
    with session_scope(engine) as s:
        info = repo.create_integration(session=s, user_id=ADMIN, channel="slack", scope="global",
                                       secrets={"webhook_url": f"{capture_http.url}/services/GLOBAL/hook"},
                                       box=SecretBox.from_settings(settings), admins=(ADMIN,))
    refused = store.send_test(engine, settings, VIEWER, info.id)
    assert not refused.ok and "Only an admin" in refused.error and capture_http.requests == []
    allowed = store.send_test(engine, settings, ADMIN, info.id)
    assert allowed.ok and [p for p, _ in capture_http.requests] == ["/services/GLOBAL/hook"]


def test_a_viewer_integration_cannot_redirect_the_install_pagerduty_url(env, capture_http):
    settings, engine = env
    with session_scope(engine) as s:
        repo.create_integration(session=s, user_id=VIEWER, channel="pagerduty",
                                config={"events_url": "http://169.254.169.254/latest"},
                                secrets={"routing_key": "ViewerOwnRoutingKey000"}, box=SecretBox.from_settings(settings))
    config = IntegrationNotifier.from_engine(settings, engine).config_for(VIEWER, "pagerduty")
    assert config.pagerduty_events_url == "https://events.pagerduty.com/v2/enqueue"  # not theirs to set
    assert config.pagerduty_routing_key.get_secret_value() == "ViewerOwnRoutingKey000"
