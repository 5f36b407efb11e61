-- The most expensive jobs between two dates, with runs, failed runs and cost per run over the same days
-- (so "11 runs, 3 failed" counts the window the question asked about). Grain: one row per job. A job
-- whose runs carry no billed cost (all-purpose compute bills the cluster) says so in cost_note.
-- Parameters: :start_date, :end_date, :workspace (id or name), :job_name (name or id: that job's cost even
-- when it is not among the most expensive), :top_n.
with job_daily as (
    select * from main.health_monitor.fact_job_daily
    where run_date between :start_date and :end_date
      and (:workspace is null or workspace_id = :workspace or lower(workspace_name) = lower(:workspace))
      and (:job_name is null or job_id = :job_name or lower(job_name) = lower(:job_name))
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
        -- runs with no cost billed to the job ran on all-purpose compute, billed to the cluster: not measured, not $0
        case when list_cost > 0 or runs = 0 then list_cost end as list_cost,
        runs,
        failed_runs,
        case when list_cost > 0 then try_divide(list_cost, runs) end as list_cost_per_run,
        case when list_cost = 0 and runs > 0
             then 'cost not measured per job: its runs used all-purpose compute, which billing charges to the cluster'
        end as cost_note
    from ranked
    where rn <= :top_n
)

select * from final
order by rank
