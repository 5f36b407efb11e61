"""The real graph with canned tool rows: routing, parallel fan-out, findings, synthesis, resilience.

The parser is the real one (``graph.nlp``): the specialists an answer names are chosen by the router
from the question's words, never supplied by the test. Only the tools' rows are canned."""

from __future__ import annotations

import time

from graph_fakes import DEMO_ROWS, FakeExecutor
from health_monitor.graph.events import Final, Routing, Token, ToolEnd, ToolStart
from health_monitor.graph.service import ask, stream

Q = "Why are costs high and jobs failing?"
#: None: the context uses the real parser (the router decides which specialists run).
REAL = None


def test_multi_agent_answer_has_sections_figures_link_and_footer(compiled_graph, fake_context):
    answer = ask(Q, context=fake_context(REAL), graph=compiled_graph, persist=False)
    text = answer.answer
    assert answer.agents == ["cost", "performance"]
    assert "**Cost**" in text and "**Performance**" in text
    assert "$2,310" in text and "+45%" in text and "CUDA out of memory" in text
    assert "**Across domains:**" in text and "ml_training" in text
    assert "dig further" in text
    assert text.rstrip().endswith("._") and "Data as of 2026-01-15 09:00 UTC" in text
    assert "get_cost_anomalies" in text.splitlines()[-1]
    # The specialists' calls, plus the synthesis's lineage reads (how the findings connect).
    assert {c["agent"] for c in answer.tool_calls} - {"synthesis"} == {"cost", "performance"}
    assert {c["tool"] for c in answer.tool_calls if c["agent"] == "synthesis"} <= {"get_table_lineage"}
    assert all(set(c) >= {"agent", "tool", "args", "ok", "rows", "ms"} for c in answer.tool_calls)


def test_stream_events_in_order(compiled_graph, fake_context):
    events = list(stream(Q, context=fake_context(REAL), graph=compiled_graph, persist=False))
    kinds = [type(e).__name__ for e in events]
    assert kinds[0] == "Routing" and kinds[-1] == "Final"
    assert isinstance(events[0], Routing) and events[0].agents == ["cost", "performance"]
    starts = [e for e in events if isinstance(e, ToolStart)]
    ends = [e for e in events if isinstance(e, ToolEnd)]
    assert starts and len(starts) == len(ends)
    assert {e.call_id for e in starts} == {e.call_id for e in ends}
    assert all(e.rows >= 0 and e.ms >= 0 for e in ends)
    first_token = kinds.index("Token")
    assert first_token > kinds.index("ToolEnd")
    streamed = "".join(e.text for e in events if isinstance(e, Token))
    final = events[-1]
    assert isinstance(final, Final) and streamed == final.answer.answer


def test_specialists_run_in_parallel(compiled_graph, fake_context):
    ctx = fake_context(REAL, executor=FakeExecutor(DEMO_ROWS, delay_s=0.3))
    started = time.perf_counter()
    answer = ask("costs, security alerts and failed jobs yesterday", context=ctx, graph=compiled_graph,
                 persist=False)
    assert answer.agents == ["cost", "security", "performance"]
    wall = time.perf_counter() - started
    calls = len(answer.tool_calls)
    assert calls >= 4
    assert wall < 0.3 * calls * 0.6, f"{calls} calls of 0.3 s took {wall:.2f} s: not parallel"


def test_a_failing_tool_is_reported_and_others_still_answer(compiled_graph, fake_context):
    ctx = fake_context(REAL, executor=FakeExecutor(DEMO_ROWS, fail={"get_failed_jobs"}))
    answer = ask(Q, context=ctx, graph=compiled_graph, persist=False)
    assert "$2,310" in answer.answer
    assert "get_failed_jobs failed" in answer.answer and "other sections are unaffected" in answer.answer
    assert [c for c in answer.tool_calls if c["tool"] == "get_failed_jobs"][0]["ok"] is False


def test_an_exploding_agent_never_sinks_the_others(compiled_graph, fake_context):
    ctx = fake_context(REAL, executor=FakeExecutor(DEMO_ROWS, boom={"get_failed_jobs", "get_job_failure_reasons"}))
    answer = ask(Q, context=ctx, graph=compiled_graph, persist=False)
    assert "**Cost**" in answer.answer and "$2,310" in answer.answer
    assert "performance agent failed" in answer.answer


def test_off_topic_is_declined_politely(compiled_graph, fake_context):
    answer = ask("Tell me a joke about Kubernetes.", context=fake_context(REAL), graph=compiled_graph, persist=False)
    assert answer.agents == [] and answer.declined and answer.tool_calls == []
    assert "outside what I can help with" in answer.answer and "**cost**" in answer.answer
    assert "Data as of 2026-01-15 09:00 UTC; no tools were used" in answer.answer


def test_forced_agent(compiled_graph, fake_context):
    answer = ask(Q, context=fake_context(REAL), graph=compiled_graph, persist=False, agent="security")
    assert answer.agents == ["security"]
    assert {c["agent"] for c in answer.tool_calls} == {"security"}


def test_empty_question(compiled_graph, fake_context):
    answer = ask("   ", context=fake_context(REAL), graph=compiled_graph, persist=False)
    assert answer.declined and "empty" in answer.answer and not answer.tool_calls
