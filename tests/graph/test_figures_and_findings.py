"""Figures (formatting, the honesty check) and rows -> findings (lenses)."""

from __future__ import annotations

from datetime import date

from health_monitor.agents.spec import Lens
from health_monitor.graph.figures import money, pct100, render, unsupported_numbers
from health_monitor.graph.findings import arithmetic, condition, focus, grouped, to_finding
from health_monitor.graph.state import AgentReport, Finding, merge_reports

ROWS = [{"job_name": "ml_training", "workspace_name": "ml-workspace", "failures": 3, "list_cost": 1585.2,
         "error_message": "CUDA out of memory", "is_stale": True, "run_date": date(2026, 1, 14)},
        {"job_name": "nightly_etl", "workspace_name": "production", "failures": 1, "list_cost": 10.0,
         "error_message": "schema mismatch", "is_stale": False, "run_date": date(2026, 1, 13)}]


def test_formats():
    assert money(2310.5) == "$2,310" and money(19.05) == "$19.05" and pct100(44.6) == "45%" and pct100(4.5) == "4.5%"
    assert render("{n:plural:run} {x:times} {y:plural:table}", {"n": 1, "x": 2, "y": 3}) == "1 run twice 3 tables"
    assert render("{missing:money}", {}) == "n/a"


def test_honesty_check():
    known = [2310.5, 1598.2, 44.6, 3.0]
    assert unsupported_numbers("ml-workspace spent $2,310 (+45%, about $2.3k) vs $1,598; 3 failures", known) == []
    assert unsupported_numbers("a 44.6% jump of $712", known) == []  # derived difference
    assert unsupported_numbers("spent $9,999 and 17 jobs failed", known) == [9999.0, 17.0]
    assert unsupported_numbers("data as of 2026-01-15 09:00 UTC", known) == []


def test_conditions_are_safe_and_typed():
    row = ROWS[0]
    assert condition("failures >= 3 and list_cost > 1000", row)
    assert condition("is_stale == true", row) and not condition("is_stale == false", row)
    assert condition("job_name == ml_training", row) and not condition("__import__('os') > 1", row)
    assert arithmetic("list_cost / failures", row) == 1585.2 / 3 and arithmetic("__import__('os')", row) is None


def test_grouping_sums_only_what_it_is_told():
    rows = [{"job": "a", "cost": 1.0, "sla": 900, "ok": True}, {"job": "a", "cost": 2.0, "sla": 900, "ok": False}]
    (g,) = grouped(rows, "job", ("cost",))
    assert g["count"] == 2 and g["cost"] == 3.0 and g["sla"] == 900 and g["ok"] == 1


def test_focus_by_entity_and_window():
    assert [r["job_name"] for r in focus(ROWS, {"job": ["nightly_etl"]})[0]] == ["nightly_etl"]
    assert focus(ROWS, {"job": ["old_job"]}) == (ROWS, None)  # a carried name keeping nothing is skipped
    assert focus(ROWS, {"job": ["old_job"], "_named": ["job"]}) == ([], "job old_job")  # a named one is not
    window = {"start_date": date(2026, 1, 13), "end_date": date(2026, 1, 13)}
    assert [r["job_name"] for r in focus(ROWS, window)[0]] == ["nightly_etl"]


def test_named_entity_with_no_rows_says_so():
    f = to_finding(agent="performance", tool="get_failed_jobs", title="Failed", rows=ROWS,
                   lens=Lens(say="{job_name}", empty="No job run failed in the period."), columns=list(ROWS[0]),
                   money_cols=set(), slots={"job": ["daily_report"], "_named": ["job"]})
    assert f.summary.startswith("For the job daily_report: no job run failed in the period.")
    # the other rows still answer the rest of a question with several asks, never as the lead finding
    assert f.off_subject and "; elsewhere: ml_training" in f.headline and f.items == ["nightly_etl"]
    alone = to_finding(agent="performance", tool="get_failed_jobs", title="Failed", rows=[],
                       lens=Lens(say="{job_name}", empty="No job run failed in the period."), columns=list(ROWS[0]),
                       money_cols=set(), slots={"job": ["daily_report"], "_named": ["job"]})
    assert alone.summary == "No job run failed in the period." and not alone.off_subject


def test_finding_from_rows():
    lens = Lens(say="{job_name} failed {failures:times} ({error_message:clip})", sort="failures desc", rows=1,
                severity=(("high", "failures >= 3"),), recommend="Fix {job_name}.")
    f = to_finding(agent="performance", tool="get_failed_jobs", title="Failed", rows=ROWS, lens=lens,
                   columns=list(ROWS[0]), money_cols={"list_cost"})
    assert f.summary == "ml_training failed 3 times (CUDA out of memory); and 1 more."
    assert f.severity == "high" and f.recommendation == "Fix ml_training."
    assert f.entities["job"][0] == "ml_training" and f.figures["failures"] == 3


def test_empty_rows_and_messages():
    assert to_finding(agent="a", tool="t", title="T", rows=[], lens=Lens(), columns=[], money_cols=set()) is None
    f = to_finding(agent="a", tool="t", title="T", rows=[], lens=Lens(), columns=[], money_cols=set(),
                   message="No workspace matches 'foo'.")
    assert f.summary == "No workspace matches 'foo'."


def test_reports_merge_by_agent():
    a = {"cost": AgentReport(agent="cost", findings=[Finding(agent="cost", title="x", summary="y")])}
    b = {"security": AgentReport(agent="security")}
    merged = merge_reports(a, b)
    assert set(merged) == {"cost", "security"}
    assert merge_reports(merged, {"cost": AgentReport(agent="cost", ok=False)})["cost"].ok is False


def test_an_optional_clause_with_a_missing_figure_is_left_out_not_printed_as_n_a():
    from health_monitor.graph.figures import render

    template = "{table} ({issues:int} issues)[, worst null rate {rate:pct100}][; owner {owner}]"
    assert render(template, {"table": "t", "issues": 2, "rate": None, "owner": "etl"}) == "t (2 issues); owner etl"
    assert render(template, {"table": "t", "issues": 2, "rate": 12.5, "owner": None}) == \
        "t (2 issues), worst null rate 12%"
    assert render("[{a}] and [b]", {"a": float("nan")}) == " and [b]"  # brackets without a field stay text


def test_a_lens_sorts_by_several_keys_ties_broken_by_the_next():
    from health_monitor.graph.findings import read_rows

    rows = [{"t": "a", "issues": 1, "hours": 20.0}, {"t": "b", "issues": 1, "hours": 58.0},
            {"t": "c", "issues": 2, "hours": None}, {"t": "d", "issues": None, "hours": 99.0}]
    lens = Lens(sort="issues desc, hours desc", rows=4, say="{t}")
    kept = read_rows(rows, lens, columns=["t", "issues", "hours"], money_cols=set()).kept
    assert [r["t"] for r in kept] == ["c", "b", "a", "d"]
