-- The most expensive jobs between two dates, with runs, failed runs and cost per run over the same days
-- (so "11 runs, 3 failed" counts the window the question asked about). Grain: one row per job.
-- Parameters: :start_date, :end_date, :workspace (id or name), :top_n.
with job_daily as (
    select * from main.health_monitor.fact_job_daily
    where run_date between :start_date and :end_date
      and (:workspace is null or workspace_id = :workspace or lower(workspace_name) = lower(:workspace))
),

by_job as (
    select
        workspace_name,
        job_id,
        any_value(job_name) as job_name,
        sum(list_cost) as list_cost,
        sum(runs) as runs,
        sum(failed) as failed_runs
    from job_daily
    group by all
),

ranked as (
    select *, row_number() over (order by list_cost desc, job_id) as rn from by_job
),

final as (
    select
        rn as rank,
        workspace_name,
        job_id,
        job_name,
        list_cost,
        runs,
        failed_runs,
        try_divide(list_cost, runs) as list_cost_per_run
    from ranked
    where rn <= :top_n
)

select * from final
order by rank
