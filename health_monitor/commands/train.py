"""``health-monitor train [--models a,b] [--profile] [--score-only]``: train the models, score into Gold.

Embedded: reads features from ``gold.duckdb`` and writes the prediction tables, the model registry
and inference metrics into a copy renamed into place. Databricks (``warehouse_backend=databricks``):
reads and writes through the SQL warehouse, or with ``--spark`` (the bundle's jobs) on the job's
SparkSession.

``--profile`` prints wall time, CPU time, peak resident memory and the rows read into Python for
each model and each feature query. ``--score-only`` is the frequent job: no training, each
model's active version scores only the days since its last scoring run.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from health_monitor.core.errors import ConfigError
from health_monitor.ml.profile import Profiler
from health_monitor.ml.registry import all_models
from health_monitor.ml.train import score_all, train_all


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="train the models and write their predictions to Gold")
    p.add_argument("--models", default=None,
                   help="comma-separated model names (default: all); `--models list` prints them")
    p.add_argument("--data-dir", default=None, help="embedded data folder (default: HM_DATA_DIR)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--profile", action="store_true",
                   help="print time, CPU, peak memory and rows read per model and per feature query")
    p.add_argument("--score-only", action="store_true",
                   help="no training: score the days since the last scoring run with the active versions")
    p.add_argument("--spark", action="store_true",
                   help="run the feature SQL and write the predictions on the active SparkSession (a Databricks job)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.models == "list":
        for name, model in all_models().items():
            print(f"{name:<26} {model.family:<12} {model.description}")
        return 0
    names = [n.strip() for n in args.models.split(",") if n.strip()] if args.models else None
    profiler = Profiler() if args.profile else None
    data_dir = Path(args.data_dir) if args.data_dir else None
    spark = _spark_session() if args.spark else None
    run_models = score_all if args.score_only else train_all
    report = run_models(data_dir, models=names, progress=not args.quiet, profiler=profiler, spark=spark)
    verb = "scored" if args.score_only else "trained"
    print(f"{verb} {len(report.models)} model(s) as of {report.as_of:%Y-%m-%d %H:%M} UTC in {report.seconds:.1f}s")
    for line in report.lines():
        print("  " + line)
    if profiler is not None:
        print()
        for line in profiler.lines():
            print(line)
    return 0


def _spark_session():
    try:
        from pyspark.sql import SparkSession
    except ImportError as e:
        raise ConfigError("--spark needs pyspark (a Databricks job or the dev extra); leave it out to train on "
                          "the configured warehouse.") from e
    return SparkSession.builder.getOrCreate()
