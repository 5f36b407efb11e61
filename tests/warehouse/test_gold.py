"""The Gold layer: every scenario incident is visible IN GOLD, the contract holds, builds are atomic.

Runs on the shared demo (``demo_dir``: as_of 2026-01-15 09:00 UTC, seed 42, scale 1), reading Gold
through the real DuckDB warehouse with Databricks-dialect SQL, as the tools will.
"""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
import sqlglot
from health_monitor.warehouse.contract import SOURCES
from health_monitor.warehouse.gold import (
    GoldModel,
    build_gold,
    databricks_build_sql,
    gold_statements,
    load_models,
)

from health_monitor.core.errors import DemoNotBuilt, WarehouseUnavailable

AS_OF = datetime(2026, 1, 15, 9, 0)
P = {"as_of": AS_OF}
DOC = Path(__file__).resolve().parents[2] / "docs" / "gold-tables.md"

# -- the contract: column names and DuckDB types of every Gold table ---------------------------
V, B, D, TS, DT, BO, INT = "VARCHAR", "BIGINT", "DOUBLE", "TIMESTAMP", "DATE", "BOOLEAN", "INTEGER"
M, L = "MAP(VARCHAR, VARCHAR)", "VARCHAR[]"
CONTRACT: dict[str, dict[str, str]] = {
    "meta_build": {"as_of": TS, "built_at": TS, "source": V, "as_of_date": DT},
    "seed_budgets": {"workspace_name": V, "monthly_budget_usd": D, "alert_threshold_pct": D},
    "dim_workspace": {"workspace_id": V, "workspace_name": V, "workspace_url": V, "status": V, "create_time": TS},
    "dim_job": {"workspace_id": V, "workspace_name": V, "job_id": V, "job_name": V, "description": V,
                "creator_user_name": V, "run_as_user_name": V, "tags": M, "team": V, "trigger_type": V,
                "schedule_cron": V, "schedule_timezone": V, "paused": BO, "timeout_seconds": B,
                "sla_seconds": B, "compute_type": V, "create_time": TS, "change_time": TS, "is_deleted": BO},
    "dim_cluster": {"workspace_id": V, "workspace_name": V, "cluster_id": V, "cluster_name": V, "owned_by": V,
                    "cluster_source": V, "compute_kind": V, "driver_node_type": V, "worker_node_type": V,
                    "worker_count": B, "min_autoscale_workers": B, "max_autoscale_workers": B,
                    "auto_termination_minutes": B, "worker_gpu_count": B, "driver_gpu_count": B, "dbr_version": V,
                    "tags": M, "team": V, "create_time": TS,
                    "change_time": TS, "is_deleted": BO},
    "dim_warehouse": {"workspace_id": V, "workspace_name": V, "warehouse_id": V, "warehouse_name": V,
                      "warehouse_type": V, "warehouse_size": V, "warehouse_channel": V, "min_clusters": B,
                      "max_clusters": B, "auto_stop_minutes": B, "tags": M, "change_time": TS, "is_deleted": BO},
    "dim_user": {"principal": V, "is_service_principal": BO, "first_seen": TS, "last_seen": TS, "audit_events": B},
    "dim_endpoint": {"workspace_id": V, "workspace_name": V, "endpoint_id": V, "endpoint_name": V,
                     "served_entity_id": V, "served_entity_name": V, "entity_type": V, "entity_name": V,
                     "entity_version": V, "task": V, "endpoint_config_version": B, "created_by": V,
                     "change_time": TS, "is_deleted": BO},
    "dim_pipeline": {"workspace_id": V, "workspace_name": V, "pipeline_id": V, "pipeline_name": V,
                     "pipeline_type": V, "created_by": V, "run_as": V, "tags": M, "change_time": TS,
                     "is_deleted": BO},
    "dim_table": {"table_full_name": V, "table_catalog": V, "table_schema": V, "table_name": V, "table_type": V,
                  "table_owner": V, "comment": V, "has_comment": BO, "created": TS, "created_by": V,
                  "last_altered": TS, "last_altered_by": V, "data_source_format": V, "tags": M, "is_pii": BO,
                  "pii_columns": L, "last_write_time": TS, "hours_since_update": D,
                  "expected_refresh_hours": D, "is_stale": BO},
    "cfg_budgets": {"workspace_id": V, "workspace_name": V, "monthly_budget_usd": D, "alert_threshold_pct": D,
                    "budget_source": V},
    "fact_usage": {"record_id": V, "workspace_id": V, "workspace_name": V, "usage_date": DT, "usage_hour": TS,
                   "usage_start_time": TS, "usage_end_time": TS, "sku_name": V, "cloud": V, "usage_unit": V,
                   "usage_type": V, "billing_origin_product": V, "record_type": V, "is_serverless": BO,
                   "usage_quantity": D, "list_price": D, "list_cost": D, "currency_code": V, "job_id": V,
                   "job_run_id": V, "job_name": V, "cluster_id": V, "warehouse_id": V, "endpoint_name": V,
                   "dlt_pipeline_id": V, "run_as": V, "team": V, "is_tagged": BO, "custom_tags": M,
                   "is_priced": BO},
    "fact_usage_daily": {"usage_date": DT, "workspace_id": V, "workspace_name": V, "sku_name": V, "usage_unit": V,
                         "billing_origin_product": V, "is_serverless": BO, "job_id": V, "job_name": V,
                         "cluster_id": V, "warehouse_id": V, "endpoint_name": V, "run_as": V, "team": V,
                         "is_tagged": BO, "usage_quantity": D, "list_cost": D, "records": B, "dbus": D,
                         "unpriced_records": B},
    "fact_workspace_daily": {"usage_date": DT, "workspace_id": V, "workspace_name": V, "list_cost": D,
                             "usage_quantity": D, "serverless_cost": D, "untagged_cost": D, "jobs_cost": D,
                             "all_purpose_cost": D, "sql_cost": D, "serving_cost": D, "gpu_cost": D,
                             "unpriced_records": B},
    "fact_job_run": {"workspace_id": V, "workspace_name": V, "job_id": V, "job_name": V, "run_id": V,
                     "run_name": V, "run_type": V, "trigger_type": V, "start_time": TS, "end_time": TS,
                     "run_date": DT, "duration_seconds": B, "result_state": V, "termination_code": V,
                     "is_success": BO, "is_failure": BO, "attempts": B, "retries": B, "error_message": V,
                     "sla_seconds": B, "is_sla_breach": BO, "compute_type": V, "compute_ids": L, "run_as": V},
    "fact_task_run": {"workspace_id": V, "job_id": V, "job_name": V, "job_run_id": V, "task_run_id": V,
                      "task_key": V, "start_time": TS, "end_time": TS, "run_date": DT, "duration_seconds": B,
                      "result_state": V, "termination_code": V, "is_failure": BO, "compute_ids": L},
    "fact_job_daily": {"run_date": DT, "workspace_id": V, "workspace_name": V, "job_id": V, "job_name": V,
                       "runs": B, "succeeded": B, "failed": B, "sla_breaches": B, "avg_duration_seconds": D,
                       "max_duration_seconds": B, "list_cost": D},
    "fact_audit": {"event_id": V, "event_time": TS, "event_date": DT, "workspace_id": V, "workspace_name": V,
                   "principal": V, "is_service_principal": BO, "source_ip_address": V, "user_agent": V,
                   "service_name": V, "action_name": V, "status_code": INT, "error_message": V, "is_failure": BO,
                   "is_denied": BO, "is_failed_login": BO, "is_after_hours": BO, "securable_full_name": V,
                   "is_pii_access": BO, "audit_level": V, "request_params": M},
    "fact_audit_daily": {"event_date": DT, "workspace_id": V, "principal": V, "is_service_principal": BO,
                         "service_name": V, "action_name": V, "events": B, "failures": B, "denied": B,
                         "failed_logins": B, "after_hours_events": B, "pii_accesses": B, "distinct_ips": B},
    "fact_security_event": {"event_id": V, "event_time": TS, "event_date": DT, "workspace_id": V,
                            "workspace_name": V, "principal": V, "is_service_principal": BO,
                            "source_ip_address": V, "event_type": V, "severity": V, "service_name": V,
                            "action_name": V, "securable_full_name": V, "status_code": INT, "detail": V,
                            "is_after_hours": BO},
    "fact_query": {"statement_id": V, "workspace_id": V, "workspace_name": V, "warehouse_id": V,
                   "warehouse_name": V, "compute_type": V, "executed_by": V, "statement_type": V,
                   "execution_status": V, "start_time": TS, "end_time": TS, "start_date": DT,
                   "duration_seconds": D, "execution_duration_ms": B, "waiting_for_compute_duration_ms": B,
                   "waiting_at_capacity_duration_ms": B, "read_bytes": B, "read_rows": B, "produced_rows": B,
                   "spilled_local_bytes": B, "from_result_cache": BO, "error_message": V,
                   "client_application": V, "statement_text": V},
    "fact_node_util": {"workspace_id": V, "cluster_id": V, "cluster_name": V, "hour": TS, "usage_date": DT,
                       "instances": B, "samples": B, "avg_cpu_percent": D, "max_cpu_percent": D,
                       "avg_worker_cpu_percent": D, "avg_mem_percent": D, "max_mem_percent": D},
    "fact_warehouse_event": {"workspace_id": V, "warehouse_id": V, "warehouse_name": V, "event_type": V,
                             "cluster_count": INT, "start_time": TS, "end_time": TS, "duration_seconds": D,
                             "is_outage": BO, "is_outage_start": BO, "previous_event_type": V},
    "fact_warehouse_hourly": {"workspace_id": V, "warehouse_id": V, "usage_date": DT, "usage_hour": TS,
                              "list_cost": D, "statements": B},
    "fact_warehouse_uptime_daily": {"usage_date": DT, "workspace_id": V, "workspace_name": V, "warehouse_id": V,
                                    "warehouse_name": V, "running_seconds": D, "outage_seconds": D,
                                    "outages": B, "availability": D},
    "fact_serving_daily": {"usage_date": DT, "workspace_id": V, "endpoint_name": V, "requests": B, "errors": B,
                           "error_rate": D, "input_tokens": B, "output_tokens": B, "latency_p50_ms": D,
                           "latency_p95_ms": D, "avg_latency_ms": D},
    "fact_expectation": {"event_date": DT, "pipeline_id": V, "pipeline_name": V, "dataset_name": V,
                         "expectation_name": V, "passed_records": B, "failed_records": B, "dropped_records": B,
                         "pass_rate": D, "failure_rate": D},
    "fact_table_profile": {"table_full_name": V, "column_name": V, "window_start": TS, "window_end": TS,
                           "granularity": V, "log_type": V, "row_count": B, "num_nulls": B, "null_rate": D,
                           "avg": D, "stddev": D, "min": D, "max": D, "median": D, "distinct_count": B},
    "fact_table_quality": {"table_full_name": V, "evaluated_at": TS, "evaluated_date": DT, "status": V,
                           "freshness_status": V, "last_commit_time": TS, "predicted_commit_time": TS,
                           "completeness_status": V, "daily_row_count": B, "daily_row_count_min_predicted": B,
                           "daily_row_count_max_predicted": B, "total_row_count": B, "impact_level": INT,
                           "downstream_tables": B},
    "fact_lineage": {"source_table_full_name": V, "target_table_full_name": V, "source_type": V,
                     "target_type": V, "entity_type": V, "entity_id": V, "workspace_id": V, "job_id": V,
                     "first_seen": TS, "last_seen": TS, "events": B},
    "fact_column_lineage": {"source_table_full_name": V, "source_column_name": V, "target_table_full_name": V,
                            "target_column_name": V, "last_seen": TS, "events": B},
    "fact_grants": {"table_full_name": V, "table_catalog": V, "table_schema": V, "table_name": V, "grantor": V,
                    "grantee": V, "privilege_type": V, "is_grantable": BO, "inherited_from": V, "is_pii": BO,
                    "last_granted": TS},
}


