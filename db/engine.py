"""The one engine factory, and the transactional session scope.

Three targets, chosen by settings (first match wins):

1. ``HM_DATABASE_URL``: any SQLAlchemy URL (SQLite or PostgreSQL);
2. Lakebase: the Databricks App's database resource sets ``PGHOST``/``PGPORT``/``PGDATABASE``/
   ``PGUSER``/``PGSSLMODE`` and no password. Used inside an App (``DATABRICKS_APP_NAME`` set) or when
   ``HM_LAKEBASE_INSTANCE``/``HM_LAKEBASE_ENDPOINT`` is given: a developer's stray ``PGHOST`` alone
   does not switch the store. A job (no database resource, so no ``PGHOST``) with
   ``HM_LAKEBASE_INSTANCE`` finds the instance's host and its own role name through databricks-sdk
   (:func:`lakebase_target`), so it reads the same database as the app. The password is an OAuth token from databricks-sdk
   (:func:`lakebase_token_provider`), injected by a ``do_connect`` hook, cached until
   ``HM_LAKEBASE_TOKEN_MARGIN_S`` before it expires, and refreshed once when a login is refused;
3. the embedded default: SQLite at ``settings.sqlite_path`` (WAL, foreign keys, busy timeout).

On PostgreSQL, ``HM_STATE_SCHEMA`` (Lakebase default ``health_monitor``) becomes the connection's
``search_path``; :func:`db.migrate` creates the schema. Every PostgreSQL connection gets a
``connect_timeout`` (``HM_STATE_CONNECT_TIMEOUT_S``) and a ``statement_timeout``
(``HM_STATE_STATEMENT_TIMEOUT_S``), and TCP keepalives, so a server that accepts and never answers is an
error in seconds, not a hang. Nothing here connects until first use.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import uuid
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from health_monitor.db.errors import StateUnavailable
from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from health_monitor.core.settings import Settings

log = logging.getLogger(__name__)

LAKEBASE_SCHEMA = "health_monitor"
_AUTH_FAILURE = re.compile(
    r"password authentication failed|authentication failed|invalid authorization|token (is )?expired"
    r"|invalid token|pam authentication|no password supplied", re.I)
#: Engine -> its token cache (weak: disposing of the engine forgets it).
_TOKEN_CACHES: weakref.WeakKeyDictionary[Engine, TokenCache] = weakref.WeakKeyDictionary()
_CONNECT_ARGS: weakref.WeakKeyDictionary[Engine, dict[str, Any]] = weakref.WeakKeyDictionary()
_TIMED_OUT = re.compile(r"timeout expired|statement timeout|timed out|QueuePool limit", re.I)
#: Errors meaning "the database is not there" (not "your data is wrong").
DOWN_ERRORS = (exc.OperationalError, exc.InterfaceError, exc.DisconnectionError, exc.TimeoutError)


@dataclass(frozen=True)
class Token:
    """A database password with its expiry (None: unknown, cached for ``default_ttl_s``)."""

    value: str
    expires_at: datetime | None = None

    def __repr__(self) -> str:
        return f"Token(value='••••', expires_at={self.expires_at!r})"


#: A callable handing out a fresh database password: a :class:`Token` or a bare string.
TokenProvider = Callable[[], Token | str]


class TokenCache:
    """Calls the provider only when the cached token is missing, invalidated or near expiry."""

    def __init__(self, provider: TokenProvider, *, margin_s: float = 300.0, default_ttl_s: float = 900.0,
                 clock: Callable[[], float] = time.time) -> None:
        self._provider = provider
        self._margin_s = margin_s
        self._default_ttl_s = default_ttl_s
        self._clock = clock
        self._lock = threading.Lock()
        self._value: str | None = None
        self._expires: float = 0.0
        self.calls = 0

    def get(self) -> str:
        with self._lock:
            if self._value is None or self._clock() >= self._expires - self._margin_s:
                token = self._provider()
                self.calls += 1
                if isinstance(token, str):
                    token = Token(token)
                self._value = token.value
                self._expires = (token.expires_at.timestamp() if token.expires_at
                                 else self._clock() + self._default_ttl_s + self._margin_s)
            return self._value

    def invalidate(self) -> None:
        with self._lock:
            self._value = None

    def __repr__(self) -> str:
        return f"TokenCache(calls={self.calls}, expires={self._expires})"


def _as_datetime(value: Any) -> datetime | None:
    """SDK expiries come as RFC 3339 strings (``w.database``) or protobuf Timestamps (``w.postgres``)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if hasattr(value, "ToDatetime"):
        return value.ToDatetime(tzinfo=timezone.utc)
    if isinstance(value, str):
        with suppress(ValueError):
            parsed = datetime.fromisoformat(re.sub(r"(\.\d{6})\d+", r"\1", value.replace("Z", "+00:00")))
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    return None


