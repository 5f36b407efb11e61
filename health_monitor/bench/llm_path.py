"""The LLM path against a fixed-latency fake endpoint: answer latency p50/p95, LLM calls per turn and
the orchestration overhead per turn (wall time when neither an LLM call nor SQL was running: routing,
fan-out, history, fencing, the figure and content checks, streaming), all within the turn budget.

The fake (:class:`health_monitor.bench.fakes.FixedLatencyChatModel`) answers every call after
``latency_s`` with the same decisions a good model would make, so the figures measure our path, not a
model. Every call still goes through :mod:`graph.llm` (budget, breaker, cancellation, usage).
"""

from __future__ import annotations

import time
from typing import Any

from health_monitor.bench.fakes import SpanRecorder, TimingWarehouse, scripted_model
from health_monitor.bench.stats import Section, p50_p95, union_ms
from health_monitor.graph.vocabulary import entity_index
from health_monitor.tools.executor import ToolExecutor
from health_monitor.tools.registry import get_registry


def llm_path(questions: list[dict[str, Any]], *, warehouse: Any, settings: Any, latency_s: float = 0.2,
             repeats: int = 1) -> Section:
    from health_monitor.graph.builder import build_graph
    from health_monitor.graph.context import RunContext
    from health_monitor.graph.llm import reset_breakers
    from health_monitor.graph.service import ask

    section = Section("llm", f"LLM path, fixed-latency fake endpoint ({latency_s * 1000:.0f} ms per call)")
    recorder = SpanRecorder()
    wh = TimingWarehouse(warehouse, recorder)
    model = scripted_model({q["question"]: list(q["agents"]) for q in questions}, latency_s=latency_s,
                           recorder=recorder)
    executor = ToolExecutor(wh, settings, get_registry())
    as_of, _ = executor.as_of()
    index = entity_index(warehouse)
    graph = build_graph(tools=get_registry())
    run_settings = settings.model_copy(update={"llm_tracing": False})

    def ctx() -> Any:
        return RunContext(user_id="bench@health-monitor", settings=run_settings, warehouse=wh, llm=model,
                          as_of=as_of, extras={"executor": executor}, entity_index=index)

    reset_breakers()
    ask(questions[0]["question"], context=ctx(), graph=graph, persist=False)  # warm: parser, vocabulary
    walls, overheads, calls, fallbacks, over_budget = [], [], [], 0, 0
    for _ in range(repeats):
        for q in questions:
            recorder.clear()
            t0 = time.perf_counter()
            answer = ask(q["question"], context=ctx(), graph=graph, persist=False)
            t1 = time.perf_counter()
            wall = (t1 - t0) * 1000
            walls.append(wall)
            overheads.append(wall - union_ms(recorder.of(), t0, t1))
            calls.append(recorder.count("llm"))
            fallbacks += bool(answer.fallback)
            over_budget += wall > run_settings.turn_budget_s * 1000
            section.details.append({"id": q.get("id"), "agents": answer.agents, "ms": round(wall, 1),
                                    "overhead_ms": round(overheads[-1], 1), "llm_calls": calls[-1],
                                    "fallback": answer.fallback})
    p50, p95 = p50_p95(walls)
    o50, o95 = p50_p95(overheads)
    section.add("LLM-path answer latency p50", p50)
    section.add("LLM-path answer latency p95", p95, detail=f"{len(walls)} turns, budget "
                f"{run_settings.turn_budget_s:g} s; {over_budget} over it")
    section.add("orchestration overhead per turn p50", o50, detail="wall time with no LLM call and no SQL running")
    section.add("orchestration overhead per turn p95", o95)
    section.add("LLM calls per turn (mean)", round(sum(calls) / len(calls), 2) if calls else None, unit="calls")
    section.add("turns with a fallback", fallbacks, unit="turns", goal=0, op="<=")
    return section
