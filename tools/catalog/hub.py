"""Hub tools: the landing screen's open signals and headline numbers."""

from __future__ import annotations

from health_monitor.tools.spec import NoParams, Tool, columns

TOOLS: list[Tool] = [
    Tool(
        name="get_active_alerts", domain="hub", agents=("hub", "reliability", "security", "cost"), params=NoParams,
        description="Open signals of the last 24 hours that need attention, without any alert rule: yesterday's "
                    "cost spikes, failed jobs, SLA breaches, failed-login bursts from one IP, high-severity "
                    "security events, warehouse outages and stale tables, each with a severity, subject, detail "
                    "and the tool to drill into. Use for 'what is wrong right now'.",
        returns=columns("severity string, signal_type string, subject string, workspace_name string, "
                        "observed_at timestamp, value double, detail string, source_tool string"),
        time_column="observed_at",
    ),
    Tool(
        name="get_platform_summary", domain="hub", agents=("hub",), params=NoParams,
        description="Headline numbers in one row: yesterday's spend and its 7-day average, failed runs (24 h), "
                    "job success rate (7 days), SLA breaches (7 days), high-severity security events and failed "
                    "logins (24 h), stale tables, SQL warehouse availability (30 days). A NULL headline is not measured, "
                    "not zero: no job declares an SLA (set one in the job's health rules), no table declares an "
                    "expected refresh interval, or the account has no SQL warehouse.",
        returns=columns("as_of timestamp, list_cost_yesterday double, list_cost_7d_avg double, failed_runs_24h bigint, "
                        "job_success_rate_7d_pct double, sla_breaches_7d bigint, high_severity_events_24h bigint, "
                        "failed_logins_24h bigint, stale_tables bigint, warehouse_availability_30d_pct double"),
        cost_columns=("list_cost_yesterday", "list_cost_7d_avg"),
    ),
]
