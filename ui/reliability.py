"""Reliability service: warehouse availability, outages, incidents, MTBF/MTTR, service health."""

from __future__ import annotations

from typing import Any

from health_monitor.ui.data import Runner
from health_monitor.ui.filters import Filters
from health_monitor.ui.formatting import duration, pct
from health_monitor.ui.kpi import Kpi

REFRESH_S = 60
STATUS_ORDER = {"down": 0, "degraded": 1, "warning": 2, "healthy": 3, "ok": 3}


def _ws(f: Filters) -> dict[str, Any]:
    return {"workspace": f.workspace} if f.workspace else {}


def uptime(run: Runner, f: Filters) -> list[dict[str, Any]]:
    return run("get_uptime_metrics", days=f.days, **_ws(f)).rows


def kpis(run: Runner, f: Filters) -> list[Kpi]:
    up = uptime(run, f)
    hours = sum(float(r.get("running_hours") or 0) for r in up)
    outage_min = sum(float(r.get("outage_minutes") or 0) for r in up)
    avail = (1 - outage_min / 60.0 / hours) * 100.0 if hours else None
    incidents = incidents_in(run, f)
    mt = run("get_mtbf_mttr", days=f.days, **_ws(f)).rows
    mttr = [float(r["mttr_minutes"]) for r in mt if r.get("mttr_minutes") is not None]
    return [
        Kpi("Warehouse availability", pct(avail, 2), None, help="Share of running time SQL warehouses were up."),
        Kpi("Outage time", duration(outage_min * 60), None, inverse=True,
            help=f"{sum(int(r.get('outages') or 0) for r in up)} outage(s) in the period."),
        Kpi("Incidents", f"{sum(int(r.get('occurrences') or 0) for r in incidents):,}", None, inverse=True,
            help="Job failures, SLA breaches, outages and other incidents in the period."),
        Kpi("Mean time to repair", duration(sum(mttr) / len(mttr) * 60) if mttr else "–", None, inverse=True,
            help="Average time from a failed run to the next successful one, across workspaces."),
    ]


def incidents_in(run: Runner, f: Filters) -> list[dict[str, Any]]:
    rows = f.scope(run("get_incident_summary", days=f.days).rows)
    return sorted(rows, key=lambda r: r.get("last_seen") or 0, reverse=True)


def service_health(run: Runner, f: Filters) -> list[dict[str, Any]]:
    rows = f.scope(run("get_service_health").rows)
    return sorted(rows, key=lambda r: (STATUS_ORDER.get(str(r.get("status")).lower(), 9),
                                       r.get("availability_pct") or 100))


def outages(run: Runner, f: Filters) -> list[dict[str, Any]]:
    rows = f.scope(run("get_warehouse_outages", days=f.days).rows)
    return sorted(rows, key=lambda r: r.get("start_time") or 0, reverse=True)


def mtbf(run: Runner, f: Filters) -> list[dict[str, Any]]:
    return run("get_mtbf_mttr", days=f.days, **_ws(f)).rows
