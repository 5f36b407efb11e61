"""Test doubles for the graph: a scripted chat model, a canned tool executor, a fixed parser.

``ScriptedChatModel`` replays a list of AIMessages (real ``tool_calls`` included), streams each as
chunks, and ``bind_tools`` / ``with_structured_output`` return models over the same script, as
stack-notes recommends (``GenericFakeChatModel`` fails on tool-call-only messages).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

from health_monitor.graph.adapters import Understanding
from health_monitor.graph.testing import stream_as_chunks
from health_monitor.tools.executor import ToolResult
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, PrivateAttr

AS_OF = datetime(2026, 1, 15, 9, 0)


class ScriptedChatModel(BaseChatModel):
    """Replays ``script`` in order; an ``Exception`` in the script is raised at that step.

    ``route`` (a callable ``messages -> AIMessage | Exception``) answers instead when given, so
    parallel agents can each get their own reply regardless of thread order."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    script: list[Any] = []
    route: Callable[[list[BaseMessage]], Any] | None = None
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)
    _calls: list[list[BaseMessage]] = PrivateAttr(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    @property
    def calls(self) -> list[list[BaseMessage]]:
        return self._calls

    def _next(self, messages: list[BaseMessage]) -> AIMessage:
        with self._lock:
            self._calls.append(list(messages))
            reply = self.route(messages) if self.route else (self.script.pop(0) if self.script else AIMessage(""))
        if isinstance(reply, Exception):
            raise reply
        return reply

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=self._next(messages))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        yield from stream_as_chunks(self._next(messages), run_manager)

    def bind_tools(self, tools: Any, **kwargs: Any) -> ScriptedChatModel:
        return self


def tool_call(name: str, args: dict[str, Any] | None = None, call_id: str | None = None) -> dict[str, Any]:
    return {"name": name, "args": args or {}, "id": call_id or f"call_{name}", "type": "tool_call"}


class FakeExecutor:
    """Canned rows per tool; ``fail`` names tools that return ok=False; ``boom`` tools raise."""

    def __init__(self, rows: dict[str, list[dict[str, Any]]], *, fail: set[str] = frozenset(),
                 boom: set[str] = frozenset(), delay_s: float = 0.0) -> None:
        self.rows, self.fail, self.boom, self.delay_s = rows, set(fail), set(boom), delay_s
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def as_of(self) -> tuple[datetime, date]:
        return AS_OF, AS_OF.date()

    def run(self, name: str, args: dict[str, Any] | None = None, **_: Any) -> ToolResult:
        import time

        self.calls.append((name, dict(args or {})))
        if self.delay_s:
            time.sleep(self.delay_s)
        if name in self.boom:
            raise RuntimeError(f"{name} exploded")
        if name in self.fail:
            return ToolResult(tool=name, args=dict(args or {}), ok=False, error=f"{name} failed: warehouse gone")
        rows = self.rows.get(name, [])
        return ToolResult(tool=name, args=dict(args or {}), rows=rows, row_count=len(rows),
                          columns=list(rows[0]) if rows else [], ms=1.0)


def fixed_parser(table: dict[str, Understanding]) -> Callable[..., Understanding]:
    """A parser answering from ``table`` by question (off-topic when unknown)."""

    def parse(question: str, **_: Any) -> Understanding:
        return table.get(question, Understanding(off_topic=True, reason="unknown in test table"))

    return parse


DEMO_ROWS: dict[str, list[dict[str, Any]]] = {
    "get_cost_anomalies": [{"usage_date": date(2026, 1, 14), "workspace_id": "3", "workspace_name": "ml-workspace",
                            "list_cost": 2310.5, "baseline_cost": 1598.2, "delta_cost": 712.3, "pct_change": 44.6,
                            "z_score": 4.1, "direction": "up"}],
    "get_top_cost_drivers": [{"rank": 1, "workspace_name": "ml-workspace", "driver_type": "job",
                              "driver_name": "ml_training", "sku_name": "PREMIUM_JOBS_COMPUTE_GPU",
                              "billing_origin_product": "JOBS", "list_cost": 1450.0, "dbus": 2900.0,
                              "baseline_cost": 820.0, "delta_cost": 630.0, "pct_change": 76.8}],
    "get_failed_jobs": [{"start_time": datetime(2026, 1, 15, 3, 0), "end_time": datetime(2026, 1, 15, 3, 20),
                         "workspace_name": "ml-workspace", "job_id": "11", "job_name": "ml_training", "run_id": f"r{i}",
                         "result_state": "FAILED", "termination_code": "RUN_EXECUTION_ERROR",
                         "error_message": "CUDA out of memory", "duration_seconds": 1200, "attempts": 1,
                         "compute_type": "JOBS_COMPUTE", "run_as": "ml-sp"} for i in range(3)],
    "get_failed_auth_attempts": [{"event_time": datetime(2026, 1, 14, 21, 5), "workspace_name": "production",
                                  "principal": "unknown", "source_ip_address": "192.168.1.100",
                                  "user_agent": "curl", "service_name": "accounts", "action_name": "login",
                                  "status_code": 401, "error_message": "bad password", "is_after_hours": True,
                                  "attempts_from_ip": 3}] * 3,
    "get_security_events": [{"event_time": datetime(2026, 1, 15, 8, 0), "workspace_name": "production",
                             "principal": "etl-sp", "is_service_principal": True, "event_type": "TOKEN_CREATED",
                             "severity": "high", "source_ip_address": "10.0.0.1", "service_name": "tokens",
                             "action_name": "generateToken", "securable_full_name": None, "status_code": 200,
                             "detail": "token with no expiry", "is_after_hours": False}],
}
