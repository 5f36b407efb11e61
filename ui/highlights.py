"""What each center must show on its first screen, found by general rules over the tools' rows (no
Streamlit, no names of the demo): the slowest recent SQL statement and clusters pegged above 90 % CPU
(Job Operations), budgets on course to be exceeded (Cost), high-severity audit events and permission
changes on sensitive tables (Security), and recently granted access to PII tables (Governance).

Each rule returns :class:`Highlight` items, most severe first; pages render them as a callout strip
right under the KPI cards.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from health_monitor.ui.data import Runner
from health_monitor.ui.filters import Filters
from health_monitor.ui.formatting import data_size, duration, label, money, pct, text
from health_monitor.ui.palette import rank

SLOW_QUERY_S = 600  # a statement running 10 minutes or more is worth a look on the jobs screen
CPU_HOT_PCT = 90


@dataclass(frozen=True)
class Highlight:
    severity: str  # a palette level: critical, high, medium, low
    title: str
    detail: str
    subject: str = ""


def _sorted(items: list[Highlight]) -> list[Highlight]:
    return sorted(items, key=lambda h: rank(h.severity))


def slow_queries(run: Runner, f: Filters, as_of: datetime | None = None, hours: int = 24) -> list[Highlight]:
    """The slowest SQL statements of the last ``hours`` before the data's as-of instant (at most 3)."""
    rows = f.scope(run("get_slow_queries", threshold_seconds=SLOW_QUERY_S).rows)
    if as_of is not None:
        rows = [r for r in rows if isinstance(r.get("start_time"), datetime)
                and r["start_time"] >= as_of - timedelta(hours=hours)]
    rows = sorted(rows, key=lambda r: -(r.get("duration_seconds") or 0))[:3]
    out = []
    for r in rows:
        secs = float(r.get("duration_seconds") or 0)
        out.append(Highlight(
            "high" if secs >= 1.5 * SLOW_QUERY_S else "medium",
            f"Slow query: {duration(secs)} on {r.get('warehouse_name') or 'a warehouse'}",
            f"by {text(r.get('executed_by'))}, read {data_size(r.get('read_bytes'))}"
            f"{', waited for capacity' if (r.get('waiting_at_capacity_duration_ms') or 0) > 0 else ''}: "
            f"{text(r.get('statement_text'), 90)}",
            str(r.get("warehouse_name") or "")))
    return out


def hot_clusters(run: Runner, f: Filters) -> list[Highlight]:
    """Clusters whose CPU stayed at or above 90 % for hours (yesterday first, then the last 7 days)."""
    args = {"workspace": f.workspace} if f.workspace else {}
    out = []
    for r in f.scope(run("get_resource_utilization", **args).rows):
        hours_y = int(r.get("hours_cpu_over_90_yesterday") or 0)
        hours_7 = int(r.get("hours_cpu_over_90") or 0)
        if not hours_7:
            continue
        when = f"{hours_y} h yesterday" if hours_y else f"{hours_7} h in the last 7 days"
        out.append(Highlight(
            "high" if hours_y >= 2 else "medium",
            f"CPU above {CPU_HOT_PCT} %: {r.get('cluster_name') or r.get('cluster_id')}",
            f"{when} (peak {pct(r.get('max_cpu_percent'), 0)}, average {pct(r.get('avg_cpu_percent'), 0)}) "
            f"in {text(r.get('workspace_name'))}: a bottleneck for what runs on it.",
            str(r.get("cluster_name") or "")))
    return _sorted(out)[:3]


def budgets(run: Runner, f: Filters) -> list[Highlight]:
    """Budgets projected past 100 % or flagged at risk by the budget model."""
    out = []
    for r in f.scope(run("get_budget_status").rows):
        share = float(r.get("projected_pct_of_budget") or 0)
        if not (r.get("is_at_risk") or share >= 100):
            continue
        chance = r.get("prob_exceed")
        out.append(Highlight(
            "critical" if share >= 110 else "high",
            f"Budget overrun ahead: {r.get('workspace_name')}",
            f"projected {money(r.get('projected_cost'))} of {money(r.get('monthly_budget_usd'))} this month "
            f"({pct(share, 0)})" + (f", {pct(float(chance) * 100, 0)} chance of going over" if chance is not None
                                    else "") + f"; {money(r.get('mtd_cost'))} spent so far.",
            str(r.get("workspace_name") or "")))
    return _sorted(out)


def _grant_changes(detail: Any) -> list[tuple[str, list[str]]]:
    """``changes: [{"principal": "x", "add": ["SELECT"]}]`` -> ``[("x", ["SELECT"])]`` (tolerant of junk)."""
    m = re.search(r"\[.*\]", str(detail or ""), re.S)
    if not m:
        return []
    try:
        changes = json.loads(m.group(0))
    except ValueError:
        return []
    return [(str(c.get("principal")), [str(p) for p in c.get("add") or []]) for c in changes
            if isinstance(c, dict) and c.get("principal") and c.get("add")]


