"""Approval in the conversation: the agent graph proposes actions, a small approval graph per action
pauses with LangGraph's ``interrupt`` until a person decides, then carries the decision out.

    propose_actions (node of the agent graph, after synthesis): findings -> proposals (state ``actions``)
    approval graph, one thread per action:  START -> await_decision (interrupt) -> carry_out -> END
                                                       ^---- refused decision ----'

The approval graph is compiled with a checkpointer, so a proposal survives a restart of the app between
the proposal and the decision: PostgreSQL in the state database's schema when the state is PostgreSQL
and the ``postgres`` extra (langgraph-checkpoint-postgres) is installed, else SQLite in the data folder.
The audit trail in the state database is the record of what was decided, and an approval whose
checkpoint was lost restarts its thread.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from health_monitor.actions import service as actions
from health_monitor.actions.lookup import Lookup
from health_monitor.db.engine import connect_args_of, token_cache_of
from health_monitor.db.errors import PermissionDenied
from health_monitor.graph import adapters
from health_monitor.graph.context import RunContext
from health_monitor.graph.state import HealthState
from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime
from langgraph.types import Command, interrupt
from typing_extensions import TypedDict

CHECKPOINT_FILE = "actions_checkpoints.sqlite"


# --- the agent graph's node ----------------------------------------------------------------------------

def propose_actions(state: HealthState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Offer the catalog's actions that fix what this turn's findings found (none when nothing applies)."""
    ctx = runtime.context
    findings = state.get("findings") or {}
    if not findings or ctx is None or ctx.warehouse is None:
        return {}
    try:
        # The turn's executor: its as-of and degraded-model reads are already done.
        lookup = Lookup(ctx.warehouse, ctx.settings, executor=adapters.executor(ctx))
        proposals = actions.proposals_for(findings, lookup)
    except Exception as e:  # proposing is an extra: never sink the answer
        return {"notes": [f"Could not propose actions ({e.__class__.__name__})."]}
    return {"actions": [p.model_dump(mode="json") for p in proposals]} if proposals else {}


# --- the approval graph --------------------------------------------------------------------------------

@dataclass
class ApprovalContext:
    engine: Any
    settings: Any
    client: Any = None
    user_token: str | None = None


class ApprovalState(TypedDict, total=False):
    action_id: str
    decision: dict[str, Any]
    outcome: dict[str, Any]


def await_decision(state: ApprovalState) -> dict[str, Any]:
    decision = interrupt({"action_id": state["action_id"], "ask": "approve, edit or reject"})
    return {"decision": decision, "outcome": {}}


def carry_out(state: ApprovalState, runtime: Runtime[ApprovalContext]) -> dict[str, Any]:
    ctx, d = runtime.context, state["decision"]
    try:
        outcome = actions.apply_decision(ctx.engine, state["action_id"], d["decision"], user_id=d["user_id"],
                                         role=d["role"], settings=ctx.settings, params=d.get("params"),
                                         note=d.get("note", ""), client=ctx.client, user_token=ctx.user_token)
    except (PermissionDenied, actions.ActionError) as e:
        return {"outcome": {"action_id": state["action_id"], "status": "refused", "message": str(e)}}
    return {"outcome": asdict(outcome)}


def _after(state: ApprovalState) -> Literal["await_decision", "__end__"]:
    return "await_decision" if state.get("outcome", {}).get("status") == "refused" else END


def approval_builder() -> StateGraph:
    b = StateGraph(ApprovalState, context_schema=ApprovalContext)
    b.add_node("await_decision", await_decision)
    b.add_node("carry_out", carry_out)
    b.add_edge(START, "await_decision")
    b.add_edge("await_decision", "carry_out")
    b.add_conditional_edges("carry_out", _after, ["await_decision", END])
    return b


_GRAPHS: dict[str, Any] = {}
_LOCK = threading.Lock()


def checkpointer(path: Path) -> Any:
    """A SQLite checkpointer on ``path`` (a new connection: what a restarted process gets)."""
    from langgraph.checkpoint.sqlite import SqliteSaver

    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteSaver(sqlite3.connect(str(path), check_same_thread=False))


_LIBPQ_KEYS = ("sslmode", "options", "connect_timeout", "application_name", "keepalives", "keepalives_idle",
               "keepalives_interval", "keepalives_count")