@pytest.fixture(scope="module")
def gold(demo_dir: Path):
    con = duckdb.connect(str(demo_dir / "gold.duckdb"), read_only=True)
    yield con
    con.close()


def q(warehouse, sql: str, params: dict | None = None) -> list[dict]:
    return warehouse.query(sql, params or {}).rows


def one(warehouse, sql: str, params: dict | None = None) -> dict:
    rows = q(warehouse, sql, params)
    assert rows, f"no rows for: {sql}"
    return rows[0]


# -- contract ------------------------------------------------------------------------------------

def test_every_model_has_a_contract():
    assert {m.name for m in load_models()} == set(CONTRACT)


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_contract_columns_and_types(gold, table):
    rows = gold.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = 'health_monitor' and table_name = ? order by ordinal_position", [table]).fetchall()
    assert dict(rows) == CONTRACT[table]
    assert [r[0] for r in rows] == list(CONTRACT[table]), "column order changed"


@pytest.mark.parametrize("table", sorted(t for t in CONTRACT if not t.startswith("seed_")))
def test_contract_is_documented(table):
    doc = DOC.read_text()
    section = doc.split(f"### {table} ")[1].split("\n### ")[0] if f"### {table} " in doc else \
        doc.split(f"## {table} ")[1].split("\n## ")[0]
    missing = [c for c in CONTRACT[table] if c not in section]
    assert not missing, f"docs/gold-tables.md does not document {table}.{missing}"


