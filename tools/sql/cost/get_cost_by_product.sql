-- Cost per billing product (JOBS, SQL, ALL_PURPOSE, MODEL_SERVING, DLT, ...) and serverless flag.
-- Grain: one row per product x is_serverless. Parameters: :start_date, :end_date.
with usage_daily as (
    select * from main.health_monitor.fact_usage_daily
    where usage_date between :start_date and :end_date
),

by_product as (
    select
        billing_origin_product,
        is_serverless,
        sum(list_cost) as list_cost,
        sum(dbus) as dbus
    from usage_daily
    group by all
),

final as (
    select *, try_divide(list_cost, sum(list_cost) over ()) * 100 as pct_of_total
    from by_product
)

select * from final
order by list_cost desc
