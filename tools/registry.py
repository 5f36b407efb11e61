"""One registry of every catalog tool, built from the ``TOOLS`` lists of ``tools/catalog/*.py``.

Building it checks every definition (name, agents, description, SQL file present, column contract)
and refuses duplicates, with a message saying how to fix each problem. Look tools up by name
(:meth:`ToolRegistry.get`, with "did you mean" on a miss) or by agent (:meth:`ToolRegistry.for_agent`).
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
from collections.abc import Iterable, Iterator
from functools import lru_cache

from health_monitor.tools.spec import Tool

from health_monitor.core.errors import HealthMonitorError


class CatalogError(HealthMonitorError):
    """The tool catalog is inconsistent (raised when the registry is built)."""


class UnknownTool(HealthMonitorError, LookupError):
    """No tool of that name."""


class ToolRegistry:
    def __init__(self, tools: Iterable[Tool]) -> None:
        self._tools: dict[str, Tool] = {}
        problems: list[str] = []
        for tool in tools:
            if tool.name in self._tools:
                problems.append(f"{tool.name}: defined twice (in domains {self._tools[tool.name].domain!r} and "
                                f"{tool.domain!r}); keep one definition and list both agents in its `agents`")
                continue
            problems += [f"{tool.name}: {p}" for p in tool.problems()]
            self._tools[tool.name] = tool
        if problems:
            raise CatalogError("The tool catalog has problems:\n  - " + "\n  - ".join(problems))

    def __iter__(self) -> Iterator[Tool]:
        return iter(sorted(self._tools.values(), key=lambda t: (t.domain, t.name)))

    def __len__(self) -> int:
        return len(self._tools)

    def __contains__(self, name: object) -> bool:
        return name in self._tools

    @property
    def names(self) -> list[str]:
        return sorted(self._tools)

    def get(self, name: str) -> Tool:
        try:
            return self._tools[name]
        except KeyError:
            close = difflib.get_close_matches(str(name), self._tools, n=3)
            hint = f" Did you mean {', '.join(close)}?" if close else " Run `health-monitor tools` for the list."
            raise UnknownTool(f"Unknown tool {name!r}.{hint}") from None

    def for_agent(self, agent: str) -> list[Tool]:
        return [t for t in self if agent in t.agents]

    def by_domain(self) -> dict[str, list[Tool]]:
        out: dict[str, list[Tool]] = {}
        for t in self:
            out.setdefault(t.domain, []).append(t)
        return out


def discover_tools(package: str = "health_monitor.tools.catalog") -> list[Tool]:
    """Every ``TOOLS`` list of the modules in ``package`` (a new domain module needs no registration)."""
    pkg = importlib.import_module(package)
    found: list[Tool] = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package}.{info.name}")
        tools = getattr(module, "TOOLS", None)
        if tools is None:
            raise CatalogError(f"{package}.{info.name} defines no TOOLS list: add `TOOLS: list[Tool] = [...]`.")
        found.extend(tools)
    return found


@lru_cache(maxsize=1)
def get_registry() -> ToolRegistry:
    """The process-wide catalog (built on first use, not at import)."""
    return ToolRegistry(discover_tools())
