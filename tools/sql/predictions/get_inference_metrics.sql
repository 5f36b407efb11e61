-- Inference latency of the health monitor's models: batch scoring calls (ml_inference_metrics) and,
-- for models published on a serving endpoint, the endpoint's daily latency and errors
-- (fact_serving_daily), over the last :days days.
-- Grain: one row per scoring call or endpoint-day (model_name null for customer endpoints).
-- Parameters: :endpoint (model or endpoint name, substring; null = all), :days.
with batch as (
    select model_name, endpoint_name, 'batch_scoring' as source, scored_at as measured_at, model_version,
           rows_scored as requests, cast(null as bigint) as errors, latency_ms as avg_latency_ms,
           cast(null as double) as p95_latency_ms
    from main.health_monitor.ml_inference_metrics
    where scored_at >= date_sub(:as_of_date, :days)
      and (:endpoint is null or contains(lower(model_name), lower(:endpoint))
           or contains(lower(endpoint_name), lower(:endpoint)))
),

serving as (
    -- the health monitor's own endpoints are named hm-<model-name-with-dashes>; customer endpoints
    -- have no health-monitor model behind them
    select case when endpoint_name like 'hm-%' then replace(substr(endpoint_name, 4), '-', '_') end as model_name,
           endpoint_name, 'serving_endpoint' as source,
           cast(usage_date as timestamp) as measured_at, cast(null as bigint) as model_version, requests, errors,
           avg_latency_ms, latency_p95_ms as p95_latency_ms
    from main.health_monitor.fact_serving_daily
    where usage_date >= date_sub(:as_of_date, :days)
      and (:endpoint is null or contains(lower(endpoint_name), lower(:endpoint))
           or contains(lower(endpoint_name), lower(replace(:endpoint, '_', '-'))))
),

final as (
    select * from batch
    union all
    select * from serving
)

select * from final
order by source, measured_at desc
