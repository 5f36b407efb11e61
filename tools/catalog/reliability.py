"""Reliability tools: uptime, outages, incidents, service health, MTBF/MTTR.

``get_sla_breaches`` (performance module) also serves the reliability agent."""

from __future__ import annotations

from health_monitor.tools.params import Date, Days, Name, Severity, Text
from health_monitor.tools.spec import Tool, ToolParams, columns

REL = ("reliability",)


class UptimeParams(ToolParams):
    workspace: Name("workspace")
    days: Days(30)
    #: Optional bounds, so the same figure can be read for an earlier period (a comparison window).
    start_date: Date(366, "First day counted (narrows the look-back)")
    end_date: Date(0, "Last day counted")


class OutageParams(ToolParams):
    warehouse: Name("warehouse", "SQL warehouse name or id; omit for all.")
    days: Days(30)


class IncidentParams(ToolParams):
    severity: Severity
    days: Days(7)


class ServiceParams(ToolParams):
    service_name: Text("Service name or type to match (e.g. etl-warehouse, sql_warehouse, jobs, "
                       "serving_endpoint, pipeline); omit for all.")


TOOLS: list[Tool] = [
    Tool(
        name="get_uptime_metrics", domain="reliability", agents=REL + ("hub",), params=UptimeParams,
        description="Availability of each SQL warehouse over the last N days (default 30; or start_date to "
                    "end_date): running hours, "
                    "outage minutes and count, availability % and the worst day. Optionally one workspace.",
        returns=columns("workspace_name string, warehouse_id string, warehouse_name string, days bigint, "
                        "running_hours double, outage_minutes double, outages bigint, availability_pct double, "
                        "worst_day_availability_pct double"),
    ),
    Tool(
        name="get_warehouse_outages", domain="reliability", agents=REL, params=OutageParams,
        description="SQL warehouse outages in the last N days, one row per outage (contiguous failed starts "
                    "and crash stops merged): when, which warehouse, how long, how it began.",
        returns=columns("start_time timestamp, end_time timestamp, workspace_name string, warehouse_id string, "
                        "warehouse_name string, event_type string, intervals bigint, duration_minutes double"),
        time_column="start_time",
    ),
    Tool(
        name="get_incident_summary", domain="reliability", agents=REL + ("hub",), params=IncidentParams,
        description="Incidents of the last N days per day and subject: warehouse outages (high), job failures "
                    "(high when a job failed 3+ times in a day), SLA breaches (medium); filter by minimum severity.",
        returns=columns("incident_date date, incident_type string, severity string, subject string, "
                        "workspace_name string, occurrences bigint, first_seen timestamp, last_seen timestamp, "
                        "detail string"),
        time_column="incident_date",
    ),
    Tool(
        name="get_service_health", domain="reliability", agents=REL + ("hub", "mlops"), params=ServiceParams,
        description="Health of every service over the last 7 days (healthy / degraded): SQL warehouses "
                    "(availability, failed statements), jobs per workspace (success rate), serving endpoints "
                    "(error rate, p95 latency), pipelines (expectation pass rate).",
        returns=columns("service_type string, service_name string, workspace_name string, status string, "
                        "availability_pct double, error_rate_pct double, latency_p95_ms double, detail string"),
    ),
    Tool(
        name="get_mtbf_mttr", domain="reliability", agents=REL, params=UptimeParams,
        description="Mean time between job failures (hours) and mean time to recover (minutes from a failed run "
                    "to the job's next success) per workspace over the last N days.",
        returns=columns("workspace_name string, runs bigint, failures bigint, mtbf_hours double, mttr_minutes double, "
                        "success_rate_pct double"),
    ),
]
