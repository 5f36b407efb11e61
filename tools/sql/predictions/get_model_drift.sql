-- Input drift of the health monitor's models (model_drift_detector): per feature (and segment,
-- e.g. workspace) the last 3 days against the training reference, PSI / KS / mean shift, with the
-- retraining decision (retraining_trigger).
-- Grain: model x feature x segment. Parameters: :model_name (substring; null = all).
with drift as (
    select monitored_model as model_name, monitored_version as version, feature, segment, n_reference, n_live,
           reference_mean, live_mean, psi, ks_p, mean_shift_z, is_drift, explanation
    from main.health_monitor.ml_model_drift
    where :model_name is null or contains(lower(monitored_model), lower(:model_name))
),

decisions as (
    select model_name, retrain_due, reason
    from main.health_monitor.ml_retraining_decisions
),

final as (
    select drift.*, decisions.retrain_due, decisions.reason as retrain_reason
    from drift
    left join decisions
        on drift.model_name = decisions.model_name
)

select * from final
order by is_drift desc, model_name, abs(coalesce(mean_shift_z, 0)) desc