def test_sql_files_follow_house_style():
    for model in load_models():
        if model.name.startswith("seed_"):
            continue
        text = model.sql
        assert text.startswith("-- purpose:"), model.name
        assert "-- grain:" in text and "-- params:" in text, model.name
        assert text.rstrip().endswith("select * from final"), model.name
        assert "lateral view" not in text.lower() and "unix_timestamp" not in text.lower(), model.name
        assert "record_type = 'ORIGINAL'" not in text, model.name


def test_meta_build(warehouse):
    row = one(warehouse, "select * from main.health_monitor.meta_build")
    assert row["as_of"] == AS_OF and row["source"] == "synthetic"
    assert str(row["as_of_date"]) == "2026-01-15"


# -- cost ----------------------------------------------------------------------------------------

DAILY = """
    select usage_date, list_cost from main.health_monitor.fact_workspace_daily
    where workspace_name = :ws and usage_date >= date_sub(cast(:as_of as date), 8)
      and usage_date < cast(:as_of as date)
    order by usage_date
"""


def test_ml_workspace_yesterday_jump(warehouse):
    rows = q(warehouse, DAILY, {**P, "ws": "ml-workspace"})
    assert len(rows) == 8
    yesterday = rows[-1]["list_cost"]
    trailing = sum(r["list_cost"] for r in rows[:-1]) / 7
    assert 2000 < yesterday < 2600
    assert 1.3 < yesterday / trailing < 1.6
    top = one(warehouse, """
        select job_name, sum(list_cost) as cost from main.health_monitor.fact_usage_daily
        where workspace_name = 'ml-workspace' and usage_date = date_sub(cast(:as_of as date), 1)
        group by job_name order by cost desc limit 1""", P)
    assert top["job_name"] == "ml_training"


