-- Principals most at risk of a security incident in the coming week (breach_risk_scorer), 0-100,
-- with their last-7-day signals and the factors behind the score.
-- Grain: one row per principal, the :top_n highest. Parameters: :top_n.
with risk as (
    select principal, is_service_principal, risk_score, risk_level, failed_logins_7d, denied_7d, pii_accesses_7d,
           permission_changes_7d, tokens_created_7d, high_severity_7d, anomalous_days_7d, top_factors, explanation,
           row_number() over (order by risk_score desc, principal) as rank
    from main.health_monitor.ml_breach_risk
),

final as (
    select * from risk
    where rank <= :top_n
)

select * from final
order by rank
