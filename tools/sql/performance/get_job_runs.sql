-- Job runs started in the last :hours hours with outcome, duration, SLA and list cost.
-- Grain: one row per run. Parameters: :hours, :workspace (id or name).
with runs as (
    select * from main.health_monitor.fact_job_run
    where run_date >= cast(timestampadd(HOUR, -:hours, :as_of) as date)
      and start_time >= timestampadd(HOUR, -:hours, :as_of)
      and start_time <= :as_of
      and (:workspace is null or workspace_id = :workspace or lower(workspace_name) = lower(:workspace))
),

usage as (
    select workspace_id, job_id, job_run_id, sum(list_cost) as list_cost
    from main.health_monitor.fact_usage
    where usage_date >= date_sub(cast(timestampadd(HOUR, -:hours, :as_of) as date), 1)
      and job_run_id is not null
    group by all
),

final as (
    select
        r.start_time,
        r.end_time,
        r.workspace_name,
        r.job_id,
        r.job_name,
        r.run_id,
        r.result_state,
        r.is_success,
        r.duration_seconds,
        r.duration_seconds / 60.0 as duration_minutes,
        r.is_sla_breach,
        r.compute_type,
        coalesce(u.list_cost, 0) as list_cost
    from runs as r
    left join usage as u
        on r.workspace_id = u.workspace_id and r.job_id = u.job_id and r.run_id = u.job_run_id
)

select * from final
order by start_time desc
