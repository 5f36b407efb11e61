"""Headline numbers a real account may lack come back NULL ("not measured"), never 0.

A job without an SLA, a table without an expected refresh interval and an account without SQL
warehouses measure nothing; the summary must not turn that into "0 breaches" or "0 stale tables".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.account_variants import account_copy, executor_on


def run(d: Path, tool: str, args: dict | None = None):
    with executor_on(d) as executor:
        res = executor.run(tool, args or {})
    assert res.ok, res.error
    return res


def summary(d: Path) -> dict:
    return run(d, "get_platform_summary").rows[0]


@pytest.fixture(scope="module")
def bare(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo as an account that declares no SLA, no refresh interval and has no SQL warehouse."""
    return account_copy(demo_dir, tmp_path_factory.mktemp("unmeasured"), [
        "update health_monitor.dim_job set sla_seconds = null",
        "update health_monitor.fact_job_run set sla_seconds = null, is_sla_breach = null",
        "update health_monitor.dim_table set expected_refresh_hours = null",
        "update health_monitor.dim_cluster set worker_gpu_count = null, driver_gpu_count = null",
        "delete from health_monitor.fact_warehouse_uptime_daily"])


@pytest.fixture(scope="module")
def unmeasured(bare: Path) -> dict:
    return summary(bare)


def test_demo_summary_measures_every_headline(demo_dir: Path):
    row = summary(demo_dir)
    for key in ("sla_breaches_7d", "stale_tables", "warehouse_availability_30d_pct", "job_success_rate_7d_pct"):
        assert row[key] is not None, key


@pytest.mark.parametrize("key", ["sla_breaches_7d", "stale_tables", "warehouse_availability_30d_pct"])
def test_unmeasured_headline_is_null_not_zero(unmeasured: dict, key: str):
    assert unmeasured[key] is None


def test_measured_headlines_survive_beside_unmeasured_ones(unmeasured: dict):
    assert unmeasured["job_success_rate_7d_pct"] is not None
    assert unmeasured["list_cost_yesterday"] is not None


@pytest.mark.parametrize(("tool", "args", "words"), [("get_sla_breaches", {}, "health rule"),
                                                     ("get_freshness_violations", {}, "table_lineage"),
                                                     ("get_clusters", {"compute": "gpu"}, "node_types")])
def test_empty_result_without_declarations_says_not_measured_and_how(bare: Path, tool: str, args: dict, words: str):
    res = run(bare, tool, args)
    assert res.rows == [] and res.message.startswith("not measured:") and words in res.message


def test_explicit_threshold_measures_freshness_without_declared_intervals(bare: Path):
    res = run(bare, "get_freshness_violations", {"hours": 2000})
    assert not (res.message or "").startswith("not measured")


def test_declared_sla_with_no_breach_is_a_real_none(demo_dir: Path):
    res = run(demo_dir, "get_sla_breaches", {"days": 1})
    assert res.rows or not (res.message or "").startswith("not measured")


@pytest.fixture(scope="module")
def no_audit(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo as an account whose audit log holds no event."""
    return account_copy(demo_dir, tmp_path_factory.mktemp("no_audit"), ["delete from health_monitor.fact_audit"])


def test_tables_nobody_read_are_not_measured_without_reads_in_the_audit_log(no_audit: Path):
    res = run(no_audit, "get_table_usage", {"show": "unread"})
    assert res.rows == [] and res.message.startswith("not measured:") and "system.access.audit" in res.message
