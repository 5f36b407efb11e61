"""The one API the app, the CLI and Model Serving use: ``ask`` (an :class:`Answer`) and ``stream``
(typed :mod:`graph.events`).

A turn: resolve the run context (argument > environment > default), read the data's as-of instant
and the entity index, rebuild the conversation's memory from the store, save the user's message,
run the graph (streaming routing, tool calls and tokens), save the assistant's message with its tool
calls, agents and context. A store failure never loses the answer: it is reported (``Error`` event,
``Answer.save_error``) and the text is kept so the caller can retry saving.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from health_monitor.actions import service as actions
from health_monitor.actions.spec import Proposal
from health_monitor.graph import adapters, approval, memory
from health_monitor.graph.builder import build_graph
from health_monitor.graph.context import RunContext, resolve_context
from health_monitor.graph.events import Error, Event, Final, Routing, Token, ToolEnd, to_event
from health_monitor.graph.llm import begin_turn
from health_monitor.graph.tracing import traced_stream
from health_monitor.graph.vocabulary import entity_index
from health_monitor.tools.registry import get_registry
from pydantic import BaseModel, Field

from health_monitor.core.errors import first_line


class Answer(BaseModel):
    """One answered question (what ``ask --format json`` prints)."""

    answer: str
    agents: list[str] = Field(default_factory=list)
    tool_calls: list[dict[str, Any]] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict)
    conversation_id: str | None = None
    data_as_of: str | None = None
    declined: bool = False
    notes: list[str] = Field(default_factory=list)
    findings: dict[str, Any] = Field(default_factory=dict)
    context: dict[str, Any] = Field(default_factory=dict)
    saved: bool = False
    save_error: str | None = None
    revised: bool = False
    #: LLM steps answered offline instead, each ``{"step": "route"|"specialist:<agent>"|"synthesis", "reason"}``.
    fallback: list[dict[str, str]] = Field(default_factory=list)
    #: LLM calls, tokens (input/output/total), LLM time and the estimated ``cost_usd`` (None: no price set).
    usage: dict[str, Any] = Field(default_factory=dict)
    #: Actions offered for approval: ``{id, kind, title, risk, status, preview}`` (see :mod:`graph.approval`).
    actions: list[dict[str, Any]] = Field(default_factory=list)


@lru_cache(maxsize=1)
def default_graph() -> Any:
    """The compiled graph of the eight specialists (compiled once per process, on first use)."""
    return build_graph(tools=get_registry())


_PARSER_WARMING: list[threading.Thread] = []


def _warm_parser_in_background() -> None:
    """Start fitting the parser's classifier while the turn opens the store and reads the vocabulary
    (once per process; the first question of a CLI run is seconds faster)."""
    if _PARSER_WARMING:
        return

    def run() -> None:
        from datetime import datetime

        try:
            adapters.understand("how much did we spend yesterday?", as_of=datetime(2026, 1, 1), index=None,
                                previous=None)
        except Exception:  # warming is best effort; the real parse reports its own problems
            pass

    thread = threading.Thread(target=run, name="parser-warm-up", daemon=True)
    _PARSER_WARMING.append(thread)
    thread.start()


def warm_up(context: RunContext | None = None) -> None:
    """Load what the first question would otherwise pay for (the parser's classifier, the compiled
    graph, the entity vocabulary). Call it at app start; it is optional."""
    from datetime import datetime

    default_graph()
    ctx = context
    index = entity_index(ctx.warehouse) if ctx is not None and ctx.warehouse is not None else None
    adapters.understand("warm up: how much did we spend yesterday?", as_of=(ctx.as_of if ctx else None)
                        or datetime(2026, 1, 1), index=index, previous=None)


def ask(question: str, **kwargs: Any) -> Answer:
    """Answer one question (consumes :func:`stream`)."""
    final: Answer | None = None
    for event in stream(question, **kwargs):
        if isinstance(event, Final):
            final = event.answer
    assert final is not None  # stream always ends with Final
    return final


def stream(question: str, *, conversation_id: str | None = None, user_id: str | None = None,
           agent: str | None = None, settings: Any = None, warehouse: Any = None, engine: Any = None,
           llm: Any = None, graph: Any = None, client_msg_id: str | None = None, persist: bool = True,
           context: RunContext | None = None) -> Iterator[Event]:
    """Run one turn, yielding ``Routing``, ``ToolStart``/``ToolEnd``, ``Token``..., ``Error`` and ``Final``.

    ``engine=None`` opens the configured store (``persist=False`` runs without one); ``warehouse=None``
    opens the configured warehouse and closes it afterwards; ``agent`` forces one specialist.
    """
    started = time.perf_counter()
    _warm_parser_in_background()
    owned_warehouse = warehouse is None and context is None
    ctx = context or resolve_context(user_id=user_id, settings=settings, warehouse=warehouse, engine=engine, llm=llm)
    text = question if isinstance(question, str) else str(question or "")
    try:
        yield from _turn(ctx, text, started=started, conversation_id=conversation_id, agent=agent, graph=graph,
                         client_msg_id=client_msg_id, persist=persist)
    finally:
        if owned_warehouse and ctx.warehouse is not None:
            ctx.warehouse.close()


def _turn(ctx: RunContext, question: str, *, started: float, conversation_id: str | None, agent: str | None,
          graph: Any, client_msg_id: str | None, persist: bool) -> Iterator[Event]:
    timings: dict[str, float] = {}
    ms = lambda: round((time.perf_counter() - started) * 1000.0, 1)  # noqa: E731
    if ctx.as_of is None:
        try:
            ctx.as_of = adapters.data_as_of(ctx)
        except Exception as e:  # no data at all: say what to do instead of failing every tool
            detail = first_line(e)
            yield Error(message=detail, where="warehouse", recoverable=False)
            text = (f"I can't read the account's data right now: {detail}\n\n"
                    "_Data as of an unknown time; no tools were used._")
            yield Final(answer=Answer(answer=text, declined=True, timings={"total_ms": ms()}))
            return
    if ctx.entity_index is None and ctx.warehouse is not None:
        try:
            ctx.entity_index = entity_index(ctx.warehouse)
        except Exception as e:
            yield Error(message=f"Could not read the names of workspaces, jobs and tables ({e}); answering "
                                "without them.", where="vocabulary")
    timings["prepare_ms"] = ms()

    # --- memory: the store is the one source of truth -------------------------------------------
    store = _Store(ctx, persist)
    previous: dict[str, Any] = {}
    conversation_id, problem = store.open(conversation_id, question, agent)
    if problem:
        yield Error(message=problem, where="store")
    if conversation_id and store.ok:
        previous, problem = store.previous(conversation_id)
        if problem:
            yield Error(message=problem, where="store")
    client_msg_id = client_msg_id or str(uuid.uuid4())
    problem = store.save_user(conversation_id, question, client_msg_id)
    if problem:
        yield Error(message=problem, where="store")
    timings["memory_ms"] = round(ms() - timings["prepare_ms"], 1)

    # --- run the graph --------------------------------------------------------------------------
    g = graph or default_graph()
    state: dict[str, Any] = {}
    inputs = {"question": question, "previous": previous, "forced_agent": agent}
    llm_turn = begin_turn(ctx, previous)
    try:
        for namespace, mode, payload in traced_stream(ctx, g, inputs, question):
            if mode == "values":
                if not namespace:
                    state = payload
                continue
            event = to_event(payload)
            if event is None:
                continue
            if isinstance(event, Routing):
                timings.setdefault("routing_ms", ms())
            elif isinstance(event, ToolEnd):
                timings["tools_done_ms"] = ms()
            elif isinstance(event, Token):
                timings.setdefault("first_token_ms", ms())
            yield event
    except Exception as e:  # the graph guards its nodes; this is the last line of defence
        message = f"{e.__class__.__name__}: {first_line(e) if str(e).strip() else ''}"
        yield Error(message=f"The question could not be answered ({message}).", where="graph", recoverable=False)
        state = {**state, "answer": state.get("answer") or f"Sorry, something went wrong while answering: {message}. "
                 f"Please try again. _Data as of {ctx.as_of_text}; no tools completed._"}
    timings["total_ms"] = ms()

    answer = _answer(state, ctx, conversation_id, timings)
    if ctx.llm is not None:
        answer.fallback = [f.as_dict() for f in llm_turn.fallbacks]
        answer.usage = llm_turn.usage(ctx.settings.llm_prices, ctx.settings.llm_endpoint)
        timings["llm_ms"] = answer.usage["llm_ms"]
        # Stored with the message (its context JSON): the MLOps page sums tokens, cost and fallbacks.
        answer.context["llm"] = {"usage": answer.usage, "fallback": answer.fallback, "timings": dict(timings),
                                 "endpoint": ctx.settings.llm_endpoint, "provider": ctx.settings.llm_provider}
    problem = _offer_actions(answer, state, ctx, store)
    if problem:
        yield Error(message=problem, where="actions")
    problem = store.save_assistant(conversation_id, answer, client_msg_id)
    if problem:
        answer.save_error = problem
        yield Error(message=problem, where="store")
    answer.saved = store.ok and conversation_id is not None and not problem
    yield Final(answer=answer, revised=answer.revised)


def _answer(state: dict[str, Any], ctx: RunContext, conversation_id: str | None, timings: dict[str, float]) -> Answer:
    plan = state.get("plan")
    calls = [c.model_dump(exclude_none=True) for c in state.get("tool_calls") or []]
    return Answer(
        answer=state.get("answer") or "",
        agents=list(plan.agents) if plan else [],
        tool_calls=adapters.jsonable(calls),
        timings=timings,
        conversation_id=conversation_id,
        data_as_of=ctx.as_of_text if ctx.as_of else None,
        declined=bool(plan.declined) if plan else True,
        notes=list(state.get("notes") or []),
        findings={k: v.model_dump(exclude={"numbers"}) for k, v in (state.get("findings") or {}).items()},
        context=memory.turn_context(state),
        revised=bool(state.get("revised")),
    )


def _offer_actions(answer: Answer, state: dict[str, Any], ctx: RunContext, store: Any) -> str | None:
    """Record the turn's proposed actions and pause an approval thread for each (needs the state store)."""
    proposals = state.get("actions") or []
    if not proposals:
        return None
    if not store.ok or ctx.engine is None:
        return "Actions could be proposed, but the state store is unavailable to record them."

    try:
        ids = actions.record(ctx.engine, [Proposal.model_validate(p) for p in proposals], user_id=ctx.user_id,
                             settings=ctx.settings, conversation_id=answer.conversation_id,
                             user_token=ctx.extras.get("user_token"))
        approval.start(ids, engine=ctx.engine, settings=ctx.settings)
        answer.actions = [action_card(actions.get(ctx.engine, i)) for i in ids]
    except Exception as e:
        return _store_problem("record the proposed actions", e)
    return None


