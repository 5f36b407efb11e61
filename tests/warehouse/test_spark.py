"""Every Gold SQL file is valid Spark SQL and gives DuckDB's answer (Spark stands in for Databricks).

A private account (same instant, seed and scale as the shared demo, generated into a temp folder so
concurrent rebuilds of the shared cache cannot disturb it) is built into Gold on DuckDB; its system
tables are exported to Parquet, registered in a local SparkSession as
``<catalog>_<schema>.<table>`` (``NameMap.for_spark()``), and :func:`build_gold_on_spark` creates the
same staging views and runs each Gold file unmodified except for that name mapping. Each table is compared with the DuckDB build: row
counts, per-column null counts and distinct counts, and sums of numeric columns (float tolerance).
"""

from __future__ import annotations

import math
import shutil
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pytest
from health_monitor.warehouse.gold import build_gold_on_spark, published_config

pytestmark = pytest.mark.slow

AS_OF_SCHEMA = "meta"
SKIP_COLUMNS = {("meta_build", "built_at")}  # wall clock of each build
SPARK_TYPES = {"VARCHAR": "string", "BIGINT": "bigint", "INTEGER": "int", "DOUBLE": "double",
               "BOOLEAN": "boolean", "TIMESTAMP": "timestamp", "DATE": "date",
               "MAP(VARCHAR, VARCHAR)": "map<string,string>", "VARCHAR[]": "array<string>"}
