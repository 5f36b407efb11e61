"""MLOps service: the health monitor's own models: primary metrics of the live versions, input drift,
training history and inference (requests, latency)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from health_monitor.ui.data import Runner, ToolUnavailable
from health_monitor.ui.filters import Filters
from health_monitor.ui.formatting import number
from health_monitor.ui.kpi import Kpi

REFRESH_S = 300


def col(rows: Sequence[dict[str, Any]], *needles: str) -> str | None:
    """The first column whose name contains one of ``needles`` (in order)."""
    names = list(rows[0]) if rows else []
    for n in needles:
        for c in names:
            if n in c.lower():
                return c
    return None


def performance(run: Runner, f: Filters) -> list[dict[str, Any]]:
    """Primary metric of each model's live version (falls back to every row if none is flagged)."""
    rows = run("get_model_performance", days=max(f.days, 60)).rows
    live = [r for r in rows if r.get("is_primary") and r.get("status", "active") == "active"]
    return sorted(live or rows, key=lambda r: str(r.get("model_name")))


def drift(run: Runner, f: Filters) -> list[dict[str, Any]]:
    rows = run("get_model_drift").rows
    return sorted(rows, key=lambda r: (not r.get("is_drift"), -(r.get("psi") or 0)))


def drift_by_model(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Largest PSI per model (for a bar chart)."""
    worst: dict[str, float] = defaultdict(float)
    for r in rows:
        worst[str(r.get("model_name"))] = max(worst[str(r.get("model_name"))], float(r.get("psi") or 0))
    return [{"model_name": m, "psi": v} for m, v in worst.items()]


def training(run: Runner, f: Filters) -> list[dict[str, Any]]:
    rows = run("get_training_history").rows
    return sorted(rows, key=lambda r: str(r.get("trained_at") or ""), reverse=True)


def inference(run: Runner, f: Filters) -> list[dict[str, Any]]:
    """Per model and endpoint: requests, errors, average and p95 latency over the period."""
    rows = run("get_inference_metrics", days=f.days).rows
    agg: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        # Customer endpoints serve no health-monitor model: label them by endpoint, never "None".
        key = (str(r.get("model_name") or r.get("endpoint_name") or "unnamed"), str(r.get("endpoint_name") or ""))
        a = agg.setdefault(key, {"model_name": key[0], "endpoint_name": key[1], "requests": 0, "errors": 0,
                                 "_lat": 0.0, "p95_latency_ms": None, "last_measured": None})
        n = int(r.get("requests") or 0)
        a["requests"] += n
        a["errors"] += int(r.get("errors") or 0)
        a["_lat"] += float(r.get("avg_latency_ms") or 0) * n
        if r.get("p95_latency_ms") is not None:
            a["p95_latency_ms"] = max(a["p95_latency_ms"] or 0, float(r["p95_latency_ms"]))
        if r.get("measured_at") and (a["last_measured"] is None or r["measured_at"] > a["last_measured"]):
            a["last_measured"] = r["measured_at"]
    out = []
    for a in agg.values():
        lat = a.pop("_lat")
        a["avg_latency_ms"] = lat / a["requests"] if a["requests"] else None
        out.append(a)
    return sorted(out, key=lambda a: -(a["requests"] or 0))


def _safe(fn: Any, run: Runner, f: Filters) -> list[dict[str, Any]] | None:
    try:
        return fn(run, f)
    except Exception:  # noqa: BLE001 - a KPI shows "–" when its source fails; its section shows the error
        return None


def kpis(run: Runner, f: Filters) -> list[Kpi]:
    hist, dr, inf = _safe(training, run, f), _safe(drift, run, f), _safe(inference, run, f)
    if hist is None and dr is None and inf is None:
        raise ToolUnavailable("The model tools (get_training_history, get_model_drift, get_inference_metrics) "
                              "are not answering, so there are no model figures.")
    models = {r.get("model_name") for r in hist or [] if r.get("status", "active") == "active"} or \
        {r.get("model_name") for r in hist or []}
    drifting = {r.get("model_name") for r in dr or [] if r.get("is_drift")}
    lats = [float(r["avg_latency_ms"]) for r in inf or [] if r.get("avg_latency_ms") is not None]
    return [
        Kpi("Live models", f"{len(models)}", None, help="Models of the health monitor with an active version."),
        Kpi("Drifting", "–" if dr is None else f"{len(drifting)}", None, inverse=True,
            help="Models with at least one input feature drifting (PSI above the threshold)."),
        Kpi("Slowest avg latency", f"{max(lats):,.0f} ms" if lats else "–", None, inverse=True,
            help="Highest average inference latency across models in the period."),
        Kpi("Requests", number(sum(int(r.get("requests") or 0) for r in inf or [])) if inf is not None else "–", None,
            help="Inference requests (batch scoring and endpoints) in the period."),
    ]
