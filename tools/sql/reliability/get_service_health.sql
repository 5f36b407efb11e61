-- Health of each service over the last 7 days: SQL warehouses (availability, failed statements), jobs
-- (success rate), serving endpoints (error rate, latency), pipelines (expectation pass rate).
-- Grain: one row per service. Parameters: :service_name (matches the name or the type, e.g. warehouse).
with uptime as (
    select * from main.health_monitor.fact_warehouse_uptime_daily
    where usage_date >= date_sub(:as_of_date, 7)
),

queries as (
    select warehouse_id, count(*) as statements,
           sum(case when execution_status = 'FAILED' then 1 else 0 end) as failed
    from main.health_monitor.fact_query
    where start_date >= date_sub(:as_of_date, 7) and warehouse_id is not null
    group by warehouse_id
),

job_daily as (
    select * from main.health_monitor.fact_job_daily
    where run_date >= date_sub(:as_of_date, 7)
),

serving as (
    select * from main.health_monitor.fact_serving_daily
    where usage_date >= date_sub(:as_of_date, 7)
),

expectations as (
    select * from main.health_monitor.fact_expectation
    where event_date >= date_sub(:as_of_date, 7)
),

warehouses as (
    select
        'sql_warehouse' as service_type,
        u.warehouse_name as service_name,
        any_value(u.workspace_name) as workspace_name,
        (1 - sum(u.outage_seconds) / (count(*) * 86400.0)) * 100 as availability_pct,
        try_divide(any_value(q.failed), any_value(q.statements)) * 100 as error_rate_pct,
        cast(null as double) as latency_p95_ms,
        concat(cast(sum(u.outages) as string), ' outage(s), ',
               cast(coalesce(any_value(q.statements), 0) as string), ' statements') as detail
    from uptime as u
    left join queries as q on u.warehouse_id = q.warehouse_id
    group by u.warehouse_name
),

jobs as (
    select
        'jobs' as service_type,
        workspace_name as service_name,
        workspace_name,
        try_divide(sum(succeeded), sum(runs)) * 100 as availability_pct,
        try_divide(sum(failed), sum(runs)) * 100 as error_rate_pct,
        cast(null as double) as latency_p95_ms,
        concat(cast(sum(runs) as string), ' runs, ', cast(sum(failed) as string), ' failed') as detail
    from job_daily
    group by workspace_name
),

endpoints as (
    select
        'serving_endpoint' as service_type,
        endpoint_name as service_name,
        cast(null as string) as workspace_name,
        (1 - try_divide(sum(errors), sum(requests))) * 100 as availability_pct,
        try_divide(sum(errors), sum(requests)) * 100 as error_rate_pct,
        max(latency_p95_ms) as latency_p95_ms,
        concat(cast(sum(requests) as string), ' requests') as detail
    from serving
    group by endpoint_name
),

pipelines as (
    select
        'pipeline' as service_type,
        pipeline_name as service_name,
        cast(null as string) as workspace_name,
        try_divide(sum(passed_records), sum(passed_records) + sum(failed_records)) * 100 as availability_pct,
        try_divide(sum(failed_records), sum(passed_records) + sum(failed_records)) * 100 as error_rate_pct,
        cast(null as double) as latency_p95_ms,
        concat(cast(sum(dropped_records) as string), ' dropped records') as detail
    from expectations
    group by pipeline_name
),

services as (
    select * from warehouses
    union all select * from jobs
    union all select * from endpoints
    union all select * from pipelines
),

final as (
    select
        service_type,
        service_name,
        workspace_name,
        case
            when availability_pct < 99 or error_rate_pct >= 5 then 'degraded'
            else 'healthy'
        end as status,
        availability_pct,
        error_rate_pct,
        latency_p95_ms,
        detail
    from services
    where :service_name is null
       or contains(lower(service_name), lower(:service_name))
       or contains(lower(service_type), lower(:service_name))
)

select * from final
order by case status when 'degraded' then 1 else 2 end, service_type, service_name
