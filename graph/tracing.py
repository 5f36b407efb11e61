"""MLflow spans for a turn, its nodes, LLM calls and tool calls, only when asked for.

Tracing is off unless ``HM_LLM_TRACING=true`` *and* MLflow is installed (the ``serving`` extra, or
on Databricks). Off, :func:`span` is a no-op context manager, so the demo never imports MLflow or
touches the network. Spans nest through context variables: LangGraph copies them into the node
threads and :mod:`graph.llm` into its call threads.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from health_monitor.graph.context import RunContext


class _NoSpan:
    def set_inputs(self, inputs: Any) -> None:
        pass

    def set_outputs(self, outputs: Any) -> None:
        pass

    def set_attributes(self, attributes: dict[str, Any]) -> None:
        pass


NO_SPAN = _NoSpan()


def enabled(ctx: RunContext) -> bool:
    if not getattr(ctx.settings, "llm_tracing", False):
        return False
    try:
        import mlflow  # noqa: F401
    except ImportError:
        return False
    return True


@contextlib.contextmanager
def span(ctx: RunContext, name: str, span_type: str = "UNKNOWN", inputs: Any = None) -> Iterator[Any]:
    """``with span(ctx, "llm:route", "CHAT_MODEL", {...}) as sp: ... sp.set_outputs(...)``."""
    if not enabled(ctx):
        yield NO_SPAN
        return
    import mlflow

    with mlflow.start_span(name=name, span_type=span_type) as sp:
        if inputs is not None:
            sp.set_inputs(inputs)
        yield sp


def traced_stream(ctx: RunContext, graph: Any, inputs: dict[str, Any], question: str) -> Iterator[Any]:
    """``graph.stream`` (custom events and values, subgraphs) inside one root span per turn."""
    stream = graph.stream(inputs, context=ctx, stream_mode=["custom", "values"], subgraphs=True)
    if not enabled(ctx):
        yield from stream
        return
    with span(ctx, "turn", "CHAIN", {"question": question}) as sp:
        answer = ""
        for item in stream:
            namespace, mode, payload = item
            if mode == "values" and not namespace and isinstance(payload, dict):
                answer = payload.get("answer") or answer
            yield item
        sp.set_outputs({"answer": answer})
