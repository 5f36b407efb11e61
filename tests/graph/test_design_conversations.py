"""The design's two example conversations reproduce their substance on the demo account."""

from __future__ import annotations

import statistics
import time

from health_monitor.graph.events import Token
from health_monitor.graph.service import ask, stream


def test_top_cost_drivers_and_security_issues_from_yesterday(demo_context):
    answer = ask("Show me the top cost drivers and any security issues from yesterday", context=demo_context)
    text = answer.answer
    assert answer.agents == ["cost", "security"]
    assert "**Cost**" in text and "**Security**" in text
    assert "ml_training" in text and "ml-workspace" in text and "$" in text
    assert "192.168.1.100" in text and "failed login" in text.lower()
    assert "2026-01-14" in str([c["args"] for c in answer.tool_calls])
    assert "Data as of 2026-01-15 09:00 UTC; tools used:" in text


def test_why_are_costs_high_and_jobs_failing(demo_context):
    answer = ask("Why are costs high and jobs failing?", context=demo_context)
    text = answer.answer
    assert answer.agents == ["cost", "performance"]
    assert "ml-workspace" in text and "+47%" in text  # the spike against the 7-day average
    assert "ml_training" in text and "CUDA out of memory" in text and "failed 3 times" in text
    # One connects the other, by job id: the job behind the cost jump is the job whose runs failed.
    link = text.split("**How these connect:**")[1].split("\n\n")[0]
    assert "`ml_training` (id " in link and "cost jump" in link and "failed 3 times" in link
    assert "dig further" in text


def test_offline_latency_and_time_to_first_token(demo_context):
    """Warm offline turns on the demo (scale 1), persisted to SQLite: generous bounds, figures printed."""
    questions = {"single": ["Which tables are stale?", "Any failed logins yesterday?",
                            "What's the MTBF for the production workspace?"],
                 "multi": ["Why are costs high and jobs failing?",
                           "Show me the top cost drivers and any security issues from yesterday"]}
    ask("warm up: costs yesterday?", context=demo_context, persist=False)
    for kind, qs in questions.items():
        totals, firsts = [], []
        for _ in range(3):
            for q in qs:
                started, first = time.perf_counter(), None
                for event in stream(q, context=demo_context):
                    if isinstance(event, Token) and first is None:
                        first = time.perf_counter() - started
                totals.append(time.perf_counter() - started)
                firsts.append(first)
        p50, worst = statistics.median(totals), max(totals)
        print(f"{kind}: p50 {p50 * 1000:.0f} ms, max {worst * 1000:.0f} ms, first token p50 "
              f"{statistics.median(firsts) * 1000:.0f} ms")
        assert worst < (2.0 if kind == "single" else 3.0)
