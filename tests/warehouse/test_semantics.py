"""Semantics a real account needs, each shown on a handful of synthetic rows through staging and Gold.

A tiny system file (the contract's DDL, so real columns and types) gets only the rows a rule needs;
the whole Gold build runs over it and the rule is read back from Gold.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from health_monitor.warehouse.gold import build_gold
from health_monitor.warehouse.synthetic.schema import schema_ddl

AS_OF = datetime(2026, 1, 15, 9, 0)
DAY = "2026-01-10"

ROWS = [
    "insert into access.workspaces_latest values ('acc', '1001', 'prod', 'https://prod', '2024-01-01', 'RUNNING')",
    """insert into billing.list_prices (account_id, price_start_time, price_end_time, sku_name, cloud, currency_code,
           usage_unit, pricing)
       values ('acc', '2025-01-01', null, 'PREMIUM_JOBS_COMPUTE', 'AWS', 'USD', 'DBU',
               {'default': 0.15, 'effective_list': {'default': 0.15}})""",
    # a correction: ORIGINAL 10, RETRACTION -10, RESTATEMENT 9 DBU; and storage in another unit, unpriced
    *[f"""insert into billing.usage (record_id, account_id, workspace_id, sku_name, cloud, usage_start_time,
             usage_end_time, usage_date, usage_unit, usage_quantity, record_type, billing_origin_product,
             usage_metadata, custom_tags)
         values ('{rid}', 'acc', '1001', '{sku}', 'AWS', '{DAY} 01:00', '{DAY} 02:00', '{DAY}', '{unit}', {qty},
                 '{kind}', '{product}', {{'job_id': null}}, map {{}})"""
      for rid, sku, unit, qty, kind, product in [
          ("r1", "PREMIUM_JOBS_COMPUTE", "DBU", 10, "ORIGINAL", "JOBS"),
          ("r2", "PREMIUM_JOBS_COMPUTE", "DBU", -10, "RETRACTION", "JOBS"),
          ("r3", "PREMIUM_JOBS_COMPUTE", "DBU", 9, "RESTATEMENT", "JOBS"),
          ("r4", "PREMIUM_DEFAULT_STORAGE", "GIBIBYTE_HOUR", 1000, "ORIGINAL", "DEFAULT_STORAGE"),
      ]],
    # j1 has no health rules (a job untouched since before December 2025); j2 has a 60 s duration rule
    """insert into lakeflow.jobs (account_id, workspace_id, job_id, name, change_time, health_rules)
       values ('acc', '1001', 'j1', 'legacy_job', '2025-06-01', null),
              ('acc', '1001', 'j2', 'ruled_job', '2025-12-20',
               [{'metric': 'RUN_DURATION_SECONDS', 'operator': 'GREATER_THAN', 'value': 60}])""",
    f"""insert into lakeflow.job_run_timeline (account_id, workspace_id, job_id, run_id, period_start_time,
           period_end_time, run_type, result_state, termination_code)
       values ('acc', '1001', 'j1', 'run1', '{DAY} 03:00', '{DAY} 03:02', 'JOB_RUN', 'FAILED', 'DRIVER_ERROR'),
              ('acc', '1001', 'j2', 'run2', '{DAY} 04:00', '{DAY} 04:02', 'JOB_RUN', 'SUCCEEDED', 'SUCCESS')""",
    # the Beta AI Gateway table is absent (not enabled): serving latency must read "not measured"
    "drop table ai_gateway.usage",
    # jobs/runFailed as real accounts log it: ids only, no error text; and an account-level login
    f"""insert into access.audit (account_id, workspace_id, event_time, event_date, service_name, action_name,
           request_params, response, user_identity, event_id, audit_level)
       values ('acc', '1001', '{DAY} 03:02', '{DAY}', 'jobs', 'runFailed',
               map {{'jobId': 'j1', 'runId': 'run1', 'multitaskParentRunId': 'run1'}},
               {{'status_code': 200}}, {{'email': 'System-User'}}, 'e1', 'WORKSPACE_LEVEL'),
              ('acc', '0', '{DAY} 05:00', '{DAY}', 'accounts', 'login', map {{}},
               {{'status_code': 200}}, {{'email': 'admin@company.com'}}, 'e2', 'ACCOUNT_LEVEL')""",
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("semantics")


@pytest.fixture(scope="module")
def gold(folder: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(folder / "system.duckdb"))
    for statement in schema_ddl():
        con.execute(statement)
    for statement in ROWS:
        con.execute(statement)
    con.execute("insert into meta.generation values (?, 1, 1, ?)", [AS_OF, AS_OF])
    con.close()
    report = build_gold(folder / "system.duckdb", folder / "gold.duckdb", progress=False)
    assert report.build.ok
    gold = duckdb.connect(str(folder / "gold.duckdb"), read_only=True)
    yield gold
    gold.close()


def one(con, sql: str) -> tuple:
    return con.execute(sql).fetchone()


def test_retraction_and_restatement_cancel(gold):
    qty, cost = one(gold, "select sum(usage_quantity), sum(list_cost) from health_monitor.fact_usage "
                          "where usage_unit = 'DBU'")
    assert qty == pytest.approx(9.0) and cost == pytest.approx(9 * 0.15)


def test_quantities_are_summed_within_one_unit(gold):
    dbus, = one(gold, f"select usage_quantity from health_monitor.fact_workspace_daily where usage_date = '{DAY}'")
    assert dbus == pytest.approx(9.0)  # not 1009: storage GiB-hours are not DBUs
    rows = gold.execute("select usage_unit, usage_quantity, dbus from health_monitor.fact_usage_daily "
                        "order by usage_unit").fetchall()
    assert rows == [("DBU", pytest.approx(9.0), pytest.approx(9.0)),
                    ("GIBIBYTE_HOUR", pytest.approx(1000.0), pytest.approx(0.0))]


def test_unpriced_usage_is_reported_not_priced_at_zero(gold):
    priced, cost = one(gold, "select is_priced, list_cost from health_monitor.fact_usage where record_id = 'r4'")
    assert priced is False and cost is None
    cost, unpriced = one(gold, "select list_cost, unpriced_records from health_monitor.fact_usage_daily "
                               "where usage_unit = 'GIBIBYTE_HOUR'")
    assert cost is None and unpriced == 1
    unpriced, = one(gold, f"select unpriced_records from health_monitor.fact_workspace_daily where usage_date = '{DAY}'")
    assert unpriced == 1


def test_sla_is_not_measured_without_health_rules(gold):
    runs = dict(gold.execute("select job_id, is_sla_breach from health_monitor.fact_job_run").fetchall())
    assert runs == {"j1": None, "j2": True}
    daily = dict(gold.execute("select job_id, sla_breaches from health_monitor.fact_job_daily "
                              f"where run_date = '{DAY}'").fetchall())
    assert daily == {"j1": None, "j2": 1}


def test_failed_run_without_audit_error_text_falls_back_to_termination_code(gold):
    message, = one(gold, "select error_message from health_monitor.fact_job_run where run_id = 'run1'")
    assert message == "termination code DRIVER_ERROR"
    message, = one(gold, "select error_message from health_monitor.fact_job_run where run_id = 'run2'")
    assert message is None


def test_account_level_audit_rows_have_workspace_zero(gold):
    row = one(gold, "select workspace_id, workspace_name from health_monitor.fact_audit where event_id = 'e2'")
    assert row == ("0", "(account)")


def test_tool_on_a_degraded_model_says_not_measured(gold, folder: Path):
    """A missing optional source degrades the model; a tool reading it says why, never just 'no rows'."""
    from health_monitor.tools.executor import run_tool
    from health_monitor.warehouse.duckdb_backend import DuckDBWarehouse

    status, reason, fix = one(gold, "select status, reason, fix from health_monitor.meta_build_report "
                                    "where name = 'fact_serving_daily'")
    assert status == "degraded" and "system.ai_gateway.usage" in reason and "AI Gateway" in fix
    wh = DuckDBWarehouse(folder / "system.duckdb", folder / "gold.duckdb")
    try:
        result = run_tool("get_service_health", {}, warehouse=wh)
        untouched = run_tool("get_failed_jobs", {}, warehouse=wh)
    finally:
        wh.close()
    assert result.ok, result.error
    assert result.message.startswith("not measured") and "ai_gateway" in result.message
    assert "not measured" not in (untouched.message or "")
