-- All-purpose clusters and how idle they are over the last :days days: running hours, hours below
-- 5 % CPU, average CPU, auto-termination and cost; idlest first.
-- Grain: one row per all-purpose cluster. Parameters: :days.
with clusters as (
    select * from main.health_monitor.dim_cluster
    where compute_kind = 'ALL_PURPOSE' and not coalesce(is_deleted, false)
),

node_util as (
    select workspace_id, cluster_id, count(*) as hours_running,
           sum(case when avg_cpu_percent < 5 then 1 else 0 end) as idle_hours,
           avg(avg_cpu_percent) as avg_cpu_percent
    from main.health_monitor.fact_node_util
    where usage_date >= date_sub(:as_of_date, :days)
    group by all
),

cost as (
    select workspace_id, cluster_id, sum(list_cost) as list_cost
    from main.health_monitor.fact_usage_daily
    where usage_date >= date_sub(:as_of_date, :days) and cluster_id is not null
    group by all
),

final as (
    select
        c.workspace_name,
        c.cluster_id,
        c.cluster_name,
        c.owned_by,
        c.auto_termination_minutes,
        coalesce(u.hours_running, 0) as hours_running,
        coalesce(u.idle_hours, 0) as idle_hours,
        try_divide(u.idle_hours, u.hours_running) * 100 as idle_pct,
        u.avg_cpu_percent,
        coalesce(k.list_cost, 0) as list_cost
    from clusters as c
    left join node_util as u on c.workspace_id = u.workspace_id and c.cluster_id = u.cluster_id
    left join cost as k on c.workspace_id = k.workspace_id and c.cluster_id = k.cluster_id
)

select * from final
order by idle_pct desc nulls last, list_cost desc
