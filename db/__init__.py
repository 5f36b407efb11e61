"""State store: SQLAlchemy models, the engine factory (SQLite / PostgreSQL / Lakebase with token
refresh), Alembic migrations and user-scoped repository functions.

    from health_monitor.db import make_engine, migrate, session_scope
    from health_monitor.db import repositories as repo

    engine = make_engine(settings)          # once per process (st.cache_resource)
    migrate(engine)                         # at start; idempotent
    with session_scope(engine) as s:
        conv = repo.create_conversation(session=s, user_id=user, title="Costs", agent="auto")

Importing this package connects to nothing.
"""

from health_monitor.db import actions_repo as _actions_tables  # noqa: F401 (registers its tables)
from health_monitor.db.engine import Token, TokenCache, TokenProvider, make_engine, session_scope
from health_monitor.db.errors import Conflict, NotFound, PermissionDenied, StateError, StateUnavailable
from health_monitor.db.migrate import migrate

__all__ = [
    "Conflict",
    "NotFound",
    "PermissionDenied",
    "StateError",
    "StateUnavailable",
    "Token",
    "TokenCache",
    "TokenProvider",
    "make_engine",
    "migrate",
    "session_scope",
]
