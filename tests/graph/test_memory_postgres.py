"""The same conversation memory on PostgreSQL (Lakebase in production), including a restart."""

from __future__ import annotations

import os
import uuid
from dataclasses import replace

import pytest

from graph.service import ask

PG_URL = os.environ.get("HM_TEST_PG_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")


@pytest.mark.postgres
def test_followups_survive_a_restart_on_postgres(demo_context):
    from sqlalchemy import create_engine, text

    from db import make_engine, migrate
    from health_monitor.settings import Settings

    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as error:  # noqa: BLE001
        admin.dispose()
        pytest.skip(f"PostgreSQL at {PG_URL} is not reachable: {error}")
    schema = f"hm_test_{uuid.uuid4().hex[:12]}"
    settings = Settings(data_dir=demo_context.settings.data_dir, database_url=PG_URL, state_schema=schema)
    engines = []
    try:
        engine = make_engine(settings)
        engines.append(engine)
        migrate(engine)
        ctx = replace(demo_context, settings=settings, engine=engine, extras={})
        first = ask("Any failed logins yesterday?", context=ctx)
        assert first.saved and "192.168.1.100" in first.answer
        restarted = make_engine(settings)
        engines.append(restarted)
        ctx2 = replace(demo_context, settings=settings, engine=restarted, extras={})
        second = ask("which user was that?", context=ctx2, conversation_id=first.conversation_id)
        assert second.conversation_id == first.conversation_id and "admin@company.com" in second.answer
    finally:
        for e in engines:
            e.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'drop schema if exists "{schema}" cascade'))
        admin.dispose()
