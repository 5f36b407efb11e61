"""The comparison window: parsed from how people compare periods, labelled, the same length as the period."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from health_monitor.graph.comparison import compared, measure
from health_monitor.graph.nlp.comparison import comparison_windows, period_before
from health_monitor.graph.understanding import Window

AS_OF = datetime(2026, 1, 15, 9, 0, tzinfo=timezone.utc)  # a Thursday


@pytest.mark.parametrize(("text", "window", "earlier"), [
    ("dbu spend week over week", (date(2026, 1, 8), date(2026, 1, 15)), (date(2025, 12, 31), date(2026, 1, 7))),
    ("monthly change in spend", (date(2026, 1, 1), date(2026, 1, 15)), (date(2025, 12, 1), date(2025, 12, 15))),
    ("costs in december against november", (date(2025, 12, 1), date(2025, 12, 31)),
     (date(2025, 11, 1), date(2025, 11, 30))),
    ("failures on monday versus the day before", (date(2026, 1, 12), date(2026, 1, 12)),
     (date(2026, 1, 11), date(2026, 1, 11))),
    ("uptime this week relative to last week", (date(2026, 1, 12), date(2026, 1, 15)),
     (date(2026, 1, 5), date(2026, 1, 8))),
    ("are we spending more than last month", (date(2026, 1, 1), date(2026, 1, 15)),
     (date(2025, 12, 1), date(2025, 12, 31))),
    ("daily change in failures", (date(2026, 1, 14), date(2026, 1, 14)), (date(2026, 1, 13), date(2026, 1, 13))),
])
def test_comparison_windows(text, window, earlier):
    from health_monitor.graph.nlp.dates import parse_window

    tw = parse_window(text, AS_OF)
    own = Window.make(tw.start, tw.end, tw.label) if tw else None
    current, other = comparison_windows(text, own, AS_OF)
    assert (current.start, current.end) == window
    assert (other.start, other.end) == earlier
    assert other.end < current.start and other.label and current.label


@pytest.mark.parametrize("text", ["spend last week", "which jobs failed yesterday", "compare nothing here"])
def test_no_comparison_without_a_second_period(text):
    assert comparison_windows(text, None, AS_OF)[1] is None


def test_period_before_keeps_months_whole_and_lengths_equal():
    assert period_before(Window.make(date(2026, 3, 1), date(2026, 3, 31), "March")).end == date(2026, 2, 28)
    week = Window.make(date(2026, 1, 8), date(2026, 1, 14), "last 7 days")
    before = period_before(week)
    assert before.span_days == week.span_days and before.end == date(2026, 1, 7)


ROWS = [{"workspace_name": "a", "list_cost": 100.0, "failed": 1, "runs": 10},
        {"workspace_name": "b", "list_cost": 50.0, "failed": 0, "runs": 10}]
EARLIER = [{"workspace_name": "a", "list_cost": 80.0, "failed": 2, "runs": 10},
           {"workspace_name": "b", "list_cost": 40.0, "failed": 2, "runs": 10}]


def test_compared_states_both_figures_the_change_and_both_labels():
    from health_monitor.agents.spec import Compare

    f = compared("cost", "t", Compare("Spend", total="list_cost"), ROWS, EARLIER, label="last week",
                 earlier_label="the week before")
    assert f.summary == "Spend: $150 in last week against $120 in the week before: +$30.00 (+25%)."
    assert f.figures["change"] == 30


def test_a_rate_is_compared_in_points():
    from health_monitor.agents.spec import Compare

    spec = Compare("Job failure rate", total="failed", per="runs", unit="pct100")
    assert measure(ROWS, spec) == pytest.approx(5.0)
    f = compared("reliability", "t", spec, ROWS, EARLIER, label="this week", earlier_label="last week")
    assert f.summary == "Job failure rate: 5% in this week against 20% in last week: -15 points."


def test_the_named_entity_narrows_both_periods():
    from health_monitor.agents.spec import Compare

    slots = {"workspace": ["a"], "_named": ["workspace"]}
    f = compared("cost", "t", Compare("Spend", total="list_cost"), ROWS, EARLIER, label="now",
                 earlier_label="then", slots=slots)
    assert f.summary.startswith("Spend of workspace a: $100 in now against $80.00 in then")


def test_a_period_without_rows_is_said_so():
    from health_monitor.agents.spec import Compare

    f = compared("cost", "t", Compare("Spend", total="list_cost"), ROWS, [], label="now", earlier_label="then")
    assert "no rows for then" in f.summary and not f.figures


# --- a comparison clause naming its own period ------------------------------------------------------------
FRIDAY = datetime(2026, 12, 4, 16, 25, tzinfo=timezone.utc)


@pytest.mark.parametrize(("text", "window", "earlier"), [
    # "the same point/period/days <unit> ago": the current period moved back by that unit, not the whole unit
    ("month-to-date spend compared with the same point last month", (date(2026, 12, 1), date(2026, 12, 4)),
     (date(2026, 11, 1), date(2026, 11, 4))),
    ("mtd dbus vs the same period last month", (date(2026, 12, 1), date(2026, 12, 4)),
     (date(2026, 11, 1), date(2026, 11, 4))),
    ("failures yesterday against the same day last month", (date(2026, 12, 3), date(2026, 12, 3)),
     (date(2026, 11, 3), date(2026, 11, 3))),
    ("spend this week versus the same days last year", (date(2026, 11, 30), date(2026, 12, 4)),
     (date(2025, 11, 30), date(2025, 12, 4))),
    # a named month, quarter or year after the comparison word is that period, whole
    ("spend yesterday compared to the October daily average", (date(2026, 12, 3), date(2026, 12, 3)),
     (date(2026, 10, 1), date(2026, 10, 31))),
    ("yesterday's cost relative to October's", (date(2026, 12, 3), date(2026, 12, 3)),
     (date(2026, 10, 1), date(2026, 10, 31))),
    ("spend this month compared with Q3", (date(2026, 12, 1), date(2026, 12, 4)),
     (date(2026, 7, 1), date(2026, 9, 30))),
    ("cost on tuesday against the third quarter", (date(2026, 12, 1), date(2026, 12, 1)),
     (date(2026, 7, 1), date(2026, 9, 30))),
    ("spend yesterday vs last year's daily average", (date(2026, 12, 3), date(2026, 12, 3)),
     (date(2025, 1, 1), date(2025, 12, 31))),
])
def test_a_named_comparison_period_sets_the_comparison_window(text, window, earlier):
    from health_monitor.graph.nlp.dates import parse_window

    tw = parse_window(text, FRIDAY)
    own = Window.make(tw.start, tw.end, tw.label) if tw else None
    current, other = comparison_windows(text, own, FRIDAY)
    assert (current.start, current.end) == window
    assert (other.start, other.end) == earlier


def test_windows_of_different_lengths_compare_a_day_on_average():
    from health_monitor.agents.spec import Compare

    slots = {"start_date": date(2026, 12, 3), "end_date": date(2026, 12, 3),
             "compare_start": date(2026, 10, 1), "compare_end": date(2026, 10, 31)}
    october = [{"workspace_name": "a", "list_cost": 3100.0}]
    f = compared("cost", "t", Compare("Spend", total="list_cost"), [{"workspace_name": "a", "list_cost": 150.0}],
                 october, label="yesterday", earlier_label="October", slots=slots)
    assert f.summary == "Spend: $150 in yesterday against $100 a day on average in October: +$50.00 a day (+50%)."
    assert f.figures["previous"] == 100 and f.figures["change"] == 50


def test_a_period_the_data_covers_only_in_part_is_averaged_over_the_days_it_covers():
    """Last quarter when the data starts on its last 10 days: $1,000 is $100 a day, not $11 a day over 92."""
    from health_monitor.agents.spec import Compare

    slots = {"start_date": date(2026, 10, 1), "end_date": date(2026, 10, 10),
             "compare_start": date(2026, 7, 1), "compare_end": date(2026, 9, 30)}
    f = compared("cost", "t", Compare("Spend", total="list_cost"), [{"list_cost": 1500.0}], [{"list_cost": 1000.0}],
                 label="this quarter", earlier_label="last quarter", slots=slots, first_day=date(2026, 9, 21))
    assert f.summary == ("Spend: $150 a day on average in this quarter against $100 a day on average in last quarter "
                         "(the data covers it from 2026-09-21 only): +$50.00 a day (+50%).")


def test_a_rate_is_not_averaged_over_days():
    from health_monitor.agents.spec import Compare

    slots = {"start_date": date(2026, 12, 3), "end_date": date(2026, 12, 3),
             "compare_start": date(2026, 10, 1), "compare_end": date(2026, 10, 31)}
    spec = Compare("Job failure rate", total="failed", per="runs", unit="pct100")
    f = compared("reliability", "t", spec, ROWS, EARLIER, label="yesterday", earlier_label="October", slots=slots)
    assert f.summary == "Job failure rate: 5% in yesterday against 20% in October: -15 points."


def test_period_before_by_a_month_keeps_the_days():
    assert period_before(Window.day(date(2026, 3, 31)), "month").start == date(2026, 2, 28)
    leap = period_before(Window.day(date(2028, 2, 29)), "year")
    assert leap.start == date(2027, 2, 28)
