"""Data Quality service: freshness, expectation results, drift, the per-table quality summary."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from health_monitor.ui.data import Runner, gap
from health_monitor.ui.filters import Filters
from health_monitor.ui.formatting import pct
from health_monitor.ui.kpi import Kpi
from health_monitor.ui.palette import LEVELS

REFRESH_S = 300
NOT_MEASURED = LEVELS["not_measured"].label


def summary(run: Runner, f: Filters) -> list[dict[str, Any]]:
    rows = run("get_dq_summary", days=f.days).rows
    return sorted(rows, key=lambda r: (-(r.get("issues") or 0), str(r.get("table_full_name"))))


def gaps(run: Runner, f: Filters) -> dict[str, str | None]:
    """Each section's "not measured: why; how" (None where it is measured), same calls as the sections."""
    return {"stale": gap(run, "get_freshness_violations"),
            "expectations": gap(run, "get_expectation_failures", days=f.days),
            "drift": gap(run, "get_drift_metrics")}


def stale(run: Runner, f: Filters) -> list[dict[str, Any]]:
    return sorted(run("get_freshness_violations").rows, key=lambda r: -(r.get("hours_since_update") or 0))


def expectations(run: Runner, f: Filters) -> list[dict[str, Any]]:
    return run("get_expectation_failures", days=f.days).rows


def drift(run: Runner, f: Filters) -> list[dict[str, Any]]:
    rows = run("get_drift_metrics").rows
    return sorted(rows, key=lambda r: (not r.get("is_drift"), -abs(r.get("mean_shift_stddevs") or 0)))


def kpis(run: Runner, f: Filters) -> list[Kpi]:
    """The headline cards; a figure the account cannot measure reads "Not measured" (why in its help)."""
    tables = summary(run, f)
    exp = expectations(run, f)
    unmeasured = gaps(run, f)
    passed = sum(int(r.get("passed_records") or 0) for r in exp)
    failed = sum(int(r.get("failed_records") or 0) for r in exp)
    dropped = sum(int(r.get("dropped_records") or 0) for r in exp)
    drifting = [r for r in drift(run, f) if r.get("is_drift")]

    def count(n: int, key: str, help_text: str) -> tuple[str, str]:
        gap_text = unmeasured[key]
        return (NOT_MEASURED, gap_text) if gap_text else (f"{n:,}", help_text)

    stale_value, stale_help = count(len(stale(run, f)), "stale", "Tables not refreshed within 1.5x their usual interval.")
    drift_value, drift_help = count(len(drifting), "drift",
                                    "Columns whose recent distribution moved away from the baseline.")
    rate_help = (unmeasured["expectations"] if unmeasured["expectations"] and not exp else
                 f"Pipeline expectations, {f.label.lower()}: {failed:,} failed and {dropped:,} dropped records.")
    return [
        Kpi("Tables monitored", f"{len(tables):,}", None,
            help=f"{sum(1 for t in tables if (t.get('issues') or 0) > 0)} with at least one issue."),
        Kpi("Stale tables", stale_value, None, inverse=True, help=stale_help),
        Kpi("Expectation pass rate", pct(passed / (passed + failed) * 100.0 if passed + failed else None, 2), None,
            help=rate_help),
        Kpi("Drifting columns", drift_value, None, inverse=True, help=drift_help),
    ]


def failure_rate_by_day(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Failed-record rate (%) per day and expectation, for a line chart."""
    agg: dict[tuple[Any, str], list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        key = (r.get("event_date"), f"{r.get('dataset_name')}.{r.get('expectation_name')}")
        agg[key][0] += int(r.get("failed_records") or 0)
        agg[key][1] += int(r.get("failed_records") or 0) + int(r.get("passed_records") or 0)
    return [{"event_date": d, "expectation": e, "failure_rate_pct": (v[0] / v[1] * 100.0) if v[1] else 0.0}
            for (d, e), v in sorted(agg.items(), key=lambda kv: str(kv[0]))]
