"""Every tool runs with its defaults on the demo account and returns the scenario's facts."""

from __future__ import annotations

from datetime import date

import pytest

YESTERDAY = date(2026, 1, 14)


def rows(executor, name, **args):
    res = executor.run(name, args)
    assert res.ok, res.error
    return res.rows


def test_every_tool_runs_with_defaults(executor, registry):
    failures = {}
    for tool in registry:
        res = executor.run(tool)
        if not res.ok:
            failures[tool.name] = res.error
            continue
        expected = executor._output_columns(tool)
        assert res.columns == expected, f"{tool.name}: columns {res.columns} != contract {expected}"
    assert not failures, failures


# --- cost -------------------------------------------------------------------------------------------
def test_cost_anomaly_ml_workspace_yesterday(executor):
    hits = [r for r in rows(executor, "get_cost_anomalies") if r["workspace_name"] == "ml-workspace"]
    assert any(r["usage_date"] == YESTERDAY and 30 <= r["pct_change"] <= 65 for r in hits), hits


def test_daily_cost_and_top_driver(executor):
    daily = rows(executor, "get_daily_cost_summary", start_date="2026-01-14", end_date="2026-01-14")
    ml = next(r for r in daily if r["workspace_name"] == "ml-workspace")
    assert 1900 < ml["list_cost"] < 2800 and ml["net_cost"] == pytest.approx(ml["list_cost"])
    top = rows(executor, "get_top_cost_drivers", top_n=3)
    assert top[0]["driver_name"] == "ml_training" and len(top) == 3


def test_warehouse_cost_by_user_shares_out_each_warehouses_whole_spend(executor):
    shares = rows(executor, "get_warehouse_cost_by_user", top_n=100)
    assert shares and len(shares) < 100
    for name in {r["warehouse_name"] for r in shares}:
        mine = [r for r in shares if r["warehouse_name"] == name]
        assert sum(r["allocated_cost"] for r in mine) == pytest.approx(mine[0]["warehouse_cost"])
        assert sum(r["pct_of_warehouse"] for r in mine) == pytest.approx(100)
    only = rows(executor, "get_warehouse_cost_by_user", warehouse="bi-warehouse")
    assert {r["warehouse_name"] for r in only} == {"bi-warehouse"}


def test_a_principals_source_addresses_come_from_its_audit_events_and_a_new_one_is_marked(executor):
    mine = rows(executor, "get_principal_source_ips", user="user@company.com", days=2)
    assert mine and {r["principal"] for r in mine} == {"user@company.com"}
    assert sum(r["events"] for r in mine) >= sum(r["after_hours_events"] for r in mine) > 0
    wide = {r["source_ip_address"]: r for r in rows(executor, "get_principal_source_ips", user="user@company.com", days=60)}
    assert any(r["is_new_ip"] for r in mine)  # the demo's after-hours session came from an address new to that user
    for r in mine:
        if not r["is_new_ip"]:  # an address that is not new was used before the window
            assert wide[r["source_ip_address"]]["first_seen"] < r["first_seen"]
    assert {r["principal"] for r in rows(executor, "get_principal_source_ips", days=1)} > {"user@company.com"}


def test_a_period_reaching_before_the_billing_history_is_compared_per_recorded_day(executor):
    assert not any(r["previous_partial"] for r in rows(executor, "get_cost_period_comparison", days=7))
    long = rows(executor, "get_cost_period_comparison", days=90)
    r = next(r for r in long if r["previous_list_cost"])
    assert r["previous_partial"] and 0 < r["previous_days_recorded"] < 90
    whole = (r["list_cost"] - r["previous_list_cost"]) / r["previous_list_cost"] * 100
    assert r["pct_change"] < whole  # a part-recorded period is not read as growth


def test_sla_breaches_can_be_read_for_an_earlier_period(executor):
    recent = rows(executor, "get_sla_breaches", days=30)
    assert recent
    cut = min(r["start_time"] for r in recent).date()
    earlier = rows(executor, "get_sla_breaches", days=30, end_date=cut.isoformat())
    assert earlier and all(r["start_time"].date() <= cut for r in earlier)


def test_workspace_breakdown_accepts_id_or_name(executor):
    by_name = rows(executor, "get_workspace_cost_breakdown", workspace_id="ml-workspace")
    ws_id = by_name[0]["workspace_id"]
    by_id = rows(executor, "get_workspace_cost_breakdown", workspace_id=ws_id)
    assert by_name == by_id and {r["workspace_name"] for r in by_id} == {"ml-workspace"}


