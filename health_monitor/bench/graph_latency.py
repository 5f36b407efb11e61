"""Offline answers over the dev question set: latency p50/p95 (single- and multi-agent), time to
the first streamed token, and the cold first answer (router training, entity index).

Questions run in file order; turns sharing a ``conversation`` id share one stored conversation (a
throwaway SQLite store), so follow-ups read their memory as in the app.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from health_monitor.bench.stats import Section, p50_p95
from health_monitor.graph.events import Final, Token

#: Offline answers, warm (issue 12: p95 under 200 ms).
ANSWER_GOAL_MS = 200.0
FIRST_TOKEN_GOAL_MS = 300.0
#: A cold ``health-monitor ask`` in a new process: first line printed, and finished.
COLD_FIRST_LINE_GOAL_MS = 2000.0
COLD_TOTAL_GOAL_MS = 3000.0
COLD_QUESTION = "Which jobs failed yesterday?"


def cold_cli(settings: Any, *, runs: int = 2) -> list[tuple[float, float]]:
    """``(first line ms, total ms)`` of ``health-monitor ask`` in fresh processes (the store in a temp dir)."""
    import os
    import subprocess
    import sys
    import threading

    out: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory(prefix="hm_bench_cold_") as tmp:
        env = {**os.environ, "HM_DATA_DIR": str(settings.data_dir), "HM_LLM_PROVIDER": "offline",
               "HM_DATABASE_URL": f"sqlite:///{Path(tmp) / 'state.sqlite'}", "PYTHONUNBUFFERED": "1"}
        for _ in range(runs):
            t0 = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-m", "health_monitor.cli", "ask", COLD_QUESTION],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
            first: list[float] = []

            def watch(stream: Any, first: list[float] = first, t0: float = t0) -> None:
                for line in stream:
                    if line.strip() and not first:
                        first.append((time.perf_counter() - t0) * 1000)

            threads = [threading.Thread(target=watch, args=(s,), daemon=True) for s in (proc.stdout, proc.stderr)]
            for t in threads:
                t.start()
            proc.wait(timeout=120)
            for t in threads:
                t.join(timeout=5)
            total = (time.perf_counter() - t0) * 1000
            out.append((first[0] if first else total, total))
    return out


def load_questions(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def find_dev_questions(root: Path) -> Path | None:
    """The labelled dev questions kept with the tests (None outside a source checkout)."""
    candidate = root / "tests" / "eval" / "dev_questions.jsonl"
    return candidate if candidate.is_file() else None


def offline_latency(questions: list[dict[str, Any]], *, warehouse: Any, settings: Any, repeats: int = 1) -> Section:
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
            errors = 0
            for rep in range(repeats):
                conversations: dict[str, str] = {}
                for q in questions:
                    conv_key = q.get("conversation")
                    t0 = time.perf_counter()
                    first = None
                    final = None
                    for event in stream(q["question"], context=ctx, graph=graph, user_id=f"bench-{rep}@hm",
                                        conversation_id=conversations.get(conv_key) if conv_key else None):
                        if isinstance(event, Token) and first is None:
                            first = (time.perf_counter() - t0) * 1000
                        elif isinstance(event, Final):
                            final = event.answer
                    ms = (time.perf_counter() - t0) * 1000
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
        cold = cold_cli(settings)
        section.add("cold `health-monitor ask`: first line", min(c[0] for c in cold), goal=COLD_FIRST_LINE_GOAL_MS,
                    detail=f"best of {len(cold)} new processes; {COLD_QUESTION!r}")
        section.add("cold `health-monitor ask`: finished", min(c[1] for c in cold), goal=COLD_TOTAL_GOAL_MS,
                    detail=f"best of {len(cold)} new processes (imports, store, vocabulary, answer)")
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
    t50, t95 = p50_p95(first_tokens)
    section.add("first streamed token p95", t95, goal=FIRST_TOKEN_GOAL_MS, detail=f"p50 {t50} ms")
    if errors:
        section.notes.append(f"{errors} question(s) ended without an answer")
    return section
