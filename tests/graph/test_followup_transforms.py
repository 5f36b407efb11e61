"""Each follow-up transformation of the previous understanding, one by one (no graph, no data)."""

from __future__ import annotations

from datetime import date

import pytest
from health_monitor.graph.nlp.followup import TRANSFORMS, Prior, apply_followup
from health_monitor.graph.understanding import Entity, Understanding, Window

YESTERDAY = Window.day(date(2026, 1, 14), "yesterday")
KNOWN = {"job": ["nightly_etl", "ml_training"], "table": ["main.sales.orders_gold", "main.sales.orders_silver"]}


def prior(**kw) -> Prior:
    u = Understanding(question="what did we spend yesterday?", domains=["cost"], window=YESTERDAY,
                      entities=[Entity(kind="workspace", name="ml-workspace")], params={"top_n": 5})
    return Prior(understanding=u.model_copy(update=kw.pop("u", {})), **kw)


def follow(text: str, p: Prior, **cur) -> Understanding | None:
    return apply_followup(text, Understanding(question=text, **cur), p, KNOWN)


def test_every_transformation_is_covered_here():
    tested = {"downstream", "how_much_save", "act", "who_did_that", "shift_window", "that_thing", "why", "anything_else",
              "show_more", "when", "narrow", "attribute", "compare_with", "request", "nth_item", "where_from",
              "upstream", "cost_of_that", "writer", "reformat", "during_that", "its_property", "of_that_figure",
              "doubt", "job_state", "per_year", "how_far"}
    assert {t.name for t in TRANSFORMS} == tested


@pytest.mark.parametrize("text", ["what would those add up to over a full year?", "annualised?", "and per year?",
                                  "how much would that save us in a whole year"])
def test_per_year_asks_the_last_question_again_over_its_own_window(text):
    p = prior(u={"domains": ["optimization"], "params": {"top_n": 3}})
    out = follow(text, p, domains=["cost"], params={"days": 365})
    assert out is not None and out.previous.transform == "per_year"
    assert out.domains == ["optimization"] and out.window == YESTERDAY and out.params == {"top_n": 3}


@pytest.mark.parametrize("text", ["is it even working tho", "and does it actually finish?", "are they running at least"])
def test_job_state_reads_the_runs_of_the_job_behind_the_last_figure(text):
    out = follow(text, prior(subject={"job": ["ml_training"]}, u={"domains": ["cost"]}))
    assert out is not None and out.domains == ["performance"] and out.names("job") == ["ml_training"]


@pytest.mark.parametrize(("text", "start", "end"), [
    ("and the day before?", date(2026, 1, 13), date(2026, 1, 13)),
    ("what about the previous day", date(2026, 1, 13), date(2026, 1, 13)),
    ("and the week before?", date(2026, 1, 7), date(2026, 1, 7)),
    ("the month before?", date(2025, 12, 1), date(2025, 12, 31)),
    ("and did it blow up the night before as well?", date(2026, 1, 13), date(2026, 1, 13)),
])
def test_shift_window(text, start, end):
    out = follow(text, prior())
    assert out is not None and out.previous.transform == "shift_window"
    assert (out.window.start, out.window.end) == (start, end)
    assert out.domains == ["cost"] and out.names("workspace") == ["ml-workspace"]


def test_shift_a_week_window_moves_by_a_week():
    week = Window.make(date(2026, 1, 8), date(2026, 1, 15), "last 7 days", days=7)
    out = follow("and the week before?", prior(u={"window": week}))
    assert (out.window.start, out.window.end) == (date(2026, 1, 1), date(2026, 1, 8))


def test_shift_without_a_window_asks_back():
    out = follow("and the day before?", prior(u={"window": None}))
    assert out.refusal == "clarify" and "which day" in out.refusal_text


def test_new_window_keeps_the_question():
    october = Window.make(date(2025, 10, 1), date(2025, 10, 31), "October 2025")
    out = follow("same for October", prior(), window=october)
    assert out.previous.transform == "new_window" and out.window == october and out.domains == ["cost"]


