-- SQL warehouse outages in the last :days days, one row per outage episode: contiguous outage
-- intervals (a failed start, a crash stop, a start that hangs) merged into one, since that is
-- how long users could not run queries.
-- Grain: one row per (warehouse, outage episode). Parameters: :warehouse (id or name), :days.
with events as (
    select * from main.health_monitor.fact_warehouse_event
    where (:warehouse is null or warehouse_id = :warehouse or lower(warehouse_name) = lower(:warehouse))
),

workspaces as (
    select * from main.health_monitor.dim_workspace
),

numbered as (
    select
        *,
        sum(case when is_outage_start then 1 else 0 end) over (
            partition by workspace_id, warehouse_id order by start_time
            rows between unbounded preceding and current row
        ) as episode
    from events
),

episodes as (
    select
        workspace_id,
        warehouse_id,
        warehouse_name,
        episode,
        min(start_time) as start_time,
        max(end_time) as end_time,
        min_by(event_type, start_time) as event_type,
        count(*) as intervals,
        sum(duration_seconds) as duration_seconds
    from numbered
    where is_outage
    group by workspace_id, warehouse_id, warehouse_name, episode
),

final as (
    select
        e.start_time,
        e.end_time,
        w.workspace_name,
        e.warehouse_id,
        e.warehouse_name,
        e.event_type,
        e.intervals,
        e.duration_seconds / 60.0 as duration_minutes
    from episodes as e
    left join workspaces as w on e.workspace_id = w.workspace_id
    where e.end_time >= timestampadd(DAY, -:days, :as_of)
)

select * from final
order by start_time desc
