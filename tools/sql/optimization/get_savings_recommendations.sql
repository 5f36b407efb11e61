-- Savings and right-sizing recommendations over the last 30 days, each with an estimated monthly
-- saving at list price: idle all-purpose clusters, long auto-termination, jobs on all-purpose compute,
-- idle SQL warehouses (long auto-stop / oversized for night load), untagged spend, serverless candidates.
-- Assumptions: a month = the last 30 days; an idle hour costs the cluster's average hourly cost; jobs
-- compute costs the ratio of the account's jobs and all-purpose DBU prices; tagging trims 5 % of untagged
-- spend; serverless saves 25 % of short, frequent classic job runs (no cluster start-up).
-- Grain: one row per recommendation. Parameters: :category (null = all), :top_n.
with usage_daily as (
    select * from main.health_monitor.fact_usage_daily
    where usage_date >= date_sub(:as_of_date, 30) and usage_date < :as_of_date
),

warehouse_hourly as (
    select * from main.health_monitor.fact_warehouse_hourly
    where usage_date >= date_sub(:as_of_date, 30) and usage_date < :as_of_date
),

node_util as (
    select * from main.health_monitor.fact_node_util
    where usage_date >= date_sub(:as_of_date, 30) and usage_date < :as_of_date
),

runs as (
    select * from main.health_monitor.fact_job_run
    where run_date >= date_sub(:as_of_date, 30) and run_date < :as_of_date
),

clusters as (
    select * from main.health_monitor.dim_cluster where not coalesce(is_deleted, false)
),

warehouses as (
    select * from main.health_monitor.dim_warehouse where not coalesce(is_deleted, false)
),

jobs as (
    select * from main.health_monitor.dim_job where not coalesce(is_deleted, false)
),

workspace_daily as (
    select * from main.health_monitor.fact_workspace_daily
    where usage_date >= date_sub(:as_of_date, 30) and usage_date < :as_of_date
),

prices as (
    select
        try_divide(sum(case when sku_name like '%JOBS_COMPUTE%' and not is_serverless then list_cost end),
                   sum(case when sku_name like '%JOBS_COMPUTE%' and not is_serverless then dbus end))
            as jobs_price,
        try_divide(sum(case when sku_name like '%ALL_PURPOSE%' and not is_serverless then list_cost end),
                   sum(case when sku_name like '%ALL_PURPOSE%' and not is_serverless then dbus end))
            as all_purpose_price
    from usage_daily
),

cluster_cost as (
    select workspace_id, cluster_id, sum(list_cost) as list_cost
    from usage_daily
    where cluster_id is not null and job_id is null
    group by all
),

cluster_util as (
    select workspace_id, cluster_id, count(*) as hours_running,
           sum(case when avg_cpu_percent < 5 then 1 else 0 end) as idle_hours,
           avg(avg_cpu_percent) as avg_cpu_percent
    from node_util
    group by all
),

cluster_stats as (
    select
        c.workspace_id,
        c.workspace_name,
        c.cluster_id,
        c.cluster_name,
        c.auto_termination_minutes,
        coalesce(k.list_cost, 0) as list_cost,
        u.hours_running,
        u.idle_hours,
        u.avg_cpu_percent,
        try_divide(u.idle_hours, u.hours_running) as idle_share,
        try_divide(k.list_cost, u.hours_running) as cost_per_hour
    from clusters as c
    left join cluster_cost as k on c.workspace_id = k.workspace_id and c.cluster_id = k.cluster_id
    left join cluster_util as u on c.workspace_id = u.workspace_id and c.cluster_id = u.cluster_id
    where c.compute_kind = 'ALL_PURPOSE'
),

idle_clusters as (
    select
        'idle_cluster' as category,
        workspace_name,
        'cluster' as resource_type,
        cluster_name as resource_name,
        concat('Idle (CPU < 5 %) ', cast(round(idle_share * 100) as string), ' % of its ',
               cast(hours_running as string), ' running hours; auto-termination ',
               cast(auto_termination_minutes as string), ' min. Lower auto-termination to 20-30 min or '
               'move the work to jobs/serverless compute.') as recommendation,
        list_cost as list_cost_30d,
        list_cost * idle_share * 0.8 as estimated_monthly_saving
    from cluster_stats
    where idle_share >= 0.5 and list_cost > 0
),

long_auto_termination as (
    select
        'long_auto_termination' as category,
        workspace_name,
        'cluster' as resource_type,
        cluster_name as resource_name,
        concat('Auto-termination is ', cast(auto_termination_minutes as string),
               ' min; 30 min keeps sessions warm at a fraction of the idle tail.') as recommendation,
        list_cost as list_cost_30d,
        coalesce(cost_per_hour, 0) * (auto_termination_minutes - 30) / 60.0 * 30 as estimated_monthly_saving
    from cluster_stats
    where auto_termination_minutes > 60 and coalesce(idle_share, 0) < 0.5
),

run_compute as (
    -- one row per (run, compute id): an equi-join below instead of array_contains in the join
    select workspace_id, job_id, job_name, duration_seconds, explode(compute_ids) as cluster_id
    from runs
),

