-- Where a job's time goes over the last 30 days: per task, runs, duration (avg, p95, max), failures,
-- share of the job's run time, and the CPU pressure of the clusters it ran on.
-- Grain: one row per job x task (top 50 by total time). Parameters: :job_name (name or id).
with tasks as (
    select * from main.health_monitor.fact_task_run
    where run_date >= date_sub(:as_of_date, 30)
      and (:job_name is null or job_id = :job_name or lower(job_name) = lower(:job_name))
),

node_util as (
    select * from main.health_monitor.fact_node_util
    where usage_date >= date_sub(:as_of_date, 30)
),

task_compute_all as (
    select job_id, task_key, explode(compute_ids) as compute_id
    from tasks
),

task_compute as (
    select distinct job_id, task_key, compute_id from task_compute_all
),

cluster_pressure as (
    select
        cluster_id,
        any_value(cluster_name) as cluster_name,
        max(max_cpu_percent) as max_cpu_percent,
        sum(case when max_cpu_percent >= 90 then 1 else 0 end) as hours_cpu_over_90
    from node_util
    group by cluster_id
),

task_pressure as (
    select
        t.job_id,
        t.task_key,
        max_by(p.cluster_name, p.hours_cpu_over_90) as busiest_cluster,
        max(p.max_cpu_percent) as max_cpu_percent,
        max(p.hours_cpu_over_90) as hours_cpu_over_90
    from task_compute as t
    inner join cluster_pressure as p on t.compute_id = p.cluster_id
    group by all
),

task_stats as (
    select
        job_id,
        any_value(job_name) as job_name,
        task_key,
        count(*) as runs,
        avg(duration_seconds) as avg_duration_seconds,
        percentile_approx(duration_seconds, 0.95) as p95_duration_seconds,
        max(duration_seconds) as max_duration_seconds,
        sum(duration_seconds) as total_duration_seconds,
        sum(case when is_failure then 1 else 0 end) as failures
    from tasks
    group by job_id, task_key
),

ranked as (
    select
        s.*,
        try_divide(s.total_duration_seconds, sum(s.total_duration_seconds) over (partition by s.job_id)) * 100
            as pct_of_job_time,
        p.busiest_cluster,
        p.max_cpu_percent,
        p.hours_cpu_over_90,
        row_number() over (order by s.total_duration_seconds desc, s.job_id, s.task_key) as rn
    from task_stats as s
    left join task_pressure as p on s.job_id = p.job_id and s.task_key = p.task_key
),

final as (
    select job_id, job_name, task_key, runs, avg_duration_seconds, p95_duration_seconds, max_duration_seconds,
           total_duration_seconds, pct_of_job_time, failures, busiest_cluster, max_cpu_percent, hours_cpu_over_90
    from ranked
    where rn <= 50
)

select * from final
order by total_duration_seconds desc
