"""Time windows and parameters, against the demo's fixed as-of instant (2026-01-15 09:00 UTC, a Thursday)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from health_monitor.graph.nlp.dates import parse_window
from health_monitor.graph.nlp.params import extract_params, regulations

AS_OF = datetime(2026, 1, 15, 9, 0, tzinfo=timezone.utc)

WINDOWS = [
    # phrase, start, end, hours, days
    ("yesterday", "2026-01-14", "2026-01-14", None, None),
    ("what happened last night", "2026-01-14", "2026-01-15", 15, None),
    ("today", "2026-01-15", "2026-01-15", None, None),
    ("last 48 hours", "2026-01-13", "2026-01-15", 48, None),
    ("past 24h", "2026-01-14", "2026-01-15", 24, None),
    ("in the last day", "2026-01-14", "2026-01-15", 24, None),
    ("last 6 hrs", "2026-01-15", "2026-01-15", 6, None),
    ("last week", "2026-01-08", "2026-01-15", None, 7),
    ("who acessed pii last wk", "2026-01-08", "2026-01-15", None, 7),
    ("over the last 7 days", "2026-01-08", "2026-01-15", None, 7),
    ("past seven days", "2026-01-08", "2026-01-15", None, 7),
    ("this week", "2026-01-12", "2026-01-15", None, None),
    ("since Monday", "2026-01-12", "2026-01-15", None, None),
    ("since tuesday", "2026-01-13", "2026-01-15", None, None),
    ("on Tuesday", "2026-01-13", "2026-01-13", None, None),
    ("Were there any incidents on Tuesday?", "2026-01-13", "2026-01-13", None, None),
    ("last Thursday", "2026-01-08", "2026-01-08", None, None),
    ("friday", "2026-01-09", "2026-01-09", None, None),
    ("past fortnight", "2026-01-01", "2026-01-15", None, 14),
    ("last 2 weeks", "2026-01-01", "2026-01-15", None, 14),
    ("last 30 days", "2025-12-16", "2026-01-15", None, 30),
    ("this month", "2026-01-01", "2026-01-15", None, None),
    ("month to date", "2026-01-01", "2026-01-15", None, None),
    ("last month", "2025-12-01", "2025-12-31", None, None),
    ("this quarter", "2026-01-01", "2026-01-15", None, None),
    ("last quarter", "2025-10-01", "2025-12-31", None, None),
    ("ytd", "2026-01-01", "2026-01-15", None, None),
    ("last year", "2025-01-01", "2025-12-31", None, None),
    ("Jan 14", "2026-01-14", "2026-01-14", None, None),
    ("january 14th", "2026-01-14", "2026-01-14", None, None),
    ("14 Jan", "2026-01-14", "2026-01-14", None, None),
    ("Dec 3", "2025-12-03", "2025-12-03", None, None),
    ("2026-01-14", "2026-01-14", "2026-01-14", None, None),
    ("January 2026", "2026-01-01", "2026-01-31", None, None),
    ("december 2025", "2025-12-01", "2025-12-31", None, None),
    ("between Jan 3 and Jan 10", "2026-01-03", "2026-01-10", None, None),
    ("3 days ago", "2026-01-12", "2026-01-12", None, None),
    ("next month", "2026-02-01", "2026-02-28", None, None),
]


@pytest.mark.parametrize(("phrase", "start", "end", "hours", "days"), WINDOWS)
def test_windows(phrase, start, end, hours, days):
    w = parse_window(phrase, AS_OF)
    assert w is not None, phrase
    assert (w.start.isoformat(), w.end.isoformat(), w.hours, w.days) == (start, end, hours, days)


@pytest.mark.parametrize("phrase", ["", "show me costs", "clusters that sat idle", "top five jobs",
                                    "queries over 10 minutes", "the models", "🙂", "x" * 50_000])
def test_no_window(phrase):
    assert parse_window(phrase, AS_OF) is None


def test_as_of_not_wall_clock_and_naive_is_utc():
    later = AS_OF + timedelta(days=40)
    assert parse_window("yesterday", later).start.isoformat() == "2026-02-23"
    naive = datetime(2026, 1, 15, 9, 0)
    assert parse_window("yesterday", naive).start.isoformat() == "2026-01-14"


def test_next_month_is_future_with_horizon():
    r = extract_params("Forecast production's bill for next month.", as_of=AS_OF)
    assert r.params["start_date"] == "2026-02-01" and r.params["horizon_days"] == 44
    assert parse_window("next month", AS_OF).future


PARAMS = [
    ("top five queries", {"top_n": 5}),
    ("top 10 cost drivers", {"top_n": 10}),
    ("top-3 jobs", {"top_n": 3}),
    ("the 5 biggest workspaces", {"top_n": 5}),
    ("Which job is the single biggest line item", {"top_n": 1}),
    ("the slowest query today", {"top_n": 1}),
    ("Which jobs have the highest failure rate", {}),
    ("high-severity alerts", {"severity": "high"}),
    ("any high severity events", {"severity": "high"}),
    ("critical threats", {"severity": "critical"}),
    ("medium risk findings", {"severity": "medium"}),
    ("severity >= low", {"severity": "low"}),
    ("p1 incidents", {"severity": "critical"}),
    ("low utilisation clusters", {}),
    ("queries over 10 minutes", {"threshold_seconds": 600}),
    ("queries > 5 min", {"threshold_seconds": 300}),
    ("jobs longer than 2 hours", {"threshold_seconds": 7200}),
    ("more than 90 seconds", {"threshold_seconds": 90}),
    ("runs taking 10+ minutes", {"threshold_seconds": 600}),
    ("over the last 10 days", {}),
    ("cpu above 90%", {"threshold_pct": 90.0}),
    ("Generate an access review for SOC 2.", {"regulation": "SOC 2"}),
    ("soc2 evidence", {"regulation": "SOC 2"}),
    ("GDPR report", {"regulation": "GDPR"}),
    ("hipaa", {"regulation": "HIPAA"}),
    ("PCI-DSS scope", {"regulation": "PCI DSS"}),
    ("ISO 27001 controls", {"regulation": "ISO 27001"}),
]


@pytest.mark.parametrize(("text", "expected"), PARAMS)
def test_params(text, expected):
    got = {k: v for k, v in extract_params(text, as_of=AS_OF).params.items()
           if k not in ("start_date", "end_date", "hours", "days")}
    assert got == expected


def test_matched_words_explain_params():
    r = extract_params("Top five queries by duration over the last 7 days", as_of=AS_OF)
    assert r.params == {"start_date": "2026-01-08", "end_date": "2026-01-15", "days": 7, "top_n": 5}
    assert r.matched["days"] == "last 7 days" and r.matched["top_n"] == "top five"


def test_all_regulations_in_order():
    assert regulations("GDPR, then SOC 2 and HIPAA") == ["GDPR", "SOC 2", "HIPAA"]


@pytest.mark.parametrize("text", ["", None, "🙂🙂", "'; drop table x; --", "9" * 10_000, "x" * 50_000])
def test_params_never_raise(text):
    assert isinstance(extract_params(text, as_of=AS_OF).params, dict)


@pytest.mark.parametrize("phrase", ["failed logins on 14 March 2027", "on March 14, 2027", "on the 14th of March 2027",
                                    "March 14th 2027"])
def test_a_day_written_with_its_year_is_that_day(phrase):
    w = parse_window(phrase, AS_OF)
    assert (w.start, w.end) == (date(2027, 3, 14), date(2027, 3, 14))
