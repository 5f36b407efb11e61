"""Calling the chat model within one turn's budget: a deadline, cancellation, a circuit breaker,
token usage and a machine-readable record of every fallback.

Every LLM call of the graph goes through :func:`call_llm` (or :func:`structured_llm`). A call:

* is skipped at once when the endpoint's **circuit breaker** is open (a failure earlier in this turn,
  or in another turn less than ``llm_cooldown_s`` ago);
* streams from the model in a worker thread and waits at most the turn's remaining budget
  (``turn_budget_s``, shared by routing, the specialists and the answer) and ``llm_timeout_s``;
* when the time is up, sets the call's cancel flag: the worker stops reading and closes the response
  at the next chunk (a trickling model is cut off at once; a silent one is dropped by the HTTP
  client's own timeout, which the providers set no longer than the budget, with no retries);
* records the endpoint's token usage (streaming calls ask for it) for the answer's cost.

Any failure is :class:`LLMFailure`; the caller takes the offline path and records a
:class:`Fallback` naming the step, which the answer reports in its ``fallback`` field.
"""

from __future__ import annotations

import contextvars
import threading
import time
import weakref
from dataclasses import dataclass, field
from typing import Any

from health_monitor.graph.context import RunContext
from health_monitor.graph.tracing import span
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, message_chunk_to_message

from health_monitor.core.errors import first_line

TURN_KEY = "llm_turn"
#: How often a waiting call checks whether another step of the turn saw the endpoint fail.
ABORT_POLL_S = 0.05


class LLMFailure(Exception):
    """The LLM failed, timed out, was skipped or answered in an unusable shape."""

    def __init__(self, message: str, *, trip: bool = True) -> None:
        super().__init__(message)
        #: False for problems that say nothing about the endpoint's health (a malformed route choice).
        self.trip = trip


def _short(e: BaseException) -> str:
    text = first_line(e) if str(e).strip() else ""
    return f"{e.__class__.__name__}: {text}"[:200].strip(": ")


# -- the circuit breaker (process-wide, one per endpoint) -------------------------------------------
@dataclass
class Breaker:
    open_until: float = 0.0
    reason: str = ""
    #: For a breaker keyed by an object's id: that object (a reused id must not inherit an open breaker).
    owner: Any = None

    def blocked(self, now: float) -> str | None:
        return self.reason if now < self.open_until else None


_BREAKERS: dict[str, Breaker] = {}
_BREAKERS_LOCK = threading.Lock()


def endpoint_key(ctx: RunContext) -> str:
    """Configured providers share a breaker per endpoint; an injected model object has its own."""
    s = ctx.settings
    if s.llm_provider != "offline":
        return f"{s.llm_provider}:{s.llm_endpoint}:{s.llm_base_url or ''}"
    return f"object:{id(ctx.llm)}"


def breaker(ctx: RunContext) -> Breaker:
    key = endpoint_key(ctx)
    with _BREAKERS_LOCK:
        gate = _BREAKERS.get(key)
        if key.startswith("object:"):
            owner = gate.owner() if gate is not None and gate.owner is not None else None
            if owner is not ctx.llm:
                gate = _BREAKERS[key] = Breaker(owner=_weak(ctx.llm))
        elif gate is None:
            gate = _BREAKERS[key] = Breaker()
        return gate


def _weak(obj: Any) -> Any:
    try:
        return weakref.ref(obj)
    except TypeError:
        return lambda: obj


def reset_breakers() -> None:
    """Close every breaker (tests; an operator after fixing the endpoint)."""
    with _BREAKERS_LOCK:
        _BREAKERS.clear()


# -- the turn ------------------------------------------------------------------------------------
@dataclass
class Fallback:
    """One LLM step that was answered offline instead, and why."""

    step: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"step": self.step, "reason": self.reason}


