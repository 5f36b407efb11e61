"""Unity Catalog DDL for every tool; in local Spark each becomes a temporary table function and runs."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from health_monitor.tools.ddl import catalog_ddl, create_function, sql_type

from health_monitor.core.settings import Settings


def test_ddl_for_every_tool(registry):
    stmts = dict(catalog_ddl(registry, Settings(gold_catalog="ops", gold_schema="health", discount_pct=10)))
    assert len(stmts) == len(registry)
    ddl = stmts["get_failed_jobs"]
    assert ddl.startswith("CREATE OR REPLACE FUNCTION `ops`.`health`.`get_failed_jobs`(")
    assert "hours INT DEFAULT 24 COMMENT" in ddl and "workspace STRING DEFAULT NULL" in ddl
    assert "RETURNS TABLE (start_time TIMESTAMP" in ddl and "ops.health.fact_job_run" in ddl
    assert ":hours" not in ddl and "get_failed_jobs.hours" in ddl
    assert "(SELECT MAX(as_of) FROM ops.health.meta_build)" in ddl
    cost = stmts["get_daily_cost_summary"]
    assert "start_date DATE DEFAULT NULL" in cost and "COALESCE(get_daily_cost_summary.start_date" in cost
    assert "net_cost DOUBLE" in cost and "* 0.9 AS net_cost" in cost


def test_param_types():
    from datetime import date
    from typing import Literal

    assert sql_type(int) == "INT" and sql_type(date | None) == "DATE" and sql_type(Literal["a"] | None) == "STRING"


def test_metric_view_ddl():
    from health_monitor.tools.metrics import metric_view_ddl

    ddl = dict(metric_view_ddl(Settings(gold_catalog="ops", gold_schema="health")))
    assert "WITH METRICS" in ddl["mv_cost"] and "source: ops.health.fact_workspace_daily" in ddl["mv_cost"]


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]").appName("tools-tvf")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("spark-warehouse")))
        .config("spark.sql.parquet.inferTimestampNTZ.enabled", "false")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def spark_gold(spark, demo_dir: Path, tmp_path_factory):
    """The demo's Gold tables as ``main_health_monitor.<table>`` (NameMap.for_spark())."""
    export = tmp_path_factory.mktemp("gold-parquet")
    con = duckdb.connect(str(demo_dir / "gold.duckdb"), read_only=True)
    con.execute("SET TimeZone = 'UTC'")
    tables = con.execute("select table_name from information_schema.tables "
                         "where table_catalog = current_database() and table_schema = 'health_monitor'").fetchall()
    spark.sql("create database if not exists main_health_monitor")
    for (table,) in tables:
        path = export / f"{table}.parquet"
        con.execute(f"copy (select * from health_monitor.{table}) to '{path}' (format parquet)")
        spark.read.parquet(str(path)).write.mode("overwrite").saveAsTable(f"main_health_monitor.{table}")
    con.close()
    return spark


@pytest.mark.slow
def test_every_tool_as_spark_table_function(spark_gold, registry, executor):
    from health_monitor.warehouse.dialect import NameMap

    spark = spark_gold
    failures = {}
    for tool in registry:
        ddl = create_function(tool, qualified_name=tool.name, target="spark", names=NameMap.for_spark(),
                              temporary=True)
        try:
            spark.sql(ddl)
            got = spark.sql(f"select * from {tool.name}()").collect()
        except Exception as e:  # report every failing tool at once
            failures[tool.name] = str(e).splitlines()[0][:300]
            continue
        expected = executor.run(tool, max_rows=100_000)
        if expected.ok and len(got) != expected.row_count:
            failures[tool.name] = f"Spark {len(got)} rows, DuckDB {expected.row_count}"
    assert not failures, "\n".join(f"{k}: {v}" for k, v in failures.items())
