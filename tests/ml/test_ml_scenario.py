"""The models find the demo's incidents (no hints from the generator) and stay quiet without them."""

from __future__ import annotations

import pytest


def rows(ex, tool, args=None):
    res = ex.run(tool, args or {})
    assert res.ok, res.error
    return res.rows


# -- the demo account --------------------------------------------------------------------------

def test_cost_spike_of_ml_workspace_is_flagged(demo_dir):
    import duckdb

    con = duckdb.connect(str(demo_dir / "gold.duckdb"), read_only=True)
    hits = con.execute("select explanation from health_monitor.ml_cost_anomalies where is_anomaly "
                       "and workspace_name = 'ml-workspace' and usage_date = date '2026-01-14'").fetchall()
    con.close()
    assert hits, "the ml-workspace spike yesterday must be an anomaly"
    assert "ml_training" in hits[0][0] and "GPU" in hits[0][0]


def test_access_anomalies_find_the_ip_and_the_night_owl(demo_tools):
    found = rows(demo_tools, "get_access_anomalies", {"days": 2})
    assert any(r["source_ip"] == "192.168.1.100" for r in found) or any(
        r["principal"] == "user@company.com" for r in found)
    assert any(r["principal"] == "user@company.com" and r["night_events"] >= 10 for r in found)
    assert all(r["explanation"] for r in found)


def test_at_risk_jobs_rank_ml_training_and_hourly_ingest(demo_tools):
    top = rows(demo_tools, "get_at_risk_jobs", {"top_n": 5})
    names = [r["job_name"] for r in top]
    assert "ml_training" in names and "hourly_ingest" in names
    by_name = {r["job_name"]: r for r in top}
    assert by_name["ml_training"]["failure_risk_elevated"]
    assert by_name["hourly_ingest"]["sla_risk_elevated"]


def test_budget_alerter_flags_ml_workspace(demo_tools):
    status = rows(demo_tools, "get_budget_status", {"workspace": "ml-workspace"})
    assert len(status) == 1 and status[0]["is_at_risk"]


def test_drift_detector_flags_orders_silver_amount(demo_dir):
    import duckdb

    con = duckdb.connect(str(demo_dir / "gold.duckdb"), read_only=True)
    drifted = con.execute("select table_full_name, column_name from health_monitor.ml_data_drift where is_drift").fetchall()
    con.close()
    assert ("main.sales.orders_silver", "amount") in drifted


def test_model_drift_detector_flags_cost_anomaly_detector(demo_tools):
    drift = rows(demo_tools, "get_model_drift", {"model_name": "cost_anomaly_detector"})
    assert any(r["is_drift"] for r in drift)
    assert drift[0]["retrain_due"]


