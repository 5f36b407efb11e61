"""What-if questions and error budgets: "what if we had halved the GPU training, what would yesterday's bill have been?",
"if that outage hadn't happened, what would uptime be?", "how much of the error budget have we burned?".

The change is read from the question (halved, doubled, cut by 30 %, turned off), applied to the line item the
question names among the cost findings' rows, and said as an estimate: the spend scaled in proportion, nothing
re-run. The total it changes (the workspace's bill) is added only when a finding read the same period for it.
A question naming no line item the rows hold gets no estimate: no guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from health_monitor.graph.figures import money
from health_monitor.graph.state import AgentReport, ToolCallRecord

from health_monitor.core.phrases import PER_YEAR_WORDS

#: The question imagines a change rather than asking what happened.
HYPOTHETICAL = re.compile(r"\bwhat if\b|\bif (?:we|i|they|you|it|that)\b|\bsuppos\w*\b|\bimagine\b|\bhypothetical\w*\b|"
                          r"\bwould (?:\w+ ){0,5}(?:have|'ve) (?:been|cost|saved|come|looked)\b|\bwhat would\b",
                          re.IGNORECASE)

_N = r"(\d{1,3}(?:\.\d+)?)\s?(?:%|percent|per cent)"
#: (pattern, factor from the match, how the change is said). The first match wins: "cut in half" before "cut by".
_CHANGES: tuple[tuple[re.Pattern[str], Any, str], ...] = (
    (re.compile(r"\bhalv(?:e|ed|es|ing)\b|\bin half\b|\bby half\b|\bhalf as (?:much|often)\b|\bhalf the\b", re.I),
     lambda m: 0.5, "halving {x}"),
    (re.compile(r"\bdoubl(?:e|ed|es|ing)\b|\btwice as much\b", re.I), lambda m: 2.0, "doubling {x}"),
    (re.compile(r"\bby (?:a|one) third\b", re.I), lambda m: 2 / 3, "cutting {x} by a third"),
    (re.compile(r"\bby (?:a|one) quarter\b", re.I), lambda m: 0.75, "cutting {x} by a quarter"),
    (re.compile(r"\b(?:cut|cuts|cutting|reduc\w*|lower\w*|trim\w*|shrink\w*|slash\w*|drop\w*|sav\w*) (?:\w+ ){0,6}?by "
                + _N, re.I), lambda m: 1 - float(m[1]) / 100, "cutting {x} by {n}%"),
    (re.compile(_N + r" (?:less|lower|fewer|cheaper|smaller|off)\b", re.I), lambda m: 1 - float(m[1]) / 100,
     "cutting {x} by {n}%"),
    (re.compile(r"\b(?:increas\w*|grow\w*|grew|rais\w*|add\w*|scal\w* up) (?:\w+ ){0,6}?by " + _N, re.I),
     lambda m: 1 + float(m[1]) / 100, "raising {x} by {n}%"),
    (re.compile(_N + r" (?:more|higher|bigger|larger)\b", re.I), lambda m: 1 + float(m[1]) / 100, "raising {x} by {n}%"),
    (re.compile(r"\b(?:turn(?:ed|ing)?|switch(?:ed|ing)?) (?:[\w-]+ ){0,4}?off\b|\bshut (?:[\w-]+ ){0,4}?down\b|"
                r"\b(?:stopp?(?:ed|ing)?|skipp?(?:ed|ing)?|kill(?:ed|ing)?|paus(?:e|ed|ing)) (?:\w+ ){0,4}?"
                r"(?:running|it|that|them|the)\b|\b(?:had ?n'?t|did ?n'?t|never) (?:run|ran)\b|\bnot run\b", re.I),
     lambda m: 0.0, "turning off {x}"),
)

#: Columns naming a line item, most specific first, and the money column read.
NAME_COLUMNS = ("driver_name", "job_name", "endpoint_name", "warehouse_name", "cluster_name", "user_name",
                "team", "sku_name", "workspace_name")
MONEY_COLUMNS = ("list_cost", "total_cost", "cost")
#: Words of names that say what kind of thing it is, not which one.
_GENERIC = frozenset("job jobs workspace cluster warehouse endpoint the and etl sql compute cost spend bill".split())


@dataclass(frozen=True)
class Change:
    factor: float
    said: str  # "halving {x}": {x} is where the line item's name goes


def change_of(text: str) -> Change | None:
    """The change a what-if question imagines (None: the question imagines none)."""
    if not HYPOTHETICAL.search(text or ""):
        return None
    for pattern, factor, said in _CHANGES:
        m = pattern.search(text)
        if m:
            f = float(factor(m))
            n = m[1] if m.groups() and m[1] else ""
            return Change(max(0.0, f), said.replace("{n}", n.rstrip("0").rstrip(".") if "." in n else n))
    return None


def _tokens(text: str) -> set[str]:
    return {t for t in re.split(r"[^a-z0-9]+", text.lower()) if len(t) >= 3 and t not in _GENERIC}


def _name_of(row: dict[str, Any]) -> tuple[str, str] | None:
    return next(((c, str(row[c])) for c in NAME_COLUMNS if row.get(c) not in (None, "")), None)


def _money_of(row: dict[str, Any]) -> float | None:
    v = next((row[c] for c in MONEY_COLUMNS if isinstance(row.get(c), (int, float))), None)
    return float(v) if v is not None else None


def _window(call: ToolCallRecord) -> tuple[str, str] | None:
    a = call.args or {}
    if a.get("date"):
        return str(a["date"]), str(a["date"])
    if a.get("start_date") and a.get("end_date"):
        return str(a["start_date"]), str(a["end_date"])
    return None


#: "if that outage hadn't happened, what would uptime be": the availability without that outage.
WITHOUT_OUTAGE = re.compile(r"\bif (?:that|the|this|those) (?:\w+ )?(?:outages?|downtime|incidents?)\b.{0,20}\b(?:had ?n'?t|had not|"
                            r"never|did ?n'?t|did not|were ?n'?t|was ?n'?t)\b|\bwithout (?:that|the|this|those) (?:\w+ )?"
                            r"(?:outages?|downtime)\b", re.IGNORECASE)


#: "how much of the error budget have we burned", "how much downtime is left at 99.9": an availability target's budget.
ERROR_BUDGET = re.compile(r"\berror[- ]budget|\bdowntime (?:is )?(?:left|remaining)\b|\b(?:budget|allowance) (?:at|of|for) "
                          r"9\d(?:\.\d+)?\s*%?|\bhow many nines\b", re.IGNORECASE)
_TARGET = re.compile(r"\b(9\d(?:\.\d+)?)\s*%|\b(?:at|of|target|slo|sla)\s+(9\d(?:\.\d+)?)\b", re.IGNORECASE)
_MONTHLY = re.compile(r"\bmonthly\b|\bper month\b|\ba month\b|\bthis month\b|\bmonth[- ]to[- ]date\b|\bmtd\b", re.IGNORECASE)
#: A month's length for a monthly target (the SRE convention of a 30-day window).
MONTH_DAYS = 30
#: The target read when the question names none (said in the answer, so the user can name another).
DEFAULT_TARGET = 99.9


#: "what would those add up to over a full year?": the monthly figures taken over twelve months.
PER_YEAR = re.compile(r"\b" + PER_YEAR_WORDS, re.IGNORECASE)


def per_year(reports: dict[str, AgentReport]) -> str:
    """The first finding's monthly savings (a ``*monthly_saving*`` column, as billed rather than net) summed over its
    rows and taken over twelve months ("" when no finding holds one: no guess from a budget, daily or windowed spend)."""
    for report in reports.values():
        for finding in report.findings:
            cols = [c for c in (finding.rows[0] if finding.rows else {})
                    if "monthly_saving" in c and not c.startswith("net_")]
            values = [v for row in finding.rows for c in cols[:1] if isinstance(v := row.get(c), (int, float))]
            if not values:
                continue
            monthly, n = sum(values), len(values)
            items = f"the {n} items below" if n > 1 else "the item below"
            return (f"**Over a year:** the savings come to about {money(monthly)} a month, so about {money(monthly * 12)} "
                    f"over twelve months ({items}, each month's estimate held for a year; an estimate, nothing was re-run).")
    return ""


def estimate(question: str, reports: dict[str, AgentReport], calls: Iterable[ToolCallRecord],
             subject: dict[str, list[str]] | None = None) -> str:
    """The what-if sentence for ``question`` over the findings: spend changed, or an outage taken away ("" when it
    imagines no change, or names nothing the rows hold)."""
    if PER_YEAR.search(question or "") and (yearly := per_year(reports)):
        return yearly
    if WITHOUT_OUTAGE.search(question or "") and "reliability" in reports:
        return _without_outage(reports["reliability"])
    if ERROR_BUDGET.search(question or "") and "reliability" in reports:
        return _error_budget(question, reports["reliability"])
    change = change_of(question)
    report = reports.get("cost")
    if change is None or report is None:
        return ""
    named = {n.lower() for names in (subject or {}).values() for n in names}
    words = _tokens(question)
    low = question.lower()
    best: tuple[int, int, Any, dict[str, Any]] | None = None
    for finding in report.findings:
        for row in finding.rows:
            got, cost = _name_of(row), _money_of(row)
            if got is None or cost is None:
                continue
            col, name = got
            # a name said in full (or resolved by the parser) beats a name sharing a word with the question, unless
            # it is said as where the item is ("the GPU training in ml-workspace": the workspace is the scope)
            said = name.lower() in named or name.lower() in low
            scope = re.search(rf"\b(?:in|on|within|across|inside|for) (?:the )?{re.escape(name.lower())}\b", low)
            score = 1 if said and scope else 10 if said else len(_tokens(name) & words)
            specific = len(NAME_COLUMNS) - NAME_COLUMNS.index(col)
            if score and (best is None or (score, specific) > best[:2]):
                best = (score, specific, finding, row)
    if best is None:
        return ""
    _, _, finding, row = best
    col, name = _name_of(row) or ("", "")
    cost = _money_of(row) or 0.0
    after = cost * change.factor
    delta = after - cost
    where = f" in {row['workspace_name']}" if col != "workspace_name" and row.get("workspace_name") else ""
    calls = list(calls)  # read twice below; a generator would be spent by the first read
    window = _finding_window(finding, calls)
    period = "" if window is None else window[0] if window[0] == window[1] else f"{window[0]} to {window[1]}"
    text = (f"**What if:** {change.said.replace('{x}', name + where)}{f' ({period})' if period else ''} takes its "
            f"{money(cost)} to about {money(after)}, {'saving' if delta <= 0 else 'adding'} about {money(abs(delta))}")
    total = _total(report, row, col, finding, window, calls)
    if total is not None:
        text += (f"; {row['workspace_name']}'s bill for the same period would have been about {money(total + delta)} "
                 f"instead of {money(total)}")
    return text + ". (An estimate: the spend scaled in proportion; nothing was re-run.)"


def _finding_window(finding: Any, calls: list[ToolCallRecord]) -> tuple[str, str] | None:
    """The window of the first successful call behind ``finding``."""
    call = next((c for c in calls if c.tool in finding.tools and c.ok), None)
    return _window(call) if call is not None else None


def _total(report: AgentReport, row: dict[str, Any], col: str, finding: Any, window: tuple[str, str] | None,
           calls: list[ToolCallRecord]) -> float | None:
    """The workspace's spend over ``window`` (the line item's), from another finding of the turn."""
    workspace = row.get("workspace_name")
    if col == "workspace_name" or not workspace or window is None:
        return None
    for other in report.findings:
        if other is finding or _finding_window(other, calls) != window:
            continue
        for r in other.rows:
            if _name_of(r) == ("workspace_name", workspace) and (v := _money_of(r)) is not None:
                return v
    return None


def _without_outage(report: AgentReport) -> str:
    """The availability of the warehouse an outage hit, with that outage's minutes given back (the longest one)."""
    outages = [r for f in report.findings for r in f.rows
               if isinstance(r.get("duration_minutes"), (int, float)) and r.get("warehouse_name")]
    uptime = {r["warehouse_name"]: r for f in report.findings for r in f.rows
              if isinstance(r.get("availability_pct"), (int, float)) and isinstance(r.get("days"), (int, float))
              and r.get("warehouse_name")}
    hit = max((o for o in outages if o["warehouse_name"] in uptime), key=lambda o: o["duration_minutes"], default=None)
    if hit is None:
        return ""
    row = uptime[hit["warehouse_name"]]
    minutes = float(hit["duration_minutes"])
    back = minutes / (float(row["days"]) * 24 * 60) * 100
    after = min(100.0, float(row["availability_pct"]) + back)
    return (f"**What if:** without the {minutes:,.1f}-minute outage of {hit['warehouse_name']}, its availability over "
            f"these {int(row['days'])} days would have been about {after:.2f}% instead of {float(row['availability_pct']):.2f}% "
            f"(the outage's minutes given back; nothing else changed).")


