"""Evaluation core and state machine: fire once, still firing is silent, resolve tells PagerDuty."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest
from health_monitor.alerts.channels.base import DeliveryResult, Notification
from health_monitor.alerts.defaults import default_rules
from health_monitor.alerts.evaluate import (
    Action,
    Observation,
    RuleEvaluationError,
    evaluate_rule,
    run_evaluation,
    transition,
)
from health_monitor.alerts.nl_rules import propose_rule
from health_monitor.alerts.rules import dedup_key, parse_rule
from health_monitor.alerts.store import InMemoryAlertStore

NOW = datetime(2026, 1, 15, 9, tzinfo=timezone.utc)
RULES = {r.name: r for r in default_rules(owner="ops@company.com")}


class RecordingNotifier:
    def __init__(self, fail: set[str] = frozenset()):
        self.sent: list[tuple[str, Notification]] = []
        self.fail = set(fail)

    def send(self, channel, notification):
        self.sent.append((channel, notification))
        if channel in self.fail:
            return DeliveryResult(ok=False, status=500, attempts=3, error="HTTP 500")
        return DeliveryResult(ok=True, status=200)


def logins(*ips):
    return [{"source_ip_address": ip, "event_time": f"2026-01-14T20:0{i}:00"} for i, ip in enumerate(ips)]


# --- evaluate_rule -------------------------------------------------------------------------------------

def test_per_subject_counts():
    obs = evaluate_rule(RULES["Failed logins from one IP"], logins("192.168.1.100", "192.168.1.100",
                                                                   "192.168.1.100", "10.0.0.7"))
    assert [(o.subject, o.value, o.firing) for o in obs] == [("10.0.0.7", 1.0, False),
                                                             ("192.168.1.100", 3.0, True)]
    assert obs[1].message == "failed login attempts for IP 192.168.1.100: 3 (fires >= 3)"


def test_threshold_max_per_table_and_budget():
    rows = [{"table_full_name": "main.sales.orders_gold", "hours_since_update": 49.5},
            {"table_full_name": "main.crm.customers", "hours_since_update": 3.0}]
    obs = {o.subject: o for o in evaluate_rule(RULES["Stale tables"], rows)}
    assert obs["main.sales.orders_gold"].firing and not obs["main.crm.customers"].firing
    budget = evaluate_rule(RULES["Budget at risk"], [{"workspace_name": "ml-workspace", "projected_pct_of_budget": 118}])
    assert budget[0].firing and "118.0%" in budget[0].message


def test_baseline_field_cost_spike_uses_latest_complete_day():
    rows = []
    for ws, cost, base in (("ml-workspace", 2300.0, 1600.0), ("production", 1850.0, 1840.0),
                           ("analytics", 1120.0, 1000.0)):
        rows.append({"workspace_name": ws, "usage_date": date(2026, 1, 14), "net_cost": cost, "net_baseline_cost": base})
        rows.append({"workspace_name": ws, "usage_date": date(2026, 1, 15), "net_cost": 99999.0,
                     "net_baseline_cost": 1.0})  # today, incomplete: ignored
    obs = {o.subject: o for o in evaluate_rule(RULES["Cost spike vs trailing average"], rows, now=NOW)}
    assert obs["ml-workspace"].firing and obs["ml-workspace"].value == 2300.0
    assert obs["ml-workspace"].threshold == pytest.approx(1600 * 1.3)
    assert not obs["production"].firing and not obs["analytics"].firing
    assert "1.44 x its 7-day average of $1,600.00" in obs["ml-workspace"].message


def test_baseline_from_daily_history_median():
    rule = propose_rule("tell me on Slack if any production job costs more than twice its 7-day median").rule
    rows = []
    for back in range(1, 9):  # 8 complete days before today
        day = datetime(2026, 1, 15, 2, tzinfo=timezone.utc) - timedelta(days=back)
        rows.append({"job_name": "nightly_etl", "workspace_name": "production", "start_time": day,
                     "net_cost": 100.0 + back})
        rows.append({"job_name": "ml_training", "workspace_name": "ml-workspace", "start_time": day,
                     "net_cost": 900.0})  # out of scope: filtered by workspace
    rows.append({"job_name": "hourly_ingest", "workspace_name": "production", "start_time": NOW - timedelta(days=1),
                 "net_cost": 50.0})
    rows.append({"job_name": "hourly_ingest", "workspace_name": "production", "start_time": NOW - timedelta(days=2),
                 "net_cost": 10.0})
    rows.append({"job_name": "nightly_etl", "workspace_name": "production", "start_time": NOW - timedelta(days=1),
                 "net_cost": 400.0})  # second run yesterday: the day sums to 501
    obs = {o.subject: o for o in evaluate_rule(rule, rows, now=NOW)}
    assert set(obs) == {"nightly_etl", "hourly_ingest"}
    etl = obs["nightly_etl"]
    assert etl.value == 501.0 and etl.baseline == pytest.approx(105.0) and etl.firing  # median of 102..108
    assert obs["hourly_ingest"].value == 50.0 and obs["hourly_ingest"].baseline == 10.0 and obs["hourly_ingest"].firing


def test_no_history_does_not_fire():
    rule = propose_rule("tell me on Slack if any production job costs more than twice its 7-day median").rule
    obs = evaluate_rule(rule, [{"job_name": "x", "workspace_name": "production", "start_time": "2026-01-14",
                                "net_cost": 5.0}], now=NOW)
    assert not obs[0].firing and "no 7-day history" in obs[0].message


def test_whole_result_count_with_no_rows_is_zero():
    rule = parse_rule({"name": "Any failure", "measure": {"tool": "get_failed_jobs", "value": {"aggregate": "count"}},
                       "comparator": ">=", "threshold": 1})
    assert evaluate_rule(rule, []) == [Observation(None, 0.0, False, "rows: 0 (fires when >= 1)", 1.0)]


def test_missing_column_names_the_fix():
    with pytest.raises(RuleEvaluationError, match=r"subject column 'source_ip_address' is not in the rows .*"
                                                  r"columns: ip, n.*alerts/columns.py"):
        evaluate_rule(RULES["Failed logins from one IP"], [{"ip": "1.2.3.4", "n": 1}])


# --- the state machine ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("is_open", "firing", "action"), [(False, True, Action.FIRE), (True, True, Action.STILL_FIRING),
                                                            (True, False, Action.RESOLVE), (False, False, Action.NONE)])
def test_transition(is_open, firing, action):
    store = InMemoryAlertStore()
    event = store.fire(rule_id="r", rule_name="r", dedup_key="k", subject=None, severity="high", value=1,
                       threshold=1, message="m", at=NOW) if is_open else None
    assert transition(event, Observation(None, 1.0, firing, "m")) is action


def test_fire_once_still_firing_silent_then_resolve_to_pagerduty():
    rule = RULES["Repeated job failures"]  # slack + pagerduty
    store, notifier = InMemoryAlertStore(), RecordingNotifier()
    rows = [{"job_name": "ml_training", "workspace_name": "ml-workspace", "start_time": f"2026-01-15T0{i}:00"}
            for i in range(3)]
    tool = {"rows": rows}

    def run_tool(name, params):
        assert name == "get_failed_jobs" and params == {"hours": 24}
        return tool["rows"]

    first = run_evaluation([rule], run_tool, store, notifier, NOW)
    assert first.count(Action.FIRE) == 1 and [c for c, _ in notifier.sent] == ["slack", "pagerduty"]
    trigger = notifier.sent[1][1]
    assert trigger.kind == "trigger" and trigger.dedup_key == dedup_key(rule, "ml_training") and trigger.value == 3

    tool["rows"] = rows + rows[:1]
    second = run_evaluation([rule], run_tool, store, notifier, NOW + timedelta(hours=1))
    assert second.count(Action.STILL_FIRING) == 1 and len(notifier.sent) == 2  # no new page
    assert len(store.events) == 1 and store.open_events(rule.key)[0].value == 4  # the value seen is kept

    tool["rows"] = rows[:1]
    third = run_evaluation([rule], run_tool, store, notifier, NOW + timedelta(hours=2))
    assert third.count(Action.RESOLVE) == 1
    resolve = [n for c, n in notifier.sent[2:] if c == "pagerduty"]
    assert len(resolve) == 1 and resolve[0].kind == "resolve" and resolve[0].dedup_key == trigger.dedup_key
    assert store.open_events(rule.key) == [] and store.events[1].resolved_value == 1

    tool["rows"] = rows  # fires again: a new alert, same dedup key
    run_evaluation([rule], run_tool, store, notifier, NOW + timedelta(hours=3))
    assert len(store.events) == 2 and notifier.sent[-1][1].dedup_key == trigger.dedup_key


def test_vanished_subject_resolves():
    rule = RULES["Failed logins from one IP"]
    store, notifier = InMemoryAlertStore(), RecordingNotifier()
    run_evaluation([rule], lambda n, p: logins(*["192.168.1.100"] * 3), store, notifier, NOW)
    report = run_evaluation([rule], lambda n, p: [], store, notifier, NOW + timedelta(days=1))
    assert report.count(Action.RESOLVE) == 1 and notifier.sent[-1][1].kind == "resolve"


def test_failing_tool_keeps_alerts_open_and_other_rules_run():
    rules = [RULES["Failed logins from one IP"], RULES["Stale tables"]]
    store, notifier = InMemoryAlertStore(), RecordingNotifier()
    run_evaluation(rules[:1], lambda n, p: logins(*["192.168.1.100"] * 3), store, notifier, NOW)

    def run_tool(name, params):
        if name == "get_failed_auth_attempts":
            raise RuntimeError("warehouse down")
        return [{"table_full_name": "main.sales.orders_gold", "hours_since_update": 50}]

    report = run_evaluation(rules, run_tool, store, notifier, NOW + timedelta(hours=1))
    assert report.errors == [{"rule": "Failed logins from one IP", "error": "RuntimeError: warehouse down"}]
    assert report.count(Action.FIRE) == 1 and len(store.open_events(rules[0].key)) == 1


def test_disabled_rules_are_skipped():
    rule = RULES["Stale tables"].model_copy(update={"enabled": False})
    report = run_evaluation([rule], lambda n, p: pytest.fail("must not run"), InMemoryAlertStore(),
                            RecordingNotifier(), NOW)
    assert report.rules_evaluated == 0


def test_failed_delivery_is_retried_next_run_and_alert_kept():
    rule = RULES["Repeated job failures"]
    rows = [{"job_name": "ml_training", "start_time": "2026-01-15"}] * 3
    store, notifier = InMemoryAlertStore(), RecordingNotifier(fail={"pagerduty"})
    first = run_evaluation([rule], lambda n, p: rows, store, notifier, NOW)
    assert [d.channel for d in first.failed_deliveries] == ["pagerduty"] and len(store.events) == 1
    notifier.fail.clear()
    second = run_evaluation([rule], lambda n, p: rows, store, notifier, NOW + timedelta(hours=1))
    assert [(d.channel, d.kind, d.ok, d.retry) for d in second.deliveries] == [("pagerduty", "trigger", True, True)]
    assert store.due_deliveries(NOW + timedelta(hours=2)) == []
    assert second.to_dict()["still_firing"] == 1 and "1 still firing" in second.text()
    assert json.loads(json.dumps(second.to_dict()))["deliveries"][0]["channel"] == "pagerduty"


def test_trigger_retry_goes_before_resolve():
    rule = RULES["Repeated job failures"]
    rows = [{"job_name": "ml_training", "start_time": "2026-01-15"}] * 3
    store, notifier = InMemoryAlertStore(), RecordingNotifier(fail={"pagerduty"})
    run_evaluation([rule], lambda n, p: rows, store, notifier, NOW)
    notifier.fail.clear()
    run_evaluation([rule], lambda n, p: [], store, notifier, NOW + timedelta(hours=1))  # resolved meanwhile
    pd = [(n.kind) for c, n in notifier.sent if c == "pagerduty"]
    assert pd == ["trigger", "trigger", "resolve"]  # the retry goes first, then the resolve: PagerDuty ends closed
    assert store.due_deliveries(NOW + timedelta(hours=2)) == []


def test_trigger_retry_is_abandoned_once_resolved_and_resolve_retried():
    rule = RULES["Repeated job failures"]
    rows = [{"job_name": "ml_training", "start_time": "2026-01-15"}] * 3
    store, notifier = InMemoryAlertStore(), RecordingNotifier(fail={"pagerduty"})
    run_evaluation([rule], lambda n, p: rows, store, notifier, NOW)
    run_evaluation([rule], lambda n, p: [], store, notifier, NOW + timedelta(hours=1))  # resolves, PD still down
    notifier.fail.clear()
    notifier.sent.clear()
    third = run_evaluation([rule], lambda n, p: [], store, notifier, NOW + timedelta(hours=2))
    assert [(c, n.kind) for c, n in notifier.sent] == [("pagerduty", "resolve")]  # never re-open a resolved incident
    assert [d.status for d in store.deliveries if d.kind == "trigger" and d.channel == "pagerduty"][-1] == "abandoned"
    assert third.deliveries[0].retry and store.due_deliveries(NOW + timedelta(hours=3)) == []
