"""Fixtures of the security tests: a DuckDB warehouse that records every statement DuckDB runs, and
the injection strings the generator planted in ``system.access.audit`` request parameters."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "alerts"))  # capture_servers: local HTTP/SMTP capture

from health_monitor.warehouse.duckdb_backend import DuckDBWarehouse  # noqa: E402
from security_payloads import RecordingWarehouse  # noqa: E402


@pytest.fixture(scope="module")
def recording_warehouse(demo_dir: Path):
    wh = RecordingWarehouse(demo_dir / "system.duckdb", demo_dir / "gold.duckdb")
    yield wh
    wh.close()


@pytest.fixture(scope="module")
def planted_injections(demo_dir: Path) -> list[str]:
    """The prompt/SQL-injection strings the generator planted in access.audit request_params."""
    wh = DuckDBWarehouse(demo_dir / "system.duckdb", demo_dir / "gold.duckdb")
    try:
        rows = wh.query(
            "with params as (select explode(map_values(request_params)) as value from system.access.audit) "
            "select distinct value from params where lower(value) like '%ignore%instructions%' "
            "or lower(value) like '%drop table%' or value like '%''1''=''1%'").rows
    finally:
        wh.close()
    return sorted(r["value"] for r in rows)
