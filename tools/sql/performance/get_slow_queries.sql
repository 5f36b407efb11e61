-- SQL statements of the last 7 days that ran at least :threshold_seconds seconds, slowest first (top 100).
-- Grain: one row per statement. Parameters: :threshold_seconds.
with queries as (
    select * from main.health_monitor.fact_query
    where start_date >= date_sub(:as_of_date, 7)
      and duration_seconds >= :threshold_seconds
),

ranked as (
    select *, row_number() over (order by duration_seconds desc, statement_id) as rn from queries
),

final as (
    select
        start_time,
        workspace_name,
        warehouse_name,
        executed_by,
        statement_type,
        execution_status,
        duration_seconds,
        duration_seconds / 60.0 as duration_minutes,
        read_bytes,
        read_bytes / 1e9 as read_gb,
        read_rows,
        waiting_at_capacity_duration_ms,
        spilled_local_bytes,
        substr(statement_text, 1, 200) as statement_text,
        statement_id
    from ranked
    where rn <= 100
)

select * from final
order by duration_seconds desc
