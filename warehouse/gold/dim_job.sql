-- purpose: the latest definition of every job: name, owner, schedule, SLA (health rule), compute type.
-- grain:   one row per (workspace_id, job_id)
-- params:  none
-- depends: dim_workspace, dim_cluster
with jobs as (
    select * from main.health_monitor_staging.lakeflow__jobs
),

run_slices as (
    select workspace_id, job_id, period_end_time, compute, compute_ids
    from main.health_monitor_staging.lakeflow__job_run_timeline
),

workspaces as (
    select workspace_id, workspace_name from main.health_monitor.dim_workspace
),

clusters as (
    select workspace_id, cluster_id, compute_kind from main.health_monitor.dim_cluster
),

latest as (
    select *
    from jobs
    qualify row_number() over (partition by workspace_id, job_id order by change_time desc) = 1
),

last_run_compute as (
    select
        workspace_id,
        job_id,
        try_element_at(compute, 1).type as compute_kind_reported,
        coalesce(try_element_at(compute, 1).cluster_id, try_element_at(compute_ids, 1)) as cluster_id,
        try_element_at(compute, 1).warehouse_id as warehouse_id
    from run_slices
    qualify row_number() over (partition by workspace_id, job_id order by period_end_time desc) = 1
),

job_compute as (
    select
        last_run_compute.workspace_id,
        last_run_compute.job_id,
        case
            when last_run_compute.warehouse_id is not null then 'SQL_WAREHOUSE'
            when clusters.compute_kind = 'ALL_PURPOSE' then 'ALL_PURPOSE'
            when clusters.compute_kind = 'JOB' then 'JOBS_COMPUTE'
            when upper(last_run_compute.compute_kind_reported) like '%SERVERLESS%' then 'SERVERLESS'
            when last_run_compute.cluster_id is null then 'SERVERLESS'
            else upper(coalesce(clusters.compute_kind, last_run_compute.compute_kind_reported))
        end as compute_type
    from last_run_compute
    left join clusters
        on last_run_compute.workspace_id = clusters.workspace_id
        and last_run_compute.cluster_id = clusters.cluster_id
),

final as (
    select
        latest.workspace_id,
        workspaces.workspace_name,
        latest.job_id,
        latest.name as job_name,
        latest.description,
        latest.creator_user_name,
        latest.run_as_user_name,
        latest.tags,
        latest.tags['team'] as team,
        latest.trigger_type,
        latest.trigger.schedule.quartz_cron_expression as schedule_cron,
        latest.trigger.schedule.timezone_id as schedule_timezone,
        latest.paused,
        cast(latest.timeout_seconds as bigint) as timeout_seconds,
        cast(
            try_element_at(filter(latest.health_rules, r -> r.metric = 'RUN_DURATION_SECONDS'), 1).value
            as bigint
        ) as sla_seconds,
        job_compute.compute_type,
        latest.create_time,
        latest.change_time,
        latest.delete_time is not null as is_deleted
    from latest
    left join workspaces
        on latest.workspace_id = workspaces.workspace_id
    left join job_compute
        on latest.workspace_id = job_compute.workspace_id
        and latest.job_id = job_compute.job_id
)

select * from final
