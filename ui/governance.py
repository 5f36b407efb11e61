"""Governance service: lineage as a graph, grants on sensitive (PII) tables, missing descriptions,
compliance controls."""

from __future__ import annotations

from typing import Any

from health_monitor.ui.data import Runner, ToolUnavailable
from health_monitor.ui.filters import Filters
from health_monitor.ui.highlights import Highlight, recent_pii_grants
from health_monitor.ui.kpi import Kpi
from health_monitor.ui.palette import rank

REFRESH_S = 900
PREFERRED_LINEAGE = ("main.health_monitor.fact_usage", "main.sales.orders_gold")


def lineage(run: Runner, table: str | None = None) -> list[dict[str, Any]]:
    return run("get_table_lineage", **({"table_name": table} if table else {})).rows


def lineage_tables(edges: list[dict[str, Any]]) -> list[str]:
    """Tables that have upstream lineage (targets), the preferred ones first."""
    names = sorted({str(e["target_table_full_name"]) for e in edges if e.get("target_table_full_name")})
    first = [n for p in PREFERRED_LINEAGE for n in names if n == p or n.startswith(p)]
    return list(dict.fromkeys(first + names))


def inventory(run: Runner) -> list[dict[str, Any]]:
    """Every catalog.schema with its tables, views, undocumented and PII tables (largest schemas first)."""
    rows = run("get_catalog_inventory").rows
    return sorted(rows, key=lambda r: (-int(r.get("tables") or 0), str(r.get("table_catalog")),
                                       str(r.get("table_schema"))))


def metadata(run: Runner) -> list[dict[str, Any]]:
    return run("get_metadata_quality").rows


def undocumented(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in rows if not r.get("has_comment")]


def pii_grants(run: Runner) -> list[dict[str, Any]]:
    rows = [r for r in run("get_access_grants").rows if r.get("is_pii")]
    return sorted(rows, key=lambda r: (str(r.get("table_full_name")), str(r.get("grantee"))))


def pii_grants_with_changes(run: Runner, f: Filters, days: int = 30) -> list[dict[str, Any]]:
    """PII grants, the ones a permission change of the last ``days`` added first (with when and by whom)."""
    from datetime import timedelta


    end = f.as_of or f.end
    try:
        events = run("get_security_events", start_date=end - timedelta(days=days - 1), end_date=end).rows
    except ToolUnavailable:
        events = []
    return recent_pii_grants(pii_grants(run), events)


def new_grant_highlights(grants: list[dict[str, Any]]) -> list[Any]:

    return [Highlight("high", f"New grant on {g['table_full_name']}",
                      f"{g.get('privilege_type')} to {g.get('grantee')} by {g.get('grantor')}"
                      + (f" on {g['granted_at']:%b %d %H:%M} UTC" if g.get("granted_at") else "")
                      + ": a PII-tagged table.", str(g["table_full_name"]))
            for g in grants if g.get("recent") == "new grant"][:3]


def compliance(run: Runner) -> list[dict[str, Any]]:

    return sorted(run("get_compliance_report").rows, key=lambda r: rank(r.get("status")))


def kpis(run: Runner, f: Filters) -> list[Kpi]:
    meta = metadata(run)
    grants = pii_grants(run)
    controls = compliance(run)
    failing = [c for c in controls if c.get("status") in ("fail", "warn")]
    return [
        Kpi("Tables", f"{len(meta):,}", None, help="Tables in Unity Catalog the monitor can see."),
        Kpi("Missing descriptions", f"{len(undocumented(meta)):,}", None, inverse=True,
            help="Tables with no comment: hard to discover and to trust."),
        Kpi("Grants on PII tables", f"{len(grants):,}",
            None, help=f"{len({g['table_full_name'] for g in grants})} PII-tagged tables."),
        Kpi("Controls not passing", f"{len(failing)} / {len(controls)}", None, inverse=True,
            help="Compliance controls with status fail or warn (see the table below for which)."),
    ]
