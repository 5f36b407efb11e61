"""Channels against real local servers: Slack and PagerDuty JSON over HTTP, e-mail over SMTP."""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta, timezone
from email import message_from_string

import httpx
import pytest
from health_monitor.alerts.channels import REGISTRY, ChannelConfig, ChannelNotifier
from health_monitor.alerts.channels.base import Notification, mask, redact_url
from health_monitor.alerts.channels.email import EmailChannel
from health_monitor.alerts.channels.http import post_json
from health_monitor.alerts.defaults import default_rules
from health_monitor.alerts.evaluate import run_evaluation
from health_monitor.alerts.store import InMemoryAlertStore

NOW = datetime(2026, 1, 15, 9, tzinfo=timezone.utc)
SLACK_SECRET = "T0SECRET/B0SECRET/xoxSECRETtoken123"
PD_SECRET = "pdROUTINGkeySECRET0123456789abcd"


@pytest.fixture
def channel_config(http_server) -> ChannelConfig:
    return ChannelConfig(base_url="https://hm.example.test", http_timeout_s=2, retries=2, backoff_s=0.01,
                         backoff_max_s=0.05, slack_webhook_url=f"{http_server.url}/services/{SLACK_SECRET}",
                         pagerduty_routing_key=PD_SECRET, pagerduty_events_url=f"{http_server.url}/v2/enqueue",
                         allowed_hosts=[http_server.url, "hooks.example.test"])


def notification(kind="trigger", **over) -> Notification:
    data = dict(kind=kind, rule_name="Failed logins from one IP", dedup_key="hm-failed-logins-192.168.1.100-abc",
                severity="high", subject="192.168.1.100", value=3.0, threshold=3.0, unit="count",
                message="failed login attempts for IP 192.168.1.100: 3 (fires >= 3)", at=NOW,
                owner="secops@company.com", tool="get_failed_auth_attempts")
    data.update(over)
    return Notification(**data)


def all_secrets_absent(text: str) -> bool:
    return all(s not in text for s in (SLACK_SECRET, "xoxSECRETtoken123", PD_SECRET, "s3cretSMTPpass"))


# --- Slack ------------------------------------------------------------------------------------------

def test_slack_message_is_readable(http_server, channel_config):
    result = REGISTRY["slack"](channel_config).send(notification())
    assert result.ok and result.status == 200 and result.attempts == 1
    [(path, body)] = http_server.requests
    assert path == f"/services/{SLACK_SECRET}"
    assert "HIGH: Failed logins from one IP (192.168.1.100)" in body["text"]
    assert "https://hm.example.test/alerts?alert=hm-failed-logins-192.168.1.100-abc" in body["text"]
    text = str(body["blocks"])
    for part in ("*Value*\\n3", "*Threshold*\\n3", "*Severity*\\nhigh", "*Subject*\\n192.168.1.100",
                 "Open in Health Monitor", "2026-01-15 09:00 UTC"):
        assert part in text


def test_slack_resolve_says_resolved(http_server, channel_config):
    REGISTRY["slack"](channel_config).send(notification("resolve", value=0.0))
    assert http_server.requests[0][1]["text"].startswith(":white_check_mark: Resolved: Failed logins")


# --- PagerDuty ----------------------------------------------------------------------------------------

def test_pagerduty_trigger_and_resolve_share_the_dedup_key(http_server, channel_config):
    http_server.default = 202
    channel = REGISTRY["pagerduty"](channel_config)
    assert channel.send(notification()).ok and channel.send(notification("resolve")).ok
    trigger, resolve = http_server.bodies("/v2/enqueue")
    assert trigger["routing_key"] == PD_SECRET and trigger["event_action"] == "trigger"
    assert trigger["payload"]["severity"] == "error" and trigger["payload"]["source"] == "health-monitor"
    assert trigger["payload"]["summary"].startswith("HIGH: Failed logins from one IP (192.168.1.100)")
    assert trigger["payload"]["custom_details"]["value"] == 3.0
    assert trigger["links"][0]["href"].startswith("https://hm.example.test/alerts")
    assert resolve == {"routing_key": PD_SECRET, "event_action": "resolve", "dedup_key": trigger["dedup_key"]}


@pytest.mark.parametrize(("ours", "theirs"), [("critical", "critical"), ("high", "error"), ("warning", "warning"),
                                              ("info", "info")])
def test_pagerduty_severity_mapping(http_server, channel_config, ours, theirs):
    REGISTRY["pagerduty"](channel_config).send(notification(severity=ours))
    assert http_server.requests[0][1]["payload"]["severity"] == theirs


# --- retries --------------------------------------------------------------------------------------------

def test_5xx_then_ok_is_retried_with_exponential_backoff(http_server, channel_config):
    http_server.queue = [500, 503]
    pauses: list[float] = []
    result = post_json(f"{http_server.url}/hook", {"a": 1}, config=channel_config, sleep=pauses.append)
    assert result.ok and result.attempts == 3 and pauses == [0.01, 0.02]


