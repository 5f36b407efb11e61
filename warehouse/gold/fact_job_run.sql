-- purpose: one row per job run rolled up from the sliced run timeline: start, end, wall duration,
--          final state, retries, the failure message (audit jobs/runFailed), SLA breach, compute type.
-- grain:   one row per (workspace_id, job_id, run_id)
-- params:  none
-- depends: dim_workspace, dim_job, dim_cluster
with timeline as (
    select * from main.health_monitor_staging.lakeflow__job_run_timeline
),

audit as (
    select * from main.health_monitor_staging.access__audit
),

workspaces as (
    select workspace_id, workspace_name from main.health_monitor.dim_workspace
),

jobs as (
    select workspace_id, job_id, job_name, sla_seconds, run_as_user_name
    from main.health_monitor.dim_job
),

clusters as (
    select workspace_id, cluster_id, compute_kind from main.health_monitor.dim_cluster
),

run_span as (
    select
        workspace_id,
        job_id,
        run_id,
        min(period_start_time) as start_time,
        max(period_end_time) as end_time
    from timeline
    group by workspace_id, job_id, run_id
),

terminal_slices as (
    select
        workspace_id,
        job_id,
        run_id,
        result_state,
        termination_code,
        run_name,
        run_type,
        trigger_type,
        compute_ids,
        try_element_at(compute, 1).type as compute_kind_reported,
        coalesce(try_element_at(compute, 1).cluster_id, try_element_at(compute_ids, 1)) as cluster_id,
        try_element_at(compute, 1).warehouse_id as warehouse_id,
        count(*) over (partition by workspace_id, job_id, run_id) as attempts,
        row_number() over (partition by workspace_id, job_id, run_id order by period_end_time desc) as rn
    from timeline
    where result_state is not null
),

final_state as (
    select * from terminal_slices where rn = 1
),

first_slice as (
    select workspace_id, job_id, run_id, run_name, run_type, trigger_type, compute_ids,
        try_element_at(compute, 1).type as compute_kind_reported,
        coalesce(try_element_at(compute, 1).cluster_id, try_element_at(compute_ids, 1)) as cluster_id,
        try_element_at(compute, 1).warehouse_id as warehouse_id
    from timeline
    qualify row_number() over (partition by workspace_id, job_id, run_id order by period_start_time) = 1
),

failure_messages as (
    select
        workspace_id,
        coalesce(request_params['runId'], request_params['run_id']) as run_id,
        max_by(
            coalesce(response.error_message, request_params['errorMessage'], request_params['error_message']),
            event_time
        ) as error_message
    from audit
    where service_name = 'jobs'
        and action_name = 'runFailed'
    group by workspace_id, coalesce(request_params['runId'], request_params['run_id'])
),

runs as (
    select
        run_span.workspace_id,
        run_span.job_id,
        run_span.run_id,
        coalesce(final_state.run_name, first_slice.run_name) as run_name,
        coalesce(final_state.run_type, first_slice.run_type) as run_type,
        coalesce(final_state.trigger_type, first_slice.trigger_type) as trigger_type,
        run_span.start_time,
        run_span.end_time,
        unix_seconds(run_span.end_time) - unix_seconds(run_span.start_time) as duration_seconds,
        final_state.result_state,
        final_state.termination_code,
        coalesce(final_state.attempts, 0) as attempts,
        coalesce(final_state.compute_ids, first_slice.compute_ids) as compute_ids,
        coalesce(final_state.compute_kind_reported, first_slice.compute_kind_reported) as compute_kind_reported,
        coalesce(final_state.cluster_id, first_slice.cluster_id) as cluster_id,
        coalesce(final_state.warehouse_id, first_slice.warehouse_id) as warehouse_id
    from run_span
    left join final_state
        on run_span.workspace_id = final_state.workspace_id
        and run_span.job_id = final_state.job_id
        and run_span.run_id = final_state.run_id
    left join first_slice
        on run_span.workspace_id = first_slice.workspace_id
        and run_span.job_id = first_slice.job_id
        and run_span.run_id = first_slice.run_id
),

final as (
    select
        runs.workspace_id,
        workspaces.workspace_name,
        runs.job_id,
        jobs.job_name,
        runs.run_id,
        runs.run_name,
        runs.run_type,
        runs.trigger_type,
        runs.start_time,
        runs.end_time,
        cast(runs.start_time as date) as run_date,
        cast(runs.duration_seconds as bigint) as duration_seconds,
        runs.result_state,
        runs.termination_code,
        coalesce(runs.result_state = 'SUCCEEDED', false) as is_success,
        coalesce(runs.result_state in ('FAILED', 'ERROR', 'TIMED_OUT'), false) as is_failure,
        cast(runs.attempts as bigint) as attempts,
        cast(greatest(runs.attempts - 1, 0) as bigint) as retries,
        coalesce(
            failure_messages.error_message,
            case when coalesce(runs.result_state in ('FAILED', 'ERROR', 'TIMED_OUT'), false)
                then concat('termination code ', runs.termination_code) end
        ) as error_message,
        jobs.sla_seconds,
        -- NULL (not measured) when the job has no RUN_DURATION_SECONDS health rule, never false
        case when jobs.sla_seconds is not null then runs.duration_seconds > jobs.sla_seconds end as is_sla_breach,
        case
            when runs.warehouse_id is not null then 'SQL_WAREHOUSE'
            when clusters.compute_kind = 'ALL_PURPOSE' then 'ALL_PURPOSE'
            when clusters.compute_kind = 'JOB' then 'JOBS_COMPUTE'
            when upper(runs.compute_kind_reported) like '%SERVERLESS%' then 'SERVERLESS'
            when runs.cluster_id is null then 'SERVERLESS'
            else upper(coalesce(clusters.compute_kind, runs.compute_kind_reported))
        end as compute_type,
        runs.compute_ids,
        jobs.run_as_user_name as run_as
    from runs
    left join workspaces
        on runs.workspace_id = workspaces.workspace_id
    left join jobs
        on runs.workspace_id = jobs.workspace_id
        and runs.job_id = jobs.job_id
    left join clusters
        on runs.workspace_id = clusters.workspace_id
        and runs.cluster_id = clusters.cluster_id
    left join failure_messages
        on runs.workspace_id = failure_messages.workspace_id
        and runs.run_id = failure_messages.run_id
)

select * from final
