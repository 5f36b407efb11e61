"""Prediction tools: read the Gold tables the health monitor's own models write (``ml/``).

Forecasts, budget risk, jobs at risk, access anomalies, breach risk, freshness risk, and the MLOps
view of the models themselves (performance, drift, training history, inference latency). Each
prediction row carries an ``explanation`` a person can read; when a model could not train, the
cost / budget / access tools return one row whose explanation says so.
"""

from __future__ import annotations

from typing import Annotated

from health_monitor.tools.params import Days, Name, Text, TopN
from health_monitor.tools.spec import Tool, ToolParams, columns
from pydantic import Field


class ForecastParams(ToolParams):
    days: Days(30, max_days=60, what="Forecast horizon")


class BudgetParams(ToolParams):
    workspace: Name("workspace", "Workspace id or name (e.g. ml-workspace); omit for every workspace.")


class TopParams(ToolParams):
    top_n: TopN(10)


class AccessParams(ToolParams):
    days: Days(2, max_days=90, what="Days of scored activity to show, today included (the model scores every "
                                    "day of its 90-day history)")


class FreshnessParams(ToolParams):
    hours: Annotated[int, Field(24, ge=1, le=48, description="Horizon in hours (1-48).")] = 24


class JobParams(ToolParams):
    job_name: Name("job", "Job name or id (e.g. hourly_ingest); omit for every job.")


class ModelWindow(ToolParams):
    model_name: Text("Model name or part of it (e.g. cost_anomaly_detector, failure); omit for all.")
    days: Days(60, max_days=365, what="Training history window")


class ModelParams(ToolParams):
    model_name: Text("Model name or part of it (e.g. cost_anomaly_detector); omit for all.")


class InferenceParams(ToolParams):
    endpoint: Text("Model or serving endpoint name, or part of it (e.g. cost_anomaly_detector, "
                   "hm-cost-anomaly-detector); omit for all.")
    days: Days(30, max_days=365)