def test_switch_filter_replaces_the_name_and_keeps_the_rest():
    out = follow("only production", prior(), entities=[Entity(kind="workspace", name="production")])
    assert out.previous.transform == "switch_filter"
    assert out.names("workspace") == ["production"] and out.window == YESTERDAY and out.domains == ["cost"]


def test_who_did_that_names_the_actor_of_the_last_answer():
    out = follow("who did that?", prior(subject={"user": ["admin@company.com"], "table": ["main.crm.customers"]}))
    assert out.previous.transform == "who_did_that" and out.names("user") == ["admin@company.com"]
    assert out.domains == ["security"] and out.window == YESTERDAY


def test_who_ran_it_after_a_query_answer_stays_with_the_query_history():
    queried = prior(u={"domains": ["performance"]}, subject={"user": ["bob@company.com"], "warehouse": ["bi-warehouse"]})
    out = follow("who kicked off that one", queried)
    assert out.names("user") == ["bob@company.com"] and "performance" in out.domains
    assert "performance" not in follow("who did that?", prior(subject={"user": ["bob@company.com"]})).domains


def test_who_did_that_without_an_actor_asks_back():
    out = follow("who did that?", prior())
    assert out.refusal == "clarify" and out.refusal_text.startswith("The last answer did not name anyone")


def test_when_did_the_thing_on_that_one_start_keeps_the_last_specialists():
    out = follow("when did the drift on that one start?", prior(u={"domains": ["mlops"]}), domains=["quality"])
    assert out.previous.transform == "when" and out.domains == ["mlops"]


def test_when_keeps_the_subject():
    out = follow("when exactly?", prior(subject={"job": ["nightly_etl"]}))
    assert out.previous.transform == "when" and out.domains == ["cost"]


def test_a_chain_of_follow_ups_keeps_the_question_it_continues():
    first = follow("show me more", prior())
    assert first.topic == "what did we spend yesterday?"
    second = follow("and the day before?", Prior(understanding=first))
    assert second.topic == "what did we spend yesterday?"


@pytest.mark.parametrize(("text", "kind", "name"), [
    ("and that job?", "job", "nightly_etl"), ("who owns that table", "table", "main.sales.orders_gold"),
    ("is that IP still active?", "ip", "10.0.0.7"),
])
def test_that_thing_resolves_to_what_the_last_answer_named(text, kind, name):
    p = prior(found={"job": ["nightly_etl"], "table": ["main.sales.orders_gold"], "ip": ["10.0.0.7"]})
    out = follow(text, p)
    assert out.names(kind)[0] == name


def test_that_thing_named_two_turns_ago_is_still_found():
    p = prior(earlier={"table": ["main.crm.customers"]})
    out = follow("and who has read that table since", p, domains=["security"])
    assert out.names("table") == ["main.crm.customers"] and out.refusal is None


def test_that_thing_nobody_named_asks_which_one():
    out = follow("and that job?", prior())
    assert out.refusal == "clarify" and out.refusal_text == "Which job do you mean: nightly_etl, ml_training?"


def test_why_asks_for_causes_of_the_same_thing():
    out = follow("why?", prior())
    assert out.intent == "cause" and out.domains == ["cost"] and out.window == YESTERDAY


def test_show_more_pages_on():
    out = follow("show me more", prior())
    assert out.intent == "list_more" and out.offset == 1 and out.params["top_n"] == 10
    again = follow("more", prior(u={"offset": 1, "params": {"top_n": 10}}))
    assert again.offset == 2 and again.params["top_n"] == 15


def test_downstream_follows_lineage_from_the_table():
    out = follow("what does that break downstream?", prior(subject={"table": ["main.sales.orders_silver"]}))
    assert out.domains == ["governance"] and out.params["direction"] == "downstream"
    assert out.names("table") == ["main.sales.orders_silver"]


def test_downstream_without_a_table_asks_back():
    out = follow("what does that break downstream?", prior())
    assert out.refusal == "clarify" and out.refusal_text.startswith("Which table do you mean")


@pytest.mark.parametrize("text", ["and which tables are upstream in the chain?", "what feeds it?",
                                  "ok, what sits upstream of that", "which ones come before it in the pipeline",
                                  "which tables sit between the raw feed and that one?"])