def test_net_cost_follows_discount(warehouse, demo_dir):
    from health_monitor.tools.executor import ToolExecutor

    from health_monitor.core.settings import Settings

    ex = ToolExecutor(warehouse, Settings(data_dir=demo_dir, discount_pct=20,
                                          discount_by_sku_family={"JOBS": 30}))
    res = ex.run("get_cost_by_sku")
    assert res.ok and "net_cost" in res.columns and "negotiated discount" in res.cost_basis
    for r in res.rows:
        factor = 0.7 if "JOBS" in r["sku_name"] else 0.8
        assert r["net_cost"] == pytest.approx(r["list_cost"] * factor)


# --- security ---------------------------------------------------------------------------------------
def test_failed_auth_attempts_ip(executor):
    hits = [r for r in rows(executor, "get_failed_auth_attempts", hours=48)
            if r["source_ip_address"] == "192.168.1.100"]
    assert len(hits) == 3 and all(r["attempts_from_ip"] == 3 for r in hits)
    assert all(r["event_time"].hour >= 20 for r in hits)


def test_contractors_grant_and_high_severity_token(executor):
    changes = rows(executor, "get_permission_changes", days=7)
    assert any(r["securable_full_name"] == "main.crm.customers" and "contractors" in (r["detail"] or "")
               for r in changes)
    high_today = rows(executor, "get_security_events", start_date="2026-01-15", severity="high")
    assert high_today and all(r["severity"] == "high" for r in high_today)
    assert any(r["event_type"] == "TOKEN_CREATED" for r in high_today)
    assert not rows(executor, "get_security_events", start_date="2026-01-14", end_date="2026-01-14",
                    severity="high")


def test_pii_reads_and_after_hours(executor):
    pii = rows(executor, "get_pii_access_logs", user="analyst@company.com")
    assert any(r["securable_full_name"] == "main.crm.customers" and r["accesses"] >= 2 for r in pii)
    night = rows(executor, "get_after_hours_activity", user="user@company.com", days=2)
    assert any(r["event_date"] == YESTERDAY and r["first_event"].hour < 5 for r in night)


# --- performance ------------------------------------------------------------------------------------
def test_failed_jobs_last_day(executor):
    failed = rows(executor, "get_failed_jobs", hours=24)
    ml = [r for r in failed if r["job_name"] == "ml_training"]
    assert len(ml) == 3 and all("out of memory" in r["error_message"].lower() for r in ml)
    assert any(r["job_name"] == "nightly_etl" for r in rows(executor, "get_failed_jobs", hours=36))
    assert {r["workspace_name"] for r in rows(executor, "get_failed_jobs", workspace="production")} <= {"production"}


def test_sla_slow_queries_cpu(executor):
    sla = [r for r in rows(executor, "get_sla_breaches", days=7) if r["job_name"] == "hourly_ingest"]
    assert len(sla) == 4 and all(r["duration_seconds"] > r["sla_seconds"] for r in sla)
    slow = rows(executor, "get_slow_queries")
    assert slow[0]["executed_by"] == "analyst@company.com" and slow[0]["warehouse_name"] == "bi-warehouse"
    assert 15 <= slow[0]["duration_minutes"] <= 21
    util = {r["cluster_name"]: r for r in rows(executor, "get_resource_utilization", workspace="production")}
    assert util["prod-etl-cluster"]["hours_cpu_over_90_yesterday"] >= 2


# --- reliability ------------------------------------------------------------------------------------
def test_production_uptime_below_100(executor):
    up = rows(executor, "get_uptime_metrics", workspace="production")
    etl = next(r for r in up if r["warehouse_name"] == "etl-warehouse")
    assert etl["availability_pct"] < 100 and etl["outages"] >= 1
    incidents = rows(executor, "get_incident_summary", severity="high", days=7)
    assert any(r["incident_type"] == "warehouse_outage" for r in incidents)


def test_etl_warehouse_outage_is_one_two_hour_episode(executor):
    # The outage is a failed start, a crash stop and a slow start back to back: users saw one outage.
    outages = rows(executor, "get_warehouse_outages", warehouse="etl-warehouse", days=30)
    assert len(outages) == 1, outages
    assert 100 <= outages[0]["duration_minutes"] <= 140 and outages[0]["intervals"] >= 2


# --- quality ----------------------------------------------------------------------------------------
def test_freshness_and_expectations(executor):
    stale = [r["table_full_name"] for r in rows(executor, "get_freshness_violations")]
    assert "main.sales.orders_gold" in stale
    failures = rows(executor, "get_expectation_failures", pipeline="orders_pipeline", days=2)
    va = [r for r in failures if r["expectation_name"] == "valid_amount" and r["event_date"] == YESTERDAY]
    assert va and 0.3 <= max(r["dropped_records"] / max(1, r["passed_records"] + r["dropped_records"]) * 100
                             for r in va) <= 3