TOOLS: list[Tool] = [
    Tool(
        name="get_cost_forecast", domain="predictions", agents=("cost", "hub"), params=ForecastParams,
        sql="predictions/get_cost_forecast.sql",
        description="Forecast of daily spend (list price) and DBUs per workspace for the next N days (max 60) "
                    "with a 95 % interval, from the dbu_usage_forecaster model (trend + weekday pattern). Sum "
                    "predicted_cost for a period's total, e.g. 'forecast next month's bill'.",
        returns=columns("forecast_date date, horizon_day bigint, workspace_id string, workspace_name string, "
                        "predicted_cost double, lower_cost double, upper_cost double, predicted_dbus double, "
                        "explanation string"),
        cost_columns=("predicted_cost",), time_column="forecast_date",
    ),
    Tool(
        name="get_budget_status", domain="predictions", agents=("cost", "hub"), params=BudgetParams,
        sql="predictions/get_budget_status.sql",
        description="Budget risk per workspace for the current month (budget_alerter model): month-to-date "
                    "spend, forecast of the remaining days, projected month total, % of the monthly budget, "
                    "probability of exceeding it and a status (ok / warning / at_risk / over_budget).",
        returns=columns("month_start date, workspace_id string, workspace_name string, monthly_budget_usd double, "
                        "mtd_cost double, forecast_remaining_cost double, projected_cost double, "
                        "projected_pct_of_budget double, run_rate_projection double, prob_exceed double, "
                        "status string, is_at_risk boolean, explanation string"),
    ),
    Tool(
        name="get_at_risk_jobs", domain="predictions", agents=("reliability", "performance", "hub"),
        params=TopParams, sql="predictions/get_at_risk_jobs.sql",
        description="Jobs most at risk of failing or of missing their SLA in the next 24 hours (job failure and "
                    "duration models): failure and SLA-breach probabilities, whether the risk is elevated above "
                    "the job's own history, recent failures / breaches, last error and why.",
        returns=columns("workspace_name string, job_id string, job_name string, failure_prob_24h double, "
                        "sla_breach_prob_24h double, risk_24h double, failure_risk_elevated boolean, "
                        "sla_risk_elevated boolean, is_at_risk boolean, recent_failures bigint, "
                        "recent_sla_breaches bigint, predicted_duration_seconds double, sla_seconds double, "
                        "last_error string, explanation string, rank bigint"),
    ),
    Tool(
        name="get_job_duration_forecast", domain="predictions", agents=("performance", "reliability"),
        params=JobParams, sql="predictions/get_job_duration_forecast.sql",
        description="Expected and p90 duration of each job's next run (job_duration_forecaster), its SLA and "
                    "the probability of breaching it on the next run and within 24 hours.",
        returns=columns("workspace_name string, job_id string, job_name string, last_run_time timestamp, "
                        "last_duration_seconds double, predicted_duration_seconds double, "
                        "p90_duration_seconds double, sla_seconds double, recent_sla_breaches bigint, "
                        "sla_breach_prob_next_run double, sla_breach_prob_24h double, is_sla_risk boolean, "
                        "explanation string"),
    ),
    Tool(
        name="get_access_anomalies", domain="predictions", agents=("security", "hub"), params=AccessParams,
        sql="predictions/get_access_anomalies.sql",
        description="Unusual access per principal and day found by the access_anomaly_detector model: night-time "
                    "activity, failed logins (with the source IP), denied requests and first-seen IPs that are "
                    "improbable for that principal's own history, with the reason.",
        returns=columns("event_date date, principal string, is_service_principal boolean, source_ip string, "
                        "events bigint, night_events bigint, after_hours_events bigint, failed_logins bigint, "
                        "denied bigint, new_ip_events bigint, anomaly_score double, reasons string, "
                        "explanation string"),
        time_column="event_date",
    ),
    Tool(
        name="get_breach_risk", domain="predictions", agents=("security",), params=TopParams,
        sql="predictions/get_breach_risk.sql",
        description="Principals (users and service principals) most at risk of a security incident in the "
                    "coming week, scored 0-100 by the breach_risk_scorer model from failed logins, denials, PII "
                    "reads, permission changes, tokens and anomalous days, with the top factors.",
        returns=columns("principal string, is_service_principal boolean, risk_score double, risk_level string, "
                        "failed_logins_7d bigint, denied_7d bigint, pii_accesses_7d bigint, "
                        "permission_changes_7d bigint, tokens_created_7d bigint, high_severity_7d bigint, "
                        "anomalous_days_7d bigint, top_factors string, explanation string, rank bigint"),
    ),
    Tool(
        name="get_freshness_risk", domain="predictions", agents=("quality",), params=FreshnessParams,
        sql="predictions/get_freshness_risk.sql",
        description="Tables that are stale or likely to become stale within the next N hours (freshness_predictor "
                    "model, learned from each table's refresh history): hours since the last write, the usual "
                    "refresh interval and the probability of being stale.",
        returns=columns("table_full_name string, last_write_time timestamp, hours_since_update double, "
                        "typical_refresh_hours double, is_stale_now boolean, prob_stale double, "
                        "expected_next_write timestamp, explanation string"),
    ),
    Tool(
        name="get_model_performance", domain="predictions", agents=("mlops",), params=ModelWindow,
        sql="predictions/get_model_performance.sql",
        description="Accuracy of the health monitor's own models: validation metrics (AUC, F1, MAPE, ...) per "
                    "model version over time; each version is validated on the week after the previous one, so "
                    "this is also their live performance history.",
        returns=columns("model_name string, version bigint, status string, trained_at timestamp, "
                        "metric_name string, metric_value double, is_primary boolean, training_rows bigint, "
                        "train_seconds double"),
        time_column="trained_at",
    ),
    Tool(
        name="get_model_drift", domain="predictions", agents=("mlops",), params=ModelParams,
        sql="predictions/get_model_drift.sql",
        snapshot="the last 3 days, against the training reference",
        description="Input-feature drift of the health monitor's models (model_drift_detector): the last 3 days "
                    "of each model's features against its training reference (PSI, KS, mean shift, per "
                    "workspace where relevant), with the retraining decision and its reason.",
        returns=columns("model_name string, version bigint, feature string, segment string, n_reference bigint, "
                        "n_live bigint, reference_mean double, live_mean double, psi double, ks_p double, "
                        "mean_shift_z double, is_drift boolean, explanation string, retrain_due boolean, "
                        "retrain_reason string"),
    ),
    Tool(
        name="get_training_history", domain="predictions", agents=("mlops",), params=ModelParams,
        sql="predictions/get_training_history.sql",
        description="Training history of the health monitor's models from the model registry: every version, "
                    "when it was trained, on how many rows, its primary metric, status (active / archived / "
                    "insufficient data) and how many times the model has been retrained.",
        returns=columns("model_name string, version bigint, family string, trained_at timestamp, "
                        "training_rows bigint, primary_metric string, primary_metric_value double, status string, "
                        "status_reason string, train_seconds double, artefact_path string, trainings bigint, "
                        "retrainings bigint"),
        time_column="trained_at",
    ),
    Tool(
        name="get_inference_metrics", domain="predictions", agents=("mlops",), params=InferenceParams,
        sql="predictions/get_inference_metrics.sql",
        description="Inference latency of the health monitor's models: each batch scoring call (rows, latency) "
                    "and, for models on a serving endpoint, the endpoint's daily requests, errors and average / p95 "
                    "latency (customer endpoints too, model_name null). 'Average inference time of X': average "
                    "avg_latency_ms over the source = 'serving_endpoint' rows of X (batch_scoring rows are whole "
                    "batch runs).",
        returns=columns("model_name string, endpoint_name string, source string, measured_at timestamp, "
                        "model_version bigint, requests bigint, errors bigint, avg_latency_ms double, "
                        "p95_latency_ms double"),
        time_column="measured_at",
    ),
]
