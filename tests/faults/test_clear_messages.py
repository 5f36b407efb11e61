"""Misleading messages, fixed: a deleted gold.duckdb names the missing Gold layer and the command that
builds it; a read-only data folder is blamed on the folder, not on the database URL; an unsaved
conversation is not offered as one to continue."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from health_monitor.db import make_engine, migrate, session_scope
from health_monitor.db.errors import StateUnavailable
from health_monitor.tools.executor import ToolExecutor
from health_monitor.warehouse.duckdb_backend import DuckDBWarehouse
from sqlalchemy import text

from health_monitor.core.settings import Settings


def test_a_deleted_gold_file_names_the_gold_layer_and_the_command(demo_dir, tmp_path):
    shutil.copy2(demo_dir / "system.duckdb", tmp_path / "system.duckdb")
    wh = DuckDBWarehouse(tmp_path / "system.duckdb", tmp_path / "gold.duckdb")
    try:
        res = ToolExecutor(wh, Settings(data_dir=tmp_path)).run("get_failed_jobs", {})
    finally:
        wh.close()
    assert not res.ok and "Gold layer is missing" in res.error and "health-monitor gold build" in res.error
    assert "Catalog Error" not in res.error  # before: the engine's raw catalog error


def test_a_read_only_state_file_is_named_not_the_database_url(tmp_path):
    path = tmp_path / "state.sqlite"
    engine = make_engine(Settings(data_dir=tmp_path, database_url=f"sqlite:///{path}"))
    migrate(engine)
    engine.dispose()
    # opened read-only (as a read-only folder or mount does, even for root)
    engine = make_engine(Settings(data_dir=tmp_path, database_url=f"sqlite:///file:{path}?mode=ro&uri=true"))
    try:
        with pytest.raises(StateUnavailable) as caught:
            with session_scope(engine) as s:
                s.execute(text("insert into state_meta (key, value, updated_at) values ('k', null, '2026-01-01')"))
    finally:
        engine.dispose()
    message = str(caught.value)
    assert "cannot be written" in message and str(path) in message and "read-only" in message
    assert "unreachable" not in message  # before: "The state database is unreachable"


def test_an_unsaved_conversation_is_not_offered_for_continuing(demo_dir, tmp_path, monkeypatch, capsys):
    from health_monitor.cli import main
    from health_monitor.core.settings import get_settings

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the state folder should be")
    monkeypatch.setenv("HM_DATA_DIR", str(demo_dir))
    monkeypatch.setenv("HM_DATABASE_URL", f"sqlite:///{blocked / 'state.sqlite'}")
    get_settings.cache_clear()
    try:
        code = main(["ask", "Which jobs failed in the last 24 hours?"])
    finally:
        get_settings.cache_clear()
    err = capsys.readouterr().err
    assert code == 0 and "continue with --conversation" not in err
    assert "conversation not saved" in err


def test_a_saved_conversation_is_still_offered(demo_dir, tmp_path, monkeypatch, capsys):
    from health_monitor.cli import main
    from health_monitor.core.settings import get_settings

    monkeypatch.setenv("HM_DATA_DIR", str(demo_dir))
    monkeypatch.setenv("HM_DATABASE_URL", f"sqlite:///{Path(tmp_path) / 'state.sqlite'}")
    get_settings.cache_clear()
    try:
        assert main(["ask", "Which jobs failed in the last 24 hours?"]) == 0
    finally:
        get_settings.cache_clear()
    assert "continue with --conversation" in capsys.readouterr().err