def test_drift_of_orders_silver_amount(executor):
    drift = rows(executor, "get_drift_metrics", table="main.sales.orders_silver")
    amount = next(r for r in drift if r["column_name"] == "amount")
    assert amount["is_drift"]


# --- governance -------------------------------------------------------------------------------------
def test_lineage_and_grants_and_metadata(executor):
    lineage = rows(executor, "get_table_lineage", table_name="main.health_monitor.fact_usage")
    assert any(r["direction"] == "upstream" and r["source_table_full_name"] == "system.billing.usage" for r in lineage)
    grants = rows(executor, "get_access_grants", table_name="main.crm.customers")
    assert any(r["grantee"] == "contractors" and r["privilege_type"] == "SELECT" for r in grants)
    gaps = rows(executor, "get_metadata_quality", schema="sales")
    assert any(not r["has_comment"] for r in gaps)
    assert {r["control_id"] for r in rows(executor, "get_compliance_report", regulation="soc2")} >= {"AC-1", "DG-1"}


def test_table_usage_lists_readers_and_the_tables_nobody_read(executor):
    readers = rows(executor, "get_table_usage", table_name="main.sales.orders_gold")
    assert readers and all(r["table_full_name"] == "main.sales.orders_gold" and r["reads"] > 0 for r in readers)
    assert [r["reads"] for r in readers] == sorted((r["reads"] for r in readers), reverse=True)
    unread = rows(executor, "get_table_usage", show="unread", days=90)
    read = {r["table_full_name"] for r in rows(executor, "get_table_usage", days=90) if r["reads"]}
    assert unread and all(r["reads"] == 0 and r["reader"] is None for r in unread)
    assert not read & {r["table_full_name"] for r in unread} and "main.sales.orders_gold" in read


# --- optimization and hub ---------------------------------------------------------------------------
def test_savings_recommendations(executor):
    recs = rows(executor, "get_savings_recommendations", top_n=50)
    found = {(r["category"], r["resource_name"]) for r in recs}
    assert ("idle_cluster", "analytics-adhoc") in found
    assert ("jobs_on_all_purpose", "daily_report") in found
    assert ("warehouse_rightsizing", "bi-warehouse") in found
    assert ("untagged_spend", "dev") in found
    assert all(r["estimated_monthly_saving"] > 0 for r in recs)


def test_active_alerts(executor):
    alerts = rows(executor, "get_active_alerts")
    kinds = {(r["signal_type"], r["subject"]) for r in alerts}
    assert ("cost_spike", "ml-workspace") in kinds and ("failed_logins", "192.168.1.100") in kinds
    assert ("job_failures", "ml_training") in kinds


def test_table_writer_failures_follow_lineage_to_the_failed_writer(executor):
    res = executor.run("get_table_writer_failures", {"table": "orders_gold", "hours": 72})
    assert res.ok and res.rows
    assert {r["job_name"] for r in res.rows} == {"nightly_etl"}
    assert {r["table_full_name"] for r in res.rows} == {"main.sales.orders_gold"}
    quiet = executor.run("get_table_writer_failures", {"table": "main.sales.orders_gold", "hours": 1})
    assert quiet.ok and quiet.rows == []


def test_access_grants_put_the_grant_the_audit_log_saw_last_first(executor):
    grants = rows(executor, "get_access_grants")
    assert (grants[0]["grantee"], grants[0]["table_full_name"]) == ("contractors", "main.crm.customers")
    assert grants[0]["last_granted"] is not None and all(r["last_granted"] is None for r in grants[1:])
    made = rows(executor, "get_grants_by_principal", grantor="admin@company.com")
    assert made and all(r["grantor"] == "admin@company.com" for r in made)
    assert made[0]["grantee"] == "contractors"
    assert not rows(executor, "get_grants_by_principal", grantor="nobody@company.com")


def test_principals_list_service_principals_with_when_they_were_last_seen(executor):
    service = rows(executor, "get_principals", kind="service")
    names = {r["principal"] for r in service}
    assert {"etl-sp", "ml-sp", "automation-sp"} <= names and all("@" not in n for n in names)
    assert all(r["last_seen"] is not None and r["days_since_seen"] >= 0 for r in service)
    people = rows(executor, "get_principals", kind="user")
    assert people and all("@" in r["principal"] for r in people)


def test_cluster_load_of_a_past_week_is_that_weeks_and_says_nothing_of_yesterday(executor):
    week = {r["cluster_name"]: r for r in rows(executor, "get_resource_utilization", workspace="production")}
    before = {r["cluster_name"]: r for r in rows(executor, "get_resource_utilization", workspace="production",
                                                start_date="2026-01-01", end_date="2026-01-07")}
    assert before["prod-etl-cluster"]["hours_cpu_over_90_yesterday"] is None
    assert week["prod-etl-cluster"]["hours_running"] != before["prod-etl-cluster"]["hours_running"] or \
        week["prod-etl-cluster"]["max_cpu_percent"] != before["prod-etl-cluster"]["max_cpu_percent"]