def test_production_steady(warehouse):
    rows = q(warehouse, DAILY, {**P, "ws": "production"})
    avg = sum(r["list_cost"] for r in rows) / len(rows)
    assert 1650 < avg < 2050


def test_usage_keeps_every_record_and_retractions_cancel(warehouse):
    src = one(warehouse, """
        select count(*) as n, sum(cast(usage_quantity as double)) as qty,
               count_if(record_type = 'RETRACTION') as retractions
        from system.billing.usage""")
    gold = one(warehouse, """
        select count(*) as n, sum(usage_quantity) as qty, count_if(record_type = 'RETRACTION') as retractions,
               sum(case when record_type = 'RETRACTION' then list_cost end) as retracted,
               count_if(list_cost is null) as unpriced
        from main.health_monitor.fact_usage""")
    assert gold["n"] == src["n"] and gold["qty"] == pytest.approx(src["qty"])
    assert gold["retractions"] == src["retractions"] > 0
    assert gold["retracted"] < 0
    assert gold["unpriced"] == 0
    daily = one(warehouse, "select sum(list_cost) as c, sum(records) as n from main.health_monitor.fact_usage_daily")
    total = one(warehouse, "select sum(list_cost) as c from main.health_monitor.fact_usage")
    assert daily["n"] == gold["n"] and daily["c"] == pytest.approx(total["c"])


def test_untagged_dev_share(warehouse):
    row = one(warehouse, """
        select sum(case when not is_tagged then list_cost else 0 end) / sum(list_cost) as share
        from main.health_monitor.fact_usage_daily
        where workspace_name = 'dev' and usage_date >= date_sub(cast(:as_of as date), 30)""", P)
    assert 0.25 < row["share"] < 0.7


def test_budgets_ml_workspace_on_course_to_exceed(warehouse):
    rows = q(warehouse, """
        with daily as (select * from main.health_monitor.fact_workspace_daily),
        mtd as (
            select workspace_id, sum(list_cost) as mtd
            from daily
            where usage_date >= cast(date_trunc('MONTH', cast(:as_of as date)) as date)
              and usage_date < cast(:as_of as date)
            group by workspace_id),
        rate as (
            select workspace_id, avg(list_cost) as per_day
            from daily
            where usage_date >= date_sub(cast(:as_of as date), 7) and usage_date < cast(:as_of as date)
            group by workspace_id)
        select b.workspace_name, b.monthly_budget_usd,
               mtd.mtd + rate.per_day * (day(last_day(cast(:as_of as date))) - day(cast(:as_of as date)) + 1)
                   as projected
        from main.health_monitor.cfg_budgets b
        join mtd on b.workspace_id = mtd.workspace_id
        join rate on b.workspace_id = rate.workspace_id""", P)
    by_ws = {r["workspace_name"]: r for r in rows}
    assert set(by_ws) == {"production", "analytics", "ml-workspace", "dev", "staging"}
    for name, r in by_ws.items():
        over = r["projected"] > r["monthly_budget_usd"]
        assert over == (name == "ml-workspace"), (name, r)


# -- jobs ----------------------------------------------------------------------------------------

def test_ml_training_three_oom_failures_in_24h(warehouse):
    rows = q(warehouse, """
        select run_id, error_message from main.health_monitor.fact_job_run
        where job_name = 'ml_training' and is_failure
          and end_time > cast(:as_of as timestamp) - interval 24 hours""", P)
    assert len({r["run_id"] for r in rows}) == 3
    assert all("CUDA out of memory" in (r["error_message"] or "") for r in rows)
    daily = one(warehouse, """
        select sum(failed) as failed from main.health_monitor.fact_job_daily
        where job_name = 'ml_training' and run_date >= date_sub(cast(:as_of as date), 1)""", P)
    assert daily["failed"] == 3


