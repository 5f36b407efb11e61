"""Every catalog tool's latency on DuckDB with its defaults: p50/p95 per tool over ``runs`` calls
(after one warm-up call each), and the slowest p95 against the goal for the scale."""

from __future__ import annotations

from typing import Any

from health_monitor.bench.stats import Section, p50_p95
from health_monitor.tools.executor import ToolExecutor
from health_monitor.tools.registry import get_registry


def goal_ms(scale: float) -> float:
    """< 100 ms at scale 1 (and below), < 300 ms at scale 100 (and, untested, in between)."""
    return 100.0 if scale <= 1 else 300.0


def tool_latency(*, warehouse: Any, settings: Any, scale: float, runs: int = 10) -> Section:

    goal = goal_ms(scale)
    section = Section("tools", f"Tool latency on DuckDB at scale {scale:g} ({runs} runs each, defaults)")
    executor = ToolExecutor(warehouse, settings, get_registry())
    per_tool: list[tuple[str, float, float]] = []
    failed = []
    for tool in executor.registry:
        first = executor.run(tool)
        if not first.ok:
            failed.append(f"{tool.name}: {first.error}")
        times = [executor.run(tool).ms for _ in range(runs)]
        p50, p95 = p50_p95(times)
        per_tool.append((tool.name, p50, p95))
        section.details.append({"tool": tool.name, "domain": tool.domain, "ok": first.ok, "rows": first.row_count,
                                "p50_ms": p50, "p95_ms": p95, "goal_ms": goal, "met": p95 < goal})
    all_p50 = sorted(p for _, p, _ in per_tool)
    worst = max(per_tool, key=lambda t: t[2]) if per_tool else ("", 0.0, 0.0)
    over = [name for name, _, p95 in per_tool if p95 >= goal]
    section.add("tools measured", len(per_tool), unit="")
    section.add("median of tool p50s", all_p50[len(all_p50) // 2] if all_p50 else None)
    section.add("slowest tool p95", worst[2], goal=goal, detail=worst[0])
    section.add("tools over the p95 goal", len(over), unit="", goal=0, op="<=", detail=", ".join(over[:8]))
    if failed:
        section.notes.append(f"{len(failed)} tool(s) failed: " + "; ".join(failed[:5]))
    return section