def test_drift_of_a_week_before_reads_that_week_against_the_week_before_it(executor):
    from datetime import timedelta

    _, as_of = executor.as_of()
    latest = {r["column_name"]: r for r in rows(executor, "get_drift_metrics", table="main.sales.orders_silver")}
    before = {r["column_name"]: r for r in rows(executor, "get_drift_metrics", table="main.sales.orders_silver",
                                                end_date=(as_of - timedelta(days=7)).isoformat())}
    assert latest["amount"]["is_drift"] and not before["amount"]["is_drift"]  # the drift began in the last week
    assert before["amount"]["recent_avg"] != latest["amount"]["recent_avg"]


def test_clusters_list_the_gpu_ones_first_and_filter_by_kind(executor):
    everything = rows(executor, "get_clusters")
    assert everything[0]["has_gpu"] and {r["compute_kind"] for r in everything} >= {"all_purpose", "job"}
    gpu = rows(executor, "get_clusters", compute="gpu")
    assert gpu and all(r["has_gpu"] for r in gpu) and len(gpu) < len(everything)
    assert all(r["compute_kind"] == "all_purpose" for r in rows(executor, "get_clusters", compute="all_purpose"))
    assert all(r["auto_termination"] is None for r in rows(executor, "get_clusters", compute="job"))


def test_active_principals_count_the_people_active_in_a_window(executor):
    from datetime import timedelta

    _, as_of = executor.as_of()
    people = rows(executor, "get_active_principals", kind="user")
    assert people and all("@" in r["principal"] and not r["is_service_principal"] for r in people)
    assert all(r["active_days"] >= 1 and r["events"] >= r["active_days"] for r in people)
    start = (as_of - timedelta(days=3)).isoformat()
    recent = rows(executor, "get_active_principals", start_date=start)
    assert recent and all(str(r["last_active"]) >= start for r in recent) and len(recent) <= len(
        rows(executor, "get_active_principals", start_date=(as_of - timedelta(days=60)).isoformat()))


def test_a_never_expiring_token_says_why_it_is_high(executor):
    events = rows(executor, "get_security_events", severity="high")
    tokens = [r for r in events if r["event_type"] == "TOKEN_CREATED"]
    assert tokens and all("never expires" in r["detail"] for r in tokens)


def test_metadata_and_owners_narrow_to_a_catalog(executor):
    gaps = rows(executor, "get_metadata_quality", catalog="dev")
    owners = rows(executor, "get_table_owners", catalog="DEV")
    assert gaps and {r["table_full_name"].split(".")[0] for r in gaps} == {"dev"}
    assert {r["table_full_name"] for r in owners} == {r["table_full_name"] for r in gaps}
    assert all(r["owner_tag_gaps"] == (r["table_owner"] is None) + (not r["has_tags"]) for r in gaps)
    assert len(rows(executor, "get_metadata_quality")) > len(gaps)


def test_failed_run_cost_is_the_billed_usage_of_the_failed_runs(executor):
    cost = rows(executor, "get_failed_run_cost", start_date="2026-01-01", end_date="2026-01-15")
    runs = rows(executor, "get_job_runs", hours=24 * 15)
    assert cost and {r["job_name"] for r in cost} <= {r["job_name"] for r in runs}
    training = next(r for r in cost if r["job_name"] == "ml_training")
    assert training["failed_runs"] >= 3 and 0 < training["failed_cost"] < training["all_runs_cost"]
    assert all(r["cost_note"] for r in cost if r["failed_cost"] is None)  # unpriced runs say so, never $0
    one = rows(executor, "get_failed_run_cost", start_date="2026-01-01", end_date="2026-01-15", job_name="ML_TRAINING")
    assert [r["job_name"] for r in one] == ["ml_training"]


def test_top_queries_rank_by_run_time_or_by_data_read(executor):
    longest = rows(executor, "get_top_queries", days=30, top_n=10)
    largest = rows(executor, "get_top_queries", days=30, top_n=10, rank_by="READ")
    assert [r["duration_minutes"] for r in longest] == sorted((r["duration_minutes"] for r in longest), reverse=True)
    assert [r["read_gb"] for r in largest] == sorted((r["read_gb"] for r in largest), reverse=True)
    # the two rankings are different lists on the demo (the largest scans are not all among the longest)
    assert {r["statement_text"] for r in largest} != {r["statement_text"] for r in longest}
    assert not executor.run("get_top_queries", {"rank_by": "bytes; drop table x"}).ok
