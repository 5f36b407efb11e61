-- purpose: one row per task run rolled up from the sliced task timeline.
-- grain:   one row per (workspace_id, job_id, job_run_id, task run_id)
-- params:  none
-- depends: dim_job
with timeline as (
    select * from main.health_monitor_staging.lakeflow__job_task_run_timeline
),

jobs as (
    select workspace_id, job_id, job_name from main.health_monitor.dim_job
),

spans as (
    select
        workspace_id,
        job_id,
        job_run_id,
        run_id,
        min(task_key) as task_key,
        min(period_start_time) as start_time,
        max(period_end_time) as end_time
    from timeline
    group by workspace_id, job_id, job_run_id, run_id
),

final_state as (
    select workspace_id, job_id, job_run_id, run_id, result_state, termination_code, compute_ids
    from timeline
    where result_state is not null
    qualify row_number() over (
        partition by workspace_id, job_id, job_run_id, run_id order by period_end_time desc
    ) = 1
),

final as (
    select
        spans.workspace_id,
        spans.job_id,
        jobs.job_name,
        spans.job_run_id,
        spans.run_id as task_run_id,
        spans.task_key,
        spans.start_time,
        spans.end_time,
        cast(spans.start_time as date) as run_date,
        cast(unix_seconds(spans.end_time) - unix_seconds(spans.start_time) as bigint) as duration_seconds,
        final_state.result_state,
        final_state.termination_code,
        coalesce(final_state.result_state in ('FAILED', 'ERROR', 'TIMED_OUT'), false) as is_failure,
        final_state.compute_ids
    from spans
    left join final_state
        on spans.workspace_id = final_state.workspace_id
        and spans.job_id = final_state.job_id
        and spans.job_run_id = final_state.job_run_id
        and spans.run_id = final_state.run_id
    left join jobs
        on spans.workspace_id = jobs.workspace_id
        and spans.job_id = jobs.job_id
)

select * from final
