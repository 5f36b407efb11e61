-- purpose: SQL warehouse billing and activity per hour: what each billed hour cost and how many
--          statements started in it (billed with none = idle). Right-sizing advice reads this
--          instead of scanning row-level usage and query history on every request.
-- grain:   one row per (workspace_id, warehouse_id, usage_hour) with warehouse usage
-- params:  none
-- depends: fact_usage, fact_query
with usage as (
    select workspace_id, warehouse_id, usage_date, usage_hour, list_cost
    from main.health_monitor.fact_usage
    where warehouse_id is not null
),

queries as (
    select workspace_id, warehouse_id, start_time
    from main.health_monitor.fact_query
    where warehouse_id is not null
),

billed_hours as (
    select workspace_id, warehouse_id, usage_date, usage_hour, sum(list_cost) as list_cost
    from usage
    group by workspace_id, warehouse_id, usage_date, usage_hour
),

statement_hours as (
    select workspace_id, warehouse_id, date_trunc('HOUR', start_time) as query_hour, count(*) as statements
    from queries
    group by workspace_id, warehouse_id, date_trunc('HOUR', start_time)
),

final as (
    select
        billed_hours.workspace_id,
        billed_hours.warehouse_id,
        billed_hours.usage_date,
        billed_hours.usage_hour,
        billed_hours.list_cost,
        cast(coalesce(statement_hours.statements, 0) as bigint) as statements
    from billed_hours
    left join statement_hours
        on billed_hours.workspace_id = statement_hours.workspace_id
        and billed_hours.warehouse_id = statement_hours.warehouse_id
        and billed_hours.usage_hour = statement_hours.query_hour
)

select * from final
