"""A catalog tool as a LangChain ``StructuredTool``.

The LLM sees the tool's name, description and parameter schema (the pydantic model) only; the
warehouse, settings and row cap are injected here, never part of the schema. The tool returns the
compact text of :meth:`tools.executor.ToolResult.to_text` as content and the full
:class:`~tools.executor.ToolResult` as the artifact (``response_format="content_and_artifact"``), so
a graph node can record rows, timing and errors without parsing text.
"""

from __future__ import annotations

from typing import Any

from health_monitor.tools.executor import ToolExecutor
from health_monitor.tools.spec import Tool
from langchain_core.tools import StructuredTool


def as_langchain_tool(tool: Tool, executor: ToolExecutor, *, max_rows_in_text: int = 50) -> StructuredTool:
    def _run(**kwargs: Any) -> tuple[str, Any]:
        args = {k: v for k, v in kwargs.items() if v is not None}
        result = executor.run(tool, args)
        return result.to_text(max_rows_in_text), result

    return StructuredTool.from_function(
        func=_run,
        name=tool.name,
        description=tool.description,
        # The JSON schema, not the model: the executor validates (and answers bad input with a message the
        # LLM can act on instead of an exception), and aliased fields such as ``schema`` stay intact.
        args_schema=tool.params.model_json_schema(by_alias=True),
        response_format="content_and_artifact",
        metadata={"domain": tool.domain, "agents": list(tool.agents)},
    )


def langchain_tools(executor: ToolExecutor, *, agent: str | None = None) -> list[StructuredTool]:
    """Every tool of the executor's registry (or one agent's) as StructuredTools."""
    tools = executor.registry.for_agent(agent) if agent else list(executor.registry)
    return [as_langchain_tool(t, executor) for t in tools]
