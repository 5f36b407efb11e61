"""MLflow tracing of a turn over HTTP: a root span per turn, a span per LLM call with the endpoint's
token counts, a span per tool call; and nothing traced when tracing is off (the default)."""

from __future__ import annotations

import pytest
from health_monitor.graph.service import ask
from test_llm_http import TABLE, Q, healthy

from health_monitor.core.settings import Settings

mlflow = pytest.importorskip("mlflow")


@pytest.mark.slow
def test_a_traced_turn_has_llm_and_tool_spans_with_token_counts(llm_server, http_context, llm_graph):
    server = llm_server(healthy())
    ctx = http_context(server, TABLE, llm_tracing=True, turn_budget_s=30.0)
    answer = ask(Q, context=ctx, graph=llm_graph, persist=False)
    assert answer.fallback == []
    mlflow.flush_trace_async_logging()
    trace_id = mlflow.get_last_active_trace_id()
    assert trace_id, "no trace was recorded"
    trace = mlflow.get_trace(trace_id)
    assert trace is not None, trace_id
    spans = {s.name: s for s in trace.data.spans}
    assert "turn" in spans and spans["turn"].parent_id is None
    assert {"llm:route", "llm:synthesis", "llm:specialist:cost", "llm:specialist:performance"} <= set(spans)
    assert {"tool:get_cost_anomalies", "tool:get_failed_jobs"} <= set(spans)
    synthesis = spans["llm:synthesis"]
    assert synthesis.attributes["input_tokens"] == 900 and synthesis.attributes["output_tokens"] > 0
    assert synthesis.inputs["messages"][0]["role"] == "system"
    assert spans["tool:get_failed_jobs"].outputs["rows"] == 3
    # every span hangs under the turn
    by_id = {s.span_id: s for s in trace.data.spans}
    for span in trace.data.spans:
        top = span
        while top.parent_id:
            top = by_id[top.parent_id]
        assert top.name == "turn", span.name
    total = sum(s.attributes.get("input_tokens", 0) for s in trace.data.spans if s.name.startswith("llm:"))
    assert total == answer.usage["input_tokens"]


def test_tracing_is_off_by_default(llm_server, http_context, llm_graph):
    assert Settings().llm_tracing is False
    before = mlflow.get_last_active_trace_id()
    server = llm_server(healthy())
    ask(Q, context=http_context(server, TABLE, turn_budget_s=30.0), graph=llm_graph, persist=False)
    assert mlflow.get_last_active_trace_id() == before