NUMERIC = ("BIGINT", "INTEGER", "DOUBLE", "HUGEINT", "DECIMAL", "FLOAT", "SMALLINT", "TINYINT")


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    pyspark = pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession

    assert pyspark.__version__ >= "4"
    warehouse_dir = tmp_path_factory.mktemp("spark-warehouse")
    session = (
        SparkSession.builder.master("local[2]").appName("gold-vs-duckdb")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.warehouse.dir", str(warehouse_dir))
        .config("spark.sql.parquet.inferTimestampNTZ.enabled", "false")
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    """A private account: system.duckdb + gold.duckdb (no ML models)."""
    from health_monitor.warehouse.gold import build_gold
    from health_monitor.warehouse.synthetic import generate

    out = tmp_path_factory.mktemp("account")
    generate(out / "system.duckdb", seed=42, as_of=datetime(2026, 1, 15, 9, 0, tzinfo=timezone.utc), scale=1, incidents=True, progress=False)
    build_gold(out / "system.duckdb", out / "gold.duckdb", progress=False)
    return out


@pytest.fixture(scope="module")
def spark_gold(spark, demo_dir: Path, tmp_path_factory):
    """Load the system tables into Spark, then build every Gold table there; return their names."""
    export = tmp_path_factory.mktemp("system-parquet")
    con = duckdb.connect(str(demo_dir / "system.duckdb"), read_only=True)
    con.execute("SET TimeZone = 'UTC'")
    tables = con.execute("select table_schema, table_name from information_schema.tables "
                         "where table_catalog = current_database()").fetchall()
    as_of = con.execute("select max(as_of) from meta.generation").fetchone()[0]
    local = {"uc_information_schema": "system_information_schema", "published": "main_published"}
    for schema, table in tables:
        path = export / f"{schema}.{table}.parquet"
        con.execute(f"copy (select * from {schema}.{table}) to '{path}' (format parquet)")
        spark_schema = local.get(schema, f"system_{schema}")
        spark.sql(f"create database if not exists {spark_schema}")
        spark.read.parquet(str(path)).write.mode("overwrite").saveAsTable(f"{spark_schema}.{table}")
    con.close()

    # The same staging views and models as DuckDB, through build_gold_on_spark (NameMap.for_spark()).
    report = build_gold_on_spark(spark, as_of=as_of, published=published_config(demo=True), source="synthetic")
    assert report.ok and all(m.status == "built" for m in report.models), [
        (m.name, m.status, m.reason) for m in report.models if m.status != "built"]
    yield [m.name for m in report.models]
    shutil.rmtree(export, ignore_errors=True)


def _duck_stats(gold: duckdb.DuckDBPyConnection, table: str) -> tuple[int, dict]:
    cols = gold.execute("select column_name, data_type from information_schema.columns "
                        "where table_schema = 'health_monitor' and table_name = ? order by ordinal_position",
                        [table]).fetchall()
    n = gold.execute(f"select count(*) from health_monitor.{table}").fetchone()[0]
    stats = {}
    for col, kind in cols:
        if (table, col) in SKIP_COLUMNS:
            continue
        nulls = gold.execute(f'select count(*) - count("{col}") from health_monitor.{table}').fetchone()[0]
        entry = {"nulls": nulls}
        if kind.startswith(NUMERIC):
            entry["sum"] = gold.execute(f'select sum(cast("{col}" as double)) from health_monitor.{table}').fetchone()[0]
        elif kind in ("VARCHAR", "DATE", "TIMESTAMP", "BOOLEAN"):
            entry["distinct"] = gold.execute(
                f'select count(distinct "{col}") from health_monitor.{table}').fetchone()[0]
        stats[col] = (kind, entry)
    return n, stats


def test_every_gold_table_matches_duckdb(spark, spark_gold, demo_dir: Path):
    gold = duckdb.connect(str(demo_dir / "gold.duckdb"), read_only=True)
    mismatches = []
    try:
        for table in spark_gold:
            n, stats = _duck_stats(gold, table)
            sdf = spark.table(f"main_health_monitor.{table}")
            spark_n = sdf.count()
            if spark_n != n:
                mismatches.append(f"{table}: {spark_n} rows on Spark vs {n} on DuckDB")
                continue
            duck_types = dict(_columns(gold, table))
            spark_types = {f.name: f.dataType.simpleString() for f in sdf.schema.fields}
            assert list(spark_types) == list(duck_types), table
            for col, kind in duck_types.items():
                if SPARK_TYPES.get(kind, kind) != spark_types[col]:
                    mismatches.append(f"{table}.{col}: {spark_types[col]} on Spark vs {kind} on DuckDB")
            exprs = []
            for i, (col, (_kind, entry)) in enumerate(stats.items()):
                exprs.append(f"count(*) - count(`{col}`) as n{i}")
                if "sum" in entry:
                    exprs.append(f"sum(cast(`{col}` as double)) as s{i}")
                if "distinct" in entry:
                    exprs.append(f"count(distinct `{col}`) as d{i}")
            row = spark.sql(f"select {', '.join(exprs)} from main_health_monitor.{table}").collect()[0]
            for i, (col, (_kind, entry)) in enumerate(stats.items()):
                if row[f"n{i}"] != entry["nulls"]:
                    mismatches.append(f"{table}.{col}: {row[f'n{i}']} nulls on Spark vs {entry['nulls']}")
                if "sum" in entry and not _close(row[f"s{i}"], entry["sum"]):
                    mismatches.append(f"{table}.{col}: sum {row[f's{i}']} on Spark vs {entry['sum']}")
                if "distinct" in entry and row[f"d{i}"] != entry["distinct"]:
                    mismatches.append(f"{table}.{col}: {row[f'd{i}']} distinct on Spark vs {entry['distinct']}")
    finally:
        gold.close()
    assert not mismatches, "\n".join(mismatches)


def test_ordered_keys_match(spark, spark_gold, demo_dir: Path):
    """Spot-check ordered key columns of the tables tools rank by."""
    gold = duckdb.connect(str(demo_dir / "gold.duckdb"), read_only=True)
    checks = {
        "fact_workspace_daily": ("workspace_name, usage_date", "list_cost"),
        "fact_job_run": ("workspace_id, job_id, run_id", "duration_seconds"),
        "fact_security_event": ("event_id", "severity"),
        "dim_table": ("table_full_name", "hours_since_update"),
    }
    try:
        for table, (keys, value) in checks.items():
            duck = gold.execute(f"select {value} from health_monitor.{table} order by {keys}").fetchall()
            spk = spark.sql(f"select {value} from main_health_monitor.{table} order by {keys}").collect()
            assert len(duck) == len(spk), table
            for a, b in zip(duck, spk, strict=True):
                assert _close(a[0], b[0]), (table, a, b)
    finally:
        gold.close()


def _columns(gold, table: str) -> list[tuple[str, str]]:
    return [tuple(r) for r in gold.execute(
        "select column_name, data_type from information_schema.columns where table_schema = 'health_monitor' "
        "and table_name = ? order by ordinal_position", [table]).fetchall()]


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-6)
    return a == b
