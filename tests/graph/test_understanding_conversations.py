"""Scripted conversations on the demo account: follow-ups change what the tools are asked, briefings
span the specialists, honest answers say no specifically, other languages are understood."""

from __future__ import annotations

import pytest
from health_monitor.graph.memory import load_previous
from health_monitor.graph.service import ask
from health_monitor.graph.understanding import Understanding


def _talk(ctx, *questions):
    conv, answers = None, []
    for q in questions:
        a = ask(q, context=ctx, conversation_id=conv)
        conv = a.conversation_id
        answers.append(a)
    return answers


def _dates(answer):
    return {(c["args"].get("start_date"), c["args"].get("end_date")) for c in answer.tool_calls}


def test_a_date_shift_changes_the_tools_date_arguments(demo_context):
    first, second = _talk(demo_context, "What did we spend yesterday?", "and the day before?")
    assert ("2026-01-14", "2026-01-14") in _dates(first)
    assert ("2026-01-13", "2026-01-13") in _dates(second)
    assert second.agents == first.agents == ["cost"]
    assert second.answer.startswith("The day before, 2026-01-13 (UTC day)")
    assert second.answer != first.answer


def test_who_did_that_names_the_actor(demo_context):
    first, second = _talk(demo_context, "Who changed permissions yesterday?", "who did that?")
    assert "admin@company.com" in first.answer
    # every call that reads one principal reads the actor; the permission changes (the grant they made) come too
    assert {c["args"].get("user") for c in second.tool_calls if "user" in c["args"]} == {"admin@company.com"}
    assert "get_permission_changes" in {c["tool"] for c in second.tool_calls}
    assert second.answer.startswith("That was admin@company.com")


def test_what_does_that_break_downstream_names_the_downstream_tables(demo_context):
    _, second = _talk(demo_context, "Is orders_silver fresh?", "what does that break downstream?")
    assert second.agents == ["governance"]
    assert [c["args"].get("table_name") for c in second.tool_calls if c["tool"] == "get_table_lineage"] == \
        ["main.sales.orders_silver"]
    assert "main.sales.orders_gold" in second.answer and "main.analytics.daily_revenue" in second.answer


def test_an_unresolvable_reference_asks_back(demo_context):
    _, second = _talk(demo_context, "What did we spend yesterday?", "what does that table break downstream?")
    assert second.tool_calls == [] and second.answer.startswith("Which table do you mean")


def test_a_briefing_ranks_signals_across_specialists(demo_context):
    answer = ask("give me the morning briefing", context=demo_context)
    assert len(answer.agents) >= 3 and len({c["agent"] for c in answer.tool_calls}) >= 3
    assert "**Top 5 across the platform**" in answer.answer
    top = answer.answer.split("**Top 5 across the platform**")[1].split("\n\n")[0]
    assert [line[:2] for line in top.strip().splitlines()] == ["1.", "2.", "3.", "4.", "5."]
    assert answer.answer.count("**Recommendation:**") == 1


@pytest.mark.parametrize(("question", "expected", "nearest"), [
    # A name or a window this account lacks: said first, then the nearest real figures, labelled as such.
    ("how much did workspace foobar spend yesterday?", "There is no workspace called “foobar”",
     "Here is every workspace of the account instead."),
    ("which jobs failed on 2026-02-20?", "2026-02-20 is after the data's as-of date (2026-01-15)",
     "Here is the latest day instead. The latest day, 2026-01-15 (UTC day)"),
])
def test_honest_answers_then_the_nearest_real_data(demo_context, question, expected, nearest):
    answer = ask(question, context=demo_context)
    assert answer.answer.startswith(expected) and nearest in answer.answer
    assert answer.agents and answer.tool_calls and all(c["ok"] for c in answer.tool_calls)
    assert "foobar" not in answer.answer.split("instead.")[1]


@pytest.mark.parametrize(("question", "expected"), [
    ("what's our Snowflake bill this month?", "no Snowflake data or bill"),
    ("break down our AWS bill", "no AWS data or bill"),
    ("how much did BigQuery cost us?", "no BigQuery data or bill"),
])
def test_honest_answers(demo_context, question, expected):
    answer = ask(question, context=demo_context)
    assert expected in answer.answer.split(". ")[0] + ". " + answer.answer.split(". ")[1]
    assert answer.tool_calls == [] and answer.agents == []


def test_unknown_workspace_offers_known_names(demo_context):
    answer = ask("costs in workspace zeta-emea last week", context=demo_context)
    assert answer.answer.startswith("There is no workspace called “zeta-emea” in this account")
    assert "Known workspaces include" in answer.answer and "production" in answer.answer
    close = ask("costs in the workspace analytcs-emea last week", context=demo_context)
    assert "no workspace called “analytcs-emea”" in close.answer and "closest workspace is analytics" in close.answer


@pytest.mark.parametrize("question", ["Welche Jobs sind gestern fehlgeschlagen?", "¿Qué trabajos fallaron ayer?",
                                      "Quels jobs ont échoué hier ?", "Quais jobs falharam ontem?"])
