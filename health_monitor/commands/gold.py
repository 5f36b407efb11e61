"""``health-monitor gold build``: (re)build the Gold layer on the configured backend.

Embedded: from ``system.duckdb`` into ``gold.duckdb`` (atomic). Databricks: ``CREATE OR REPLACE
TABLE`` statements over the real system tables, run through the SQL warehouse.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gold", help="build the Gold layer from the system tables")
    gold_sub = p.add_subparsers(dest="gold_command", metavar="ACTION", required=True)
    build = gold_sub.add_parser("build", help="build every Gold table")
    build.add_argument("--print-sql", action="store_true", help="print the statements instead of running them")
    build.set_defaults(func=run_build)


def run_build(args: argparse.Namespace) -> int:
    from health_monitor.core.settings import get_settings

    settings = get_settings()
    if settings.warehouse_backend == "duckdb" and not args.print_sql:
        from health_monitor.warehouse.gold import build_gold

        report = build_gold(settings.system_db_path, settings.gold_db_path, progress=True)
        print(f"Gold built in {settings.gold_db_path.resolve()} ({len(report.rows)} tables, {report.total_seconds:.1f}s)")
        return 0

    from tqdm import tqdm

    from health_monitor.warehouse.gold import databricks_build_sql

    statements = list(databricks_build_sql(settings))
    if args.print_sql:
        for sql in statements:
            print(f"{sql};\n")
        return 0
    from health_monitor.warehouse import open_warehouse

    wh = open_warehouse(settings)
    for sql in tqdm(statements, desc="gold", unit="statement"):
        wh.execute_statement(sql)
    print(f"Gold built in {settings.gold_catalog}.{settings.gold_schema} ({len(statements) - 1} tables)")
    return 0
