"""Too little history, constant series, empty tables: "insufficient data" in the registry, no crash."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from health_monitor.ml.train import train_all


def _tiny_gold(demo_dir: Path, target: Path, fill: str | None) -> Path:
    """A Gold file with the demo's tables emptied, then ``fill`` (SQL) run on it."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(demo_dir / "gold.duckdb", target / "gold.duckdb")
    con = duckdb.connect(str(target / "gold.duckdb"))
    tables = [t for (t,) in con.execute("select table_name from information_schema.tables "
                                        "where table_schema = 'health_monitor'").fetchall()]
    con.execute("create schema keep")
    for t in tables:
        if t.startswith("ml_"):
            con.execute(f"drop table health_monitor.{t}")
        elif t not in ("meta_build", "cfg_budgets", "dim_workspace"):
            con.execute(f"create table keep.{t} as select * from health_monitor.{t}")
            con.execute(f"delete from health_monitor.{t}")
    if fill:
        con.execute(fill)
    con.execute("drop schema keep cascade")
    con.close()
    return target


def _registry(folder: Path) -> dict[str, tuple[str, str]]:
    con = duckdb.connect(str(folder / "gold.duckdb"), read_only=True)
    rows = con.execute("select model_name, status, status_reason from health_monitor.ml_model_registry "
                       "qualify row_number() over (partition by model_name order by trained_at desc) = 1").fetchall()
    con.close()
    return {m: (s, r) for m, s, r in rows}


def _tools(folder: Path):
    from health_monitor.tools.executor import ToolExecutor
    from health_monitor.warehouse.duckdb_backend import DuckDBWarehouse

    return ToolExecutor(DuckDBWarehouse(folder / "gold.duckdb", folder / "gold.duckdb"))


def test_empty_tables(demo_dir, tmp_path):
    folder = _tiny_gold(demo_dir, tmp_path / "empty", None)
    report = train_all(folder, progress=False)
    statuses = {n: r.status for n, r in report.models.items() if n != "retraining_trigger"}
    assert set(statuses.values()) == {"insufficient data"}, report.lines()
    reg = _registry(folder)
    assert reg["cost_anomaly_detector"][0] == "insufficient data"
    forecast = _tools(folder).run("get_cost_forecast", {"days": 30})
    assert forecast.ok and len(forecast.rows) == 1
    assert "insufficient data" in forecast.rows[0]["explanation"]


def test_three_days_of_history(demo_dir, tmp_path):
    fill = """
        insert into health_monitor.fact_workspace_daily
            select * from keep.fact_workspace_daily where usage_date >= date '2026-01-12';
        insert into health_monitor.fact_job_run select * from keep.fact_job_run where run_date >= date '2026-01-12';
        insert into health_monitor.fact_audit select * from keep.fact_audit where event_date >= date '2026-01-12';
    """
    folder = _tiny_gold(demo_dir, tmp_path / "short", fill)
    report = train_all(folder, progress=False)
    for name in ("cost_anomaly_detector", "dbu_usage_forecaster", "budget_alerter", "job_failure_predictor",
                 "access_anomaly_detector"):
        assert report.models[name].status == "insufficient data", name
        assert "day" in report.models[name].reason
    budget = _tools(folder).run("get_budget_status", {})
    assert budget.ok and "insufficient data" in budget.rows[0]["explanation"]


def test_constant_cost_series(demo_dir, tmp_path):
    fill = """
        insert into health_monitor.fact_workspace_daily by name
            select * replace (100.0 as list_cost, 10.0 as usage_quantity, 0 as jobs_cost, 0 as all_purpose_cost,
                              0 as sql_cost, 0 as serving_cost, 0 as gpu_cost)
            from keep.fact_workspace_daily;
    """
    folder = _tiny_gold(demo_dir, tmp_path / "flat", fill)
    report = train_all(folder, models=["cost_anomaly_detector", "dbu_usage_forecaster"], progress=False)
    assert report.models["cost_anomaly_detector"].status == "insufficient data"
    assert "constant" in report.models["cost_anomaly_detector"].reason


def test_unknown_model_name_is_a_config_error(demo_dir):
    from health_monitor.core.errors import ConfigError

    with pytest.raises(ConfigError, match="cost_anomaly_detector"):
        train_all(demo_dir, models=["no_such_model"], progress=False)
