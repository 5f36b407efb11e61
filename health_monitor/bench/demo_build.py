"""Demo build time, peak memory and file sizes at a scale (built in a child process so its peak
RSS is its own), or the figures of an existing demo when ``--quick`` reuses one."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from health_monitor.bench.stats import Section

BUILD_SCRIPT = """
import json, sys
from datetime import datetime
from health_monitor.demo import build_demo
r = build_demo(sys.argv[1], as_of=datetime.fromisoformat(sys.argv[2]), scale=float(sys.argv[3]),
               train=sys.argv[4] == "1", progress=False)
print(json.dumps({"timings_s": r.timings_s, "sizes_mb": r.sizes_mb, "rows": r.rows}))
"""


def demo_exists(data_dir: Path) -> bool:
    return (data_dir / "system.duckdb").is_file() and (data_dir / "gold.duckdb").is_file()


def existing(data_dir: Path) -> Section:
    section = Section("demo", f"Demo at {data_dir} (reused, not rebuilt)")
    for name in ("system.duckdb", "gold.duckdb"):
        section.add(f"{name} size", (data_dir / name).stat().st_size / 2**20, unit="MiB")
    section.notes.append("--quick reuses an existing demo: the build was not timed (run without --quick to time it)")
    return section


def build(data_dir: Path, *, scale: float, as_of: datetime, train: bool = True, timeout_s: float = 4 * 3600) -> Section:
    """Build the demo into ``data_dir`` in a child process; figures: total and per-stage seconds, sizes, RSS."""
    section = Section("demo", f"Demo build at scale {scale:g}{'' if train else ' (no model training)'}")
    data_dir.mkdir(parents=True, exist_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", BUILD_SCRIPT, str(data_dir), as_of.isoformat(), str(scale),
                           "1" if train else "0"], capture_output=True, text=True, timeout=timeout_s)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        section.notes.append(f"build failed: {tail[0]}")
        section.add("build time", wall, unit="s")
        return section
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    section.add("build time (total)", wall, unit="s", goal=60.0 if scale <= 1 else None,
                detail="scenario: 'at S = 1 the whole demo builds in well under a minute'")
    for stage, seconds in report["timings_s"].items():
        section.add(f"  {stage}", seconds, unit="s")
    for name, mb in report["sizes_mb"].items():
        section.add(f"{name} size", mb, unit="MiB")
    if peak > before:
        section.add("build peak RSS", peak / 1024, unit="MiB")
    section.details.append({"rows": report["rows"]})
    return section
