"""Entry point: validate the inputs, then run the steps (one per family of tables) into a temp file.

Each step is a function ``build(con, ctx)`` that fills its tables with SQL over the temp entity
tables; the registry ``STEPS`` fixes the order (later steps read earlier temp tables).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from health_monitor.warehouse.build import atomic_duckdb
from health_monitor.warehouse.synthetic import (
    audit,
    billing,
    catalog,
    jobs,
    nodes,
    pipelines,
    platform,
    serving,
    sql_activity,
)
from health_monitor.warehouse.synthetic.entities import build_account, to_arrow
from health_monitor.warehouse.synthetic.schema import schema_ddl
from health_monitor.warehouse.synthetic.sqlkit import Context, install, load

from health_monitor.core.errors import ConfigError

STEPS = [
    ("platform", platform.build),
    ("jobs", jobs.build),
    ("pipelines", pipelines.build),
    ("queries", sql_activity.build),
    ("node timeline", nodes.build),
    ("serving", serving.build),
    ("billing", billing.build),
    ("audit", audit.build),
    ("catalog", catalog.build),
]


@dataclass
class GenerationReport:
    """What one run wrote: rows per table (``schema.table``) and wall time."""

    path: Path
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    as_of: datetime | None = None


def _context(seed: int, as_of: datetime | None, scale: float, incidents: bool) -> Context:
    if not isinstance(scale, (int, float)) or not math.isfinite(scale) or scale <= 0:
        raise ConfigError(f"Scale must be a number > 0 (got {scale!r}); use e.g. scale=1 for the demo account.")
    if as_of is None:
        as_of = datetime.now(timezone.utc).replace(second=0, microsecond=0)
    elif as_of.tzinfo is None:
        as_of = as_of.replace(tzinfo=timezone.utc)
    naive = as_of.astimezone(timezone.utc).replace(tzinfo=None)
    n_sets = max(1, round(scale))
    return Context(as_of=naive, seed=int(seed), scale=float(scale), incidents=bool(incidents),
                   n_sets=n_sets, volume=float(scale) / n_sets)


def generate(path: Path, *, seed: int = 42, as_of: datetime | None = None, scale: float = 1,
             incidents: bool = True, progress: bool = True, threads: int | None = None) -> GenerationReport:
    """Write the synthetic system tables to the DuckDB file ``path`` (atomically) and report."""
    ctx = _context(seed, as_of, scale, incidents)
    path = Path(path)
    started = time.perf_counter()
    account = build_account(ctx.n_sets, ctx.seed)
    steps = STEPS
    if progress:
        from tqdm import tqdm

        steps = tqdm(STEPS, desc="synthetic account", unit="step")
    with atomic_duckdb(path, threads=threads) as con:
        con.execute("SET preserve_insertion_order = false")
        con.execute("SET enable_progress_bar = false")
        for statement in schema_ddl():
            con.execute(statement)
        install(con, ctx)
        for name, rows in account.tables.items():
            load(con, name, to_arrow(rows))
        for name, step in steps:
            if progress:
                steps.set_postfix_str(name)
            step(con, ctx)
        con.execute("insert into meta.generation values ($as_of, $seed, $scale, $now)",
                    {"as_of": ctx.as_of, "seed": ctx.seed, "scale": ctx.scale,
                     "now": datetime.now(timezone.utc).replace(tzinfo=None)})
        rows = _row_counts(con)
    return GenerationReport(path=path, rows=rows, seconds=time.perf_counter() - started,
                            as_of=ctx.as_of.replace(tzinfo=timezone.utc))


def _row_counts(con) -> dict[str, int]:
    tables = con.execute(
        "select schema_name, table_name, estimated_size from duckdb_tables() "
        "where database_name = current_database() and not temporary order by 1, 2").fetchall()
    out = {}
    for schema, table, _ in tables:
        out[f"{schema}.{table}"] = con.execute(f'select count(*) from "{schema}"."{table}"').fetchone()[0]
    return out
