-- purpose: the latest configuration of every SQL warehouse (size, auto-stop, scaling).
-- grain:   one row per (workspace_id, warehouse_id)
-- params:  none
-- depends: dim_workspace
with warehouses as (
    select * from main.health_monitor_staging.compute__warehouses
),

workspaces as (
    select workspace_id, workspace_name from main.health_monitor.dim_workspace
),

latest as (
    select *
    from warehouses
    qualify row_number() over (partition by workspace_id, warehouse_id order by change_time desc) = 1
),

final as (
    select
        latest.workspace_id,
        workspaces.workspace_name,
        latest.warehouse_id,
        latest.warehouse_name,
        latest.warehouse_type,
        latest.warehouse_size,
        latest.warehouse_channel,
        cast(latest.min_clusters as bigint) as min_clusters,
        cast(latest.max_clusters as bigint) as max_clusters,
        cast(latest.auto_stop_minutes as bigint) as auto_stop_minutes,
        latest.tags,
        latest.change_time,
        latest.delete_time is not null as is_deleted
    from latest
    left join workspaces
        on latest.workspace_id = workspaces.workspace_id
)

select * from final