@dataclass
class LLMTurn:
    """One turn's LLM budget and accounting (kept in ``ctx.extras``; see :func:`begin_turn`)."""

    budget_s: float
    #: The conversation memory of this turn (``graph.memory``), for :mod:`graph.history`.
    previous: dict[str, Any] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)
    calls: list[dict[str, Any]] = field(default_factory=list)
    #: Set by the first endpoint failure: the rest of this turn goes offline without calling it.
    failed: str | None = None
    #: Set with ``failed``: calls still waiting in parallel steps give up at once.
    abort: threading.Event = field(default_factory=threading.Event, repr=False)
    fallbacks: list[Fallback] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def deadline(self) -> float:
        return self.started + self.budget_s

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def record_call(self, entry: dict[str, Any]) -> None:
        with self._lock:
            self.calls.append(entry)

    def record_fallback(self, step: str, reason: str) -> None:
        with self._lock:
            if not any(f.step == step for f in self.fallbacks):
                self.fallbacks.append(Fallback(step, reason))

    def usage(self, prices: dict[str, dict[str, float]] | None = None, endpoint: str | None = None) -> dict[str, Any]:
        """Tokens, calls, LLM time and the estimated cost (None when the endpoint has no price)."""
        with self._lock:
            calls = list(self.calls)
        tokens_in = sum(c.get("input_tokens", 0) for c in calls)
        tokens_out = sum(c.get("output_tokens", 0) for c in calls)
        out: dict[str, Any] = {"llm_calls": len(calls), "input_tokens": tokens_in, "output_tokens": tokens_out,
                               "total_tokens": tokens_in + tokens_out,
                               "llm_ms": round(sum(c.get("ms", 0.0) for c in calls), 1),
                               "usage_reported": all(c.get("usage_reported") for c in calls) if calls else False,
                               "cost_usd": None}
        price = (prices or {}).get(endpoint or "") or (prices or {}).get("*")
        if price:
            out["cost_usd"] = round(tokens_in / 1000.0 * float(price.get("input", 0.0))
                                    + tokens_out / 1000.0 * float(price.get("output", 0.0)), 6)
        return out


def begin_turn(ctx: RunContext, previous: dict[str, Any] | None = None) -> LLMTurn:
    """Start a turn's budget (the service calls this before running the graph)."""
    turn = LLMTurn(budget_s=float(ctx.settings.turn_budget_s), previous=dict(previous or {}))
    ctx.extras[TURN_KEY] = turn
    return turn


def turn_of(ctx: RunContext) -> LLMTurn:
    """This turn's budget; a graph run without the service (a notebook) gets one on first use."""
    turn = ctx.extras.get(TURN_KEY)
    if not isinstance(turn, LLMTurn):
        turn = begin_turn(ctx)
    return turn


def unavailable(ctx: RunContext) -> str | None:
    """Why no LLM call would be made now (no model, breaker open, budget spent), else None."""
    if ctx.llm is None:
        return "no LLM configured"
    turn = turn_of(ctx)
    blocked = turn.failed or breaker(ctx).blocked(time.monotonic())
    if blocked:
        return f"skipped: the LLM endpoint failed recently ({blocked})"
    if turn.remaining() <= 0.05:
        return f"the turn's LLM budget ({turn.budget_s:g} s) is spent"
    return None


def fallback(ctx: RunContext, step: str, reason: str) -> None:
    """Record that ``step`` was answered offline (the answer's machine-readable ``fallback``)."""
    turn_of(ctx).record_fallback(step, reason)


# -- calls ---------------------------------------------------------------------------------------
def call_llm(ctx: RunContext, step: str, messages: list[BaseMessage], *, tools: list[Any] | None = None,
             tool_choice: str | None = None) -> AIMessage:
    """One model reply (text and/or tool calls) within the turn's budget; raises :class:`LLMFailure`."""
    if ctx.llm is None:
        raise LLMFailure("no LLM configured", trip=False)
    turn = turn_of(ctx)
    gate = breaker(ctx)
    blocked = turn.failed or gate.blocked(time.monotonic())
    if blocked:
        raise LLMFailure(f"skipped: the LLM endpoint failed recently ({blocked})", trip=False)
    remaining = turn.remaining()
    if remaining <= 0.05:
        raise LLMFailure(f"the turn's LLM budget ({turn.budget_s:g} s) is spent", trip=False)
    wait_s = min(remaining, float(ctx.settings.llm_timeout_s))
    try:
        runnable = ctx.llm.bind_tools(tools, **({"tool_choice": tool_choice} if tool_choice else {})) if tools \
            else ctx.llm
    except Exception as e:  # binding is local: not the endpoint's fault
        raise LLMFailure(f"could not bind the tools ({_short(e)})", trip=False) from e

    with span(ctx, f"llm:{step}", "CHAT_MODEL", {"messages": [_traced(m) for m in messages]}) as sp:
        reply = _run(ctx, turn, gate, step, runnable, messages, wait_s, remaining)
        usage = getattr(reply, "usage_metadata", None) or {}
        sp.set_outputs({"content": text_of(reply), "tool_calls": list(getattr(reply, "tool_calls", []) or [])})
        sp.set_attributes({"input_tokens": int(usage.get("input_tokens") or 0),
                           "output_tokens": int(usage.get("output_tokens") or 0),
                           "mlflow.chat.tokenUsage": {"input_tokens": int(usage.get("input_tokens") or 0),
                                                      "output_tokens": int(usage.get("output_tokens") or 0),
                                                      "total_tokens": int(usage.get("total_tokens") or 0)}})
    if not isinstance(reply, AIMessage):
        raise LLMFailure(f"unexpected reply type {type(reply).__name__}", trip=False)
    return reply


