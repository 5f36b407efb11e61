-- Spend forecast per workspace and day for the next :days days (dbu_usage_forecaster), with a 95 %
-- interval. When the model could not train, one row says why (explanation).
-- Grain: forecast_date x workspace. Parameters: :days.
with forecast as (
    select forecast_date, horizon_day, workspace_id, workspace_name, predicted_cost, lower_cost, upper_cost,
           predicted_dbus, explanation
    from main.health_monitor.ml_cost_forecast
    where horizon_day <= :days
),

status as (
    select model_name, status, status_reason
    from main.health_monitor.ml_model_registry
    qualify row_number() over (partition by model_name order by trained_at desc) = 1
),

unavailable as (
    select cast(null as date) as forecast_date, cast(null as bigint) as horizon_day, cast(null as string) as workspace_id,
           cast(null as string) as workspace_name, cast(null as double) as predicted_cost,
           cast(null as double) as lower_cost, cast(null as double) as upper_cost, cast(null as double) as predicted_dbus,
           concat('No forecast: dbu_usage_forecaster has insufficient data (', status_reason, ')') as explanation
    from status
    where model_name = 'dbu_usage_forecaster' and status = 'insufficient data'
),

final as (
    select * from forecast
    union all
    select * from unavailable
)

select * from final
order by forecast_date, workspace_name
