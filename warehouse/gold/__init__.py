"""The Gold layer: one Databricks-dialect SELECT per table in this folder, built in dependency order.

Each ``<name>.sql`` is materialised as ``main.health_monitor.<name>`` (the contract is
``docs/gold-tables.md``). A file's header declares what it reads from Gold (``-- depends: a, b``);
the build order is a topological sort of those declarations. Seeds (``seeds/<name>.csv``) become
tables ``seed_<name>`` built before everything else, like dbt seeds.

Parameters are bound, never formatted into SQL: ``:as_of`` (the data's instant), and for
``meta_build`` also ``:built_at`` and ``:source``.

* DuckDB (the embedded demo): :func:`build_gold` reads ``as_of`` from ``system.meta.generation`` and
  builds into a temporary file renamed into place (``warehouse.build.atomic_duckdb``).
* Databricks: :func:`databricks_build_sql` yields ``CREATE OR REPLACE TABLE`` statements; ``as_of``
  is the build's ``current_timestamp()``, written once into ``meta_build`` and read from there by every
  other table so all tables of one build share one instant.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from health_monitor.warehouse.contract import BY_NAME, EVENT_LOG, PROFILE_METRICS, PROFILE_TABLES
from health_monitor.warehouse.dialect import PUBLISHED, NameMap, Target, prepare, referenced_params
from health_monitor.warehouse.gold.engines import (
    DatabricksSQLEngine,
    DuckDBEngine,
    SparkEngine,
    inline_params,
)
from health_monitor.warehouse.gold.runner import (
    CORE_MODELS,
    GOLD_SCHEMA,
    REPORT_TABLE,
    BuildReport,
    ModelResult,
    run,
)
from health_monitor.warehouse.staging import PublishedConfig, plan, staging_name

from health_monitor.core.errors import DemoNotBuilt, WarehouseUnavailable, first_line
from health_monitor.core.settings import get_settings

if TYPE_CHECKING:
    from health_monitor.core.settings import Settings

GOLD_DIR = Path(__file__).resolve().parent
SEEDS_DIR = GOLD_DIR / "seeds"
_DEPENDS = re.compile(r"^--\s*depends:(.*)$", re.MULTILINE)


@dataclass(frozen=True)
class GoldModel:
    """One Gold table: its name, Databricks SELECT and the Gold tables it reads."""

    name: str
    sql: str
    depends: tuple[str, ...]


@dataclass
class GoldReport:
    """What a DuckDB build produced: rows and seconds per built table, and the per-model report."""

    gold_path: Path | None
    as_of: datetime | None
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    total_seconds: float = 0.0
    build: BuildReport | None = None


# -- models --------------------------------------------------------------------------------------

def _seed_sql(path: Path) -> str:
    """A seed CSV as a Databricks SELECT over VALUES; literals quoted by sqlglot, not by hand."""
    from sqlglot import exp

    with path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        raise ValueError(f"Seed {path} has no rows.")
    columns = list(rows[0])

    def literal(value: str) -> exp.Expression:
        try:
            float(value)
        except ValueError:
            return exp.Literal.string(value)
        return exp.cast(exp.Literal.number(value), "double")

    values = exp.values([tuple(literal(r[c]) for c in columns) for r in rows], alias="seed", columns=columns)
    select = exp.select(*columns).from_(values)
    header = f"-- purpose: seed {path.name} (warehouse/gold/seeds)\n-- grain: one row per CSV line\n-- depends:\n"
    return header + select.sql(dialect="databricks", pretty=True)


@lru_cache(maxsize=1)
def load_models() -> tuple[GoldModel, ...]:
    """Every Gold model (seeds first), in a valid build order; raises on unknown or cyclic depends."""
    models: dict[str, GoldModel] = {}
    for path in sorted(SEEDS_DIR.glob("*.csv")):
        name = f"seed_{path.stem}"
        models[name] = GoldModel(name, _seed_sql(path), ())
    for path in sorted(GOLD_DIR.glob("*.sql")):
        text = path.read_text()
        match = _DEPENDS.search(text)
        if match is None:
            raise ValueError(f"{path.name} has no '-- depends:' header line (write '-- depends:' if none).")
        depends = tuple(d.strip() for d in match.group(1).split(",") if d.strip())
        models[path.stem] = GoldModel(path.stem, text, depends)
    ordered: list[GoldModel] = []
    state: dict[str, str] = {}

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "visiting":
            raise ValueError(f"Gold dependency cycle: {' -> '.join((*chain, name))}")
        if name not in models:
            raise ValueError(f"{chain[-1]}.sql depends on unknown Gold table {name!r}")
        state[name] = "visiting"
        for dep in models[name].depends:
            visit(dep, (*chain, name))
        state[name] = "done"
        ordered.append(models[name])

    if "meta_build" in models:  # first, so every build starts by fixing its instant
        visit("meta_build", ("meta_build",))
    for name in models:
        visit(name, (name,))
    return tuple(ordered)


def gold_statements(target: Target = "databricks", names: NameMap | None = None) -> list[tuple[str, str]]:
    """``(table name, SELECT)`` in build order, rewritten for ``target``; parameters stay markers."""
    if names is None:
        names = {"duckdb": NameMap.for_duckdb, "spark": NameMap.for_spark}.get(target, NameMap)()
    return [(m.name, prepare(m.sql, target, names)) for m in load_models()]


# -- parameters ----------------------------------------------------------------------------------

def build_params(model: GoldModel, as_of: datetime, *, source: str = "synthetic",
                 built_at: datetime | None = None) -> dict:
    """The bound parameters a model's SQL references (DuckDB refuses unused ones)."""
    wanted = referenced_params(model.sql)
    values = {"as_of": as_of, "source": source,
              "built_at": built_at or datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)}
    return {k: v for k, v in values.items() if k in wanted}