def test_429_is_retried_but_other_4xx_are_not(http_server, channel_config):
    http_server.queue = [429]
    assert post_json(f"{http_server.url}/hook", {}, config=channel_config, sleep=lambda s: None).attempts == 2
    http_server.queue = [404]
    result = post_json(f"{http_server.url}/hook/{SLACK_SECRET}", {}, config=channel_config, sleep=lambda s: None)
    assert not result.ok and result.status == 404 and result.attempts == 1
    assert result.error == f"HTTP 404 from {http_server.url}/***"  # the remote's reply is never shown


def test_exhausted_retries_are_a_failed_result(http_server, channel_config):
    http_server.default = 500
    result = REGISTRY["slack"](channel_config).send(notification())
    assert not result.ok and result.status == 500 and result.attempts == 3 and len(http_server.requests) == 3
    assert all_secrets_absent(result.error)


def test_timeouts_and_refused_connections_are_retried(channel_config):
    def boom(request):
        raise httpx.ReadTimeout("timed out", request=request)

    result = post_json("https://hooks.example.test/services/" + SLACK_SECRET, {}, config=channel_config,
                       sleep=lambda s: None, transport=httpx.MockTransport(boom))
    assert not result.ok and result.attempts == 3 and "ReadTimeout" in result.error
    assert all_secrets_absent(result.error) and "https://hooks.example.test/***" in result.error


def test_secrets_never_reach_results_or_logs(http_server, channel_config, caplog):
    caplog.set_level(logging.DEBUG)
    http_server.default = 500
    notifier = ChannelNotifier(channel_config)
    results = [notifier.send("slack", notification()), notifier.send("pagerduty", notification())]
    assert [r.ok for r in results] == [False, False]
    assert any("HTTP Request" in r.getMessage() for r in caplog.records)  # httpx did log, masked
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert logged and all_secrets_absent(logged) and all(all_secrets_absent(r.error) for r in results)
    assert "retrying POST" in logged


def test_unconfigured_and_unknown_channels_fail_clearly():
    notifier = ChannelNotifier(ChannelConfig())
    assert "set HM_ALERT_SLACK_WEBHOOK_URL" in notifier.send("slack", notification()).error
    assert "set HM_ALERT_PAGERDUTY_ROUTING_KEY" in notifier.send("pagerduty", notification()).error
    assert "set HM_ALERT_SMTP_HOST" in notifier.send("email", notification()).error
    assert "unknown channel 'teams'" in notifier.send("teams", notification()).error


def test_mask_helpers():
    assert redact_url("https://hooks.slack.com/services/T/B/x?y=1") == "https://hooks.slack.com/***"
    assert mask("posting to https://h.test/a/b failed for key abc123", ["abc123"]) == \
        "posting to https://h.test/*** failed for key ***"


# --- end to end: evaluator + real HTTP server -----------------------------------------------------------

def test_failed_delivery_recorded_then_delivered_on_a_later_run(http_server, channel_config):
    rule = next(r for r in default_rules() if r.name == "Repeated job failures")  # slack + pagerduty
    rows = [{"job_name": "ml_training", "start_time": "2026-01-15"}] * 3
    store = InMemoryAlertStore()
    notifier = ChannelNotifier(channel_config)
    http_server.default = 500
    first = run_evaluation([rule], lambda n, p: rows, store, notifier, NOW)
    assert len(store.events) == 1 and len(first.failed_deliveries) == 2  # the alert is kept
    assert {(d.channel, d.status, d.http_status, d.attempts) for d in store.deliveries} == \
        {("slack", "pending", None, 0), ("pagerduty", "pending", None, 0),  # the outbox rows, then the attempts
         ("slack", "failed", 500, 3), ("pagerduty", "failed", 500, 3)}
    assert all(all_secrets_absent(d.error or "") for d in store.deliveries)

    http_server.default = 202
    http_server.requests.clear()
    second = run_evaluation([rule], lambda n, p: rows, store, notifier, NOW + timedelta(hours=1))
    assert [(d.channel, d.ok, d.retry) for d in second.deliveries] == [("slack", True, True), ("pagerduty", True, True)]
    assert len(http_server.requests) == 2 and http_server.bodies("/v2/enqueue")[0]["event_action"] == "trigger"

    http_server.requests.clear()
    third = run_evaluation([rule], lambda n, p: rows, store, notifier, NOW + timedelta(hours=2))
    assert third.deliveries == [] and http_server.requests == []  # still firing: silent


# --- e-mail ---------------------------------------------------------------------------------------------