job_hours as (
    select r.workspace_id, r.job_id, any_value(r.job_name) as job_name, c.cluster_id,
           sum(r.duration_seconds) / 3600.0 as run_hours, count(*) as runs
    from run_compute as r
    inner join clusters as c
        on r.workspace_id = c.workspace_id and r.cluster_id = c.cluster_id and c.compute_kind = 'ALL_PURPOSE'
    group by all
),

jobs_on_all_purpose as (
    select
        'jobs_on_all_purpose' as category,
        s.workspace_name,
        'job' as resource_type,
        h.job_name as resource_name,
        concat('Runs on all-purpose cluster ', s.cluster_name, ' (', cast(h.runs as string), ' runs, ',
               cast(round(h.run_hours, 1) as string), ' h in 30 days). Jobs compute is billed at ',
               cast(round(p.jobs_price, 2) as string), ' instead of ', cast(round(p.all_purpose_price, 2) as string),
               ' USD/DBU.') as recommendation,
        h.run_hours * coalesce(s.cost_per_hour, 0) as list_cost_30d,
        h.run_hours * coalesce(s.cost_per_hour, 0) * (1 - coalesce(try_divide(p.jobs_price, p.all_purpose_price), 0.3))
            as estimated_monthly_saving
    from job_hours as h
    inner join cluster_stats as s on h.cluster_id = s.cluster_id and h.workspace_id = s.workspace_id
    cross join prices as p
),

warehouse_hours as (
    select
        h.workspace_id,
        h.warehouse_id,
        sum(h.list_cost) as list_cost,
        sum(case when h.statements = 0 then h.list_cost else 0 end) as idle_cost,
        sum(case when hour(h.usage_hour) < 6 then h.list_cost else 0 end) as night_cost,
        sum(case when hour(h.usage_hour) < 6 then h.statements else 0 end) as night_statements,
        count(*) as billed_hours,
        sum(case when h.statements = 0 then 1 else 0 end) as idle_hours
    from warehouse_hourly as h
    group by all
),

idle_warehouses as (
    select
        'warehouse_rightsizing' as category,
        w.workspace_name,
        'sql_warehouse' as resource_type,
        w.warehouse_name as resource_name,
        concat(w.warehouse_size, ' warehouse billed ', cast(h.idle_hours as string), ' of ',
               cast(h.billed_hours as string), ' hours with no statement; auto-stop ',
               cast(w.auto_stop_minutes as string), ' min; ', cast(h.night_statements as string),
               ' statements 00:00-06:00 UTC. Set auto-stop to 10 min and use a smaller size or '
               'scale to min 1 cluster at night.') as recommendation,
        h.list_cost as list_cost_30d,
        h.idle_cost * 0.8 + h.night_cost * 0.25 as estimated_monthly_saving
    from warehouse_hours as h
    inner join warehouses as w on h.workspace_id = w.workspace_id and h.warehouse_id = w.warehouse_id
    where w.auto_stop_minutes > 30 or h.idle_hours > 0.25 * h.billed_hours
),

untagged as (
    select
        'untagged_spend' as category,
        workspace_name,
        'workspace' as resource_type,
        workspace_name as resource_name,
        concat(cast(round(try_divide(sum(untagged_cost), sum(list_cost)) * 100) as string),
               ' % of spend carries no team/cost_center/project tag. Enforce tags with a compute policy '
               'so spend can be charged back.') as recommendation,
        sum(untagged_cost) as list_cost_30d,
        sum(untagged_cost) * 0.05 as estimated_monthly_saving
    from workspace_daily
    group by workspace_name
    having try_divide(sum(untagged_cost), sum(list_cost)) >= 0.2
),

job_costs as (
    select workspace_id, job_id, sum(list_cost) as list_cost from usage_daily
    where job_id is not null and not is_serverless
    group by all
),

serverless_candidates as (
    select
        'serverless_candidate' as category,
        any_value(r.workspace_name) as workspace_name,
        'job' as resource_type,
        any_value(r.job_name) as resource_name,
        concat(cast(count(*) as string), ' runs averaging ', cast(round(avg(r.duration_seconds) / 60.0, 1) as string),
               ' min on classic jobs compute: serverless jobs avoid the cluster start-up of every run.')
            as recommendation,
        any_value(c.list_cost) as list_cost_30d,
        any_value(c.list_cost) * 0.25 as estimated_monthly_saving
    from runs as r
    inner join job_costs as c on r.workspace_id = c.workspace_id and r.job_id = c.job_id
    where r.compute_type = 'JOBS_COMPUTE'
    group by r.workspace_id, r.job_id
    having count(*) >= 20 and avg(r.duration_seconds) < 900
),

recommendations as (
    select * from idle_clusters
    union all select * from long_auto_termination
    union all select * from jobs_on_all_purpose
    union all select * from idle_warehouses
    union all select * from untagged
    union all select * from serverless_candidates
),

ranked as (
    select *, row_number() over (order by estimated_monthly_saving desc, resource_name) as rn
    from recommendations
    where (:category is null or category = :category)
      and estimated_monthly_saving > 0
),

final as (
    select rn as rank, category, workspace_name, resource_type, resource_name, recommendation,
           list_cost_30d, estimated_monthly_saving
    from ranked
    where rn <= :top_n
)

select * from final
order by rank
