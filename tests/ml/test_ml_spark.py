"""Training on a SparkSession: the feature SQL runs on Spark and the predictions are written by Spark.

Gold of the shared demo (its tables, not its predictions) and the lineage system table are loaded
into a local SparkSession under local Spark's names (``main_health_monitor.<table>``,
``system_access.table_lineage``); a few models covering the feature SQL's constructs (window lags,
null-safe joins, ``count_if``, ``unix_micros``, a system table, the hour-of-day pivot) train there and their prediction
tables must match the DuckDB training of the same account.
"""

from __future__ import annotations

import math
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.slow

MODELS = ["cost_anomaly_detector", "access_anomaly_detector", "freshness_predictor", "job_failure_predictor",
          "user_behavior_analyzer"]
KEYS = {"ml_cost_anomalies": ["workspace_id", "usage_date"], "ml_access_anomalies": ["principal", "event_date"],
        "ml_freshness_risk": ["table_full_name"], "ml_job_failure_risk": ["job_id"], "ml_user_behavior": ["principal"]}


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]").appName("hm-train-on-spark")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("spark-warehouse")))
        .config("spark.sql.parquet.inferTimestampNTZ.enabled", "false")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def spark_gold(spark, demo_dir: Path, tmp_path_factory) -> Path:
    """Gold (without predictions) and the lineage system table as Spark tables."""
    export = tmp_path_factory.mktemp("gold-parquet")
    gold = duckdb.connect(str(demo_dir / "gold.duckdb"), read_only=True)
    gold.execute("SET TimeZone = 'UTC'")
    spark.sql("create database if not exists main_health_monitor")
    tables = [t for (t,) in gold.execute("select table_name from information_schema.tables "
                                         "where table_schema = 'health_monitor'").fetchall() if not t.startswith("ml_")]
    for table in tables:
        path = export / f"{table}.parquet"
        gold.execute(f"copy (select * from health_monitor.{table}) to '{path}' (format parquet)")
        spark.read.parquet(str(path)).write.mode("overwrite").saveAsTable(f"main_health_monitor.{table}")
    gold.close()
    system = duckdb.connect(str(demo_dir / "system.duckdb"), read_only=True)
    system.execute("SET TimeZone = 'UTC'")
    path = export / "table_lineage.parquet"
    system.execute(f"copy (select * from access.table_lineage) to '{path}' (format parquet)")
    system.close()
    spark.sql("create database if not exists system_access")
    spark.read.parquet(str(path)).write.mode("overwrite").saveAsTable("system_access.table_lineage")
    return export


def _same(a, b) -> bool:
    import datetime

    import pandas as pd

    if isinstance(a, datetime.date) or isinstance(b, datetime.date):  # Spark gives dates, pandas timestamps
        return pd.Timestamp(a) == pd.Timestamp(b)
    if a is None or b is None or (isinstance(a, float) and math.isnan(a)) or (isinstance(b, float) and math.isnan(b)):
        return (a is None or a != a) and (b is None or b != b)
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)
    return str(a) == str(b)


def test_models_train_on_spark_and_match_duckdb(spark, spark_gold, demo_dir, tmp_path):
    from health_monitor.ml.train import train_all

    report = train_all(tmp_path, models=MODELS, progress=False, spark=spark)
    assert {m: r.status for m, r in report.models.items()} == dict.fromkeys(MODELS, "active"), report.lines()
    gold = duckdb.connect(str(demo_dir / "gold.duckdb"), read_only=True)
    try:
        for table, keys in KEYS.items():
            on_spark = spark.table(f"main_health_monitor.{table}").toPandas().sort_values(keys, ignore_index=True)
            on_duck = gold.execute(f"select * from health_monitor.{table}").df().sort_values(keys, ignore_index=True)
            assert len(on_spark) == len(on_duck) > 0, table
            skip = {"scored_by_version"}  # the demo's registry holds more versions than this run
            for col in on_duck.columns:
                if col in skip:
                    continue
                bad = [i for i, (x, y) in enumerate(zip(on_spark[col], on_duck[col], strict=True)) if not _same(x, y)]
                assert not bad, f"{table}.{col} differs at {len(bad)} row(s), e.g. {on_spark[col][bad[0]]!r} vs {on_duck[col][bad[0]]!r}"
    finally:
        gold.close()
    registry = spark.table("main_health_monitor.ml_model_registry").toPandas()
    assert set(registry["model_name"]) == set(MODELS)
