"""Time windows from words, relative to the data's as-of instant (never the wall clock).

Conventions (``as_of`` 2026-01-15 09:00 UTC, a Thursday, in the examples):

- calendar windows give inclusive ``start``/``end`` dates: "yesterday" 01-14..01-14, "today" 01-15,
  "this week"/"since Monday" 01-12..01-15 (weeks start on Monday), "on Tuesday" the most recent
  Tuesday *before* as_of (01-13), "this month" 01-01..01-15, "last month" 2025-12-01..12-31,
  "this quarter" 01-01..01-15, "Jan 14"/"14 Jan"/"2026-01-14" that day (a day-month after as_of
  means last year), "January 2026" the month;
- days and periods after as_of are ``future`` (a forecast reads them; anything else is after the data):
  "tomorrow" 01-16, "next friday" the first Friday after as_of (01-16; a Friday's is a week later), "this
  saturday" 01-17, "next week" 01-19..01-25, "next month" 02-01..02-28, "next 10 days" 01-16..01-25, "on the
  20th" 01-20 (the day of this month: after as_of, not yet recorded);
- trailing windows also give ``hours`` or ``days`` counted back from as_of: "last 48 hours"/"past 24h"
  (hours), "last day" (24 hours), "last week"/"last wk"/"past 7 days" (7 days: monitoring users mean the
  trailing week), "past fortnight" (14), "last 30 days" (30); ``start`` is the date of as_of minus the
  window and ``end`` the date of as_of.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
WEEKDAYS.update({"tues": 1, "weds": 2, "thurs": 3})
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                "thirty": 30, "forty-eight": 48, "fortnight": 14}
#: A vague count of days, weeks or months ("the last few weeks", "a couple of days ago"), read wide enough to hold
#: what the asker likely means: days back.
VAGUE_SPANS = {("few", "day"): 7, ("couple", "day"): 3, ("several", "day"): 7, ("few", "week"): 21,
               ("couple", "week"): 14, ("several", "week"): 28, ("few", "month"): 90, ("couple", "month"): 60,
               ("several", "month"): 120}
_VAGUE = r"(few|couple|several)(?:\s+of)?\s+(day|week|month)s?\b"
_NUM = r"(\d{1,4}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_MON = r"(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")"
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_ORDINALS = "|".join(ORDINALS)
UNIT_DAYS = {"day": 1, "week": 7, "wk": 7, "fortnight": 14, "month": 30, "year": 365}


@dataclass(frozen=True)
class TimeWindow:
    """A resolved window: inclusive dates, optional trailing hours/days, and the words that set it."""

    start: date
    end: date
    label: str
    text: str
    hours: int | None = None
    days: int | None = None
    future: bool = False


def _num(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _trailing(as_of: datetime, text: str, label: str, *, hours: int | None = None,
              days: int | None = None) -> TimeWindow:
    span = timedelta(hours=hours) if hours is not None else timedelta(days=days or 0)
    return TimeWindow((as_of - span).date(), as_of.date(), label, text, hours=hours, days=days)


#: Where "last night" starts: the evening before the as-of day (UTC).
NIGHT_STARTS_AT = 18


def _last_night(as_of: datetime, text: str) -> TimeWindow:
    """Since the evening before the as-of day: the night that ended this morning (a 02:00 run today is last
    night's, the 02:00 run of the day before is not)."""
    evening = datetime.combine(as_of.date() - timedelta(days=1), datetime.min.time(), as_of.tzinfo) \
        + timedelta(hours=NIGHT_STARTS_AT)
    hours = max(1, -(-int((as_of - evening).total_seconds()) // 3600))
    return _trailing(as_of, text, f"last night (from {NIGHT_STARTS_AT}:00 UTC)", hours=hours)


def _day_month(as_of: datetime, day: int, month: int, year: int | None, text: str) -> TimeWindow | None:
    y = year or as_of.year
    try:
        d = date(y, month, day)
        if year is None and d > as_of.date():
            d = date(y - 1, month, day)
    except ValueError:
        return None
    return TimeWindow(d, d, d.isoformat(), text)


def _vague(m: re.Match[str]) -> int:
    word, unit = (m[1], m[2]) if m[1] else (m[3], m[4])
    return VAGUE_SPANS[(word.lower(), unit.lower())]


def _rules(as_of: datetime) -> list:
    """(pattern, builder) pairs in priority order; a builder returns a window or None."""
    today = as_of.date()
    monday = today - timedelta(days=today.weekday())
    q_start_month = 3 * ((today.month - 1) // 3) + 1
    return [
        (r"\b(\d{4})-(\d{2})-(\d{2})\b",
         lambda m: _day_month(as_of, int(m[3]), int(m[2]), int(m[1]), m[0])),
        (rf"\b(?:between|from)\s+{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:and|to|-)\s+(?:{_MON}\s+)?(\d{{1,2}})\b",
         lambda m: _between(as_of, m)),
        # A full date in words, either order, with its year ("14 March 2027", "March 14th, 2027")
        (rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON},?\s+(\d{{4}})\b",
         lambda m: _day_month(as_of, int(m[1]), MONTHS[m[2]], int(m[3]), m[0])),
        (rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b",
         lambda m: _day_month(as_of, int(m[2]), MONTHS[m[1]], int(m[3]), m[0])),
        (rf"\b{_MON}\s+(\d{{4}})\b",
         lambda m: TimeWindow(date(int(m[2]), MONTHS[m[1]], 1), _month_end(int(m[2]), MONTHS[m[1]]),
                              f"{m[1]} {m[2]}", m[0])),
        (rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:hours?|days?|h\b|d\b|:))",
         lambda m: _day_month(as_of, int(m[2]), MONTHS[m[1]], None, m[0])),
        (rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}\b",
         lambda m: _day_month(as_of, int(m[1]), MONTHS[m[2]], None, m[0])),
        (rf"\b(?:last|past|previous|over the last|in the last|within the last|trailing)\s+{_NUM}(?:(?<=\d)\s*|\s+)"
         rf"(?:hours?|hrs?|h)\b",
         lambda m: _trailing(as_of, m[0], f"last {_num(m[1])} hours", hours=_num(m[1]))),
        (rf"\b{_NUM}\s*(?:hours?|hrs?|h)\s+(?:ago|back)\b",
         lambda m: _trailing(as_of, m[0], f"last {_num(m[1])} hours", hours=_num(m[1]))),
        # "over the last few weeks", "a couple of days ago": a vague span, read wide (graph.nlp.dates.VAGUE_SPANS)
        (rf"\b(?:(?:over |in |within |during )?the\s+)?(?:last|past|previous|recent)\s+(?:a\s+)?{_VAGUE}|"
         rf"\b(?:a\s+)?{_VAGUE}\s+(?:ago|back)\b",
         lambda m: _trailing(as_of, m[0], f"last {_vague(m)} days", days=_vague(m))),
        # (a unit glued to its number is a digit's: "last 7d"; "how long did it last and when" is no "last a d")
        (rf"\b(?:last|past|previous|trailing)\s+{_NUM}(?:(?<=\d)\s*|\s+)(days?|d|weeks?|wks?|months?|years?)\b",
         lambda m: _trailing(as_of, m[0], f"last {_num(m[1]) * UNIT_DAYS[_unit(m[2])]} days",
                             days=_num(m[1]) * UNIT_DAYS[_unit(m[2])])),
        # "which tables has nobody read in 90 days": the span up to now (unless the question looks ahead)
        (_IN_N_UNITS,
         lambda m: _trailing(as_of, m[0], f"last {_num(m[1]) * UNIT_DAYS[_unit(m[2])]} days",
                             days=_num(m[1]) * UNIT_DAYS[_unit(m[2])])),
        (rf"\bsince\s+{_NUM}\s+days?\s+ago\b",
         lambda m: TimeWindow(today - timedelta(days=_num(m[1])), today, f"since {_num(m[1])} days ago", m[0])),
        (rf"\b{_NUM}\s+days?\s+ago\b",
         lambda m: _single(today - timedelta(days=_num(m[1])), m[0])),
        (r"\b(?:the\s+)?(?:last|past)\s+(?:24\s*h\w*|day)\b",
         lambda m: _trailing(as_of, m[0], "last 24 hours", hours=24)),
        (r"\b(?:the\s+)?(?:last|past|previous)\s+(?:fortnight|two weeks)\b",
         lambda m: _trailing(as_of, m[0], "last 14 days", days=14)),
        # "weekly recap", "the week's summary": the last 7 days
        (r"\b(?:weekly|week'?s|wk(?:ly)?)\s+(?:recap|summary|review|report|digest|roundup|round-up|wrap-?up|rundown)\b",
         lambda m: _trailing(as_of, m[0], "last 7 days", days=7)),
        (r"\b(?:last|past|previous)\s+(?:week|wk)\b|\bweek\s+ago\b",
         lambda m: _trailing(as_of, m[0], "last 7 days", days=7)),
        # (on a Monday "this week" is the week just begun: read the last 7 days, and say so)
        (r"\b(?:this|current)\s+(?:week|wk)\b|\bweek[- ]to[- ]date\b|\bwtd\b",
         lambda m: TimeWindow(monday, today, "this week", m[0]) if monday < today or re.search(r"to[- ]date|wtd", m[0])
         else _trailing(as_of, m[0], "last 7 days (this week began today)", days=7)),
        (r"\b(?:this|current)\s+month\b|\bmonth[- ]to[- ]date\b|\bmtd\b|"
         # "what does that do to prod uptime for the month?": the month under way
         r"\b(?:for|over|during|across) the month\b(?!\s+(?:of|before|after|prior|in|that|when)\b)",
         lambda m: TimeWindow(today.replace(day=1), today, "this month", m[0])),
        (r"\b(?:last|previous|past)\s+month\b",
         lambda m: _month(*_shift_month(today.year, today.month, -1), m[0], "last month")),
        (r"\bnext\s+month\b",
         lambda m: _month(*_shift_month(today.year, today.month, 1), m[0], "next month", future=True)),
        (rf"\b(?:q([1-4])|(?:the\s+)?({_ORDINALS})\s+quarter)(?:\s+(?:of\s+)?(\d{{4}}))?\b",
         lambda m: _quarter_named(today, int(m[1]) if m[1] else ORDINALS[m[2]], m[3], m[0])),
        (r"\b(?:this|current)\s+quarter\b|\bquarter[- ]to[- ]date\b|\bqtd\b",
         lambda m: TimeWindow(date(today.year, q_start_month, 1), today, "this quarter", m[0])),
        (r"\b(?:last|previous)\s+quarter\b",
         lambda m: _quarter_before(today, q_start_month, m[0])),
        (r"\b(?:this|current)\s+year\b|\byear[- ]to[- ]date\b|\bytd\b",
         lambda m: TimeWindow(date(today.year, 1, 1), today, "this year", m[0])),
        (r"\blast\s+year\b",
         lambda m: TimeWindow(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31), "last year", m[0])),
        # "since yesterday": from that day up to now, not that day alone
        (r"\bsince\s+(?:last\s+night|yesterday|yday|ydy|yest)\b",
         lambda m: TimeWindow(today - timedelta(days=1), today, "since yesterday", m[0])),
        (r"\bsince\s+(?:the\s+)?day\s+before\s+yesterday\b",
         lambda m: TimeWindow(today - timedelta(days=2), today, "since the day before yesterday", m[0])),
        # "kept failing overnight": the night that ended this morning spans yesterday and today
        (r"\b(?:overnight|over\s+night|through\s+the\s+night|during\s+the\s+night)\b",
         lambda m: TimeWindow(today - timedelta(days=1), today, "overnight", m[0])),
        # "did last night's load finish?": the night that ended this morning (a 02:00 run today is last night's)
        (r"\blast\s+night(?:'s)?\b",
         lambda m: _last_night(as_of, m[0])),
        # "over the weekend": the latest weekend that has passed (on a Sunday, the one under way)
        (r"\bsince\s+(?:the\s+|last\s+)?weekend\b",
         lambda m: TimeWindow(_weekend(today)[0], today, "since the weekend", m[0])),
        (r"\bthis\s+(?:coming\s+)?weekend\b(?!s)",
         lambda m: _this_weekend(today, m[0])),
        (r"\b(?:last|past|previous)\s+weekend\b(?!s)",
         lambda m: _weekend_window(_weekend(today, before_current=True), m[0], "last weekend")),
        (r"\b(?:over|during|on|at|for|across)\s+(?:the\s+)?weekend\b(?!s)|\bthe\s+weekend\b(?!s)",
         lambda m: _weekend_window(_weekend(today), m[0], "the weekend")),
        (rf"\bsince\s+(?:last\s+)?{_DAY}\b",
         lambda m: TimeWindow(_weekday_on_or_before(today, WEEKDAYS[m[1]]), today, f"since {m[1]}", m[0])),
        # Days and periods after the as-of day (``future``): a forecast reads them, anything else is told
        # they are not recorded yet (graph.nlp.honest.future_window).
        (r"\b(?:the\s+)?day\s+after\s+(?:tomorrow|tmrw)\b",
         lambda m: _ahead(today + timedelta(days=2), m[0], "the day after tomorrow")),
        (r"\b(?:tomorrow|tmrw)\b",
         lambda m: _ahead(today + timedelta(days=1), m[0], "tomorrow")),
        (rf"\b(?:next|this\s+coming|coming|upcoming)\s+{_DAY}\b",
         lambda m: _ahead(_weekday_after(today, WEEKDAYS[m[1]]), m[0], f"next {m[1]}")),
        (rf"\bthis\s+{_DAY}\b",
         lambda m: _ahead(monday + timedelta(days=WEEKDAYS[m[1]]), m[0], f"this {m[1]}", today=today)),
        (rf"\b(?:the\s+)?(?:next|coming|upcoming)\s+{_NUM}\s*(days?|weeks?|wks?|months?)\b",
         lambda m: _ahead(today + timedelta(days=1), m[0], f"next {_num(m[1]) * UNIT_DAYS[_unit(m[2])]} days",
                          end=today + timedelta(days=_num(m[1]) * UNIT_DAYS[_unit(m[2])]))),
        (r"\b(?:next|the\s+coming)\s+(?:week|wk)\b",
         lambda m: _ahead(monday + timedelta(days=7), m[0], "next week", end=monday + timedelta(days=13))),
        (r"\bnext\s+quarter\b",
         lambda m: _ahead(date(*_shift_month(today.year, q_start_month, 3), 1), m[0], "next quarter",
                          end=_month_end(*_shift_month(today.year, q_start_month, 5)))),
        (r"\bnext\s+year\b",
         lambda m: _ahead(date(today.year + 1, 1, 1), m[0], "next year", end=date(today.year + 1, 12, 31))),
        # "on the 20th": that day of this month (after the as-of day it has not happened yet)
        (rf"\bon\s+the\s+(\d{{1,2}})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?{_MON})",
         lambda m: _this_month_day(today, int(m[1]), m[0])),
        (r"\b(?:the\s+)?day\s+before\s+yesterday\b",
         lambda m: _single(today - timedelta(days=2), m[0], "the day before yesterday")),
        (r"\b(?:last\s+evening|yesterday|yday|ydy|yest)\b",
         lambda m: _single(today - timedelta(days=1), m[0], "yesterday")),
        (r"\b(?:today|this (?:morning|afternoon|evening)|so far today|tonight)\b",
         lambda m: _single(today, m[0], "today")),
        (rf"\b(?:in|for|during|of|over)\s+{_MON}(?![\w-])(?!\s+\d)",
         lambda m: _month_named(today, MONTHS[m[1]], m[0])),
        (rf"\b(?:on\s+|last\s+)?{_DAY}\b",
         lambda m: _single(_weekday_before(today, WEEKDAYS[m[1]]), m[0])),
    ]


