"""Schema upgrades: ``migrate(engine)`` brings the state database to the newest Alembic revision.

Call it once at app start (and in jobs) before using the repositories; it is idempotent (a second run
does nothing) and, on PostgreSQL, serialised by an advisory lock so two starting processes do not race.
From a shell: ``alembic -c db/alembic.ini upgrade head`` (uses ``make_engine(get_settings())``).
"""

from __future__ import annotations

import re
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from health_monitor.db.engine import DOWN_ERRORS, describe_down
from health_monitor.db.errors import StateUnavailable
from sqlalchemy import Connection, Engine, text

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_LOCK_ID = 4_815_162_342  # pg_advisory_xact_lock key of the state migrations


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def _ensure_schema(conn: Connection) -> None:
    """PostgreSQL: create the first schema of the search_path when it does not exist yet."""
    if conn.dialect.name != "postgresql" or conn.execute(text("select current_schema()")).scalar():
        return
    first = conn.execute(text("show search_path")).scalar().split(",")[0].strip().strip('"')
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", first):
        conn.execute(text(f'create schema if not exists "{first}"'))


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the state database to ``revision`` (default: the newest)."""
    cfg = alembic_config()
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("select pg_advisory_xact_lock(:k)"), {"k": _LOCK_ID})
            _ensure_schema(conn)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    except DOWN_ERRORS as error:
        raise StateUnavailable(describe_down(engine, error, kept=False)) from error


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None: never migrated)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