def lakebase_token_provider(settings: Settings, *, client: Any = None) -> TokenProvider:
    """Database credentials for the app's service principal (databricks-sdk unified auth).

    ``HM_LAKEBASE_ENDPOINT`` (Autoscaling): ``w.postgres.generate_database_credential(endpoint=...)``;
    ``HM_LAKEBASE_INSTANCE`` (Provisioned): ``w.database.generate_database_credential(...)`` (the
    documented path); neither: the workspace OAuth token of the SP (what the Apps template uses).
    """
    holder: dict[str, Any] = {"client": client}

    def workspace() -> Any:
        if holder["client"] is None:
            from databricks.sdk import WorkspaceClient

            kwargs = {k: v for k, v in (("host", settings.databricks_host),
                                        ("profile", settings.databricks_profile)) if v}
            holder["client"] = WorkspaceClient(**kwargs)
        return holder["client"]

    def provide() -> Token:
        w = workspace()
        if settings.lakebase_endpoint:
            cred = w.postgres.generate_database_credential(endpoint=settings.lakebase_endpoint)
            return Token(cred.token, _as_datetime(cred.expire_time))
        if settings.lakebase_instance:
            cred = w.database.generate_database_credential(request_id=str(uuid.uuid4()),
                                                           instance_names=[settings.lakebase_instance])
            return Token(cred.token, _as_datetime(cred.expiration_time))
        oauth = w.config.oauth_token()
        return Token(oauth.access_token, _as_datetime(getattr(oauth, "expiry", None)))

    return provide


def _is_auth_failure(error: BaseException) -> bool:
    return bool(_AUTH_FAILURE.search(str(error)))


