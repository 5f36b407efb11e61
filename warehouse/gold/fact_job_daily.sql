-- purpose: per job and day: runs, outcomes, SLA breaches, durations and list cost (usage with job_id).
-- grain:   run_date x (workspace_id, job_id)
-- params:  none
-- depends: fact_job_run, fact_usage_daily, dim_job
with job_runs as (
    select * from main.health_monitor.fact_job_run
),

usage_daily as (
    select usage_date, workspace_id, job_id, list_cost
    from main.health_monitor.fact_usage_daily
    where job_id is not null
),

jobs as (
    select workspace_id, workspace_name, job_id, job_name from main.health_monitor.dim_job
),

run_stats as (
    select
        run_date,
        workspace_id,
        job_id,
        count(distinct run_id) as runs,
        count(distinct case when is_success then run_id end) as succeeded,
        count(distinct case when is_failure then run_id end) as failed,
        count(distinct case when is_sla_breach then run_id end) as sla_breaches,
        count(is_sla_breach) as sla_measured_runs,
        avg(cast(duration_seconds as double)) as avg_duration_seconds,
        max(duration_seconds) as max_duration_seconds
    from job_runs
    group by run_date, workspace_id, job_id
),

job_costs as (
    select usage_date as run_date, workspace_id, job_id, sum(list_cost) as list_cost
    from usage_daily
    group by usage_date, workspace_id, job_id
),

keys as (
    select run_date, workspace_id, job_id from run_stats
    union
    select run_date, workspace_id, job_id from job_costs
),

final as (
    select
        keys.run_date,
        keys.workspace_id,
        jobs.workspace_name,
        keys.job_id,
        jobs.job_name,
        cast(coalesce(run_stats.runs, 0) as bigint) as runs,
        cast(coalesce(run_stats.succeeded, 0) as bigint) as succeeded,
        cast(coalesce(run_stats.failed, 0) as bigint) as failed,
        -- NULL (not measured) for a job without a duration health rule; 0 means measured, none
        cast(case when run_stats.sla_measured_runs > 0 then run_stats.sla_breaches end as bigint) as sla_breaches,
        run_stats.avg_duration_seconds,
        cast(run_stats.max_duration_seconds as bigint) as max_duration_seconds,
        coalesce(job_costs.list_cost, 0.0) as list_cost
    from keys
    left join run_stats
        on keys.run_date = run_stats.run_date
        and keys.workspace_id = run_stats.workspace_id
        and keys.job_id = run_stats.job_id
    left join job_costs
        on keys.run_date = job_costs.run_date
        and keys.workspace_id = job_costs.workspace_id
        and keys.job_id = job_costs.job_id
    left join jobs
        on keys.workspace_id = jobs.workspace_id
        and keys.job_id = jobs.job_id
)

select * from final
