"""Words that name a day or period after the data's as-of instant ("next friday", "tomorrow", "on the 20th")
give a future window, whatever weekday the as-of falls on, so the honest "after the as-of" answer says so."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from health_monitor.graph.nlp.dates import parse_window
from health_monitor.graph.nlp.honest import asks_forecast, future_window

# One as-of per weekday: 2026-03-02 is a Monday ... 2026-03-08 a Sunday.
AS_OFS = [datetime(2026, 3, 2 + i, 14, 30, tzinfo=timezone.utc) for i in range(7)]


@pytest.mark.parametrize("as_of", AS_OFS, ids=lambda d: d.strftime("%A"))
@pytest.mark.parametrize("phrase", ["did anything break next friday", "next monday's failures",
                                    "spend this coming wednesday", "jobs on the upcoming sunday"])
def test_next_weekday_is_after_the_as_of_day_on_every_weekday(as_of, phrase):
    w = parse_window(phrase, as_of)
    today = as_of.date()
    assert w is not None and w.future and w.start == w.end
    assert today < w.start <= today + timedelta(days=7)
    assert w.start.strftime("%A").lower() in phrase


def test_a_friday_asking_next_friday_means_a_week_later():
    friday = datetime(2026, 12, 4, 16, 25, tzinfo=timezone.utc)
    assert parse_window("what ran next friday?", friday).start == date(2026, 12, 11)
    # ...and a bare or "last" weekday stays in the past
    assert parse_window("what ran on friday?", friday).start == date(2026, 11, 27)
    assert parse_window("what ran last friday?", friday).start == date(2026, 11, 27)


@pytest.mark.parametrize(("phrase", "start", "end"), [
    ("failures tomorrow", "2026-12-05", "2026-12-05"),
    ("the day after tomorrow", "2026-12-06", "2026-12-06"),
    ("outages next week", "2026-12-07", "2026-12-13"),
    ("spend next month", "2027-01-01", "2027-01-31"),
    ("incidents on the 20th", "2026-12-20", "2026-12-20"),
    ("the next 10 days", "2026-12-05", "2026-12-14"),
    ("the coming two weeks", "2026-12-05", "2026-12-18"),
    ("next quarter", "2027-01-01", "2027-03-31"),
    ("this sunday", "2026-12-06", "2026-12-06"),
])
def test_future_phrases_give_future_windows(phrase, start, end):
    friday = datetime(2026, 12, 4, 16, 25, tzinfo=timezone.utc)
    w = parse_window(phrase, friday)
    assert w is not None and w.future, phrase
    assert (w.start.isoformat(), w.end.isoformat()) == (start, end)
    assert future_window(w.start, w.end, friday.date(), forecast=False) is not None


@pytest.mark.parametrize(("phrase", "day"), [("on the 2nd", "2026-12-02"), ("on the 4th", "2026-12-04"),
                                             ("this tuesday", "2026-12-01")])
def test_days_up_to_the_as_of_stay_past(phrase, day):
    w = parse_window(phrase, datetime(2026, 12, 4, 16, 25, tzinfo=timezone.utc))
    assert w is not None and w.start.isoformat() == day and not w.future


@pytest.mark.parametrize(("text", "forecast"), [
    ("forecast spend for next month", True), ("what will we spend next week?", True),
    ("which jobs are likely to fail tomorrow", True), ("projected bill next quarter", True),
    ("which jobs failed next friday", False), ("how long was the warehouse down tomorrow", False),
])
def test_only_a_forecast_question_reads_a_future_window(text, forecast):
    assert asks_forecast(text) is forecast
