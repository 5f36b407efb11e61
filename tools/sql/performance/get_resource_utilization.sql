-- CPU and memory of each cluster between :start_date and :end_date (default the last 7 days) and yesterday (hours
-- whose CPU peaked at 90 % or more). Grain: one row per cluster. Parameters: :workspace (id or name), :start_date,
-- :end_date.
with workspaces as (
    select * from main.health_monitor.dim_workspace
),

node_util as (
    select u.*, w.workspace_name, u.usage_date = date_sub(:as_of_date, 1) as is_yesterday
    from main.health_monitor.fact_node_util as u
    left join workspaces as w on u.workspace_id = w.workspace_id
    where u.usage_date between :start_date and :end_date
      and (:workspace is null or u.workspace_id = :workspace or lower(w.workspace_name) = lower(:workspace))
),

final as (
    select
        workspace_name,
        cluster_id,
        any_value(cluster_name) as cluster_name,
        count(*) as hours_running,
        avg(avg_cpu_percent) as avg_cpu_percent,
        max(max_cpu_percent) as max_cpu_percent,
        avg(avg_mem_percent) as avg_mem_percent,
        max(max_mem_percent) as max_mem_percent,
        sum(case when max_cpu_percent >= 90 then 1 else 0 end) as hours_cpu_over_90,
        -- null when the period asked ends before yesterday (a past week says nothing of yesterday)
        case when :end_date >= date_sub(:as_of_date, 1)
             then sum(case when max_cpu_percent >= 90 and is_yesterday then 1 else 0 end) end
            as hours_cpu_over_90_yesterday,
        sum(case when avg_cpu_percent < 5 then 1 else 0 end) as hours_cpu_under_5
    from node_util
    group by workspace_name, cluster_id
)

select * from final
order by hours_cpu_over_90 desc, avg_cpu_percent desc
