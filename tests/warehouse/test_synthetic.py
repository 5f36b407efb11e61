"""The synthetic account: every incident of the demo scenario is visible in the system tables."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pytest
from health_monitor.warehouse.synthetic import generate

from health_monitor.core.errors import ConfigError

AS_OF = datetime(2026, 1, 15, 9, 0, tzinfo=timezone.utc)
YESTERDAY = "date '2026-01-14'"

COST_BY_DAY = """
select w.workspace_name as ws, u.usage_date as d,
       sum(cast(u.usage_quantity as double) * cast(p.pricing.effective_list.default as double)) as usd
from billing.usage u
join billing.list_prices p on u.sku_name = p.sku_name and u.cloud = p.cloud and u.usage_unit = p.usage_unit
     and u.usage_end_time >= p.price_start_time and (p.price_end_time is null or u.usage_end_time < p.price_end_time)
join access.workspaces_latest w using (workspace_id)
group by all
"""


def _gen(path: Path, **kw):
    return generate(path, seed=42, as_of=AS_OF, scale=1, progress=False, **kw)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("syn") / "system.duckdb"
    report = _gen(path)
    con = duckdb.connect(str(path), read_only=True)
    yield con, report
    con.close()


@pytest.fixture(scope="module")
def quiet(tmp_path_factory):
    path = tmp_path_factory.mktemp("quiet") / "system.duckdb"
    _gen(path, incidents=False)
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


def one(con, sql):
    return con.execute(sql).fetchone()[0]


def cost(con, ws, where):
    return one(con, f"select sum(usd) / count(distinct d) from ({COST_BY_DAY}) where ws = '{ws}' and {where}")


# --- shape ------------------------------------------------------------------------------------

def test_every_table_of_the_schema_is_filled_and_meta_records_the_instant(demo):
    con, report = demo
    assert report.seconds < 30  # ~3 s on an idle 2-core machine
    empty = [t for t, n in report.rows.items() if n == 0]
    assert not empty
    assert len(report.rows) >= 31
    assert 60_000 <= report.rows["billing.usage"] <= 200_000
    assert con.execute("select as_of, seed, scale from meta.generation").fetchall() == [
        (datetime(2026, 1, 15, 9, 0), 42, 1.0)]
    assert one(con, "select min(usage_date) from billing.usage") <= datetime(2025, 10, 17).date()


def test_named_entities_exist(demo):
    con, _ = demo
    names = {r[0] for r in con.execute("select workspace_name from access.workspaces_latest").fetchall()}
    assert names == {"production", "analytics", "ml-workspace", "dev", "staging"}
    assert all(r[0].isdigit() for r in con.execute("select workspace_id from access.workspaces_latest").fetchall())
    jobs = {r[0] for r in con.execute("select distinct name from lakeflow.jobs").fetchall()}
    assert {"nightly_etl", "hourly_ingest", "ml_training", "feature_refresh", "daily_report"} <= jobs
    assert 20 <= len(jobs) <= 30
    assert one(con, "select count(distinct endpoint_name) from serving.served_entities") == 17
    assert one(con, "select count(*) from uc_information_schema.tables") >= 30
    assert one(con, "select count(*) from uc_information_schema.tables where table_catalog = 'main' "
                    "and table_schema = 'sales' and comment is null") >= 3
    assert one(con, "select count(*) from uc_information_schema.table_tags where table_name = 'customers' "
                    "and tag_name = 'pii' and tag_value = 'true'") == 1
    assert one(con, "select count(distinct grantee) from uc_information_schema.table_privileges "
                    "where table_catalog = 'finance' and privilege_type = 'MODIFY'") >= 2
    assert one(con, "select count(*) from lakeflow.jobs where name = 'hourly_ingest' and "
                    "list_contains(health_rules, {'metric': 'RUN_DURATION_SECONDS', 'operator': 'GREATER_THAN', "
                    "'value': 900})") >= 1
    assert one(con, "select count(*) from billing.usage where record_type = 'RETRACTION'") > 0
    assert one(con, "select count(distinct pricing.effective_list.default) from billing.list_prices "
                    "where sku_name = 'PREMIUM_JOBS_COMPUTE'") == 2


# --- cost -------------------------------------------------------------------------------------

def test_ml_workspace_spike_yesterday_driven_by_ml_training(demo):
    con, _ = demo
    yday = cost(con, "ml-workspace", f"d = {YESTERDAY}")
    trailing = cost(con, "ml-workspace", "d between date '2026-01-07' and date '2026-01-13'")
    assert 2100 <= yday <= 2500 and 1450 <= trailing <= 1750
    assert 1.35 <= yday / trailing <= 1.60
    top = con.execute(f"""
        select u.usage_metadata.job_name, any_value(u.usage_metadata.node_type), sum(u.usage_quantity::double) q
        from billing.usage u join access.workspaces_latest w using (workspace_id)
        where w.workspace_name = 'ml-workspace' and u.usage_date = {YESTERDAY} and u.usage_metadata.job_name is not null
        group by 1 order by 3 desc limit 1""").fetchone()
    assert top[0] == "ml_training" and top[1] == "g5.12xlarge"


def test_production_steady_analytics_up_and_ml_budget_overrun(demo):
    con, _ = demo
    prod = [cost(con, "production", f"d = date '2026-01-{d:02d}'") for d in range(1, 15)]
    assert all(1750 <= v <= 1950 for v in prod)
    last7 = cost(con, "analytics", "d between date '2026-01-08' and date '2026-01-14'")
    prev7 = cost(con, "analytics", "d between date '2026-01-01' and date '2026-01-07'")
    assert 1.06 <= last7 / prev7 <= 1.18
    mtd = one(con, f"select sum(usd) from ({COST_BY_DAY}) where ws = 'ml-workspace' and d >= date '2026-01-01'")
    elapsed_days = 14 + 9 / 24
    assert mtd / elapsed_days * 31 > 55_000


def test_untagged_dev_share(demo):
    con, _ = demo
    share = one(con, """select sum(usage_quantity::double) filter (where cardinality(custom_tags) = 0)
                               / sum(usage_quantity::double)
                        from billing.usage join access.workspaces_latest using (workspace_id)
                        where workspace_name = 'dev'""")
    assert 0.2 <= share <= 0.8
    assert one(con, """select count(*) from billing.usage join access.workspaces_latest using (workspace_id)
                       where workspace_name = 'production' and cardinality(custom_tags) = 0""") == 0


def test_daily_report_runs_on_all_purpose_compute(demo):
    con, _ = demo
    cluster = one(con, """select distinct compute_ids[1] from lakeflow.job_run_timeline where run_name = 'daily_report'""")
    row = con.execute(f"""select cluster_name, cluster_source, auto_termination_minutes from compute.clusters
                         where cluster_id = '{cluster}' order by change_time desc limit 1""").fetchone()
    assert row == ("analytics-adhoc", "UI", 120)
    assert one(con, f"""select count(*) from billing.usage where usage_metadata.cluster_id = '{cluster}'
                        and usage_metadata.job_id is null and billing_origin_product = 'ALL_PURPOSE'""") > 100
    assert one(con, "select count(*) from billing.usage where usage_metadata.job_name = 'daily_report'") == 0


# --- jobs and performance ---------------------------------------------------------------------

def test_ml_training_failed_three_times_with_cuda_oom(demo):
    con, _ = demo
    assert one(con, """select count(distinct run_id) from lakeflow.job_run_timeline where run_name = 'ml_training'
                       and result_state = 'FAILED' and period_end_time >= timestamp '2026-01-14 09:00'""") == 3
    msgs = con.execute("""select response.error_message from access.audit where service_name = 'jobs'
                          and action_name = 'runFailed' and request_params['jobName'] = 'ml_training'
                          and event_time >= timestamp '2026-01-14 09:00'""").fetchall()
    assert len(msgs) == 3 and all("CUDA out of memory" in m[0] for m in msgs)


def test_nightly_etl_failed_yesterday_with_schema_mismatch(demo):
    con, _ = demo
    end = one(con, f"""select max(period_end_time) from lakeflow.job_run_timeline where run_name = 'nightly_etl'
                       and result_state = 'FAILED' and period_end_time::date = {YESTERDAY}""")
    assert end is not None and end.hour == 2 and 10 <= end.minute <= 20
    msg = one(con, f"""select response.error_message from access.audit where action_name = 'runFailed'
                       and request_params['jobName'] = 'nightly_etl' and event_date = {YESTERDAY}""")
    assert "main.sales.orders_raw" in msg and "schema mismatch" in msg
    assert one(con, """select data_type from uc_information_schema.columns where table_name = 'orders_raw'
                       and column_name = 'amount'""") == "STRING"


def test_hourly_ingest_breached_sla_four_times(demo):
    con, _ = demo
    assert one(con, """select count(distinct run_id) from lakeflow.job_run_timeline where run_name = 'hourly_ingest'
                       and run_duration_seconds > 900 and period_start_time >= timestamp '2026-01-08 09:00'""") == 4


def test_slowest_query_today(demo):
    con, _ = demo
    row = con.execute("""select q.executed_by, q.total_duration_ms, q.read_bytes, w.warehouse_name
                         from query.history q join (select distinct warehouse_id, warehouse_name from compute.warehouses) w
                           on w.warehouse_id = q.compute.warehouse_id
                         where q.start_time >= timestamp '2026-01-15' order by total_duration_ms desc limit 1""").fetchone()
    assert row[0] == "analyst@company.com" and row[3] == "bi-warehouse"
    assert 16 * 60_000 <= row[1] <= 20 * 60_000 and 1.8e12 <= row[2] <= 2.2e12


def test_prod_etl_cluster_hot_yesterday_and_analytics_adhoc_idle(demo):
    con, _ = demo
    hot_hours = one(con, f"""
        select count(*) from (
            select date_trunc('hour', start_time) h, avg(cpu_user_percent + cpu_system_percent) cpu
            from compute.node_timeline n join (select distinct cluster_id, cluster_name from compute.clusters) c
              using (cluster_id)
            where c.cluster_name = 'prod-etl-cluster' and start_time::date = {YESTERDAY} and not driver
            group by 1) where cpu > 90""")
    assert hot_hours >= 3
    idle = one(con, """select avg((cpu_user_percent + cpu_system_percent < 5)::int) from compute.node_timeline n
                       join (select distinct cluster_id, cluster_name from compute.clusters) c using (cluster_id)
                       where c.cluster_name = 'analytics-adhoc'""")
    assert idle > 0.8


def test_bi_warehouse_long_auto_stop_and_etl_warehouse_outage(demo):
    con, _ = demo
    assert one(con, """select auto_stop_minutes from compute.warehouses where warehouse_name = 'bi-warehouse'
                       order by change_time desc limit 1""") >= 120
    events = con.execute("""select event_type, event_time from compute.warehouse_events e
                            join (select distinct warehouse_id, warehouse_name from compute.warehouses) w using (warehouse_id)
                            where w.warehouse_name = 'etl-warehouse' and event_type in ('STOPPED', 'RUNNING', 'STARTING')
                              and event_time::date = date '2026-01-10' order by event_time""").fetchall()
    stopped = next(t for e, t in events if e == "STOPPED")
    running = next(t for e, t in events if e == "RUNNING" and t > stopped)
    assert 1.5 * 3600 <= (running - stopped).total_seconds() <= 2.5 * 3600
    assert one(con, """select count(*) from query.history where execution_status = 'FAILED'
                       and error_message like '%etl-warehouse is not available%'""") >= 3


# --- security ---------------------------------------------------------------------------------

def test_three_failed_logins_from_one_ip_yesterday_evening(demo):
    con, _ = demo
    rows = con.execute(f"""select event_time from access.audit where response.status_code = 401
                           and source_ip_address = '192.168.1.100' and event_date = {YESTERDAY}""").fetchall()
    assert len(rows) == 3 and all(r[0].hour >= 20 for r in rows)
    assert one(con, "select count(*) from access.audit where source_ip_address = '192.168.1.100'") == 3


def test_user_active_after_hours_yesterday(demo):
    con, _ = demo
    n = one(con, f"""select count(*) from access.audit where user_identity.email = 'user@company.com'
                     and event_date = {YESTERDAY} and hour(event_time) between 2 and 3""")
    assert n >= 5
    assert one(con, """select count(*) from access.audit where user_identity.email = 'user@company.com'
                       and (hour(event_time) < 7 or hour(event_time) >= 20) and event_date <> date '2026-01-14'""") == 0


def test_grant_to_contractors_in_audit_and_privileges(demo):
    con, _ = demo
    row = con.execute("""select user_identity.email, event_date, request_params['changes'] from access.audit
                         where action_name = 'updatePermissions'
                           and request_params['securable_full_name'] = 'main.crm.customers'""").fetchone()
    assert row[0] == "admin@company.com" and str(row[1]) == "2026-01-13" and "contractors" in row[2]
    assert one(con, """select count(*) from uc_information_schema.table_privileges where grantee = 'contractors'
                       and table_schema = 'crm' and table_name = 'customers' and privilege_type = 'SELECT'""") == 1


def test_analyst_reads_pii_repeatedly(demo):
    con, _ = demo
    days = one(con, """select count(distinct event_date) from access.audit where user_identity.email = 'analyst@company.com'
                       and request_params['full_name_arg'] = 'main.crm.customers' and event_date >= date '2026-01-08'""")
    assert days >= 5
    assert one(con, """select count(*) from query.history where executed_by = 'analyst@company.com'
                       and statement_text like '%main.crm.customers%'""") >= 10


def test_token_without_expiry_today_by_service_principal(demo):
    con, _ = demo
    rows = con.execute("""select user_identity.email from access.audit where action_name = 'generateDbToken'
                          and coalesce(request_params['lifetime_seconds'], '0') in ('0', '-1')""").fetchall()
    assert rows == [("automation-sp",)]
    assert one(con, """select event_date from access.audit where action_name = 'generateDbToken'
                       and request_params['lifetime_seconds'] is null""") == datetime(2026, 1, 15).date()
    assert one(con, """select count(distinct action_name) from access.audit where user_identity.email = 'automation-sp'
                       and event_date >= date '2026-01-08'""") >= 4


def test_denied_requests_and_injection_strings(demo):
    con, _ = demo
    assert one(con, """select count(distinct user_identity.email) from access.audit where response.status_code = 403
                       and event_date >= date '2026-01-08'""") >= 5
    assert one(con, """select count(*) from access.audit where lower(map_values(request_params)::varchar)
                       like '%ignore previous instructions%'""") >= 1
    assert one(con, """select count(*) from access.audit where map_values(request_params)::varchar like '%DROP TABLE%'""") >= 1


# --- data quality, governance, serving ----------------------------------------------------------

def test_orders_gold_stale_and_valid_amount_drops(demo):
    con, _ = demo
    altered = one(con, "select last_altered from uc_information_schema.tables where table_name = 'orders_gold'")
    assert 1.8 <= (datetime(2026, 1, 15, 9) - altered).total_seconds() / 86400 <= 2.5
    rate = one(con, f"""
        with e as (select unnest(from_json(details::json -> '$.flow_progress.data_quality.expectations',
                                           '[{{"name":"VARCHAR","passed_records":"BIGINT","failed_records":"BIGINT"}}]')) x
                   from published.pipeline_event_log where event_type = 'flow_progress'
                     and origin.pipeline_name = 'orders_pipeline' and "timestamp"::date = {YESTERDAY})
        select sum(x.failed_records) / sum(x.failed_records + x.passed_records) from e where x.name = 'valid_amount'""")
    assert 0.007 <= rate <= 0.013


def test_orders_silver_amount_drift(demo):
    con, _ = demo
    # Lakehouse Monitoring writes one *_profile_metrics table per monitored table (no table-name column)
    recent = one(con, """select avg(avg) from published.orders_silver_profile_metrics
                         where column_name = 'amount' and "window"."start" >= timestamp '2026-01-09'""")
    before = one(con, """select avg(avg) from published.orders_silver_profile_metrics
                         where column_name = 'amount' and "window"."start" < timestamp '2026-01-08'""")
    assert recent / before > 1.2
    assert one(con, """select count(distinct column_name) from published.orders_raw_profile_metrics
                       where percent_null > 0""") >= 3


def test_lineage_and_serving(demo):
    con, _ = demo
    assert one(con, """select count(*) from access.table_lineage where source_table_full_name = 'system.billing.usage'
                       and target_table_full_name = 'main.health_monitor.fact_usage'""") > 0
    assert one(con, """select count(*) from access.table_lineage where source_table_name = 'orders_silver'
                       and target_table_name = 'orders_gold'""") > 0
    # A job's lineage rows carry the writer as the real table does: entity_id and entity_metadata.job_info.
    assert one(con, """select count(*) from access.table_lineage where entity_type = 'JOB'
                       and (entity_metadata.job_info.job_id is null or entity_metadata.job_info.job_id != entity_id
                            or entity_run_id is null)""") == 0
    live = one(con, """select entity_version from serving.served_entities where endpoint_name = 'security-threat-endpoint'
                       order by change_time desc limit 1""")
    assert live == "3"
    assert one(con, """select count(distinct endpoint_name) from ai_gateway.usage where latency_ms > 0""") == 17


# --- determinism, quiet mode, validation --------------------------------------------------------

def test_same_seed_same_data(demo, tmp_path):
    con, report = demo
    again = _gen(tmp_path / "again.duckdb")
    assert again.rows == report.rows
    other = duckdb.connect(str(tmp_path / "again.duckdb"), read_only=True)
    # to a thousandth: the generated doubles (and their sum's order across DuckDB's threads) can differ in the
    # last bits between two runs, ~1e-10 on a total of millions
    sql = "select round(sum(usage_quantity::decimal(38, 10)), 3), count(distinct record_id) from billing.usage"
    assert other.execute(sql).fetchone() == con.execute(sql).fetchone()
    other.close()


def test_quiet_account_has_no_incidents(quiet):
    con = quiet
    assert one(con, "select count(*) from access.audit where source_ip_address = '192.168.1.100'") == 0
    assert one(con, "select count(*) from access.audit where action_name = 'updatePermissions'") == 0
    assert one(con, "select count(*) from uc_information_schema.table_privileges where grantee = 'contractors'") == 0
    assert one(con, "select count(*) from access.audit where response.error_message like '%CUDA%'") == 0
    assert one(con, "select count(*) from access.audit where response.error_message like '%schema mismatch%'") == 0
    assert one(con, """select count(*) from access.audit where user_identity.email = 'user@company.com'
                       and hour(event_time) between 2 and 3""") == 0
    assert one(con, """select count(*) from lakeflow.job_run_timeline where run_name = 'hourly_ingest'
                       and run_duration_seconds > 900""") == 0
    assert one(con, "select max(total_duration_ms) from query.history") < 16 * 60_000
    assert one(con, """select count(*) from access.audit where action_name = 'generateDbToken'
                       and request_params['lifetime_seconds'] is null""") == 0
    altered = one(con, "select last_altered from uc_information_schema.tables where table_name = 'orders_gold'")
    assert (datetime(2026, 1, 15, 9) - altered).total_seconds() < 86400
    yday = cost(con, "ml-workspace", f"d = {YESTERDAY}")
    trailing = cost(con, "ml-workspace", "d between date '2026-01-07' and date '2026-01-13'")
    assert yday / trailing < 1.15
    assert one(con, """select count(*) from compute.warehouse_events where event_type = 'STOPPED'""") == 0
    hot = one(con, """select max(cpu_user_percent) from compute.node_timeline n
                      join (select distinct cluster_id, cluster_name from compute.clusters) c using (cluster_id)
                      where c.cluster_name = 'prod-etl-cluster'""")
    assert hot < 90
    assert one(con, "select count(*) from access.workspaces_latest") == 5


@pytest.mark.parametrize("scale", [0, -1, float("nan")])
def test_bad_scale_raises_config_error(tmp_path, scale):
    with pytest.raises(ConfigError, match="scale"):
        generate(tmp_path / "x.duckdb", scale=scale, progress=False)
    assert not list(tmp_path.iterdir())


def test_unwritable_dir_raises_and_leaves_nothing(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(ConfigError, match="not writable"):
        _gen(blocker / "data" / "system.duckdb")
    assert [p.name for p in tmp_path.iterdir()] == ["not-a-dir"]
    if os.geteuid() != 0:  # root ignores permissions
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        try:
            with pytest.raises(ConfigError):
                _gen(locked / "system.duckdb")
            assert not list(locked.iterdir())
        finally:
            locked.chmod(0o700)


def test_naive_as_of_is_taken_as_utc(tmp_path):
    report = generate(tmp_path / "n.duckdb", as_of=datetime(2026, 1, 15, 9, 0), scale=0.2, progress=False)
    assert report.as_of == AS_OF
