"""General rules found missing by blind sets 35 to 38 (symptoms in plain words, indirect asks, decisions,
terse and non-English questions), each tested on phrasings that are in none of the sets: symptom words
choose their specialist and their play, a clause that only names the subject or asks whether "it" is
broken adds no specialist, lineage moves that ask for a cause or for the damage, area words ("cost-wise"),
worries about one thing, forecasts asked as "where do we land", and findings that name where else the rows
are when the names asked for hold none."""

from __future__ import annotations

from datetime import date

import pytest
from health_monitor.agents.registry import get_agent_registry
from health_monitor.agents.spec import Lens
from health_monitor.graph.findings import to_finding
from health_monitor.graph.nlp import languages
from health_monitor.graph.nlp.followup import Prior, apply_followup
from health_monitor.graph.nlp.honest import asks_forecast
from health_monitor.graph.nlp.intents import intent_of
from health_monitor.graph.nlp.router import route
from health_monitor.graph.planner import choose_plays
from health_monitor.graph.understanding import TurnRef, Understanding

AS_OF = date(2026, 3, 20)


@pytest.mark.parametrize(("text", "domain"), [
    ("the nightly batch keeps dragging, is the cluster too small for it?", "performance"),
    ("rows are vanishing between raw and silver, is something discarding them?", "quality"),
    ("how much did that job burn last month", "cost"),
    ("which tables quit refreshing this week", "quality"),
    ("is anything broken this morning?", "performance"),
    ("compliance-wise, how do we look?", "governance"),
    ("anything cost-wise I should know about", "cost"),
    ("security-related stuff from last night?", "security"),
    ("everything got slow right after lunch", "performance"),
    ("I'm nervous about the hourly load, is it ok", "performance"),
    ("las tablas que ya no se actualizan", "quality"),
])
def test_plain_words_route_to_their_specialist(text, domain):
    english = languages.to_english(text, languages.detect(text))
    assert route(english).domains[0] == domain, route(english).reason


@pytest.mark.parametrize("text", ["where should we get lunch today?", "help me draft the annual review for one of "
                                  "my engineers", "any good sushi place near the office"])
def test_meals_and_hr_reviews_are_declined(text):
    assert route(text).off_topic


def test_a_review_of_the_platforms_performance_is_not_an_hr_review():
    assert route("review the performance of the bi warehouse this quarter").domains == ["performance"]


@pytest.mark.parametrize(("text", "domains"), [
    # a leading clause that only names the thing is what the rest is about, not a domain of its own
    ("The job - is it on the expensive all-purpose compute? could it run cheaper", ["optimization"]),
    # "is it broken" asks the state of what the rest names
    ("model drift looks bad lately, is it broken?", ["mlops"]),
])
def test_subject_heads_and_bare_states_add_no_specialist(text, domains):
    assert route(text).domains == domains


def test_switching_it_off_is_decided_by_what_it_is():
    assert route("the drift detector model is useless, should we retrain it or turn it off").domains == ["mlops"]
    assert route("that dev cluster sits idle, can we turn it off").domains == ["optimization"]


@pytest.mark.parametrize(("agent", "text", "slots", "tool"), [
    ("performance", "the sql warehouse feels sluggish today", {"warehouse": ["w1"]}, "get_slow_queries"),
    ("performance", "the sql warehouse feels sluggish today", {"warehouse": ["w1"]}, "get_warehouse_utilization"),
    ("performance", "who keeps running the heaviest queries", {}, "get_slow_queries"),
    ("reliability", "the overnight load overran again, is that a pattern", {}, "get_sla_breaches"),
    ("reliability", "got woken up by pages twice this week", {}, "get_incident_summary"),
    ("reliability", "is prod stable enough for the launch", {}, "get_uptime_metrics"),
    ("reliability", "nobody could connect to the warehouse for an hour on tuesday", {}, "get_warehouse_outages"),
    ("reliability", "our uptime score for the quarter and whatever pulled it down", {}, "get_warehouse_outages"),
    ("quality", "are we losing records somewhere in the pipeline", {}, "get_expectation_failures"),
    ("security", "anything worth escalating to the ciso today", {}, "get_security_events"),
    ("cost", "if nothing changes, where will we end up by march", {}, "get_cost_forecast"),
])
def test_symptom_words_choose_their_play(agent, text, slots, tool):
    plays = choose_plays(get_agent_registry().get(agent), text, slots)
    assert tool in [p.tool for p in plays]


def _prior(domains: list[str], **kw) -> Prior:
    u = Understanding(question="what happened to the etl?", domains=domains, previous=kw.pop("previous", None))
    return Prior(understanding=u, as_of=AS_OF, subject={"job": ["etl_daily"], "table": ["main.sales.daily"]}, **kw)