def test_other_languages_name_the_failed_jobs(demo_context, question):
    answer = ask(question, context=demo_context)
    assert answer.agents == ["performance"]
    assert "ml_training" in answer.answer and "failed" in answer.answer
    assert answer.answer.startswith("Yesterday, 2026-01-14 (UTC day)")
    assert sum("offline answers are written in English" in line for line in answer.answer.splitlines()) == 1


def test_the_understanding_is_stored_and_read_back_after_a_restart(demo_context):
    first = ask("What did we spend yesterday?", context=demo_context)
    stored = Understanding.from_json(first.context["understanding"])
    assert stored is not None and stored.domains == ["cost"] and stored.window is not None
    assert stored.window.label == "yesterday, 2026-01-14 (UTC day)"
    # A new process reads the conversation back from the store only.
    previous = load_previous(demo_context.engine, user_id=demo_context.user_id,
                             conversation_id=first.conversation_id)
    again = Understanding.from_json(previous["history"][-1]["understanding"])
    assert again == stored
    from health_monitor.graph.understanding import history

    assert history(previous)[-1] == stored


def test_a_window_before_the_data_says_what_the_data_covers(demo_context):
    answer = ask("what did we spend in March 2024?", context=demo_context)
    assert answer.answer.startswith("The data covers ") and "to 2026-01-15, so 2024-03-01 to 2024-03-31" in answer.answer
    # then the same length of window, the latest the data has, and only that window is read
    assert "Here are the latest 31 days instead." in answer.answer
    assert {(c["args"]["start_date"], c["args"]["end_date"]) for c in answer.tool_calls} == {("2025-12-16", "2026-01-15")}


def test_show_me_more_quotes_the_next_rows(demo_context):
    first, second = _talk(demo_context, "Which jobs failed in the last 7 days?", "show me more")
    failed = lambda a: next(line for line in a.answer.splitlines() if line.startswith("- **Failed job runs**"))  # noqa: E731
    assert failed(first) != failed(second)
    assert first.answer.split("(production) failed")[0][-20:] not in failed(second)
    assert {c["tool"] for c in second.tool_calls if c["agent"] != "synthesis"} == {"get_failed_jobs"}


@pytest.mark.parametrize(("question", "start", "end"), [
    ("Welche Jobs sind in den letzten drei Tagen fehlgeschlagen?", "2026-01-12", "2026-01-15"),
    ("¿Qué trabajos fallaron el martes?", "2026-01-13", "2026-01-13"),
    ("Quanto gastamos em dezembro?", "2025-12-01", "2025-12-31"),
    ("Combien avons-nous dépensé depuis lundi ?", "2026-01-12", "2026-01-15"),
])
def test_date_and_number_words_in_other_languages(question, start, end):
    from datetime import datetime

    from health_monitor.graph.adapters import understand

    u = understand(question, as_of=datetime(2026, 1, 15, 9), index=None, previous=None).typed
    assert u.language != "en" and u.window is not None and u.domains
    assert (u.window.start.isoformat(), u.window.end.isoformat()) == (start, end)


def test_english_questions_stay_english():
    import json
    from pathlib import Path

    from health_monitor.graph.nlp.languages import detect

    dev = Path(__file__).resolve().parents[1] / "eval" / "dev_questions.jsonl"
    questions = [json.loads(line)["question"] for line in dev.read_text().splitlines() if line.strip()]
    questions += ["was it down yesterday?", "Did user@company.com do anything odd?", "no failures today?",
                  "what was the cost as of monday"]
    assert [q for q in questions if detect(q) != "en"] == []


@pytest.mark.parametrize(("question", "tool"), [
    ("¿Quién accedió a datos sensibles esta semana?", "get_pii_access_logs"),
    ("Quem acessou dados pessoais nos últimos 7 dias?", "get_pii_access_logs"),
    ("¿Qué tablas no tienen descripción?", "get_undocumented_tables"),
    ("Welche Tabellen haben keine Beschreibung?", "get_undocumented_tables"),
])
def test_other_languages_choose_the_tool_their_words_ask_for(demo_context, question, tool):
    # The offline plays match English words: they read the question's English reading.
    (answer,) = _talk(demo_context, question)
    assert tool in {c["tool"] for c in answer.tool_calls}



def test_compared_with_the_week_before_runs_the_tool_on_both_periods(demo_context):
    first, second = _talk(demo_context, "what did production cost last week?", "compared with the week before?")
    (period,) = {(c["args"]["start_date"], c["args"]["end_date"]) for c in first.tool_calls
                 if c["tool"] == "get_daily_cost_summary"}
    periods = sorted({(c["args"]["start_date"], c["args"]["end_date"]) for c in second.tool_calls
                      if c["tool"] == "get_daily_cost_summary"})
    assert len(periods) == 2 and period in periods  # the same period, and the one before it
    earlier = min(periods)
    assert earlier[1] < period[0]
    # Both figures with both period labels and the change.
    assert f"{period[0]} to {period[1]}" in second.answer and f"{earlier[0]} to {earlier[1]}" in second.answer
    assert " against " in second.answer and "%)" in second.answer


