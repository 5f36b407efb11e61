"""Structure for a chat answer (no Streamlit): the rows a tool call returned as a compact table, a series
to chart when the rows are one, and three follow-up questions derived from what the answer was about.

Follow-ups come from one registry of templates per specialist, filled with the subjects the answer's own
rows name (the top workspace, job, table, principal, warehouse); a template whose subject the rows do not
name is skipped, so a suggestion always refers to something in the answer.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

#: Columns that name a subject, in the order a row is best described by.
SUBJECTS = {"workspace": ("workspace_name",), "job": ("job_name",), "table": ("table_full_name", "dataset_name"),
            "principal": ("principal", "executed_by", "run_as"), "warehouse": ("warehouse_name",),
            "model": ("model_name",), "cluster": ("cluster_name",)}

TEMPLATES: dict[str, tuple[str, ...]] = {
    "cost": ("What drove the cost of {workspace} yesterday?", "Which jobs cost the most in {workspace}?",
             "Is {workspace} on track for its monthly budget?", "How has spend by SKU changed over the last 30 days?",
             "Where can we save money this month?"),
    "performance": ("Did {job} fail recently, and why?", "How has the duration of {job} changed over the last 30 days?",
                    "What were the slowest queries on {warehouse} this week?",
                    "Which clusters ran hot yesterday?", "Which jobs are at risk of failing next?"),
    "reliability": ("What is the availability of {warehouse} over the last 7 days?",
                    "List SLA misses for {job}", "What incidents hit {workspace} this week?",
                    "What is our mean time to repair this month?"),
    "security": ("What else did {principal} do in the last 7 days?", "Who can read {table}?",
                 "Any failed logins yesterday?", "Which tokens were created without an expiry?"),
    "quality": ("Is {table} up to date?", "Has any column of {table} drifted?",
                "Which expectations dropped rows yesterday?", "Which tables are behind their refresh schedule?"),
    "mlops": ("Is {model} drifting?", "When was {model} last retrained?",
              "Give me the model health overview: accuracy, drift and latency"),
    "governance": ("Who can read {table}?", "What feeds {table} upstream?",
                   "Which tables are missing a description?"),
    "optimization": ("How much would right-sizing {cluster} save?", "Which clusters are idle most of the time?",
                     "What is the untagged spend in {workspace}?", "What cost optimization opportunities do we have?"),
}
GENERAL = ("What needs my attention right now?", "Why did costs jump and jobs fail yesterday?",
           "Any security threats I should know about?")
_FIELD = re.compile(r"\{(\w+)\}")


def subjects(rows: Sequence[Mapping[str, Any]], question: str = "", lead: str = "") -> dict[str, str]:
    """Each subject column's value in ``rows``: the one ``question`` names, else the one the answer's ``lead``
    (its first paragraph) is about, else the first (rows come ranked: the first is the headline). An answer
    about nightly_etl suggests next questions about nightly_etl, even when another job's row came first or the
    question only said "it"."""
    asked = _gist(question) if question else frozenset()
    led = _gist(lead) if lead else frozenset()
    out: dict[str, str] = {}
    for kind, cols in SUBJECTS.items():
        values = [str(v) for r in rows[:20] if (v := next((r.get(c) for c in cols if r.get(c) not in (None, "")),
                                                             None)) is not None]
        named = [v for v in values if v.lower() in asked or v.lower().rsplit(".", 1)[-1] in asked]
        said = [v for v in values if v.lower() in led or v.lower().rsplit(".", 1)[-1] in led]
        if named or said or values:
            out[kind] = (named or said or values)[0]
    return out


def _lead_of(answer: str) -> str:
    """The answer's first paragraph that is not the "I don't ... from the chat" or a recommendation line."""
    paragraphs = [p for p in (answer or "").split("\n\n") if p.strip()]
    plain = [p for p in paragraphs if not p.lstrip().startswith("**")]
    return " ".join(plain[:2])