def _month_named(today: date, month: int, text: str) -> TimeWindow:
    """"in October": the latest October that has started by ``today`` (this year's or last year's)."""
    year = today.year if month <= today.month else today.year - 1
    end = min(_month_end(year, month), today)
    return TimeWindow(date(year, month, 1), end, f"{calendar.month_name[month]} {year}", text)


def _quarter_named(today: date, quarter: int, year: str | None, text: str) -> TimeWindow:
    """"Q3", "the third quarter (of 2025)": without a year, the latest such quarter that has started."""
    first = 3 * (quarter - 1) + 1
    y = int(year) if year else (today.year if date(today.year, first, 1) <= today else today.year - 1)
    end = _month_end(y, first + 2)
    return TimeWindow(date(y, first, 1), min(end, today) if not year else end, f"Q{quarter} {y}", text)


def _unit(word: str) -> str:
    w = word.rstrip("s")
    return {"d": "day", "wk": "wk"}.get(w, w)


def _single(d: date, text: str, label: str | None = None) -> TimeWindow:
    return TimeWindow(d, d, label or d.isoformat(), text)


def _month(year: int, month: int, text: str, label: str, *, future: bool = False) -> TimeWindow:
    return TimeWindow(date(year, month, 1), _month_end(year, month), label, text, future=future)


