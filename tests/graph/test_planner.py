"""The offline planner: plays chosen by the question, arguments filled from slots and validated."""

from __future__ import annotations

from datetime import date

import pytest
from health_monitor.agents.registry import build_agent_registry
from health_monitor.agents.spec import AgentSpec, Lens, Play
from health_monitor.graph.planner import choose_plays, derive_slots, mask_names, plan, validate_args
from health_monitor.tools.registry import get_registry

AS_OF_DATE = date(2026, 1, 15)
REG = get_registry()
AGENTS = build_agent_registry(REG)


def _plan(agent, question, **slots):
    return plan(AGENTS.get(agent), question=question, intents=[], slots=slots, registry=REG, as_of_date=AS_OF_DATE)


def test_yesterday_fills_date_days_and_hours():
    slots = derive_slots({"start_date": date(2026, 1, 14), "end_date": date(2026, 1, 14)}, AS_OF_DATE)
    assert slots["date"] == date(2026, 1, 14) and slots["days"] == 2 and slots["hours"] == 48


def test_drivers_question_calls_the_drivers_tool_for_that_day():
    calls = _plan("cost", "what drove the cost jump?", start_date=date(2026, 1, 14), end_date=date(2026, 1, 14))
    assert "get_top_cost_drivers" in [c.tool for c in calls]
    drivers = next(c for c in calls if c.tool == "get_top_cost_drivers")
    assert drivers.args["date"] == date(2026, 1, 14)


def test_entities_fill_name_parameters():
    calls = _plan("reliability", "what's the MTBF?", workspace=["production"])
    assert calls[0].tool == "get_mtbf_mttr" and calls[0].args == {"workspace": "production"}


def test_out_of_bounds_arguments_are_dropped_not_sent():
    tool = REG.get("get_top_queries")
    args, dropped = validate_args(tool, {"top_n": 100000, "days": 7}, AS_OF_DATE)
    assert args == {"days": 7} and dropped == ["top_n"]
    args, dropped = validate_args(REG.get("get_daily_cost_summary"),
                                  {"start_date": date(2026, 3, 1), "end_date": date(2026, 1, 1)}, AS_OF_DATE)
    assert "start_date" in dropped and args == {"end_date": date(2026, 1, 1)}


def test_unmatched_question_uses_the_default_plays():
    spec = AGENTS.get("security")
    plays = choose_plays(spec, "hmm")
    assert plays and all(p.default for p in plays)


def test_needs_gates_a_play():
    assert "get_cluster_cpu_history" not in [c.tool for c in _plan("performance", "cpu history")]
    assert "get_cluster_cpu_history" in [c.tool for c in _plan("performance", "cpu history",
                                                                 cluster=["prod-etl-cluster"])]


def test_names_are_masked_before_matching():
    assert "cost" not in mask_names("average inference time for cost_anomaly_detector",
                                    {"model": ["cost_anomaly_detector"]})
    tools = [c.tool for c in _plan("mlops", "What's the average inference time for cost_anomaly_detector?",
                                   model=["cost_anomaly_detector"])]
    assert tools == ["get_inference_metrics"]


def test_same_tool_with_different_arguments_runs_once_each():
    tools = [(c.tool, c.args.get("category")) for c in _plan("optimization", "how do we cut warehouse spend")]
    assert ("get_savings_recommendations", None) in tools
    assert ("get_savings_recommendations", "warehouse_rightsizing") in tools


def test_play_templates_with_fallbacks():
    spec = AgentSpec(name="x", title="X", description="d" * 40, system_prompt="{as_of}", examples=("q",),
                     playbook=(Play("search_security_events", args={"text": "$group|$ip"}, default=True, lens=Lens()),))
    calls = plan(spec, question="q", intents=[], slots={"ip": ["192.168.1.100"]}, registry=REG, as_of_date=AS_OF_DATE)
    assert calls[0].args["text"] == "192.168.1.100"


@pytest.mark.parametrize(("agent", "text", "tool"), [
    ("cost", "which workspace hogs the budget", "get_top_cost_drivers"),
    ("cost", "what is consuming our dbus in staging", "get_top_cost_drivers"),
    ("cost", "spend with no tag on it", "get_untagged_spend"),
    ("cost", "compute we can't charge back to a team", "get_untagged_spend"),
    ("governance", "tablas sin descripción (what tables have no description)", "get_undocumented_tables"),
])
def test_plays_for_everyday_words(agent, text, tool):
    spec = AGENTS.get(agent)
    assert tool in [p.tool for p in choose_plays(spec, text)]


