"""Performance tools: job runs and failures, SLA breaches, bottlenecks, cluster utilisation, SQL
warehouse load and slow or failing queries."""

from __future__ import annotations

from typing import Annotated

from health_monitor.tools.params import Choice, Date, Days, Hours, Name, Ranking, TopN
from health_monitor.tools.spec import GPU_COVERAGE, SLA_COVERAGE, Tool, ToolParams, columns
from pydantic import Field

PERF = ("performance",)


class HoursWorkspace(ToolParams):
    hours: Hours(24)
    workspace: Name("workspace")


class SlowParams(ToolParams):
    threshold_seconds: Annotated[int, Field(300, ge=1, le=86_400,
                                            description="Minimum duration in seconds (1-86400); the last 7 days.")]


class JobParam(ToolParams):
    job_name: Name("job", "Job name or id; omit for every job.")


class JobWorkspace(ToolParams):
    job_name: Name("job", "Job name or id; omit for every job.")
    workspace: Name("workspace")


class DaysParams(ToolParams):
    days: Days(7)


class SlaParams(DaysParams):
    #: Optional bounds, so the same count can be read for an earlier period (a comparison window).
    start_date: Date(366, "First day counted (narrows the look-back)")
    end_date: Date(0, "Last day counted")


class Days30Window(ToolParams):
    days: Days(30)
    #: Optional bounds, so the same figure can be read for an earlier period (a comparison window).
    start_date: Date(366, "First day counted (narrows the look-back)")
    end_date: Date(0, "Last day counted")


class Days30(ToolParams):
    days: Days(30)


class WorkspaceParam(ToolParams):
    workspace: Name("workspace")


class ClusterParams(WorkspaceParam):
    compute: Choice("gpu", "all_purpose", "job", description="'gpu': clusters with GPU nodes; 'all_purpose' or 'job': "
                                                              "that kind of compute.")


class UtilizationParams(WorkspaceParam):
    #: A past period ("and the week before?") reads its own hours, not the last 7 days under that period's label.
    start_date: Date(7, "First day counted")
    end_date: Date(0, "Last day counted, inclusive")


class HoursParams(ToolParams):
    hours: Hours(24)


class WarehouseDays(ToolParams):
    days: Days(7)
    warehouse: Name("warehouse", "SQL warehouse name or id; omit for all.")


class ClusterHours(ToolParams):
    cluster: Name("cluster", "Cluster name or id; omit for all clusters.")
    hours: Hours(48)


class TopQueries(ToolParams):
    days: Days(7)
    top_n: TopN(10)
    warehouse: Name("warehouse", "SQL warehouse name or id; omit for all.")
    #: "the largest scans" are the statements that read the most, which need not be the longest
    rank_by: Ranking("duration", "read", description="Rank by run time ('duration') or by data read ('read').")


class JobDays(ToolParams):
    job_name: Name("job", "Job name or id; omit for every job.")
    days: Days(14)


