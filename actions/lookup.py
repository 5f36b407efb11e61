"""What proposers read: tool rows (the same catalog tools the agents call) and the Gold dimensions,
through the warehouse with bound parameters. A Lookup lives one turn and reads each distinct tool
call or query once: several proposers and findings ask for the same as-of date or workspace."""

from __future__ import annotations

from typing import Any

from health_monitor.tools.executor import ToolExecutor

GOLD = "main.health_monitor"


class Lookup:
    def __init__(self, warehouse: Any, settings: Any, executor: Any = None) -> None:
        self.warehouse = warehouse
        self.settings = settings
        self._executor = executor
        self._cache: dict[tuple[str, tuple], list[dict[str, Any]]] = {}
        self._rows: dict[tuple[str, tuple], list[dict[str, Any]]] = {}

    @property
    def executor(self) -> Any:
        if self._executor is None:

            self._executor = ToolExecutor(self.warehouse, self.settings)
        return self._executor

    def tool(self, name: str, args: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Rows of a catalog tool (empty when it fails: a proposer then proposes nothing)."""
        key = (name, tuple(sorted((args or {}).items())))
        if key not in self._cache:
            result = self.executor.run(name, dict(args or {}))
            self._cache[key] = list(result.rows) if result.ok else []
        return self._cache[key]

    def rows(self, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        try:
            key = (sql, tuple(sorted((params or {}).items())))
            hash(key)
        except TypeError:  # a list parameter: not worth a cache key
            return list(self.warehouse.query(sql, params or {}, max_rows=1000).rows)
        if key not in self._rows:
            self._rows[key] = list(self.warehouse.query(sql, params or {}, max_rows=1000).rows)
        return list(self._rows[key])

    def one(self, sql: str, params: dict[str, Any] | None = None) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None


def finding_field(finding: Any, key: str, default: Any = None) -> Any:
    """One field of a finding object or of its JSON."""
    return finding.get(key, default) if isinstance(finding, dict) else getattr(finding, key, default)


def finding_parts(finding: Any) -> tuple[str, str, list[str], dict[str, list[str]]]:
    """(agent, title, tools, entities) of a finding object or its JSON."""
    return (str(finding_field(finding, "agent") or ""), str(finding_field(finding, "title") or ""),
            list(finding_field(finding, "tools") or []), dict(finding_field(finding, "entities") or {}))


def named(finding: Any) -> set[str]:
    """Every object name a finding mentions, whatever its kind."""
    return {n for names in finding_parts(finding)[3].values() for n in names}
