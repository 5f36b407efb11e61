-- Jobs at risk of failing or of missing their SLA (job_failure_predictor + job_duration_forecaster):
-- the chance of at least one failure or SLA breach in the next 24 hours, whether that risk is
-- elevated above the job's own history, and why.
-- Grain: one row per job, the :top_n riskiest. Parameters: :top_n.
with failure as (
    select workspace_id, workspace_name, job_id, job_name, failure_prob_next_run, failure_prob_24h,
           baseline_failure_rate, recent_failures, recent_runs, is_elevated, last_error, explanation
    from main.health_monitor.ml_job_failure_risk
),

duration as (
    select workspace_id, job_id, predicted_duration_seconds, sla_seconds, sla_breach_prob_24h, recent_sla_breaches,
           is_sla_risk, explanation as duration_explanation
    from main.health_monitor.ml_job_duration_forecast
),

combined as (
    select
        failure.workspace_name,
        failure.job_id,
        failure.job_name,
        failure.failure_prob_24h,
        coalesce(duration.sla_breach_prob_24h, 0.0) as sla_breach_prob_24h,
        1 - (1 - failure.failure_prob_24h) * (1 - coalesce(duration.sla_breach_prob_24h, 0.0)) as risk_24h,
        failure.is_elevated as failure_risk_elevated,
        coalesce(duration.is_sla_risk, false) as sla_risk_elevated,
        failure.is_elevated or coalesce(duration.is_sla_risk, false) as is_at_risk,
        failure.recent_failures,
        coalesce(duration.recent_sla_breaches, 0) as recent_sla_breaches,
        duration.predicted_duration_seconds,
        duration.sla_seconds,
        failure.last_error,
        case
            when coalesce(duration.is_sla_risk, false) and not failure.is_elevated
                then concat('SLA risk: ', duration.duration_explanation)
            when failure.is_elevated and coalesce(duration.is_sla_risk, false)
                then concat(failure.explanation, ' | SLA risk: ', duration.duration_explanation)
            else failure.explanation
        end as explanation
    from failure
    left join duration
        on failure.workspace_id = duration.workspace_id and failure.job_id = duration.job_id
),

ranked as (
    select combined.*,
           row_number() over (order by is_at_risk desc, risk_24h desc, job_name) as rank
    from combined
),

final as (
    select * from ranked
    where rank <= :top_n
)

select * from final
order by rank
