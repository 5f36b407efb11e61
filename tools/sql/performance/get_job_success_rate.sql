-- Success rate of each job over the last :days days up to :end_date (not before :start_date), worst first.
-- Grain: one row per job. Parameters: :days, :start_date, :end_date.
with job_daily as (
    select * from main.health_monitor.fact_job_daily
    where run_date >= greatest(date_sub(:end_date, :days), :start_date)
      and run_date <= :end_date
),

final as (
    select
        workspace_name,
        job_id,
        any_value(job_name) as job_name,
        sum(runs) as runs,
        sum(succeeded) as succeeded,
        sum(failed) as failed,
        try_divide(sum(succeeded), sum(runs)) * 100 as success_rate_pct,
        try_divide(sum(failed), sum(runs)) * 100 as failure_rate_pct,
        sum(sla_breaches) as sla_breaches,
        try_divide(sum(avg_duration_seconds * runs), sum(runs)) as avg_duration_seconds
    from job_daily
    group by workspace_name, job_id
)

select * from final
order by failure_rate_pct desc, failed desc, job_name
