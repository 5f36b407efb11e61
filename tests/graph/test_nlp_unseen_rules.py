"""General rules found missing by blind sets 9 and 10 (written by people who never read the code), each
tested on phrasings that are not in those sets."""

from __future__ import annotations

import pytest
from health_monitor.graph.nlp.entities import EntityIndex

INDEX = EntityIndex({"model": ["cost_anomaly_detector"], "workspace": ["production", "analytics"]})


@pytest.mark.parametrize("text", ["o modelo está com drift?", "le modèle est-il en dérive ?",
                                  "el modelo está fallando", "welches modell ist veraltet"])
def test_foreign_function_words_after_a_kind_word_are_not_names(text):
    assert INDEX.match(text.lower()).unknown_mentions == []


@pytest.mark.parametrize(("text", "name"), [("costs for the finance-prod workspace", "finance-prod"),
                                            ("is the est-prod workspace expensive", "est-prod")])
def test_hyphenated_names_still_count_as_unknown(text, name):
    assert [m.text for m in INDEX.match(text).unknown_mentions] == [name]


@pytest.mark.parametrize("text", ["if we delete main.sales.orders_raw what would break",
                                  "what breaks if I rename the orders_silver table",
                                  "blast radius of deprecating orders_gold"])
def test_what_breaks_if_i_drop_reads_downstream_lineage(text):
    from health_monitor.agents.registry import get_agent_registry
    from health_monitor.graph.adapters import EXTRA_SLOTS, direction
    from health_monitor.graph.nlp.router import route
    from health_monitor.graph.planner import choose_plays

    assert route(text).domains[0] == "governance"
    plays = choose_plays(get_agent_registry().get("governance"), text, {"table": ["main.sales.orders_silver"]})
    assert plays[0].tool == "get_table_lineage"
    m = EXTRA_SLOTS["direction"].search(text)
    assert direction(next(g for g in m.groups() if g)) == "downstream" and direction("Upstream") == "upstream"


@pytest.mark.parametrize(("text", "domain"), [
    ("which warehouses are just sitting there burning money", "optimization"),
    ("the revenue figures look off in the gold table, anything weird?", "quality"),
    ("the daily load missed its 6am deadline again", "reliability"),
    ("who is allowed to query the salaries table", "governance"),
    ("did the schema change on the events table this week", "quality"),
    ("why is the nightly load so sluggish", "performance"),
    ("what percent of the time was the lakehouse available in october", "reliability"),
    ("once a job breaks, how long until it is working again?", "reliability"),
    ("any low hanging fruit to bring the bill down next quarter", "optimization"),
    ("who owns the ledger table", "governance"),
    ("has anybody logged in from a new country this week", "security"),
    ("did someone grant themselves admin permissions on friday", "security"),
    ("the nightly export overran its deadline twice this week", "reliability"),
    ("how trustworthy have our scheduled pipelines been lately", "reliability"),
    ("what did the failed backfill runs cost us", "cost"),
    ("got a NullPointerException in the reporting job, what's going on", "performance"),
    ("has the finance schema not been refreshed since monday?", "quality"),
    ("where are we leaking money", "optimization"),
    ("what are our inference endpoints costing and is any of them throwing errors", "mlops"),
    ("what are our inference endpoints costing and is any of them throwing errors", "cost"),
    ("did the morning batch go through ok today?", "performance"),
    ("the shared cluster keeps running at its limit", "performance"),
    ("where does the revenue table get its data from?", "governance"),
    ("did anything fall over last night", "performance"),
])
def test_plain_word_paraphrases_route(text, domain):
    from health_monitor.graph.nlp.router import route

    assert domain in route(text).domains


