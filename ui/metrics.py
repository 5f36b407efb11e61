"""Each headline figure defined once: every page that shows "Security events" or "Job success rate"
gets the same number for the same filters, because it calls the same builder here (no Streamlit).

A builder takes a runner and the shared :class:`Filters` and returns a :class:`Kpi`; :data:`KPIS`
is the registry the pages' services compose from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from health_monitor.ui.data import Runner
from health_monitor.ui.filters import Filters
from health_monitor.ui.formatting import change_pct, pct, signed_pct
from health_monitor.ui.kpi import Kpi

HIGH = ("high", "critical")


@dataclass(frozen=True)
class JobCounts:
    runs: int
    succeeded: int
    failed: int
    prev_runs: int
    prev_succeeded: int
    prev_failed: int

    @property
    def rate(self) -> float | None:
        return self.succeeded / self.runs * 100.0 if self.runs else None

    @property
    def prev_rate(self) -> float | None:
        return self.prev_succeeded / self.prev_runs * 100.0 if self.prev_runs else None


def job_counts(run: Runner, f: Filters) -> JobCounts:
    """Runs in the period and in the period before it (``get_job_success_rate`` counts back from as-of)."""
    now = f.scope(run("get_job_success_rate", days=f.days).rows)
    both = f.scope(run("get_job_success_rate", days=min(f.days * 2, 365)).rows)

    def total(rows: list[Any], col: str) -> int:
        return sum(int(r.get(col) or 0) for r in rows)

    runs, ok, failed = total(now, "runs"), total(now, "succeeded"), total(now, "failed")
    return JobCounts(runs, ok, failed, total(both, "runs") - runs, total(both, "succeeded") - ok,
                     total(both, "failed") - failed)


def security_events(run: Runner, f: Filters) -> list[dict[str, Any]]:
    """Security-relevant audit events in the period and workspace, newest first."""
    rows = f.scope(run("get_security_events", start_date=f.start, end_date=f.end).rows)
    return sorted(rows, key=lambda r: r.get("event_time") or 0, reverse=True)


def previous_security_events(run: Runner, f: Filters) -> list[dict[str, Any]]:
    p = f.previous()
    return f.scope(run("get_security_events", start_date=p.start, end_date=p.end).rows)


def kpi_security_events(run: Runner, f: Filters) -> Kpi:
    cur, prev = security_events(run, f), previous_security_events(run, f)
    high = sum(1 for r in cur if str(r.get("severity") or "").lower() in HIGH)
    return Kpi("Security events", f"{len(cur):,}", signed_pct(change_pct(len(cur), len(prev))), inverse=True,
               delta_description="vs previous period",
               help=f"Security-relevant audit events (sign-ins, permission changes, tokens, sensitive reads), "
                    f"{f.label.lower()}; {high} of high severity.")


def kpi_job_success(run: Runner, f: Filters) -> Kpi:
    c = job_counts(run, f)
    rate, prev = c.rate, c.prev_rate
    return Kpi("Job success rate", pct(rate), None if rate is None or prev is None else f"{rate - prev:+.1f} pts",
               delta_description="vs previous period",
               help=f"{c.succeeded:,} of {c.runs:,} job runs succeeded, {f.label.lower()}.")


KPIS: dict[str, Callable[[Runner, Filters], Kpi]] = {
    "Security events": kpi_security_events,
    "Job success rate": kpi_job_success,
}