def _quarter_before(today: date, q_start_month: int, text: str) -> TimeWindow:
    y, m = _shift_month(today.year, q_start_month, -3)
    end_y, end_m = _shift_month(y, m, 2)
    return TimeWindow(date(y, m, 1), _month_end(end_y, end_m), "last quarter", text)


def _ahead(start: date, text: str, label: str, *, end: date | None = None, today: date | None = None) -> TimeWindow:
    """A day or period that may lie after the as-of day (``future`` when it starts after ``today``; without
    ``today`` it always does)."""
    future = today is None or start > today
    return TimeWindow(start, end or start, label, text, future=future)


def _weekday_after(today: date, weekday: int) -> date:
    """The first ``weekday`` strictly after ``today`` (a Friday's "next friday" is a week later)."""
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _this_month_day(today: date, day: int, text: str) -> TimeWindow | None:
    try:
        d = today.replace(day=day)
    except ValueError:
        return None
    return _ahead(d, text, d.isoformat(), today=today)


def _weekend(today: date, *, before_current: bool = False) -> tuple[date, date]:
    """The latest weekend under way or past (a Saturday morning still means the one before), or the one before
    the current weekend."""
    saturday = today - timedelta(days=(today.weekday() - 5) % 7)
    if today.weekday() == 5 or (before_current and today.weekday() == 6):
        saturday -= timedelta(days=7)
    return saturday, min(saturday + timedelta(days=1), today)


