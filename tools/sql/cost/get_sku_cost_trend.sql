-- Daily cost of the SKUs whose name contains :sku_name (all SKUs if null) over the last :days days.
-- Grain: one row per usage_date x sku. Parameters: :sku_name, :days.
with usage_daily as (
    select * from main.health_monitor.fact_usage_daily
    where usage_date >= date_sub(:as_of_date, :days)
      and (:sku_name is null or contains(lower(sku_name), lower(:sku_name)))
),

final as (
    select
        usage_date,
        sku_name,
        sum(dbus) as dbus,
        sum(list_cost) as list_cost
    from usage_daily
    group by all
)

select * from final
order by usage_date desc, list_cost desc
