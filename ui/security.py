"""Security Center service: event KPIs, events by service and action, ML access anomalies, audit events."""

from __future__ import annotations

from collections import Counter
from typing import Any

from health_monitor.ui import metrics
from health_monitor.ui.data import Runner, ToolUnavailable
from health_monitor.ui.filters import Filters
from health_monitor.ui.formatting import change_pct, signed_pct
from health_monitor.ui.kpi import Kpi
from health_monitor.ui.palette import rank

REFRESH_S = 30


def events(run: Runner, f: Filters) -> list[dict[str, Any]]:
    return metrics.security_events(run, f)


def anomalies(run: Runner, f: Filters) -> list[dict[str, Any]]:
    """The ML access-anomaly model's flags in the period, highest score first."""
    rows = [r for r in run("get_access_anomalies", days=2).rows
            if r.get("event_date") is None or f.start <= r["event_date"] <= f.end]
    return sorted(rows, key=lambda r: -(r.get("anomaly_score") or 0))


def kpis(run: Runner, f: Filters) -> list[Kpi]:
    cur = events(run, f)
    prev = metrics.previous_security_events(run, f)
    users = {r["principal"] for r in cur if r.get("principal")}
    failed = [r for r in cur if r.get("event_type") == "FAILED_LOGIN" or r.get("status_code") == 401]
    failed_prev = [r for r in prev if r.get("event_type") == "FAILED_LOGIN" or r.get("status_code") == 401]
    try:
        flagged: int | None = len(anomalies(run, f))
        flag_help = "Access patterns the ML model flags as unusual."
    except ToolUnavailable:
        flagged = sum(1 for r in cur if r.get("is_after_hours"))
        flag_help = "After-hours security events (the ML anomaly model is not installed)."
    return [
        metrics.kpi_security_events(run, f),
        Kpi("Users involved", f"{len(users):,}", None, help="Distinct principals behind those events."),
        Kpi("Failed logins", f"{len(failed):,}", signed_pct(change_pct(len(failed), len(failed_prev))), inverse=True,
            delta_description="vs previous period", help="HTTP 401 sign-in attempts."),
        Kpi("Anomalies", f"{flagged:,}", None, inverse=True, help=flag_help),
    ]


def pii_tables(run: Runner) -> set[str]:
    """Tables tagged as holding personal data (from the grants listing), for highlighting changes on them."""
    try:
        return {str(r["table_full_name"]) for r in run("get_access_grants").rows if r.get("is_pii")}
    except ToolUnavailable:
        return set()


def events_first(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Most severe first, newest first within a severity (the table under the highlights)."""

    return sorted(rows, key=lambda r: (rank(r.get("severity")), -(r["event_time"].timestamp()
                                                                    if r.get("event_time") else 0)))


def count_by(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    c = Counter(str(r.get(key) or "unknown") for r in rows)
    return [{key: k, "events": v} for k, v in c.most_common()]


def severity_by_day(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    c: Counter[tuple[Any, str]] = Counter()
    for r in rows:
        t = r.get("event_time")
        if t is not None:
            c[(t.date(), str(r.get("severity") or "info"))] += 1
    return [{"day": d, "severity": s, "events": n} for (d, s), n in sorted(c.items(), key=lambda kv: str(kv[0]))]