def _weekend_window(days: tuple[date, date], text: str, label: str) -> TimeWindow:
    return TimeWindow(days[0], days[1], label, text)


def _this_weekend(today: date, text: str) -> TimeWindow:
    """"This weekend": under way on a Saturday or Sunday, ahead on a weekday."""
    if today.weekday() >= 5:
        return TimeWindow(today - timedelta(days=today.weekday() - 5), today, "this weekend", text)
    saturday = today + timedelta(days=5 - today.weekday())
    return _ahead(saturday, text, "this weekend", end=saturday + timedelta(days=1))


def _weekday_before(today: date, weekday: int) -> date:
    """The most recent ``weekday`` strictly before ``today``."""
    return today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)


def _weekday_on_or_before(today: date, weekday: int) -> date:
    return today - timedelta(days=(today.weekday() - weekday) % 7)


def _between(as_of: datetime, m: re.Match[str]) -> TimeWindow | None:
    first = _day_month(as_of, int(m[2]), MONTHS[m[1]], None, m[0])
    second = _day_month(as_of, int(m[4]), MONTHS[m[3] or m[1]], None, m[0])
    if first is None or second is None:
        return None
    lo, hi = sorted((first.start, second.start))
    return TimeWindow(lo, hi, f"{lo.isoformat()}..{hi.isoformat()}", m[0])


