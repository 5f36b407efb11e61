"""``health-monitor deploy-sql [--apply]``: the Unity Catalog DDL of the tool catalog and metric views.

Prints every ``CREATE OR REPLACE FUNCTION <catalog>.<schema>.<tool>(...) RETURNS TABLE`` and every
``CREATE OR REPLACE VIEW ... WITH METRICS`` statement for the configured Gold catalog/schema; with
``--apply`` runs them through the Databricks SQL warehouse (requires ``warehouse_backend=databricks``).
"""

from __future__ import annotations

import argparse

from health_monitor.core.errors import ConfigError
from health_monitor.tools.registry import get_registry


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("deploy-sql", help="print (or --apply) the Unity Catalog functions and metric views")
    p.add_argument("--apply", action="store_true", help="execute on the Databricks SQL warehouse")
    p.add_argument("--only", choices=("functions", "metric-views", "all"), default="all")
    p.set_defaults(func=run)


def statements(settings, only: str = "all") -> list[tuple[str, str]]:  # noqa: ANN001
    from health_monitor.tools.ddl import catalog_ddl
    from health_monitor.tools.metrics import metric_view_ddl

    out: list[tuple[str, str]] = []
    if only in ("functions", "all"):
        out += catalog_ddl(get_registry(), settings)
    if only in ("metric-views", "all"):
        out += metric_view_ddl(settings)
    return out


def run(args: argparse.Namespace) -> int:
    from health_monitor.core.settings import get_settings

    settings = get_settings()
    stmts = statements(settings, args.only)
    if not args.apply:
        for name, sql in stmts:
            print(f"-- {name}\n{sql};\n")
        return 0
    if settings.warehouse_backend != "databricks":
        raise ConfigError("--apply needs the Databricks backend: set HM_WAREHOUSE_BACKEND=databricks "
                          "(or --set warehouse_backend=databricks) and the warehouse settings.")
    from health_monitor.warehouse import open_warehouse

    wh = open_warehouse(settings)
    for name, sql in stmts:  # final text, names already mapped: no dialect rewrite
        wh.execute_statement(sql)
        print(f"created {name}")
    print(f"{len(stmts)} objects in {settings.gold_catalog}.{settings.gold_schema}")
    return 0