def _utc_naive(value: datetime | None) -> datetime:
    if value is None:
        return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    return value if value.tzinfo is None else value.astimezone(timezone.utc).replace(tzinfo=None)


def published_config(settings: Settings | None = None, *, demo: bool = False) -> PublishedConfig:
    """Which user-published relations to read: the demo's, or the configured event-log tables."""
    if demo:
        base = ".".join(PUBLISHED)
        return PublishedConfig(event_logs=(f"{base}.pipeline_event_log",),
                               profiles=tuple((m, f"{base}.{t}") for m, t in PROFILE_TABLES.items()))
    configured = (settings.event_log_table if settings else "") or ""
    logs = tuple(t.strip() for t in configured.split(",")
                 if t.strip() and t.strip() != "system.lakeflow.pipeline_event_log")  # the old, invented default
    return PublishedConfig(event_logs=logs)


# -- Spark ---------------------------------------------------------------------------------------

def build_gold_on_spark(spark, *, name_map: NameMap | None = None, as_of: datetime | None = None,  # noqa: ANN001
                        published: PublishedConfig | None = None, source: str = "system") -> BuildReport:
    """Build staging and Gold with ``spark`` (a Databricks job or notebook, Databricks Connect, local).

    ``name_map`` maps ``system.<schema>.<table>``, the staging schema and ``main.health_monitor`` onto
    the session's objects; the default is local Spark (``system_<schema>.<table>``,
    ``main_health_monitor.<table>``). ``as_of`` defaults to now (UTC). Returns the per-model report
    (``as_dicts()``: name, status, reason), also written to ``meta_build_report``.
    """
    engine = SparkEngine(spark, name_map or NameMap.for_spark())
    instant = _utc_naive(as_of)
    built_at = _utc_naive(None)

    def params(model: GoldModel) -> dict:
        return build_params(model, instant, source=source, built_at=built_at)

    return run(engine, load_models(), params, published or PublishedConfig(), as_of=instant, built_at=built_at)


# -- Databricks SQL warehouse ----------------------------------------------------------------------

def build_gold_on_databricks(warehouse, settings: Settings, *, progress: bool = True) -> BuildReport:  # noqa: ANN001
    """Build staging and Gold through a SQL warehouse (one statement at a time)."""
    names = NameMap.for_databricks(settings.gold_catalog, settings.gold_schema)
    engine = DatabricksSQLEngine(warehouse, names)
    instant = _utc_naive(None)

    def params(model: GoldModel) -> dict:
        return build_params(model, instant, source="system", built_at=instant)

    bar = _bar(progress)
    try:
        return run(engine, load_models(), params, published_config(settings), as_of=instant, built_at=instant,
                   on_model=bar)
    finally:
        _bar_close(bar)


def databricks_build_sql(settings: Settings | None = None) -> Iterator[str]:
    """The statements a full-schema account's build runs (staging views, then each table in order).

    Printed by ``gold build --print-sql`` for review; a real build introspects the account first and
    writes typed NULLs or empty relations where it lacks newer columns or optional tables.
    """


    s = settings or get_settings()
    names = NameMap.for_databricks(s.gold_catalog, s.gold_schema)
    yield f"create schema if not exists {s.gold_catalog}.{s.gold_schema}"
    yield f"create schema if not exists {s.gold_catalog}.{s.gold_schema}_staging"
    published = published_config(s)

    def full_schema(name: str) -> dict | None:
        src = BY_NAME.get(name) or (EVENT_LOG if name in published.event_logs else PROFILE_METRICS)
        return {c.name: c.type for c in src.columns}

    for view in plan(full_schema, published):
        yield prepare(f"create or replace view {staging_name(view)} as\n{view.select}", "databricks", names)
    meta = f"{GOLD_SCHEMA}.meta_build"
    for model in load_models():
        ctas = f"create or replace table {GOLD_SCHEMA}.{model.name} as\n{_databricks_select(model, meta)}"
        yield prepare(ctas, "databricks", names)


