"""Data-quality tools: freshness, expectations, pipeline health, profiles, drift, a per-table scorecard."""

from __future__ import annotations

from typing import Annotated

from health_monitor.tools.params import Date, Days, Hours, Name
from health_monitor.tools.spec import FRESHNESS_COVERAGE, Tool, ToolParams, columns
from pydantic import Field

DQ = ("quality",)


class DqSummaryParams(ToolParams):
    schema_name: Name("schema", "Schema name or catalog.schema (e.g. sales or main.sales); omit for all.",
                      alias="schema")
    days: Days(7)


class FreshnessParams(ToolParams):
    hours: Annotated[int | None, Field(None, ge=1, le=8760,
                                       description="Flag tables not written for more than this many hours; omit to "
                                                   "compare each table with 1.5 x its usual refresh interval.")]


class SchemaParam(ToolParams):
    schema_name: Name("schema", "Schema name or catalog.schema (e.g. sales or main.sales); omit for all.",
                      alias="schema")


class PipelineDays(ToolParams):
    pipeline: Name("pipeline", "Pipeline name or id; omit for all.")
    days: Days(7)


class DaysOnly(ToolParams):
    days: Days(7)


class DriftParams(ToolParams):
    table: Name("table", "Table name or full name (e.g. main.sales.orders_silver); omit for all profiled tables.")
    baseline_date: Date(14, "Last day of the baseline week (at the latest 7 days before end_date)")
    #: "and the week before?": the drift as it stood a week earlier, not the latest week under that label.
    end_date: Date(0, "Last day of the recent week compared")


class WriterParams(ToolParams):
    table: Name("table", "Table name or full name (e.g. main.sales.orders_gold); omit for every table.")
    hours: Hours(72)


class TableParam(ToolParams):
    table: Name("table", "Table name or full name (e.g. main.sales.orders_raw); omit for all profiled tables.")


TOOLS: list[Tool] = [
    Tool(
        name="get_dq_summary", domain="quality", agents=DQ + ("hub",), params=DqSummaryParams,
        description="Data-quality scorecard per table of a schema over the last N days: stale or not, records "
                    "checked by expectations, failed and dropped records, pass rate, worst column null rate and an "
                    "issue count. Use for 'how healthy is the sales schema'.",
        returns=columns("table_full_name string, table_owner string, is_stale boolean, hours_since_update double, "
                        "checked_records bigint, failed_records bigint, dropped_records bigint, "
                        "expectation_pass_rate_pct double, max_null_rate_pct double, issues int"),
    ),
    Tool(
        name="get_freshness_violations", domain="quality", agents=DQ + ("hub",), params=FreshnessParams,
        description="Tables that are behind their refresh schedule: not written for more than N hours, or (by "
                    "default) for more than 1.5 x their usual refresh interval. Returns hours since the last write "
                    "and the expected interval. Use for 'which tables are stale'.",
        returns=columns("table_full_name string, table_schema string, table_name string, table_owner string, "
                        "last_write_time timestamp, hours_since_update double, expected_refresh_hours double, "
                        "threshold_hours double, refreshes_missed double"),
        coverage=FRESHNESS_COVERAGE,
    ),
    Tool(
        name="get_table_writer_failures", domain="quality", agents=DQ + ("reliability",), params=WriterParams,
        description="Failed runs in the last N hours (default 72) of the jobs that write a table, found through "
                    "its lineage (the job that wrote each edge): table, job, run, time and error. Use for 'why is "
                    "this table stale / late / wrong'.",
        returns=columns("table_full_name string, start_time timestamp, workspace_id string, workspace_name string, "
                        "job_id string, job_name string, run_id string, result_state string, termination_code string, "
                        "error_message string"),
        time_column="start_time",
    ),
    Tool(
        name="get_schema_changes", domain="quality", agents=DQ + ("performance", "reliability", "governance"),
        params=DaysOnly,
        description="Schema changes seen through the loads they broke in the last N days: failed runs whose error "
                    "says a column changed type or fields could not be merged, with the table the error names. "
                    "Use for 'did a schema change / column type change break anything'.",
        returns=columns("workspace_name string, job_id string, job_name string, table_full_name string, "
                        "error_message string, failures bigint, first_failure timestamp, last_failure timestamp"),
        time_column="last_failure",
    ),
    Tool(
        name="get_table_freshness", domain="quality", agents=DQ + ("governance",), params=SchemaParam,
        description="Freshness of every table in a schema (or all): last write, hours since, usual refresh "
                    "interval and whether it is stale.",
        returns=columns("table_full_name string, table_owner string, last_write_time timestamp, "
                        "hours_since_update double, expected_refresh_hours double, is_stale boolean"),
    ),
    Tool(
        name="get_expectation_failures", domain="quality", agents=DQ, params=PipelineDays,
        description="Pipeline expectations (data-quality rules such as valid_amount) that failed or dropped "
                    "records in the last N days, per day, dataset and expectation, with pass and failure rates.",
        returns=columns("event_date date, pipeline_name string, dataset_name string, expectation_name string, "
                        "passed_records bigint, failed_records bigint, dropped_records bigint, pass_rate_pct double, "
                        "failure_rate_pct double"),
        time_column="event_date",
    ),
    Tool(
        name="get_pipeline_health", domain="quality", agents=DQ + ("reliability",), params=PipelineDays,
        description="Per pipeline and dataset over the last N days: expectations, records checked, failed and "
                    "dropped, pass rate and the worst expectation.",
        returns=columns("pipeline_name string, dataset_name string, expectations bigint, checked_records bigint, "
                        "failed_records bigint, dropped_records bigint, pass_rate_pct double, "
                        "worst_expectation string, last_event_date date"),
    ),
    Tool(
        name="get_drift_metrics", domain="quality", agents=DQ + ("mlops",), params=DriftParams,
        description="Distribution drift of profiled columns: the 7 days to end_date (default: the last 7 days) against "
                    "a baseline week (default ending 14 days ago): mean shift in baseline standard deviations, null-rate and distinct-count "
                    "change, and a drift flag (|shift| >= 0.5 sd or null rate +5 points).",
        returns=columns("table_full_name string, column_name string, baseline_avg double, recent_avg double, "
                        "baseline_stddev double, mean_shift_stddevs double, null_rate_change_pct double, "
                        "distinct_change_pct double, is_drift boolean"),
    ),
    Tool(
        name="get_column_profile", domain="quality", agents=DQ, params=TableParam,
        description="The latest profile of each column of a table: null rate %, distinct count, min, average, "
                    "max, standard deviation. Use for 'null rate by column' and 'anything abnormal in its values'.",
        returns=columns("table_full_name string, column_name string, window_start timestamp, window_end timestamp, "
                        "row_count bigint, num_nulls bigint, null_rate_pct double, distinct_count bigint, min double, "
                        "avg double, max double, stddev double"),
    ),
]