def postgres_checkpointer(settings: Any, engine: Any) -> Any | None:
    """A PostgreSQL checkpointer in the state database's schema, or None (SQLite state, or the
    ``postgres`` extra not installed). Lakebase: the password is the engine's current OAuth token."""
    if engine is None or engine.url.get_backend_name() != "postgresql":
        return None
    try:
        import psycopg
        from langgraph.checkpoint.postgres import PostgresSaver
        from psycopg.rows import dict_row
    except ImportError:
        return None

    url, tokens = engine.url, token_cache_of(engine)
    libpq = connect_args_of(engine)  # the same TLS mode, search_path, timeouts and keepalives as the state engine
    kwargs: dict[str, Any] = {**{k: v for k, v in libpq.items() if k in _LIBPQ_KEYS},
                              "host": url.host, "port": url.port or 5432, "dbname": url.database,
                              "user": url.username, "password": url.password or (tokens.get() if tokens else None),
                              "autocommit": True, "prepare_threshold": 0, "row_factory": dict_row}
    saver = PostgresSaver(psycopg.connect(**{k: v for k, v in kwargs.items() if v is not None}))
    saver.setup()
    return saver


def approval_graph(settings: Any, *, saver: Any = None, engine: Any = None) -> Any:
    """The compiled approval graph over the state database (PostgreSQL) or the data folder's checkpoint
    file (one per process and store)."""
    if saver is not None:
        return approval_builder().compile(checkpointer=saver, name="action_approval")
    pg = engine is not None and engine.url.get_backend_name() == "postgresql"
    key = f"{engine.url}|{settings.state_schema}" if pg else str(Path(settings.data_dir) / CHECKPOINT_FILE)
    with _LOCK:
        cached = _GRAPHS.get(key)
        if cached is not None and not getattr(getattr(cached.checkpointer, "conn", None), "closed", False):
            return cached
        store = postgres_checkpointer(settings, engine) if pg else None
        if store is None:
            store = checkpointer(Path(settings.data_dir) / CHECKPOINT_FILE)
        _GRAPHS[key] = approval_builder().compile(checkpointer=store, name="action_approval")
        return _GRAPHS[key]


def reset() -> None:
    """Forget the compiled approval graphs and close their checkpoint connections (tests; a restart)."""
    with _LOCK:
        for g in _GRAPHS.values():
            conn = getattr(g.checkpointer, "conn", None)
            if conn is not None:
                conn.close()
        _GRAPHS.clear()


def _config(action_id: str) -> dict[str, Any]:
    return {"configurable": {"thread_id": f"action:{action_id}"}}


def start(action_ids: list[str], *, engine: Any, settings: Any, graph: Any = None) -> None:
    """Run each new action's approval thread up to its pause (a thread already paused is left alone)."""
    g = graph or approval_graph(settings, engine=engine)
    ctx = ApprovalContext(engine=engine, settings=settings)
    for action_id in action_ids:
        if not g.get_state(_config(action_id)).next:
            g.invoke({"action_id": action_id}, _config(action_id), context=ctx)


def pending(action_id: str, *, settings: Any, graph: Any = None, engine: Any = None) -> bool:
    """True when the action's approval thread is paused waiting for a decision."""
    g = graph or approval_graph(settings, engine=engine)
    return bool(g.get_state(_config(action_id)).next)


def decide(action_id: str, decision: str, *, user_id: str, role: str, engine: Any, settings: Any,
           params: dict[str, Any] | None = None, note: str = "", client: Any = None, user_token: str | None = None,
           graph: Any = None) -> actions.Outcome:
    """Resume the action's paused approval with a decision. A decision the user may not take is refused
    before the graph moves (``PermissionDenied`` / ``ActionError``); a decided action is not done again."""
    view, _ = actions.check_decision(engine, action_id, decision, role=role, params=params)
    if view.decided:
        return actions.Outcome(view.id, view.status, f"Already decided ({view.status}); nothing was done again.",
                               replayed=True)
    g = graph or approval_graph(settings, engine=engine)
    ctx = ApprovalContext(engine=engine, settings=settings, client=client, user_token=user_token)
    config = _config(view.id)
    if not g.get_state(config).next:  # never started here, or its checkpoint was lost: the audit trail rules
        g.invoke({"action_id": view.id}, config, context=ctx)
    result = g.invoke(Command(resume={"decision": decision, "user_id": user_id, "role": role, "params": params,
                                      "note": note}), config, context=ctx)
    out = result.get("outcome") or {}
    if out.get("status") == "refused":
        raise actions.ActionError(out.get("message") or "The decision was refused.")
    return actions.Outcome(out["action_id"], out["status"], out["message"], replayed=out.get("replayed", False),
                           detail=out.get("detail") or {})
