-- Next-run duration forecast per job (job_duration_forecaster): expected and p90 duration, the SLA
-- and the chance of breaching it (next run, next 24 hours).
-- Grain: one row per job. Parameters: :job_name (name or id; null = all).
with forecast as (
    select workspace_name, job_id, job_name, last_run_time, last_duration_seconds, predicted_duration_seconds,
           p90_duration_seconds, sla_seconds, recent_sla_breaches, sla_breach_prob_next_run, sla_breach_prob_24h,
           is_sla_risk, explanation
    from main.health_monitor.ml_job_duration_forecast
    where :job_name is null
       or lower(job_name) = lower(:job_name)
       or job_id = :job_name
),

final as (
    select * from forecast
)

select * from final
order by is_sla_risk desc, coalesce(sla_breach_prob_24h, 0) desc, predicted_duration_seconds desc