def test_email_plain_smtp(smtp_plain):
    config = ChannelConfig(smtp_host=smtp_plain.host, smtp_port=smtp_plain.port, smtp_from="hm@company.com",
                           base_url="https://hm.example.test")
    result = EmailChannel(config).send(notification())
    assert result.ok and result.status == 250
    [(sender, rcpts, raw)] = smtp_plain.messages
    assert sender == "hm@company.com" and rcpts == ["secops@company.com"]  # the rule owner by default
    msg = message_from_string(raw)
    assert msg["Subject"] == "[Health Monitor] HIGH: Failed logins from one IP (192.168.1.100)"
    body = msg.get_payload()
    assert "Value:     3" in body and "https://hm.example.test/alerts?alert=" in body


def test_email_always_starttls_refuses_a_server_without_it(smtp_plain):
    config = ChannelConfig(smtp_host=smtp_plain.host, smtp_port=smtp_plain.port, smtp_starttls="always",
                           email_to=["a@b.c"], retries=2, backoff_s=0)
    result = EmailChannel(config).send(notification())
    assert not result.ok and result.attempts == 1 and "does not offer STARTTLS" in result.error
    assert smtp_plain.messages == []


def test_email_starttls_and_login(smtp_tls, tls_files):
    config = ChannelConfig(smtp_host=smtp_tls.host, smtp_port=smtp_tls.port, smtp_username="hm",
                           smtp_password="s3cretSMTPpass", smtp_ca_file=str(tls_files[0]), email_to=["ops@company.com"])
    result = EmailChannel(config).send(notification("resolve", value=0.0))
    assert result.ok, result.error
    assert smtp_tls.logins and smtp_tls.logins[0][0] == "hm"
    assert "Resolved: Failed logins" in message_from_string(smtp_tls.messages[0][2])["Subject"]


def test_email_wrong_password_is_not_retried_and_masked(smtp_tls, tls_files, caplog):
    caplog.set_level(logging.DEBUG)
    config = ChannelConfig(smtp_host=smtp_tls.host, smtp_port=smtp_tls.port, smtp_username="hm",
                           smtp_password="s3cretSMTPpassWRONG", smtp_ca_file=str(tls_files[0]),
                           email_to=["ops@company.com"], retries=2, backoff_s=0)
    result = EmailChannel(config).send(notification())
    assert not result.ok and result.status == 535 and result.attempts == 1
    assert "s3cretSMTPpassWRONG" not in result.error and "s3cretSMTPpassWRONG" not in caplog.text
    assert smtp_tls.messages == []


def test_email_transient_failures_retry_with_backoff(monkeypatch):
    calls = []

    class Flaky:
        def __init__(self, *a, **k):
            calls.append(a)
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(smtplib, "SMTP", Flaky)
    pauses: list[float] = []
    config = ChannelConfig(smtp_host="127.0.0.1", smtp_port=1, email_to=["a@b.c"], retries=2, backoff_s=0.5)
    result = EmailChannel(config, sleep=pauses.append).send(notification())
    assert not result.ok and result.attempts == 3 and len(calls) == 3 and pauses == [0.5, 1.0]


def test_email_starttls_branch_without_a_tls_server(monkeypatch):
    """Unit check of the STARTTLS branch: upgrade when offered (auto), then EHLO again, then login."""
    steps = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            steps.append(("connect", host, port))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def ehlo(self):
            steps.append("ehlo")

        def has_extn(self, name):
            return name == "starttls"

        def starttls(self, context):
            steps.append("starttls")

        def login(self, user, password):
            steps.append(("login", user))

        def send_message(self, msg, from_addr, to_addrs):
            steps.append(("send", to_addrs))

    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    config = ChannelConfig(smtp_host="mail.test", smtp_username="u", smtp_password="p", email_to=["x@y.z"])
    assert EmailChannel(config).send(notification()).ok
    assert steps == [("connect", "mail.test", 587), "ehlo", "starttls", "ehlo", ("login", "u"), ("send", ["x@y.z"])]
    steps.clear()
    never = EmailChannel(config.model_copy(update={"smtp_starttls": "never"})).send(notification())
    assert not never.ok and never.permanent and "without TLS" in never.error  # no login in clear text
    assert "starttls" not in steps and not any(isinstance(s, tuple) and s[0] in ("login", "send") for s in steps)
    steps.clear()
    anonymous = config.model_copy(update={"smtp_starttls": "never", "smtp_username": None, "smtp_password": None})
    assert EmailChannel(anonymous).send(notification()).ok and ("send", ["x@y.z"]) in steps


def test_config_from_settings_and_secrets():
    class FakeSettings:
        alert_base_url = "https://app.test"
        alert_smtp_host = "smtp.test"
        alert_retries = 1

    config = ChannelConfig.from_settings(FakeSettings(), {"pagerduty_routing_key": "rk123456", "other": "x"})
    assert config.base_url == "https://app.test" and config.smtp_host == "smtp.test" and config.retries == 1
    assert config.pagerduty_routing_key.get_secret_value() == "rk123456"
    assert "rk123456" not in repr(config)