TOOLS: list[Tool] = [
    Tool(
        name="get_job_owners", domain="performance", agents=PERF + ("reliability", "governance"), params=JobWorkspace,
        description="Who answers for each job (optionally one job or workspace): its creator, the identity it runs "
                    "as and its team tag, with its schedule. Use for 'who owns nightly_etl'.",
        returns=columns("workspace_name string, job_id string, job_name string, creator string, run_as string, "
                        "team string, schedule_cron string, paused boolean"),
    ),
    Tool(
        name="get_failed_jobs", domain="performance", agents=PERF + ("reliability", "hub"), params=HoursWorkspace,
        description="Job runs that failed (FAILED, ERROR, TIMED_OUT) in the last N hours, optionally in one "
                    "workspace, with the error message, termination code, attempts and compute type.",
        returns=columns("start_time timestamp, end_time timestamp, workspace_id string, workspace_name string, "
                        "job_id string, job_name string, run_id string, result_state string, termination_code string, "
                        "error_message string, duration_seconds bigint, attempts bigint, compute_type string, "
                        "run_as string"),
        time_column="start_time",
    ),
    Tool(
        name="get_job_runs", domain="performance", agents=PERF + ("reliability", "cost"), params=HoursWorkspace,
        description="All job runs started in the last N hours (optionally one workspace): outcome, duration, SLA "
                    "breach, compute type and the run's list cost. Use for 'did those runs succeed'.",
        returns=columns("start_time timestamp, end_time timestamp, workspace_name string, job_id string, "
                        "job_name string, run_id string, result_state string, is_success boolean, "
                        "duration_seconds bigint, duration_minutes double, is_sla_breach boolean, "
                        "compute_type string, list_cost double"),
        cost_columns=("list_cost",), time_column="start_time",
    ),
    Tool(
        name="get_slow_queries", domain="performance", agents=PERF, params=SlowParams,
        description="SQL statements of the last 7 days that ran at least N seconds (default 300), slowest first: "
                    "warehouse, user, duration, bytes read, queueing and spill.",
        returns=columns("start_time timestamp, workspace_name string, warehouse_name string, executed_by string, "
                        "statement_type string, execution_status string, duration_seconds double, "
                        "duration_minutes double, read_bytes bigint, read_gb double, read_rows bigint, "
                        "waiting_at_capacity_duration_ms bigint, spilled_local_bytes bigint, statement_text string, "
                        "statement_id string"),
        time_column="start_time",
    ),
    Tool(
        name="get_job_bottlenecks", domain="performance", agents=PERF, params=JobParam,
        description="Where a job's time goes over the last 30 days: per task, runs, average/p95/max duration, "
                    "share of the job's time, failures, and the CPU pressure (hours peaking at 90 % CPU or more) of the clusters it "
                    "ran on. Use for 'why is the ETL slow'.",
        returns=columns("job_id string, job_name string, task_key string, runs bigint, avg_duration_seconds double, "
                        "p95_duration_seconds double, max_duration_seconds bigint, total_duration_seconds bigint, "
                        "pct_of_job_time double, failures bigint, busiest_cluster string, max_cpu_percent double, "
                        "hours_cpu_over_90 bigint"),
    ),
    Tool(
        name="get_sla_breaches", domain="performance", agents=PERF + ("reliability", "hub"), params=SlaParams,
        description="Job runs that exceeded their duration SLA in the last N days up to an end date: job, run, "
                    "duration, SLA and by how much it was exceeded. Use for 'SLA misses'.",
        returns=columns("start_time timestamp, end_time timestamp, workspace_name string, job_id string, "
                        "job_name string, run_id string, duration_seconds bigint, sla_seconds bigint, "
                        "over_by_seconds bigint, result_state string"),
        time_column="start_time",
        coverage=SLA_COVERAGE,
    ),
    Tool(
        name="get_resource_utilization", domain="performance", agents=PERF + ("optimization",),
        params=UtilizationParams,
        description="CPU and memory of each cluster over the last 7 days, or between two dates (optionally one "
                    "workspace): average and peak, hours whose CPU peaked at 90 % or more (also yesterday) and hours "
                    "below 5 % (idle).",
        returns=columns("workspace_name string, cluster_id string, cluster_name string, hours_running bigint, "
                        "avg_cpu_percent double, max_cpu_percent double, avg_mem_percent double, "
                        "max_mem_percent double, hours_cpu_over_90 bigint, hours_cpu_over_90_yesterday bigint, "
                        "hours_cpu_under_5 bigint"),
    ),
    Tool(
        name="get_job_success_rate", domain="performance", agents=PERF + ("reliability",), params=Days30Window,
        description="Success and failure rate of every job over the last N days (or start_date to end_date), "
                    "worst first, with SLA breaches and average duration. Use for 'which jobs fail most'.",
        returns=columns("workspace_name string, job_id string, job_name string, runs bigint, succeeded bigint, "
                        "failed bigint, success_rate_pct double, failure_rate_pct double, sla_breaches bigint, "
                        "avg_duration_seconds double"),
    ),
    Tool(
        name="get_query_errors", domain="performance", agents=PERF, params=HoursParams,
        description="Failed SQL statements in the last N hours grouped by warehouse, user and error message.",
        returns=columns("workspace_name string, warehouse_name string, executed_by string, error_message string, "
                        "failures bigint, first_seen timestamp, last_seen timestamp"),
    ),
    Tool(
        name="get_warehouse_utilization", domain="performance", agents=PERF + ("optimization",),
        params=WarehouseDays,
        description="SQL warehouse load per day: statements, users, average and p95 duration, statements queued "
                    "at capacity and queue time, failures and data read. Use for queueing and sizing questions.",
        returns=columns("start_date date, workspace_name string, warehouse_name string, statements bigint, "
                        "users bigint, avg_duration_seconds double, p95_duration_seconds double, "
                        "queued_statements bigint, avg_queue_seconds double, avg_wait_for_compute_seconds double, "
                        "failed_statements bigint, read_gb double"),
        time_column="start_date",
    ),
    Tool(
        name="get_cluster_cpu_history", domain="performance", agents=PERF, params=ClusterHours,
        description="Hourly CPU and memory of a cluster (name or id) over the last N hours. Use for 'what has CPU "
                    "on cluster X looked like'.",
        returns=columns("hour timestamp, cluster_id string, cluster_name string, instances bigint, "
                        "avg_cpu_percent double, max_cpu_percent double, avg_mem_percent double, max_mem_percent double"),
        time_column="hour",
    ),
    Tool(
        name="get_top_queries", domain="performance", agents=PERF, params=TopQueries,
        description="The N longest SQL statements of the last N days (optionally on one warehouse), with user, "
                    "duration in minutes and data read; rank_by='read' ranks by data read instead (the largest scans).",
        returns=columns("rank bigint, start_time timestamp, warehouse_name string, executed_by string, "
                        "statement_type string, execution_status string, duration_minutes double, read_gb double, "
                        "statement_text string"),
    ),
    Tool(
        name="get_job_duration_trend", domain="performance", agents=PERF + ("reliability",), params=JobDays,
        description="Daily runs, failures, SLA breaches, average and maximum duration and cost of a job over the "
                    "last N days. Use for 'is job X getting slower'.",
        returns=columns("run_date date, workspace_name string, job_id string, job_name string, runs bigint, "
                        "succeeded bigint, failed bigint, sla_breaches bigint, avg_duration_seconds double, "
                        "max_duration_seconds bigint, list_cost double"),
        cost_columns=("list_cost",), time_column="run_date",
    ),
    Tool(
        name="get_job_failure_reasons", domain="performance", agents=PERF + ("reliability",), params=DaysParams,
        description="Why jobs failed in the last N days: failures grouped by job, termination code and error "
                    "message, most frequent first.",
        returns=columns("workspace_name string, job_id string, job_name string, termination_code string, "
                        "error_message string, failures bigint, last_failure timestamp"),
    ),
    Tool(
        name="get_clusters", domain="performance", agents=PERF + ("optimization", "governance", "cost"),
        params=ClusterParams,
        description="The clusters that exist (deleted ones left out), optionally of one workspace or kind: owner, "
                    "kind (all-purpose, job, pipeline), node types and their GPUs, workers, auto-termination, "
                    "runtime version, created; GPU clusters first. Who owns or created clusters; who MAY create "
                    "them (entitlements, cluster policies' permissions) is not in the system tables.",
        returns=columns("workspace_name string, cluster_name string, compute_kind string, owned_by string, "
                        "driver_node_type string, worker_node_type string, gpus_per_worker bigint, has_gpu boolean, "
                        "workers string, auto_termination string, dbr_version string, created timestamp"),
        coverage=GPU_COVERAGE,
    ),
]
