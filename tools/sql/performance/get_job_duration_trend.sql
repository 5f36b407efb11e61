-- Daily runs, failures and duration of one job (or all jobs) over the last :days days.
-- Grain: one row per run_date x job. Parameters: :job_name (name or id), :days.
with job_daily as (
    select * from main.health_monitor.fact_job_daily
    where run_date >= date_sub(:as_of_date, :days)
      and (:job_name is null or job_id = :job_name or lower(job_name) = lower(:job_name))
),

final as (
    select run_date, workspace_name, job_id, job_name, runs, succeeded, failed, sla_breaches,
           avg_duration_seconds, max_duration_seconds, list_cost
    from job_daily
)

select * from final
order by run_date desc, job_name
