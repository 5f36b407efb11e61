"""Dashboard Hub service: headline KPIs, the cost trend, job outcomes, signals and alert events.

Every function takes a runner (``run(tool, **args) -> ToolResult``) and the shared :class:`Filters`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from health_monitor.ui import metrics
from health_monitor.ui.data import Runner, gap
from health_monitor.ui.filters import Filters
from health_monitor.ui.formatting import change_pct, money, number, signed_pct
from health_monitor.ui.kpi import Kpi

REFRESH_S = 30

SUGGESTED_QUESTIONS = (
    "Why did costs jump yesterday?",
    "Which jobs failed in the last 24 hours and why?",
    "Any security threats I should know about?",
    "Which tables are stale?",
)


def _rate(rows: list[dict[str, Any]]) -> tuple[float | None, int, int]:
    runs = sum(int(r.get("runs") or 0) for r in rows)
    ok = sum(int(r.get("succeeded") or 0) for r in rows)
    return (ok / runs * 100.0 if runs else None), runs, ok


def kpis(run: Runner, f: Filters, as_of: date) -> list[Kpi]:
    """Spend (yesterday vs trailing 7 days), job success rate, active workspaces, security events (the last two
    from :mod:`ui.metrics`, the same figures as on Job Operations and the Security Center)."""
    yesterday = as_of - timedelta(days=1)
    start = min(f.previous().start, yesterday - timedelta(days=7))
    cost = f.scope(run("get_daily_cost_summary", start_date=start, end_date=as_of).rows)
    by_day: dict[date, float] = defaultdict(float)
    dbus_by_day: dict[date, float] = defaultdict(float)
    for r in cost:
        by_day[r["usage_date"]] += float(r.get("list_cost") or 0)
        dbus_by_day[r["usage_date"]] += float(r.get("dbus") or 0)
    trailing = [by_day.get(yesterday - timedelta(days=i), 0.0) for i in range(1, 8)]
    avg7 = sum(trailing) / 7 if any(trailing) else None
    y_cost = by_day.get(yesterday)

    active = {r["workspace_name"] for r in cost if f.start <= r["usage_date"] <= f.end and r.get("list_cost")}
    before = {r["workspace_name"] for r in cost if f.previous().start <= r["usage_date"] <= f.previous().end
              and r.get("list_cost")}

    ws_delta = len(active) - len(before)
    return [
        Kpi("Spend yesterday", money(y_cost), signed_pct(change_pct(y_cost, avg7)), inverse=True,
            delta_description="vs 7-day avg",
            help=f"List cost on {yesterday:%b %d} (UTC) across {'the workspace' if f.workspace else 'all workspaces'}"
                 f"; {number(dbus_by_day.get(yesterday))} DBUs. Trailing 7-day average: {money(avg7)}."),
        metrics.kpi_job_success(run, f),
        Kpi("Active workspaces", f"{len(active)}", None if not ws_delta else f"{ws_delta:+d}",
            delta_description="vs previous period", help="Workspaces with any spend in the period."),
        metrics.kpi_security_events(run, f),
    ]


def cost_trend(run: Runner, f: Filters) -> list[dict[str, Any]]:
    """Daily list cost per workspace over the period's complete days."""
    return f.scope(run("get_daily_cost_summary", start_date=f.start, end_date=f.complete_end).rows)


@dataclass(frozen=True)
class JobOutcomes:
    labels: list[str]
    values: list[int]
    rate: float | None
    runs: int


def job_outcomes(run: Runner, f: Filters) -> JobOutcomes:
    rows = f.scope(run("get_job_success_rate", days=f.days).rows)
    rate, runs, ok = _rate(rows)
    failed = sum(int(r.get("failed") or 0) for r in rows)
    other = max(runs - ok - failed, 0)
    return JobOutcomes(["Succeeded", "Failed", "Other (canceled, skipped)"], [ok, failed, other], rate, runs)


def signals_gap(run: Runner) -> str | None:
    """Which open signals this account cannot raise (a degraded Gold source), or None."""
    return gap(run, "get_active_alerts")


def signals(run: Runner, f: Filters) -> list[dict[str, Any]]:
    """Open signals of the last 24 hours (no rule needed), most severe first."""
    order = {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}
    rows = f.scope(run("get_active_alerts").rows)
    # Within a severity and kind, the biggest first (most failures, stalest table, largest spike).
    return sorted(rows, key=lambda r: (order.get(str(r.get("severity")), 9), str(r.get("signal_type")),
                                       -float(r.get("value") or 0)))


SIGNAL_PAGES = {"cost": "pages/cost.py", "job": "pages/jobs.py", "sla": "pages/jobs.py",
                "security": "pages/security.py", "failed_login": "pages/security.py",
                "warehouse": "pages/reliability.py", "outage": "pages/reliability.py",
                "stale": "pages/quality.py", "fresh": "pages/quality.py"}


def page_for_signal(signal_type: str) -> str:
    """The screen to drill into a signal (``job_failures`` -> Job Operations)."""
    s = (signal_type or "").lower()
    return next((page for key, page in SIGNAL_PAGES.items() if key in s), "pages/dashboard.py")
