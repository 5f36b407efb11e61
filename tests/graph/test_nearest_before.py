"""An empty window of an event-like play says so and quotes the most recent event before it (agents.spec.Before):
the same tool runs again over its longest window, and the row is said through the play's own lens."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from graph_fakes import AS_OF, FakeExecutor
from health_monitor.agents.registry import build_agent_registry
from health_monitor.graph.adapters import Understanding
from health_monitor.graph.findings import to_finding
from health_monitor.graph.planner import look_back_args
from health_monitor.graph.service import ask
from health_monitor.tools.executor import ToolResult
from health_monitor.tools.registry import get_registry

# as-of 2026-01-15 09:00 (a Thursday): "this week" is 2026-01-12..15; the outage was on Sunday the 11th.
OUTAGE = {"start_time": datetime(2026, 1, 11, 13, 9), "end_time": datetime(2026, 1, 11, 15, 6),
          "workspace_name": "production", "warehouse_id": "w1", "warehouse_name": "etl-warehouse",
          "event_type": "STARTING", "intervals": 3, "duration_minutes": 116.8}
UPTIME = {"workspace_name": "production", "warehouse_id": "w1", "warehouse_name": "etl-warehouse", "days": 4,
          "running_hours": 50.0, "outage_minutes": 0.0, "outages": 0, "availability_pct": 100.0,
          "worst_day_availability_pct": 100.0}
TIME_COLUMNS = {"get_warehouse_outages": "start_time", "get_failed_jobs": "start_time",
                "get_failed_auth_attempts": "event_time", "get_sla_breaches": "start_time",
                "get_freshness_violations": None}


class WindowedExecutor(FakeExecutor):
    """Canned rows, of which a call returns those inside its look-back (``days`` or ``hours`` from the as-of)."""

    def run(self, name: str, args: dict[str, Any] | None = None, **kw: Any) -> ToolResult:
        res = super().run(name, args, **kw)
        args = dict(args or {})
        column = TIME_COLUMNS.get(name)
        span = timedelta(days=args["days"]) if "days" in args else timedelta(hours=args["hours"]) \
            if "hours" in args else None
        if column and span is not None:
            rows = [r for r in res.rows if r[column] >= AS_OF - span]
            return ToolResult(tool=name, args=args, rows=rows, row_count=len(rows),
                              columns=list(res.rows[0]) if res.rows else [], ms=1.0)
        return res


def _understood(agent: str, question: str, *, window: tuple[date, date, str] | None, **slots: Any) -> Understanding:
    context: dict[str, Any] = {}
    if window is not None:
        start, end, label = window
        slots.update(start_date=start, end_date=end)
        context["understanding"] = {"question": question, "window": {"start": start.isoformat(),
                                                                     "end": end.isoformat(), "label": label}}
    return Understanding(agents=[agent], slots=slots, context=context)


THIS_WEEK = (date(2026, 1, 12), date(2026, 1, 15), "this week, 2026-01-12 to 2026-01-15 (UTC)")


def _ask(fake_context, compiled_graph, agent, question, rows, *, window=THIS_WEEK, **slots):
    ctx = fake_context({question: _understood(agent, question, window=window, **slots)},
                       executor=WindowedExecutor(rows))
    return ask(question, context=ctx, graph=compiled_graph, persist=False)


def test_an_empty_week_quotes_the_outage_just_before_it(fake_context, compiled_graph):
    answer = _ask(fake_context, compiled_graph, "reliability", "when did the warehouse go down, and for how long?",
                  {"get_warehouse_outages": [OUTAGE], "get_uptime_metrics": [UPTIME]})
    calls = [(c["tool"], c["args"].get("days")) for c in answer.tool_calls if c["tool"] == "get_warehouse_outages"]
    assert calls == [("get_warehouse_outages", 4), ("get_warehouse_outages", 90)]
    assert ("None in this week, 2026-01-12 to 2026-01-15 (UTC); the most recent before it: etl-warehouse was "
            "down 116.8 min from 2026-01-11 13:09 UTC.") in answer.answer
    assert "No warehouse outage in the period" not in answer.answer


def test_no_failover_recommendation_without_an_outage(fake_context, compiled_graph):
    answer = _ask(fake_context, compiled_graph, "reliability", "was the warehouse down this week, any outages?",
                  {"get_warehouse_outages": [], "get_uptime_metrics": [UPTIME]})
    assert "second cluster" not in answer.answer and "**Recommendation:**" not in answer.answer
    assert "No warehouse outage in the period; none in the last 90 days either." in answer.answer


def test_an_event_inside_the_window_needs_no_look_back(fake_context, compiled_graph):
    inside = {**OUTAGE, "start_time": datetime(2026, 1, 13, 2, 0)}
    answer = _ask(fake_context, compiled_graph, "reliability", "any warehouse outage this week?",
                  {"get_warehouse_outages": [inside, OUTAGE]})
    assert [c["tool"] for c in answer.tool_calls].count("get_warehouse_outages") == 1
    assert "most recent before it" not in answer.answer and "from 2026-01-13 02:00 UTC" in answer.answer


def test_failed_logins_from_a_named_ip_before_the_window(fake_context, compiled_graph):
    rows = [{"event_time": datetime(2026, 1, 2, 22, 15), "workspace_name": "production", "principal": "bob@x.com",
             "source_ip_address": "10.9.8.7", "user_agent": "curl", "service_name": "accounts",
             "action_name": "login", "status_code": 401, "error_message": "bad password", "is_after_hours": True,
             "attempts_from_ip": 1},
            {"event_time": datetime(2026, 1, 14, 21, 5), "workspace_name": "production", "principal": "eve@x.com",
             "source_ip_address": "10.1.1.1", "user_agent": "curl", "service_name": "accounts",
             "action_name": "login", "status_code": 401, "error_message": "bad password", "is_after_hours": True,
             "attempts_from_ip": 1}]
    answer = _ask(fake_context, compiled_graph, "security", "failed logins from 10.9.8.7 this week?",
                  {"get_failed_auth_attempts": rows}, ip=["10.9.8.7"], _named=["ip"])
    hours = [c["args"].get("hours") for c in answer.tool_calls if c["tool"] == "get_failed_auth_attempts"]
    assert hours[-1] == 744  # the tool's longest window (31 days), not the 90 the play allows
    assert "the most recent before it: 1 failed login from 10.9.8.7 (user bob@x.com" in answer.answer
    assert "10.1.1.1" not in answer.answer.split("**Security**")[1]


def test_failed_runs_look_back_only_for_a_named_job(fake_context, compiled_graph):
    run = {"start_time": datetime(2026, 1, 3, 4, 0), "end_time": datetime(2026, 1, 3, 4, 30),
           "workspace_id": "1", "workspace_name": "production", "job_id": "7", "job_name": "nightly_etl",
           "run_id": "r1", "result_state": "FAILED", "termination_code": "RUN_EXECUTION_ERROR",
           "error_message": "schema mismatch", "duration_seconds": 1800, "attempts": 1,
           "compute_type": "JOBS_COMPUTE", "run_as": "etl-sp"}
    named = _ask(fake_context, compiled_graph, "performance", "did nightly_etl fail this week?",
                 {"get_failed_jobs": [run]}, job=["nightly_etl"], _named=["job"])
    assert "the most recent before it: nightly_etl (production) failed once" in named.answer
    anyone = _ask(fake_context, compiled_graph, "performance", "which jobs failed this week?",
                  {"get_failed_jobs": [run]})
    assert [c["tool"] for c in anyone.tool_calls] == ["get_failed_jobs"]
    assert "most recent before it" not in anyone.answer


def test_a_listing_where_none_is_the_answer_does_not_look_back(fake_context, compiled_graph):
    answer = _ask(fake_context, compiled_graph, "quality", "which tables are stale?", {}, window=None)
    assert "most recent before it" not in answer.answer
    assert all(not c["args"].get("days") == 90 for c in answer.tool_calls)


@pytest.mark.parametrize(("tool", "args", "wider"), [
    ("get_warehouse_outages", {"warehouse": "etl-warehouse", "days": 4}, {"warehouse": "etl-warehouse", "days": 90}),
    ("get_failed_auth_attempts", {"hours": 24}, {"hours": 744}),
    ("get_failed_jobs", {"hours": 96, "workspace": "production"}, {"hours": 744, "workspace": "production"}),
    ("get_schema_changes", {"days": 1}, {"days": 90}),
])
def test_look_back_widens_the_window_to_the_longest_allowed(tool, args, wider):
    assert look_back_args(get_registry().get(tool), args, 90, AS_OF.date()) == wider


def test_every_look_back_play_reads_a_dated_tool_with_a_window():
    tools = get_registry()
    plays = [p for a in build_agent_registry(tools) for p in a.playbook if p.before is not None]
    assert {p.tool for p in plays} >= {"get_warehouse_outages", "get_sla_breaches", "get_failed_jobs",
                                       "get_failed_auth_attempts", "get_permission_changes", "get_schema_changes"}
    for play in plays:
        tool = tools.get(play.tool)
        assert tool.time_column, play.tool
        assert look_back_args(tool, {}, play.before.days, AS_OF.date()) is not None, play.tool


def test_a_recommendation_needs_rows_that_support_it():
    from health_monitor.agents.reliability import AGENT

    lens = next(p.lens for p in AGENT.playbook if p.tool == "get_uptime_metrics")
    cols = list(UPTIME)
    quiet = to_finding(agent="reliability", tool="t", title="A", rows=[UPTIME], lens=lens, columns=cols,
                       money_cols=set())
    assert quiet.recommendation is None
    down = to_finding(agent="reliability", tool="t", title="A", lens=lens, columns=cols, money_cols=set(),
                      rows=[{**UPTIME, "outages": 1, "outage_minutes": 117.0, "availability_pct": 97.6}])
    assert "second cluster" in down.recommendation


def test_the_most_recent_row_says_when_even_if_the_lens_does_not(fake_context, compiled_graph):
    breach = {"start_time": datetime(2026, 1, 9, 7, 5), "end_time": datetime(2026, 1, 9, 7, 25),
              "workspace_name": "production", "job_id": "9", "job_name": "hourly_ingest", "run_id": "r9",
              "duration_seconds": 1203, "sla_seconds": 900, "over_by_seconds": 303, "result_state": "SUCCEEDED"}
    answer = _ask(fake_context, compiled_graph, "performance", "any sla breaches this week?",
                  {"get_sla_breaches": [breach]})
    assert "the most recent before it: hourly_ingest exceeded its 15 min SLA once (on 2026-01-09 07:05 UTC)." \
        in answer.answer
