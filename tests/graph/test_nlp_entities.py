"""Entity recognition: exact names, aliases, separators, typos, patterns, descriptions, unknown names."""

from __future__ import annotations

import time

import pytest
from health_monitor.graph.nlp.entities import EntityIndex, normalize

VOCAB = {
    "workspace": ["production", "analytics", "ml-workspace", "dev", "staging"],
    "job": ["nightly_etl", "hourly_ingest", "ml_training", "feature_refresh", "daily_report"],
    "user": ["admin@company.com", "user@company.com", "analyst@company.com", "etl-sp"],
    "table": ["main.sales.orders_raw", "main.sales.orders_silver", "main.sales.orders_gold", "main.crm.customers"],
    "pipeline": ["orders_pipeline"],
    "expectation": ["valid_amount"],
    "warehouse": ["bi-warehouse", "etl-warehouse"],
    "cluster": ["prod-etl-cluster", "analytics-adhoc"],
    "model": ["cost_anomaly_detector", "job_failure_predictor", "security_threat_classifier"],
    "endpoint": ["security-threat-endpoint", "cost-anomaly-endpoint", "job-failure-endpoint"],
    "group": ["contractors"],
    "sku": ["PREMIUM_JOBS_COMPUTE"],
    "catalog": ["main", "finance"],
    "schema": ["sales", "crm"],
}


@pytest.fixture(scope="module")
def index():
    return EntityIndex(VOCAB)


