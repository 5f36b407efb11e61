"""Cost tools: spend by day, workspace, SKU, product, user, team/tag, job, warehouse; anomalies; trends.

Money is list price (``list_cost``); the executor adds ``net_cost`` from the configured discount.
"""

from __future__ import annotations

from health_monitor.tools.params import Date, Days, Name, Text, TopN
from health_monitor.tools.spec import Tool, ToolParams, columns

COST = ("cost",)


class DateRange(ToolParams):
    start_date: Date(30, "First day of the range")
    end_date: Date(0, "Last day of the range, inclusive")


class DateRangeTop(DateRange):
    top_n: TopN(10)


class WarehouseCostByUser(DateRangeTop):
    warehouse: Name("warehouse", "SQL warehouse name or id; omit for all.")


class Lookback(ToolParams):
    lookback_days: Days(7, max_days=90, what="Days to scan for anomalies")


class DayTop(ToolParams):
    date: Date(1, "The day to analyse")
    top_n: TopN(10)


class WorkspaceRange(ToolParams):
    workspace_id: Name("workspace", "Workspace id or name (e.g. ml-workspace); omit for every workspace.")
    start_date: Date(30, "First day of the range")
    end_date: Date(0, "Last day of the range, inclusive")


class SkuTrend(ToolParams):
    sku_name: Name("sku", "SKU name or part of it (e.g. GPU, JOBS_COMPUTE); omit for all SKUs.")
    days: Days(30)


class TagRange(DateRange):
    tag_key: Text("Custom tag key to group by (e.g. team, cost_center, project). Default team.")


class Window(ToolParams):
    days: Days(30)


class WindowWeek(ToolParams):
    days: Days(7, max_days=180, what="Length of each period")


class JobCostParams(DateRange):
    workspace: Name("workspace")
    job_name: Name("job", "Job name or id; omit for the most expensive jobs.")
    top_n: TopN(10)


class Months(ToolParams):
    months: Days(6, max_days=24, what="How many calendar months (including the current one)")