def _install_token_hook(engine: Engine, tokens: TokenCache) -> None:
    @event.listens_for(engine, "do_connect")
    def _connect(dialect: Any, conn_rec: Any, cargs: Any, cparams: dict[str, Any]) -> Any:
        cparams["password"] = tokens.get()
        try:
            return dialect.connect(*cargs, **cparams)
        except dialect.loaded_dbapi.OperationalError as error:
            if not _is_auth_failure(error):
                raise
            log.info("state database refused the token; refreshing it and retrying once")
            tokens.invalidate()
            cparams["password"] = tokens.get()
            return dialect.connect(*cargs, **cparams)


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _rec: Any) -> None:
        dbapi_conn.isolation_level = None  # pysqlite's own BEGIN handling off: we emit BEGIN IMMEDIATE
        cur = dbapi_conn.cursor()
        for pragma in ("foreign_keys=ON", "busy_timeout=15000", "journal_mode=WAL", "synchronous=NORMAL"):
            cur.execute(f"PRAGMA {pragma}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # Take the write lock up front: a deferred transaction that reads then writes can fail with
        # SQLITE_BUSY without waiting in WAL mode. State transactions are short, so this is cheap.
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _pg_options(schema: str | None, statement_timeout_s: float | None = None) -> dict[str, Any]:
    options = []
    if schema:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", schema):
            raise ValueError(f"HM_STATE_SCHEMA must be a plain identifier, got {schema!r}")
        options.append(f"-csearch_path={schema}")
    if statement_timeout_s:
        options.append(f"-cstatement_timeout={int(statement_timeout_s * 1000)}")
    return {"options": " ".join(options)} if options else {}


def lakebase_target(settings: Settings, *, client: Any = None) -> Settings:
    """``settings`` with ``pghost``/``pguser`` of the Lakebase instance ``HM_LAKEBASE_INSTANCE`` filled in
    (for jobs: the Apps database resource sets them only for the app)."""
    if client is None:
        from databricks.sdk import WorkspaceClient

        kwargs = {k: v for k, v in (("host", settings.databricks_host),
                                    ("profile", settings.databricks_profile)) if v}
        client = WorkspaceClient(**kwargs)
    instance = client.database.get_database_instance(name=settings.lakebase_instance)
    host = getattr(instance, "read_write_dns", None)
    if not host:
        raise StateUnavailable(f"Lakebase instance {settings.lakebase_instance!r} has no host yet (state: "
                               f"{getattr(instance, 'state', 'unknown')}); start it or set PGHOST.")
    user = settings.pguser or client.current_user.me().user_name
    return settings.model_copy(update={"pghost": host, "pguser": user})


def _sqlite_engine(url: URL, **kwargs: Any) -> Engine:
    memory = url.database in (None, "", ":memory:")
    if memory:
        kwargs.setdefault("poolclass", StaticPool)
        kwargs.setdefault("connect_args", {"check_same_thread": False})
    else:
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        kwargs.setdefault("connect_args", {"timeout": 15})
    engine = create_engine(url, **kwargs)
    _install_sqlite_hooks(engine)
    return engine


def make_engine(settings: Settings, *, token_provider: TokenProvider | None = None,
                clock: Callable[[], float] = time.time, **engine_kwargs: Any) -> Engine:
    """The state engine for ``settings``; ``token_provider`` overrides the Lakebase credential source
    (and, with a PostgreSQL ``database_url``, supplies its password: tests use that)."""
    if not settings.database_url and not settings.pghost and settings.lakebase_instance:
        settings = lakebase_target(settings)
    if settings.database_url:
        url = make_url(settings.database_url)
    elif settings.pghost and (settings.databricks_app_name or settings.lakebase_instance
                              or settings.lakebase_endpoint):
        url = URL.create("postgresql+psycopg2", username=settings.pguser, host=settings.pghost,
                         port=settings.pgport, database=settings.pgdatabase)
        token_provider = token_provider or lakebase_token_provider(settings)
    else:
        return _sqlite_engine(make_url(f"sqlite:///{settings.sqlite_path}"), **engine_kwargs)

    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, **engine_kwargs)

    lakebase = not settings.database_url
    connect_args: dict[str, Any] = dict(engine_kwargs.pop("connect_args", {}))
    connect_args.update(_pg_options(settings.state_schema or (LAKEBASE_SCHEMA if lakebase else None),
                                    settings.state_statement_timeout_s))
    if lakebase:
        connect_args.setdefault("sslmode", settings.pgsslmode)
        connect_args.setdefault("application_name", settings.pgappname)
    # Bounded waits on every PostgreSQL target: a silent server is an error, never a hang.
    connect_args.setdefault("connect_timeout", max(1, int(settings.state_connect_timeout_s)))
    connect_args.setdefault("keepalives", 1)
    connect_args.setdefault("keepalives_idle", 30)
    connect_args.setdefault("keepalives_interval", 10)
    connect_args.setdefault("keepalives_count", 3)
    options = {"pool_pre_ping": True, "pool_size": 5, "max_overflow": 5, "pool_recycle": 45 * 60,
               "pool_timeout": settings.state_connect_timeout_s, **engine_kwargs}
    engine = create_engine(url, connect_args=connect_args, **options)
    _CONNECT_ARGS[engine] = dict(connect_args)
    if token_provider is not None:
        tokens = TokenCache(token_provider, margin_s=settings.lakebase_token_margin_s, clock=clock)
        _install_token_hook(engine, tokens)
        _TOKEN_CACHES[engine] = tokens
    return engine


def connect_args_of(engine: Engine) -> dict[str, Any]:
    """The libpq options this engine connects with (TLS, schema, timeouts), for other clients of the same
    database such as the approval checkpointer."""
    return dict(_CONNECT_ARGS.get(engine, {}))


def token_cache_of(engine: Engine) -> TokenCache | None:
    """The engine's token cache (diagnostics and tests), or None when it uses a fixed password."""
    return _TOKEN_CACHES.get(engine)


def describe_down(engine: Engine, error: BaseException, *, kept: bool = True) -> str:
    """What to tell the user about a database error that is not their data's fault."""
    text = str(error)
    tail = " Your message is kept and will be saved when it is back." if kept else ""
    if engine.dialect.name == "sqlite" and re.search(r"readonly|read-only|unable to open|disk I/O", text, re.I):
        path = engine.url.database or ":memory:"
        return (f"The state file {path} cannot be written (its folder is read-only or missing): make "
                f"{Path(path).parent} writable, or point HM_DATA_DIR or HM_DATABASE_URL elsewhere." + tail)
    if _TIMED_OUT.search(text):
        return "The state database did not answer in time (it accepts connections but does not respond)." + tail
    if kept:
        return StateUnavailable.DEFAULT_MESSAGE
    return "The state database is unreachable; check HM_DATABASE_URL or the Lakebase resource of the app."


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A transaction: commit on success, rollback on error. A database that cannot be reached raises
    :class:`StateUnavailable` (a message the UI can show) instead of a driver traceback."""
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except DOWN_ERRORS as error:
        with suppress(Exception):
            session.rollback()
        raise StateUnavailable(describe_down(engine, error)) from error
    except BaseException:
        with suppress(Exception):
            session.rollback()
        raise
    finally:
        with suppress(Exception):
            session.close()