def action_card(view: Any) -> dict[str, Any]:
    """What the chat shows of an action (JSON-safe)."""
    return adapters.jsonable({"id": view.id, "kind": view.kind, "title": view.title, "risk": view.risk,
                              "status": view.status, "params": view.params, "preview": view.preview,
                              "estimated_monthly_saving": view.estimated_monthly_saving})


def decide_action(action_id: str, decision: str, **kwargs: Any) -> Any:
    """Resume an action's paused approval with a person's decision (see :func:`graph.approval.decide`)."""

    return approval.decide(action_id, decision, **kwargs)


class _Store:
    """Conversation persistence for one turn; every failure becomes a message, never an exception."""

    def __init__(self, ctx: RunContext, persist: bool) -> None:
        self.ctx = ctx
        self.persist = persist
        self.ok = persist
        if persist and ctx.engine is None:
            try:
                ctx.engine = adapters.open_engine(ctx.settings)
            except Exception as e:
                self.ok = False
                self.startup_problem = _store_problem("open the conversation store", e)
                return
        self.startup_problem = None

    def open(self, conversation_id: str | None, question: str, agent: str | None) -> tuple[str | None, str | None]:
        if not self.persist:
            return conversation_id, None
        if not self.ok:
            return conversation_id or str(uuid.uuid4()), self.startup_problem
        try:
            return adapters.ensure_conversation(self.ctx.engine, user_id=self.ctx.user_id,
                                                conversation_id=conversation_id, title=question[:80] or "Question",
                                                agent=agent), None
        except Exception as e:
            if conversation_id and e.__class__.__name__ == "NotFound":
                # Another user's id looks like a missing one: start a fresh conversation instead.
                return self.open(None, question, agent)
            self.ok = False
            return conversation_id or str(uuid.uuid4()), _store_problem("open the conversation", e)

    def previous(self, conversation_id: str) -> tuple[dict[str, Any], str | None]:
        try:
            return memory.load_previous(self.ctx.engine, user_id=self.ctx.user_id,
                                        conversation_id=conversation_id), None
        except Exception as e:
            return {}, _store_problem("read the conversation's earlier turns", e)

    def save_user(self, conversation_id: str | None, question: str, client_msg_id: str) -> str | None:
        if not (self.ok and conversation_id):
            return None
        try:
            adapters.save_message(self.ctx.engine, user_id=self.ctx.user_id, conversation_id=conversation_id,
                                  role="user", content=question[:50_000], client_msg_id=f"{client_msg_id}:q")
        except Exception as e:
            self.ok = False
            return _store_problem("save your question", e)
        return None

    def save_assistant(self, conversation_id: str | None, answer: Answer, client_msg_id: str) -> str | None:
        if not (self.ok and conversation_id):
            return None
        try:
            adapters.save_message(self.ctx.engine, user_id=self.ctx.user_id, conversation_id=conversation_id,
                                  role="assistant", content=answer.answer, tool_calls=answer.tool_calls,
                                  agents=answer.agents, context=answer.context, client_msg_id=f"{client_msg_id}:a",
                                  status="ok" if answer.answer else "error")
        except Exception as e:
            return _store_problem("save the answer", e)
        return None


def save_answer(answer: Answer, *, question: str, user_id: str, engine: Any, client_msg_id: str) -> None:
    """Retry saving a turn whose save failed (idempotent on ``client_msg_id``); raises on failure."""
    if not answer.conversation_id:
        raise ValueError("the answer has no conversation id")
    adapters.save_message(engine, user_id=user_id, conversation_id=answer.conversation_id, role="user",
                          content=question, client_msg_id=f"{client_msg_id}:q")
    adapters.save_message(engine, user_id=user_id, conversation_id=answer.conversation_id, role="assistant",
                          content=answer.answer, tool_calls=answer.tool_calls, agents=answer.agents,
                          context=answer.context, client_msg_id=f"{client_msg_id}:a")


def _store_problem(what: str, e: Exception) -> str:
    detail = first_line(e)
    return f"Could not {what} ({detail}); the answer is kept and can be saved again."
