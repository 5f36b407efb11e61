-- Mean time between job failures and mean time to recover (failure to the job's next success)
-- per workspace over the last :days days.
-- Grain: one row per workspace. Parameters: :workspace (id or name), :days.
with runs as (
    select *, :days * 24.0 as window_hours
    from main.health_monitor.fact_job_run
    where run_date >= date_sub(:as_of_date, :days)
      and end_time is not null
      and (:workspace is null or workspace_id = :workspace or lower(workspace_name) = lower(:workspace))
),

sequenced as (
    select
        *,
        min(case when is_success then end_time end) over (
            partition by workspace_id, job_id order by end_time
            rows between 1 following and unbounded following
        ) as next_success_time
    from runs
),

final as (
    select
        workspace_name,
        count(*) as runs,
        sum(case when is_failure then 1 else 0 end) as failures,
        try_divide(max(window_hours), sum(case when is_failure then 1 else 0 end)) as mtbf_hours,
        avg(case when is_failure and next_success_time is not null
                 then (unix_seconds(next_success_time) - unix_seconds(end_time)) / 60.0 end) as mttr_minutes,
        try_divide(sum(case when is_success then 1 else 0 end), count(*)) * 100 as success_rate_pct
    from sequenced
    group by workspace_name
)

select * from final
order by failures desc
