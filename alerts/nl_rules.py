"""Rules from plain language, offline: "tell me on Slack if any production job costs more than twice
its 7-day median" -> a proposed :class:`AlertRule` plus a sentence to confirm.

The parser handles the common shapes: a metric phrase (:data:`METRICS`), a comparator word, a number
with its unit ($, k, %, minutes, hours) or a multiple of a baseline ("twice its 7-day median",
"50 % above its 7-day average"), a scope ("any production job"), a channel ("on Slack", "by e-mail",
"page me") and a window ("in 24 hours", "per day"). Nothing is saved here: the caller shows
:attr:`Proposal.summary` and saves :attr:`Proposal.rule` once the user confirms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from health_monitor.alerts import columns as C
from health_monitor.alerts.rules import (
    COMPARATOR_WORDS,
    AlertRule,
    Baseline,
    Measure,
    MeasureValue,
    Window,
    describe_rule,
)

from health_monitor.core.errors import HealthMonitorError

EXAMPLE = "alert me on Slack when failed logins from one IP reach 3 in 24 hours"


class RuleNotUnderstood(HealthMonitorError):
    """The text has no shape the offline parser knows; the message suggests one."""


@dataclass(frozen=True)
class Metric:
    """A metric phrase and how to measure it."""

    label: str
    patterns: tuple[str, ...]
    cols: C.ToolColumns
    aggregate: str
    unit: str
    window: Window | None = None
    per_day: bool = False
    default_threshold: float | None = None
    default_comparator: str = ">"


def _w(amount: int, unit: str, cols: C.ToolColumns) -> Window:
    return Window(amount=amount, unit=unit, param=cols.window_param)


#: Most specific first: the first metric with a matching pattern wins.
METRICS: tuple[Metric, ...] = (
    Metric("failed login attempts",
           (r"failed (?:log ?ins?|logins?|sign[- ]?ins?|auth\w*)", r"log ?in failures?", r"\b401s?\b",
            r"failed (?:authentication|login) attempts?"),
           C.FAILED_AUTH, "count", "count", _w(24, "hours", C.FAILED_AUTH), default_threshold=3,
           default_comparator=">="),
    Metric("SLA breaches", (r"\bsla\b",), C.SLA_BREACHES, "count", "count", _w(7, "days", C.SLA_BREACHES),
           default_threshold=1, default_comparator=">="),
    Metric("query duration",
           (r"quer(?:y|ies)\b.{0,30}\b(?:duration|runtime|run ?time|takes?|runs?|running|lasts?|last)",
            r"(?:slow|long[- ]running) quer(?:y|ies)"),
           C.SLOW_QUERIES, "max", "minutes", _w(24, "hours", C.SLOW_QUERIES)),
    Metric("failed runs",
           (r"(?:failed|failing) (?:jobs?|runs?|job runs?|pipelines?)", r"job (?:failures?|fails?)",
            r"jobs? (?:fails?|failing|failed)", r"\bfailures?\b"),
           C.FAILED_JOBS, "count", "count", _w(24, "hours", C.FAILED_JOBS), default_threshold=1,
           default_comparator=">="),
    Metric("hours since last update",
           (r"\bstale\b", r"\bfreshness\b", r"(?:not|n't) (?:been )?(?:updated|refreshed)", r"out of date"),
           C.FRESHNESS, "max", "hours", _w(24, "hours", C.FRESHNESS), default_threshold=24),
    Metric("drift score", (r"\bdrift",), C.MODEL_DRIFT, "max", "score", default_threshold=0.2),
    Metric("projected spend, % of monthly budget", (r"\bbudget",), C.BUDGET, "max", "pct",
           default_threshold=100),
    Metric("daily cost",
           (r"\bjobs?\b.{0,40}\b(?:costs?|spend|spending|dbus?)\b", r"\b(?:costs?|spend) (?:of|per|for) (?:a |any |each |every )?job"),
           C.JOB_RUNS, "sum", "usd", _w(1, "days", C.JOB_RUNS), per_day=True),
    Metric("daily cost",
           (r"\bworkspaces?\b.{0,40}\b(?:costs?|spend|spending|bill)\b",
            r"\b(?:costs?|spend) (?:of|per|for) (?:a |any |each |every |the )?workspace"),
           C.DAILY_COST, "sum", "usd", _w(1, "days", C.DAILY_COST), per_day=True),
    Metric("daily cost", (r"\b(?:costs?|spend|spending|bill|billing|dbus?)\b",),
           C.ToolColumns(C.DAILY_COST.tool, value=C.DAILY_COST.value, date=C.DAILY_COST.date,
                         window_param=C.DAILY_COST.window_param),
           "sum", "usd", _w(1, "days", C.DAILY_COST), per_day=True),
)

_CHANNELS = (
    ("slack", r"\bslack\b"),
    ("email", r"\be-?mail(?:ed)?\b|\bmail me\b|\binbox\b"),
    ("pagerduty", r"pager ?duty|\bpage (?:me|us|the on-?call|someone)\b|\bwake (?:me|us) up\b|\bon-?call\b"),
)

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "twenty": 20, "thirty": 30, "fourteen": 14, "a": 1, "an": 1}
_MULTIPLES = {"twice": 2.0, "double": 2.0, "doubles": 2.0, "triple": 3.0, "triples": 3.0, "thrice": 3.0}
_WORDNUM = "one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|fourteen"
_NUM = r"\d+(?:\.\d+)?|" + _WORDNUM + "|an?"

_BASELINE = re.compile(
    r"(?:(?P<word>twice|double|doubles|triple|triples|thrice)|(?P<mult>\d+(?:\.\d+)?|two|three|four|five|ten)"
    r"\s*(?:x|times)|(?P<pct>\d+(?:\.\d+)?)\s*(?:%|percent)\s*(?:above|over|more than|higher than))"
    r"\s+(?:that of\s+)?(?:(?:its|their|the|his|her|a)\s+)?(?:(?:trailing|rolling|usual|normal|typical|last|"
    r"previous|past)\s+)*(?:(?P<days>\d+|seven|fourteen|thirty)[- ]?days?(?:'s)?|(?P<period>week(?:ly)?|"
    r"month(?:ly)?|daily))\s*(?P<kind>median|average|avg|mean|norm)")
_WINDOW = re.compile(
    r"\b(?:(?:(?:in|within|during)\s+(?:the\s+)?(?:last|past|previous)?\s*|over\s+the\s+(?:last|past|previous)\s+)"
    r"(?P<n>" + _NUM + r")?\s*(?P<u>hours?|hrs?|h|days?|d|weeks?)\b|(?:in|over) the (?:last|past) (?P<u2>hour|day|week)\b"
    r"|(?P<per>per|a|an|each|every) (?P<u3>hour|day|week)\b|(?P<adj>hourly|daily|weekly)\b|\btoday\b)")
_AMOUNT = re.compile(
    r"(?P<cur>\$)?\s*(?P<num>\d[\d,]*(?:\.\d+)?|\b(?:" + _WORDNUM + r"))(?:(?P<k>k)\b|\b)\s*"
    r"(?P<unit>%|percent|dollars|usd|minutes?|mins?|hours?|hrs?|h\b|seconds?|secs?|days?)?")
_WORKSPACES = {"production": "production", "prod": "production", "staging": "staging", "dev": "dev",
               "development": "dev", "analytics": "analytics", "ml-workspace": "ml-workspace"}
_STOP = {"any", "a", "an", "the", "each", "every", "one", "per", "my", "our", "that", "this", "some", "all",
         "which", "whose", "its", "their", "your", "single", "same", "whole", "databricks"}
_JOB_TOOLS = (C.FAILED_JOBS.tool, C.SLA_BREACHES.tool, C.JOB_RUNS.tool)


@dataclass(frozen=True)
class Proposal:
    """A rule to show before saving: the rule, one sentence describing it, and what was assumed."""

    rule: AlertRule
    summary: str
    notes: list[str] = field(default_factory=list)


def _take(pattern: re.Pattern[str] | str, text: str) -> tuple[re.Match[str] | None, str]:
    m = re.search(pattern, text)
    if not m:
        return None, text
    return m, text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]


def _num(word: str) -> float:
    return float(_NUMBER_WORDS[word]) if word in _NUMBER_WORDS else float(word.replace(",", ""))


def _fail(text: str, why: str) -> RuleNotUnderstood:
    return RuleNotUnderstood(f"could not understand {text!r}: {why}; try {EXAMPLE!r}")


def propose_rule(text: str, *, owner: str | None = None) -> Proposal:
    """Parse ``text`` into a proposed rule; :class:`RuleNotUnderstood` says what is missing."""
    original = " ".join(text.split())
    t = " " + original.lower().replace("’", "'") + " "
    notes: list[str] = []

    channels = [name for name, pattern in _CHANNELS if re.search(pattern, t)]
    for _, pattern in _CHANNELS:
        t = re.sub(pattern, " ", t)

    metric = next((m for m in METRICS if any(re.search(p, t) for p in m.patterns)), None)
    if metric is None:
        raise _fail(original, "no metric recognised (cost, failed jobs, failed logins, stale tables, model drift, "
                              "budget, SLA breaches, query duration)")

    baseline = None
    bm, t = _take(_BASELINE, t)
    if bm:
        if bm["word"]:
            multiple = _MULTIPLES[bm["word"]]
        elif bm["mult"]:
            multiple = _num(bm["mult"])
        else:
            multiple = 1 + float(bm["pct"]) / 100
        period = {"week": 7, "weekly": 7, "month": 30, "monthly": 30, "daily": 1}
        days = int(_num(bm["days"])) if bm["days"] else period[bm["period"]]
        baseline = Baseline(kind="median" if bm["kind"] == "median" else "mean", days=days, multiple=multiple)

    window = metric.window
    wm, t = _take(_WINDOW, t)
    if wm:
        unit = wm["u"] or wm["u2"] or wm["u3"] or {"hourly": "hour", "daily": "day", "weekly": "week"}.get(
            wm["adj"] or "", "day")
        amount = int(_num(wm["n"])) if wm["n"] else 1
        hours = amount * (168 if unit.startswith("w") else 24 if unit.startswith("d") else 1)
        param = metric.cols.window_param
        window = Window(amount=hours // 24, unit="days", param=param) if hours % 24 == 0 and hours >= 24 \
            else Window(amount=hours, unit="hours", param=param)
        if metric.cols.window_param is None and not metric.per_day and metric.window is None:
            notes.append(f"{metric.cols.tool} takes no time window; '{wm.group(0).strip()}' is ignored")
            window = None

    scope: dict[str, str] = {}
    params: dict[str, object] = {}
    wsm = re.search(r"(?<![\w-])workspace\s+(?:['\"](?P<a>[\w-]+)['\"]|(?P<c>[a-z0-9]*[\d_-][\w-]*))"
                    r"|(?<![\w-])(?P<b>[a-z0-9][\w-]*)['\"]?\s+workspace\b", t)
    ws = next((g for g in (wsm["a"], wsm["c"], wsm["b"]) if g and g not in _STOP), None) if wsm else None
    if ws is None:
        hit = re.search(r"\b(" + "|".join(map(re.escape, _WORKSPACES)) + r")\b", t)
        ws = hit.group(1) if hit else None
    if ws:
        scope["workspace"] = _WORKSPACES.get(ws, ws)
        t = re.sub(rf"\b{re.escape(ws)}\b", " ", t)
    if (nm := re.search(r"(?<![\w.-])['\"]?(?P<n>[a-z][a-z0-9]*_[a-z0-9_]+)\b", t)):
        if metric.cols is C.MODEL_DRIFT:
            params["model_name"] = nm["n"]
        elif metric.cols.tool in _JOB_TOOLS:
            scope["job"] = nm["n"]
        t = t.replace(nm["n"], " ")
    if (whm := re.search(r"\b(?P<w>[a-z][\w]*-warehouse)\b", t)):
        scope["warehouse"] = whm["w"]
        t = t.replace(whm["w"], " ")

    comparator, threshold, unit_word = _comparator_and_amount(t, metric)
    if baseline is None and unit_word == "%" and metric.unit == "usd":
        baseline = Baseline(kind="mean", days=7, multiple=1 + (threshold or 0) / 100)
        threshold = None
        notes.append("a percentage of a cost is read as 'above its 7-day average'")
    if baseline is not None:
        threshold = None
        comparator = comparator or ">"
    elif threshold is None:
        if metric.default_threshold is None:
            raise _fail(original, f"no threshold for {metric.label} (a number such as $500 or 15 minutes, "
                                  "or 'twice its 7-day median')")
        threshold = metric.default_threshold
        notes.append(f"no threshold given: using {threshold:g}")
    comparator = comparator or metric.default_comparator

    if not channels:
        channels = ["slack"]
        notes.append("no channel named: notifying Slack")
    severity = "warning"
    if re.search(r"\b(?:critical|urgent|sev ?1|p1|emergency)\b", t):
        severity = "critical"
    elif "pagerduty" in channels or re.search(r"\b(?:high|important|sev ?2|p2)\b", t):
        severity = "high"
    elif re.search(r"\b(?:fyi|info|informational)\b", t):
        severity = "info"

    cols = metric.cols
    value = MeasureValue(field=None if metric.aggregate == "count" else cols.value, aggregate=metric.aggregate,
                         subject=cols.subject, subject_label=cols.subject_label,
                         order_by=cols.date if (metric.per_day or baseline) else None,
                         per_day=metric.per_day or baseline is not None)
    if baseline is not None and value.order_by is None:
        raise _fail(original, f"{metric.label} has no daily history to build a baseline from")
    name = metric.label[0].upper() + metric.label[1:]
    if cols.subject_label:
        name += f" per {cols.subject_label}"
    if scope:
        name += " (" + ", ".join(scope.values()) + ")"
    rule = AlertRule(name=name, description=original, measure=Measure(tool=cols.tool, params=params, value=value,
                     label=metric.label, unit=metric.unit), comparator=comparator, threshold=threshold,
                     baseline=baseline, window=window, severity=severity, channels=channels, owner=owner,
                     scope=scope)
    return Proposal(rule=rule, summary=describe_rule(rule), notes=notes)


_COMPARATOR_PHRASES = sorted({**COMPARATOR_WORDS, "hits": ">=", "hit": ">=", "tops": ">", "goes above": ">",
                              "rises above": ">", "is over": ">", "more": ">", "greater": ">", "longer than": ">",
                              "or more": ">=", "and up": ">=", "drops under": "<", "less": "<", "fewer": "<",
                              "shorter than": "<", "or above": ">=", "or higher": ">=", "or less": "<=",
                              "or fewer": "<=", "or below": "<="}.items(), key=lambda kv: -len(kv[0]))
_POSTFIX = {"or more", "and up", "or above", "or higher", "or less", "or fewer", "or below"}
_SKIP_PHRASES = {"eq", "ne", "lt", "gt", "gte", "lte", "=", "<>"}


def _comparator_and_amount(t: str, metric: Metric) -> tuple[str | None, float | None, str | None]:
    """The comparator word, then the amount after it (else the first amount), in the metric's unit."""
    comparator, start, end = None, 0, None
    for phrase, symbol in _COMPARATOR_PHRASES:
        if phrase in _SKIP_PHRASES:
            continue
        m = re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", t)
        if m:
            comparator, start = symbol, m.end()
            if phrase in _POSTFIX:  # "3 or more": the amount comes first
                start, end = 0, m.start()
            break
    if (sym := re.search(r"(>=|<=|!=|==|>|<)\s*\$?\s*\d", t)):
        comparator, start = sym.group(1), sym.end(1)
    amounts = [a for a in _AMOUNT.finditer(t) if a["num"] and (a["num"][0].isdigit() or a.start("num") >= start
                                                                and comparator is not None)]
    if end is not None:
        before = [a for a in amounts if a.end() <= end + 1]
        chosen = before[-1] if before else None
    else:
        after = [a for a in amounts if a.start() >= start]
        chosen = (after or amounts or [None])[0]
    if chosen is None:
        return comparator, None, None
    word = chosen["num"]
    if not word[0].isdigit() and comparator is None:
        return comparator, None, None
    value = _num(word) * (1000 if chosen["k"] else 1)
    unit = (chosen["unit"] or "").rstrip("s")
    if unit in ("%", "percent"):
        return comparator, value, "%"
    factors = {"minute": 1 / 60, "min": 1 / 60, "hour": 1, "hr": 1, "h": 1, "second": 1 / 3600, "sec": 1 / 3600,
               "day": 24}
    if unit in factors and metric.unit in ("hours", "minutes"):
        hours = value * factors[unit]
        value = hours * 60 if metric.unit == "minutes" else hours
    return comparator, value, unit or ("$" if chosen["cur"] else None)
