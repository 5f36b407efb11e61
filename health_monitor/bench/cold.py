"""A cold ``health-monitor ask`` in new processes: when its first line appears, when routing is
printed, when it exits, and the CPU time and peak memory it took (issue 12: first line < 2 s,
finished < 3 s on a quiet 2-core machine).

Wall times move with whatever else the machine runs, so each run also records the child's CPU
seconds (user + sys, from ``wait4``) and the load average; figures are medians over the runs. The
state store is created and migrated before the first run: a user's store already exists.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from health_monitor.bench.stats import Section

FIRST_LINE_GOAL_MS = 2000.0
TOTAL_GOAL_MS = 3000.0
QUESTION = "Which jobs failed yesterday?"
ROUTING_PREFIX = "> routing:"


@dataclass
class ColdRun:
    first_line_ms: float
    routing_ms: float | None
    total_ms: float
    cpu_s: float
    peak_rss_mib: float
    exit_code: int
    load_1m: float


def _one(env: dict[str, str], question: str, timeout_s: float) -> ColdRun:
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "health_monitor.cli", "ask", question],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    marks: dict[str, float] = {}
    lock = threading.Lock()

    def watch(stream: Any) -> None:
        for line in stream:
            now = (time.perf_counter() - t0) * 1000
            with lock:
                if line.strip():
                    marks.setdefault("first", now)
                if line.startswith(ROUTING_PREFIX):
                    marks.setdefault("routing", now)

    threads = [threading.Thread(target=watch, args=(s,), daemon=True) for s in (proc.stdout, proc.stderr)]
    for t in threads:
        t.start()
    timer = threading.Timer(timeout_s, proc.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)  # the child's own CPU time and peak RSS
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    for t in threads:
        t.join(timeout=5)
    total = (time.perf_counter() - t0) * 1000
    return ColdRun(first_line_ms=marks.get("first", total), routing_ms=marks.get("routing"), total_ms=total,
                   cpu_s=usage.ru_utime + usage.ru_stime, peak_rss_mib=usage.ru_maxrss / 1024,
                   exit_code=proc.returncode, load_1m=load)


def cold_runs(settings: Any, *, runs: int = 5, question: str = QUESTION, timeout_s: float = 120.0) -> list[ColdRun]:
    """``runs`` new ``health-monitor ask`` processes over ``settings.data_dir`` (a throwaway store)."""
    from health_monitor.db import make_engine, migrate

    with tempfile.TemporaryDirectory(prefix="hm_bench_cold_") as tmp:
        url = f"sqlite:///{Path(tmp) / 'state.sqlite'}"
        engine = make_engine(settings.model_copy(update={"database_url": url}))
        try:
            migrate(engine)
        finally:
            engine.dispose()
        env = {**os.environ, "HM_DATA_DIR": str(settings.data_dir), "HM_LLM_PROVIDER": "offline",
               "HM_DATABASE_URL": url, "PYTHONUNBUFFERED": "1"}
        return [_one(env, question, timeout_s) for _ in range(runs)]


def add_cold_figures(section: Section, runs: list[ColdRun], *, question: str = QUESTION) -> None:
    """Medians of the runs as figures (first line and finished against the goals); every run in details."""
    med = lambda values: round(statistics.median(values), 1)  # noqa: E731
    loads = f"load average {min(r.load_1m for r in runs):.2f}-{max(r.load_1m for r in runs):.2f}"
    n = f"median of {len(runs)} new processes"
    section.add("cold `health-monitor ask`: first line", med([r.first_line_ms for r in runs]),
                goal=FIRST_LINE_GOAL_MS, detail=f"{n}; {question!r}; {loads}")
    routed = [r.routing_ms for r in runs if r.routing_ms is not None]
    if routed:
        section.add("cold `health-monitor ask`: routing printed", med(routed), detail=n)
    section.add("cold `health-monitor ask`: finished", med([r.total_ms for r in runs]), goal=TOTAL_GOAL_MS,
                detail=f"{n} (imports, store, vocabulary, answer); {loads}")
    section.add("cold `health-monitor ask`: CPU time", med([r.cpu_s for r in runs]), unit="s",
                detail="user + sys of the process, steadier than wall time on a shared machine")
    section.add("cold `health-monitor ask`: peak RSS", med([r.peak_rss_mib for r in runs]), unit="MiB")
    section.details += [{"cold_run": i + 1, **{k: round(v, 2) if isinstance(v, float) else v
                                                for k, v in asdict(r).items()}} for i, r in enumerate(runs)]
    failed = [r.exit_code for r in runs if r.exit_code != 0]
    if failed:
        section.notes.append(f"{len(failed)} cold run(s) exited with {sorted(set(failed))}")