def _follow(text: str, p: Prior, **cur) -> Understanding | None:
    return apply_followup(text, Understanding(question=text, **cur), p, {})


@pytest.mark.parametrize("text", ["why did it break though", "when did it break?", "where it broke upstream, "
                                  "that's what I need"])
def test_asking_why_it_broke_is_not_asking_what_it_breaks(text):
    out = _follow(text, _prior(["performance"]))
    assert out is None or out.previous is None or out.previous.transform != "downstream"


def test_a_lineage_follow_up_asks_for_the_strong_topic_beside_the_lineage():
    out = _follow("any tables downstream that look outdated now?", _prior(["performance"]))
    assert out.previous.transform == "downstream" and out.domains[:2] == ["governance", "quality"]


def test_the_damage_downstream_is_the_lineage_move_not_a_question_of_failures():
    out = _follow("what sits downstream of it, what else is now broken", _prior(["performance"]))
    assert out.domains == ["governance"]


def test_acting_after_a_look_downstream_acts_on_the_problem_before_it():
    before = Understanding(question="why did etl_daily fail?", domains=["performance"])
    last = TurnRef(index=1, transform="downstream")
    p = _prior(["governance"], previous=last, before=before)
    out = _follow("ok so what should we do about it?", p)
    assert out.previous.transform == "act" and out.domains[0] == "performance" and "governance" in out.domains


@pytest.mark.parametrize(("text", "intent"), [
    ("should I be worried about the nightly load?", "lookup"),
    ("are we supposed to worry about that grant", "lookup"),
    ("what should we worry about before the standup", "briefing"),
    ("do we need to worry about anything today", "briefing"),
])
def test_a_worry_about_one_thing_is_not_a_briefing(text, intent):
    assert intent_of(text) == intent


@pytest.mark.parametrize("text", ["if nothing changes where do we end up", "at this rate, where do we land in Q1",
                                  "what's our trajectory for next quarter"])
def test_where_we_land_asks_for_a_forecast(text):
    assert asks_forecast(text)


LENS = Lens(sort="idle_pct desc", rows=3, where="idle_pct >= 50",
            say="{cluster_name} ({workspace_name}) was idle {idle_pct:pct100}",
            empty="No all-purpose cluster is idle most of the time.")


def test_a_name_that_holds_none_says_where_else_the_rows_are():
    rows = [{"cluster_name": "gpu-1", "workspace_name": "ml", "idle_pct": 10.0},
            {"cluster_name": "adhoc", "workspace_name": "bi", "idle_pct": 80.0}]
    f = to_finding(agent="optimization", tool="get_idle_clusters", title="Idle clusters", rows=rows, lens=LENS,
                   columns=list(rows[0]), money_cols=set(), slots={"workspace": ["ml"]})
    assert f.off_subject and f.headline.startswith("For the workspace ml: no all-purpose cluster")
    assert "elsewhere: adhoc (bi) was idle 80%" in f.headline


def test_a_headline_can_say_the_days_its_rows_cover():
    lens = Lens(group="workspace_name", sum=("cost",), rows=2, headline="Forecast for {first_day:date} to "
                "{last_day:date}.", say="{workspace_name} {cost:money}")
    rows = [{"day": date(2026, 4, d), "workspace_name": "a", "cost": 1.0} for d in (1, 2, 3)]
    f = to_finding(agent="cost", tool="get_cost_forecast", title="Forecast", rows=rows, lens=lens,
                   columns=list(rows[0]), money_cols={"cost"}, slots={})
    assert f.headline == "Forecast for 2026-04-01 to 2026-04-03."


def test_a_name_of_two_kinds_is_masked_once():
    """"analytics" is a workspace and a schema: masking it twice cut into the words after it ("   ace trending")."""
    from health_monitor.graph.nlp import _masked
    from health_monitor.graph.nlp.entities import EntityIndex

    index = EntityIndex({"workspace": ["analytics", "production"], "schema": ["analytics", "sales"]})
    text = "Month to date, how is the analytics workspace trending compared to last month?"
    assert " workspace trending compared" in _masked(text, index.match(text))


def test_a_follow_up_asking_its_own_precise_question_runs_only_its_own_plays(demo_context):
    """The last question's words ("nobody changed anything") no longer add their plays (permission changes) to
    "where does that table get its data from?"; the lineage runs upstream."""
    from health_monitor.graph.service import ask

    first = ask("Is orders_gold stale? Nobody changed anything on our side.", context=demo_context)
    second = ask("and where does that table get its data from? trying to see where it broke upstream",
                 context=demo_context, conversation_id=first.conversation_id)
    assert {c["tool"] for c in second.tool_calls if c["agent"] != "synthesis"} == {"get_table_lineage"}
    assert "main.sales.orders_silver -> main.sales.orders_gold (upstream" in second.answer