def test_upstream_follows_lineage_towards_the_sources(text):
    out = follow(text, prior(subject={"table": ["main.sales.orders_gold"]}))
    assert out.previous.transform == "upstream" and out.params["direction"] == "upstream"
    assert out.domains == ["governance"] and out.names("table") == ["main.sales.orders_gold"]


def test_that_table_is_the_one_the_last_question_named_before_the_answers_lead():
    p = prior(u={"question": "nightly_etl is red, something about orders_raw??", "domains": ["performance"],
                 "entities": [Entity(kind="table", name="main.sales.orders_raw")]},
              subject={"table": ["main.sales.orders_gold"]})
    assert follow("what reads from that table downstream?", p).names("table") == ["main.sales.orders_raw"]
    assert follow("is that table fresh?", p).names("table") == ["main.sales.orders_raw"]


def test_the_table_beside_a_resolved_group_is_the_one_the_answer_said_with_it():
    answer = ("- admin@company.com holds ALL PRIVILEGES on hr.people.employees.\n"
              "- contractors holds SELECT on main.crm.customers (granted by admin@company.com).")
    p = prior(u={"domains": ["governance"], "entities": []}, answer=answer,
              subject={"table": ["hr.people.employees"], "user": ["admin@company.com"]},
              found={"table": ["hr.people.employees", "main.crm.customers"], "user": ["admin@company.com", "contractors"]})
    out = follow("is that group even supposed to have that? who else can read the table", p)
    assert out.names("table") == ["main.crm.customers"]


@pytest.mark.parametrize("text", ["how much did that waste?", "and what did all that cost us", "how much has it burned",
                                  "what's that costing us?", "how much is all this burning?"])
def test_what_that_cost_is_the_cost_of_the_last_subject(text):
    out = follow(text, prior(u={"domains": ["performance"], "entities": []}, subject={"job": ["ml_training"]}))
    assert out.previous.transform == "cost_of_that" and out.domains == ["cost"]
    assert out.names("job") == ["ml_training"] and out.window == YESTERDAY


def test_downstream_of_a_job_starts_from_the_tables_it_writes():
    out = follow("what does that break downstream?", prior(subject={"job": ["nightly_etl"]}))
    assert out.domains == ["governance"] and out.params["direction"] == "downstream"
    assert out.names("job") == ["nightly_etl"] and out.names("table") == []


def test_acting_on_spend_asks_the_optimizer_too():
    out = follow("ok so what do we do about it", prior())
    assert out.intent == "recommendation" and out.domains == ["cost", "optimization"]
    security = prior(u={"domains": ["security"], "question": "any failed logins?"})
    assert follow("what should we do?", security).domains == ["security"]


def test_what_should_i_do_is_a_recommendation_for_that_entity():
    out = follow("what should I do about it?", prior())
    assert out.intent == "recommendation" and out.names("workspace") == ["ml-workspace"]


def test_how_much_would_that_save_asks_optimization():
    out = follow("how much would that save?", prior())
    assert out.domains == ["optimization"] and out.names("workspace") == ["ml-workspace"]


@pytest.mark.parametrize("text", ["what should we do?", "so what do you suggest", "why though?", "show me more please"])
def test_a_bare_move_keeps_the_last_topic_not_the_router_guess(text):
    # The router reads "what should we do" as optimization; with nothing else said, it is the last topic.
    mlops = prior(u={"domains": ["mlops"], "question": "are my models ok?"})
    out = follow(text, mlops, domains=["optimization"])
    assert out.domains == ["mlops"]


def test_a_move_with_a_topic_of_its_own_keeps_it():
    out = follow("what should we do to cut warehouse spend", prior(u={"domains": ["mlops"]}), domains=["optimization"])
    assert out.domains == ["optimization"]


@pytest.mark.parametrize("text", ["narrow it to jobs compute", "filter that by the production workspace",
                                  "only the failed ones", "drill down into the GPU part"])
def test_narrowing_keeps_the_question_and_its_specialists(text):
    out = follow(text, prior(), domains=["optimization"])
    assert out.previous.transform == "narrow" and out.domains == ["cost"] and out.window == YESTERDAY


