"""Model training at the bench's scale: time, CPU and peak memory per model, rows read into Python.

The training runs in a child process on a copy of the demo's Gold with the prediction tables
removed (a first, full training: five cutoffs per model), so its peak RSS is its own and the
demo stays as it was. Goals (issue 18): scale 1 under 10 s; scale 100 under 180 s and 3 GB.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from health_monitor.bench.stats import Section

TRAIN_SCRIPT = """
import json, sys
from health_monitor.ml.profile import Profiler, peak_rss_bytes
from health_monitor.ml.train import train_all
prof = Profiler()
report = train_all(sys.argv[1], progress=False, profiler=prof)
print(json.dumps({"seconds": report.seconds, "peak_rss_mb": peak_rss_bytes() / 2 ** 20,
                  "statuses": {m: r.status for m, r in report.models.items()}, "spans": prof.as_dicts()}))
"""

#: scale -> (seconds, peak RSS MB) goals; other scales are reported without a goal
GOALS = {1.0: (10.0, None), 100.0: (180.0, 3072.0)}


def _fresh_copy(demo_dir: Path, target: Path) -> None:
    """Gold without prediction tables or registry (so every model trains from scratch) + system tables."""
    import duckdb

    shutil.copyfile(demo_dir / "gold.duckdb", target / "gold.duckdb")
    system = demo_dir / "system.duckdb"
    (target / "system.duckdb").symlink_to(system.resolve())
    con = duckdb.connect(str(target / "gold.duckdb"))
    try:
        for (table,) in con.execute("select table_name from information_schema.tables "
                                    "where table_schema = 'health_monitor' and table_name like 'ml\\_%' escape '\\'"
                                    ).fetchall():
            con.execute(f"drop table health_monitor.{table}")
    finally:
        con.close()


def training(demo_dir: Path, *, scale: float, timeout_s: float = 3600) -> Section:
    section = Section("training", f"Model training at scale {scale:g} (first full training, child process)")
    with tempfile.TemporaryDirectory(prefix="hm_bench_train_") as tmp:
        work = Path(tmp)
        _fresh_copy(demo_dir, work)
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", TRAIN_SCRIPT, str(work)], capture_output=True, text=True,
                              timeout=timeout_s)
        wall = time.perf_counter() - t0
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        return section.skip(f"training failed: {tail[0]}")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    goal_s, goal_mb = GOALS.get(float(scale), (None, None))
    section.add("train time (all models)", out["seconds"], unit="s", goal=goal_s,
                detail=f"process wall time incl. start-up {wall:.1f} s")
    models = [s for s in out["spans"] if s["kind"] == "model"]
    section.add("train CPU (all models)", sum(s["cpu_seconds"] for s in models), unit="s",
                detail="user + system CPU of the process: what a busy machine does not inflate")
    section.add("peak RSS", out["peak_rss_mb"], unit="MiB", goal=goal_mb)
    queries = [s for s in out["spans"] if s["kind"] == "query"]
    section.add("rows read into Python", float(sum(s["rows"] for s in queries)), unit="rows",
                detail=f"{len(queries)} queries; largest frame {max((s['frame_mb'] for s in queries), default=0):.1f} MiB")
    for span in models:
        rows = sum(q["rows"] for q in queries if q["parent"] == span["name"])
        section.add(f"  {span['name']}", span["seconds"], unit="s",
                    detail=f"CPU {span['cpu_seconds']:.1f} s, peak RSS {span['peak_rss_mb']:.0f} MiB, "
                           f"{rows:,} rows read, {out['statuses'].get(span['name'], '?')}")
        section.details.append({k: span[k] for k in ("name", "seconds", "cpu_seconds", "peak_rss_mb")} | {"rows": rows})
    not_ok = {m: s for m, s in out["statuses"].items() if s != "active"}
    if not_ok:
        section.notes.append("models not trained: " + ", ".join(f"{m} ({s})" for m, s in not_ok.items()))
    return section
