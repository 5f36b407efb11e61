"""Test doubles the bench drives the real graphs with: a chat model of fixed latency that follows a
script (route -> one tool per specialist -> answer) and a warehouse wrapper recording SQL spans.

:class:`FixedLatencyChatModel` answers both our graph (structured routing, tool-calling specialists,
streamed synthesis) and ``langgraph_supervisor.create_supervisor`` (handoff tools, ReAct agents) with
the *same* decisions, so their latencies compare orchestration, not model behaviour.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator, Mapping
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import (
    AIMessage,
    BaseMessage,
    HumanMessage,
    SystemMessage,
    ToolMessage,
)
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, PrivateAttr

from health_monitor.agents.registry import get_agent_registry
from health_monitor.graph.testing import stream_as_chunks

#: The system prompt of the prebuilt supervisor in the comparison (the fake recognises it).
PREBUILT_SUPERVISOR_PROMPT = ("You are the supervisor of a Databricks platform health monitor. Hand the question "
                              "to every specialist it needs, one at a time, then write the final answer.")
ANSWER_TEXT = "Here is what the specialists found, with the details below."


class SpanRecorder:
    """Thread-safe list of ``(kind, start, end)`` perf_counter spans."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.spans: list[tuple[str, float, float]] = []

    def add(self, kind: str, start: float, end: float) -> None:
        with self._lock:
            self.spans.append((kind, start, end))

    def of(self, *kinds: str) -> list[tuple[float, float]]:
        with self._lock:
            return [(a, b) for k, a, b in self.spans if not kinds or k in kinds]

    def count(self, kind: str) -> int:
        with self._lock:
            return sum(1 for k, _, _ in self.spans if k == kind)

    def clear(self) -> None:
        with self._lock:
            self.spans.clear()


class TimingWarehouse:
    """Wraps a warehouse; records each query as an ``sql`` span (and its text, when asked)."""

    def __init__(self, inner: Any, recorder: SpanRecorder, *, keep_sql: bool = False) -> None:
        self.inner, self.recorder, self.keep_sql = inner, recorder, keep_sql
        self.target = getattr(inner, "target", "duckdb")
        self.statements: list[str] = []

    def query(self, sql: str, params: Mapping[str, Any] | None = None, *, max_rows: int | None = None) -> Any:
        start = time.perf_counter()
        try:
            return self.inner.query(sql, params, max_rows=max_rows)
        finally:
            self.recorder.add("sql", start, time.perf_counter())
            if self.keep_sql:
                self.statements.append(sql)

    def close(self) -> None:
        self.inner.close()


def _text(message: BaseMessage) -> str:
    return message.content if isinstance(message.content, str) else str(message.content)


class FixedLatencyChatModel(BaseChatModel):
    """Sleeps ``latency_s`` per call (before the first streamed chunk), then answers by script.

    ``plans`` maps a question to the specialists it needs; ``agent_tools`` maps a specialist to the one
    tool it calls; ``agent_prompts`` maps the start of a specialist's system prompt to its name.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)
    latency_s: float = 0.2
    plans: dict[str, list[str]] = {}
    agent_tools: dict[str, str] = {}
    agent_prompts: dict[str, str] = {}
    recorder: Any = None
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "bench-fixed-latency"

    # -- the script ---------------------------------------------------------------------------
    def _plan(self, messages: list[BaseMessage]) -> list[str]:
        human = next((_text(m) for m in messages if isinstance(m, HumanMessage)), "")
        for question, agents in self.plans.items():
            if human.startswith(question):
                return list(agents)
        return []

    def _agent_of(self, system: str) -> str | None:
        return next((name for head, name in self.agent_prompts.items() if system.startswith(head)), None)

    def respond(self, messages: list[BaseMessage]) -> AIMessage:
        system = _text(messages[0]) if messages and isinstance(messages[0], SystemMessage) else ""
        if "route questions" in system:  # our supervisor: structured output through a tool call
            agents = self._plan(messages)
            return AIMessage("", tool_calls=[_call("RouteDecision", {"agents": agents, "off_topic": not agents,
                                                                     "reason": "bench script"})])
        if "Findings:" in system:  # our synthesis
            return AIMessage(ANSWER_TEXT)
        if system.startswith(PREBUILT_SUPERVISOR_PROMPT):
            done = {m.name.removeprefix("transfer_to_") for m in messages
                    if isinstance(m, ToolMessage) and (m.name or "").startswith("transfer_to_")}
            todo = [a for a in self._plan(messages) if a not in done]
            if todo:
                return AIMessage("", tool_calls=[_call(f"transfer_to_{todo[0]}", {})])
            return AIMessage(ANSWER_TEXT)
        agent = self._agent_of(system)
        if agent:
            mine = [m for m in messages if isinstance(m, ToolMessage) and m.tool_call_id.startswith(f"{agent}-")]
            if mine:
                return AIMessage(f"The {agent} check is done.")
            return AIMessage("", tool_calls=[_call(self.agent_tools[agent], {}, f"{agent}-{uuid.uuid4().hex[:8]}")])
        return AIMessage(ANSWER_TEXT)

    # -- BaseChatModel ---------------------------------------------------------------------------
    def _timed(self, messages: list[BaseMessage]) -> AIMessage:
        start = time.perf_counter()
        if self.latency_s:
            time.sleep(self.latency_s)
        reply = self.respond(messages)
        if self.recorder is not None:
            self.recorder.add("llm", start, time.perf_counter())
        return reply

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=self._timed(messages))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        yield from stream_as_chunks(self._timed(messages), run_manager)

    def bind_tools(self, tools: Any, **kwargs: Any) -> FixedLatencyChatModel:
        return self


def _call(name: str, args: dict[str, Any], call_id: str | None = None) -> dict[str, Any]:
    return {"name": name, "args": args, "id": call_id or f"call_{name}_{uuid.uuid4().hex[:8]}", "type": "tool_call"}


def scripted_model(questions: Mapping[str, list[str]], *, latency_s: float, recorder: SpanRecorder | None = None,
                   agents: Any = None) -> FixedLatencyChatModel:
    """A :class:`FixedLatencyChatModel` for the eight specialists (their default play's tool each)."""

    registry = agents or get_agent_registry()
    tools, prompts = {}, {}
    for spec in registry:
        default = next((p.tool for p in spec.playbook if p.default), None) or spec.play_tools[0]
        tools[spec.name] = default
        prompts[spec.system_prompt.split("{")[0]] = spec.name
    return FixedLatencyChatModel(latency_s=latency_s, plans=dict(questions), agent_tools=tools, agent_prompts=prompts,
                                 recorder=recorder)
