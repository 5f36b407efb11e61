-- purpose: the latest configuration of every cluster, with its kind (all-purpose vs job compute) and the GPUs of its
--          node types (from system.compute.node_types; null where that table is not readable).
-- grain:   one row per (workspace_id, cluster_id)
-- params:  none
-- depends: dim_workspace
with clusters as (
    select * from main.health_monitor_staging.compute__clusters
),

workspaces as (
    select workspace_id, workspace_name from main.health_monitor.dim_workspace
),

node_types as (
    select node_type, max(gpu_count) as gpu_count
    from main.health_monitor_staging.compute__node_types
    group by node_type
),

latest as (
    select *
    from clusters
    qualify row_number() over (partition by workspace_id, cluster_id order by change_time desc) = 1
),

final as (
    select
        latest.workspace_id,
        workspaces.workspace_name,
        latest.cluster_id,
        latest.cluster_name,
        latest.owned_by,
        latest.cluster_source,
        case
            when latest.cluster_source in ('UI', 'API') then 'ALL_PURPOSE'
            when latest.cluster_source = 'JOB' then 'JOB'
            when latest.cluster_source in ('PIPELINE', 'PIPELINE_MAINTENANCE') then 'PIPELINE'
            else latest.cluster_source
        end as compute_kind,
        latest.driver_node_type,
        latest.worker_node_type,
        cast(latest.worker_count as bigint) as worker_count,
        cast(latest.min_autoscale_workers as bigint) as min_autoscale_workers,
        cast(latest.max_autoscale_workers as bigint) as max_autoscale_workers,
        cast(latest.auto_termination_minutes as bigint) as auto_termination_minutes,
        cast(worker_nodes.gpu_count as bigint) as worker_gpu_count,
        cast(driver_nodes.gpu_count as bigint) as driver_gpu_count,
        latest.dbr_version,
        latest.tags,
        latest.tags['team'] as team,
        latest.create_time,
        latest.change_time,
        latest.delete_time is not null as is_deleted
    from latest
    left join workspaces
        on latest.workspace_id = workspaces.workspace_id
    left join node_types as worker_nodes
        on latest.worker_node_type = worker_nodes.node_type
    left join node_types as driver_nodes
        on latest.driver_node_type = driver_nodes.node_type
)

select * from final