def _no_expiry(detail: Any) -> str:
    """Audit details carry a token's lifetime as ``lifetime: <seconds>``; none/0 means it never expires."""
    return " with no expiry" if re.search(r"lifetime:\s*(none|null|0)\b", str(detail or ""), re.I) else ""


def security_events(rows: list[dict[str, Any]], pii_tables: set[str] | None = None) -> list[Highlight]:
    """High/critical audit events, and permission changes on sensitive tables, newest first per level."""
    out = []
    for r in rows:
        sev = str(r.get("severity") or "").lower()
        table = r.get("securable_full_name")
        grants = _grant_changes(r.get("detail")) if r.get("event_type") == "PERMISSION_CHANGE" else []
        when = r["event_time"].strftime("%b %d %H:%M UTC") if isinstance(r.get("event_time"), datetime) else ""
        if grants and table and (pii_tables is None or table in pii_tables):
            who = ", ".join(f"{', '.join(p)} to {g}" for g, p in grants)
            out.append(Highlight("high", f"Access granted on sensitive table {table}",
                                 f"{r.get('principal')} granted {who} ({when}).", str(table)))
        elif sev in ("high", "critical"):
            out.append(Highlight(sev, f"{label(r.get('event_type'))}{_no_expiry(r.get('detail'))} by "
                                      f"{r.get('principal') or 'unknown'}",
                                 f"{text(r.get('detail'), 80)} · {r.get('action_name') or ''} · {when}"
                                 + (f" · {r.get('workspace_name')}" if r.get("workspace_name") else ""),
                                 str(r.get("principal") or "")))
    return _sorted(out)[:4]


def recent_pii_grants(grants: list[dict[str, Any]], events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The PII grants with ``granted_at``/``granted_by`` from permission-change events in ``events``; grants
    changed recently first (then direct before inherited)."""
    changed: dict[tuple[str, str], dict[str, Any]] = {}
    for e in sorted(events, key=lambda e: e.get("event_time") or datetime.min):
        if e.get("event_type") != "PERMISSION_CHANGE":
            continue
        for grantee, _ in _grant_changes(e.get("detail")):
            changed[(str(e.get("securable_full_name")), grantee)] = e
    out = []
    for g in grants:
        e = changed.get((str(g.get("table_full_name")), str(g.get("grantee"))))
        out.append({**g, "granted_at": e.get("event_time") if e else None,
                    "recent": "new grant" if e else ("inherited" if g.get("inherited_from") else "direct")})
    return sorted(out, key=lambda g: (g["granted_at"] is None, bool(g.get("inherited_from")),
                                      str(g.get("table_full_name")), str(g.get("grantee"))))


def outages(rows: list[dict[str, Any]]) -> list[Highlight]:
    """SQL warehouse outages in the period, longest first (rows of ``get_warehouse_outages``)."""
    out = []
    for r in sorted(rows, key=lambda r: -(r.get("duration_minutes") or 0))[:2]:
        mins = float(r.get("duration_minutes") or 0)
        when = r["start_time"].strftime("%b %d %H:%M UTC") if isinstance(r.get("start_time"), datetime) else ""
        out.append(Highlight("critical" if mins >= 60 else "high",
                             f"Outage: {r.get('warehouse_name')} down {duration(mins * 60)}",
                             f"from {when} in {text(r.get('workspace_name'))} ({label(r.get('event_type'))}).",
                             str(r.get("warehouse_name") or "")))
    return out


def stale_tables(rows: list[dict[str, Any]]) -> list[Highlight]:
    """Tables past their refresh threshold, most refreshes missed first (rows of ``get_freshness_violations``)."""
    out = []
    for r in sorted(rows, key=lambda r: -(r.get("refreshes_missed") or 0))[:2]:
        missed = float(r.get("refreshes_missed") or 0)
        out.append(Highlight("high" if missed >= 2 else "medium", f"Stale: {r.get('table_full_name')}",
                             f"last update {duration(float(r.get('hours_since_update') or 0) * 3600)} ago, usually "
                             f"every {duration(float(r.get('expected_refresh_hours') or 0) * 3600)} "
                             f"({missed:.1f} refreshes missed); owner {text(r.get('table_owner'))}.",
                             str(r.get("table_full_name") or "")))
    return out


def drifting_models(rows: list[dict[str, Any]]) -> list[Highlight]:
    """Models with drifting inputs, most drifting features first (rows of ``get_model_drift``)."""
    feats: dict[str, set[str]] = {}
    for r in rows:
        if r.get("is_drift"):
            feats.setdefault(str(r.get("model_name")), set()).add(str(r.get("feature")))
    ranked = sorted(feats.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:3]
    return [Highlight("medium", f"Input drift: {m}", f"{len(f)} feature(s) drifting: {', '.join(sorted(f)[:4])}; "
                                                     "retraining is due.", m) for m, f in ranked]
