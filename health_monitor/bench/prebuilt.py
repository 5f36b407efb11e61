"""Ours vs the prebuilt: the same eight specialists, tools and fake LLM wired through
``langgraph_supervisor.create_supervisor`` (ReAct agents, handoff tools, sequential handoffs: its
default ``parallel_tool_calls=False``) and through our graph (``Send`` fan-out). The ratio of their
latencies per question kind is the figure (goal: multi-agent <= 0.6 x the prebuilt's).
"""

from __future__ import annotations

import time
import warnings
from typing import Any

from health_monitor.agents.registry import get_agent_registry
from health_monitor.bench.fakes import (
    PREBUILT_SUPERVISOR_PROMPT,
    SpanRecorder,
    TimingWarehouse,
    scripted_model,
)
from health_monitor.bench.stats import Section, p50_p95, union_ms
from health_monitor.graph.vocabulary import entity_index
from health_monitor.tools.executor import ToolExecutor
from health_monitor.tools.langchain import as_langchain_tool
from health_monitor.tools.registry import get_registry


def build_prebuilt(model: Any, executor: Any, *, as_of_text: str = "the data's as-of time") -> Any:
    """The compiled prebuilt supervisor over our specialists (prompts and catalog tools)."""
    from langgraph_supervisor import create_supervisor


    with warnings.catch_warnings():  # create_react_agent is deprecated in LangGraph 1.x; the prebuilt uses it
        warnings.simplefilter("ignore")
        from langgraph.prebuilt import create_react_agent

        agents = []
        for spec in get_agent_registry():
            tools = [as_langchain_tool(t, executor) for t in executor.registry.for_agent(spec.name)]
            prompt = spec.prompt(as_of=as_of_text, user="bench@health-monitor",
                                 tools=", ".join(t.name for t in tools), max_steps=6)
            agents.append(create_react_agent(model=model, tools=tools, prompt=prompt, name=spec.name))
        return create_supervisor(agents, model=model, prompt=PREBUILT_SUPERVISOR_PROMPT).compile()


def compare(questions: list[dict[str, Any]], *, warehouse: Any, settings: Any, latency_s: float = 0.2,
            repeats: int = 1) -> Section:
    """Run each question through both graphs ``repeats`` times; figures per kind (single / multi)."""
    from langchain_core.messages import HumanMessage

    from health_monitor.graph.builder import build_graph
    from health_monitor.graph.context import RunContext
    from health_monitor.graph.service import ask

    section = Section("prebuilt", f"Ours vs langgraph_supervisor.create_supervisor (fake LLM {latency_s * 1000:.0f} ms/call)")
    recorder = SpanRecorder()
    wh = TimingWarehouse(warehouse, recorder)
    plans = {q["question"]: list(q["agents"]) for q in questions}
    model = scripted_model(plans, latency_s=latency_s, recorder=recorder)
    executor = ToolExecutor(wh, settings, get_registry())
    as_of, _ = executor.as_of()
    index = entity_index(warehouse)
    ours = build_graph(tools=get_registry())
    prebuilt = build_prebuilt(model, executor, as_of_text=f"{as_of:%Y-%m-%d %H:%M} UTC")

    def ctx() -> Any:
        return RunContext(user_id="bench@health-monitor", settings=settings, warehouse=wh, llm=model, as_of=as_of,
                          extras={"executor": executor}, entity_index=index)

    # Warm both (the first parse trains the offline router; the first tool call reads meta_build).
    ask(questions[0]["question"], context=ctx(), graph=ours, persist=False)
    prebuilt.invoke({"messages": [HumanMessage(questions[0]["question"])]}, {"recursion_limit": 60})
    results: dict[str, dict[str, list[float]]] = {}
    for _ in range(repeats):
        for q in questions:
            kind = "multi" if len(q["agents"]) > 1 else "single"
            bucket = results.setdefault(kind, {"ours": [], "prebuilt": [], "ours_llm": [], "prebuilt_llm": [],
                                               "ours_overhead": [], "prebuilt_overhead": []})
            recorder.clear()
            t0 = time.perf_counter()
            answer = ask(q["question"], context=ctx(), graph=ours, persist=False)
            t1 = time.perf_counter()
            bucket["ours"].append((t1 - t0) * 1000)
            bucket["ours_llm"].append(recorder.count("llm"))
            bucket["ours_overhead"].append((t1 - t0) * 1000 - union_ms(recorder.of(), t0, t1))
            ok_ours = sorted(answer.agents) == sorted(q["agents"])

            recorder.clear()
            t0 = time.perf_counter()
            out = prebuilt.invoke({"messages": [HumanMessage(q["question"])]}, {"recursion_limit": 60})
            t1 = time.perf_counter()
            bucket["prebuilt"].append((t1 - t0) * 1000)
            bucket["prebuilt_llm"].append(recorder.count("llm"))
            bucket["prebuilt_overhead"].append((t1 - t0) * 1000 - union_ms(recorder.of(), t0, t1))
            section.details.append({"id": q.get("id"), "kind": kind, "agents": q["agents"],
                                    "ours_ms": round(bucket["ours"][-1], 1),
                                    "prebuilt_ms": round(bucket["prebuilt"][-1], 1),
                                    "ours_llm_calls": bucket["ours_llm"][-1],
                                    "prebuilt_llm_calls": bucket["prebuilt_llm"][-1],
                                    "ours_routed_as_planned": ok_ours,
                                    "prebuilt_messages": len(out.get("messages") or [])})
    for kind in ("single", "multi"):
        if kind not in results:
            continue
        b = results[kind]
        ours50, ours95 = p50_p95(b["ours"])
        pre50, pre95 = p50_p95(b["prebuilt"])
        ratio = round(ours50 / pre50, 3) if pre50 else None
        section.add(f"{kind}-agent latency, ours p50", ours50, detail=f"p95 {ours95} ms")
        section.add(f"{kind}-agent latency, prebuilt p50", pre50, detail=f"p95 {pre95} ms")
        section.add(f"{kind}-agent ratio ours/prebuilt", ratio, unit="x",
                    goal=0.6 if kind == "multi" else None, op="<=",
                    detail=f"LLM calls per turn: ours {sum(b['ours_llm']) / len(b['ours_llm']):.1f}, "
                           f"prebuilt {sum(b['prebuilt_llm']) / len(b['prebuilt_llm']):.1f}")
        section.add(f"{kind}-agent orchestration overhead, ours p50", p50_p95(b["ours_overhead"])[0],
                    detail="wall time when no LLM call and no SQL ran")
        section.add(f"{kind}-agent orchestration overhead, prebuilt p50", p50_p95(b["prebuilt_overhead"])[0])
    return section
