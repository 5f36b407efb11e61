"""The service layer: catalog contract, defaults installed once, integrations routing, test notifications."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from health_monitor.alerts import columns as C
from health_monitor.alerts import service
from health_monitor.alerts.defaults import default_rules
from health_monitor.alerts.evaluate import Action
from health_monitor.alerts.integrations import IntegrationNotifier
from health_monitor.db import repositories as repo
from health_monitor.db import session_scope
from health_monitor.db.crypto import SecretBox
from pg_support import PG_URL, private_schema
from sqlalchemy import text

AT = datetime(2026, 1, 15, 9, tzinfo=timezone.utc)


def _registry():
    from health_monitor.tools.registry import get_registry

    return get_registry()


# --- the catalog contract -------------------------------------------------------------------------------

@pytest.mark.parametrize("cols", [v for v in vars(C).values() if isinstance(v, C.ToolColumns)], ids=lambda c: c.tool)
def test_columns_match_the_live_catalog(cols):
    registry = _registry()
    if cols.tool not in registry:
        pytest.fail(f"{cols.tool} is not in the tool catalog; fix alerts/columns.py")
    tool = registry.get(cols.tool)
    produced = set(tool.column_names) | {tool.net_column(c) for c in tool.cost_columns}
    for role in ("subject", "value", "date", "baseline", "flag"):
        column = getattr(cols, role)
        assert column is None or column in produced, f"{cols.tool} has no {role} column {column!r}: {sorted(produced)}"
    params = set(tool.params.public_fields())
    if cols.window_param == "date_range":
        assert {"start_date", "end_date"} <= params
    elif cols.window_param:
        assert cols.window_param in params


def test_default_rules_fit_the_live_catalog():
    for rule in default_rules():
        service.validate_rule(rule)


def test_a_proposal_drops_a_window_its_tool_cannot_take():
    proposal = service.propose_from_text("tell me when a query runs longer than 15 minutes on bi-warehouse", "me")
    assert proposal.rule.window is None and proposal.rule.threshold == 15
    assert "get_slow_queries takes no time window; '24 hours' is ignored" in proposal.notes


def test_install_default_rules_once(state_engine):
    assert len(service.install_default_rules(state_engine, "ops@company.com")) == 6
    with session_scope(state_engine) as s:
        [rule] = [r for r in repo.list_rules(session=s, user_id="ops@company.com") if r.name == "Stale tables"]
        repo.delete_rule(session=s, user_id="ops@company.com", rule_id=rule.id)
    assert service.install_default_rules(state_engine, "ops@company.com") == []  # a deleted default stays deleted
    stored = service.user_rules(state_engine, "ops@company.com")
    assert len(stored) == 5 and all(r.rule is not None and r.summary.startswith("Measures ") for r in stored)
    assert {r.rule.owner for r in stored} == {"ops@company.com"} and all(r.rule.id == r.record.id for r in stored)


# --- integrations ---------------------------------------------------------------------------------------------

def _integration(engine, settings, user, channel, *, scope="user", config=None, secrets=None):
    with session_scope(engine) as s:
        return repo.create_integration(session=s, user_id=user, channel=channel, scope=scope, config=config or {},
                                       secrets=secrets, box=SecretBox.from_settings(settings),
                                       admins=("admin@company.com",))


def test_integrations_are_per_owner_and_never_borrow_install_credentials(alert_settings, state_engine, http_server):
    _integration(state_engine, alert_settings, "admin@company.com", "slack", scope="global",
                 secrets={"webhook_url": f"{http_server.url}/services/GLOBAL/hook/0123456789"})
    _integration(state_engine, alert_settings, "me@company.com", "slack",
                 secrets={"webhook_url": f"{http_server.url}/services/MINE/hook/0123456789"})
    _integration(state_engine, alert_settings, "me@company.com", "email", config={"to": "me@company.com, boss@x.io"})
    notifier = IntegrationNotifier.from_engine(alert_settings, state_engine)
    mine = notifier.config_for("me@company.com", "slack")
    assert "/MINE/" in mine.slack_webhook_url.get_secret_value()
    mail = notifier.config_for("me@company.com", "email")
    assert mail.email_to == ["me@company.com", "boss@x.io"] and mail.smtp_host is None  # not HM_ALERT_SMTP_HOST
    assert notifier.config_for("me@company.com", "pagerduty") is None  # the install's routing key is not theirs
    assert notifier.config_for("someone@company.com", "slack") is None  # nor the global Slack
    install = notifier.config_for("ops@company.com", "slack")  # the install's rules use the global integration
    assert "/GLOBAL/" in install.slack_webhook_url.get_secret_value()
    assert notifier.config_for("ops@company.com", "email").email_to == ["secops@company.com"]
    with session_scope(state_engine) as s:  # what the page lists: masked only
        shown = repo.list_integrations(session=s, user_id="me@company.com")
    assert all("0123456789" not in str(i) for i in shown)


def test_evaluation_notifies_the_rule_owners_integration(alert_settings, state_engine, warehouse, http_server):
    _integration(state_engine, alert_settings, "me@company.com", "slack",
                 secrets={"webhook_url": f"{http_server.url}/services/MINE/hook/0123456789"})
    service.save_rule(state_engine, "me@company.com",
                      service.propose_from_text("tell me on slack when stale tables appear", "me@company.com"))
    report = service.evaluate_all(alert_settings, engine=state_engine, warehouse=warehouse)
    assert report.count(Action.FIRE) == 1
    assert [p for p, _ in http_server.requests] == ["/services/MINE/hook/0123456789"]


# --- test notifications -------------------------------------------------------------------------------------------

def test_send_test_notification_to_each_channel(alert_settings, state_engine, http_server, smtp_plain):
    slack = service.send_test_notification("slack", alert_settings, engine=state_engine, user_id="ops@company.com",
                                           at=AT)
    assert slack.ok and "Test notification" in http_server.requests[-1][1]["text"]
    pd = service.send_test_notification("pagerduty", alert_settings, at=AT)
    actions = [b["event_action"] for b in http_server.bodies("/v2/enqueue")]
    assert pd.ok and actions == ["trigger", "resolve"]  # the test opens no lasting incident
    mail = service.send_test_notification("email", alert_settings, at=AT)
    assert mail.ok and smtp_plain.messages[-1][1] == ["secops@company.com"]
    assert not service.send_test_notification("teams", alert_settings).ok


def test_send_test_notification_for_a_stored_integration(alert_settings, state_engine, http_server):
    info = _integration(state_engine, alert_settings, "me@company.com", "slack",
                        secrets={"webhook_url": f"{http_server.url}/services/NEW/hook/0123456789"})
    result = service.send_test_notification("slack", alert_settings, engine=state_engine, user_id="me@company.com",
                                            integration_id=info.id)
    assert result.ok and http_server.requests[-1][0] == "/services/NEW/hook/0123456789"
    http_server.default = 404
    bad = service.send_test_notification("slack", alert_settings, engine=state_engine, user_id="me@company.com",
                                         integration_id=info.id)
    assert not bad.ok and bad.error == f"HTTP 404 from {http_server.url}/***"


# --- PostgreSQL ---------------------------------------------------------------------------------------------------

@pytest.mark.postgres
def test_e2e_evaluation_on_postgresql(alert_settings, warehouse, http_server):
    from health_monitor.db import make_engine, migrate

    with private_schema("hm_alerts") as schema:
        settings = alert_settings.model_copy(update={"database_url": PG_URL, "state_schema": schema})
        engine = make_engine(settings)
        try:
            migrate(engine)
            service.install_default_rules(engine, "ops@company.com")
            first = service.evaluate_all(settings, engine=engine, warehouse=warehouse)
            assert {("Failed logins from one IP", "192.168.1.100"), ("Repeated job failures", "ml_training")} <= \
                {(o.rule, o.subject) for o in first.outcomes if o.action == "fire"}
            sent = len(http_server.requests)
            second = service.evaluate_all(settings, engine=engine, warehouse=warehouse)
            assert second.count(Action.FIRE) == 0 and second.deliveries == [] and len(http_server.requests) == sent
            with engine.connect() as conn:  # the rows really are in the test schema
                assert conn.execute(text(f'select count(*) from "{schema}".alert_events')).scalar() == \
                    first.count(Action.FIRE)
        finally:
            engine.dispose()
