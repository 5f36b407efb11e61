-- Job runs that failed (FAILED, ERROR, TIMED_OUT) and started in the last :hours hours.
-- Grain: one row per failed run. Parameters: :hours, :workspace (id or name).
with runs as (
    select * from main.health_monitor.fact_job_run
    where run_date >= cast(timestampadd(HOUR, -:hours, :as_of) as date)
      and start_time >= timestampadd(HOUR, -:hours, :as_of)
      and start_time <= :as_of
      and is_failure
      and (:workspace is null or workspace_id = :workspace or lower(workspace_name) = lower(:workspace))
),

final as (
    select
        start_time,
        end_time,
        workspace_id,
        workspace_name,
        job_id,
        job_name,
        run_id,
        result_state,
        termination_code,
        error_message,
        duration_seconds,
        attempts,
        compute_type,
        run_as
    from runs
)

select * from final
order by start_time desc