def test_plain_words_that_are_also_a_job_name_still_route_by_their_meaning():
    from health_monitor.graph.nlp.router import keeps_topic_words, mask_entities

    job = {"job": ["data_quality_checks"]}
    assert "data quality" in mask_entities("are the data quality checks failing?", job)[0]
    assert "data quality" not in mask_entities("did the data quality checks job fail?", job)[0]
    assert "cost" not in mask_entities("is the cost anomaly detector drifting", {"model": ["cost_anomaly_detector"]})[0]
    assert keeps_topic_words("data quality checks", " failing?") and not keeps_topic_words("nightly etl", " slow")


def test_a_pronoun_follow_up_keeps_the_subjects_specialist(demo_context):
    from health_monitor.graph.service import ask

    first = ask("which serving endpoint has the worst latency?", context=demo_context)
    again = ask("is it throwing errors too or just slow?", context=demo_context,
                conversation_id=first.conversation_id)
    assert "mlops" in again.agents


def test_only_a_name_narrows_the_last_question(demo_context):
    from health_monitor.graph.service import ask

    first = ask("which jobs failed this week", context=demo_context)
    again = ask("only prod", context=demo_context, conversation_id=first.conversation_id)
    assert again.agents == first.agents == ["performance"]


def test_a_workspace_name_reads_as_a_place_not_as_spend():
    from health_monitor.graph.nlp.router import mask_entities, route

    masked, _ = mask_entities("how many nines did prod manage in november", {"workspace": ["prod"]})
    assert "workspace" not in masked and "prod" not in masked
    assert route("how many nines did prod manage in november", entities={"workspace": ["prod"]}).domains == \
        ["reliability"]


@pytest.mark.parametrize(("text", "lang", "words"), [
    ("o que mais esse usuário fez ontem?", "pt", "what else"),
    ("¿qué más hizo esa persona anoche?", "es", "what else"),
    ("la fraîcheur des tables de ventes", "fr", "freshness"),
    ("Wie lange brauchen wir im Schnitt, bis es wieder zum Laufen kommt?", "de", "running again"),
])
def test_glossary_reads_follow_up_and_recovery_words(text, lang, words):
    from health_monitor.graph.nlp.languages import detect, to_english

    assert detect(text) == lang and words in to_english(text, lang)


def test_cues_read_across_the_spaces_a_masked_name_leaves():
    from health_monitor.graph.nlp.vocabulary import cue_scores

    assert cue_scores("how long was  warehouse  down on monday")[0]["reliability"] > 0


@pytest.mark.parametrize(("agent", "text", "slots", "tool"), [
    ("governance", "which schemas are there and how many tables does each have", {}, "get_catalog_inventory"),
    ("governance", "give me an inventory of the finance catalog", {"catalog": ["finance"]}, "get_catalog_inventory"),
    ("security", "was anybody given access to the payroll data recently", {}, "get_permission_changes"),
    ("security", "who opened the invoices table this week", {"table": ["finance.gl.invoices"]},
     "search_security_events"),
])
def test_plays_for_inventory_grants_and_reads_of_a_table(agent, text, slots, tool):
    from health_monitor.agents.registry import get_agent_registry
    from health_monitor.graph.planner import choose_plays

    assert choose_plays(get_agent_registry().get(agent), text, slots)[0].tool == tool


def test_the_catalog_inventory_counts_every_schema(demo_context):
    from health_monitor.graph.service import ask

    answer = ask("what catalogs and schemas exist, and how many tables are in each?", context=demo_context)
    assert answer.agents == ["governance"] and [c["tool"] for c in answer.tool_calls] == ["get_catalog_inventory"]
    assert "main.sales:" in answer.answer and "tables" in answer.answer


def test_what_could_the_team_do_is_a_recommendation():
    from health_monitor.graph.nlp.followup import Prior, apply_followup
    from health_monitor.graph.understanding import Understanding

    prior = Prior(understanding=Understanding(question="ml-workspace budget?", domains=["cost"]))
    out = apply_followup("what can they realistically do to pull it back in line?",
                         Understanding(question="x"), prior, {})
    assert out.intent == "recommendation" and out.domains == ["cost", "optimization"]


