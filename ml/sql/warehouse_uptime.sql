-- Uptime features: one row per SQL warehouse and day with its running and outage seconds.
-- grain: warehouse_id x usage_date. parameters: :as_of_date (date)
with uptime as (
    select usage_date, workspace_id, workspace_name, warehouse_id, warehouse_name, running_seconds,
           outage_seconds, outages, availability
    from main.health_monitor.fact_warehouse_uptime_daily
    where usage_date < :as_of_date
),

final as (
    select * from uptime
)

select * from final
