"""``health-monitor mcp``: serve the tool catalog over MCP (stdio, or Streamable HTTP on loopback).

    health-monitor mcp                                   # stdio: an MCP client starts this process
    health-monitor mcp --transport http --port 8765      # http://127.0.0.1:8765/mcp

Registration in Claude Desktop, Cursor and Databricks: ``docs/mcp.md``. Needs the ``mcp`` extra.
"""

from __future__ import annotations

import argparse

from health_monitor.core.errors import ConfigError
from health_monitor.mcp_server import build_server, default_executor, serve_http, serve_stdio


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("mcp", help="serve the tool catalog over MCP (stdio or streamable HTTP on 127.0.0.1)")
    p.add_argument("--transport", choices=("stdio", "http"), default="stdio")
    p.add_argument("--host", default="127.0.0.1", help="loopback address for --transport http")
    p.add_argument("--port", type=int, default=8765, help="port for --transport http")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:

    try:
        import mcp  # noqa: F401
    except ImportError:
        raise ConfigError("`health-monitor mcp` needs the MCP SDK: pip install 'health-monitor[mcp]'.") from None

    server = build_server(default_executor)
    if args.transport == "http":
        serve_http(server, args.host, args.port)
        return 0
    import anyio

    anyio.run(serve_stdio, server)
    return 0
