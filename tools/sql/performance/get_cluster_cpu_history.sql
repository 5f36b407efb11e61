-- Hourly CPU and memory of one cluster (or the busiest) over the last :hours hours.
-- Grain: one row per cluster x hour. Parameters: :cluster (id or name), :hours.
with node_util as (
    select * from main.health_monitor.fact_node_util
    where usage_date >= cast(timestampadd(HOUR, -:hours, :as_of) as date)
      and hour >= timestampadd(HOUR, -:hours, :as_of)
      and (:cluster is null or cluster_id = :cluster or lower(cluster_name) = lower(:cluster))
),

final as (
    select hour, cluster_id, cluster_name, instances, avg_cpu_percent, max_cpu_percent, avg_mem_percent,
           max_mem_percent
    from node_util
)

select * from final
order by hour desc, avg_cpu_percent desc