def test_a_regulation_name_inside_a_word_does_not_choose_compliance():
    spec = AGENTS.get("governance")
    assert "get_compliance_report" not in [p.tool for p in choose_plays(spec, "tables with no descripción")]


def test_a_compared_play_also_runs_on_the_comparison_window():
    calls = _plan("cost", "production spend compared with the week before", start_date=date(2026, 1, 8),
                  end_date=date(2026, 1, 15), compare_start=date(2025, 12, 31), compare_end=date(2026, 1, 7))
    summary = [c for c in calls if c.tool == "get_daily_cost_summary"]
    assert [c.comparison for c in summary] == [False, True]
    assert summary[1].args["start_date"] == date(2025, 12, 31) and summary[1].args["end_date"] == date(2026, 1, 7)
    # The last-N-days comparison tool does not answer a labelled comparison window.
    assert "get_cost_period_comparison" not in {c.tool for c in calls}


def test_a_trailing_tool_reads_exactly_the_comparison_window():
    calls = _plan("reliability", "warehouse uptime compared with the month before", start_date=date(2026, 1, 1),
                  end_date=date(2026, 1, 15), compare_start=date(2025, 12, 1), compare_end=date(2025, 12, 15))
    earlier = next(c for c in calls if c.tool == "get_uptime_metrics" and c.comparison)
    # ``days`` back from ``end_date`` lands on ``start_date`` (the SQL reads greatest() of the two).
    assert earlier.args["end_date"] == date(2025, 12, 15) and earlier.args["days"] == 14


def test_no_comparison_calls_without_a_comparison_window():
    calls = _plan("cost", "production spend last week", start_date=date(2026, 1, 8), end_date=date(2026, 1, 15))
    assert not any(c.comparison for c in calls)


def test_which_tables_a_named_user_read_reads_their_pii_access():
    calls = _plan("security", "which tables did user read last week", user=["analyst@company.com"])
    pii = next(c for c in calls if c.tool == "get_pii_access_logs")
    assert pii.args["user"] == "analyst@company.com"


def test_after_hours_findings_are_about_people_not_service_principals():
    from datetime import datetime

    from health_monitor.graph.findings import to_finding

    play = next(p for p in AGENTS.get("security").playbook if p.tool == "get_after_hours_activity")
    rows = [{"event_date": date(2026, 1, 14), "principal": "etl-sp", "is_service_principal": True, "events": 50,
             "first_event": datetime(2026, 1, 14, 0, 10), "last_event": datetime(2026, 1, 14, 23, 0)},
            {"event_date": date(2026, 1, 14), "principal": "ann@x.com", "is_service_principal": False, "events": 9,
             "first_event": datetime(2026, 1, 14, 2, 0), "last_event": datetime(2026, 1, 14, 3, 0)}]
    f = to_finding(agent="security", tool=play.tool, title=play.title, rows=rows, lens=play.lens,
                   columns=list(rows[0]), money_cols=set())
    assert "ann@x.com" in f.summary and "etl-sp" not in f.summary


def test_a_future_window_sets_no_look_back():
    from datetime import date

    from health_monitor.graph.planner import derive_slots

    slots = derive_slots({"start_date": date(2026, 1, 19), "end_date": date(2026, 1, 25)}, date(2026, 1, 15))
    assert "days" not in slots and "hours" not in slots


def test_a_window_longer_than_the_tool_reads_is_its_longest_window():
    """"Where do we land by the end of next quarter" asks 117 days of a 60-day forecast: it reads 60, not 30."""
    args, dropped = validate_args(REG.get("get_cost_forecast"), {"days": 117}, AS_OF_DATE)
    assert args == {"days": 60} and dropped == []


def test_mtbf_compared_between_months_runs_on_both_windows():
    """"MTBF this month vs last month" read this month only: the MTBF play had no compared figure."""
    calls = _plan("reliability", "MTBF for production this month vs last month", start_date=date(2026, 1, 1),
                  end_date=date(2026, 1, 15), compare_start=date(2025, 12, 1), compare_end=date(2025, 12, 31))
    mtbf = [c for c in calls if c.tool == "get_mtbf_mttr"]
    assert [c.comparison for c in mtbf] == [False, True]
