-- SQL warehouse load by hour of day (UTC) over the last :days days: billed cost, statements, queueing.
-- Shows when a warehouse is oversized (cost with few statements) or undersized (queueing).
-- Grain: one row per warehouse x hour of day. Parameters: :warehouse (id or name), :days.
with warehouses as (
    select * from main.health_monitor.dim_warehouse
    where (:warehouse is null or warehouse_id = :warehouse or lower(warehouse_name) = lower(:warehouse))
),

usage as (
    select warehouse_id, hour(usage_hour) as hour_of_day, sum(list_cost) as list_cost
    from main.health_monitor.fact_usage
    where usage_date >= date_sub(:as_of_date, :days) and warehouse_id is not null
    group by all
),

queries as (
    select warehouse_id, hour(start_time) as hour_of_day, count(*) as statements,
           sum(case when waiting_at_capacity_duration_ms > 0 then 1 else 0 end) as queued_statements,
           avg(duration_seconds) as avg_duration_seconds
    from main.health_monitor.fact_query
    where start_date >= date_sub(:as_of_date, :days) and warehouse_id is not null
    group by all
),

final as (
    select
        w.warehouse_name,
        w.warehouse_size,
        w.auto_stop_minutes,
        u.hour_of_day,
        u.list_cost,
        coalesce(q.statements, 0) as statements,
        coalesce(q.queued_statements, 0) as queued_statements,
        q.avg_duration_seconds,
        try_divide(u.list_cost, q.statements) as list_cost_per_statement
    from usage as u
    inner join warehouses as w on u.warehouse_id = w.warehouse_id
    left join queries as q on u.warehouse_id = q.warehouse_id and u.hour_of_day = q.hour_of_day
)

select * from final
order by warehouse_name, hour_of_day
