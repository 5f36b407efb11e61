"""The LangGraph agent graph: supervisor, eight specialist subgraphs, synthesis.

    from health_monitor.graph import build_graph, resolve_context
    g = build_graph()
    out = g.invoke({"question": "Why are costs high?"}, context=resolve_context())

For conversations (memory, persistence, typed streaming events) use :mod:`graph.service`
(``ask`` / ``stream``). Importing this package connects to nothing and compiles nothing.
"""

from __future__ import annotations

from typing import Any


def build_graph(*args: Any, **kwargs: Any) -> Any:
    """The compiled graph (see :func:`graph.builder.build_graph`)."""
    from health_monitor.graph.builder import build_graph as _build

    return _build(*args, **kwargs)


def graph_builder(*args: Any, **kwargs: Any) -> Any:
    """The uncompiled ``StateGraph`` (see :func:`graph.builder.graph_builder`)."""
    from health_monitor.graph.builder import graph_builder as _builder

    return _builder(*args, **kwargs)


def resolve_context(**kwargs: Any) -> Any:
    """A :class:`graph.context.RunContext` (argument > environment > default)."""
    from health_monitor.graph.context import resolve_context as _resolve

    return _resolve(**kwargs)


__all__ = ["build_graph", "graph_builder", "resolve_context"]
