"""``health-monitor gold build``: (re)build staging and Gold on the configured engine.

Embedded: from ``system.duckdb`` into ``gold.duckdb`` (atomic). Databricks: through the SQL
warehouse. ``--engine spark``: with the active SparkSession (a Databricks job or notebook,
Databricks Connect), the way the bundle's Gold job runs. Every model ends built, degraded, failed
or skipped; the command prints the ones that did not simply build and exits 1 only when a core
model failed.
"""

from __future__ import annotations

import argparse
import os

from health_monitor.core.errors import ConfigError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gold", help="build the Gold layer from the system tables")
    gold_sub = p.add_subparsers(dest="gold_command", metavar="ACTION", required=True)
    build = gold_sub.add_parser("build", help="build every Gold table")
    build.add_argument("--print-sql", action="store_true", help="print the statements instead of running them")
    build.add_argument("--engine", choices=("auto", "spark"), default="auto",
                       help="spark: build with the active SparkSession (default: the configured warehouse "
                            "backend; HM_WAREHOUSE_BACKEND=spark or HM_GOLD_ENGINE=spark do the same)")
    build.set_defaults(func=run_build)


def print_report(report, where: str) -> int:  # noqa: ANN001 - BuildReport, imported lazily
    counts = report.counts()
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    for m in report.models:
        if m.status != "built":
            fix = f" | fix: {m.fix}" if m.fix else ""
            print(f"{m.status:9} {m.name}: {m.reason}{fix}")
    print(f"Gold built in {where} ({len(report.models)} tables: {summary}; {report.total_seconds:.1f}s)")
    if not report.ok:
        print(f"error: core Gold model(s) failed: {', '.join(report.failed_core)}")
        return 1
    return 0


def _spark_session():  # noqa: ANN202
    try:
        from pyspark.sql import SparkSession
    except ImportError as e:
        raise ConfigError("--engine spark needs pyspark or databricks-connect (run it as a Databricks job or "
                          "notebook, or install databricks-connect).") from e
    active = SparkSession.getActiveSession()
    return active or SparkSession.builder.getOrCreate()


def run_build(args: argparse.Namespace) -> int:
    from health_monitor.core.settings import Settings, get_settings

    engine = args.engine
    if "spark" in (os.environ.get("HM_GOLD_ENGINE", "").lower(), os.environ.get("HM_WAREHOUSE_BACKEND", "").lower()):
        engine = "spark"
    if os.environ.get("HM_WAREHOUSE_BACKEND", "").lower() == "spark":
        # Spark is a build engine, not a warehouse the app queries: read the other settings as usual.
        settings = Settings(warehouse_backend="databricks")
    else:
        settings = get_settings()
    if engine == "spark" and not args.print_sql:
        from health_monitor.warehouse.dialect import NameMap
        from health_monitor.warehouse.gold import build_gold_on_spark, published_config

        names = NameMap.for_databricks(settings.gold_catalog, settings.gold_schema)
        report = build_gold_on_spark(_spark_session(), name_map=names, published=published_config(settings))
        return print_report(report, f"{settings.gold_catalog}.{settings.gold_schema}")

    if settings.warehouse_backend == "duckdb" and not args.print_sql:
        from health_monitor.warehouse.gold import build_gold

        report = build_gold(settings.system_db_path, settings.gold_db_path, progress=True)
        return print_report(report.build, str(settings.gold_db_path.resolve()))

    from health_monitor.warehouse.gold import build_gold_on_databricks, databricks_build_sql

    if args.print_sql:
        for sql in databricks_build_sql(settings):
            print(f"{sql};\n")
        return 0
    from health_monitor.warehouse import open_warehouse

    wh = open_warehouse(settings)
    report = build_gold_on_databricks(wh, settings)
    return print_report(report, f"{settings.gold_catalog}.{settings.gold_schema}")
