"""AppTest fixtures: the app against the shared demo with a private state database per test."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _clear_caches() -> None:
    import streamlit as st

    from health_monitor.core.settings import get_settings

    get_settings.cache_clear()
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def app_env(demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Environment for one app session: the demo data, a fresh SQLite state file, not a Databricks App."""
    monkeypatch.setenv("HM_DATA_DIR", str(demo_dir))
    monkeypatch.setenv("HM_DATABASE_URL", f"sqlite:///{tmp_path / 'state.sqlite'}")
    monkeypatch.setenv("HM_LOCAL_USER", "tester@company.com")
    monkeypatch.delenv("DATABRICKS_APP_NAME", raising=False)
    _clear_caches()
    yield tmp_path
    _clear_caches()


@pytest.fixture
def app(app_env: Path):
    """A started AppTest of ``app.py`` (the Dashboard Hub rendered)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at
