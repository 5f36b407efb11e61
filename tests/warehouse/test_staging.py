"""Staging views per account shape, and the build report the CLI prints (no engine needed)."""

from __future__ import annotations

import duckdb
from health_monitor.warehouse.contract import BY_NAME, duckdb_type
from health_monitor.warehouse.dialect import NameMap, prepare
from health_monitor.warehouse.gold.runner import BuildReport, ModelResult
from health_monitor.warehouse.staging import PublishedConfig, plan, stage_source

from health_monitor.commands.gold import print_report

JOBS = BY_NAME["system.lakeflow.jobs"]
GATEWAY = BY_NAME["system.ai_gateway.usage"]
USAGE = BY_NAME["system.billing.usage"]


def _present(src, drop=()) -> dict[str, str]:
    return {c.name: c.type for c in src.columns if c.name not in drop}


def test_full_schema_selects_every_contract_column():
    view = stage_source(JOBS, _present(JOBS))
    assert view.status == "ok" and "cast(null" not in view.select
    assert view.select.endswith("from system.lakeflow.jobs")


def test_missing_newer_columns_become_typed_nulls():
    newer = [c.name for c in JOBS.columns if c.newer]
    view = stage_source(JOBS, _present(JOBS, drop=newer))
    assert view.status == "degraded" and sorted(view.missing) == sorted(newer)
    assert "cast(null as array<struct<metric:string,operator:string,value:bigint>>) as `health_rules`" in view.select
    assert "health_rules" in view.reason and "December 2025" in view.reason
    # The view's columns have the contract's types, on DuckDB too.
    con = duckdb.connect()
    con.execute("create schema lakeflow")
    cols = ", ".join(f'"{c.name}" {duckdb_type(c.type)}' for c in JOBS.columns if not c.newer)
    con.execute(f"create table lakeflow.jobs ({cols})")
    names = NameMap(schemas=((("system", "lakeflow"), ("memory", "lakeflow")),))
    kinds = {r[0]: r[1] for r in con.execute(f"describe {prepare(view.select, 'duckdb', names)}").fetchall()}
    for col in JOBS.columns:
        assert kinds[col.name] == con.execute(f"select typeof(null::{duckdb_type(col.type)})").fetchone()[0]


def test_missing_optional_table_is_an_empty_typed_relation():
    view = stage_source(GATEWAY, None)
    assert view.status == "degraded" and view.select.endswith("where false")
    assert "not measured" in view.reason and "AI Gateway" in view.fix
    rows = duckdb.connect().execute(prepare(view.select, "duckdb", NameMap())).fetchall()
    assert rows == []


def test_missing_required_table_or_column_fails():
    assert stage_source(USAGE, None).status == "failed"
    broken = stage_source(USAGE, _present(USAGE, drop=("usage_quantity",)))
    assert broken.status == "failed" and "usage_quantity" in broken.reason


def test_published_sources_union_configured_tables():
    cols = {"main.logs.a_event_log": {"id": "string"}, "main.logs.b_event_log": None}
    views = {v.name: v for v in plan(lambda name: cols.get(name, {}), PublishedConfig(
        event_logs=("main.logs.a_event_log", "main.logs.b_event_log")))}
    log = views["published__pipeline_event_log"]
    assert log.status == "degraded" and "main.logs.b_event_log" in log.reason
    assert "from main.logs.a_event_log" in log.select and "b_event_log" not in log.select
    none = {v.name: v for v in plan(lambda name: {}, PublishedConfig())}["published__profile_metrics"]
    assert none.status == "degraded" and "none configured" in none.reason


def test_cli_report_exits_1_only_for_a_core_failure(capsys):
    report = BuildReport(as_of=None, models=[
        ModelResult("fact_usage", "built"),
        ModelResult("fact_serving_daily", "degraded", "not measured: AI Gateway latency", "enable it"),
        ModelResult("fact_expectation", "failed", "boom"),
    ])
    assert print_report(report, "here") == 0
    out = capsys.readouterr().out
    assert "degraded  fact_serving_daily: not measured: AI Gateway latency | fix: enable it" in out
    assert "failed    fact_expectation: boom" in out and "fact_usage:" not in out
    report.models.append(ModelResult("dim_job", "skipped", "depends on dim_workspace (failed)"))
    assert print_report(report, "here") == 1
    assert "core Gold model(s) failed: dim_job" in capsys.readouterr().out