#: "in 90 days", "for 3 weeks": a span without "last"; the past, unless the question looks ahead (_AHEAD).
_IN_N_UNITS = rf"(?<![\w-])(?:in|within|for|over)\s+(?:the\s+)?{_NUM}\s*(days?|weeks?|wks?|months?)\b(?!\s+(?:from now|ahead|" \
              r"out|later|time|early|late|before|after|ago|back))"
_AHEAD = re.compile(r"\b(?:will|won'?t|going to|gonna|forecast\w*|project\w*|expect\w*|predict\w*|extrapolat\w*|next|upcoming|coming|"
                    r"ahead|from now|by then|runway|run out|at (?:this|the current) (?:rate|pace))\b")


#: "our auditor shows up in three weeks", "the renewal is in 2 months": when something happens, not a span to read.
_EVENT_AHEAD = re.compile(r"\b(?:shows?|showing|turns?|turning)\s+up\s*$|\b(?:arriv\w*|comes?|coming|starts?|starting|begins?|"
                          r"kicks?\s+off|(?:is|are)\s+due|due|happens?|visits?|expires?|renews?|launch\w*|goes\s+live|"
                          r"(?:is|are|'s))\s*$|"
                          # "assuming we cut over in two weeks", "we migrate in 3 weeks": a move ahead
                          r"\b(?:cut|cuts|cutting|switch\w*|roll\w*|go|goes|going|move|moves|moving)\s+(?:over|live|out)\s*$|"
                          r"\b(?:we|they|i)\s+(?:migrate|move|ship|release|deploy|switch|cut\s*over)\s*$")


