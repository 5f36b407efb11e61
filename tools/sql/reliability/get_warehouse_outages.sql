-- SQL warehouse outage intervals in the last :days days.
-- Grain: one row per outage. Parameters: :warehouse (id or name), :days.
with events as (
    select * from main.health_monitor.fact_warehouse_event
    where is_outage
      and start_time >= timestampadd(DAY, -:days, :as_of)
      and (:warehouse is null or warehouse_id = :warehouse or lower(warehouse_name) = lower(:warehouse))
),

workspaces as (
    select * from main.health_monitor.dim_workspace
),

final as (
    select
        e.start_time,
        e.end_time,
        w.workspace_name,
        e.warehouse_id,
        e.warehouse_name,
        e.event_type,
        e.duration_seconds / 60.0 as duration_minutes
    from events as e
    left join workspaces as w on e.workspace_id = w.workspace_id
)

select * from final
order by start_time desc
