-- purpose: one cost number per workspace and day, dense (0 on days with no usage), split by kind;
--          the input of trends, anomaly detection, forecasts and budgets.
-- grain:   usage_date x workspace_id, from each workspace's first usage day to the as-of day
-- params:  :as_of (timestamp)
-- depends: fact_usage_daily, dim_workspace
with usage_daily as (
    select * from main.health_monitor.fact_usage_daily
),

workspaces as (
    select workspace_id, workspace_name from main.health_monitor.dim_workspace
),

spans as (
    select workspace_id, min(usage_date) as first_date
    from usage_daily
    group by workspace_id
),

days as (
    select
        workspace_id,
        explode(
            sequence(cast(first_date as timestamp), cast(cast(:as_of as date) as timestamp), interval 1 day)
        ) as day_start
    from spans
),

calendar as (
    select workspace_id, cast(day_start as date) as usage_date
    from days
),

costs as (
    select
        usage_date,
        workspace_id,
        sum(list_cost) as list_cost,
        sum(dbus) as usage_quantity,  -- DBUs only: other units (storage, tokens) are not additive with them
        sum(unpriced_records) as unpriced_records,
        sum(case when is_serverless then list_cost else 0.0 end) as serverless_cost,
        sum(case when not is_tagged then list_cost else 0.0 end) as untagged_cost,
        sum(case when billing_origin_product = 'JOBS' then list_cost else 0.0 end) as jobs_cost,
        sum(case when billing_origin_product in ('ALL_PURPOSE', 'INTERACTIVE') then list_cost else 0.0 end)
            as all_purpose_cost,
        sum(case when billing_origin_product = 'SQL' then list_cost else 0.0 end) as sql_cost,
        sum(case when billing_origin_product = 'MODEL_SERVING' then list_cost else 0.0 end) as serving_cost,
        sum(case when upper(sku_name) like '%GPU%' then list_cost else 0.0 end) as gpu_cost
    from usage_daily
    group by usage_date, workspace_id
),

final as (
    select
        calendar.usage_date,
        calendar.workspace_id,
        workspaces.workspace_name,
        coalesce(costs.list_cost, 0.0) as list_cost,
        coalesce(costs.usage_quantity, 0.0) as usage_quantity,
        coalesce(costs.serverless_cost, 0.0) as serverless_cost,
        coalesce(costs.untagged_cost, 0.0) as untagged_cost,
        coalesce(costs.jobs_cost, 0.0) as jobs_cost,
        coalesce(costs.all_purpose_cost, 0.0) as all_purpose_cost,
        coalesce(costs.sql_cost, 0.0) as sql_cost,
        coalesce(costs.serving_cost, 0.0) as serving_cost,
        coalesce(costs.gpu_cost, 0.0) as gpu_cost,
        cast(coalesce(costs.unpriced_records, 0) as bigint) as unpriced_records
    from calendar
    left join costs
        on calendar.workspace_id = costs.workspace_id
        and calendar.usage_date = costs.usage_date
    left join workspaces
        on calendar.workspace_id = workspaces.workspace_id
)

select * from final