CASES = [
    # text, expected entities (subset check per kind), expected methods
    ("How much did ml-workspace cost yesterday?", {"workspace": ["ml-workspace"]}),
    ("costs for the ML Workspace", {"workspace": ["ml-workspace"]}),
    ("ML-Workspace spend", {"workspace": ["ml-workspace"]}),
    ("prod costs", {"workspace": ["production"]}),
    ("production vs staging", {"workspace": ["production", "staging"]}),
    ("Check the lineage of orders_gold", {"table": ["main.sales.orders_gold"]}),
    ("orders silver null rate", {"table": ["main.sales.orders_silver"]}),
    ("sales.orders_raw schema", {"table": ["main.sales.orders_raw"]}),
    ("who read the customers table", {"table": ["main.crm.customers"]}),
    ("Profile main.sales.orders_silver", {"table": ["main.sales.orders_silver"]}),
    ("nightly_etl failed", {"job": ["nightly_etl"]}),
    ("nightly etl duration", {"job": ["nightly_etl"]}),
    ("nightly_etll failed", {"job": ["nightly_etl"]}),
    ("nighlty_etl failed", {"job": ["nightly_etl"]}),
    ("hourly_ingets sla", {"job": ["hourly_ingest"]}),
    ("feature-refresh runs", {"job": ["feature_refresh"]}),
    ("List SLA misses for hourly_ingest.", {"job": ["hourly_ingest"]}),
    ("3 failed logins from 192.168.1.100", {"ip": ["192.168.1.100"]}),
    ("what did 10.0.0.5 do", {"ip": ["10.0.0.5"]}),
    ("Did user@company.com do anything", {"user": ["user@company.com"]}),
    ("ADMIN@company.com grants", {"user": ["admin@company.com"]}),
    ("bob@example.org logins", {"user": ["bob@example.org"]}),
    ("jobs run by etl-sp", {"user": ["etl-sp"]}),
    ("audit events for the contractors group", {"group": ["contractors"]}),
    ("What did the valid_amount check catch?", {"expectation": ["valid_amount"]}),
    ("orders_pipeline quality", {"pipeline": ["orders_pipeline"]}),
    ("bi warehouse queries", {"warehouse": ["bi-warehouse"]}),
    ("etl-warehouse uptime", {"warehouse": ["etl-warehouse"]}),
    ("CPU on prod-etl-cluster", {"cluster": ["prod-etl-cluster"]}),
    ("is analytics-adhoc idle", {"cluster": ["analytics-adhoc"]}),
    ("inference time for cost_anomaly_detector", {"model": ["cost_anomaly_detector"]}),
    ("cost anomaly detector drift", {"model": ["cost_anomaly_detector"]}),
    ("How many times has the job failure model been retrained?", {"model": ["job_failure_predictor"]}),
    ("the security threat model accuracy", {"model": ["security_threat_classifier"]}),
    ("Which model version is live on the security threat endpoint?", {"endpoint": ["security-threat-endpoint"]}),
    ("latency of the job failure endpoint", {"endpoint": ["job-failure-endpoint"]}),
    ("premium jobs compute spend", {"sku": ["PREMIUM_JOBS_COMPUTE"]}),
    ("What consumes system.billing.usage downstream?", {"table": ["system.billing.usage"]}),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_entities(index, text, expected):
    got = index.match(text).entities
    for kind, names in expected.items():
        assert got.get(kind) == names, (text, got)


@pytest.mark.parametrize("text", ["who acessed pii last wk", "jobs failing?? which ones", "Tell me a joke",
                                  "Which clusters are idle most of the time?", "models and endpoints",
                                  "how much did ml stuff burn", "the analytics of failures", "develop a plan"])
def test_no_false_positives(index, text):
    got = index.match(text).entities
    assert "job" not in got and "model" not in got and "endpoint" not in got and "table" not in got, got
    if "analytics" not in text:
        assert "workspace" not in got, got


def test_methods_and_spans(index):
    text = "nightly_etll on ML-Workspace from 192.168.1.100"
    r = index.match(text)
    methods = {m.name: m.method for m in r.matches}
    assert methods == {"nightly_etl": "typo", "ml-workspace": "exact", "192.168.1.100": "pattern"}
    for m in r.matches:
        assert text[m.start:m.end] == m.text


UNKNOWN = [
    ("costs for workspace foo", [("workspace", "foo")]),
    ("did job foo_bar fail", [("job", "foo_bar")]),
    ("the acme-reporting job", [("job", "acme-reporting")]),
    ("lineage of table main.finance.ledger", [("table", "main.finance.ledger")]),
    ("costs for workspace production", []),
    ("workspace spend by sku", []),
    ("job failures yesterday", []),
    ("uptime of warehouse xyz-wh", [("warehouse", "xyz-wh")]),
    # A known alias inside an unknown compound name is not that name ("prod" in "finance-prod").
    ("spend of the finance-prod workspace", [("workspace", "finance-prod")]),
    ("is the sales-prod cluster busy", [("cluster", "sales-prod")]),
    # A kind word used as the question's head noun does not introduce a name.
    ("which workspace burned the most money", []),
    ("what cluster spiked overnight", []),
    ("per warehouse queueing please", []),
    # The kind word inside a known name ("prod-etl-cluster maxed") introduces nothing.
    ("is prod-etl-cluster maxed out", []),
    # ...nor a kind word inside a name described in words.
    ("is the job failure model still accurate", []),
    # A plain word between a determiner and the kind word names the thing, unless it describes it.
    ("costs for the marketing workspace last week", [("workspace", "marketing")]),
    ("runs of our payroll job", [("job", "payroll")]),
    ("how is the whole workspace doing", []),
    ("is the shared cluster idle", []),
    # A verb after the kind word says what it did ("the ingest job fell over"), not its name.
    ("the ingest job fell over twice overnight", []),
    ("our etl job crashed again", []),
    ("compare spend for each workspace", []),
    ("are the forecasts accurate or has the model gone off", []),
]


@pytest.mark.parametrize(("text", "expected"), UNKNOWN)
def test_unknown_mentions(index, text, expected):
    assert [(u.kind, u.text) for u in index.match(text).unknown_mentions] == expected


def test_ambiguous_alias_is_not_guessed():
    ix = EntityIndex({"table": ["main.sales.orders", "main.archive.orders"]})
    assert ix.match("orders freshness").entities == {}
    assert ix.match("main.archive.orders freshness").entities == {"table": ["main.archive.orders"]}


def test_prod_only_when_unambiguous():
    ix = EntityIndex({"workspace": ["production", "prd"]})
    assert ix.match("prod costs").entities == {}


def test_short_names_get_no_typo_matching(index):
    assert index.match("devs costs").entities.get("workspace") is None


def test_lookup_and_normalize(index):
    assert normalize("ML-Workspace / orders_gold") == "ml workspace orders gold"
    assert index.lookup("table", "orders_gold") == "main.sales.orders_gold"
    assert index.lookup("job", "Nightly-ETL") == "nightly_etl"
    assert index.lookup("job", "nope") is None


@pytest.mark.parametrize("text", ["", None, "🙂" * 100, "x" * 50_000, "'; drop table main.sales.orders_gold; --"])
def test_bad_input(index, text):
    assert isinstance(index.match(text).entities, dict)


def test_empty_index():
    r = EntityIndex().match("nightly_etl on 10.1.1.1 by a@b.com")
    assert r.entities == {"user": ["a@b.com"], "ip": ["10.1.1.1"]}


def test_a_large_index_matches_names_and_typos():
    """5,000 names: exact, typo and short-table matches. Timing is printed; the bench measures speed."""
    vocab = {kind: [f"{kind}_{word}_{i}" for i in range(500) for word in ("alpha",)] for kind in
             ("workspace", "job", "user", "table", "pipeline", "model", "endpoint", "warehouse", "cluster", "group")}
    vocab["table"] = [f"main.schema_{i % 20}.table_name_{i}" for i in range(500)]
    assert sum(len(v) for v in vocab.values()) == 5000
    t = time.perf_counter()
    ix = EntityIndex(vocab)
    build = time.perf_counter() - t
    ix.match("warmup")
    q = "Why did job_alpha_17 and jb_alpha_42 fail on workspace_alpha_3 reading table_name_77 yesterday?"
    t = time.perf_counter()
    for _ in range(20):
        r = ix.match(q)
    per = (time.perf_counter() - t) / 20
    assert "job_alpha_17" in r.entities["job"] and r.entities["table"] == ["main.schema_17.table_name_77"]
    assert "job_alpha_42" in r.entities["job"]  # "jb_alpha_42": one edit away
    assert r.entities["workspace"] == ["workspace_alpha_3"]
    print(f"index of 5k names built in {build * 1000:.0f} ms; a match takes {per * 1000:.1f} ms")


@pytest.mark.parametrize(("text", "expected"), [
    ("the monthly review for finance", {}),
    ("sales numbers for the board", {}),
    ("what did we spend on sales.", {}),
    ("grants in the finance catalog", {"catalog": ["finance"]}),
    ("tables in schema sales without comments", {"schema": ["sales"]}),
    ("tables in main.sales", {"catalog": ["main"], "schema": ["sales"]}),
])
def test_plain_word_catalogs_and_schemas_need_their_kind_word(index, text, expected):
    got = {k: v for k, v in index.match(text).entities.items() if k in ("catalog", "schema")}
    assert got == expected