def test_nightly_etl_failed_yesterday_schema_mismatch(warehouse):
    row = one(warehouse, """
        select start_time, end_time, error_message from main.health_monitor.fact_job_run
        where job_name = 'nightly_etl' and is_failure and run_date = date_sub(cast(:as_of as date), 1)""", P)
    assert row["end_time"].hour == 2
    assert "schema mismatch" in row["error_message"] and "main.sales.orders_raw" in row["error_message"]


def test_hourly_ingest_four_sla_breaches_in_7_days(warehouse):
    row = one(warehouse, """
        select count(distinct run_id) as n, min(sla_seconds) as sla from main.health_monitor.fact_job_run
        where job_name = 'hourly_ingest' and is_sla_breach
          and start_time >= cast(:as_of as timestamp) - interval 7 days""", P)
    assert row["n"] == 4 and row["sla"] == 900


def test_daily_report_runs_on_all_purpose(warehouse):
    job = one(warehouse, "select compute_type from main.health_monitor.dim_job where job_name = 'daily_report'")
    assert job["compute_type"] == "ALL_PURPOSE"
    runs = one(warehouse, """select count(*) as n, count_if(compute_type = 'ALL_PURPOSE') as ap
                             from main.health_monitor.fact_job_run where job_name = 'daily_report'""")
    assert runs["n"] > 20 and runs["ap"] == runs["n"]


def test_job_runs_are_counted_once(warehouse):
    dup = one(warehouse, """select count(*) as n from (select workspace_id, job_id, run_id, count(*) as c
                            from main.health_monitor.fact_job_run group by all having count(*) > 1)""")
    assert dup["n"] == 0
    runs = one(warehouse, "select count(distinct workspace_id || job_id || run_id) as n "
                          "from system.lakeflow.job_run_timeline")
    assert one(warehouse, "select count(*) as n from main.health_monitor.fact_job_run")["n"] == runs["n"]


# -- performance, reliability --------------------------------------------------------------------

def test_slowest_query_today(warehouse):
    row = one(warehouse, """
        select warehouse_name, executed_by, duration_seconds, read_bytes from main.health_monitor.fact_query
        where start_date = cast(:as_of as date) order by duration_seconds desc limit 1""", P)
    assert row["warehouse_name"] == "bi-warehouse" and row["executed_by"] == "analyst@company.com"
    assert 15 * 60 < row["duration_seconds"] < 21 * 60
    assert 1.5e12 < row["read_bytes"] < 2.6e12


def test_prod_etl_cluster_hot_yesterday(warehouse):
    row = one(warehouse, """
        select count_if(avg_worker_cpu_percent > 90) as hot_hours from main.health_monitor.fact_node_util
        where cluster_name = 'prod-etl-cluster' and usage_date = date_sub(cast(:as_of as date), 1)""", P)
    assert row["hot_hours"] >= 2


def test_analytics_adhoc_idle_with_long_auto_termination(warehouse):
    cl = one(warehouse, "select * from main.health_monitor.dim_cluster where cluster_name = 'analytics-adhoc'")
    assert cl["auto_termination_minutes"] == 120 and cl["compute_kind"] == "ALL_PURPOSE"
    util = one(warehouse, """select avg(avg_cpu_percent) as cpu from main.health_monitor.fact_node_util
                             where cluster_name = 'analytics-adhoc'""")
    assert util["cpu"] < 10


def test_bi_warehouse_long_auto_stop(warehouse):
    wh = one(warehouse, "select * from main.health_monitor.dim_warehouse where warehouse_name = 'bi-warehouse'")
    assert wh["auto_stop_minutes"] >= 60


def test_etl_warehouse_outage(warehouse):
    row = one(warehouse, """
        select sum(outage_seconds) as outage, sum(outages) as outages, min(availability) as worst
        from main.health_monitor.fact_warehouse_uptime_daily
        where warehouse_name = 'etl-warehouse' and usage_date >= date_sub(cast(:as_of as date), 7)""", P)
    assert 1.5 * 3600 < row["outage"] < 2.5 * 3600
    assert row["outages"] == 1 and row["worst"] < 1
    other = one(warehouse, """select sum(outage_seconds) as outage from main.health_monitor.fact_warehouse_uptime_daily
                              where warehouse_name = 'bi-warehouse'""")
    assert other["outage"] == 0


def test_serving_latency_per_endpoint(warehouse):
    row = one(warehouse, """select count(distinct endpoint_name) as n, min(latency_p50_ms) as p50,
                            sum(requests) as requests from main.health_monitor.fact_serving_daily""")
    assert row["n"] >= 10 and row["p50"] > 0 and row["requests"] > 0


