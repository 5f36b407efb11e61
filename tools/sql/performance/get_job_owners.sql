-- Who answers for each job: its creator, the identity it runs as and its team tag (optionally one job or workspace).
-- Grain: one row per job. Parameters: :job_name (name or id), :workspace (name or id).
with jobs as (
    select * from main.health_monitor.dim_job
    where not coalesce(is_deleted, false)
      and (:job_name is null or job_id = :job_name or lower(job_name) = lower(:job_name))
      and (:workspace is null or workspace_id = :workspace or lower(workspace_name) = lower(:workspace))
),

final as (
    select
        workspace_name,
        job_id,
        job_name,
        creator_user_name as creator,
        run_as_user_name as run_as,
        team,
        schedule_cron,
        paused
    from jobs
)

select * from final
order by job_name, workspace_name