def _traced(message: BaseMessage) -> dict[str, Any]:
    return {"role": message.type, "content": text_of(message)[:4000]}


def _run(ctx: RunContext, turn: LLMTurn, gate: Breaker, step: str, runnable: Any, messages: list[BaseMessage],
         wait_s: float, remaining: float) -> Any:
    call = _Call(runnable, messages)
    started = time.perf_counter()
    worker = threading.Thread(target=contextvars.copy_context().run, args=(call.run,), daemon=True,
                              name=f"llm-{step}")
    worker.start()
    deadline = time.monotonic() + max(0.0, wait_s)
    finished = False
    while not finished and not turn.abort.is_set() and time.monotonic() < deadline:
        finished = call.done.wait(timeout=min(ABORT_POLL_S, max(0.0, deadline - time.monotonic())))
    finished = finished or call.done.is_set()
    ms = (time.perf_counter() - started) * 1000.0
    if not finished and turn.abort.is_set():
        call.cancel.set()
        turn.record_call({"step": step, "ms": ms, "ok": False, "usage_reported": False})
        raise LLMFailure(f"cancelled: the endpoint failed in another step ({turn.failed})", trip=False)
    if not finished:
        call.cancel.set()
        why = (f"no answer within the turn's budget ({turn.budget_s:g} s)" if wait_s >= remaining
               else f"no answer within {ctx.settings.llm_timeout_s:g} s")
        _trip(ctx, gate, why)
        turn.record_call({"step": step, "ms": ms, "ok": False, "usage_reported": False})
        raise LLMFailure(why)
    if call.error is not None:
        why = _short(call.error)
        _trip(ctx, gate, why)
        turn.record_call({"step": step, "ms": ms, "ok": False, "usage_reported": False})
        raise LLMFailure(why) from call.error
    reply = call.result
    usage = getattr(reply, "usage_metadata", None) or {}
    turn.record_call({"step": step, "ms": round(ms, 1), "ok": True, "usage_reported": bool(usage),
                      "input_tokens": int(usage.get("input_tokens") or 0),
                      "output_tokens": int(usage.get("output_tokens") or 0)})
    return reply


def structured_llm(ctx: RunContext, step: str, messages: list[BaseMessage], schema: type[Any]) -> Any:
    """The model's answer as an instance of the pydantic ``schema`` (a forced tool call)."""
    reply = call_llm(ctx, step, messages, tools=[schema], tool_choice=schema.__name__)
    calls = [c for c in reply.tool_calls if c.get("name") == schema.__name__] or list(reply.tool_calls)
    if not calls:
        raise LLMFailure("the model did not return the structured answer", trip=False)
    return calls[0].get("args") or {}


def _trip(ctx: RunContext, gate: Breaker, reason: str) -> None:
    """Open the breaker: the rest of this turn, and later turns for ``llm_cooldown_s``, skip the endpoint."""
    turn = turn_of(ctx)
    turn.failed = turn.failed or reason
    turn.abort.set()
    with _BREAKERS_LOCK:
        gate.open_until = max(gate.open_until, time.monotonic() + float(ctx.settings.llm_cooldown_s))
        gate.reason = reason


class _Call:
    """One streamed model call run in a worker thread, stoppable between chunks."""

    def __init__(self, runnable: Any, messages: list[BaseMessage]) -> None:
        self.runnable, self.messages = runnable, messages
        self.done, self.cancel = threading.Event(), threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        merged: AIMessageChunk | None = None
        stream = None
        try:
            stream = self.runnable.stream(self.messages)
            for chunk in stream:
                if self.cancel.is_set():
                    break
                if not isinstance(chunk, AIMessageChunk):
                    chunk = AIMessageChunk(content=getattr(chunk, "content", str(chunk)))
                merged = chunk if merged is None else merged + chunk
            if not self.cancel.is_set():
                self.result = message_chunk_to_message(merged) if merged is not None else AIMessage("")
        except BaseException as e:  # noqa: BLE001 - reported to the waiting caller
            self.error = e
        finally:
            if stream is not None and hasattr(stream, "close"):
                try:
                    stream.close()  # a cancelled call closes its HTTP response here
                except Exception:
                    pass
            self.done.set()


def text_of(message: Any) -> str:
    content = getattr(message, "content", message)
    if isinstance(content, list):
        return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    return str(content or "")
