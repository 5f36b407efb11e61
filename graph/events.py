"""Typed events the graph streams to the chat page, the CLI and Model Serving.

Nodes emit plain dicts through LangGraph's ``get_stream_writer()`` (custom stream mode) using the
``emit_*`` helpers below; :func:`to_event` turns such a dict back into one of these classes. A consumer
renders ``Routing`` (which specialists run), ``ToolStart``/``ToolEnd`` (each call: name, args, rows,
ms), ``Progress`` (an LLM step at work: which agent, what it is doing), ``Token`` (answer text, only
once it passed the figure and content checks) and finally ``Final`` (the authoritative answer:
when the LLM's draft failed the figure check, ``Final.answer`` replaces the streamed tokens and
``revised`` is true). ``Error`` reports a failure the caller should show (a DB save that failed,
say) without losing the answer.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class Routing(BaseModel):
    kind: Literal["routing"] = "routing"
    agents: list[str]
    reason: str = ""
    declined: bool = False
    method: str = "offline"


class ToolStart(BaseModel):
    kind: Literal["tool_start"] = "tool_start"
    agent: str
    tool: str
    args: dict[str, Any] = Field(default_factory=dict)
    call_id: str = ""


class ToolEnd(BaseModel):
    kind: Literal["tool_end"] = "tool_end"
    agent: str
    tool: str
    args: dict[str, Any] = Field(default_factory=dict)
    call_id: str = ""
    ok: bool = True
    rows: int = 0
    ms: float = 0.0
    error: str | None = None


class Progress(BaseModel):
    """An LLM step at work (no answer text: that streams only after it is checked)."""

    kind: Literal["progress"] = "progress"
    #: "routing", "specialist" or "synthesis".
    stage: str
    agent: str | None = None
    message: str = ""


class Token(BaseModel):
    kind: Literal["token"] = "token"
    text: str
    #: "synthesis" for answer text; a specialist's name for its own LLM tokens (rarely shown).
    source: str = "synthesis"


class Final(BaseModel):
    kind: Literal["final"] = "final"
    answer: Any  # graph.service.Answer (kept loose to avoid an import cycle)
    revised: bool = False


class Error(BaseModel):
    kind: Literal["error"] = "error"
    message: str
    where: str = ""
    recoverable: bool = True


Event = Routing | ToolStart | ToolEnd | Progress | Token | Final | Error

#: Registry: the ``kind`` of an emitted dict -> its event class.
EVENT_TYPES: dict[str, type[BaseModel]] = {cls.model_fields["kind"].default: cls
                                           for cls in (Routing, ToolStart, ToolEnd, Progress, Token, Final, Error)}


def to_event(payload: Any) -> Event | None:
    """A custom-stream payload -> its typed event (None for anything that is not ours)."""
    if not isinstance(payload, dict):
        return None
    cls = EVENT_TYPES.get(payload.get("kind", ""))
    return cls.model_validate(payload) if cls else None  # type: ignore[return-value]


def emit(event: BaseModel) -> None:
    """Write an event to the custom stream; a no-op outside a streaming run."""
    # Deferred: a consumer (the CLI) imports these classes before it needs LangGraph (~1 s cold).
    from langgraph.config import get_stream_writer

    try:
        writer = get_stream_writer()
    except RuntimeError:  # called outside a graph run (unit tests of a node)
        return
    writer(event.model_dump(mode="json"))
