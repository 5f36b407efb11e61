-- SQL warehouse load per day over the last :days days: statements, queueing at capacity, waiting for
-- compute, p95 duration, failures, bytes read.
-- Grain: one row per start_date x warehouse. Parameters: :days, :warehouse (id or name).
with queries as (
    select * from main.health_monitor.fact_query
    where start_date >= date_sub(:as_of_date, :days)
      and warehouse_id is not null
      and (:warehouse is null or warehouse_id = :warehouse or lower(warehouse_name) = lower(:warehouse))
),

final as (
    select
        start_date,
        workspace_name,
        warehouse_name,
        count(*) as statements,
        count(distinct executed_by) as users,
        avg(duration_seconds) as avg_duration_seconds,
        percentile_approx(duration_seconds, 0.95) as p95_duration_seconds,
        sum(case when waiting_at_capacity_duration_ms > 0 then 1 else 0 end) as queued_statements,
        avg(waiting_at_capacity_duration_ms) / 1000.0 as avg_queue_seconds,
        avg(waiting_for_compute_duration_ms) / 1000.0 as avg_wait_for_compute_seconds,
        sum(case when execution_status = 'FAILED' then 1 else 0 end) as failed_statements,
        sum(read_bytes) / 1e9 as read_gb
    from queries
    group by all
)

select * from final
order by start_date desc, statements desc
