"""The registry of specialists: one module per agent under ``agents/``, each defining ``AGENT``.

:func:`build_agent_registry` imports the eight modules named in :data:`AGENT_NAMES`, checks that each
defines exactly the agent it is named after, that no name is defined twice, and (given a tool
registry) that every tool a playbook uses exists and belongs to that agent; it raises
:class:`AgentRegistryError` listing every problem with how to fix it. Nothing runs at import time.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from health_monitor.agents.spec import AgentSpec
from health_monitor.tools.registry import get_registry

from health_monitor.core.errors import HealthMonitorError

#: The specialists, in the order answers present their sections.
AGENT_NAMES: tuple[str, ...] = ("cost", "security", "performance", "reliability", "quality", "mlops",
                                "governance", "optimization")


class AgentRegistryError(HealthMonitorError):
    """The specialist definitions are inconsistent."""


class AgentRegistry:
    """Name -> :class:`AgentSpec`, in presentation order."""

    def __init__(self, specs: Iterable[AgentSpec], *, required: Iterable[str] = AGENT_NAMES,
                 tools: Any = None) -> None:
        self._specs: dict[str, AgentSpec] = {}
        problems: list[str] = []
        for spec in specs:
            if spec.name in self._specs:
                problems.append(f"agent {spec.name!r} is defined twice: keep one AgentSpec named {spec.name!r} "
                                "(names are unique; rename the other)")
                continue
            self._specs[spec.name] = spec
        missing = [n for n in required if n not in self._specs]
        if missing:
            problems.append(f"missing agent(s) {', '.join(missing)}: add agents/<name>.py defining "
                            "AGENT = AgentSpec(name=<name>, ...)")
        for spec in self._specs.values():
            problems += [f"agent {spec.name!r}: {p}" for p in _spec_problems(spec)]
        if tools is not None:
            problems += _tool_problems(self._specs.values(), tools)
        if problems:
            raise AgentRegistryError("The specialist registry has problems:\n  - " + "\n  - ".join(problems))
        self._tools = tools

    def __iter__(self) -> Iterator[AgentSpec]:
        return iter(self._specs.values())

    def __len__(self) -> int:
        return len(self._specs)

    def __contains__(self, name: object) -> bool:
        return name in self._specs

    @property
    def names(self) -> list[str]:
        return list(self._specs)

    def get(self, name: str) -> AgentSpec:
        try:
            return self._specs[name]
        except KeyError:
            raise AgentRegistryError(f"Unknown agent {name!r}; the specialists are {', '.join(self._specs)}.") from None

    def tools_of(self, name: str) -> list[str]:
        """The agent's tools: the catalog's per-agent list (the playbook's tools when no catalog is bound)."""
        spec = self.get(name)
        if self._tools is None:
            return spec.play_tools
        return [t.name for t in self._tools.for_agent(name)]


def _spec_problems(spec: AgentSpec) -> list[str]:
    out = []
    if not spec.description or len(spec.description) < 30:
        out.append("description is too short for the router/LLM to choose it (say what it answers)")
    if "{as_of}" not in spec.system_prompt:
        out.append("system_prompt must contain the {as_of} placeholder (the data's date is injected)")
    if not spec.examples:
        out.append("add a few example questions")
    if not any(p.default for p in spec.playbook):
        out.append("the playbook needs at least one Play(default=True) for questions no play matches")
    return out


#: Tool owners that are screens, not specialists.
NON_AGENT_OWNERS = frozenset({"hub"})


def _tool_problems(specs: Iterable[AgentSpec], tools: Any) -> list[str]:
    specs = list(specs)
    names = {s.name for s in specs}
    out = []
    owners = {a for t in tools for a in getattr(t, "agents", ())} - NON_AGENT_OWNERS
    for stray in sorted(owners - names):
        out.append(f"tools name the agent {stray!r}, which is not in AGENT_NAMES (agents/registry.py): "
                   "register it or fix the tools' `agents`")
    for spec in specs:
        own = {t.name for t in tools.for_agent(spec.name)}
        if not own:
            out.append(f"agent {spec.name!r} has no tools: list {spec.name!r} in some tool's `agents` "
                       "(tools/catalog/)")
        for name in spec.play_tools:
            if name not in tools:
                out.append(f"agent {spec.name!r}: playbook tool {name!r} is not in the tool catalog "
                           "(fix the name or add the tool under tools/catalog/)")
            elif name not in own:
                out.append(f"agent {spec.name!r}: tool {name!r} does not list {spec.name!r} in its agents "
                           "(add it to the tool's `agents` or drop the play)")
    return out


def discover_agents(names: Iterable[str] = AGENT_NAMES, package: str = "health_monitor.agents") -> list[AgentSpec]:
    """Import ``agents.<name>`` for each name and collect its ``AGENT``."""
    specs = []
    for name in names:
        try:
            module = importlib.import_module(f"{package}.{name}")
        except ModuleNotFoundError as e:
            raise AgentRegistryError(f"agent module {package}.{name} is missing ({e}); create agents/{name}.py "
                                     "defining AGENT = AgentSpec(...).") from None
        spec = getattr(module, "AGENT", None)
        if not isinstance(spec, AgentSpec):
            raise AgentRegistryError(f"{package}.{name} must define AGENT = AgentSpec(name={name!r}, ...).")
        if spec.name != name:
            raise AgentRegistryError(f"{package}.{name} defines an agent named {spec.name!r}; the module and the "
                                     "agent must share a name.")
        specs.append(spec)
    return specs


def build_agent_registry(tools: Any = None) -> AgentRegistry:
    """The eight specialists, checked (against ``tools`` too when given)."""
    return AgentRegistry(discover_agents(), tools=tools)


@lru_cache(maxsize=1)
def get_agent_registry() -> AgentRegistry:
    """The process-wide registry, checked against the tool catalog (built on first use)."""
    return build_agent_registry(get_registry())
