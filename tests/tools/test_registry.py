"""The catalog as data: every named tool exists with exactly its parameters; the registry refuses mistakes."""

from __future__ import annotations

import pytest
from health_monitor.tools.registry import CatalogError, ToolRegistry, UnknownTool
from health_monitor.tools.spec import AGENTS

NAMED = {
    "get_daily_cost_summary": ["start_date", "end_date"],
    "get_cost_anomalies": ["lookback_days"],
    "get_top_cost_drivers": ["date", "top_n"],
    "get_workspace_cost_breakdown": ["workspace_id", "start_date", "end_date"],
    "get_sku_cost_trend": ["sku_name", "days"],
    "get_cost_by_sku": ["start_date", "end_date"],
    "get_security_events": ["start_date", "end_date", "severity"],
    "get_failed_auth_attempts": ["hours"],
    "get_permission_changes": ["days"],
    "get_pii_access_logs": ["user", "days"],
    "get_compliance_violations": ["type"],
    "get_failed_jobs": ["hours", "workspace"],
    "get_slow_queries": ["threshold_seconds"],
    "get_job_bottlenecks": ["job_name"],
    "get_sla_breaches": ["days", "start_date", "end_date"],
    "get_resource_utilization": ["workspace", "start_date", "end_date"],
    "get_clusters": ["workspace", "compute"],
    "get_job_runs": ["hours", "workspace"],
    "get_job_success_rate": ["days", "start_date", "end_date"],
    "get_uptime_metrics": ["workspace", "days", "start_date", "end_date"],
    "get_incident_summary": ["severity", "days"],
    "get_service_health": ["service_name"],
    "get_dq_summary": ["schema", "days"],
    "get_freshness_violations": ["hours"],
    "get_expectation_failures": ["pipeline", "days"],
    "get_drift_metrics": ["table", "baseline_date", "end_date"],
    "get_table_lineage": ["table_name", "job"],
    "get_access_grants": ["table_name"],
    "get_compliance_report": ["regulation"],
    "get_metadata_quality": ["schema", "catalog"],
    "get_active_alerts": [],
}


def test_every_sql_file_is_one_tool_and_every_tool_has_its_sql(registry):
    """The catalog is the SQL folder: a file nobody declared, or a tool without its file, is a mistake."""
    from health_monitor.tools.spec import SQL_DIR

    on_disk = {str(p.relative_to(SQL_DIR)) for p in SQL_DIR.rglob("*.sql")}
    declared = [t.sql for t in registry]
    assert sorted(declared) == sorted(set(declared)), "two tools share one SQL file"
    assert set(declared) == on_disk
    assert set(NAMED) <= {t.name for t in registry}


def test_catalog_domains(registry):
    domains = registry.by_domain()
    for d in ("cost", "security", "performance", "reliability", "quality", "governance", "optimization", "hub"):
        assert domains.get(d), d
    for agent in AGENTS:
        if agent != "mlops":
            assert registry.for_agent(agent), agent


@pytest.mark.parametrize("name,params", sorted(NAMED.items()))
def test_named_tool_signature(registry, name, params):
    tool = registry.get(name)
    assert list(tool.params.public_fields()) == params
    for pname, info in tool.params.public_fields().items():
        assert not info.is_required(), f"{name}.{pname} must be optional"
        assert info.description, f"{name}.{pname} needs a description"


def test_sla_breaches_serves_both_agents(registry):
    assert {"performance", "reliability"} <= set(registry.get("get_sla_breaches").agents)


def test_every_tool_is_complete(registry):
    for tool in registry:
        assert tool.problems() == [], tool.name
        sig = tool.signature()
        assert sig["parameters"] is not None and sig["columns"]


def test_duplicate_and_broken_tools_are_refused(registry):
    tool = registry.get("get_failed_jobs")
    with pytest.raises(CatalogError, match="defined twice"):
        ToolRegistry([tool, tool])
    from dataclasses import replace

    broken = replace(tool, name="get_nothing_here", sql="nowhere/missing.sql", agents=("nobody",))
    with pytest.raises(CatalogError) as err:
        ToolRegistry([broken])
    assert "SQL file missing" in str(err.value) and "agents" in str(err.value)


def test_unknown_tool_suggests(registry):
    with pytest.raises(UnknownTool, match="get_failed_jobs"):
        registry.get("get_failed_job")


def test_no_limit_param_or_qualify_param(registry):
    import sqlglot
    from sqlglot import exp

    for tool in registry:
        tree = sqlglot.parse_one(tool.sql_text, read="databricks")
        for lim in tree.find_all(exp.Limit):
            assert not list(lim.find_all(exp.Placeholder)), f"{tool.name}: LIMIT :param"
        for q in tree.find_all(exp.Qualify):
            assert not list(q.find_all(exp.Placeholder)), f"{tool.name}: parameter inside QUALIFY"
        assert tool.sql_text.lstrip().startswith("--"), f"{tool.name}: header comment"
