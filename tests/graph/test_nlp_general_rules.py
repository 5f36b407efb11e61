"""General rules found missing by the blind evaluation set, each tested on phrasings not in that set."""

from __future__ import annotations

import pytest
from health_monitor.graph.nlp.honest import other_product
from health_monitor.graph.nlp.intents import intent_of
from health_monitor.graph.nlp.languages import detect, to_english


@pytest.mark.parametrize("text", [
    "how are things looking on the platform? actually, how is the account holding up",
    "how is our lakehouse doing this week",
    "recap of last night's incidents please",
    "overview of today's issues",
    "anything that needs our attention?",
    "what else requires my action",
])
def test_briefing_phrasings(text):
    assert intent_of(text) == "briefing"


@pytest.mark.parametrize("text", ["how is the cluster utilisation", "which tables need a description",
                                  "summary of spend by sku"])
def test_not_briefings(text):
    assert intent_of(text) != "briefing"


@pytest.mark.parametrize(("text", "refused"), [
    ("EC2 bill last month", True),
    ("our aws costs besides databricks", True),
    ("spend on amazon excluding the databricks part", True),
    ("aws databricks workspace spend", False),
    ("DBUs on AWS last week", False),
])
def test_other_cloud_bills_outside_databricks(text, refused):
    assert (other_product(text) is not None) is refused


@pytest.mark.parametrize(("text", "words"), [
    ("¿Quién accedió a la tabla de clientes?", "accessed"),
    ("Wer hat gestern auf die Tabelle zugegriffen?", "accessed"),
    ("Quem acessou a tabela ontem?", "accessed"),
    ("¿Cuáles tablas tienen descripción vacía?", "description"),
    ("O que precisa da minha atenção hoje?", "needs my attention"),
    ("¿Quién consultó datos personales ayer?", "personal data"),
    ("Quais tabelas não têm dono?", "have no"),
])
def test_glossary_reads_access_description_attention(text, words):
    assert words in to_english(text, detect(text))


@pytest.mark.parametrize("text", ["please wipe all records from main.crm.customers", "remove the rows in orders_raw",
                                  "drop main.sales.orders_raw now", "truncate every row of the data in x"])
def test_destructive_requests_are_refused(text):
    import re

    from health_monitor.graph.supervisor import UNSAFE_PATTERNS

    assert any(re.search(p, text, re.IGNORECASE) for p in UNSAFE_PATTERNS.values())


@pytest.mark.parametrize("text", ["why did rows drop in orders_silver", "which expectation removed rows yesterday",
                                  "did the pipeline drop records"])
def test_questions_about_dropped_rows_are_not_refused(text):
    import re

    from health_monitor.graph.supervisor import UNSAFE_PATTERNS

    assert not any(re.search(p, text, re.IGNORECASE) for p in UNSAFE_PATTERNS.values())


@pytest.mark.parametrize("text", ["health status please", "what's wrong?", "what is broken today"])
def test_more_briefings(text):
    assert intent_of(text) == "briefing"


def test_whats_wrong_with_a_thing_is_not_a_briefing():
    assert intent_of("what's wrong with nightly_etl") != "briefing"


@pytest.mark.parametrize("text", ["status on everything please", "been off for two days, what did I miss",
                                  "just got back from leave - anything?", "status across the whole platform"])
def test_someone_returning_or_asking_for_everything_gets_a_briefing(text):
    assert intent_of(text) == "briefing"


@pytest.mark.parametrize("text", ["status of the nightly_etl job", "what did the contractors group miss"])
def test_a_status_of_one_thing_is_not_a_briefing(text):
    assert intent_of(text) != "briefing"


@pytest.mark.parametrize(("text", "status"), [
    ("whats up with prod-etl-cluster", True), ("how is the orders pipeline doing lately", True),
    ("status of nightly_etl?", True), ("any news on bi-warehouse", True),
    ("what is feeding orders_gold", False), ("who owns main.crm.customers", False),
])
def test_a_status_question_about_a_thing(text, status):
    from health_monitor.graph.adapters import STATUS

    assert bool(STATUS.search(text)) is status


def test_moving_jobs_to_serverless_reads_the_serverless_candidates():
    from health_monitor.agents.registry import get_agent_registry
    from health_monitor.graph.planner import choose_plays

    plays = choose_plays(get_agent_registry().get("optimization"), "which jobs should move to serverless")
    assert plays[0].tool == "get_savings_recommendations" and plays[0].args["category"] == "serverless_candidate"
    share = choose_plays(get_agent_registry().get("optimization"), "what share of spend is serverless")
    assert share[0].tool == "get_serverless_spend"


def test_plus_and_ampersand_separate_clauses():
    from health_monitor.graph.nlp.router import split_clauses

    assert split_clauses("failed jobs + stale tables & access anomalies") == ["failed jobs", "stale tables",
                                                                              "access anomalies"]


def test_german_night_work_reads_as_after_hours_activity():
    text = to_english("Welche Nutzer haben gestern nachts gearbeitet?", "de")
    assert "at night" in text and "users" in text and "yesterday" in text


def test_a_named_warehouse_with_load_words_reads_its_own_load():
    from health_monitor.agents.registry import get_agent_registry
    from health_monitor.graph.planner import choose_plays

    spec = get_agent_registry().get("performance")
    plays = choose_plays(spec, "bi-warehouse utilisation at night", {"warehouse": ["bi-warehouse"]})
    assert plays[0].tool == "get_warehouse_utilization"


def test_a_second_clause_asking_whether_a_job_is_ok_adds_performance():
    from health_monitor.graph.nlp.router import route

    plan = route("storage spend in analytics and whether the nightly load job is fine",
                 entities={"workspace": ["analytics"]})
    assert "cost" in plan.domains and "performance" in plan.domains


@pytest.mark.parametrize(("text", "refused"), [("how much did azure charge us for VMs", True),
                                               ("azure virtual machines bill", True),
                                               ("our databricks spend on azure", False)])
def test_azure_infrastructure_bills_are_another_product(text, refused):
    assert (other_product(text) is not None) is refused