def _gist(question: str) -> frozenset[str]:
    """A question's words, with ``catalog.schema.table`` read as its table name ("why is orders_gold stale?"
    and "Why is main.sales.orders_gold stale?" ask the same)."""
    text = re.sub(r"\b[\w-]+\.[\w-]+\.([\w-]+)\b", r"\1", question.lower())
    return frozenset(re.findall(r"[\w@.-]+", text))


def follow_ups(question: str, agents: Sequence[str], rows: Sequence[Mapping[str, Any]], n: int = 3,
               answer: str = "") -> list[str]:
    """``n`` distinct next questions for the specialists that answered, about the subjects in ``rows`` that the
    question or the ``answer``'s lead named (never the question just asked, in other words)."""
    found = subjects(rows, question, _lead_of(answer))
    asked = _gist(question)
    out: list[str] = []
    pools = [TEMPLATES.get(a, ()) for a in agents] or [()]
    for i in range(max((len(p) for p in pools), default=0)):  # interleave: one from each specialist in turn
        for pool in pools:
            if i >= len(pool):
                continue
            names = _FIELD.findall(pool[i])
            if any(name not in found for name in names):
                continue
            q = pool[i].format(**{k: found[k] for k in names})
            if _gist(q) != asked and q not in out:
                out.append(q)
    for q in GENERAL:
        if len(out) >= n:
            break
        if q not in out and _gist(q) != asked:
            out.append(q)
    return out[:n]


def compact(rows: Sequence[Mapping[str, Any]], limit: int = 8, max_cols: int = 6) -> list[dict[str, Any]]:
    """The first ``limit`` rows with the columns that tell most: subjects first, then measures, ids last."""
    if not rows:
        return []
    cols = list(rows[0])
    subject_cols = [c for group in SUBJECTS.values() for c in group if c in cols]
    measures = [c for c in cols if c not in subject_cols and any(isinstance(r.get(c), (int, float)) and
                                                                 not isinstance(r.get(c), bool) for r in rows[:20])
                and not c.endswith("_id")]
    rest = [c for c in cols if c not in subject_cols and c not in measures and not c.endswith("_id")]
    keep = (subject_cols[:2] + rest[:1] + measures)[:max_cols]
    return [{c: r.get(c) for c in keep} for r in rows[:limit]]


def series(rows: Sequence[Mapping[str, Any]]) -> tuple[str, str, list[dict[str, Any]]] | None:
    """When ``rows`` are a time series (a date/time column and a number, at least 3 distinct instants),
    ``(x, y, points)`` summed per instant; else None."""
    if len(rows) < 3:
        return None
    cols = list(rows[0])
    x = next((c for c in cols if any(isinstance(r.get(c), (date, datetime)) for r in rows[:5])), None)
    measures = [c for c in cols if c != x and not c.endswith("_id") and any(
        isinstance(r.get(c), (int, float)) and not isinstance(r.get(c), bool) for r in rows[:20])]
    if x is None or not measures:
        return None
    y = next((c for c in measures if any(k in c for k in ("cost", "runs", "events", "failed", "dbus", "rate"))),
             measures[0])
    sums: dict[Any, float] = defaultdict(float)
    for r in rows:
        if r.get(x) is not None:
            sums[r[x]] += float(r.get(y) or 0)
    if len(sums) < 3:
        return None
    return x, y, [{x: k, y: v} for k, v in sorted(sums.items())]


def column_kinds(rows: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """How to show each column of a compact table: money, pct, number, count or text (by name and values)."""
    out: dict[str, str] = {}
    for c in (rows[0] if rows else {}):
        values = [r.get(c) for r in rows if isinstance(r.get(c), (int, float)) and not isinstance(r.get(c), bool)]
        if not values:
            out[c] = "text"
        elif any(k in c for k in ("cost", "saving", "spend", "_usd", "budget")):
            out[c] = "money"
        elif c.endswith("_pct") or c.endswith("_percent") or c.startswith("pct_"):
            out[c] = "pct"
        elif all(float(v).is_integer() for v in values):
            out[c] = "count"
        else:
            out[c] = "number"
    return out
