-- purpose: hourly CPU (user + system) and memory utilisation per cluster, across its nodes, and
--          across its workers only (the driver idles while workers are saturated: the bottleneck view).
-- grain:   one row per (workspace_id, cluster_id, hour)
-- params:  none
-- depends: dim_cluster
with node_timeline as (
    select * from main.health_monitor_staging.compute__node_timeline
),

clusters as (
    select workspace_id, cluster_id, cluster_name from main.health_monitor.dim_cluster
),

hourly as (
    select
        workspace_id,
        cluster_id,
        date_trunc('HOUR', start_time) as hour,
        count(distinct instance_id) as instances,
        count(*) as samples,
        avg(coalesce(cpu_user_percent, 0.0) + coalesce(cpu_system_percent, 0.0)) as avg_cpu_percent,
        max(coalesce(cpu_user_percent, 0.0) + coalesce(cpu_system_percent, 0.0)) as max_cpu_percent,
        avg(
            case when not driver then coalesce(cpu_user_percent, 0.0) + coalesce(cpu_system_percent, 0.0) end
        ) as avg_worker_cpu_percent,
        avg(mem_used_percent) as avg_mem_percent,
        max(mem_used_percent) as max_mem_percent
    from node_timeline
    group by workspace_id, cluster_id, date_trunc('HOUR', start_time)
),

final as (
    select
        hourly.workspace_id,
        hourly.cluster_id,
        clusters.cluster_name,
        hourly.hour,
        cast(hourly.hour as date) as usage_date,
        hourly.instances,
        hourly.samples,
        hourly.avg_cpu_percent,
        hourly.max_cpu_percent,
        hourly.avg_worker_cpu_percent,
        hourly.avg_mem_percent,
        hourly.max_mem_percent
    from hourly
    left join clusters
        on hourly.workspace_id = clusters.workspace_id
        and hourly.cluster_id = clusters.cluster_id
)

select * from final
