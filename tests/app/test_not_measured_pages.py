"""A screen over an account that cannot measure a section says "Not measured" with why and how,
never its healthy empty state ("Every table is fresh")."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from health_monitor.ui import quality
from health_monitor.ui.data import make_runner
from health_monitor.ui.filters import Filters

from tests.account_variants import account_copy, executor_on
from tests.app.conftest import ROOT, _clear_caches


@pytest.fixture(scope="module")
def bare(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """No table with a known refresh interval; no published pipeline event log (fact_expectation degraded)."""
    return account_copy(demo_dir, tmp_path_factory.mktemp("bare_quality"), [
        "update health_monitor.dim_table set expected_refresh_hours = null",
        "delete from health_monitor.fact_expectation",
        "update health_monitor.meta_build_report set status = 'degraded', "
        "reason = 'no pipeline event log is configured (HM_EVENT_LOG_TABLE)' "
        "where kind = 'model' and name = 'fact_expectation'"])


@contextlib.contextmanager
def runner_for(d: Path) -> Iterator[Any]:
    with executor_on(d) as executor:
        yield make_runner(executor)


def filters() -> Filters:
    from datetime import date

    return Filters(date(2026, 1, 1), date(2026, 1, 10), None, "custom", date(2026, 1, 15))


def test_quality_gaps_name_why_and_how(bare: Path):
    with runner_for(bare) as run:
        gaps = quality.gaps(run, filters())
    assert gaps["stale"] and "refresh interval" in gaps["stale"]
    assert gaps["expectations"] and "HM_EVENT_LOG_TABLE" in gaps["expectations"]


def test_quality_kpis_say_not_measured_not_zero(bare: Path):
    with runner_for(bare) as run:
        cards = {k.label: k for k in quality.kpis(run, filters())}
    assert cards["Stale tables"].value == "Not measured" and "refresh interval" in cards["Stale tables"].help
    assert cards["Drifting columns"].value != "Not measured"  # profiles are still there


def test_quality_gaps_are_none_on_a_measured_account(demo_dir: Path):
    with runner_for(demo_dir) as run:
        gaps = quality.gaps(run, filters())
    assert gaps["stale"] is None and gaps["expectations"] is None


def test_quality_page_says_not_measured_instead_of_fresh(bare: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("HM_DATA_DIR", str(bare))
    monkeypatch.setenv("HM_DATABASE_URL", f"sqlite:///{tmp_path / 'state.sqlite'}")
    monkeypatch.setenv("HM_LOCAL_USER", "tester@company.com")
    monkeypatch.delenv("DATABRICKS_APP_NAME", raising=False)
    _clear_caches()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
        at.run()
        at.switch_page("pages/quality.py").run()
        assert not at.exception, [e.value for e in at.exception]
        infos = [i.value.replace("\\", "") for i in at.info]  # markdown escapes off
        assert any(i.startswith("**Not measured.**") and "refresh interval" in i for i in infos), infos
        assert any(i.startswith("**Not measured.**") and "HM_EVENT_LOG_TABLE" in i for i in infos), infos
        assert not any("Every table is fresh" in i for i in infos)
    finally:
        _clear_caches()


def test_hub_signals_gap_names_a_degraded_source(demo_dir: Path, tmp_path: Path):
    from health_monitor.ui import hub

    account_copy(demo_dir, tmp_path, [
        "update health_monitor.meta_build_report set status = 'degraded', "
        "reason = 'system.compute.warehouse_events is not readable' "
        "where kind = 'model' and name = 'fact_warehouse_event'"])
    with runner_for(tmp_path) as run:
        assert "warehouse_events" in (hub.signals_gap(run) or "")
    with runner_for(demo_dir) as run:
        assert hub.signals_gap(run) is None
