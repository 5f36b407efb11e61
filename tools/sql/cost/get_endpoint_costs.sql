-- Model Serving cost per endpoint over the last :days days.
-- Grain: one row per workspace x endpoint x sku. Parameters: :days.
with usage_daily as (
    select * from main.health_monitor.fact_usage_daily
    where usage_date >= date_sub(:as_of_date, :days)
      and endpoint_name is not null
),

final as (
    select
        workspace_name,
        endpoint_name,
        sku_name,
        sum(list_cost) as list_cost,
        sum(dbus) as dbus
    from usage_daily
    group by all
)

select * from final
order by list_cost desc
