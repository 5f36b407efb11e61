-- Job runs that exceeded their duration SLA (health rule RUN_DURATION_SECONDS) in the last :days days up to
-- :end_date (not before :start_date). Grain: one row per breaching run. Parameters: :days, :start_date, :end_date.
with runs as (
    select * from main.health_monitor.fact_job_run
    where run_date >= greatest(date_sub(:end_date, :days), :start_date)
      and run_date <= :end_date
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
