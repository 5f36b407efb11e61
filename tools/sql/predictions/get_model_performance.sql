-- Validation metrics of the health monitor's models per version over the last :days days of
-- training (version k+1 is validated on the week after version k: the live performance history).
-- Grain: model x version x metric. Parameters: :model_name (substring; null = all), :days.
with metrics as (
    select model_name, version, trained_at, metric_name, metric_value, is_primary
    from main.health_monitor.ml_model_metrics
    where trained_at >= date_sub(:as_of_date, :days)
      and (:model_name is null or contains(lower(model_name), lower(:model_name)))
),

registry as (
    select model_name, version, status, training_rows, train_seconds
    from main.health_monitor.ml_model_registry
),

final as (
    select metrics.model_name, metrics.version, registry.status, metrics.trained_at, metrics.metric_name,
           metrics.metric_value, metrics.is_primary, registry.training_rows, registry.train_seconds
    from metrics
    left join registry
        on metrics.model_name = registry.model_name and metrics.version = registry.version
)

select * from final
order by model_name, version desc, is_primary desc, metric_name
