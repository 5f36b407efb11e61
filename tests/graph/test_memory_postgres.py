"""The same conversation memory on PostgreSQL (Lakebase in production), including a restart."""

from __future__ import annotations

from dataclasses import replace

import pytest
from health_monitor.graph.service import ask
from pg_support import PG_URL, private_schema


@pytest.mark.postgres
def test_followups_survive_a_restart_on_postgres(demo_context):
    with private_schema("hm_test") as schema:
        _followups_survive_a_restart(demo_context, schema)


def _followups_survive_a_restart(demo_context, schema: str) -> None:
    from health_monitor.db import make_engine, migrate

    from health_monitor.core.settings import Settings

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
