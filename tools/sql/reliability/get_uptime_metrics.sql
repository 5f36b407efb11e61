-- SQL warehouse availability over the last :days days up to :end_date (not before :start_date), per warehouse.
-- Grain: one row per warehouse. Parameters: :workspace (id or name), :days, :start_date, :end_date.
with uptime as (
    select * from main.health_monitor.fact_warehouse_uptime_daily
    where usage_date >= greatest(date_sub(:end_date, :days), :start_date)
      and usage_date <= :end_date
      and (:workspace is null or workspace_id = :workspace or lower(workspace_name) = lower(:workspace))
),

final as (
    select
        workspace_name,
        warehouse_id,
        warehouse_name,
        count(*) as days,
        sum(running_seconds) / 3600.0 as running_hours,
        sum(outage_seconds) / 60.0 as outage_minutes,
        sum(outages) as outages,
        (1 - sum(outage_seconds) / (count(*) * 86400.0)) * 100 as availability_pct,
        min(availability) * 100 as worst_day_availability_pct
    from uptime
    group by all
)

select * from final
order by availability_pct, workspace_name, warehouse_name
