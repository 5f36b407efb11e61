"""Build the embedded demo account: synthetic system tables -> Gold layer -> ML predictions.

Idempotent: each stage builds into a temporary file and renames it into place.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from health_monitor.graph.adapters import FIRST_DAY_SQL
from health_monitor.graph.vocabulary import STAMP_SQL, VOCABULARY_SQL
from health_monitor.ml.train import train_all
from health_monitor.tools.executor import precompile
from health_monitor.warehouse.build import ensure_writable_dir
from health_monitor.warehouse.duckdb_backend import DuckDBWarehouse
from health_monitor.warehouse.gold import build_gold


@dataclass
class DemoReport:
    data_dir: Path
    timings_s: dict[str, float] = field(default_factory=dict)
    sizes_mb: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)


def build_demo(data_dir: Path, *, as_of: datetime, seed: int = 42, scale: float = 1, incidents: bool = True,
               train: bool = True, progress: bool = True) -> DemoReport:
    from health_monitor.warehouse.synthetic import generate

    data_dir = ensure_writable_dir(Path(data_dir))
    report = DemoReport(data_dir=data_dir)
    system_path, gold_path = data_dir / "system.duckdb", data_dir / "gold.duckdb"

    t = time.perf_counter()
    gen = generate(system_path, seed=seed, as_of=as_of, scale=scale, incidents=incidents, progress=progress)
    report.timings_s["generate"] = time.perf_counter() - t
    report.rows.update(getattr(gen, "rows", {}) or {})

    t = time.perf_counter()
    build_gold(system_path, gold_path, progress=progress)
    precompile_sql(system_path, gold_path)
    report.timings_s["gold"] = time.perf_counter() - t

    if train:

        t = time.perf_counter()
        train_all(data_dir, progress=progress)
        report.timings_s["train"] = time.perf_counter() - t

    for path in (system_path, gold_path):
        report.sizes_mb[path.name] = path.stat().st_size / 2**20
    (data_dir / DIGEST_FILE).write_text(source_digest())
    return report


#: The file beside the demo naming the code it was built from (:func:`source_digest`).
DIGEST_FILE = "demo.digest"


def source_digest() -> str:
    """What a demo is built from (the generator, the Gold SQL, the models, the tools' SQL, this module): a demo built
    by other code lacks what this code reads (a new Gold column), so ``demo --if-missing`` rebuilds it."""
    import hashlib
    from importlib.util import find_spec

    h = hashlib.sha256()
    for package in ("health_monitor.warehouse", "health_monitor.ml", "health_monitor.tools"):
        spec = find_spec(package)
        root = Path(next(iter(spec.submodule_search_locations or []))) if spec else None
        for path in sorted(root.rglob("*")) if root else []:
            if path.suffix in (".py", ".sql", ".csv", ".yaml") and "__pycache__" not in path.parts:
                h.update(f"{package}/{path.relative_to(root)}".encode())
                h.update(path.read_bytes())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:12]


def is_current(data_dir: Path) -> bool:
    """Was the demo in ``data_dir`` built by this code?"""
    digest = Path(data_dir) / DIGEST_FILE
    return digest.exists() and digest.read_text().strip() == source_digest()


def precompile_sql(system_path: Path, gold_path: Path) -> None:
    """The SQL of the tools and of the answer path (as-of, vocabulary), transpiled for DuckDB once,
    here, into the data folder's cache."""
    warehouse = DuckDBWarehouse(system_path, gold_path)
    try:
        precompile(warehouse, extra=(FIRST_DAY_SQL, VOCABULARY_SQL, STAMP_SQL))
    finally:
        warehouse.close()
