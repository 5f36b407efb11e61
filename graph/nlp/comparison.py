"""The comparison window of a question that compares periods ("vs last month", "compared with the week
before", "month over month", "this week against last week").

:func:`comparison_windows` returns ``(window, comparison)``: the period asked about (filled in when the
question names only the comparison unit, "month over month" -> month to date) and the period it is
compared with. The rules are a table of phrasings, not names: an explicit second period after the
comparison word wins; else "the week before" / "week over week" set the unit; else the period before
the window, of the same length (a calendar month compares with the month before).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from health_monitor.graph.nlp.dates import parse_window
from health_monitor.graph.understanding import Window

#: Words that put a second period after them ("X vs Y", "X compared with Y").
_AGAINST = re.compile(r"\b(?:compared? (?:to|with)|in comparison (?:to|with)|relative to|"
                      # ("is it bigger than it needs to be overnight?": a size against its need, no second period)
                      r"than(?! (?:it|they|we|this|that|you|i|he|she)(?:'?d| \w+)? (?:needs?|has|have|should|ought|must|"
                      r"used|needed|requires?|is|are|was|were)\b)(?! (?:needed|necessary|required|warranted|justified)\b)|"
                      # ("budget vs actual" holds spend against a budget, not against another period)
                      r"(?<!budget )(?<!budgets )(?<!plan )(?<!target )(?<!forecast )(?:vs\.?|versus|against)"
                      r"(?! actuals?\b))\s", re.IGNORECASE)
#: "week over week", "month-on-month", "daily change".
_OVER = re.compile(r"\b(day|week|month|quarter|year)[- ](?:over|on)[- ](?:day|week|month|quarter|year)\b|"
                   r"\b(?P<adj>daily|weekly|monthly|yearly|annual)\s+(?:change|delta|variation)\b|"
                   r"\b(?P<abbr>wow|mom|yoy|dod)\b", re.IGNORECASE)
#: "the week before", "the previous month", "the prior day".
_BEFORE = re.compile(r"\b(?:the\s+)?(day|week|month|quarter|year|period)\s+(?:before|prior)\b|"
                     r"\b(?:the\s+)?(?:previous|prior|preceding)\s+(day|week|month|quarter|year|period)\b",
                     re.IGNORECASE)
#: "the same point last month", "the same days a year ago", "the same weekday last week": the current period
#: moved back by that unit (month to date against the same days of the month before, not the whole month).
_SAME = re.compile(r"\b(?:the\s+)?same\s+(?:point|period|time|days?|dates?|weekdays?|stage|window|hours?)\s+"
                   r"(?:(?:of|in)\s+)?(?:last|the\s+previous|the\s+prior|a|one)\s+(week|month|quarter|year)\b|"
                   r"^\W*(?:the\s+)?(?:a|one)\s+(week|month|year)\s+(?:ago|earlier|before)\b", re.IGNORECASE)
#: An average after the comparison word ("vs the 7d avg", "against its usual daily spend"): a baseline the anomaly
#: figures already hold, not a second period to read.
AVERAGE_BASELINE = re.compile(r"^\W*(?:the\s+|its\s+|our\s+|their\s+|a\s+|an\s+)?(?:(?:\d+\s*-?\s*d(?:ays?)?|\d+-day|seven[- ]day|"
                              r"7-day|weekly|daily|monthly|usual|normal|typical|rolling|trailing|recent)\s+)*"
                              r"(?:avg|average|mean|norm|baseline)\b", re.IGNORECASE)
#: A second period follows the comparison word within this many words ("vs what we saw last week").
_SECOND_WITHIN = 4
_ADJ = {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year", "annual": "year",
        "dod": "day", "wow": "week", "mom": "month", "yoy": "year"}


def _typed(tw: object) -> Window:
    return Window.make(tw.start, tw.end, tw.label, words=tw.text, hours=tw.hours, days=tw.days)  # type: ignore[attr-defined]


def _month_to_date(as_of: date) -> Window:
    start = as_of.replace(day=1)
    return Window.make(start, as_of, "month to date")


def _default(unit: str, as_of: datetime) -> Window:
    """The period a bare "<unit> over <unit>" is about: the last complete day, the last 7 days, month to date."""
    today = as_of.date()
    if unit == "day":
        return Window.day(today - timedelta(days=1), "yesterday")
    if unit == "month":
        return _month_to_date(today)
    if unit == "quarter":
        return Window.make(today - timedelta(days=90), today, "last 90 days", days=90)
    if unit == "year":
        return Window.make(today.replace(month=1, day=1), today, "year to date")
    return Window.make(today - timedelta(days=7), today, "last 7 days", days=7)


def _is_calendar_month(w: Window) -> bool:
    return w.start.day == 1 and w.end.day == calendar.monthrange(w.end.year, w.end.month)[1] \
        and (w.start.year, w.start.month) == (w.end.year, w.end.month)


def _months_back(d: date, months: int) -> date:
    """``d`` moved back by whole months, its day kept where that month has it (Mar 31 -> Feb 28)."""
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def period_before(w: Window, unit: str = "") -> Window:
    """The period just before ``w``, of the same length; months stay whole and month-to-date compares with
    the same days of the month before."""
    if unit in ("month", "quarter", "year") and not _is_calendar_month(w) and (unit != "month" or w.start.day != 1):
        # "yesterday vs the same day last month": both ends move back by the unit, the days kept.
        months = {"month": 1, "quarter": 3, "year": 12}[unit]
        name = {"month": "the same days a month before", "quarter": "the same days a quarter before",
                "year": "the same period a year before"}[unit]
        return Window.make(_months_back(w.start, months), _months_back(w.end, months), name)
    if unit == "month" or _is_calendar_month(w) or (w.start.day == 1 and w.label.startswith("month to date")):
        if _is_calendar_month(w):
            return w.shifted(months=-1)
        y, m = (w.start.year, w.start.month - 1) if w.start.month > 1 else (w.start.year - 1, 12)
        last = calendar.monthrange(y, m)[1]
        start = date(y, m, 1)
        end = date(y, m, min(last, w.end.day if w.start.month == w.end.month else last))
        return Window.make(start, end, f"the same days of {start.strftime('%B %Y')}")
    if unit == "year":
        return Window.make(_months_back(w.start, 12), _months_back(w.end, 12), "the same period a year before")
    if unit == "week" and w.span_days < 7:
        return w.shifted(-7, name="the same days a week before")
    step = w.span_days
    name = {1: "the day before", 7: "the week before"}.get(step, "the period before")
    return w.shifted(-step, name=name)


def against_average(text: str) -> bool:
    """Does ``text`` hold something against an average ("cost yesterday versus its trailing 7-day average")?"""
    low = (text or "")[:2000].lower()
    return any(AVERAGE_BASELINE.match(low[m.end():]) for m in _AGAINST.finditer(low))


def comparison_windows(text: str, window: Window | None, as_of: datetime) -> tuple[Window | None, Window | None]:
    """``(window, comparison)`` when ``text`` compares periods, else ``(window, None)``."""
    low = (text or "")[:2000].lower()
    against = _AGAINST.search(low)
    if against and against_average(low):
        return window, None
    if against:
        rest = low[against.end():]
        first = parse_window(low[:against.start()], as_of)
        same = _SAME.search(rest)
        if same:
            unit = (same.group(1) or same.group(2)).lower()
            current = _typed(first) if first is not None else window or _default(unit, as_of)
            return current, period_before(current, unit)
        # "december against november", "the October daily average", "October's": a bare month after the
        # comparison word is a period ("in november").
        named = re.sub(r"^\W*(?:the\s+)?", "", re.sub(r"(\w)'s\b", r"\1", rest))
        second = parse_window(rest, as_of) or parse_window(f"in {named}", as_of)
        if second is not None and len(rest[:max(0, rest.find(second.text.lower()))].split()) > _SECOND_WITHIN:
            # "user@ at 3am yesterday vs analyst@ hammering the table all week": two things compared, each in
            # its own period, not two periods
            second = None
        if second is not None:
            return _pair(_typed(first) if first is not None else None, _typed(second), window, as_of)
        before = _BEFORE.search(low[against.end():])
        if before:
            unit = (before.group(1) or before.group(2) or "period").lower()
            current = window or _default(unit if unit != "period" else "week", as_of)
            return current, period_before(current, unit)
    over = _OVER.search(low)
    if over:
        unit = (over.group(1) or _ADJ.get((over.group("adj") or over.group("abbr") or "").lower(), "week")).lower()
        current = window or _default(unit, as_of)
        return current, period_before(current, unit)
    before = _BEFORE.search(low)
    if before and window is not None and re.search(r"\bcompar|\bvs\b|versus|against|than", low):
        return window, period_before(window, (before.group(1) or before.group(2) or "").lower())
    return window, None


def _pair(first: Window | None, other: Window, window: Window | None, as_of: datetime) -> tuple[Window, Window]:
    """The current period and the one after the comparison word."""
    today = as_of.date()
    if first is None and window is not None and (window.start, window.end) != (other.start, other.end):
        first = window
    if first is None:
        if other.end >= today - timedelta(days=1):
            # "higher than last week": the only period named reaches today, so it is the current one.
            return other, period_before(other)
        # "spend vs last month": the current period is the same kind, up to now.
        first = _month_to_date(today) if _is_calendar_month(other) else Window.make(
            today - timedelta(days=other.span_days - 1), today, f"the last {other.span_days} days")
    if other.start > first.end:
        # "yesterday vs today", "last week vs this week": the later period is the one asked about
        return other, first
    if other.end >= first.start:  # "this week vs last week" with "last week" read as the last 7 days
        unit = next((u for u in ("day", "week", "month", "year") if u in other.words.lower()), "")
        other = period_before(first, unit)
    return first, other
