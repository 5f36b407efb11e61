"""Run the bench sections in order; a section that fails becomes a note, never a crash."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from contextlib import ExitStack
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from health_monitor.bench import demo_build, graph_latency, llm_path, pages, prebuilt, tool_latency
from health_monitor.bench.demo_build import demo_exists
from health_monitor.bench.load import load_section
from health_monitor.bench.stats import Section
from health_monitor.bench.training import training

ROOT = Path(__file__).resolve().parents[2]
#: The instant every bench demo is built at (the tests' AS_OF): figures do not move with the clock.
AS_OF = datetime(2026, 1, 15, 9, 0, tzinfo=timezone.utc)
SECTIONS = ("demo", "training", "tools", "graph", "prebuilt", "llm", "pages", "load")


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _loadavg() -> list[float] | None:
    """1, 5 and 15-minute load averages: wall times are only comparable on an equally quiet machine."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _commit() -> str | None:
    try:  # read-only
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=5)
        return out.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def reusable_demo(settings: Any) -> Path | None:
    """An existing scale-1 demo in the configured data dir (None: build one)."""

    candidate = Path(settings.data_dir)
    if demo_exists(candidate) and _scale_of(candidate) in (None, 1.0):
        return candidate.resolve()
    return None


def _scale_of(data_dir: Path) -> float | None:
    try:
        import duckdb

        with duckdb.connect(str(data_dir / "system.duckdb"), read_only=True) as con:
            return float(con.execute("select scale from meta.generation").fetchone()[0])
    except Exception:  # noqa: BLE001 - unknown scale: let the caller decide
        return None


def _timed(name: str, title: str, fn: Callable[[], Section]) -> Section:
    _log(f"{title} ...")
    t0 = time.perf_counter()
    try:
        section = fn()
    except Exception as e:  # noqa: BLE001 - one broken section must not hide the others
        section = Section(name, title)
        section.skip(f"failed: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
        section.details.append({"traceback": traceback.format_exc(limit=6)})
    section.seconds = time.perf_counter() - t0
    _log(f"{title}: {section.seconds:.1f} s")
    return section


def run_bench(*, scale: float = 1.0, quick: bool = False, data_dir: Path | None = None,
              only: tuple[str, ...] = SECTIONS, load_pg: str | None = None,
              questions_path: Path | None = None) -> tuple[dict[str, Any], list[Section]]:
    """Every section in ``only``; returns (meta, sections). ``--quick``: scale 1, reuse a demo, fewer runs."""
    from health_monitor.core.settings import get_settings
    from health_monitor.warehouse.duckdb_backend import DuckDBWarehouse

    if quick:
        scale = 1.0
    base = get_settings()
    meta: dict[str, Any] = {"scale": scale, "quick": quick, "started_at": datetime.now(timezone.utc).isoformat(),
                            "cpus": os.cpu_count(), "python": platform.python_version(),
                            "platform": platform.platform(), "commit": _commit(), "as_of": AS_OF.isoformat(),
                            "load_average_start": _loadavg()}
    sections: list[Section] = []
    with ExitStack() as stack:
        # --- the demo ----------------------------------------------------------------------------
        demo_dir = Path(data_dir).resolve() if data_dir else None
        if quick and demo_dir is None:
            demo_dir = reusable_demo(base)
            if demo_dir is not None:
                sections.append(_timed("demo", "Demo (reused)", lambda: demo_build.existing(demo_dir)))
        if demo_dir is None or (data_dir and not demo_build.demo_exists(demo_dir)) or (not quick and "demo" in only):
            if demo_dir is None:
                demo_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix=f"hm_bench_s{scale:g}_")))
            target = demo_dir
            sections.append(_timed("demo", f"Demo build at scale {scale:g}",
                                   lambda: demo_build.build(target, scale=scale, as_of=AS_OF, train=not quick)))
        meta["data_dir"] = str(demo_dir)
        settings = base.model_copy(update={"data_dir": demo_dir})
        warehouse = DuckDBWarehouse(demo_dir / "system.duckdb", demo_dir / "gold.duckdb")
        stack.callback(warehouse.close)

        # --- training --------------------------------------------------------------------------
        if "training" in only:
            train_scale = _scale_of(demo_dir) or scale
            sections.append(_timed("training", "Model training", lambda: training(demo_dir, scale=train_scale)))

        # --- tools -----------------------------------------------------------------------------
        if "tools" in only:
            sections.append(_timed("tools", "Tool latency", lambda: tool_latency.tool_latency(
                warehouse=warehouse, settings=settings, scale=scale, runs=5 if quick else 20)))

        # --- graph -----------------------------------------------------------------------------
        qpath = questions_path or graph_latency.find_dev_questions(ROOT)
        questions = graph_latency.load_questions(qpath) if qpath else []
        if "graph" in only:
            if not questions:
                sections.append(Section("graph", "Offline answers").skip(
                    "the dev question set (tests/eval/dev_questions.jsonl) is absent: run from a source checkout"))
            else:
                sections.append(_timed("graph", "Offline answers", lambda: graph_latency.offline_latency(
                    questions, warehouse=warehouse, settings=settings, repeats=1 if quick else 3,
                    cold_repeats=3 if quick else 5)))
        if "prebuilt" in only:
            picked = _comparison_questions(questions, per_kind=2 if quick else 6)
            if not picked:
                sections.append(Section("prebuilt", "Ours vs prebuilt supervisor").skip(
                    "the dev question set is absent"))
            else:
                sections.append(_timed("prebuilt", "Ours vs prebuilt supervisor", lambda: prebuilt.compare(
                    picked, warehouse=warehouse, settings=settings, latency_s=0.2, repeats=1 if quick else 2)))

        if "llm" in only:
            picked = _comparison_questions(questions, per_kind=2 if quick else 6)
            if not picked:
                sections.append(Section("llm", "LLM path").skip("the dev question set is absent"))
            else:
                sections.append(_timed("llm", "LLM path", lambda: llm_path.llm_path(
                    picked, warehouse=warehouse, settings=settings, latency_s=0.2, repeats=1 if quick else 3)))

        # --- the app ---------------------------------------------------------------------------
        if "pages" in only:
            sections.append(_timed("pages", "Pages in Chromium", lambda: pages.page_times(demo_dir, quick=quick)))
        if "load" in only:
            if load_pg:
                sections.append(_timed("load", "Load", lambda: load_section(load_pg, warehouse=warehouse,
                                                                            settings=settings)))
            elif not quick:
                sections.append(Section("load", "Load").skip("pass --load-pg URL (a PostgreSQL to write a "
                                                             "throwaway schema into) to include the load run"))
    meta["finished_at"] = datetime.now(timezone.utc).isoformat()
    meta["load_average_end"] = _loadavg()
    return meta, sections


def _comparison_questions(questions: list[dict[str, Any]], *, per_kind: int) -> list[dict[str, Any]]:
    """Fresh single- and multi-agent questions of the dev set, with the specialists they require."""
    single = [q for q in questions if q.get("kind") == "single" and not q.get("conversation") and len(q["require"]) == 1]
    multi = [q for q in questions if q.get("kind") == "multi" and not q.get("conversation") and len(q["require"]) > 1]
    return [dict(q, agents=list(q["require"])) for q in single[:per_kind] + multi[:per_kind]]
