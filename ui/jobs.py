"""Job Operations service: run KPIs, the 24-hour timeline, failure reasons, recent runs, at-risk jobs."""

from __future__ import annotations

from collections import Counter
from typing import Any

from health_monitor.ui import metrics
from health_monitor.ui.data import Runner
from health_monitor.ui.filters import Filters
from health_monitor.ui.formatting import change_pct, signed_pct, to_local
from health_monitor.ui.kpi import Kpi

REFRESH_S = 60


def kpis(run: Runner, f: Filters) -> list[Kpi]:
    c = metrics.job_counts(run, f)
    breaches = f.scope(run("get_sla_breaches", days=f.days).rows)
    return [
        Kpi("Runs", f"{c.runs:,}", signed_pct(change_pct(c.runs, c.prev_runs)), delta_description="vs previous period",
            help=f"Job runs, {f.label.lower()}."),
        metrics.kpi_job_success(run, f),
        Kpi("Failures", f"{c.failed:,}", signed_pct(change_pct(c.failed, c.prev_failed)), inverse=True,
            delta_description="vs previous period", help="Runs that ended FAILED, TIMED_OUT or in error."),
        Kpi("SLA breaches", f"{len(breaches):,}", None, inverse=True,
            help="Runs longer than their job's SLA (duration threshold)."),
    ]


def recent_runs(run: Runner, f: Filters, hours: int = 24) -> list[dict[str, Any]]:
    """Runs that started in the last ``hours`` hours before the as-of instant, newest first."""
    args: dict[str, Any] = {"hours": hours}
    if f.workspace:
        args["workspace"] = f.workspace
    rows = run("get_job_runs", **args).rows
    return sorted(rows, key=lambda r: r.get("start_time") or 0, reverse=True)


def failure_reasons(run: Runner, f: Filters) -> list[dict[str, Any]]:
    rows = f.scope(run("get_job_failure_reasons", days=f.days).rows)
    return sorted(rows, key=lambda r: -(r.get("failures") or 0))


def failures_by(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """Failure counts per ``key`` (job_name or termination_code) from the failure-reason rows."""
    c: Counter[str] = Counter()
    for r in rows:
        c[str(r.get(key) or "unknown")] += int(r.get("failures") or 0)
    return [{key: k, "failures": v} for k, v in c.most_common()]


def at_risk(run: Runner, f: Filters) -> list[dict[str, Any]]:
    """The ML model's jobs likely to fail or run late in the next 24 hours, riskiest first."""
    rows = [r for r in f.scope(run("get_at_risk_jobs").rows) if r.get("is_at_risk", True)]

    def pct(v: Any) -> float | None:
        return None if v is None else float(v) * 100.0

    out = [{**r, "risk_pct": pct(r.get("risk_24h")), "failure_pct": pct(r.get("failure_prob_24h")),
            "sla_pct": pct(r.get("sla_breach_prob_24h"))} for r in rows]
    return sorted(out, key=lambda r: -(r.get("risk_pct") or 0))


def localized(rows: list[dict[str, Any]], tz: str, columns: tuple[str, ...] = ("start_time", "end_time")
              ) -> list[dict[str, Any]]:
    """The rows with their timestamps moved to the user's zone (for charts; tables convert themselves)."""
    return [{**r, **{c: to_local(r.get(c), tz) for c in columns}} for r in rows]