def test_a_question_that_stands_alone_is_not_a_follow_up():
    assert follow("which tables are stale?", prior(), domains=["quality"]) is None
    assert apply_followup("and the day before?", Understanding(), None) is None


@pytest.mark.parametrize("text", ["which warehouse was that on?", "what warehouse did it run on",
                                  "in which warehouse were those?", "on what warehouse did that happen"])
def test_attribute_names_the_kind_of_the_last_subject_and_keeps_the_topic(text):
    slow = prior(u={"question": "which queries were slowest yesterday?", "domains": ["performance"], "entities": []},
                 found={"warehouse": ["bi-warehouse", "etl-warehouse"], "user": ["analyst@company.com"]})
    out = follow(text, slow)
    assert out is not None and out.previous.transform == "attribute"
    assert out.names("warehouse") == ["bi-warehouse"] and out.domains == ["performance"]
    assert out.topic == "which queries were slowest yesterday?" and out.window == YESTERDAY


def test_attribute_the_last_answer_never_named_asks_back():
    out = follow("which job was that?", prior())
    assert out.refusal == "clarify" and "did not say which job" in out.refusal_text and "nightly_etl" in out.refusal_text


@pytest.mark.parametrize("text", ["and what does that mess up further down?", "any knock-on effects down the line?",
                                  "who reads that table", "does it hurt anything downstream"])
def test_downstream_in_other_words(text):
    out = follow(text, prior(subject={"table": ["main.sales.orders_silver"]}))
    assert out.previous.transform == "downstream" and out.names("table") == ["main.sales.orders_silver"]


def test_what_a_named_subject_did_is_not_an_attribute_of_the_last_answer():
    """"what tables did that user read" asks about the user, not which table the last subject belongs to."""
    out = follow("what tables did that user read", prior(found={"user": ["analyst@company.com"]}))
    assert out is None or out.previous.transform != "attribute"


def test_why_takes_the_last_answers_subject_so_cause_tools_can_run():
    out = follow("why", prior(u={"entities": []}, subject={"table": ["main.sales.orders_gold"]}))
    assert out.intent == "cause" and out.names("table") == ["main.sales.orders_gold"]


def test_a_week_shift_after_a_turn_without_a_period_moves_the_trailing_week():
    out = follow("and the week before?", prior(u={"window": None}, as_of=date(2026, 1, 15)))
    assert out.previous.transform == "shift_window"
    assert (out.window.start, out.window.end) == (date(2026, 1, 1), date(2026, 1, 8))


@pytest.mark.parametrize("text", ["break that down by sku", "split it up by workspace"])
def test_breaking_a_figure_down_narrows_it_and_is_not_downstream(text):
    out = follow(text, prior())
    assert out.previous.transform == "narrow" and out.domains == ["cost"]


@pytest.mark.parametrize("text", ["when was that given and by whom", "who gave that"])
def test_by_whom_names_the_actor(text):
    out = follow(text, prior(found={"user": ["admin@company.com"]}))
    assert out.previous.transform == "who_did_that" and out.names("user") == ["admin@company.com"]


def test_a_bare_why_after_a_two_part_answer_asks_about_the_finding_it_led_with():
    two = prior(u={"domains": ["cost", "performance"], "question": "is that the training job? did it finish?"},
                lead="performance")
    assert follow("why", two).domains == ["performance"]
    assert follow("why", prior(u={"domains": ["cost", "performance"]}, lead="")).domains == ["cost", "performance"]


@pytest.mark.parametrize("text", ["and compared to last month?", "vs October?", "how does that compare with Q3?",
                                  "and against the same period last year?"])
def test_compare_with_keeps_the_last_period_as_the_current_one(text):
    last_month = Window.make(date(2025, 12, 1), date(2025, 12, 31), "last month")
    out = follow(text, prior(), window=last_month if "last month" in text else None)
    assert out is not None and out.previous.transform == "compare_with"
    assert out.window == YESTERDAY and out.comparison is None and out.intent == "compare"
    assert out.domains == ["cost"] and out.names("workspace") == ["ml-workspace"]


