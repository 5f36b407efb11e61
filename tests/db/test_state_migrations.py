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
