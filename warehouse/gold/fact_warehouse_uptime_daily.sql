-- purpose: per SQL warehouse and day: seconds running, seconds in outage, outages, availability
--          (1 - outage seconds / seconds of the day elapsed). Intervals are split at midnight.
-- grain:   usage_date x (workspace_id, warehouse_id), from the warehouse's first event to as_of
-- params:  :as_of (timestamp)
-- depends: fact_warehouse_event, dim_warehouse
with events as (
    select * from main.health_monitor.fact_warehouse_event
),

warehouses as (
    select workspace_id, workspace_name, warehouse_id, warehouse_name from main.health_monitor.dim_warehouse
),

spans as (
    select workspace_id, warehouse_id, min(cast(start_time as date)) as first_date
    from events
    group by workspace_id, warehouse_id
),

days as (
    select
        workspace_id,
        warehouse_id,
        explode(
            sequence(cast(first_date as timestamp), cast(cast(:as_of as date) as timestamp), interval 1 day)
        ) as day_start
    from spans
),

day_windows as (
    select
        workspace_id,
        warehouse_id,
        cast(day_start as date) as usage_date,
        day_start,
        least(day_start + interval 1 day, cast(:as_of as timestamp)) as day_end
    from days
),

overlaps as (
    select
        day_windows.workspace_id,
        day_windows.warehouse_id,
        day_windows.usage_date,
        events.event_type,
        events.is_outage,
        events.is_outage_start,
        events.start_time,
        cast(
            unix_seconds(least(events.end_time, day_windows.day_end))
            - unix_seconds(greatest(events.start_time, day_windows.day_start))
            as double
        ) as seconds
    from day_windows
    inner join events
        on day_windows.workspace_id = events.workspace_id
        and day_windows.warehouse_id = events.warehouse_id
        and events.start_time < day_windows.day_end
        and events.end_time > day_windows.day_start
),

per_day as (
    select
        workspace_id,
        warehouse_id,
        usage_date,
        sum(case when event_type in ('RUNNING', 'SCALED_UP', 'SCALED_DOWN') then seconds else 0.0 end)
            as running_seconds,
        sum(case when is_outage then seconds else 0.0 end) as outage_seconds,
        count(distinct case when is_outage_start and cast(start_time as date) = usage_date then start_time end)
            as outages
    from overlaps
    group by workspace_id, warehouse_id, usage_date
),

final as (
    select
        day_windows.usage_date,
        day_windows.workspace_id,
        warehouses.workspace_name,
        day_windows.warehouse_id,
        warehouses.warehouse_name,
        coalesce(per_day.running_seconds, 0.0) as running_seconds,
        coalesce(per_day.outage_seconds, 0.0) as outage_seconds,
        cast(coalesce(per_day.outages, 0) as bigint) as outages,
        1.0 - coalesce(per_day.outage_seconds, 0.0) / greatest(
            cast(unix_seconds(day_windows.day_end) - unix_seconds(day_windows.day_start) as double), 1.0
        ) as availability
    from day_windows
    left join per_day
        on day_windows.workspace_id = per_day.workspace_id
        and day_windows.warehouse_id = per_day.warehouse_id
        and day_windows.usage_date = per_day.usage_date
    left join warehouses
        on day_windows.workspace_id = warehouses.workspace_id
        and day_windows.warehouse_id = warehouses.warehouse_id
)

select * from final
