-- Cost of one workspace (or all) split by product and SKU over a date range.
-- Grain: one row per workspace x product x sku. Parameters: :workspace_id (id or name), :start_date, :end_date.
with usage_daily as (
    select * from main.health_monitor.fact_usage_daily
    where usage_date between :start_date and :end_date
      and (:workspace_id is null or workspace_id = :workspace_id
           or lower(workspace_name) = lower(:workspace_id))
),

by_sku as (
    select
        workspace_id,
        workspace_name,
        billing_origin_product,
        sku_name,
        sum(dbus) as dbus,
        sum(list_cost) as list_cost
    from usage_daily
    group by all
),

final as (
    select
        *,
        try_divide(list_cost, sum(list_cost) over (partition by workspace_id)) * 100 as pct_of_workspace
    from by_sku
)

select * from final
order by workspace_name, list_cost desc
