-- Bottleneck features: one row per cluster and day: hours above 90 % CPU, mean and peak CPU and
-- memory (from hourly node utilisation).
-- grain: cluster_id x usage_date. parameters: :as_of (timestamp)
with hourly as (
    select workspace_id, cluster_id, cluster_name, usage_date, hour, avg_cpu_percent, max_cpu_percent,
           avg_mem_percent, max_mem_percent
    from main.health_monitor.fact_node_util
    where hour < :as_of
),

final as (
    select
        workspace_id,
        cluster_id,
        max(cluster_name) as cluster_name,
        usage_date,
        count(*) as hours,
        count_if(max_cpu_percent > 90) as hot_hours,
        avg(avg_cpu_percent) as avg_cpu,
        max(max_cpu_percent) as peak_cpu,
        avg(avg_mem_percent) as avg_mem,
        max(max_mem_percent) as peak_mem
    from hourly
    group by workspace_id, cluster_id, usage_date
)

select * from final