#: "still showing the day before yesterday's numbers": a screen still showing a day's data (with "'s numbers" after).
_SHOWN_AS_OF = re.compile(r"\b(?:still|stuck|only) (?:\w+ )?(?:shows?|showing|showed|displays?|displaying|on|at|has|having)"
                          r"(?: the| only)?\s*$")
#: Words before a time that say how old something shown is ("numbers from like two days ago").
_AGE_OF_DATA = re.compile(r"\b(?:stopped|quit|stuck|froze|frozen)\s+(?:moving|updating|changing|refreshing|loading|ticking)\s+"
                          r"(?:like |about |around |roughly |maybe |since |as of )?$|"
                          r"\b(?:still|stuck|old|stale|outdated)\b.{0,30}\b(?:numbers|data|figures|values|results|"
                          r"rows|totals|stuff|info) (?:(?:is|are|were|was) )?(?:from|of|as of|dated) "
                          r"(?:like |about |around |roughly |maybe )?$|"
                          # "the numbers in my dashboard look like they're from 2 days ago"
                          r"\b(?:numbers|data|figures|values|results|rows|totals|dashboards?|reports?|tables?)\b.{0,40}\b(?:look|looks|"
                          r"seem|seems|feel|feels)(?: like| as if| to be)? (?:they'?re |they are |it'?s |its |it is )?(?:from|of|as of) "
                          r"(?:like |about |around |roughly |maybe )?$|"
                          # "why is the orders dashboard showing data from like 2 days ago"
                          r"\b(?:shows|showing|showed|displays|displaying|displayed|stuck (?:on|at|with)|still (?:on|at)|serves|serving)\s+(?:\w+\s+){0,2}(?:numbers|data|"
                          r"figures|values|results|rows|totals|stuff|info)\s+(?:from|of|as of|dated)\s+"
                          r"(?:like |about |around |roughly |maybe )?$")


#: Words before a day that make it a deadline ahead ("in time for monday", "ready by friday").
_DEADLINE = re.compile(r"(?:\b(?:in time for|ready (?:for|by)|done by|finished by|fixed by|ahead of|before|until|till|by)|"
                       # "audit is monday", "the review's on friday": a meeting's day
                       r"\b(?:audit|review|meeting|sync|stand-?up|call|presentation|demo|deadline|qbr|offsite|retro|"
                       r"readout|inspection|visit|walkthrough|check-?in)s?(?:'s| is| are)(?:\s+due)?)\s+"
                       r"(?:next\s+|this\s+|the\s+)?$")
#: After a day name that opens the message: a greeting's time ("monday morning first thing:", "friday, quick one -").
_WHEN_ASKED = re.compile(r"\s*(?:(?:morning|afternoon|evening|night)\s*(?:first thing|check[- ]?in|again|here)?|first thing|"
                         r"check[- ]?in|here|quick one)\s*(?:[:,\-\u2013\u2014]|\.\s)")
_DAY_NAMES = r"(?:on\s+)?(?:(?:next|this|last)\s+)?(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b"


#: Data said to be the same as a day's ("the same numbers as Monday", "identical to tuesday's"): what it shows.
_SAME_AS = re.compile(r"\b(?:same|identical|unchanged|no different)\b[^.?!]{0,40}\b(?:as|to|from)\s+(?:on\s+)?$")


#: What the asker will do in a coming period ("deciding which workloads to move ... next quarter", "what should I change
#: before next quarter starts"): the period is when they act; the data to read is the recent past.
_ACTING_THEN = re.compile(r"(?:\b(?:move|moving|migrat\w*|switch\w*|decid\w*|plan(?:ning)? to|roll(?:ing)? out|tackl\w*|"
                          r"chang\w*|fix\w*|tun(?:e|ing)|resiz\w*|prioriti[sz]\w*|"
                          # "I'm doing a review with this customer next week": when the asker meets, not what to read
                          r"(?:i'?m|we'?re|i am|we are) (?:doing|having|holding|running|presenting|giving|meeting|walking)"
                          r")\b[^.?!]{0,60}?|\bbefore\s+(?:the\s+)?|"
                          r"\bahead\s+of\s+(?:the\s+)?)$")


