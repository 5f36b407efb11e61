-- purpose: model serving traffic per endpoint and day: requests, errors, tokens, latency percentiles.
--          Requests come from system.serving.endpoint_usage (by served entity); latency from
--          system.ai_gateway.usage, the only source that records it.
-- grain:   usage_date x (workspace_id, endpoint_name)
-- params:  none
-- depends: dim_endpoint
with endpoint_usage as (
    select * from main.health_monitor_staging.serving__endpoint_usage
),

gateway_usage as (
    select * from main.health_monitor_staging.ai_gateway__usage
),

served_entities as (
    select * from main.health_monitor_staging.serving__served_entities
),

entity_endpoints as (
    select distinct workspace_id, served_entity_id, endpoint_name
    from served_entities
),

requests as (
    select
        cast(endpoint_usage.request_time as date) as usage_date,
        endpoint_usage.workspace_id,
        entity_endpoints.endpoint_name,
        count(*) as requests,
        count_if(endpoint_usage.status_code >= 400) as errors,
        sum(coalesce(endpoint_usage.input_token_count, 0)) as input_tokens,
        sum(coalesce(endpoint_usage.output_token_count, 0)) as output_tokens
    from endpoint_usage
    inner join entity_endpoints
        on endpoint_usage.workspace_id = entity_endpoints.workspace_id
        and endpoint_usage.served_entity_id = entity_endpoints.served_entity_id
    group by cast(endpoint_usage.request_time as date), endpoint_usage.workspace_id, entity_endpoints.endpoint_name
),

latency as (
    select
        cast(event_time as date) as usage_date,
        workspace_id,
        endpoint_name,
        count(*) as gateway_requests,
        count_if(status_code >= 400) as gateway_errors,
        sum(coalesce(input_tokens, 0)) as gateway_input_tokens,
        sum(coalesce(output_tokens, 0)) as gateway_output_tokens,
        percentile(cast(latency_ms as double), 0.5) as latency_p50_ms,
        percentile(cast(latency_ms as double), 0.95) as latency_p95_ms,
        avg(cast(latency_ms as double)) as avg_latency_ms
    from gateway_usage
    group by cast(event_time as date), workspace_id, endpoint_name
),

keys as (
    select usage_date, workspace_id, endpoint_name from requests
    union
    select usage_date, workspace_id, endpoint_name from latency
),

final as (
    select
        keys.usage_date,
        keys.workspace_id,
        keys.endpoint_name,
        cast(coalesce(requests.requests, latency.gateway_requests, 0) as bigint) as requests,
        cast(coalesce(requests.errors, latency.gateway_errors, 0) as bigint) as errors,
        coalesce(
            try_divide(
                cast(coalesce(requests.errors, latency.gateway_errors, 0) as double),
                cast(coalesce(requests.requests, latency.gateway_requests, 0) as double)
            ),
            0.0
        ) as error_rate,
        cast(coalesce(requests.input_tokens, latency.gateway_input_tokens, 0) as bigint) as input_tokens,
        cast(coalesce(requests.output_tokens, latency.gateway_output_tokens, 0) as bigint) as output_tokens,
        latency.latency_p50_ms,
        latency.latency_p95_ms,
        latency.avg_latency_ms
    from keys
    left join requests
        on keys.usage_date = requests.usage_date
        and keys.workspace_id = requests.workspace_id
        and keys.endpoint_name = requests.endpoint_name
    left join latency
        on keys.usage_date = latency.usage_date
        and keys.workspace_id = latency.workspace_id
        and keys.endpoint_name = latency.endpoint_name
)

select * from final
