"""Parameters from words: time window, top-N, severity, duration and percentage thresholds, regulations.

:func:`extract_params` returns JSON-safe values (dates as ISO strings) and, per parameter, the words
that set it, so an answer can explain itself ("yesterday" -> start_date 2026-01-14).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from health_monitor.graph.nlp.dates import NUMBER_WORDS, parse_window
from health_monitor.graph.nlp.honest import ASKER_CONTEXT, asks_forecast

_NUM = r"(\d{1,4}(?:\.\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_SUPERLATIVE = (r"(?:biggest|largest|most expensive|costliest|slowest|longest|worst|highest|top|"
                r"most active|busiest|heaviest|greatest)")
_UNIT_SECONDS = {"s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1, "m": 60, "min": 60, "mins": 60,
                 "minute": 60, "minutes": 60, "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600}
_COMPARATOR = (r"(?:over|>=?|more than|longer than|greater than|at least|above|exceeding|exceeds?|"
               r"slower than|taking|took|runs? for|ran for|in excess of)")
REGULATIONS: dict[str, str] = {
    r"soc\s*-?\s*2|soc\s*ii": "SOC 2", r"gdpr": "GDPR", r"hipaa": "HIPAA", r"pci(?:[\s-]*dss)?": "PCI DSS",
    r"iso\s*-?\s*27001": "ISO 27001",
}
SEVERITIES = ("critical", "high", "medium", "low")


@dataclass
class ParamResult:
    """Extracted parameters and the words behind each one."""

    params: dict[str, Any] = field(default_factory=dict)
    matched: dict[str, str] = field(default_factory=dict)


def _number(word: str) -> float:
    return float(word) if word[0].isdigit() else float(NUMBER_WORDS[word])


#: "list every registered model", "the full list": every row, not the first few (graph.findings.LIST_ALL_ROWS).
LIST_ALL = re.compile(r"\b(?:list|show|give me|name|enumerate|tell me)\b(?:\s+[\w-]+){0,2}?\s+(?:every|each|all(?: of)?(?: the| our)?)"
                      r"\s+(?!(?:day|week|month|year|time|night|morning)s?\b)|\b(?:full|complete|entire|whole) (?:list|inventory|register)\b|"
                      r"\bevery single\b|\ball of them\b|"
                      # "which models does it run, and is there a training history for each?": every one, each described
                      r"\bfor (?:each|every one)(?: of them| one)?\s*[?.!]*\s*$")

#: "and the cheapest one?", "which team spends the least": a ranking by spend read from its cheapest end
#: (graph.findings reverses a lens's first sort key, only over complete results).
LEAST_SPEND = re.compile(r"\b(?:cheapest|least (?:expensive|costly|pricey)|lowest[- ](?:cost|spend\w*|bill)|smallest (?:bill|spend\w*|"
                         r"costs?)|(?:spends?|spent|spending|costs?|costing|burns?|burning|bills?) (?:us )?(?:the )?least)\b"
                         r"(?! (?:way|option|setup|compute|instance|node|choice|alternative|plan|approach|tier|route|size|type|kind)s?\b)")


def _top_n(low: str) -> tuple[int, str] | None:
    # "every line, not just the top one": all of them, not a cap
    low = re.sub(rf"\b(?:not|rather than|instead of)\s+(?:just|only)?\s*(?:the\s+)?(?:top|first)[\s-]*{_NUM}\b", " ", low)
    m = re.search(rf"\b(?:top|first|best|worst)[\s-]*{_NUM}\b", low)
    if m:
        return int(_number(m[1])), m[0]
    m = re.search(rf"\b(?:the\s+)?single\s+{_SUPERLATIVE}\b|\bnumber one\b|#1\b", low)
    if m:
        return 1, m[0]
    m = re.search(rf"\b{_NUM}\s+{_SUPERLATIVE}\b", low)
    if m and m[1] not in ("a", "an"):
        return int(_number(m[1])), m[0]
    m = re.search(r"\bthe\s+(?:biggest|largest|most expensive|costliest|slowest|longest|heaviest|busiest)"
                  r"\s+([a-z_]+)\b", low)
    if m and not m[1].endswith("s") and m[1] not in ("of", "in", "on", "for", "by"):
        return 1, m[0]
    return None


def _severity(low: str) -> tuple[str, str] | None:
    for sev in SEVERITIES:
        m = re.search(rf"\b{sev}[\s-]*(?:severity|sev|priority|risk)\b|\bseverity\s*(?:of\s*|>=?\s*|=\s*|is\s*)?{sev}\b"
                      rf"|\b{sev}\s+(?:alerts?|events?|threats?|issues?|findings?|incidents?)\b", low)
        if m:
            return sev, m[0]
    m = re.search(r"\b(?:sev|p)\s*-?\s*([1-4])\b", low)
    if m:
        return SEVERITIES[int(m[1]) - 1], m[0]
    return None


def _threshold_seconds(low: str) -> tuple[int, str] | None:
    m = re.search(rf"(?<!\w)(?:{_COMPARATOR})\s*{_NUM}\s*\+?\s*({'|'.join(sorted(_UNIT_SECONDS, key=len, reverse=True))})\b",
                  low)
    if m:
        return int(_number(m[1]) * _UNIT_SECONDS[m[2]]), m[0]
    m = re.search(rf"\b{_NUM}\s*\+\s*({'|'.join(sorted(_UNIT_SECONDS, key=len, reverse=True))})\b", low)
    if m:
        return int(_number(m[1]) * _UNIT_SECONDS[m[2]]), m[0]
    return None


def _threshold_pct(low: str) -> tuple[float, str] | None:
    m = re.search(rf"(?:{_COMPARATOR}|below|under|less than|<)\s*(\d{{1,3}}(?:\.\d+)?)\s*(?:%|percent)", low)
    return (float(m[1]), m[0]) if m else None


def regulations(text: str) -> list[str]:
    """Regulations named in ``text``, canonical spelling, in order of appearance."""
    low = (text or "").lower()
    found = sorted((m.start(), name) for pattern, name in REGULATIONS.items()
                   for m in re.finditer(rf"\b(?:{pattern})\b", low))
    return list(dict.fromkeys(name for _, name in found))


#: Verbs that report how the asker heard ("on friday they pinged me"): the day they heard, not the day asked about.
_REPORTED = re.compile(r"\b(?:pinged|told|said|asked|mentioned|messaged|emailed|called|texted|complained|flagged|"
                       r"noticed|reported|raised|escalated|slacked|dm'?d|"
                       # "We got a SOC alert overnight. Were there failed sign-ins ... yesterday?": when the news came
                       r"(?:got|received|had|saw) (?:an? |the |some )?(?:[\w-]+ )?(?:alerts?|pages?|tickets?|emails?|calls?|"
                       r"messages?|notifications?|warnings?))\b")


#: Words that compare two periods: their days are two windows, not one (graph.nlp.comparison reads them).
_COMPARING = re.compile(r"\b(?:vs\.?|versus|compared?|comparison|than|against|difference)\b")


def _second_day(low: str, window: Any, as_of: datetime) -> Any:
    """"anything high severity today? yesterday was quiet, right?": two days in separate sentences, one span."""
    if window.hours or window.days or window.start != window.end or _COMPARING.search(low):
        return None
    rest = low.replace(window.text, " ", 1)
    second = parse_window(rest, as_of)
    if second is None or second.hours or second.days or second.start != second.end or second.start == window.start \
            or abs((second.start - window.start).days) > 7 or second.future != window.future:
        return None
    first, last = sorted((window, second), key=lambda w: w.start)
    return type(window)(start=first.start, end=last.end, label=f"{first.label} and {last.label}",
                        text=window.text, future=window.future)


#: An event ahead that a future period dates ("our contract comes up for renewal next quarter"): the reason for
#: asking, not the period asked about, unless the question asks for a forecast.
_EVENT_AHEAD = re.compile(r"\b(?:renew\w*|comes? up|due|starts?|begins?|kicks? off|meetings?|reviews?|audits?|negotiat\w*|"
                          r"deadline|launch\w*|go(?:es)?[- ]live|migrat\w*|board|offsite|presentation|qbr|planning|"
                          r"contract|expir\w*)\b")


def _asked_window(low: str, as_of: datetime) -> Any:
    """The window the question asks about: in a message of several sentences, a day said only in the background
    ("on friday they pinged me ... What I need is: when did it last refresh?") is not it; nor is a period ahead
    that dates an event ("before the renewal next quarter, where are we wasting money?")."""
    window = parse_window(low, as_of)
    told = next((m for m in ASKER_CONTEXT.finditer(low) if window is not None and window.text in m[0]), None)
    if told is not None:
        # "I only joined the team last week ... what did it spend yesterday?": the asker's week is not the window
        return _asked_window(low.replace(told[0], " "), as_of)
    if window is not None and window.future and not asks_forecast(low):
        clause = next((c for c in re.split(r"(?<=[.!?;,])\s+|\s+(?:but|and|so)\s+", low) if window.text in c), "")
        if _EVENT_AHEAD.search(clause):
            return parse_window(low.replace(clause, " "), as_of)
    sentences = re.split(r"(?<=[.!?])\s+", low)
    if window is None or len(sentences) < 2 or not any("?" in s for s in sentences):
        return window
    other = _second_day(low, window, as_of)
    if other is not None:
        return other
    holder = next((s for s in sentences if window.text in s), "")
    if "?" in holder or not _REPORTED.search(holder):
        return window
    asked = " ".join(s for s in sentences if "?" in s)
    own = parse_window(asked, as_of)
    if own is None and re.search(r"\b(?:there|then)\b|\bwhat happened\s*\?", asked):
        return window  # "a few days ago the dashboards went blank ... what happened there?": the reported day is asked
    return own


def extract_params(text: str, *, as_of: datetime) -> ParamResult:
    """Parameters named in ``text``; every relative date is computed from ``as_of``."""
    low = (text or "")[:5000].lower()
    out = ParamResult()
    window = _asked_window(low, as_of)
    if window is not None:
        out.params["start_date"] = window.start.isoformat()
        out.params["end_date"] = window.end.isoformat()
        for key in ("start_date", "end_date"):
            out.matched[key] = window.text
        out.matched["window_label"] = window.label
        if window.hours is not None:
            out.params["hours"], out.matched["hours"] = window.hours, window.text
        if window.days is not None:
            out.params["days"], out.matched["days"] = window.days, window.text
        if window.future:
            out.params["horizon_days"] = (window.end - as_of.date()).days
            out.matched["horizon_days"] = window.text
    for key, finder in (("top_n", _top_n), ("severity", _severity), ("threshold_seconds", _threshold_seconds),
                        ("threshold_pct", _threshold_pct)):
        found = finder(low)
        if found is not None:
            out.params[key], out.matched[key] = found
    every = LIST_ALL.search(low)
    if every and "top_n" not in out.params:
        out.params["_list_all"], out.matched["_list_all"] = True, every[0]
    least = LEAST_SPEND.search(low)
    if least:
        out.params["_least"], out.matched["_least"] = True, least[0]
    regs = regulations(low)
    if regs:
        out.params["regulation"] = regs[0]
        out.matched["regulation"] = regs[0]
    return out
