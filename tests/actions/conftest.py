"""A private, writable copy of the demo account and a migrated state store per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ADMIN = "admin@company.com"
VIEWER = "viewer@company.com"


@pytest.fixture
def account(demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Settings over a copy of the demo (the demo executor writes into it) with a SQLite state file."""
    from health_monitor.core.settings import Settings, get_settings

    data = tmp_path / "data"
    data.mkdir()
    for name in ("system.duckdb", "gold.duckdb"):
        shutil.copyfile(demo_dir / name, data / name)
    monkeypatch.setenv("HM_DATA_DIR", str(data))
    monkeypatch.setenv("HM_DATABASE_URL", f"sqlite:///{tmp_path / 'state.sqlite'}")
    monkeypatch.setenv("HM_ADMIN_USERS", ADMIN)
    monkeypatch.setenv("HM_LLM_PROVIDER", "offline")
    get_settings.cache_clear()
    yield Settings()
    get_settings.cache_clear()


@pytest.fixture
def engine(account):
    from health_monitor.db import make_engine, migrate

    eng = make_engine(account)
    migrate(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def account_warehouse(account):
    from health_monitor.warehouse.duckdb_backend import DuckDBWarehouse

    wh = DuckDBWarehouse(account.system_db_path, account.gold_db_path)
    yield wh
    wh.close()
