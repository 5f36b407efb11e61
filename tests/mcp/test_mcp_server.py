"""The MCP server, driven by the official SDK's own client: over stdio against ``health-monitor mcp``
on the demo (list the tools, call three, a bad argument is a clear error), and in-process against a
recording warehouse (a bad argument runs no SQL at all)."""

from __future__ import annotations

import os
import sys

import anyio
import pytest

pytest.importorskip("mcp", reason="the mcp extra is not installed; pip install 'health-monitor[mcp]'")

from health_monitor.tools.registry import get_registry  # noqa: E402
from mcp import Client  # noqa: E402
from mcp.client.stdio import StdioServerParameters  # noqa: E402


def _stdio(demo_dir, tmp_path) -> StdioServerParameters:
    env = {**os.environ, "HM_DATA_DIR": str(demo_dir), "HM_DATABASE_URL": f"sqlite:///{tmp_path / 's.sqlite'}",
           "HM_WAREHOUSE_BACKEND": "duckdb", "HM_LLM_PROVIDER": "offline"}
    return StdioServerParameters(command=sys.executable, args=["-m", "health_monitor.cli", "mcp"], env=env)


def test_over_stdio_list_call_three_and_refuse_a_bad_argument(demo_dir, tmp_path):
    async def session():
        async with Client(_stdio(demo_dir, tmp_path), read_timeout_seconds=120) as client:
            listed = await client.list_tools()
            calls = {
                "get_freshness_violations": await client.call_tool("get_freshness_violations", {}),
                "get_failed_auth_attempts": await client.call_tool("get_failed_auth_attempts", {"hours": 48}),
                "get_cost_anomalies": await client.call_tool("get_cost_anomalies", {"lookback_days": 2}),
            }
            bad = await client.call_tool("get_failed_auth_attempts", {"hours": "a lot"})
            unknown = await client.call_tool("drop_everything", {})
            resources = await client.list_resources()
            gold = await client.read_resource("healthmonitor://gold/contract")
            view = await client.read_resource("healthmonitor://metric-views/mv_cost")
            return listed, calls, bad, unknown, resources, gold, view

    listed, calls, bad, unknown, resources, gold, view = anyio.run(session)

    catalog = get_registry()
    tools = {t.name: t for t in listed.tools}
    assert set(tools) == set(catalog.names)
    auth = tools["get_failed_auth_attempts"]
    assert auth.description == catalog.get("get_failed_auth_attempts").description
    assert auth.input_schema["properties"]["hours"]["type"] == "integer"

    for name, result in calls.items():
        assert not result.is_error, (name, result.content)
        assert result.structured_content["ok"] and result.structured_content["tool"] == name
    assert "orders_gold" in calls["get_freshness_violations"].content[0].text
    assert "192.168.1.100" in calls["get_failed_auth_attempts"].content[0].text
    assert calls["get_cost_anomalies"].structured_content["row_count"] >= 1

    assert bad.is_error and "invalid arguments for get_failed_auth_attempts" in bad.content[0].text
    assert "hours" in bad.content[0].text
    assert unknown.is_error and "drop_everything" in unknown.content[0].text

    uris = {str(r.uri) for r in resources.resources}
    assert {"healthmonitor://gold/contract", "healthmonitor://tools/catalog",
            "healthmonitor://metric-views/mv_cost"} <= uris
    assert "## fact_usage" in gold.contents[0].text
    assert "measures:" in view.contents[0].text and "source:" in view.contents[0].text


class RecordingWarehouse:
    """Wraps the demo warehouse and records every SQL statement it is asked to run."""

    def __init__(self, inner):
        self.inner, self.executed = inner, []

    def query(self, sql, params=None, **kw):
        self.executed.append(sql)
        return self.inner.query(sql, params, **kw)

    def close(self):
        self.inner.close()


def test_a_bad_argument_runs_no_sql_in_process(demo_dir):
    from health_monitor.tools.executor import ToolExecutor
    from health_monitor.warehouse.duckdb_backend import DuckDBWarehouse

    from health_monitor.core.settings import Settings
    from health_monitor.mcp_server import build_server

    wh = RecordingWarehouse(DuckDBWarehouse(demo_dir / "system.duckdb", demo_dir / "gold.duckdb"))
    server = build_server(lambda: ToolExecutor(wh, Settings(data_dir=demo_dir)))

    async def session():
        async with Client(server) as client:
            bad = await client.call_tool("get_cost_anomalies", {"lookback_days": "'; drop table x; --"})
            extra = await client.call_tool("get_cost_anomalies", {"lookback_days": 2, "sql": "select 1"})
            return bad, extra

    bad, extra = anyio.run(session)
    assert bad.is_error and "lookback_days" in bad.content[0].text
    assert extra.is_error and "sql" in extra.content[0].text
    assert not any("drop" in sql.lower() for sql in wh.executed)
    assert not any("anomal" in sql.lower() for sql in wh.executed)  # the tool's own SQL never ran
    wh.close()
