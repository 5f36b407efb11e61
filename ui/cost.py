"""Cost Center service: spend KPIs, trend (+ ML forecast), SKU and workspace splits, anomalies,
budgets and savings. Money is list price unless a discount is configured, then net (see :func:`basis`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from health_monitor.ui.data import Runner
from health_monitor.ui.filters import Filters
from health_monitor.ui.formatting import change_pct, money, number, signed_pct
from health_monitor.ui.kpi import Kpi

REFRESH_S = 300
FORECAST_DAYS = 14


@dataclass(frozen=True)
class Basis:
    """Which money column to read: ``net_*`` when a discount is configured, else ``list_*``."""

    net: bool
    text: str

    def col(self, column: str) -> str:
        if not self.net:
            return column
        return column.replace("list_", "net_", 1) if "list_" in column else f"net_{column}"


def basis(settings: Any) -> Basis:
    if settings.has_discount:
        return Basis(True, f"Net figures: list price minus your {settings.discount_summary()}.")
    return Basis(False, f"List-price figures ({settings.discount_summary()}).")


def _sum(rows: Sequence[Mapping[str, Any]], col: str) -> float:
    return sum(float(r.get(col) or 0) for r in rows)


def daily(run: Runner, f: Filters) -> list[dict[str, Any]]:
    return f.scope(run("get_daily_cost_summary", start_date=f.start, end_date=f.end).rows)


def complete_days(run: Runner, f: Filters) -> list[dict[str, Any]]:
    """Daily rows up to the last complete UTC day (for trends: the as-of day is partial)."""
    return f.scope(run("get_daily_cost_summary", start_date=f.start, end_date=f.complete_end).rows)


def kpis(run: Runner, f: Filters, b: Basis) -> list[Kpi]:
    cur = daily(run, f)
    p = f.previous()
    prev = f.scope(run("get_daily_cost_summary", start_date=p.start, end_date=p.end).rows)
    spend, before = _sum(cur, b.col("list_cost")), _sum(prev, b.col("list_cost"))
    days = len({r["usage_date"] for r in cur}) or 1
    dbus, dbus_before = _sum(cur, "dbus"), _sum(prev, "dbus")
    anomalies = f.scope(run("get_cost_anomalies", lookback_days=min(f.days, 90)).rows)
    spikes = [a for a in anomalies if a.get("direction") != "drop"]
    return [
        Kpi("Spend", money(spend), signed_pct(change_pct(spend, before)), inverse=True,
            delta_description="vs previous period", help=f"Total cost, {f.label.lower()}."),
        Kpi("Daily average", money(spend / days), signed_pct(change_pct(spend / days, before / max(days, 1))),
            inverse=True, delta_description="vs previous period", help="Average cost per day in the period."),
        Kpi("DBUs", number(dbus), signed_pct(change_pct(dbus, dbus_before)), inverse=True,
            delta_description="vs previous period", help="Databricks units consumed in the period."),
        Kpi("Cost anomalies", f"{len(spikes)}", None, inverse=True,
            help="Workspace-days at least 20 % and 3 standard deviations above their trailing 7-day average."),
    ]


def _pick(columns: Sequence[str], *needles: str, exclude: Sequence[str] = ()) -> str | None:
    for n in needles:
        for c in columns:
            if n in c.lower() and not any(x in c.lower() for x in exclude):
                return c
    return None


@dataclass(frozen=True)
class Forecast:
    """Forecast rows summed per day: ``date``, ``forecast``, ``lower``, ``upper`` (bands may be None)."""

    rows: list[dict[str, Any]]
    has_band: bool


def forecast(run: Runner, f: Filters, basis_net: bool = False) -> Forecast:
    """The ML cost forecast (``get_cost_forecast``), whatever its exact column names, summed per day."""
    res = run("get_cost_forecast", days=FORECAST_DAYS)
    rows = f.scope(res.rows)
    cols = list(res.columns or (rows[0].keys() if rows else []))
    x = _pick(cols, "forecast_date", "date", "day", "ds")
    y = _pick(cols, "net_predicted_cost" if basis_net else "predicted_cost", "predicted_cost", "forecast",
              "yhat", exclude=("lower", "upper", "date"))
    lo = _pick(cols, "lower", "_lo", "p10", "p05")
    hi = _pick(cols, "upper", "_hi", "p90", "p95")
    if not rows or x is None or y is None:
        return Forecast([], False)
    per: dict[Any, dict[str, float]] = defaultdict(lambda: {"forecast": 0.0, "lower": 0.0, "upper": 0.0})
    for r in rows:
        d = r.get(x)
        if d is None:
            continue
        per[d]["forecast"] += float(r.get(y) or 0)
        if lo and hi:
            per[d]["lower"] += float(r.get(lo) or 0)
            per[d]["upper"] += float(r.get(hi) or 0)
    out = [{"date": d.date() if hasattr(d, "date") and not isinstance(d, date) else d, **v}
           for d, v in sorted(per.items(), key=lambda kv: str(kv[0])) if str(d) > str(f.complete_end)]
    return Forecast(out, bool(lo and hi))


def by_sku(run: Runner, f: Filters, b: Basis) -> list[dict[str, Any]]:
    """Spend per SKU in the period and the chosen workspace (so the bars add up to the Spend figure)."""
    args: dict[str, Any] = {"start_date": f.start, "end_date": f.end}
    if f.workspace:
        args["workspace_id"] = f.workspace
    rows = f.scope(run("get_workspace_cost_breakdown", **args).rows)
    agg: dict[str, dict[str, Any]] = {}
    for r in rows:
        a = agg.setdefault(str(r.get("sku_name") or "unknown"), {"sku_name": str(r.get("sku_name") or "unknown"),
                                                                 "billing_origin_product": r.get("billing_origin_product"),
                                                                 "cost": 0.0, "dbus": 0.0})
        a["cost"] += float(r.get(b.col("list_cost")) or 0)
        a["dbus"] += float(r.get("dbus") or 0)
    return sorted(agg.values(), key=lambda a: -a["cost"])


def by_workspace(run: Runner, f: Filters, b: Basis) -> list[dict[str, Any]]:
    """One row per workspace: spend, DBUs, the product split, share of total and change vs before."""
    cur = daily(run, f)
    p = f.previous()
    prev = f.scope(run("get_daily_cost_summary", start_date=p.start, end_date=p.end).rows)
    before: dict[str, float] = defaultdict(float)
    for r in prev:
        before[r["workspace_name"]] += float(r.get(b.col("list_cost")) or 0)
    agg: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    parts = ("jobs_cost", "sql_cost", "all_purpose_cost", "serverless_cost", "serving_cost", "gpu_cost",
             "untagged_cost")
    for r in cur:
        a = agg[r["workspace_name"]]
        a["cost"] += float(r.get(b.col("list_cost")) or 0)
        a["list"] += float(r.get("list_cost") or 0)
        a["dbus"] += float(r.get("dbus") or 0)
        for k in parts:
            a[k] += float(r.get(k) or 0)
    total = sum(a["cost"] for a in agg.values()) or 1.0
    out = []
    for ws, a in sorted(agg.items(), key=lambda kv: -kv[1]["cost"]):
        factor = a["cost"] / a["list"] if a["list"] else 1.0  # split columns are list price: scale to basis
        out.append({"workspace": ws, "cost": a["cost"], "share_pct": a["cost"] / total * 100.0, "dbus": a["dbus"],
                    "change_pct": change_pct(a["cost"], before.get(ws)),
                    **{k: a[k] * factor for k in parts}})
    return out


def anomalies(run: Runner, f: Filters, b: Basis) -> list[dict[str, Any]]:
    rows = f.scope(run("get_cost_anomalies", lookback_days=min(f.days, 90)).rows)
    return [{**r, "cost": r.get(b.col("list_cost")), "baseline": r.get(b.col("baseline_cost")),
             "delta": r.get(b.col("delta_cost"))} for r in rows]


def budgets(run: Runner, f: Filters) -> list[dict[str, Any]]:
    """The ML budget alerter: month-to-date, projected month and the chance of exceeding the budget."""
    rows = f.scope(run("get_budget_status").rows)
    out = [{**r, "prob_exceed_pct": float(r["prob_exceed"]) * 100.0 if r.get("prob_exceed") is not None else None}
           for r in rows]
    return sorted(out, key=lambda r: -(r.get("projected_pct_of_budget") or 0))


def savings(run: Runner, f: Filters, b: Basis) -> tuple[list[dict[str, Any]], float]:
    rows = f.scope(run("get_savings_recommendations", top_n=50).rows)
    out = [{**r, "saving": r.get(b.col("estimated_monthly_saving")), "cost_30d": r.get(b.col("list_cost_30d"))}
           for r in rows]
    return out, sum(float(r.get("saving") or 0) for r in out)
