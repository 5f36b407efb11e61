"""Names users describe instead of spelling: tables, ML models and serving endpoints.

A kind word (table, dimension, fact, model, detector, endpoint ...) plus words that cover the tokens
of exactly one known name of that kind resolve to it; the words then stop counting as their own topic.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from health_monitor.graph.nlp import parse_question
from health_monitor.graph.nlp.described import stem
from health_monitor.graph.nlp.entities import EntityIndex

VOCAB = {
    "workspace": ["production", "analytics"],
    "job": ["nightly_etl", "ml_training", "feature_refresh"],
    "table": ["main.health_monitor.fact_usage", "main.health_monitor.fact_job_runs",
              "main.health_monitor.fact_job_task_runs", "main.health_monitor.dim_workspace",
              "main.health_monitor.dim_job", "main.crm.customers", "main.sales.orders_raw", "main.sales.orders_gold",
              "finance.gl.invoices"],
    "system_table": ["system.billing.usage", "system.lakeflow.jobs"],
    "model": ["cost_anomaly_detector", "access_anomaly_detector", "budget_alerter", "job_duration_forecaster", "job_failure_predictor",
              "drift_detector", "model_drift_detector", "retraining_trigger", "churn_model", "threat_detector"],
    "endpoint": ["hm-cost-anomaly-detector", "hm-budget-alerter", "churn-model-endpoint"],
}
AS_OF = datetime(2026, 3, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def index():
    return EntityIndex(VOCAB)


@pytest.mark.parametrize(("word", "same"), [
    ("detects", "detector"), ("detection", "detector"), ("anomalies", "anomaly"), ("costs", "cost"),
    ("forecasts", "forecaster"), ("predicts", "predictor"), ("failures", "failing"), ("alerts", "alerter"),
    ("runs", "run"), ("dimensions", "dimension"), ("workspaces", "workspace"),
])
def test_light_stemming_joins_word_forms(word, same):
    assert stem(word) == stem(same)


DESCRIBED = [
    # Tables: the kind word may be table, fact or dimension; fact/dim abbreviate the name's prefix.
    ("lineage of the billing usage fact table in the gold layer", "table", "main.health_monitor.fact_usage"),
    ("what writes the usage fact upstream", "table", "main.health_monitor.fact_usage"),
    ("is the fact table of usage fresh", "table", "main.health_monitor.fact_usage"),
    ("how stale is the job run fact table", "table", "main.health_monitor.fact_job_runs"),
    ("who reads the job task runs fact", "table", "main.health_monitor.fact_job_task_runs"),
    ("columns of the workspace dimension", "table", "main.health_monitor.dim_workspace"),
    ("grants on the workspace dim table", "table", "main.health_monitor.dim_workspace"),
    ("row count of the gl invoices table", "table", "finance.gl.invoices"),
    # Models: words after the kind word count when a relative word introduces them.
    ("is the model that detects cost anomalies drifting?", "model", "cost_anomaly_detector"),
    ("accuracy of the model which forecasts job durations", "model", "job_duration_forecaster"),
    ("when was the model for predicting job failures retrained", "model", "job_failure_predictor"),
    ("is the budget alert model healthy", "model", "budget_alerter"),
    ("the cost anomalies detector version", "model", "cost_anomaly_detector"),
    ("the anomaly detector for costs", "model", "cost_anomaly_detector"),
    ("inference latency of the churn model", "model", "churn_model"),
    # What a model does, in plain words: "thing" is a model's kind word; spend, unusual, catches are its tokens.
    ("is the ml thing that catches unusual spend drifting", "model", "cost_anomaly_detector"),
    ("accuracy of the model which spots odd costs", "model", "cost_anomaly_detector"),
    # The endpoint kind word picks the endpoint serving the same model.
    ("error rate of the cost anomaly endpoint", "endpoint", "hm-cost-anomaly-detector"),
    ("latency of the endpoint serving the budget alerts", "endpoint", "hm-budget-alerter"),
    # Other languages, read through the glossary.
    ("le modèle qui détecte les anomalies de coûts dérive-t-il ?", "model", "cost_anomaly_detector"),
    ("¿el modelo que detecta anomalías de costos tiene drift?", "model", "cost_anomaly_detector"),
    ("Driftet das Modell, das Anomalien bei den Kosten erkennt?", "model", "cost_anomaly_detector"),
    ("Wie genau ist das Modell, das die Dauer der Jobs prognostiziert?", "model", "job_duration_forecaster"),
    ("¿Quién lee la tabla de hechos de uso?", "table", "main.health_monitor.fact_usage"),
    ("Wer liest die Tabelle der Nutzungsfakten?", "table", "main.health_monitor.fact_usage"),
    ("Driftet das Modell für Kostenanomalien?", "model", "cost_anomaly_detector"),
    ("o modelo que prevê a duração dos jobs está com drift?", "model", "job_duration_forecaster"),
]


@pytest.mark.parametrize(("text", "kind", "name"), DESCRIBED)
def test_described_names_resolve(index, text, kind, name):
    parsed = parse_question(text, as_of=AS_OF, index=index)
    assert parsed.entities.get(kind) == [name], (parsed.english, parsed.entities)


@pytest.mark.parametrize("text", [
    # Plain questions: kind words with no describing words, or describing words of no single name.
    "which tables are stale?",
    "how much did the model serving cost?",
    "which models are drifting?",
    "which models need retraining?",
    "are any fact tables missing rows",
    "list the dimension tables",
    "how much did model training cost last week",
    "which model endpoints had errors",
    "in fact, costs went up",
    "is the orders table fresh",              # orders_raw and orders_gold: two names, no guess
    "the model that detects drift",          # drift_detector and model_drift_detector
    "is the anomaly detector accurate",     # cost_anomaly_detector or access_anomaly_detector
])
def test_plain_questions_resolve_no_described_name(index, text):
    got = index.match(text)
    described = [m for m in got.matches if m.method == "description"]
    assert described == [], (text, described)


def test_jobs_are_not_resolved_by_description(index):
    """"the training job" is a kind of job, not ml_training: follow-ups rely on it staying unnamed."""
    for text in ("why did the training job fail", "the feature job ran late", "the nightly job"):
        assert "job" not in index.match(text).entities, text


def test_described_words_do_not_route_their_own_domain(index):
    """"coûts" inside the description of a model names the model, not a cost question."""
    for text in ("le modèle qui détecte les anomalies de coûts dérive-t-il ?",
                 "is the model that detects cost anomalies drifting?",
                 "is the cost anomaly model drifting?"):
        parsed = parse_question(text, as_of=AS_OF, index=index)
        assert parsed.domains == ["mlops"], (text, parsed.domains, parsed.scores)


def test_described_table_span_and_no_unknown_name(index):
    text = "how fresh is the workspace dimension"
    got = index.match(text)
    [m] = [m for m in got.matches if m.method == "description"]
    assert text[m.start:m.end] == m.text and m.text.endswith("dimension")
    assert got.unknown_mentions == []  # "workspace dimension" is not a workspace called "dimension"


def test_spelled_names_still_win(index):
    got = index.match("lineage of fact_usage and the cost anomaly detector")
    assert got.entities == {"table": ["main.health_monitor.fact_usage"], "model": ["cost_anomaly_detector"]}
    assert {m.method for m in got.matches} == {"alias", "exact"}


def test_a_described_fact_table_reads_its_lineage_on_the_demo(demo_context):
    from health_monitor.graph.service import ask

    answer = ask("what loads the billing usage fact table upstream?", context=demo_context)
    calls = [(c["tool"], c["args"].get("table_name")) for c in answer.tool_calls]
    assert ("get_table_lineage", "main.health_monitor.fact_usage") in calls, calls
    assert "system.billing.usage" in answer.answer


@pytest.mark.parametrize("text", ["has the model that flags cost anomalies started drifting?",
                                  "le modèle qui détecte des anomalies de coûts a-t-il dérivé ?"])
def test_a_described_model_goes_to_mlops_and_its_drift_on_the_demo(demo_context, text):
    from health_monitor.graph.service import ask

    answer = ask(text, context=demo_context)
    assert answer.agents == ["mlops"], answer.agents
    calls = [(c["tool"], c["args"].get("model_name")) for c in answer.tool_calls]
    assert ("get_model_drift", "cost_anomaly_detector") in calls, calls