# -- security ------------------------------------------------------------------------------------

def test_three_failed_logins_from_ip_yesterday_evening(warehouse):
    rows = q(warehouse, """
        select event_time from main.health_monitor.fact_audit
        where is_failed_login and source_ip_address = '192.168.1.100'
          and event_date = date_sub(cast(:as_of as date), 1)""", P)
    assert len(rows) == 3 and all(r["event_time"].hour >= 20 for r in rows)
    sec = one(warehouse, """select count(*) as n, max(severity) as sev from main.health_monitor.fact_security_event
                            where event_type = 'FAILED_LOGIN' and source_ip_address = '192.168.1.100'""")
    assert sec["n"] == 3 and sec["sev"] == "medium"


def test_user_after_hours_yesterday(warehouse):
    row = one(warehouse, """
        select count(*) as n, min(hour(event_time)) as first_h, max(hour(event_time)) as last_h
        from main.health_monitor.fact_audit
        where principal = 'user@company.com' and is_after_hours and event_date = date_sub(cast(:as_of as date), 1)
          and hour(event_time) < 7""", P)
    assert row["n"] > 0 and 2 <= row["first_h"] and row["last_h"] < 4


def test_contractors_grant_on_pii_table(warehouse):
    grant = one(warehouse, """select * from main.health_monitor.fact_grants
                              where grantee = 'contractors' and table_full_name = 'main.crm.customers'""")
    assert grant["privilege_type"] == "SELECT" and grant["is_pii"]
    event = one(warehouse, """
        select principal, event_date from main.health_monitor.fact_security_event
        where event_type = 'PERMISSION_CHANGE' and securable_full_name = 'main.crm.customers'
          and detail like '%contractors%'""")
    assert event["principal"] == "admin@company.com" and str(event["event_date"]) == "2026-01-13"


def test_analyst_reads_pii_repeatedly(warehouse):
    row = one(warehouse, """
        select count(*) as n, count(distinct event_date) as days from main.health_monitor.fact_audit
        where principal = 'analyst@company.com' and is_pii_access and securable_full_name = 'main.crm.customers'
          and event_date >= date_sub(cast(:as_of as date), 7)""", P)
    assert row["n"] >= 5 and row["days"] >= 3


def test_high_severity_only_today_and_it_is_a_no_expiry_token(warehouse):
    rows = q(warehouse, """select event_date, event_type, principal, is_service_principal
                           from main.health_monitor.fact_security_event
                           where severity = 'high' and event_date >= date_sub(cast(:as_of as date), 1)""", P)
    assert len(rows) == 1
    (row,) = rows
    assert str(row["event_date"]) == "2026-01-15" and row["event_type"] == "TOKEN_CREATED"
    assert row["is_service_principal"]


def test_denied_requests_are_security_events(warehouse):
    row = one(warehouse, """select count(*) as n from main.health_monitor.fact_security_event
                            where event_type = 'DENIED_REQUEST'""")
    assert row["n"] > 0


# -- data quality, governance --------------------------------------------------------------------

def test_orders_gold_stale(warehouse):
    row = one(warehouse, "select * from main.health_monitor.dim_table where table_full_name = 'main.sales.orders_gold'")
    assert 40 < row["hours_since_update"] < 60
    assert row["is_stale"] and 20 < row["expected_refresh_hours"] < 28
    fresh = one(warehouse, "select count(*) as n from main.health_monitor.dim_table where is_stale")
    assert fresh["n"] <= 3


def test_orders_gold_unhealthy_in_data_quality_monitoring(warehouse):
    """system.data_quality_monitoring.table_results carries the stale orders_gold: last two scans."""
    rows = warehouse.query("""
        select evaluated_date, freshness_status, completeness_status, impact_level, last_commit_time
        from main.health_monitor.fact_table_quality
        where table_full_name = 'main.sales.orders_gold' order by evaluated_date desc limit 3""").rows
    assert [r["freshness_status"] for r in rows] == ["Unhealthy", "Unhealthy", "Healthy"]
    assert [r["completeness_status"] for r in rows][:2] == ["Unhealthy", "Unhealthy"]
    assert rows[0]["impact_level"] == 3
    assert rows[0]["last_commit_time"] < datetime(2026, 1, 13, 6)
    others = warehouse.query("""
        select count(*) as n from main.health_monitor.fact_table_quality
        where table_full_name <> 'main.sales.orders_gold' and status <> 'Healthy'""").scalar()
    assert others == 0