def test_compare_with_keeps_a_period_named_before_the_comparison_word():
    week = Window.make(date(2026, 1, 12), date(2026, 1, 15), "this week")
    out = follow("and this week compared to last month?", prior(), window=week)
    assert out.previous.transform == "compare_with" and out.window == week


@pytest.mark.parametrize("text", ["anything else high sev today", "is there anything else worth flagging?",
                                  "ok what else should I look at"])
def test_anything_else_keeps_the_specialists_and_drops_the_last_subject(text):
    out = follow(text, prior(u={"domains": ["security"],
                                "entities": [Entity(kind="user", name="user@company.com")]}))
    assert out.previous.transform == "anything_else" and out.domains == ["security"] and out.entities == []


def test_what_else_did_they_do_keeps_the_subject():
    out = follow("what else did they do?", prior(u={"domains": ["security"],
                                                    "entities": [Entity(kind="user", name="user@company.com")]}))
    assert out is None or out.previous.transform != "anything_else"


def test_by_whom_after_a_new_action_asks_who_did_that_action():
    p = prior(u={"domains": ["governance"]}, found={"user": ["admin@company.com"]})
    out = follow("was any of that access actually used this week, and by whom?", p, domains=["security"])
    assert out.domains == ["security"] and out.names("user") == []


def test_a_request_to_act_keeps_its_target_and_asks_what_to_do():
    """"just rerun it for me": the assistant does not act from the chat; it answers about the job it means."""
    out = follow("just rerun it for me", prior(subject={"job": ["nightly_etl"]}))
    assert out.previous.transform == "request" and out.intent == "recommendation"
    assert ("job", "nightly_etl") in [(e.kind, e.name) for e in out.entities] and out.domains[0] == "performance"


def test_nth_item_reads_that_item_of_the_last_numbered_list():
    p = prior(u={"question": "three things: 1) spend in dev 2) any failed logins 3) stale tables",
                 "domains": ["cost", "security", "quality"]})
    out = follow("more on the third one", p)
    assert out.previous.transform == "nth_item" and out.domains == ["quality"]
    assert follow("more on the fifth one", p) is None or follow("more on the fifth one", p).previous.transform != "nth_item"


def test_where_from_reads_the_origin_of_what_the_last_answer_was_about():
    out = follow("where from?", prior(u={"question": "failed logins last night?", "domains": ["security"]}))
    assert out.previous.transform == "where_from" and out.domains == ["security"]


def test_writer_reads_the_runs_of_the_job_that_writes_the_table():
    p = prior(u={"domains": ["quality"], "entities": [Entity(kind="table", name="main.sales.orders_gold")]},
              subject={"table": ["main.sales.orders_gold"]})
    out = follow("ok so which workflow loads it, did that fail?", p)
    assert out.previous.transform == "writer" and out.names("table") == ["main.sales.orders_gold"]
    assert out.domains[:2] == ["quality", "performance"]


def test_shift_with_is_this_new_compares_instead_of_moving():
    out = follow("same story the week before, or is this new?", prior())
    assert out.previous.transform == "shift_window" and out.window == YESTERDAY
    assert out.comparison is not None and out.comparison.start == date(2026, 1, 7)


def test_reformat_asks_the_last_question_again_for_a_table():
    p = prior(u={"domains": ["security"], "entities": [Entity(kind="table", name="main.sales.orders_gold")]})
    out = follow("ok can you put all of that into a csv-style table for the auditors?", p)
    assert out.previous.transform == "reformat" and out.domains == ["security"]
    assert out.names("table") == ["main.sales.orders_gold"] and out.window == YESTERDAY


def test_during_that_period_reads_the_day_of_the_event():
    p = prior(u={"question": "any warehouse downtime this month?", "domains": ["reliability"]},
              subject={"warehouse": ["etl-warehouse"]},
              answer="This month: etl-warehouse was down 117 min from 2026-01-09 13:09 UTC.")
    out = follow("did we still get billed for that period?", p, domains=["cost"])
    assert out is not None and out.previous.transform == "during_that"
    assert out.window.start == date(2026, 1, 9) == out.window.end and out.names("warehouse") == ["etl-warehouse"]
    assert follow("what ran during that outage?", prior(answer="Nothing recorded.")) is None or \
        follow("what ran during that outage?", prior(answer="Nothing recorded.")).previous.transform != "during_that"


