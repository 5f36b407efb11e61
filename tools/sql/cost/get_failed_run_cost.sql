-- What failed job runs cost between two dates: the billed usage of each failed run (billing's
-- usage_metadata.job_run_id), summed per job, beside what all its runs cost in the same days.
-- Grain: one row per job with a failed run. Runs on all-purpose compute bill the cluster, not the run:
-- their cost is not measured here and cost_note says so. Parameters: :start_date, :end_date,
-- :workspace (id or name), :job_name (name or id).
with failed as (
    select * from main.health_monitor.fact_job_run
    where run_date between :start_date and :end_date
      and is_failure
      and (:workspace is null or workspace_id = :workspace or lower(workspace_name) = lower(:workspace))
      and (:job_name is null or job_id = :job_name or lower(job_name) = lower(:job_name))
),

run_cost as (
    select job_id, job_run_id, sum(list_cost) as list_cost
    from main.health_monitor.fact_usage
    where usage_date between date_sub(:start_date, 1) and date_add(:end_date, 1)
      and job_run_id is not null
    group by job_id, job_run_id
),

job_cost as (
    select job_id, sum(list_cost) as all_runs_cost
    from main.health_monitor.fact_job_daily
    where run_date between :start_date and :end_date
    group by job_id
),

by_job as (
    select
        failed.workspace_name,
        failed.job_id,
        any_value(failed.job_name) as job_name,
        count(*) as failed_runs,
        count(run_cost.job_run_id) as priced_runs,
        sum(run_cost.list_cost) as failed_cost,
        max(failed.start_time) as last_failure,
        max_by(failed.error_message, failed.start_time) as last_error
    from failed
    left join run_cost
        on run_cost.job_id = failed.job_id and run_cost.job_run_id = failed.run_id
    group by failed.workspace_name, failed.job_id
),

final as (
    select
        by_job.workspace_name,
        by_job.job_id,
        by_job.job_name,
        by_job.failed_runs,
        by_job.failed_cost,
        job_cost.all_runs_cost,
        try_divide(by_job.failed_cost, job_cost.all_runs_cost) as failed_share,
        by_job.last_failure,
        by_job.last_error,
        case when by_job.priced_runs < by_job.failed_runs
             then concat(cast(by_job.failed_runs - by_job.priced_runs as string), ' failed run(s) carry no billed cost of ',
                         'their own (all-purpose compute bills the cluster): not measured')
        end as cost_note
    from by_job
    left join job_cost on job_cost.job_id = by_job.job_id
)

select * from final
order by failed_cost desc nulls last, failed_runs desc, job_name
