"""Rule validation: clear, field-named messages; catalog checks; dedup keys; defaults."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from health_monitor.alerts.defaults import default_rules
from health_monitor.alerts.rules import AlertRule, RuleError, dedup_key, parse_rule
from pydantic import BaseModel

# The catalog the tool author promised (names and parameters), as a test double.
CATALOG = {
    "get_cost_anomalies": ["lookback_days"],
    "get_failed_jobs": ["hours", "workspace"],
    "get_failed_auth_attempts": ["hours"],
    "get_freshness_violations": ["hours"],
    "get_model_drift": ["model_name"],
    "get_budget_status": ["workspace"],
    "get_job_runs": ["hours", "workspace"],
    "get_daily_cost_summary": {"type": "object", "properties": {"start_date": {}, "end_date": {}}},
    "get_sla_breaches": ["days"],
}


def rule_data(**over) -> dict:
    data = {"name": "Failed logins", "measure": {"tool": "get_failed_auth_attempts", "params": {},
                                                "value": {"aggregate": "count", "subject": "source_ip_address"}},
            "comparator": ">=", "threshold": 3, "window": {"amount": 24, "unit": "hours"}, "channels": ["slack"]}
    data.update(over)
    return data


def test_a_good_rule_parses_and_validates():
    rule = parse_rule(rule_data()).validate_against(CATALOG.get)
    assert rule.comparator == ">=" and rule.threshold == 3.0
    assert rule.tool_params(CATALOG["get_failed_auth_attempts"]) == {"hours": 24}


@pytest.mark.parametrize(("word", "symbol"), [("above", ">"), ("more than", ">"), ("at least", ">="),
                                              ("below", "<"), ("At  Most", "<="), ("!=", "!=")])
def test_comparator_words(word, symbol):
    assert parse_rule(rule_data(comparator=word)).comparator == symbol


def test_unknown_comparator_is_refused_naming_the_field():
    with pytest.raises(RuleError, match=r"comparator: unknown comparator 'roughly'.*>=.*'above'"):
        parse_rule(rule_data(comparator="roughly"))


@pytest.mark.parametrize("bad", ["lots", True, [3], float("nan")])
def test_threshold_must_be_a_number(bad):
    with pytest.raises(RuleError, match=r"rule 'Failed logins': threshold: must be a (finite )?number"):
        parse_rule(rule_data(threshold=bad))


def test_threshold_text_with_dollars_is_a_number():
    assert parse_rule(rule_data(threshold="$1,500")).threshold == 1500.0


def test_threshold_or_baseline_exactly_one():
    with pytest.raises(RuleError, match="either a threshold .* or a baseline .* neither"):
        parse_rule(rule_data(threshold=None))
    with pytest.raises(RuleError, match="both"):
        parse_rule(rule_data(baseline={"kind": "median", "days": 7, "multiple": 2, "field": "x"}))


def test_unknown_severity_channel_and_field_are_named():
    with pytest.raises(RuleError, match=r"severity: .*'info'.*got 'loud'"):
        parse_rule(rule_data(severity="loud"))
    with pytest.raises(RuleError, match=r"channels\.0: .*'slack'.*got 'teams'"):
        parse_rule(rule_data(channels=["teams"]))
    with pytest.raises(RuleError, match=r"colour: is not a rule field"):
        parse_rule(rule_data(colour="red"))
    with pytest.raises(RuleError, match=r"measure.value: .*value.field is required with aggregate 'max'"):
        parse_rule(rule_data(measure={"tool": "get_failed_jobs", "value": {"aggregate": "max"}}))


def test_unknown_tool_is_refused():
    rule = parse_rule(rule_data(measure={"tool": "get_weather", "value": {"aggregate": "count"}}))
    with pytest.raises(RuleError, match=r"measure.tool: unknown tool 'get_weather'"):
        rule.validate_against(CATALOG.get)


def test_unknown_param_is_refused_with_the_accepted_ones():
    rule = parse_rule(rule_data(measure={"tool": "get_failed_auth_attempts", "params": {"ip": "1.2.3.4"},
                                         "value": {"aggregate": "count"}}))
    with pytest.raises(RuleError, match=r"measure.params: get_failed_auth_attempts does not take 'ip'; it takes hours"):
        rule.validate_against(CATALOG.get)


def test_window_needs_a_window_parameter():
    rule = parse_rule(rule_data(measure={"tool": "get_model_drift", "value": {"field": "drift_score"}}))
    with pytest.raises(RuleError, match="takes no window parameter"):
        rule.validate_against(CATALOG.get)


def test_pydantic_signature_checks_types():
    class FailedJobs(BaseModel):
        hours: int
        workspace: str | None = None

    rule = parse_rule(rule_data(measure={"tool": "get_failed_jobs", "params": {"hours": "many"},
                                         "value": {"aggregate": "count"}}, window=None))
    with pytest.raises(RuleError, match=r"measure.params: hours: Input should be a valid integer"):
        rule.validate_against(lambda name: FailedJobs if name == "get_failed_jobs" else None)


def test_window_reaches_the_right_parameter():
    now = datetime(2026, 1, 15, 9, tzinfo=timezone.utc)
    rule = parse_rule(rule_data(window={"amount": 2, "unit": "days"}))
    assert rule.tool_params(["lookback_days"]) == {"lookback_days": 2}
    assert rule.tool_params(["hours"]) == {"hours": 48}
    assert rule.tool_params(["start_date", "end_date"], now=now) == {"start_date": "2026-01-13",
                                                                      "end_date": "2026-01-15"}


def test_scope_goes_to_the_tool_only_when_it_takes_it():
    rule = parse_rule(rule_data(scope={"workspace": "production"}))
    assert rule.tool_params(["hours", "workspace"]) == {"hours": 24, "workspace": "production"}
    assert rule.tool_params(["hours"]) == {"hours": 24}


def test_dedup_key_is_stable_and_per_subject():
    rule = parse_rule(rule_data())
    key = dedup_key(rule, "192.168.1.100")
    assert key == dedup_key(parse_rule(rule_data(threshold=5)), "192.168.1.100")  # same alert after an edit
    assert key != dedup_key(rule, "10.0.0.1")
    assert key.startswith("hm-failed-logins-192.168.1.100-") and len(key) <= 100
    assert dedup_key(rule.model_copy(update={"id": "42"}), "192.168.1.100") != key


def test_default_rules_are_valid_against_the_catalog():
    rules = default_rules()
    assert len(rules) == 6 and len({r.name for r in rules}) == 6
    for rule in rules:
        rule.validate_against(CATALOG.get)
        assert AlertRule.model_validate_json(rule.model_dump_json()) == rule  # round-trips as JSON
    tools = {r.measure.tool for r in rules}
    assert tools == {"get_cost_anomalies", "get_failed_jobs", "get_failed_auth_attempts",
                     "get_freshness_violations", "get_model_drift", "get_budget_status"}


def test_channel_vocabulary_matches_the_registry():
    from health_monitor.alerts.channels import REGISTRY
    from health_monitor.alerts.rules import KNOWN_CHANNELS

    assert set(REGISTRY) == set(KNOWN_CHANNELS)
