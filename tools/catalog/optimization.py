"""Optimization tools: savings and right-sizing recommendations with an estimated monthly saving."""

from __future__ import annotations

from health_monitor.tools.params import Choice, Days, Name, TopN
from health_monitor.tools.spec import Tool, ToolParams, columns

OPT = ("optimization",)

CATEGORIES = ("idle_cluster", "long_auto_termination", "jobs_on_all_purpose", "warehouse_rightsizing",
              "untagged_spend", "serverless_candidate")


class RecommendationParams(ToolParams):
    category: Choice(*CATEGORIES, description="Kind of recommendation.")
    top_n: TopN(20)


class DaysParams(ToolParams):
    days: Days(30)


class WarehouseDays(ToolParams):
    warehouse: Name("warehouse", "SQL warehouse name or id; omit for all.")
    days: Days(14)


class NoArgs(ToolParams):
    pass


TOOLS: list[Tool] = [
    Tool(
        name="get_savings_recommendations", domain="optimization", agents=OPT + ("cost", "hub"),
        params=RecommendationParams,
        description="Savings and right-sizing recommendations from the last 30 days, biggest estimated monthly "
                    "saving first: idle all-purpose clusters, long auto-termination, jobs running on all-purpose "
                    "compute, SQL warehouses idle or oversized at night (long auto-stop), untagged spend, "
                    "short frequent jobs that suit serverless. Use for 'how do we cut costs'.",
        returns=columns("rank bigint, category string, workspace_name string, resource_type string, "
                        "resource_name string, recommendation string, list_cost_30d double, "
                        "estimated_monthly_saving double"),
        cost_columns=("list_cost_30d", "estimated_monthly_saving"),
    ),
    Tool(
        name="get_idle_clusters", domain="optimization", agents=OPT + ("performance",), params=DaysParams,
        description="All-purpose clusters ranked by idleness over the last N days: running hours, hours below "
                    "5 % CPU, idle %, average CPU, auto-termination and cost. Use for 'which clusters are idle'.",
        returns=columns("workspace_name string, cluster_id string, cluster_name string, owned_by string, "
                        "auto_termination_minutes bigint, hours_running bigint, idle_hours bigint, idle_pct double, "
                        "avg_cpu_percent double, list_cost double"),
        cost_columns=("list_cost",),
    ),
    Tool(
        name="get_warehouse_load_by_hour", domain="optimization", agents=OPT + ("performance",),
        params=WarehouseDays,
        description="SQL warehouse cost, statements and queueing by hour of day (UTC) over the last N days: "
                    "shows hours where a warehouse is oversized (cost, few statements) or undersized (queueing).",
        returns=columns("warehouse_name string, warehouse_size string, auto_stop_minutes bigint, hour_of_day int, "
                        "list_cost double, statements bigint, queued_statements bigint, avg_duration_seconds double, "
                        "list_cost_per_statement double"),
        cost_columns=("list_cost", "list_cost_per_statement"),
    ),
    Tool(
        name="get_autotermination_settings", domain="optimization", agents=OPT, params=NoArgs,
        description="Auto-termination of all-purpose clusters and auto-stop of SQL warehouses, longest first, "
                    "with an assessment (ok, long, never stops) and 30-day cost.",
        returns=columns("workspace_name string, resource_type string, resource_name string, "
                        "idle_minutes_before_stop bigint, assessment string, list_cost_30d double"),
        cost_columns=("list_cost_30d",),
    ),
]
