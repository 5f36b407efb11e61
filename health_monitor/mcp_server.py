"""The tool catalog over MCP (Model Context Protocol), for agents outside the app: Databricks'
Supervisor Agent, Genie Code, IDE assistants, Claude Desktop, Cursor.

* Every catalog tool is an MCP tool with the same name, description and JSON schema (the pydantic
  parameter model the app's agents bind). A call goes through the same
  :class:`~health_monitor.tools.executor.ToolExecutor` as the app: arguments validated by pydantic
  (a bad one is a clear error and runs nothing), parameters bound, never formatted into SQL, names
  checked against the entity tables, rows capped by ``max_rows``.
* Resources: each metric view's YAML (``healthmonitor://metric-views/<name>``), the Gold contract
  (``healthmonitor://gold/contract``) and the catalog itself (``healthmonitor://tools/catalog``).
* Scoping is the app's: tools read account-level health data, the same for every user of one
  install; the server runs with the install's configured warehouse credentials and writes nothing.

Transports (``health-monitor mcp``): stdio (default; the client starts the process) and Streamable
HTTP bound to a loopback address only (``--transport http``). Needs the ``mcp`` extra.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from health_monitor.core.errors import ConfigError
from health_monitor.tools.executor import ToolExecutor
from health_monitor.tools.registry import get_registry

SERVER_NAME = "health-monitor"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
URI_VIEW = "healthmonitor://metric-views/"
URI_GOLD = "healthmonitor://gold/contract"
URI_CATALOG = "healthmonitor://tools/catalog"
TEXT_ROWS = 50

INSTRUCTIONS = ("Databricks platform health tools over the account's system tables (cost, security, performance, "
                "reliability, data quality, ML ops, governance, optimisation). Each tool returns rows as of the data's "
                "as-of instant; dates default relative to it. Read healthmonitor://tools/catalog for every tool's "
                "parameters and columns.")


def tool_schema(tool: Any) -> dict[str, Any]:
    """The tool's JSON schema, exactly what the app's agents bind (``tools/langchain.py``)."""
    schema = dict(tool.params.model_json_schema(by_alias=True))
    schema.setdefault("type", "object")
    schema.setdefault("properties", {})
    return schema


def gold_contract() -> str:
    """Markdown: every Gold table, what it reads, and its header comment (the build's own source)."""
    from health_monitor.warehouse.gold import load_models

    lines = ["# Gold contract", "", "Tables materialised as `<gold_catalog>.<gold_schema>.<name>` by "
             "`health-monitor gold build`; the tools read only these.", ""]
    for model in load_models():
        header = [ln.strip()[2:].strip() for ln in model.sql.splitlines() if ln.strip().startswith("--")
                  and not ln.strip()[2:].strip().lower().startswith("depends:")][:4]
        lines.append(f"## {model.name}")
        if model.depends:
            lines.append(f"Reads: {', '.join(model.depends)}")
        lines += [h for h in header if h]
        lines.append("")
    return "\n".join(lines)


def build_server(executor: Callable[[], Any], registry: Any = None) -> Any:
    """The MCP server over ``executor()`` (a ToolExecutor, opened lazily on the first call)."""
    import anyio
    import mcp_types as types
    from mcp.server import Server

    from health_monitor.tools.metrics import VIEWS_DIR, load_views

    tools = registry or get_registry()
    holder: dict[str, Any] = {}

    def runner() -> Any:
        if "executor" not in holder:
            holder["executor"] = executor()
        return holder["executor"]

    async def list_tools(ctx: Any, params: Any) -> Any:
        return types.ListToolsResult(tools=[
            types.Tool(name=t.name, description=t.description, input_schema=tool_schema(t)) for t in tools])

    def error(text: str) -> Any:
        return types.CallToolResult(content=[types.TextContent(type="text", text=text)], is_error=True)

    async def call_tool(ctx: Any, params: Any) -> Any:
        name = params.name
        if name not in tools:
            try:
                tools.get(name)
            except Exception as e:  # "did you mean" from the registry
                return error(str(e))
        args = params.arguments or {}
        if not isinstance(args, dict):
            return error("arguments must be an object of named parameters")
        result = await anyio.to_thread.run_sync(lambda: runner().run(name, args))
        if not result.ok:
            return error(result.error or f"{name} failed")
        text = result.to_text(max_rows=TEXT_ROWS)
        if result.message:
            text = f"{result.message}\n{text}"
        return types.CallToolResult(content=[types.TextContent(type="text", text=text)],
                                    structured_content=json.loads(json.dumps(result.to_dict(), default=str)))

    async def list_resources(ctx: Any, params: Any) -> Any:
        resources = [types.Resource(name=f"metric view {name}", uri=f"{URI_VIEW}{name}", mime_type="application/yaml",
                                    description=f"Databricks metric view {name} (source {view.source})")
                     for name, view in sorted(load_views().items())]
        resources.append(types.Resource(name="Gold contract", uri=URI_GOLD, mime_type="text/markdown",
                                        description="The Gold tables the tools read, and what each reads."))
        resources.append(types.Resource(name="tool catalog", uri=URI_CATALOG, mime_type="application/json",
                                        description="Every tool: parameters, defaults, columns, agents."))
        return types.ListResourcesResult(resources=resources)

    async def read_resource(ctx: Any, params: Any) -> Any:
        uri = str(params.uri)
        if uri.startswith(URI_VIEW):
            name = uri[len(URI_VIEW):]
            if name not in load_views():
                raise ValueError(f"no metric view {name!r}; known: {', '.join(sorted(load_views()))}")
            text, mime = (VIEWS_DIR / f"{name}.yaml").read_text(), "application/yaml"
        elif uri == URI_GOLD:
            text, mime = gold_contract(), "text/markdown"
        elif uri == URI_CATALOG:
            text, mime = json.dumps([t.signature() for t in tools], indent=1, default=str), "application/json"
        else:
            raise ValueError(f"unknown resource {uri!r}")
        return types.ReadResourceResult(contents=[types.TextResourceContents(uri=uri, mime_type=mime, text=text)])

    return Server(SERVER_NAME, instructions=INSTRUCTIONS, on_list_tools=list_tools, on_call_tool=call_tool,
                  on_list_resources=list_resources, on_read_resource=read_resource)


def default_executor() -> Any:
    from health_monitor.core.settings import get_settings
    from health_monitor.warehouse import open_warehouse

    settings = get_settings()
    return ToolExecutor(open_warehouse(settings), settings)


async def serve_stdio(server: Any) -> None:
    from mcp.server.stdio import stdio_server

    async with stdio_server() as (read, write):
        await server.run(read, write, server.create_initialization_options())


def serve_http(server: Any, host: str, port: int) -> None:
    """Streamable HTTP at ``http://<host>:<port>/mcp``; loopback only (no auth in front of it)."""
    if host not in LOOPBACK:

        raise ConfigError(f"--host {host!r}: the MCP HTTP server binds to a loopback address only "
                          f"({', '.join(LOOPBACK)}); put an authenticating proxy in front for anything else.")
    import uvicorn

    uvicorn.run(server.streamable_http_app(host=host), host=host, port=port, log_level="warning")
