-- Auto-termination of all-purpose clusters and auto-stop of SQL warehouses, longest first, with
-- their 30-day cost (long idle tails are a common waste).
-- Grain: one row per cluster or warehouse. Parameters: none.
with clusters as (
    select * from main.health_monitor.dim_cluster
    where compute_kind = 'ALL_PURPOSE' and not coalesce(is_deleted, false)
),

warehouses as (
    select * from main.health_monitor.dim_warehouse where not coalesce(is_deleted, false)
),

cost as (
    select workspace_id, coalesce(warehouse_id, cluster_id) as resource_id, sum(list_cost) as list_cost
    from main.health_monitor.fact_usage_daily
    where usage_date >= date_sub(:as_of_date, 30)
      and (warehouse_id is not null or cluster_id is not null)
    group by all
),

resources as (
    select workspace_id, workspace_name, 'cluster' as resource_type, cluster_id as resource_id,
           cluster_name as resource_name, auto_termination_minutes as idle_minutes_before_stop
    from clusters
    union all
    select workspace_id, workspace_name, 'sql_warehouse', warehouse_id, warehouse_name, auto_stop_minutes
    from warehouses
),

final as (
    select
        r.workspace_name,
        r.resource_type,
        r.resource_name,
        r.idle_minutes_before_stop,
        case
            when r.idle_minutes_before_stop is null or r.idle_minutes_before_stop = 0 then 'never stops'
            when r.idle_minutes_before_stop > 60 then 'long'
            else 'ok'
        end as assessment,
        coalesce(c.list_cost, 0) as list_cost_30d
    from resources as r
    left join cost as c on r.workspace_id = c.workspace_id and r.resource_id = c.resource_id
)

select * from final
order by idle_minutes_before_stop desc, list_cost_30d desc
