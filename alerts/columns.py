"""The columns alerts assume each catalog tool returns: the one place to adjust when the catalog changes.

The default rules (:mod:`alerts.defaults`) and the plain-language parser (:mod:`alerts.nl_rules`) read
tool rows through these names only. A rule saved by a user carries the column names in its JSON, so a
rename here changes new rules, not stored ones.

| tool | parameters | columns read | grain |
|---|---|---|---|
| get_cost_anomalies | lookback_days | workspace_name, usage_date, net_cost, net_baseline_cost (trailing 7-day average; anomalous days only) | workspace x day |
| get_failed_jobs | hours, workspace | job_name, workspace_name, start_time (one row per failed run) | failed run |
| get_failed_auth_attempts | hours | source_ip_address, event_time (one row per failed attempt) | attempt |
| get_freshness_violations | hours | table_full_name, hours_since_update | stale table |
| get_model_drift | model_name (substring) | model_name, is_drift (the detector's verdict: PSI, KS, sample size), psi | model x feature x segment |
| get_budget_status | workspace | workspace_name, projected_pct_of_budget (projected month spend / budget x 100) | workspace |
| get_job_runs | hours, workspace | job_name, workspace_name, start_time, net_cost, duration_minutes | run |
| get_daily_cost_summary | start_date, end_date | workspace_name, usage_date, net_cost | workspace x day |
| get_sla_breaches | days | job_name, start_time | breach |
| get_slow_queries | threshold_seconds (fixed 7-day window) | warehouse_name, executed_by, duration_minutes | query |

Money columns are the executor's ``net_*`` neighbours (after the configured discount; equal to list price
when none is set). Checked against the live registry by ``tests/alerts/test_alert_service.py``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ToolColumns:
    """Column names of one tool's rows that alert rules read."""

    tool: str
    subject: str | None = None
    subject_label: str | None = None
    value: str | None = None
    date: str | None = None
    window_param: str | None = None
    baseline: str | None = None
    flag: str | None = None  # a boolean column carrying the tool's own verdict (counted when true)


COST_ANOMALIES = ToolColumns("get_cost_anomalies", subject="workspace_name", subject_label="workspace",
                             value="net_cost", date="usage_date", window_param="lookback_days",
                             baseline="net_baseline_cost")
FAILED_JOBS = ToolColumns("get_failed_jobs", subject="job_name", subject_label="job", date="start_time",
                          window_param="hours")
FAILED_AUTH = ToolColumns("get_failed_auth_attempts", subject="source_ip_address", subject_label="IP",
                          date="event_time", window_param="hours")
FRESHNESS = ToolColumns("get_freshness_violations", subject="table_full_name", subject_label="table",
                        value="hours_since_update", window_param="hours")
MODEL_DRIFT = ToolColumns("get_model_drift", subject="model_name", subject_label="model", value="psi",
                          flag="is_drift")
BUDGET = ToolColumns("get_budget_status", subject="workspace_name", subject_label="workspace",
                     value="projected_pct_of_budget")
JOB_RUNS = ToolColumns("get_job_runs", subject="job_name", subject_label="job", value="net_cost",
                       date="start_time", window_param="hours")
DAILY_COST = ToolColumns("get_daily_cost_summary", subject="workspace_name", subject_label="workspace",
                         value="net_cost", date="usage_date", window_param="date_range")
SLA_BREACHES = ToolColumns("get_sla_breaches", subject="job_name", subject_label="job", date="start_time",
                           window_param="days")
SLOW_QUERIES = ToolColumns("get_slow_queries", subject="warehouse_name", subject_label="warehouse",
                           value="duration_minutes", date="start_time")

#: Columns that carry a scope value on rows, by scope key (row filters when the tool lacks the parameter).
SCOPE_COLUMNS: dict[str, tuple[str, ...]] = {
    "workspace": ("workspace", "workspace_name"),
    "warehouse": ("warehouse", "warehouse_name"),
    "job": ("job", "job_name"),
    "table": ("table", "table_name"),
    "model_name": ("model_name",),
}