@pytest.mark.parametrize("question", ["spend month over month", "job failure rate this week vs last week",
                                      "warehouse uptime compared with the week before"])
def test_cost_and_reliability_figures_are_compared(demo_context, question):
    (answer,) = _talk(demo_context, question)
    assert "period over period" in answer.answer.lower() and " against " in answer.answer


def test_show_me_more_and_a_new_day_keep_asking_about_queries(demo_context):
    first, more, earlier = _talk(demo_context, "slowest query today", "show me more", "what about yesterday")
    tools = {c["tool"] for c in first.tool_calls}
    assert tools & {"get_slow_queries", "get_top_queries"}
    for answer in (more, earlier):  # the same kind of rows, not the specialist's default plays
        assert {c["tool"] for c in answer.tool_calls} & tools


@pytest.mark.parametrize("question", ["which jobs failed next friday?", "how much did we spend tomorrow?",
                                      "any warehouse outages next week?"])
def test_a_future_day_gets_the_honest_after_the_as_of_answer(demo_context, question):
    answer = ask(question, context=demo_context)
    assert "is after the data's as-of date (2026-01-15)" in answer.answer.split("\n")[0]


def test_a_forecast_of_a_future_period_is_still_answered(demo_context):
    answer = ask("forecast our spend for next week", context=demo_context)
    assert "after the data's as-of date" not in answer.answer
    assert any(c["tool"] == "get_cost_forecast" for c in answer.tool_calls)


def test_a_follow_up_compared_with_a_named_month_reads_that_month(demo_context):
    first, second = _talk(demo_context, "production spend yesterday vs the same weekday last week",
                          "and compared to the October daily average?")
    windows = [(c["args"].get("start_date"), c["args"].get("end_date")) for c in second.tool_calls]
    assert ("2026-01-14", "2026-01-14") in windows and ("2025-10-01", "2025-10-31") in windows
    assert "a day on average in October 2025" in second.answer


def test_month_to_date_against_the_same_point_last_month(demo_context):
    answer = ask("month-to-date spend compared with the same point last month", context=demo_context)
    windows = [(c["args"].get("start_date"), c["args"].get("end_date")) for c in answer.tool_calls]
    assert ("2026-01-01", "2026-01-15") in windows and ("2025-12-01", "2025-12-15") in windows
    assert ("2025-12-01", "2025-12-31") not in windows


def test_the_word_one_with_no_topic_word_asks_about_that_thing(demo_context):
    """"is the raw one ok or just late?" after a lineage answer: no area word but the name's, so that table's state."""
    _, second = _talk(demo_context, "what feeds main.sales.orders_silver upstream?", "and is the raw one ok or just late?")
    assert "quality" in second.agents
    assert any(c["args"].get("table") == "main.sales.orders_raw" for c in second.tool_calls), second.tool_calls
    _, third = _talk(demo_context, "what feeds main.sales.orders_silver upstream?", "is the raw one actually off?")
    assert third.agents == ["quality"]


def test_what_went_wrong_with_it_after_a_writer_failure_reads_the_jobs_runs(demo_context):
    """After "nightly_etl (writes orders_gold) failed ...", "it" is the job: its failed runs have the error."""
    *_, third = _talk(demo_context, "is main.sales.orders_gold up to date?", "why not?", "so what went wrong with it?")
    assert third.agents == ["performance"]
    assert "nightly_etl" in third.answer


def test_the_word_one_switching_the_name_keeps_the_area(demo_context):
    """"and the hourly one?" after a job's cost: the cost of the account's one job with that word."""
    _, second = _talk(demo_context, "what did nightly_etl cost yesterday?", "and the hourly one?")
    assert second.agents == ["cost"]
    assert any(c["args"].get("job_name") == "hourly_ingest" for c in second.tool_calls), second.tool_calls


def test_a_look_back_shorter_than_the_window_says_what_it_read(demo_context):
    answer = ask("how many job failures were there in the last 60 days?", context=demo_context)
    assert "looks back 31 days at most" in answer.answer


def test_what_feeds_it_and_what_broke_reads_the_lineage_and_the_failed_run(demo_context):
    *_, second, third = _talk(demo_context, "is main.sales.orders_gold fresh?", "what feeds it, and what failed?",
                              "and did it land on time the week before?")
    assert {"governance", "performance"} <= set(second.agents)
    assert third.agents[0] == "quality"  # a table's lateness is its freshness, not a job's SLA


def test_the_cluster_that_runs_that_job_is_found_through_the_job(demo_context):
    """"and the cluster that runs that ETL, was it overloaded?" when no answer named a cluster: the job's compute."""
    *_, third = _talk(demo_context, "did nightly_etl fail last night?", "who can read main.sales.orders_gold?",
                      "and the cluster which runs that one, was it struggling?")
    assert third.agents[0] == "performance"
    assert any(c["args"].get("job_name") == "nightly_etl" for c in third.tool_calls), third.tool_calls
