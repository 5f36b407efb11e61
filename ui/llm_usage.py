"""The LLM behind the chat, on the MLOps page: tokens per day, estimated cost per answer, how often a
step fell back to the offline path, and p95 answer latency.

Read from the stored assistant messages: each LLM answer keeps ``context["llm"]`` (usage, fallback,
timings; written by :mod:`graph.service`). Admins see every user's answers; others see their own.
Offline answers carry no ``llm`` block and are not counted ("not measured" when there are none).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from typing import Any

from health_monitor.ui.kpi import Kpi

DAYS = 30
MAX_MESSAGES = 20_000


def llm_answers(engine: Any, *, user_id: str, admin: bool, days: int = DAYS,
                now: datetime | None = None) -> list[dict[str, Any]]:
    """``[{"day", "user_id", "usage", "fallback", "timings"}]`` of the LLM answers of the last ``days``."""
    from health_monitor.db import session_scope
    from health_monitor.db.models import ChatConversation, ChatMessage
    from sqlalchemy import select

    since = (now or datetime.now(timezone.utc)).replace(tzinfo=None) - timedelta(days=days)
    stmt = (select(ChatMessage.created_at, ChatMessage.context, ChatConversation.user_id)
            .join(ChatConversation, ChatConversation.id == ChatMessage.conversation_id)
            .where(ChatMessage.role == "assistant", ChatMessage.created_at >= since)
            .order_by(ChatMessage.created_at.desc()).limit(MAX_MESSAGES))
    if not admin:
        stmt = stmt.where(ChatConversation.user_id == user_id)
    out = []
    with session_scope(engine) as s:
        for created, context, owner in s.execute(stmt):
            llm = (context or {}).get("llm") if isinstance(context, dict) else None
            if isinstance(llm, dict):
                out.append({"day": created.date(), "user_id": owner, "usage": llm.get("usage") or {},
                            "fallback": llm.get("fallback") or [], "timings": llm.get("timings") or {}})
    return out


def _p95(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def summary(answers: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Totals, rates and per-day tokens of ``answers`` (see :func:`llm_answers`)."""
    rows = list(answers)
    costs = [float(a["usage"]["cost_usd"]) for a in rows if a["usage"].get("cost_usd") is not None]
    latencies = [float(a["timings"]["total_ms"]) for a in rows if a["timings"].get("total_ms") is not None]
    per_day: dict[Any, dict[str, Any]] = {}
    for a in rows:
        day = per_day.setdefault(a["day"], {"day": a["day"], "answers": 0, "input_tokens": 0, "output_tokens": 0,
                                            "fallbacks": 0})
        day["answers"] += 1
        day["input_tokens"] += int(a["usage"].get("input_tokens") or 0)
        day["output_tokens"] += int(a["usage"].get("output_tokens") or 0)
        day["fallbacks"] += bool(a["fallback"])
    steps: dict[str, int] = {}
    for a in rows:
        for f in a["fallback"]:
            steps[f.get("step", "?")] = steps.get(f.get("step", "?"), 0) + 1
    return {
        "answers": len(rows),
        "tokens": sum(d["input_tokens"] + d["output_tokens"] for d in per_day.values()),
        "cost_per_answer": (sum(costs) / len(costs)) if costs else None,
        "priced_answers": len(costs),
        "fallback_rate": (sum(bool(a["fallback"]) for a in rows) / len(rows)) if rows else None,
        "fallback_steps": dict(sorted(steps.items(), key=lambda kv: -kv[1])),
        "p95_latency_ms": _p95(latencies),
        "per_day": [per_day[d] for d in sorted(per_day)],
    }


def kpis(s: dict[str, Any]) -> list[Kpi]:
    days = len(s["per_day"]) or 1
    return [
        Kpi("LLM tokens / day", f"{s['tokens'] / days:,.0f}" if s["answers"] else "–", None,
            help=f"Input + output tokens reported by the endpoint, averaged over the {days} day(s) with LLM answers."),
        Kpi("Cost / answer", f"${s['cost_per_answer']:,.4f}" if s["cost_per_answer"] is not None else "not priced",
            None, inverse=True,
            help="Estimated from HM_LLM_PRICES (USD per 1k input/output tokens per endpoint); "
                 "'not priced' until a price is set."),
        Kpi("Fallback rate", f"{s['fallback_rate']:.0%}" if s["fallback_rate"] is not None else "–", None, inverse=True,
            help="Share of LLM answers where at least one step (routing, a specialist, the answer) went offline."),
        Kpi("p95 answer latency", f"{s['p95_latency_ms'] / 1000:,.1f} s" if s["p95_latency_ms"] is not None else "–",
            None, inverse=True, help="95th percentile of the whole turn's time, LLM answers only."),
    ]


def section(engine: Any, *, user_id: str, admin: bool) -> None:
    """The page's LLM section (one call from ``pages/mlops.py``)."""
    import streamlit as st
    from health_monitor.ui import components as ui

    s = summary(llm_answers(engine, user_id=user_id, admin=admin))
    if not s["answers"]:
        st.info(f"Not measured: no LLM answers in the last {DAYS} days. The chat answers offline unless "
                "HM_LLM_PROVIDER is set (databricks or openai) with HM_LLM_ENDPOINT.")
        return
    ui.kpi_row(kpis(s))
    ui.table(s["per_day"], key="llm_usage_days", columns={
        "day": "Day", "answers": ui.number_col("Answers"), "input_tokens": ui.number_col("Input tokens"),
        "output_tokens": ui.number_col("Output tokens"), "fallbacks": ui.number_col("With a fallback")})
    if s["fallback_steps"]:
        st.caption("Fallbacks by step: " + ", ".join(f"{k} {v}" for k, v in s["fallback_steps"].items()))
