"""Migrations: up to head twice (a no-op the second time), schema equal to the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from health_monitor.db import migrate
from health_monitor.db.migrate import current_revision, head_revision
from health_monitor.db.models import Base
from sqlalchemy import inspect


def test_migrate_twice_is_a_noop(store):
    assert current_revision(store.engine) == head_revision() is not None
    before = sorted(inspect(store.engine).get_table_names())
    migrate(store.engine)
    migrate(store.new_engine())
    assert sorted(inspect(store.engine).get_table_names()) == before
    assert set(Base.metadata.tables) <= set(before) and "alembic_version" in before


def test_schema_matches_models(store):
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_postgres_tables_live_in_the_configured_schema(store):
    if store.kind != "postgres":
        return
    tables = inspect(store.engine).get_table_names(schema=store.settings.state_schema)
    assert "chat_messages" in tables and "alembic_version" in tables


def test_head_read_from_the_migration_files_is_alembics():
    from health_monitor.db.migrate import file_head

    assert file_head() == head_revision()


def test_an_older_store_is_still_upgraded(tmp_path):
    from health_monitor.db import make_engine

    from health_monitor.core.settings import Settings

    engine = make_engine(Settings(data_dir=tmp_path, database_url=None, PGHOST=None))
    try:
        migrate(engine, "0002")
        assert current_revision(engine) == "0002"
        migrate(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_a_store_at_head_is_opened_without_alembic(store, tmp_path):
    """The answer path opens the store every turn: at head, no Alembic import (a cold ``ask`` pays
    for it otherwise)."""
    import json
    import os
    import subprocess
    import sys

    code = ("import json, sys\n"
            "from health_monitor.core.settings import Settings\n"
            "from health_monitor.db import make_engine, migrate\n"
            "engine = make_engine(Settings())\n"
            "migrate(engine)\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako'))))\n")
    env = {**os.environ, "HM_DATA_DIR": str(store.settings.data_dir),
           "HM_DATABASE_URL": store.engine.url.render_as_string(hide_password=False)}
    if store.kind == "postgres":
        env["HM_STATE_SCHEMA"] = store.settings.state_schema
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
