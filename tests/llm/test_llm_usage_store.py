"""Token usage and cost are stored with each LLM answer (the message's context JSON) and summed by the
MLOps page's service: tokens per day, cost per answer, fallback rate, p95 latency."""

from __future__ import annotations

from dataclasses import replace

import pytest
from health_monitor.graph.adapters import open_engine
from health_monitor.graph.service import ask
from health_monitor.ui.llm_usage import kpis, llm_answers, summary
from openai_server import Reply
from test_llm_http import TABLE, Q, healthy

from health_monitor.core.settings import Settings

PRICES = {"test-model": {"input": 0.003, "output": 0.015}}


def test_usage_is_stored_and_summed_per_user(llm_server, http_context, llm_graph, tmp_path):
    failing = {"on": False}

    def respond(body):
        if failing["on"]:
            return Reply.error(500) if "Findings:" in str(body["messages"][0]["content"]) else healthy()(body)
        return healthy()(body)

    server = llm_server(respond)
    engine = open_engine(Settings(database_url=f"sqlite:///{tmp_path / 'state.sqlite'}"))
    ctx = http_context(server, TABLE, llm_prices=PRICES, turn_budget_s=30.0)
    ctx.engine = engine
    first = ask(Q, context=ctx, graph=llm_graph)
    failing["on"] = True
    second = ask(Q, context=ctx, graph=llm_graph, conversation_id=first.conversation_id)
    assert first.saved and second.saved and second.fallback[0]["step"] == "synthesis"
    other = replace(ctx, user_id="someone-else@company.com", extras={**ctx.extras, "llm_turn": None, "role": None})
    failing["on"] = False
    from health_monitor.graph.llm import reset_breakers

    reset_breakers()
    third = ask(Q, context=other, graph=llm_graph)
    assert third.saved

    mine = summary(llm_answers(engine, user_id=ctx.user_id, admin=False))
    assert mine["answers"] == 2
    assert mine["tokens"] == sum(a.usage["total_tokens"] for a in (first, second))
    assert mine["cost_per_answer"] == pytest.approx((first.usage["cost_usd"] + second.usage["cost_usd"]) / 2)
    assert mine["fallback_rate"] == 0.5 and mine["fallback_steps"] == {"synthesis": 1}
    assert mine["p95_latency_ms"] == max(first.timings["total_ms"], second.timings["total_ms"])
    assert len(mine["per_day"]) == 1 and mine["per_day"][0]["answers"] == 2
    everyone = summary(llm_answers(engine, user_id=ctx.user_id, admin=True))
    assert everyone["answers"] == 3
    cards = {k.label: k.value for k in kpis(mine)}
    assert cards["Fallback rate"] == "50%" and cards["Cost / answer"].startswith("$")


def test_no_llm_answers_is_not_measured_not_zero(tmp_path):
    engine = open_engine(Settings(database_url=f"sqlite:///{tmp_path / 'state.sqlite'}"))
    s = summary(llm_answers(engine, user_id="x@y", admin=True))
    assert s["answers"] == 0 and s["cost_per_answer"] is None and s["fallback_rate"] is None
    assert {k.label: k.value for k in kpis(s)}["Cost / answer"] == "not priced"