def _databricks_select(model: GoldModel, gold_table: str) -> str:
    """Replace the build parameters by expressions: meta_build gets the clock, the rest read meta_build."""
    import sqlglot
    from sqlglot import exp

    tree = sqlglot.parse_one(model.sql, read="databricks")
    for node in list(tree.find_all(exp.Placeholder)):
        if node.name in ("as_of", "built_at"):
            new = (exp.func("current_timestamp") if model.name == "meta_build" else
                   exp.Subquery(this=exp.select("as_of").from_(exp.to_table(gold_table))))
        elif node.name == "source":
            new = exp.Literal.string("system")
        else:
            raise ValueError(f"{model.name}.sql uses unknown build parameter :{node.name}")
        node.replace(new)
    return tree.sql(dialect="databricks", pretty=True)


# -- DuckDB --------------------------------------------------------------------------------------

def _bar(progress: bool):  # noqa: ANN202
    if not progress:
        return None
    from tqdm import tqdm

    bar = tqdm(total=len(load_models()), desc="gold", unit="table")

    def step(name: str) -> None:
        bar.set_postfix_str(name)
        bar.update(1)

    step.bar = bar  # type: ignore[attr-defined]
    return step


def _bar_close(step) -> None:  # noqa: ANN001
    if step is not None:
        step.bar.close()


def _read_as_of(system_path: Path) -> datetime:
    import duckdb

    if not system_path.exists():
        raise DemoNotBuilt(f"No system tables at {system_path}. Run `health-monitor demo` to build them.")
    try:
        with duckdb.connect(str(system_path), read_only=True) as con:
            row = con.execute("select max(as_of) from meta.generation").fetchone()
    except duckdb.Error as e:
        raise WarehouseUnavailable(
            f"Cannot read {system_path} ({first_line(e)}). Rebuild it with `health-monitor demo --force`."
        ) from e
    if not row or row[0] is None:
        raise WarehouseUnavailable(f"{system_path} has no meta.generation row. Rebuild it with "
                                   "`health-monitor demo --force`.")
    return _utc_naive(row[0])


class GoldBuildFailed(Exception):
    """A core Gold model did not build; ``report`` says which and why (the old Gold is kept)."""

    def __init__(self, message: str, report: BuildReport) -> None:
        super().__init__(message)
        self.report = report


def build_gold(system_path: Path, gold_path: Path, *, progress: bool = True, threads: int | None = None,
               published: PublishedConfig | None = None) -> GoldReport:
    """Build staging views and every Gold table from ``system_path`` into ``gold_path`` (atomic).

    Non-core models that fail or degrade are reported (``report.build``); a failed core model
    raises :class:`WarehouseUnavailable` and leaves the previous Gold file in place.
    """
    import duckdb
    from health_monitor.warehouse.build import atomic_duckdb
    system_path, gold_path = Path(system_path), Path(gold_path)
    as_of = _read_as_of(system_path)
    built_at = _utc_naive(None)
    published = published or published_config(demo=True)

    def params(model: GoldModel) -> dict:
        return build_params(model, as_of, built_at=built_at)

    bar = _bar(progress)
    try:
        with atomic_duckdb(gold_path, attach_system=system_path, threads=threads) as con:
            con.execute("create schema if not exists health_monitor")
            result = run(DuckDBEngine(con), load_models(), params, published, as_of=as_of, built_at=built_at,
                         on_model=bar)
            if not result.ok:
                first = result.entry(result.failed_core[0])
                raise WarehouseUnavailable(f"Gold table {first.name} failed to build: {first.reason}")
    except duckdb.Error as e:  # attaching a corrupt system file
        raise WarehouseUnavailable(
            f"Cannot build Gold from {system_path} ({first_line(e)}). "
            "Rebuild the demo with `health-monitor demo --force`."
        ) from e
    finally:
        _bar_close(bar)
    report = GoldReport(gold_path=gold_path, as_of=as_of, total_seconds=result.total_seconds, build=result)
    for m in result.models:
        if m.rows is not None:
            report.rows[m.name] = m.rows
            report.seconds[m.name] = m.seconds
    return report


__all__ = ["CORE_MODELS", "GOLD_DIR", "REPORT_TABLE", "BuildReport", "GoldModel", "GoldReport", "ModelResult",
           "build_gold", "build_gold_on_databricks", "build_gold_on_spark", "build_params", "databricks_build_sql",
           "gold_statements", "inline_params", "load_models", "published_config"]