@pytest.mark.parametrize("text", ["are our EC2 reserved instances fully used?", "RDS spend last month",
                                  "is our savings plan coverage ok"])
def test_aws_infrastructure_is_another_product(text):
    from health_monitor.graph.nlp.honest import other_product

    assert other_product(text) is not None


def test_german_lineage_words():
    from health_monitor.graph.nlp.languages import to_english

    assert "lineage" in to_english("Ich brauche die vollständige Herkunft bis zur Quelltabelle", "de")


def test_the_answer_remembers_which_specialist_led_it():
    from health_monitor.graph.memory import lead_agent, subject_of
    from health_monitor.graph.state import AgentReport, Finding

    low = Finding(agent="cost", title="Spend", summary="$5", severity="low", entities={"workspace": ["dev"]})
    high = Finding(agent="performance", title="Failed", summary="3 failures", severity="high",
                   entities={"job": ["etl"]})
    reports = {"cost": AgentReport(agent="cost", findings=[low]),
               "performance": AgentReport(agent="performance", findings=[high])}
    assert lead_agent(reports) == "performance" and subject_of(reports) == {"job": ["etl"]}
    assert lead_agent({}) == ""


@pytest.mark.parametrize(("text", "refused"), [("why is my electricity bill so high", True),
                                               ("the office water costs last month", True),
                                               ("what did the power bi workspace cost", False),
                                               ("internet egress costs in the dev workspace", False)])
def test_bills_that_are_not_a_clouds_are_declined(text, refused):
    from health_monitor.graph.nlp.honest import other_product

    assert (other_product(text) is not None) is refused


@pytest.mark.parametrize(("text", "refused"), [
    ("we just moved off Snowflake - what is the Databricks equivalent of a credit report?", False),
    ("in BigQuery I'd look at slot usage; where do I see the slowest queries here?", False),
    ("back on our old EC2 setup boxes ran all night doing nothing; do we have idle clusters?", False),
    ("what's our Snowflake bill this month", True),
])
def test_a_product_named_as_where_someone_comes_from_is_context(text, refused):
    from health_monitor.graph.nlp.honest import other_product

    assert (other_product(text) is not None) is refused


def test_a_short_head_before_a_colon_carries_into_every_clause():
    from health_monitor.graph.nlp.router import route, split_clauses

    assert split_clauses("gpu jobs: runtime + failures") == ["gpu jobs runtime", "gpu jobs failures"]
    assert split_clauses("For the postmortem: how long was it down") == ["For the postmortem: how long was it down"]
    assert "performance" not in route("model endpoints: latency + error rates, last 24h").domains


def test_an_explicit_grouping_outranks_a_topic_word():
    from health_monitor.agents.registry import get_agent_registry
    from health_monitor.graph.planner import choose_plays

    cost = get_agent_registry().get("cost")
    assert choose_plays(cost, "split spend per workspace so each team gets its share")[0].tool == \
        "get_daily_cost_summary"
    assert choose_plays(cost, "chargeback by team")[0].tool == "get_cost_by_team"


def test_schema_changes_come_from_the_loads_they_broke(demo_context):
    from health_monitor.graph.service import ask

    answer = ask("did any column change type recently? something about schema drift", context=demo_context)
    assert "get_schema_changes" in [c["tool"] for c in answer.tool_calls]
    assert "main.sales.orders_raw" in answer.answer and "nightly_etl" in answer.answer


@pytest.mark.parametrize("text", ["torch.cuda.OutOfMemoryError: CUDA out of memory",
                                  "org.apache.spark.SparkException: Job aborted",
                                  "py4j.protocol.Py4JJavaError while calling o123"])
def test_dotted_names_in_a_pasted_error_are_code_not_tables(text):
    from health_monitor.graph.nlp.entities import THREE_PART_PATTERN

    assert THREE_PART_PATTERN.findall(text) == []
    assert THREE_PART_PATTERN.findall("while reading main.sales.orders_raw: mismatch") == ["main.sales.orders_raw"]
