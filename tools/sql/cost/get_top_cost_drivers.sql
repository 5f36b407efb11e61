-- The biggest cost items of one day (a job, cluster, warehouse, endpoint or other product usage),
-- with the item's trailing 7-day average and the change against it.
-- Grain: one row per workspace x driver x sku. Parameters: :date, :top_n.
with usage_daily as (
    select * from main.health_monitor.fact_usage_daily
    where usage_date between date_sub(:date, 7) and :date
),

clusters as (
    select workspace_id, cluster_id, cluster_name from main.health_monitor.dim_cluster
),

warehouses as (
    select workspace_id, warehouse_id, warehouse_name from main.health_monitor.dim_warehouse
),

drivers as (
    select
        u.usage_date,
        u.workspace_id,
        u.workspace_name,
        u.sku_name,
        u.billing_origin_product,
        case
            when u.job_id is not null then 'job'
            when u.endpoint_name is not null then 'endpoint'
            when u.warehouse_id is not null then 'warehouse'
            when u.cluster_id is not null then 'cluster'
            else 'other'
        end as driver_type,
        coalesce(u.job_name, u.job_id, u.endpoint_name, w.warehouse_name, u.warehouse_id, c.cluster_name,
                 u.cluster_id, u.billing_origin_product) as driver_name,
        coalesce(u.job_id, u.endpoint_name, u.warehouse_id, u.cluster_id) as driver_id,
        u.list_cost,
        u.dbus as usage_quantity,
        u.usage_date = :date as is_day
    from usage_daily as u
    left join clusters as c on u.workspace_id = c.workspace_id and u.cluster_id = c.cluster_id
    left join warehouses as w on u.workspace_id = w.workspace_id and u.warehouse_id = w.warehouse_id
),

by_driver as (
    select
        workspace_id,
        workspace_name,
        driver_type,
        driver_name,
        driver_id,
        sku_name,
        billing_origin_product,
        sum(case when is_day then list_cost else 0 end) as list_cost,
        sum(case when is_day then usage_quantity else 0 end) as dbus,
        sum(case when is_day then 0 else list_cost end) / 7 as baseline_cost
    from drivers
    group by all
),

ranked as (
    select *, row_number() over (order by list_cost desc, driver_name) as rn
    from by_driver
    where list_cost > 0
),

final as (
    select
        rn as rank,
        workspace_id,
        workspace_name,
        driver_type,
        driver_name,
        driver_id,
        sku_name,
        billing_origin_product,
        list_cost,
        dbus,
        baseline_cost,
        list_cost - baseline_cost as delta_cost,
        try_divide(list_cost - baseline_cost, baseline_cost) * 100 as pct_change
    from ranked
    where rn <= :top_n
)

select * from final
order by rank
