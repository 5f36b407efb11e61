-- MLOps features: every registered version of every health-monitor model (metrics and the feature
-- statistics kept at training time).
-- grain: model_name x version. parameters: none
with registry as (
    select model_name, version, family, trained_at, training_rows, primary_metric, primary_metric_value,
           metrics, feature_stats, status, status_reason, prediction_table
    from main.health_monitor.ml_model_registry
),

final as (
    select * from registry
)

select * from final
