-- Why jobs failed over the last :days days: failures grouped by job, termination code and message.
-- Grain: one row per job x termination code x error message. Parameters: :days.
with runs as (
    select * from main.health_monitor.fact_job_run
    where run_date >= date_sub(:as_of_date, :days)
      and is_failure
),

final as (
    select
        workspace_name,
        job_id,
        job_name,
        termination_code,
        substr(coalesce(error_message, '(no message)'), 1, 200) as error_message,
        count(*) as failures,
        max(start_time) as last_failure
    from runs
    group by all
)

select * from final
order by failures desc, last_failure desc