def test_its_property_keeps_the_last_area_and_subject():
    p = prior(u={"question": "what do the endpoints cost?", "domains": ["mlops", "cost"]},
              subject={"endpoint": ["ep-a"]})
    out = follow("what about their latency?", p)
    assert out is not None and out.previous.transform == "its_property"
    assert out.domains[:2] == ["mlops", "cost"] and out.names("endpoint") == ["ep-a"]


def test_of_that_figure_keeps_the_last_area_beside_its_own():
    p = prior(u={"question": "what did ml-workspace cost last month?", "domains": ["cost"]})
    out = follow("how much of that is untagged?", p, domains=["optimization"])
    assert out is not None and out.previous.transform == "of_that_figure"
    assert out.domains == ["cost", "optimization"] and out.names("workspace") == ["ml-workspace"]
    out = follow("how much of that could we save?", p)
    assert out is not None and out.previous.transform != "of_that_figure"
    out = follow("which job accounts for the difference, and did its runs succeed?", p, domains=["performance"])
    assert out is not None and out.previous.transform == "of_that_figure" and out.domains == ["cost", "performance"]


def test_is_this_the_first_time_compares_with_the_period_before():
    out = follow("the evening before too, or is this the first time?", prior())
    assert out.previous.transform == "shift_window" and out.intent == "compare"
    assert out.window == YESTERDAY and out.comparison.start == date(2026, 1, 13)


def test_from_what_ip_after_a_persons_activity_reads_that_persons_addresses():
    p = prior(u={"domains": ["security"], "entities": [Entity(kind="user", name="pat@x.com")]},
              subject={"user": ["pat@x.com"]})
    out = follow("from what ip?", p)
    assert out is not None and out.refusal is None
    assert out.domains == ["security"] and out.entity_map().get("user") == ["pat@x.com"]
    assert out.previous is not None and out.previous.transform == "attribute"


def test_root_cause_after_a_lineage_side_move_asks_the_cause_of_the_problem_before_it():
    from health_monitor.graph.understanding import TurnRef

    stale = Understanding(question="orders_gold stale?", domains=["quality"],
                          entities=[Entity(kind="table", name="main.sales.orders_gold")])
    lineage = Understanding(question="upstream?", domains=["governance"],
                            entities=[Entity(kind="table", name="main.sales.orders_gold")],
                            previous=TurnRef(index=0, question="orders_gold stale?", transform="upstream"))
    out = follow("root cause", Prior(understanding=lineage, before=stale, lead="governance",
                                     subject={"table": ["main.sales.orders_silver"]}))
    assert out is not None and out.intent == "cause" and out.domains == ["quality"]


@pytest.mark.parametrize("text", ["45%?? that can't be right. are you sure", "really?", "i don't buy it",
                                  "are those numbers right?"])
def test_a_doubt_reruns_the_last_turn(text):
    p = prior(u={"question": "ml-workspace spend yesterday vs its normal?", "domains": ["cost"]})
    out = follow(text, p)
    assert out is not None and out.previous.transform == "doubt" and out.domains == ["cost"]
    assert out.names("workspace") == ["ml-workspace"]


def test_a_doubt_naming_another_area_asks_it_beside_the_last():
    p = prior(u={"question": "any failed logins yesterday?", "domains": ["security"]})
    out = follow("are you sure? and are you sure there was no cost spike either?", p, domains=["cost"])
    assert out is not None and out.previous.transform == "doubt" and out.domains == ["security", "cost"]


@pytest.mark.parametrize("text", ["by how much?", "and how far over are we?", "how much over then"])
def test_how_far_asks_the_last_question_again(text):
    p = prior(u={"question": "will ml-workspace blow its budget?", "domains": ["cost"]})
    out = follow(text, p)
    assert out is not None and out.previous.transform == "how_far"
    assert out.domains == ["cost"] and out.names("workspace") == ["ml-workspace"]
