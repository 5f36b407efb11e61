-- Job runs that exceeded their duration SLA (health rule RUN_DURATION_SECONDS) in the last :days days.
-- Grain: one row per breaching run. Parameters: :days.
with runs as (
    select * from main.health_monitor.fact_job_run
    where run_date >= date_sub(:as_of_date, :days)
      and is_sla_breach
),

final as (
    select
        start_time,
        end_time,
        workspace_name,
        job_id,
        job_name,
        run_id,
        duration_seconds,
        sla_seconds,
        duration_seconds - sla_seconds as over_by_seconds,
        result_state
    from runs
)

select * from final
order by start_time desc
