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
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from health_monitor.warehouse.dialect import NameMap, Target, prepare

if TYPE_CHECKING:
    from health_monitor.core.settings import Settings

GOLD_DIR = Path(__file__).resolve().parent
SEEDS_DIR = GOLD_DIR / "seeds"
GOLD_SCHEMA = "main.health_monitor"
_DEPENDS = re.compile(r"^--\s*depends:(.*)$", re.MULTILINE)


@dataclass(frozen=True)
class GoldModel:
    """One Gold table: its name, Databricks SELECT and the Gold tables it reads."""

    name: str
    sql: str
    depends: tuple[str, ...]


@dataclass
class GoldReport:
    """What a build produced: rows and seconds per table, the as-of instant, total seconds."""

    gold_path: Path | None
    as_of: datetime | None
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    total_seconds: float = 0.0


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


# -- Databricks ----------------------------------------------------------------------------------

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


def databricks_build_sql(settings: Settings | None = None) -> Iterator[str]:
    """The statements that build Gold on Databricks (schema first, then each table in order)."""
    from health_monitor.core.settings import get_settings

    s = settings or get_settings()
    names = NameMap.for_databricks(s.gold_catalog, s.gold_schema, s.event_log_table)
    yield f"create schema if not exists {s.gold_catalog}.{s.gold_schema}"
    meta = f"{GOLD_SCHEMA}.meta_build"
    for model in load_models():
        select = _databricks_select(model, meta)
        ctas = f"create or replace table {GOLD_SCHEMA}.{model.name} as\n{select}"
        yield prepare(ctas, "databricks", names)


# -- DuckDB --------------------------------------------------------------------------------------

def _read_as_of(system_path: Path) -> datetime:
    import duckdb

    from health_monitor.core.errors import DemoNotBuilt, WarehouseUnavailable

    if not system_path.exists():
        raise DemoNotBuilt(f"No system tables at {system_path}. Run `health-monitor demo` to build them.")
    try:
        with duckdb.connect(str(system_path), read_only=True) as con:
            row = con.execute("select max(as_of) from meta.generation").fetchone()
    except duckdb.Error as e:
        raise WarehouseUnavailable(
            f"Cannot read {system_path} ({str(e).splitlines()[0]}). Rebuild it with `health-monitor demo --force`."
        ) from e
    if not row or row[0] is None:
        raise WarehouseUnavailable(f"{system_path} has no meta.generation row. Rebuild it with "
                                   "`health-monitor demo --force`.")
    as_of = row[0]
    return as_of.replace(tzinfo=None) if as_of.tzinfo is None else as_of.astimezone(timezone.utc).replace(tzinfo=None)


def build_params(model: GoldModel, as_of: datetime, *, source: str = "synthetic",
                 built_at: datetime | None = None) -> dict:
    """The bound parameters a model's SQL references (DuckDB refuses unused ones)."""
    from health_monitor.warehouse.dialect import referenced_params

    wanted = referenced_params(model.sql)
    values = {"as_of": as_of, "source": source,
              "built_at": built_at or datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)}
    return {k: v for k, v in values.items() if k in wanted}


def build_gold(system_path: Path, gold_path: Path, *, progress: bool = True, threads: int | None = None) -> GoldReport:
    """Build every Gold table from ``system_path`` into ``gold_path`` (atomic: temp file + rename)."""
    import duckdb
    from health_monitor.warehouse.build import atomic_duckdb, run_sql

    from health_monitor.core.errors import WarehouseUnavailable

    system_path, gold_path = Path(system_path), Path(gold_path)
    as_of = _read_as_of(system_path)
    models = load_models()
    report = GoldReport(gold_path=gold_path, as_of=as_of)
    started = time.perf_counter()
    built_at = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(models), desc="gold", unit="table")
    try:
        with atomic_duckdb(gold_path, attach_system=system_path, threads=threads) as con:
            con.execute("create schema if not exists health_monitor")
            for model in models:
                if bar is not None:
                    bar.set_postfix_str(model.name)
                t = time.perf_counter()
                ctas = f"create or replace table {GOLD_SCHEMA}.{model.name} as\n{model.sql}"
                try:
                    run_sql(con, ctas, build_params(model, as_of, built_at=built_at))
                except duckdb.Error as e:
                    raise WarehouseUnavailable(
                        f"Gold table {model.name} failed to build: {str(e).splitlines()[0]}"
                    ) from e
                report.seconds[model.name] = time.perf_counter() - t
                report.rows[model.name] = con.execute(
                    f"select count(*) from health_monitor.{model.name}").fetchone()[0]
                if bar is not None:
                    bar.update(1)
    except duckdb.Error as e:  # attaching a corrupt system file
        raise WarehouseUnavailable(
            f"Cannot build Gold from {system_path} ({str(e).splitlines()[0]}). "
            "Rebuild the demo with `health-monitor demo --force`."
        ) from e
    finally:
        if bar is not None:
            bar.close()
    report.total_seconds = time.perf_counter() - started
    return report


__all__ = ["GOLD_DIR", "GoldModel", "GoldReport", "build_gold", "databricks_build_sql", "gold_statements",
           "load_models"]
