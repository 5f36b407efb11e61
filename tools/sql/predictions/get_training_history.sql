-- Training history of the health monitor's models (ml_model_registry): every version with when
-- it was trained (data cutoff), rows, primary metric, status (active / archived / insufficient
-- data) and the number of retrainings.
-- Grain: model x version. Parameters: :model_name (substring; null = all).
with registry as (
    select model_name, version, family, trained_at, training_rows, primary_metric, primary_metric_value, status,
           status_reason, train_seconds, artefact_path
    from main.health_monitor.ml_model_registry
    where :model_name is null or contains(lower(model_name), lower(:model_name))
),

counts as (
    select model_name, count_if(status <> 'insufficient data') as trainings
    from registry
    group by model_name
),

final as (
    select registry.*, counts.trainings, greatest(counts.trainings - 1, 0) as retrainings
    from registry
    left join counts
        on registry.model_name = counts.model_name
)

select * from final
order by model_name, version desc
