"""Shared fixtures: one demo account per test session, built once and shared across xdist workers.

The demo is built at a fixed instant so tests can name days ("yesterday" = 2026-01-14).
"""

from __future__ import annotations

import fcntl
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

AS_OF = datetime(2026, 1, 15, 9, 0, tzinfo=timezone.utc)
SEED = 42
ROOT = Path(__file__).resolve().parent.parent


def _source_digest() -> str:
    """The demo's cache key: the code that generates, builds and scores it (a stale demo fails confusingly)."""
    from health_monitor.demo import source_digest

    return source_digest()


CACHE = ROOT / ".pytest_cache" / "demo" / _source_digest()


def pytest_configure(config: pytest.Config) -> None:
    """MLflow 3 writes its tracking store to ./mlflow.db by default (also at import and exit)."""
    import tempfile

    os.environ.setdefault("MLFLOW_TRACKING_URI", f"sqlite:///{tempfile.mkdtemp(prefix='hm_mlflow_')}/mlflow.db")


def _build(target: Path, *, incidents: bool = True, with_models: bool = True) -> Path:
    """Build (once, under a lock) the demo account into ``target``; return the folder."""
    target.mkdir(parents=True, exist_ok=True)
    done = target / ".complete"
    with open(target / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            from health_monitor.demo import build_demo

            build_demo(target, as_of=AS_OF, seed=SEED, scale=1, incidents=incidents, train=with_models,
                       progress=False)
            done.write_text(AS_OF.isoformat())
        fcntl.flock(lock, fcntl.LOCK_UN)
    return target


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    """Folder holding ``system.duckdb`` and ``gold.duckdb`` of the standard demo (with models)."""
    return _build(CACHE / "standard")


@pytest.fixture(scope="session")
def quiet_demo_dir() -> Path:
    """The same account generated *without* the scenario's incidents (false-positive checks)."""
    return _build(CACHE / "quiet", incidents=False)


@pytest.fixture
def settings(demo_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Settings pointing at the shared demo, with a private SQLite state file."""
    from health_monitor.core.settings import Settings, get_settings

    monkeypatch.setenv("HM_DATA_DIR", str(demo_dir))
    monkeypatch.setenv("HM_DATABASE_URL", f"sqlite:///{tmp_path / 'state.sqlite'}")
    get_settings.cache_clear()
    yield Settings()
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def warehouse(demo_dir: Path):
    """A read-only DuckDB warehouse over the shared demo."""
    from health_monitor.warehouse.duckdb_backend import DuckDBWarehouse

    wh = DuckDBWarehouse(demo_dir / "system.duckdb", demo_dir / "gold.duckdb")
    yield wh
    wh.close()


PG_URL = os.environ.get("HM_TEST_PG_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")
