"""Schema upgrades: ``migrate(engine)`` brings the state database to the newest Alembic revision.

Call it once at app start (and in jobs) before using the repositories; it is idempotent (a second run
does nothing) and, on PostgreSQL, serialised by an advisory lock so two starting processes do not race.
From a shell: ``alembic -c db/alembic.ini upgrade head`` (uses ``make_engine(get_settings())``).

A store already at head is the common case (every ``health-monitor ask`` opens the store): one
``select`` against ``alembic_version`` compared with the head read from the migration files settles
it, and Alembic (with Mako and Pygments, ~0.2 s cold) is imported only when there is work to do.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from health_monitor.db.engine import DOWN_ERRORS, describe_down
from health_monitor.db.errors import StateUnavailable
from sqlalchemy import Connection, Engine, inspect, text

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_LOCK_ID = 4_815_162_342  # pg_advisory_xact_lock key of the state migrations


_REVISION = re.compile(r"^revision\s*(?::\s*str\s*)?=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(None|['\"]([^'\"]+)['\"])\s*$", re.M)


def alembic_config() -> Any:
    from alembic.config import Config

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


def file_head() -> str | None:
    """The newest revision, read from the migration files without Alembic (None when the history is
    anything but one plain chain, e.g. a merge: then Alembic decides)."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        rev, down = _REVISION.findall(source), _DOWN.findall(source)
        if path.name == "__init__.py" and not rev:
            continue
        if len(rev) != 1 or len(down) != 1:
            return None
        revisions.add(rev[0])
        if down[0][1]:
            parents.add(down[0][1])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 and parents <= revisions else None


def at_head(engine: Engine) -> bool:
    """Whether the store is at the newest revision (one query; no Alembic)."""
    head = file_head()
    if head is None:
        return False
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return False
            return set(conn.execute(text("select version_num from alembic_version")).scalars()) == {head}
    except DOWN_ERRORS as error:
        raise StateUnavailable(describe_down(engine, error, kept=False)) from error


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the state database to ``revision`` (default: the newest)."""
    if revision == "head" and at_head(engine):
        return
    from alembic import command

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
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    """The newest revision according to Alembic."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()