TOOLS: list[Tool] = [
    Tool(
        name="get_daily_cost_summary", domain="cost", agents=COST + ("hub",), params=DateRange,
        description="Daily spend per workspace between two dates: list cost, DBUs, and the split into "
                    "serverless, jobs, all-purpose, SQL, serving, GPU and untagged cost. Use for 'how much did "
                    "X cost yesterday / last week' and cost trends.",
        returns=columns("usage_date date, workspace_id string, workspace_name string, list_cost double, dbus double, "
                        "serverless_cost double, jobs_cost double, all_purpose_cost double, sql_cost double, "
                        "serving_cost double, gpu_cost double, untagged_cost double"),
        cost_columns=("list_cost",), time_column="usage_date",
    ),
    Tool(
        name="get_cost_anomalies", domain="cost", agents=COST + ("hub",), params=Lookback,
        description="Workspace-days whose spend jumped above the trailing 7-day average "
                    "(z-score >= 3 against the trailing 7-day spread and at least 20 % up). Use for 'why did "
                    "costs jump', 'any cost spikes'. Returns cost, baseline, % change and z-score.",
        returns=columns("usage_date date, workspace_id string, workspace_name string, list_cost double, "
                        "baseline_cost double, delta_cost double, pct_change double, z_score double, direction string"),
        cost_columns=("list_cost", "baseline_cost", "delta_cost"), time_column="usage_date",
    ),
    Tool(
        name="get_top_cost_drivers", domain="cost", agents=COST, params=DayTop,
        description="The biggest cost items of one day (default yesterday): jobs, clusters, SQL warehouses, "
                    "serving endpoints, by SKU, with each item's trailing 7-day average and change. Use for "
                    "'what drove the cost jump', 'biggest line item'.",
        returns=columns("rank bigint, workspace_id string, workspace_name string, driver_type string, "
                        "driver_name string, driver_id string, sku_name string, billing_origin_product string, "
                        "list_cost double, dbus double, baseline_cost double, delta_cost double, pct_change double"),
        cost_columns=("list_cost", "baseline_cost", "delta_cost"), sku_column="sku_name",
    ),
    Tool(
        name="get_workspace_cost_breakdown", domain="cost", agents=COST, params=WorkspaceRange,
        description="One workspace's (or every workspace's) spend split by billing product and SKU over a "
                    "date range, with each line's share of the workspace total. Accepts the workspace id or name.",
        returns=columns("workspace_id string, workspace_name string, billing_origin_product string, sku_name string, "
                        "dbus double, list_cost double, pct_of_workspace double"),
        cost_columns=("list_cost",), sku_column="sku_name",
    ),
    Tool(
        name="get_sku_cost_trend", domain="cost", agents=COST, params=SkuTrend,
        description="Daily cost and DBUs of the SKUs whose name contains the given text (e.g. GPU, SERVERLESS, "
                    "JOBS) over the last N days. Use for a SKU's cost trend.",
        returns=columns("usage_date date, sku_name string, dbus double, list_cost double"),
        cost_columns=("list_cost",), sku_column="sku_name", time_column="usage_date",
    ),
    Tool(
        name="get_cost_by_sku", domain="cost", agents=COST + ("optimization",), params=DateRange,
        description="Spend per SKU over a date range (default last 30 days) with DBUs, product and share of "
                    "total. Use for 'spend by SKU'.",
        returns=columns("sku_name string, billing_origin_product string, usage_unit string, dbus double, "
                        "list_cost double, workspaces bigint, pct_of_total double"),
        cost_columns=("list_cost",), sku_column="sku_name",
    ),
    Tool(
        name="get_cost_by_user", domain="cost", agents=COST, params=DateRangeTop,
        description="Spend attributed to the identity each workload ran as (users and service principals) over "
                    "a date range, top N. Use for 'who spends the most'.",
        returns=columns("rank bigint, run_as string, list_cost double, dbus double, workspaces bigint, jobs bigint"),
        cost_columns=("list_cost",),
    ),
    Tool(
        name="get_cost_by_team", domain="cost", agents=COST, params=DateRange,
        description="Spend per `team` cost-attribution tag over a date range; untagged spend appears as "
                    "'(no team tag)'. Use for chargeback and showback.",
        returns=columns("team string, list_cost double, dbus double, workspaces bigint, pct_of_total double"),
        cost_columns=("list_cost",),
    ),
    Tool(
        name="get_cost_by_tag", domain="cost", agents=COST, params=TagRange,
        description="Spend grouped by the value of any custom tag key (cost_center, project, team, ...) over "
                    "a date range; records without the tag are '(untagged)'. Reads row-level usage: keep ranges short.",
        returns=columns("tag_key string, tag_value string, list_cost double, dbus double, workspaces bigint"),
        cost_columns=("list_cost",),
    ),
    Tool(
        name="get_cost_by_product", domain="cost", agents=COST, params=DateRange,
        description="Spend per billing product (JOBS, SQL, ALL_PURPOSE, MODEL_SERVING, DLT, ...) and "
                    "serverless versus classic over a date range.",
        returns=columns("billing_origin_product string, is_serverless boolean, list_cost double, dbus double, "
                        "pct_of_total double"),
        cost_columns=("list_cost",),
    ),
    Tool(
        name="get_cost_period_comparison", domain="cost", agents=COST + ("hub",), params=WindowWeek,
        description="Period-over-period spend per workspace: the last N complete days against the N days "
                    "before (default week over week), with the change in dollars and percent (per recorded day "
                    "when the billing history starts inside the period before).",
        returns=columns("workspace_id string, workspace_name string, period_start date, period_end date, "
                        "list_cost double, previous_list_cost double, delta_cost double, pct_change double, "
                        "previous_partial boolean, previous_days_recorded bigint"),
        cost_columns=("list_cost", "previous_list_cost", "delta_cost"),
    ),
    Tool(
        name="get_untagged_spend", domain="cost", agents=COST + ("optimization", "governance"), params=Window,
        description="Spend without a cost-attribution tag (team, cost_center or project) per workspace over the "
                    "last N days, in dollars and as a share of the workspace's spend.",
        returns=columns("workspace_id string, workspace_name string, untagged_cost double, list_cost double, "
                        "untagged_pct double"),
        cost_columns=("untagged_cost", "list_cost"),
    ),
    Tool(
        name="get_job_costs", domain="cost", agents=COST + ("performance",), params=JobCostParams,
        description="The most expensive jobs between two dates (default the last 30 days; optionally in one "
                    "workspace): cost, runs, failed runs and cost per run, all over the same days. Use for 'which "
                    "job costs the most'.",
        returns=columns("rank bigint, workspace_name string, job_id string, job_name string, list_cost double, "
                        "runs bigint, failed_runs bigint, list_cost_per_run double, cost_note string"),
        cost_columns=("list_cost", "list_cost_per_run"),
    ),
    Tool(
        name="get_failed_run_cost", domain="cost", agents=COST + ("performance", "optimization"),
        params=JobCostParams,
        description="What failed job runs cost between two dates (default the last 30 days): the billed usage of "
                    "each failed run summed per job, its share of all the job's run cost, the last failure and its "
                    "error. Use for 'how much money did failed runs waste last week'.",
        returns=columns("workspace_name string, job_id string, job_name string, failed_runs bigint, "
                        "failed_cost double, all_runs_cost double, failed_share double, last_failure timestamp, "
                        "last_error string, cost_note string"),
        cost_columns=("failed_cost", "all_runs_cost"),
    ),
    Tool(
        name="get_warehouse_costs", domain="cost", agents=COST + ("optimization",), params=DateRange,
        description="Spend of each SQL warehouse between two dates (default: the last 30 days), with its type, size "
                    "and auto-stop setting. Use for 'how much do our SQL warehouses cost'.",
        returns=columns("workspace_id string, workspace_name string, warehouse_id string, warehouse_name string, "
                        "warehouse_type string, warehouse_size string, auto_stop_minutes bigint, list_cost double, "
                        "dbus double"),
        cost_columns=("list_cost",),
    ),
    Tool(
        name="get_warehouse_cost_by_user", domain="cost", agents=COST, params=WarehouseCostByUser,
        description="Showback of shared SQL warehouses: each warehouse's spend between two dates shared out to the "
                    "users and service principals who ran statements on it, in proportion to their statements' "
                    "total duration. Use for 'who uses the most of bi-warehouse', 'allocate warehouse cost by user'.",
        returns=columns("rank bigint, warehouse_name string, executed_by string, statements bigint, "
                        "query_hours double, pct_of_warehouse double, allocated_cost double, warehouse_cost double"),
        cost_columns=("allocated_cost", "warehouse_cost"),
    ),
    Tool(
        name="get_monthly_cost_summary", domain="cost", agents=COST, params=Months,
        description="Spend per calendar month and workspace for the last N months (the current month is "
                    "partial: see the days column). Use for month-over-month questions.",
        returns=columns("month date, workspace_id string, workspace_name string, list_cost double, dbus double, "
                        "days bigint"),
        cost_columns=("list_cost",), time_column="month",
    ),
    Tool(
        name="get_serverless_spend", domain="cost", agents=COST + ("optimization",), params=Window,
        description="Serverless versus classic spend per workspace over the last N days (dollars and share).",
        returns=columns("workspace_id string, workspace_name string, serverless_cost double, list_cost double, "
                        "serverless_pct double"),
        cost_columns=("serverless_cost", "list_cost"),
    ),
    Tool(
        name="get_endpoint_costs", domain="cost", agents=COST + ("mlops",), params=Window,
        description="Model Serving spend per endpoint and SKU over the last N days.",
        returns=columns("workspace_name string, endpoint_name string, sku_name string, list_cost double, dbus double"),
        cost_columns=("list_cost",), sku_column="sku_name",
    ),
]
