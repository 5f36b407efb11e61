-- Cost per SKU over a date range, with its share of the total.
-- Grain: one row per sku. Parameters: :start_date, :end_date.
with usage_daily as (
    select * from main.health_monitor.fact_usage_daily
    where usage_date between :start_date and :end_date
),

by_sku as (
    select
        sku_name,
        any_value(billing_origin_product) as billing_origin_product,
        any_value(usage_unit) as usage_unit,
        sum(dbus) as dbus,
        sum(list_cost) as list_cost,
        count(distinct workspace_id) as workspaces
    from usage_daily
    group by sku_name
),

final as (
    select *, try_divide(list_cost, sum(list_cost) over ()) * 100 as pct_of_total
    from by_sku
)

select * from final
order by list_cost desc