def test_valid_amount_dropped_about_one_percent_yesterday(warehouse):
    row = one(warehouse, """
        select sum(failed_records) as failed, sum(passed_records) as passed, max(dropped_records) as dropped
        from main.health_monitor.fact_expectation
        where expectation_name = 'valid_amount' and pipeline_name = 'orders_pipeline'
          and event_date = date_sub(cast(:as_of as date), 1)""", P)
    rate = row["failed"] / (row["failed"] + row["passed"])
    assert 0.005 < rate < 0.02 and row["dropped"] > 0


def test_orders_silver_amount_drift(warehouse):
    rows = q(warehouse, """
        select window_start, avg from main.health_monitor.fact_table_profile
        where table_full_name = 'main.sales.orders_silver' and column_name = 'amount'
          and window_start >= cast(:as_of as timestamp) - interval 30 days
        order by window_start""", P)
    assert len(rows) >= 14
    recent = [r["avg"] for r in rows[-3:]]
    before = [r["avg"] for r in rows[:-7]]
    base = sum(before) / len(before)
    assert abs(sum(recent) / len(recent) - base) / base > 0.1


def test_pii_tables_and_missing_comments(warehouse):
    pii = one(warehouse, "select is_pii from main.health_monitor.dim_table where table_full_name = 'main.crm.customers'")
    assert pii["is_pii"]
    row = one(warehouse, """select count(*) as n, count_if(not has_comment and table_full_name like 'main.sales.%') as nc
                            from main.health_monitor.dim_table""")
    assert row["n"] >= 30 and row["nc"] >= 2


def test_gold_usage_lineage_runs_back_to_system_billing_usage(warehouse):
    rows = q(warehouse, """select source_table_full_name from main.health_monitor.fact_lineage
                           where target_table_full_name = 'main.health_monitor.fact_usage'""")
    assert "system.billing.usage" in {r["source_table_full_name"] for r in rows}
    chain = q(warehouse, """select target_table_full_name from main.health_monitor.fact_lineage
                            where source_table_full_name = 'main.sales.orders_silver'""")
    assert "main.sales.orders_gold" in {r["target_table_full_name"] for r in chain}


def test_lineage_keeps_the_writing_job_so_a_table_joins_to_its_runs(warehouse):
    rows = q(warehouse, """select distinct l.target_table_full_name, r.job_name
                           from main.health_monitor.fact_lineage l
                           join main.health_monitor.fact_job_run r
                             on r.job_id = l.job_id and r.workspace_id = l.workspace_id
                           where l.entity_type = 'JOB'""")
    writers = {r["target_table_full_name"]: r["job_name"] for r in rows}
    assert writers["main.sales.orders_gold"] == "nightly_etl"
    gold = q(warehouse, """select count(*) as n from main.health_monitor.fact_lineage
                           where entity_type = 'GOLD_BUILD' and job_id is not null""")
    assert gold[0]["n"] == 0


def test_users_and_service_principals(warehouse):
    rows = {r["principal"]: r["is_service_principal"] for r in
            q(warehouse, "select principal, is_service_principal from main.health_monitor.dim_user")}
    assert rows["analyst@company.com"] is False and rows["etl-sp"] is True
    assert 30 <= len(rows) <= 200


# -- the build itself ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def rebuilt(demo_dir: Path, tmp_path_factory):
    out = tmp_path_factory.mktemp("gold")
    report = build_gold(demo_dir / "system.duckdb", out / "gold.duckdb", progress=False)
    return out, report


