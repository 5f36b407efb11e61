"""Process-wide clients, each from one ``st.cache_resource`` factory: settings, warehouse, tool
executor, state engine (migrated once), the pending-writes outbox and the compiled agent graph.

Nothing here holds per-user data. A factory that raises is not cached, so a database that was down
at the first call is retried on the next rerun.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from health_monitor.tools.executor import ToolExecutor

from health_monitor.core.errors import first_line


@st.cache_resource(show_spinner=False)
def settings() -> Any:
    from health_monitor.core.settings import get_settings

    return get_settings()


@st.cache_resource(show_spinner=False)
def warehouse() -> Any:
    from health_monitor.warehouse import open_warehouse

    return open_warehouse(settings())


@st.cache_resource(show_spinner=False)
def executor() -> Any:

    return ToolExecutor(warehouse(), settings())


@st.cache_resource(show_spinner=False)
def raw_engine() -> Any:
    """The state store's engine, not yet connected (creating it never touches the database)."""
    from health_monitor.db import make_engine

    return make_engine(settings())


@st.cache_resource(show_spinner=False)
def state_engine() -> Any:
    """The conversations/preferences/alerts store, migrated; raises ``StateUnavailable`` when down
    (not cached then: the next call tries again)."""
    from health_monitor.db import migrate

    engine = raw_engine()
    migrate(engine)
    return engine


@st.cache_resource(show_spinner=False)
def pending_writes() -> Any:
    """Chat messages the store refused, kept until it is back (one outbox per process)."""
    from health_monitor.db.outbox import PendingWrites

    return PendingWrites()


@st.cache_resource(show_spinner=False)
def agent_graph() -> Any:
    """The compiled supervisor + specialists graph (compiled once per process, on the chat page)."""
    from health_monitor.graph.service import default_graph

    return default_graph()


def engine_or_problem() -> tuple[Any | None, str | None]:
    """The migrated state engine, or None and why the store is unavailable (pages degrade, never crash)."""
    try:
        return state_engine(), None
    except Exception as e:  # noqa: BLE001
        return None, first_line(e)


@st.cache_resource(show_spinner=False)
def warm_agents() -> Any:
    """Start, once per process, a background run of one question so the graph is compiled and its
    vocabulary and routing indexes are built before the user's first question. Returns the thread."""
    import threading

    s, wh = settings(), warehouse()

    def run() -> None:
        try:
            from health_monitor.graph.service import ask

            ask("What needs my attention right now?", settings=s, warehouse=wh, persist=False)
        except Exception:  # noqa: BLE001 - warming is best effort; the real question reports errors
            pass

    thread = threading.Thread(target=run, name="hm-warm-agents", daemon=True)
    thread.start()
    return thread
