-- The clusters that exist, GPU clusters first: owner, kind, node types and their GPUs, size, auto-termination and
-- runtime. GPUs come from system.compute.node_types (has_gpu is null where that table is not readable).
-- Grain: one row per cluster. Parameters: :workspace (name or id), :compute ('gpu', 'all_purpose', 'job' or null).
with clusters as (
    select * from main.health_monitor.dim_cluster
    where not coalesce(is_deleted, false)
      and (:workspace is null or lower(workspace_name) = lower(:workspace) or workspace_id = :workspace)
),

final as (
    select
        workspace_name,
        cluster_name,
        lower(compute_kind) as compute_kind,
        owned_by,
        driver_node_type,
        worker_node_type,
        worker_gpu_count as gpus_per_worker,
        case
            when worker_gpu_count is null and driver_gpu_count is null then null
            else coalesce(worker_gpu_count, 0) + coalesce(driver_gpu_count, 0) > 0
        end as has_gpu,
        case
            when max_autoscale_workers is not null
                then concat(cast(coalesce(min_autoscale_workers, 0) as string), '-',
                            cast(max_autoscale_workers as string))
            else cast(worker_count as string)
        end as workers,
        case
            when compute_kind = 'JOB' then null  -- a job cluster ends with its run
            when coalesce(auto_termination_minutes, 0) = 0 then 'never auto-terminates'
            else concat('auto-terminates after ', cast(auto_termination_minutes as string), ' min')
        end as auto_termination,
        dbr_version,
        create_time as created
    from clusters
)

select * from final
where :compute is null
   or (:compute = 'gpu' and has_gpu)
   or (:compute = 'all_purpose' and compute_kind = 'all_purpose')
   or (:compute = 'job' and compute_kind = 'job')
order by coalesce(has_gpu, false) desc, workspace_name, cluster_name
