"""The Gold build on local Spark against a real account's system catalog: empty tables, exact schema.

Every table of ``data/system-tables-real-schema.csv`` (a real workspace's ``system`` catalog,
December 2025) is created empty as ``system_<schema>.<table>`` with exactly its columns and types,
and :func:`build_gold_on_spark` runs over it. No model may fail: each is built, or degraded with a
reason. Then the newer job columns are added (what accounts have after December 2025) and the job
models must build without degradation.
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest
from health_monitor.warehouse.contract import BY_NAME

pytestmark = pytest.mark.slow

REAL = Path(__file__).with_name("data") / "system-tables-real-schema.csv"
AS_OF = datetime(2026, 1, 15, 9, 0)


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    pyspark = pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession

    assert pyspark.__version__ >= "4"
    session = (
        SparkSession.builder.master("local[1]").appName("gold-real-schema")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.default.parallelism", "1")
        .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("spark-warehouse")))
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _real_tables() -> dict[tuple[str, str], list[tuple[str, str]]]:
    out: dict[tuple[str, str], list[tuple[str, str]]] = {}
    with REAL.open(newline="") as f:
        for row in sorted(csv.DictReader(f), key=lambda r: int(r["ordinal_position"])):
            out.setdefault((row["table_schema"], row["table_name"]), []).append(
                (row["column_name"], row["full_data_type"]))
    return out


@pytest.fixture(scope="module")
def real_account(spark):
    """Create every table of the dump, empty, with its exact schema."""
    from pyspark.sql.types import StructField, StructType, _parse_datatype_string

    for (schema, table), cols in _real_tables().items():
        spark.sql(f"create database if not exists system_{schema}")
        struct = StructType([StructField(name, _parse_datatype_string(kind)) for name, kind in cols])
        spark.createDataFrame([], struct).write.mode("overwrite").saveAsTable(f"system_{schema}.{table}")
    return spark


def _check(report) -> dict[str, object]:
    by_name = {m.name: m for m in report.models}
    assert not [m for m in report.models if m.status in ("failed", "skipped")], [
        (m.name, m.status, m.reason) for m in report.models if m.status in ("failed", "skipped")]
    for m in report.models:
        assert m.status in ("built", "degraded")
        if m.status == "degraded":
            assert m.reason, m.name
    assert report.ok
    return by_name


def test_december_2025_schema_builds_or_degrades_every_model(real_account):
    from health_monitor.warehouse.gold import REPORT_TABLE, build_gold_on_spark, load_models

    report = build_gold_on_spark(real_account, as_of=AS_OF)
    models = _check(report)
    assert set(models) == {m.name for m in load_models()}
    # Invented sources are gone: their features say "not measured" with how to enable them.
    assert models["fact_expectation"].status == "degraded"
    assert "pipeline expectation" in models["fact_expectation"].reason
    assert models["fact_table_profile"].status == "degraded"
    assert models["fact_serving_daily"].status == "degraded"
    assert "system.ai_gateway.usage" in models["fact_serving_daily"].reason
    assert "AI Gateway" in models["fact_serving_daily"].fix
    # The jobs table of December 2025 lacks the newer columns: typed NULLs, degraded, not failed.
    assert models["dim_job"].status == "degraded" and "health_rules" in models["dim_job"].reason
    # The report is stored in Gold.
    stored = {r["name"]: r["status"] for r in
              real_account.table(f"main_health_monitor.{REPORT_TABLE}").where("kind = 'model'").collect()}
    assert stored == {m.name: m.status for m in report.models}
    assert report.as_dicts()[0].keys() == {"name", "status", "reason"}


def test_newer_job_columns_build_the_job_models(real_account):
    from health_monitor.warehouse.gold import build_gold_on_spark

    for full in ("system.lakeflow.jobs", "system.lakeflow.job_tasks", "system.lakeflow.job_run_timeline",
                 "system.lakeflow.job_task_run_timeline", "system.lakeflow.pipelines",
                 "system.access.table_lineage"):
        src = BY_NAME[full]
        local = f"system_{src.schema}.{src.table}"
        have = {f.name for f in real_account.table(local).schema.fields}
        new = [f"`{c.name}` {c.type}" for c in src.columns if c.newer and c.name not in have]
        if new:
            real_account.sql(f"alter table {local} add columns ({', '.join(new)})")
    report = build_gold_on_spark(real_account, as_of=AS_OF)
    models = _check(report)
    for name in ("dim_job", "fact_job_run"):
        assert models[name].status == "built", (name, models[name].reason)
