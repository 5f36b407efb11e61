"""Offline answers over the dev question set: latency p50/p95 (single- and multi-agent), time to
the first streamed token, the first answer of a process (router, vocabulary), and a cold
``health-monitor ask`` in new processes (:mod:`bench.cold`).

Questions run in file order; turns sharing a ``conversation`` id share one stored conversation (a
throwaway SQLite store), so follow-ups read their memory as in the app.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from health_monitor.bench.cold import add_cold_figures, cold_runs
from health_monitor.bench.stats import Section, p50_p95
from health_monitor.graph.events import Final, Token

#: Offline answers, warm (issue 12: p95 under 200 ms).
ANSWER_GOAL_MS = 200.0
FIRST_TOKEN_GOAL_MS = 300.0
def load_questions(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def find_dev_questions(root: Path) -> Path | None:
    """The labelled dev questions kept with the tests (None outside a source checkout)."""
    candidate = root / "tests" / "eval" / "dev_questions.jsonl"
    return candidate if candidate.is_file() else None


def offline_latency(questions: list[dict[str, Any]], *, warehouse: Any, settings: Any, repeats: int = 1,
                    cold_repeats: int = 5) -> Section:
    from health_monitor.db import make_engine, migrate
    from health_monitor.graph.context import resolve_context
    from health_monitor.graph.service import default_graph, stream

    section = Section("graph", "Offline answers (no LLM) over the dev question set")
    with tempfile.TemporaryDirectory(prefix="hm_bench_state_") as tmp:
        state_settings = settings.model_copy(update={"database_url": f"sqlite:///{Path(tmp) / 'state.sqlite'}"})
        engine = make_engine(state_settings)
        migrate(engine)
        ctx = resolve_context(settings=state_settings, warehouse=warehouse, engine=engine, llm=None,
                              open_missing=False)
        graph = default_graph()
        try:
            t0 = time.perf_counter()
            for _ in stream("Why did costs jump yesterday?", context=ctx, graph=graph, persist=False):
                pass
            section.add("cold first answer (router + vocabulary warm-up)", (time.perf_counter() - t0) * 1000,
                        detail="once per process; not in the percentiles")
            by_kind: dict[str, list[float]] = {"single": [], "multi": [], "declined": []}
            first_tokens: list[float] = []
            cpu: list[float] = []
            errors = 0
            for rep in range(repeats):
                conversations: dict[str, str] = {}
                for q in questions:
                    conv_key = q.get("conversation")
                    t0, c0 = time.perf_counter(), time.process_time()
                    first = None
                    final = None
                    for event in stream(q["question"], context=ctx, graph=graph, user_id=f"bench-{rep}@hm",
                                        conversation_id=conversations.get(conv_key) if conv_key else None):
                        if isinstance(event, Token) and first is None:
                            first = (time.perf_counter() - t0) * 1000
                        elif isinstance(event, Final):
                            final = event.answer
                    ms = (time.perf_counter() - t0) * 1000
                    cpu.append((time.process_time() - c0) * 1000)
                    if conv_key and final is not None and final.conversation_id:
                        conversations[conv_key] = final.conversation_id
                    if final is None or not final.answer:
                        errors += 1
                    n = len(final.agents) if final else 0
                    kind = "declined" if n == 0 else "single" if n == 1 else "multi"
                    by_kind[kind].append(ms)
                    if first is not None:
                        first_tokens.append(first)
                    if rep == 0:
                        section.details.append({"id": q.get("id"), "kind": q.get("kind"), "agents": final.agents if final else [],
                                                "ms": round(ms, 1), "first_token_ms": round(first or 0, 1),
                                                "tools": len(final.tool_calls) if final else 0})
        finally:
            engine.dispose()
    try:
        add_cold_figures(section, cold_runs(settings, runs=cold_repeats))
    except Exception as e:  # noqa: BLE001 - the warm figures stand on their own
        section.notes.append(f"cold CLI not measured: {type(e).__name__}: {e}")
    every = [x for v in by_kind.values() for x in v]
    p50, p95 = p50_p95(every)
    section.add("answer latency p50 (all questions)", p50)
    section.add("answer latency p95 (all questions)", p95, goal=ANSWER_GOAL_MS, detail=f"{len(every)} answers")
    for kind in ("single", "multi", "declined"):
        if by_kind[kind]:
            k50, k95 = p50_p95(by_kind[kind])
            section.add(f"{kind}-agent answer p95", k95, goal=ANSWER_GOAL_MS if kind != "declined" else None,
                        detail=f"p50 {k50} ms, n={len(by_kind[kind])}")
    c50, c95 = p50_p95(cpu)
    section.add("answer CPU time p95 (all questions)", c95,
                detail=f"p50 {c50} ms; the process's CPU (DuckDB's threads included): steadier than wall time "
                       "when the machine is shared")
    t50, t95 = p50_p95(first_tokens)
    section.add("first streamed token p95", t95, goal=FIRST_TOKEN_GOAL_MS, detail=f"p50 {t50} ms")
    if errors:
        section.notes.append(f"{errors} question(s) ended without an answer")
    return section
