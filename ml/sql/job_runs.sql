-- Job-run features: one row per job run that started before the data's instant, with the job's SLA.
-- The rolling statistics (time-decayed failure rate, duration level) are computed in Python from
-- these rows in start-time order, so a cutoff can slice rows without leaking the future. Only the
-- columns the models read come back, and the error text only for failed runs (it is the bulk).
-- grain: (workspace_id, job_id, run_id). parameters: :as_of (timestamp)
with runs as (
    select workspace_id, workspace_name, job_id, job_name, run_id, start_time, duration_seconds,
           result_state, is_failure, is_sla_breach, sla_seconds, error_message
    from main.health_monitor.fact_job_run
    where start_time < :as_of
      and start_time is not null
      and result_state is not null
),

jobs as (
    select workspace_id, job_id, sla_seconds as job_sla_seconds
    from main.health_monitor.dim_job
),

final as (
    select
        runs.workspace_id,
        runs.workspace_name,
        runs.job_id,
        runs.job_name,
        runs.run_id,
        runs.start_time,
        cast(runs.duration_seconds as double) as duration_seconds,
        runs.result_state,
        coalesce(runs.is_failure, false) as is_failure,
        -- NULL when not measured (no SLA, no duration): unknown, not "inside the SLA"
        runs.is_sla_breach,
        cast(coalesce(runs.sla_seconds, jobs.job_sla_seconds) as double) as sla_seconds,
        case when runs.is_failure then runs.error_message end as error_message
    from runs
    left join jobs
        on runs.workspace_id = jobs.workspace_id and runs.job_id = jobs.job_id
)

select * from final
