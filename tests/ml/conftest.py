"""Fixtures of the model tests: tool runners over the demo and the quiet account."""

from __future__ import annotations

from pathlib import Path

import pytest


def _executor(folder: Path):
    from health_monitor.tools.executor import ToolExecutor
    from health_monitor.warehouse.duckdb_backend import DuckDBWarehouse

    wh = DuckDBWarehouse(folder / "system.duckdb", folder / "gold.duckdb")
    return wh, ToolExecutor(wh)


@pytest.fixture(scope="session")
def demo_tools(demo_dir: Path):
    wh, ex = _executor(demo_dir)
    yield ex
    wh.close()


@pytest.fixture(scope="session")
def quiet_tools(quiet_demo_dir: Path):
    wh, ex = _executor(quiet_demo_dir)
    yield ex
    wh.close()