#: Words of planning after a quarter ("the Q1 budget submission", "Q2 planning"): a period being planned.
_PLANNING_AFTER = re.compile(r"\s*(?:budget|budgeting|planning|plan|plans|forecast|submission|roadmap|targets?|okrs?|"
                             r"headcount|proposal|request|cycle|allocation)\b")


def _planned_quarter(said: str, after: str, today: date) -> bool:
    """Is ``said`` ("Q1", no year) the quarter after today's, followed by planning words? It is not yet data."""
    q = re.fullmatch(r"\s*q([1-4])", said)
    return bool(q) and int(q[1]) == ((today.month - 1) // 3 + 1) % 4 + 1 and bool(_PLANNING_AFTER.match(after))


def parse_window(text: str, as_of: datetime) -> TimeWindow | None:
    """The first time window named in ``text`` (by rule priority: explicit dates first), or None.

    ``as_of`` must be timezone-aware or is taken as UTC."""
    if as_of.tzinfo is None:
        as_of = as_of.replace(tzinfo=timezone.utc)
    as_of = as_of.astimezone(timezone.utc)
    low = (text or "")[:5000].lower()
    skipped: list[tuple[int, int]] = []  # spans read as no window: no shorter rule reads a window inside them
    for pattern, build in _rules(as_of):
        for m in re.finditer(pattern, low):
            if any(a <= m.start() < b for a, b in skipped):
                continue  # "yesterday" inside "numbers from the day before yesterday"
            if pattern == _IN_N_UNITS and (_AHEAD.search(low) or _EVENT_AHEAD.search(low[max(0, m.start() - 40):m.start()])):
                continue  # "what will ml-workspace spend in 30 days": ahead, read by the forecast rules
            if _AGE_OF_DATA.search(low[max(0, m.start() - 70):m.start()]) or _SHOWN_AS_OF.search(low[max(0, m.start() - 40):m.start()]) \
                    and re.match(r"'s (?:numbers|data|figures|values|results|rows|totals|stuff|info)\b", low[m.end():]):
                skipped.append(m.span())
                continue  # "the board still shows numbers from two days ago": how old the data is, not when to look
            if re.match(r"(?:the\s+)?(?:next|coming|upcoming|this\s+coming)\b", m[0].lstrip()) \
                    and _ACTING_THEN.search(low[max(0, m.start() - 80):m.start()]):
                continue  # "which workloads to move off classic compute next quarter": when to act, not what to read
            if _planned_quarter(m[0], low[m.end():], as_of.date()):
                continue  # "preparing the Q1 budget submission" in December: the period planned for, not one to read
            if _SAME_AS.search(low[max(0, m.start() - 60):m.start()]) and re.match(_DAY_NAMES, m[0].lstrip()):
                continue  # "pulled exactly the same rows as Monday": the data's content then, not a window to read
            if _DEADLINE.search(low[max(0, m.start() - 30):m.start()]) and re.match(_DAY_NAMES, m[0].lstrip()):
                continue  # "will it be current in time for monday's board pack?": a deadline, not a window
            if not low[:m.start()].strip(" \t-*>") and re.match(_DAY_NAMES, m[0].lstrip()) \
                    and _WHEN_ASKED.match(low[m.end():]):
                continue  # "monday morning first thing: is it fresh?": when the asker writes, not a window
            window = build(m)
            if window is not None:
                return _joined(window, low[m.end():], as_of)
    return None


#: "yesterday or today", "monday and tuesday": two windows joined into one question's period.
_JOIN = re.compile(r"\s*,?\s*(?P<word>and|or|&|\+|/|plus)\s+(?:(?:was|is|were|it|only|just|also|maybe|there|that)\s+){0,3}")


def _joined(first: TimeWindow, rest: str, as_of: datetime) -> TimeWindow:
    """``first``, or the span from it to the window named right after it ("yesterday or today")."""
    j = _JOIN.match(rest)
    second = parse_window(rest[j.end():], as_of) if j else None
    if j is None or second is None or not rest[j.end():].startswith(second.text) or first.hours or second.hours \
            or first.days or second.days or first.future != second.future:
        return first
    start, end = min(first.start, second.start), max(first.end, second.end)
    if (end - start).days > 62:
        return first
    word = {"&": "and", "+": "and", "/": "or", "plus": "and"}.get(j["word"], j["word"])
    return TimeWindow(start=start, end=end, label=f"{first.label} {word} {second.label}",
                      text=f"{first.text}{rest[:j.end()]}{second.text}", future=first.future)