def _snapshot(path: Path) -> dict[str, tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        out = {}
        for table in CONTRACT:
            cols = [c for c, t in CONTRACT[table].items() if t in (D,)]
            sums = ", ".join(f"round(sum({c}), 3)" for c in cols)
            out[table] = con.execute(
                f"select count(*){', ' + sums if sums else ''} from health_monitor.{table}").fetchone()
        return out
    finally:
        con.close()


def test_build_report_and_idempotence(demo_dir: Path, rebuilt):
    out, report = rebuilt
    assert set(report.rows) == set(CONTRACT) and report.as_of == AS_OF
    assert report.rows["fact_usage"] > 10_000 and report.total_seconds > 0
    first = _snapshot(out / "gold.duckdb")
    again = build_gold(demo_dir / "system.duckdb", out / "gold.duckdb", progress=False)
    assert again.rows == report.rows
    second = _snapshot(out / "gold.duckdb")
    for table in CONTRACT:
        if table == "meta_build":
            continue
        assert first[table] == second[table], table
    assert _snapshot(demo_dir / "gold.duckdb")["fact_usage"] == first["fact_usage"]


def test_failed_core_model_leaves_old_file_untouched(demo_dir: Path, rebuilt, monkeypatch, tmp_path):
    out, _ = rebuilt
    target = tmp_path / "gold.duckdb"
    shutil.copyfile(out / "gold.duckdb", target)
    before = target.read_bytes()
    broken = tuple(GoldModel(m.name, "select * from main.health_monitor.no_such_table", m.depends)
                   if m.name == "fact_usage" else m for m in load_models())
    monkeypatch.setattr("health_monitor.warehouse.gold.load_models", lambda: broken)
    with pytest.raises(WarehouseUnavailable, match="fact_usage"):
        build_gold(demo_dir / "system.duckdb", target, progress=False)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gold.duckdb"]


def test_failed_model_is_reported_and_the_build_goes_on(demo_dir: Path, monkeypatch, tmp_path):
    """A non-core model's failure skips its dependants with the reason; everything else builds."""
    broken = tuple(GoldModel(m.name, "select * from main.health_monitor_staging.billing__usage where nope = 1",
                             m.depends) if m.name == "dim_pipeline" else m for m in load_models())
    monkeypatch.setattr("health_monitor.warehouse.gold.load_models", lambda: broken)
    report = build_gold(demo_dir / "system.duckdb", tmp_path / "gold.duckdb", progress=False).build
    assert report.ok
    assert report.entry("dim_pipeline").status == "failed" and "nope" in report.entry("dim_pipeline").reason
    skipped = report.entry("fact_expectation")
    assert skipped.status == "skipped" and "dim_pipeline (failed)" in skipped.reason
    assert report.entry("fact_usage").status == "built"
    con = duckdb.connect(str(tmp_path / "gold.duckdb"), read_only=True)
    stored = dict(con.execute("select name, status from health_monitor.meta_build_report where kind = 'model'")
                  .fetchall())
    con.close()
    assert stored["dim_pipeline"] == "failed" and stored["fact_expectation"] == "skipped"


def test_missing_or_corrupt_system_file(tmp_path):
    with pytest.raises(DemoNotBuilt, match="health-monitor demo"):
        build_gold(tmp_path / "system.duckdb", tmp_path / "gold.duckdb", progress=False)
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"not a duckdb file" * 100)
    with pytest.raises(WarehouseUnavailable, match="health-monitor demo"):
        build_gold(bad, tmp_path / "gold.duckdb", progress=False)
    assert not (tmp_path / "gold.duckdb").exists()


def test_databricks_statements(monkeypatch):
    from health_monitor.core.settings import Settings

    settings = Settings(gold_catalog="ops", gold_schema="hm")
    statements = list(databricks_build_sql(settings))
    assert statements[:2] == ["create schema if not exists ops.hm", "create schema if not exists ops.hm_staging"]
    views = [s for s in statements if s.upper().startswith("CREATE OR REPLACE VIEW OPS.HM_STAGING.")]
    assert len(views) == len(SOURCES) + 2  # every system source, the event logs and the profile tables
    statements = statements[:1] + statements[2 + len(views):]
    assert len(statements) == len(load_models()) + 1
    assert all(s.upper().startswith("CREATE OR REPLACE TABLE OPS.HM.") for s in statements[1:])
    joined = "\n".join(re.sub(r"/\*.*?\*/", "", s, flags=re.S) for s in statements)
    assert ":as_of" not in joined
    tables = {f"{t.catalog}.{t.db}" for s in statements[1:]
              for t in sqlglot.parse_one(s, read="databricks").find_all(sqlglot.exp.Table) if t.db}
    assert "main.health_monitor" not in tables and "ops.hm" in tables
    meta = statements[1]
    assert "meta_build" in meta.split("\n")[0] and "CURRENT_TIMESTAMP" in meta.upper()
    assert "(SELECT as_of FROM ops.hm.meta_build)" in joined
    assert [n for n, _ in gold_statements("spark")] == [m.name for m in load_models()]


def test_warehouse_hours_show_bi_warehouse_idle_and_sum_to_usage(warehouse):
    """The hourly warehouse table keeps every dollar of warehouse usage and exposes idle billed hours."""
    totals = warehouse.query("""
        select
            (select sum(list_cost) from main.health_monitor.fact_warehouse_hourly) as hourly,
            (select sum(list_cost) from main.health_monitor.fact_usage where warehouse_id is not null) as usage
    """).rows[0]
    assert totals["hourly"] == pytest.approx(totals["usage"], rel=1e-9)
    idle = warehouse.query("""
        select w.warehouse_name, avg(case when h.statements = 0 then 1.0 else 0.0 end) as idle_share
        from main.health_monitor.fact_warehouse_hourly as h
        join main.health_monitor.dim_warehouse as w using (workspace_id, warehouse_id)
        group by w.warehouse_name
    """).rows
    share = {r["warehouse_name"]: r["idle_share"] for r in idle}
    assert share["bi-warehouse"] > 0.2, share  # long auto-stop: billed hours with nothing running
