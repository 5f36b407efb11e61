"""Plain language -> proposed rule, offline."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from health_monitor.alerts.nl_rules import EXAMPLE, RuleNotUnderstood, propose_rule

NOW = datetime(2026, 1, 15, 9, tzinfo=timezone.utc)

# text -> (tool, comparator, threshold, baseline (kind, days, multiple) or None, scope, channels, window hours)
CASES = {
    "tell me on Slack if any production job costs more than twice its 7-day median":
        ("get_job_runs", ">", None, ("median", 7, 2.0), {"workspace": "production"}, ["slack"], 24),
    EXAMPLE: ("get_failed_auth_attempts", ">=", 3, None, {}, ["slack"], 24),
    "page me if the production daily cost exceeds $5,000":
        ("get_daily_cost_summary", ">", 5000, None, {"workspace": "production"}, ["pagerduty"], 24),
    "email me if analytics workspace spend is 30% above its 7-day average":
        ("get_daily_cost_summary", ">", None, ("mean", 7, 1.3), {"workspace": "analytics"}, ["email"], 24),
    "let me know by email if more than 5 jobs fail in a day":
        ("get_failed_jobs", ">", 5, None, {}, ["email"], 24),
    "tell me by email when a table hasn't been updated for more than 6 hours":
        ("get_freshness_violations", ">", 6, None, {}, ["email"], 24),
    "notify me when model drift on cost_anomaly_detector goes above 0.3":
        ("get_model_drift", ">", 0.3, None, {}, ["slack"], None),
    "notify PagerDuty when hourly_ingest breaches its SLA 3 times in a week":
        ("get_sla_breaches", ">=", 3, None, {"job": "hourly_ingest"}, ["pagerduty"], 168),
    "email me when a workspace is projected to exceed 90% of its budget":
        ("get_budget_status", ">", 90, None, {}, ["email"], None),
    "warn me when the ml-workspace budget is projected to go over budget":
        ("get_budget_status", ">", 100, None, {"workspace": "ml-workspace"}, ["slack"], None),
    "tell me when a query runs longer than 15 minutes on bi-warehouse":
        ("get_slow_queries", ">", 15, None, {"warehouse": "bi-warehouse"}, ["slack"], 24),
    "tell me when a query runs longer than 1.5 hours":
        ("get_slow_queries", ">", 90, None, {}, ["slack"], 24),
    "Send a Slack message if yesterday's spend is 3x the weekly average":
        ("get_daily_cost_summary", ">", None, ("mean", 7, 3.0), {}, ["slack"], 24),
    "alert me when failed jobs in production exceed 10 in 24 hours":
        ("get_failed_jobs", ">", 10, None, {"workspace": "production"}, ["slack"], 24),
    "critical: page the on-call when stale tables appear":
        ("get_freshness_violations", ">", 24, None, {}, ["pagerduty"], 24),
    "slack me if daily cost is over 5k":
        ("get_daily_cost_summary", ">", 5000, None, {}, ["slack"], 24),
    "notify me if 3 or more failed logins come from one IP within 2 hours":
        ("get_failed_auth_attempts", ">=", 3, None, {}, ["slack"], 2),
    "email and slack me when the dev workspace cost goes up 25%":
        ("get_daily_cost_summary", ">", None, ("mean", 7, 1.25), {"workspace": "dev"}, ["slack", "email"], 24),
    "Tell me on Slack when a job fails at least 2 times in the last 12 hours":
        ("get_failed_jobs", ">=", 2, None, {}, ["slack"], 12),
    "let me know if SLA breaches for nightly_etl are at least 1 in the past 3 days":
        ("get_sla_breaches", ">=", 1, None, {"job": "nightly_etl"}, ["slack"], 72),
}


@pytest.mark.parametrize("text", list(CASES))
def test_phrasings(text):
    tool, comparator, threshold, baseline, scope, channels, hours = CASES[text]
    proposal = propose_rule(text, owner="me@company.com")
    rule = proposal.rule
    assert rule.measure.tool == tool
    assert rule.comparator == comparator
    assert rule.threshold == (pytest.approx(threshold) if threshold is not None else None)
    if baseline:
        assert (rule.baseline.kind, rule.baseline.days, rule.baseline.multiple) == \
            (baseline[0], baseline[1], pytest.approx(baseline[2]))
    else:
        assert rule.baseline is None
    assert rule.scope == scope and rule.channels == channels and rule.owner == "me@company.com"
    assert (rule.window.hours if rule.window else None) == hours
    assert proposal.summary.startswith("Measures ") and "notifies" in proposal.summary
    assert rule.description == text


def test_issue_example_summary():
    proposal = propose_rule("tell me on Slack if any production job costs more than twice its 7-day median")
    assert proposal.summary == ("Measures daily cost per job in workspace production; fires when it exceeds "
                                "2 x its 7-day median (severity warning); notifies Slack")
    rule = proposal.rule
    assert rule.measure.value.subject == "job_name" and rule.measure.value.aggregate == "sum"
    assert rule.tool_params(["hours", "workspace"], now=NOW) == {"workspace": "production", "hours": 216}


def test_model_name_and_pagerduty_severity():
    drift = propose_rule("notify me when model drift on cost_anomaly_detector goes above 0.3").rule
    assert drift.measure.params == {"model_name": "cost_anomaly_detector"}
    assert propose_rule("page me when failed logins reach 5 in an hour").rule.severity == "high"
    assert propose_rule("critical: page the on-call when stale tables appear").rule.severity == "critical"


def test_assumptions_are_noted():
    notes = propose_rule("warn me when the ml-workspace budget is projected to go over budget").notes
    assert "no threshold given: using 100" in notes and "no channel named: notifying Slack" in notes


@pytest.mark.parametrize("text", ["what's the weather", "alert me about stuff", ""])
def test_not_understood_suggests_an_example(text):
    with pytest.raises(RuleNotUnderstood, match=r"could not understand .*no metric recognised.*try 'alert me on "
                                                r"Slack when failed logins from one IP reach 3 in 24 hours'"):
        propose_rule(text)


def test_threshold_needed_for_open_ended_metrics():
    with pytest.raises(RuleNotUnderstood, match="no threshold for query duration"):
        propose_rule("tell me about slow queries on Slack")