def _gold(folder, sql):
    import duckdb

    con = duckdb.connect(str(folder / "gold.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


#: Drift the scenario explains. The ml-workspace spike (yesterday +45 %, ml_training on GPU) moves
#: the inputs of cost_anomaly_detector (whose reference holds only the days it found normal). The
#: analytics workspace spending "up about 12 %" moves the cost inputs of every cost model in the
#: analytics segment. Nothing else may drift: the last three days (Mon-Wed) are compared with the
#: reference weekdays, so the weekly rhythm (quiet weekends) is not drift.
EXPECTED_DRIFT = {
    ("cost_anomaly_detector", "ml-workspace"), ("cost_anomaly_detector", "analytics"),
    ("budget_alerter", "analytics"), ("dbu_usage_forecaster", "analytics"),
}


def test_model_drift_on_the_demo_is_only_the_scenario_cost_changes(demo_dir):
    flagged = _gold(demo_dir, "select monitored_model, segment, feature from health_monitor.ml_model_drift "
                              "where is_drift")
    pairs = {(m, seg) for m, seg, _ in flagged}
    assert pairs <= EXPECTED_DRIFT, f"unexpected drift: {pairs - EXPECTED_DRIFT}"
    assert ("cost_anomaly_detector", "ml-workspace") in pairs
    assert {f for m, seg, f in flagged if seg == "ml-workspace"} <= {"list_cost", "jobs_cost"}
    due = dict(_gold(demo_dir, "select model_name, reason from health_monitor.ml_retraining_decisions "
                               "where retrain_due"))
    assert "input drift" in due["cost_anomaly_detector"]
    assert {m for m, r in due.items() if "input drift" in r} == {m for m, _ in pairs}
    # the weekly rhythm no longer reads as drift
    assert not pairs & {("access_anomaly_detector", "all"), ("drift_detector", "all")}


def test_quiet_account_has_no_model_drift_and_no_drift_retrain(quiet_demo_dir):
    flagged = _gold(quiet_demo_dir, "select monitored_model, segment, feature, explanation "
                                    "from health_monitor.ml_model_drift where is_drift")
    assert flagged == []
    monitored = _gold(quiet_demo_dir, "select count(distinct monitored_model) from health_monitor.ml_model_drift")
    assert monitored[0][0] >= 10  # the detector did compare (not silent for lack of data)
    due = _gold(quiet_demo_dir, "select model_name, reason from health_monitor.ml_retraining_decisions "
                                "where retrain_due and reason like '%input drift%'")
    assert due == []


def test_serving_latency_for_every_model_and_customer_endpoint(demo_tools):
    from health_monitor.ml.registry import all_models
    from health_monitor.ml.registry_table import endpoint_name

    found = rows(demo_tools, "get_inference_metrics", {"days": 30})
    serving = [r for r in found if r["source"] == "serving_endpoint"]
    by_endpoint: dict[str, list[dict]] = {}
    for r in serving:
        by_endpoint.setdefault(r["endpoint_name"], []).append(r)
    assert {endpoint_name(m) for m in all_models()} <= set(by_endpoint)
    customer = {e for e in by_endpoint if not e.startswith("hm-")}
    assert len(customer) >= 2
    for endpoint, days in by_endpoint.items():
        assert len(days) >= 28, endpoint
        assert all(r["avg_latency_ms"] and r["avg_latency_ms"] > 0 for r in days), endpoint
        assert all(r["p95_latency_ms"] >= r["avg_latency_ms"] for r in days), endpoint
        assert all(0 <= (r["errors"] or 0) <= r["requests"] for r in days), endpoint
        expected_model = endpoint[3:].replace("-", "_") if endpoint.startswith("hm-") else None
        assert {r["model_name"] for r in days} == {expected_model}


def test_average_inference_time_of_cost_anomaly_detector_can_be_answered(demo_tools):
    found = rows(demo_tools, "get_inference_metrics", {"endpoint": "cost_anomaly_detector", "days": 30})
    assert {r["model_name"] for r in found} == {"cost_anomaly_detector"}
    serving = [r["avg_latency_ms"] for r in found if r["source"] == "serving_endpoint"]
    assert len(serving) >= 28 and all(r["endpoint_name"] == "hm-cost-anomaly-detector" for r in found
                                      if r["source"] == "serving_endpoint")
    average = sum(serving) / len(serving)
    assert 1 < average < 1000  # milliseconds: a plausible online latency
    assert any(r["source"] == "batch_scoring" and r["avg_latency_ms"] > 0 for r in found)


def test_training_history_is_real(demo_tools):
    history = rows(demo_tools, "get_training_history", {"model_name": "job_failure_predictor"})
    assert len(history) == 5 and history[0]["retrainings"] == 4
    assert len({r["trained_at"] for r in history}) == 5
    assert sum(r["status"] == "active" for r in history) == 1


def test_every_model_has_metrics_and_latency(demo_tools, demo_dir):
    import duckdb
    from health_monitor.ml.registry import all_models

    con = duckdb.connect(str(demo_dir / "gold.duckdb"), read_only=True)
    active = dict(con.execute("select model_name, primary_metric_value from health_monitor.ml_model_registry "
                              "where status = 'active'").fetchall())
    con.close()
    assert set(active) == set(all_models())
    latency = rows(demo_tools, "get_inference_metrics", {"endpoint": "cost_anomaly_detector", "days": 60})
    assert any(r["source"] == "batch_scoring" and r["avg_latency_ms"] is not None for r in latency)


@pytest.mark.parametrize("tool,args", [
    ("get_cost_forecast", {"days": 30}), ("get_breach_risk", {"top_n": 5}), ("get_freshness_risk", {"hours": 24}),
    ("get_job_duration_forecast", {"job_name": "hourly_ingest"}), ("get_model_performance", {"days": 60}),
])
def test_prediction_tools_answer_with_explanations(demo_tools, tool, args):
    found = rows(demo_tools, tool, args)
    assert found
    if "explanation" in found[0]:
        assert all(r["explanation"] for r in found)


def test_forecast_covers_thirty_days_per_workspace(demo_tools):
    found = rows(demo_tools, "get_cost_forecast", {"days": 30})
    assert {r["horizon_day"] for r in found} == set(range(1, 31))
    assert all(r["lower_cost"] <= r["predicted_cost"] <= r["upper_cost"] for r in found)


# -- the quiet account: none of the scenario's findings ----------------------------------------

def test_quiet_account_has_no_cost_spike(quiet_demo_dir):
    import duckdb

    con = duckdb.connect(str(quiet_demo_dir / "gold.duckdb"), read_only=True)
    n = con.execute("select count(*) from health_monitor.ml_cost_anomalies where is_anomaly").fetchone()[0]
    con.close()
    assert n == 0


def test_quiet_account_access_is_unremarkable(quiet_tools):
    found = rows(quiet_tools, "get_access_anomalies", {"days": 2})
    assert not any(r["source_ip"] == "192.168.1.100" or r["principal"] == "user@company.com" for r in found)
    assert len(found) <= 2


def test_quiet_account_jobs_not_elevated(quiet_tools):
    top = rows(quiet_tools, "get_at_risk_jobs", {"top_n": 25})
    flagged = {r["job_name"] for r in top if r["is_at_risk"]}
    assert not flagged & {"ml_training", "hourly_ingest"}
    assert len(flagged) <= 2


def test_quiet_account_budget_and_drift(quiet_tools, quiet_demo_dir):
    import duckdb

    assert not rows(quiet_tools, "get_budget_status", {"workspace": "ml-workspace"})[0]["is_at_risk"]
    con = duckdb.connect(str(quiet_demo_dir / "gold.duckdb"), read_only=True)
    drifted = con.execute("select table_full_name, column_name from health_monitor.ml_data_drift where is_drift").fetchall()
    con.close()
    assert ("main.sales.orders_silver", "amount") not in drifted
    model_drift = rows(quiet_tools, "get_model_drift", {"model_name": "cost_anomaly_detector"})
    assert not any(r["is_drift"] for r in model_drift)
