"""A tool over a table that was never built says which command builds it, not a catalog error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from health_monitor.tools.executor import ToolExecutor
from health_monitor.warehouse.duckdb_backend import DuckDBWarehouse
from health_monitor.warehouse.gold import build_gold

from health_monitor.core.settings import Settings


@pytest.fixture(scope="module")
def untrained(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """Gold built, models never trained (what a new Databricks install looks like before the job runs)."""
    d = tmp_path_factory.mktemp("untrained")
    shutil.copyfile(demo_dir / "system.duckdb", d / "system.duckdb")
    build_gold(d / "system.duckdb", d / "gold.duckdb", progress=False)
    wh = DuckDBWarehouse(d / "system.duckdb", d / "gold.duckdb")
    yield ToolExecutor(wh, Settings(data_dir=d))
    wh.close()


def test_prediction_tool_before_training_says_run_train(untrained):
    res = untrained.run("get_at_risk_jobs")
    assert not res.ok
    assert "health-monitor train" in res.error and "Catalog Error" not in res.error


def test_gold_tools_still_answer_before_training(untrained):
    assert untrained.run("get_failed_auth_attempts", {"hours": 48}).ok
