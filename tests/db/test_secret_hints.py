"""No part of a secret is stored in clear: new secrets keep no hint, migration 0002 clears old hints,
and pages see only that a secret is set and when it changed."""

from __future__ import annotations

from cryptography.fernet import Fernet
from health_monitor.db import make_engine, migrate, session_scope
from health_monitor.db import repositories as repo
from health_monitor.db.crypto import SecretBox
from sqlalchemy import text

from health_monitor.core.settings import Settings

WEBHOOK = "https://hooks.slack.com/services/T0/B0/tailSECRETabcd"


def test_no_characters_of_a_secret_are_stored_or_shown(tmp_path):
    settings = Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 's.sqlite'}",
                        state_secret_key=Fernet.generate_key().decode())
    engine = make_engine(settings)
    migrate(engine)
    try:
        with session_scope(engine) as s:
            info = repo.create_integration(session=s, user_id="a@x.io", channel="slack",
                                           secrets={"webhook_url": WEBHOOK}, box=SecretBox.from_settings(settings))
        with engine.connect() as conn:
            assert conn.execute(text("select hint from integration_secrets")).scalars().all() == [""]
        assert "abcd" not in repr(info) and info.secrets["webhook_url"].startswith("set, changed 20")
    finally:
        engine.dispose()


def test_migration_0002_clears_hints_stored_by_older_versions(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = make_engine(Settings(data_dir=tmp_path, database_url=url))
    try:
        migrate(engine, "0001")  # the schema an older version left
        with engine.begin() as conn:
            conn.execute(text("insert into integrations (id, owner, channel, name, config, enabled, created_at, "
                              "updated_at) values ('i1', 'a@x.io', 'slack', 's', '{}', 1, '2026-01-01', '2026-01-01')"))
            conn.execute(text("insert into integration_secrets (integration_id, name, ciphertext, hint, created_at, "
                              "updated_at) values ('i1', 'webhook_url', 'fernet:x', 'abcd', '2026-01-01', "
                              "'2026-01-01')"))
        migrate(engine)
        with engine.connect() as conn:
            assert conn.execute(text("select hint from integration_secrets")).scalars().all() == [""]
    finally:
        engine.dispose()
