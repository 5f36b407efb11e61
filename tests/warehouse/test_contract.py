"""The source contract agrees with a real workspace's system catalog, and the demo agrees with it.

``data/system-tables-real-schema.csv`` is ``information_schema.columns`` of the ``system`` catalog
of one real workspace (December 2025). Every contract column found there must have exactly that
type; a column missing there must be declared newer (documented, absent on older accounts); a
table missing there must be declared documented-only and optional.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest
import sqlglot
from health_monitor.warehouse.contract import EVENT_LOG, PROFILE_METRICS, SOURCES, duckdb_type
from health_monitor.warehouse.gold import GOLD_DIR
from health_monitor.warehouse.gold.runner import staging_refs
from health_monitor.warehouse.synthetic.schema import PUBLISHED_SCHEMA, local_schema, schema_ddl
from sqlglot import exp

REAL = Path(__file__).with_name("data") / "system-tables-real-schema.csv"


@pytest.fixture(scope="module")
def real() -> dict[tuple[str, str], dict[str, str]]:
    out: dict[tuple[str, str], dict[str, str]] = {}
    with REAL.open(newline="") as f:
        for row in csv.DictReader(f):
            out.setdefault((row["table_schema"], row["table_name"]), {})[row["column_name"]] = row["full_data_type"]
    return out


def test_dump_is_the_full_reference(real):
    assert len(real) == 90
    assert sum(len(cols) for cols in real.values()) == 1019


def test_every_contract_column_has_its_real_type(real):
    problems = []
    for src in SOURCES:
        cols = real.get((src.schema, src.table))
        if cols is None:
            if src.in_dump:
                problems.append(f"{src.full_name}: not in the real schema; declare in_dump=False if documented")
            elif src.required:
                problems.append(f"{src.full_name}: documented-only tables cannot be required")
            continue
        if not src.in_dump:
            problems.append(f"{src.full_name}: is in the real schema; drop in_dump=False")
        for col in src.columns:
            if col.name not in cols:
                if not col.newer:
                    problems.append(f"{src.full_name}.{col.name}: not in the real schema (invented or newer?)")
            elif cols[col.name] != col.type:
                problems.append(f"{src.full_name}.{col.name}: contract {col.type} vs real {cols[col.name]}")
    assert not problems, "\n".join(problems)


def test_documented_only_tables_are_the_known_beta_ones():
    assert {s.full_name for s in SOURCES if not s.in_dump} == {"system.ai_gateway.usage"}
    assert all(not s.required for s in SOURCES if not s.in_dump)


def test_synthetic_ddl_is_the_contract(real):
    """The generator creates exactly the contract's columns, with the DuckDB spelling of the real types."""
    con = duckdb.connect()
    for statement in schema_ddl():
        con.execute(statement)
    made = {}
    for schema, table, column, kind in con.execute(
            "select schema_name, table_name, column_name, data_type from duckdb_columns() "
            "where database_name = current_database() order by schema_name, table_name, column_index").fetchall():
        made.setdefault((schema, table), {})[column] = kind
    expected = {(local_schema(s), s.table): {c.name: duckdb_type(c.type) for c in s.columns} for s in SOURCES}
    system_made = {k: v for k, v in made.items() if k[0] not in (PUBLISHED_SCHEMA, "meta")}
    assert set(system_made) == set(expected)
    for key, cols in system_made.items():
        want = {name: con.execute(f"select typeof(null::{kind})").fetchone()[0] for name, kind in expected[key].items()}
        assert cols == want, key
    # Non-system relations are only what users publish (event logs, profile metrics) and the generator's clock.
    published = {t for (s, t) in made if s == PUBLISHED_SCHEMA}
    assert EVENT_LOG.table in published
    assert all(t == EVENT_LOG.table or t.endswith("_profile_metrics") for t in published)
    for t in published - {EVENT_LOG.table}:
        assert list(made[(PUBLISHED_SCHEMA, t)]) == [c.name for c in PROFILE_METRICS.columns]
    assert {t for (s, t) in made if s == "meta"} == {"generation"}


def test_newer_job_columns_are_declared_newer():
    jobs = {c.name: c for c in next(s for s in SOURCES if s.full_name == "system.lakeflow.jobs").columns}
    for name in ("run_as_user_name", "creator_user_name", "trigger", "trigger_type", "paused",
                 "timeout_seconds", "health_rules", "create_time"):
        assert jobs[name].newer, name
    timeline = next(s for s in SOURCES if s.full_name == "system.lakeflow.job_run_timeline")
    assert timeline.column("compute").newer and not timeline.column("compute_ids").newer


def test_gold_reads_staging_only():
    """No Gold model names a system table: they read the staging layer (warehouse/staging.py)."""
    offenders = []
    for path in GOLD_DIR.glob("*.sql"):
        for tree in sqlglot.parse(path.read_text(), read="databricks"):
            offenders += [f"{path.name}: {t.sql()}" for t in tree.find_all(exp.Table) if t.catalog == "system"]
    assert not offenders, offenders
    assert staging_refs((GOLD_DIR / "fact_usage.sql").read_text()) == {"billing__usage", "billing__list_prices"}


def test_every_system_table_named_in_gold_sql_is_a_contract_source():
    """Gold SQL may name a ``system.*`` table only if the contract declares it (lineage edges included):
    a name outside the contract is an invented table a user would go looking for."""
    import re

    known = {s.full_name for s in SOURCES}
    named = {(m, path.name) for path in GOLD_DIR.glob("*.sql")
             for m in re.findall(r"\bsystem\.[a-z_]+\.[a-z_]+\b", path.read_text())}
    assert named, "the scan found no system table at all"
    invented = sorted(f"{file}: {name}" for name, file in named if name not in known)
    assert not invented, invented
