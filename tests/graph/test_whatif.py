"""What-if questions about spend: the change read from the question, applied to the line item it names."""
from __future__ import annotations

import pytest
from health_monitor.graph.state import AgentReport, Finding, ToolCallRecord
from health_monitor.graph.whatif import change_of, estimate


@pytest.mark.parametrize(("text", "factor"), [
    ("what if we had halved the nightly load?", 0.5),
    ("suppose the reporting warehouse cost twice as much", 2.0),
    ("if we cut the feature job by 25%, what would last week have cost?", 0.75),
    ("what would it have been with 10 percent less on the bi warehouse", 0.9),
    ("imagine we grew the serving spend by 40%", 1.4),
    ("what if we had turned the ad-hoc cluster off all week", 0.0),
    ("what if we trimmed it by a third", 2 / 3),
])
def test_the_change_a_question_imagines(text, factor):
    change = change_of(text)
    assert change is not None and change.factor == pytest.approx(factor)


@pytest.mark.parametrize("text", ["did we double our spend last month?", "we halved the cluster size on monday, "
                                  "did it help?", "cut costs on the analytics workspace"])
def test_a_question_about_what_happened_imagines_nothing(text):
    assert change_of(text) is None


def _reports() -> tuple[dict[str, AgentReport], list[ToolCallRecord]]:
    drivers = Finding(agent="cost", title="Top cost drivers", summary="", tools=["get_top_cost_drivers"], rows=[
        {"driver_name": "train_big", "workspace_name": "ws-a", "list_cost": 1000.0},
        {"driver_name": "nightly_load", "workspace_name": "ws-b", "list_cost": 300.0}])
    spend = Finding(agent="cost", title="Spend by workspace", summary="", tools=["get_daily_cost_summary"], rows=[
        {"workspace_name": "ws-a", "list_cost": 1500.0}, {"workspace_name": "ws-b", "list_cost": 900.0}])
    calls = [ToolCallRecord(agent="cost", tool="get_top_cost_drivers", args={"date": "2026-03-19"}),
             ToolCallRecord(agent="cost", tool="get_daily_cost_summary",
                            args={"start_date": "2026-03-19", "end_date": "2026-03-19"})]
    return {"cost": AgentReport(agent="cost", findings=[drivers, spend])}, calls


def test_the_line_item_named_in_words_changes_and_so_does_its_workspace_bill():
    reports, calls = _reports()
    text = estimate("what if we had halved the big training in ws-a, what would the bill have been?", reports, calls)
    assert "halving train_big in ws-a" in text
    assert "$1,000 to about $500" in text and "saving about $500" in text
    assert "ws-a's bill for the same period would have been about $1,000 instead of $1,500" in text


def test_the_calls_may_come_as_a_one_pass_iterator():
    reports, calls = _reports()
    text = estimate("what if we had halved the big training in ws-a?", reports, iter(calls))
    assert "(2026-03-19)" in text and "about $1,000 instead of $1,500" in text


def test_no_total_when_the_bill_was_read_for_another_period():
    reports, calls = _reports()
    calls[1] = ToolCallRecord(agent="cost", tool="get_daily_cost_summary",
                              args={"start_date": "2026-03-13", "end_date": "2026-03-19"})
    text = estimate("what if nightly_load had cost 10% more?", reports, calls)
    assert "raising nightly_load in ws-b by 10%" in text and "adding about $30" in text
    assert "instead of" not in text


def test_no_estimate_for_a_line_item_the_rows_do_not_hold():
    reports, calls = _reports()
    assert estimate("what if we had halved the marketing dashboards?", reports, calls) == ""
    assert estimate("what did train_big cost?", reports, calls) == ""


def test_an_outage_taken_away_gives_its_minutes_back_to_the_warehouses_availability():
    uptime = Finding(agent="reliability", title="Availability", summary="", tools=["get_uptime_metrics"], rows=[
        {"warehouse_name": "wh-1", "days": 10, "availability_pct": 99.0, "outage_minutes": 144.0}])
    outages = Finding(agent="reliability", title="Outages", summary="", tools=["get_warehouse_outages"], rows=[
        {"warehouse_name": "wh-1", "duration_minutes": 72.0}, {"warehouse_name": "wh-1", "duration_minutes": 144.0}])
    reports = {"reliability": AgentReport(agent="reliability", findings=[uptime, outages])}
    text = estimate("if that outage hadn't happened, what would uptime have been?", reports, [])
    # the longest outage (144 min of 10 days = 1 %) given back
    assert "without the 144.0-minute outage of wh-1" in text and "about 100.00% instead of 99.00%" in text
    assert estimate("what was uptime last week?", reports, []) == ""


def _uptime(days: int, minutes: float) -> dict[str, AgentReport]:
    row = {"warehouse_name": "wh-1", "days": days, "availability_pct": 100 - minutes / (days * 1440) * 100,
           "outage_minutes": minutes}
    return {"reliability": AgentReport(agent="reliability", findings=[
        Finding(agent="reliability", title="Availability", summary="", tools=["get_uptime_metrics"], rows=[row])])}


def test_an_error_budget_is_the_targets_allowed_downtime_and_the_outages_use_of_it():
    text = estimate("how much error budget is left at 99.9% over the last 10 days?", _uptime(10, 7.2), [])
    assert "10 days allow about 14.4 minutes" in text and "down 7.2 minutes" in text and "50% of that budget" in text
    assert "7.2 minutes left" in text


def test_a_monthly_target_budgets_the_month_and_no_target_is_said_as_assumed():
    text = estimate("how much of our monthly error budget have we burned so far?", _uptime(6, 86.4), [])
    assert "99.9% assumed" in text and "a 30-day month allows about 43.2 minutes" in text
    assert "in the 6 days read, 200% of that budget (43.2 minutes over)" in text


def test_monthly_figures_over_a_year_are_summed_and_taken_twelve_times():
    from health_monitor.graph.whatif import PER_YEAR, per_year

    savings = Finding(agent="optimization", title="Savings opportunities", summary="", tools=["t"], rows=[
        {"resource": "c1", "estimated_monthly_saving": 1000.0, "net_estimated_monthly_saving": 900.0},
        {"resource": "w1", "estimated_monthly_saving": 500.0, "net_estimated_monthly_saving": 450.0}])
    text = per_year({"optimization": AgentReport(agent="optimization", findings=[savings])})
    assert "$1,500 a month" in text and "$18,000 over twelve months" in text and "2 items" in text
    assert PER_YEAR.search("what would those add up to over a full year?")
    assert not PER_YEAR.search("what about the year before?")


def test_no_monthly_figure_gets_no_yearly_guess():
    from health_monitor.graph.whatif import per_year

    reports, _ = _reports()  # daily spend rows only
    assert per_year(reports) == ""


def test_a_monthly_budget_is_no_saving_to_take_over_a_year():
    from health_monitor.graph.whatif import per_year

    budget = Finding(agent="cost", title="Budget status", summary="", tools=["t"],
                     rows=[{"workspace_name": "dev", "monthly_budget": 5000.0, "projected_monthly_cost": 5200.0}])
    assert per_year({"cost": AgentReport(agent="cost", findings=[budget])}) == ""