def _error_budget(question: str, report: AgentReport) -> str:
    """The error budget of an availability target over the period read, and how much of it the outages used."""
    m = _TARGET.search(question or "")
    target = float(m[1] or m[2]) if m else DEFAULT_TARGET
    rows = [r for f in report.findings for r in f.rows if isinstance(r.get("availability_pct"), (int, float))
            and isinstance(r.get("days"), (int, float)) and isinstance(r.get("outage_minutes"), (int, float))
            and r.get("warehouse_name")]
    if not rows or not 0 < target < 100:
        return ""
    worst = max(rows, key=lambda r: r["outage_minutes"])
    days = float(worst["days"])
    # a monthly target's budget is the month's, whatever part of it was read ("so far this month")
    monthly = bool(_MONTHLY.search(question or "")) and days < MONTH_DAYS
    budget = (1 - target / 100) * (MONTH_DAYS if monthly else days) * 24 * 60
    used = float(worst["outage_minutes"])
    said = "" if m else f" (no target given: {DEFAULT_TARGET}% assumed; name another to change it)"
    others = sum(1 for r in rows if r is not worst and r["outage_minutes"] > 0)
    span = f"a {MONTH_DAYS}-day month allows" if monthly else f"{int(days)} days allow"
    read = f" in the {int(days)} days read" if monthly else ""
    text = (f"**Error budget:** at {target:g}%{said}, {span} about {budget:,.1f} minutes of downtime; "
            f"{worst['warehouse_name']} was down {used:,.1f} minutes{read}, {used / budget * 100:,.0f}% of that budget "
            + (f"({used - budget:,.1f} minutes over)" if used > budget else f"({budget - used:,.1f} minutes left)")
            + f"; its availability was {float(worst['availability_pct']):.2f}%")
    if others:
        text += f" ({others} other warehouse{'s' if others > 1 else ''} also had downtime)"
    return text + "."
