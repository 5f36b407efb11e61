"""The LLM path on the demo: real tools chosen by a scripted model, real rows, the figure check."""

from __future__ import annotations

from dataclasses import replace

from graph_fakes import ScriptedChatModel, tool_call
from health_monitor.graph.service import ask
from langchain_core.messages import AIMessage, ToolMessage


def _model(synthesis: str) -> ScriptedChatModel:
    def route(messages):
        system = messages[0].content
        if "route questions" in system:
            return AIMessage("", tool_calls=[tool_call("RouteDecision", {"agents": ["cost"], "reason": "spend"})])
        if "Findings:" in system:
            return AIMessage(synthesis)
        if any(isinstance(m, ToolMessage) for m in messages):
            return AIMessage("ml-workspace is the outlier.")
        return AIMessage("", tool_calls=[tool_call("get_cost_anomalies", {"lookback_days": 2}, "c1")])

    return ScriptedChatModel(route=route)


def test_llm_answer_with_real_figures_is_kept(demo_context):
    text = "ml-workspace spent $2,274 on 2026-01-14, about 47% above its 7-day average of $1,547."
    ctx = replace(demo_context, llm=_model(text), extras={})
    answer = ask("Why did costs jump?", context=ctx, persist=False)
    assert answer.tool_calls[0]["tool"] == "get_cost_anomalies" and answer.tool_calls[0]["ok"]
    assert not answer.revised and answer.answer.startswith(text)
    assert "tools used: get_cost_anomalies" in answer.answer


def test_llm_answer_with_invented_figures_is_replaced(demo_context):
    ctx = replace(demo_context, llm=_model("ml-workspace spent $4,100 yesterday, 80% above normal."), extras={})
    answer = ask("Why did costs jump?", context=ctx, persist=False)
    assert answer.revised and "$4,100" not in answer.answer and "$2,274" in answer.answer
