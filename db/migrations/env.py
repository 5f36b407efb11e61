"""Alembic environment: the connection comes from ``db.migrate`` or, from a shell, from ``make_engine``."""

from __future__ import annotations

from alembic import context
from health_monitor.db.models import Base
from sqlalchemy import Connection

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, compare_type=True,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    from health_monitor.core.settings import get_settings

    settings = get_settings()
    context.configure(url=settings.state_url, target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from health_monitor.db.engine import make_engine
    from health_monitor.db.migrate import _ensure_schema

    from health_monitor.core.settings import get_settings

    engine = make_engine(get_settings())
    try:
        with engine.begin() as conn:
            _ensure_schema(conn)
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
