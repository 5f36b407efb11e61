"""Wiring: ``supervisor -> [specialists in parallel via Send] -> synthesize``, compiled in one place.

:func:`graph_builder` returns the uncompiled parent ``StateGraph`` (each specialist a compiled
subgraph node); :func:`build_graph` compiles it. No checkpointer: the conversation store
(``db/``) is the one memory and the service rebuilds each turn's context from it. Building touches
no warehouse, database or network, so ``from graph import build_graph`` works in a notebook.
"""

from __future__ import annotations

from typing import Any

from health_monitor.agents.registry import AgentRegistry, build_agent_registry
from health_monitor.graph.approval import propose_actions
from health_monitor.graph.context import RunContext
from health_monitor.graph.specialist import specialist_builder
from health_monitor.graph.state import HealthInput, HealthOutput, HealthState
from health_monitor.graph.supervisor import make_dispatch, make_supervisor
from health_monitor.graph.synthesis import make_synthesize
from langgraph.graph import END, START, StateGraph


def graph_builder(agents: AgentRegistry | None = None, *, tools: Any = None) -> StateGraph:
    """The uncompiled graph. ``agents`` defaults to the eight specialists, checked against ``tools``
    (the catalog's registry) when given."""
    registry = agents or build_agent_registry(tools)
    b = StateGraph(HealthState, input_schema=HealthInput, output_schema=HealthOutput, context_schema=RunContext)
    b.add_node("supervisor", make_supervisor(registry))
    for spec in registry:
        b.add_node(spec.name, specialist_builder(spec).compile(name=spec.name))
        b.add_edge(spec.name, "synthesize")
    b.add_node("synthesize", make_synthesize(registry))
    b.add_edge(START, "supervisor")
    b.add_conditional_edges("supervisor", make_dispatch(registry), [*registry.names, "synthesize"])
    b.add_node("propose_actions", propose_actions)
    b.add_edge("synthesize", "propose_actions")
    b.add_edge("propose_actions", END)
    return b


def build_graph(agents: AgentRegistry | None = None, *, tools: Any = None) -> Any:
    """The compiled graph: ``graph.invoke({"question": ...}, context=resolve_context(...))``."""
    return graph_builder(agents, tools=tools).compile(name="health_monitor")


__all__ = ["RunContext", "build_graph", "graph_builder"]
