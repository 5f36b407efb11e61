"""Model Serving: the graph as an MLflow ``ResponsesAgent`` (``predict`` and ``predict_stream``).

    from health_monitor.graph.serving import HealthMonitorAgent
    agent = HealthMonitorAgent()                      # opens warehouse/store lazily, on first request
    agent.predict({"input": [{"role": "user", "content": "Why are costs high?"}]})

The last user message is the question; ``context.conversation_id`` (or ``custom_inputs.conversation_id``)
continues a stored conversation of the *caller*, and ``custom_inputs.agent`` forces one specialist.

**Who asks comes from the authenticated request, never from the body.** On Databricks Model Serving
the caller is read with on-behalf-of-user credentials (``ModelServingUserCredentials``; log the model
with the user's ``serving.serving-endpoints`` scope). Elsewhere (a local ``mlflow models serve``, tests)
it is the process's own configured user (``HM_LOCAL_USER``). A ``user_id`` in ``context`` or
``custom_inputs`` is ignored (``custom_outputs.ignored_user_id`` says so), so no caller can read or write
another user's conversation. When the caller cannot be established the request is refused. Streaming maps the graph's events onto the Responses protocol: each tool call becomes a
``function_call`` item and its ``function_call_output``, the answer streams as ``output_text.delta``
and ends as one text item; ``custom_outputs`` carries agents, tool calls, timings and the data's
as-of time. :func:`log_model` logs it with MLflow (models-from-code file: ``graph/serving_model.py``).
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable, Generator
from typing import Any

from health_monitor.graph.events import Error, Final, Token, ToolEnd, ToolStart
from mlflow.pyfunc import ResponsesAgent
from mlflow.types.responses import ResponsesAgentRequest, ResponsesAgentResponse, ResponsesAgentStreamEvent

from health_monitor.core.errors import first_line


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    return str(content or "")


def question_of(request: ResponsesAgentRequest) -> str:
    for item in reversed(request.input):
        data = item.model_dump() if hasattr(item, "model_dump") else dict(item)
        if data.get("role") == "user":
            return _text(data.get("content"))
    return ""


class HealthMonitorAgent(ResponsesAgent):
    """The health monitor behind the Responses API. Resources are opened on first use, not at import."""

    def __init__(self, *, settings: Any = None, warehouse: Any = None, engine: Any = None, graph: Any = None,
                 llm: Any = None, persist: bool = True, identity: Callable[[Any], str | None] | None = None) -> None:
        self._settings, self._warehouse, self._engine = settings, warehouse, engine
        #: ``identity(settings) -> user or None``: who the authenticated caller is (default :func:`caller_identity`).
        self._identity = identity or caller_identity
        self._graph, self._llm, self._persist = graph, llm, persist
        self._lock = threading.Lock()
        self._ready = False

    def _resources(self) -> None:
        with self._lock:
            if self._ready:
                return
            from health_monitor.graph.context import resolve_settings
            from health_monitor.warehouse import open_warehouse

            self._settings = resolve_settings(self._settings)
            if self._warehouse is None:
                self._warehouse = open_warehouse(self._settings)
            self._ready = True

    def predict(self, request: ResponsesAgentRequest) -> ResponsesAgentResponse:
        items, custom = [], {}
        for event in self.predict_stream(request):
            if event.type == "response.output_item.done":
                items.append(event.item)
            if event.custom_outputs:
                custom = event.custom_outputs
        return ResponsesAgentResponse(output=items, custom_outputs=custom)

    def predict_stream(self, request: ResponsesAgentRequest) -> Generator[ResponsesAgentStreamEvent, None, None]:
        if isinstance(request, dict):
            request = ResponsesAgentRequest(**request)
        from health_monitor.graph.service import stream

        self._resources()
        custom_in = dict(request.custom_inputs or {})
        ctx = request.context
        conversation_id = (ctx.conversation_id if ctx else None) or custom_in.get("conversation_id")
        claimed = (ctx.user_id if ctx else None) or custom_in.get("user_id")
        text_id = f"msg_{uuid.uuid4().hex[:12]}"
        try:
            user_id = self._identity(self._settings)
        except Exception as e:  # the identity service failed: refuse rather than guess
            user_id, why = None, f"{e.__class__.__name__}: {first_line(e)}"
        else:
            why = "no authenticated user in the request"
        if not user_id:
            message = (f"Could not establish who is calling ({why}); nothing was answered or stored. Enable "
                       "on-behalf-of-user authentication for this serving endpoint.")
            yield ResponsesAgentStreamEvent(type="error", code="identity", message=message)
            yield ResponsesAgentStreamEvent(type="response.output_item.done",
                                            item=self.create_text_output_item(text=message, id=text_id),
                                            custom_outputs={"error": "identity"})
            return
        ignored = claimed if claimed and str(claimed).strip().lower() != user_id.lower() else None
        for event in stream(question_of(request), conversation_id=conversation_id, user_id=user_id,
                            agent=custom_in.get("agent"), settings=self._settings, warehouse=self._warehouse,
                            engine=self._engine, llm=self._llm, graph=self._graph, persist=self._persist):
            if isinstance(event, ToolStart):
                item = self.create_function_call_item(id=f"fc_{event.call_id}", call_id=event.call_id,
                                                      name=event.tool, arguments=json.dumps(event.args, default=str))
                yield ResponsesAgentStreamEvent(type="response.output_item.done", item=item)
            elif isinstance(event, ToolEnd):
                output = json.dumps({"ok": event.ok, "rows": event.rows, "ms": event.ms, "error": event.error})
                item = self.create_function_call_output_item(call_id=event.call_id, output=output)
                yield ResponsesAgentStreamEvent(type="response.output_item.done", item=item)
            elif isinstance(event, Token):
                yield ResponsesAgentStreamEvent(**self.create_text_delta(delta=event.text, item_id=text_id))
            elif isinstance(event, Error) and not event.recoverable:
                yield ResponsesAgentStreamEvent(type="error", code=event.where or "error", message=event.message)
            elif isinstance(event, Final):
                answer = event.answer
                custom = {"agents": answer.agents, "tool_calls": answer.tool_calls, "timings": answer.timings,
                          "conversation_id": answer.conversation_id, "data_as_of": answer.data_as_of,
                          "revised": answer.revised, "save_error": answer.save_error,
                          "fallback": answer.fallback, "usage": answer.usage}
                if ignored:
                    custom["ignored_user_id"] = ignored
                yield ResponsesAgentStreamEvent(type="response.output_item.done",
                                                item=self.create_text_output_item(text=answer.answer, id=text_id),
                                                custom_outputs=custom)


def in_model_serving() -> bool:
    import os

    return any(os.environ.get(v, "").lower() == "true" for v in ("IS_IN_DB_MODEL_SERVING_ENV",
                                                                  "IS_IN_DATABRICKS_MODEL_SERVING_ENV"))


def caller_identity(settings: Any) -> str | None:
    """The authenticated caller: on Model Serving, the user the request's on-behalf-of credentials
    belong to; elsewhere the process's configured local user. Never anything from the request body."""
    if in_model_serving():
        from databricks.sdk import WorkspaceClient
        from databricks.sdk.credentials_provider import ModelServingUserCredentials

        me = WorkspaceClient(credentials_strategy=ModelServingUserCredentials()).current_user.me()
        return (me.user_name or "").strip() or None
    from health_monitor.graph.context import resolve_user

    return resolve_user(None, settings)


#: What an MLflow signature is inferred from (running it needs the configured warehouse).
INPUT_EXAMPLE = {"input": [{"role": "user", "content": "Why are costs high and jobs failing?"}]}


def _model_file() -> str:
    from pathlib import Path

    return str(Path(__file__).with_name("serving_model.py"))


def log_model(name: str = "agent", **kwargs: Any) -> Any:
    """Log the agent to the active MLflow run as code (``graph/serving_model.py``); returns the model
    info (then ``mlflow.register_model`` and ``databricks.agents.deploy``)."""
    import mlflow

    kwargs.setdefault("input_example", INPUT_EXAMPLE)
    return mlflow.pyfunc.log_model(name=name, python_model=_model_file(), **kwargs)


def save_model(path: str, **kwargs: Any) -> None:
    """Save the agent as an MLflow model folder (no tracking server needed; ``mlflow.pyfunc.load_model``)."""
    import mlflow

    kwargs.setdefault("input_example", INPUT_EXAMPLE)
    mlflow.pyfunc.save_model(path=path, python_model=_model_file(), **kwargs)
