-- purpose: every billing usage record priced at the list price in force when it was used.
--          All record types are kept so RETRACTION rows cancel the records they correct.
-- grain:   one row per usage record (record_id)
-- params:  none
-- depends: dim_workspace, dim_job
with usage as (
    select * from main.health_monitor_staging.billing__usage
),

list_prices as (
    select * from main.health_monitor_staging.billing__list_prices
),

workspaces as (
    select workspace_id, workspace_name from main.health_monitor.dim_workspace
),

jobs as (
    select workspace_id, job_id, job_name from main.health_monitor.dim_job
),

prices as (
    select
        sku_name,
        cloud,
        usage_unit,
        currency_code,
        price_start_time,
        price_end_time,
        cast(pricing.effective_list.default as double) as list_price
    from list_prices
    qualify row_number() over (
        partition by sku_name, cloud, usage_unit, price_start_time order by price_end_time desc
    ) = 1
),

priced as (
    select
        usage.record_id,
        usage.workspace_id,
        usage.usage_date,
        date_trunc('HOUR', usage.usage_start_time) as usage_hour,
        usage.usage_start_time,
        usage.usage_end_time,
        usage.sku_name,
        usage.cloud,
        usage.usage_unit,
        usage.usage_type,
        usage.billing_origin_product,
        usage.record_type,
        coalesce(usage.product_features.is_serverless, false) as is_serverless,
        cast(usage.usage_quantity as double) as usage_quantity,
        prices.list_price,
        cast(usage.usage_quantity as double) * prices.list_price as list_cost,
        coalesce(prices.currency_code, 'USD') as currency_code,
        usage.usage_metadata.job_id as job_id,
        usage.usage_metadata.job_run_id as job_run_id,
        usage.usage_metadata.job_name as job_name_reported,
        usage.usage_metadata.cluster_id as cluster_id,
        usage.usage_metadata.warehouse_id as warehouse_id,
        usage.usage_metadata.endpoint_name as endpoint_name,
        usage.usage_metadata.dlt_pipeline_id as dlt_pipeline_id,
        usage.identity_metadata.run_as as run_as,
        usage.custom_tags['team'] as team,
        (
            usage.custom_tags['team'] is not null
            or usage.custom_tags['cost_center'] is not null
            or usage.custom_tags['project'] is not null
        ) as is_tagged,
        usage.custom_tags
    from usage
    left join prices
        on usage.sku_name = prices.sku_name
        and usage.cloud = prices.cloud
        and usage.usage_unit = prices.usage_unit
        and usage.usage_end_time >= prices.price_start_time
        and (prices.price_end_time is null or usage.usage_end_time < prices.price_end_time)
),

final as (
    select
        priced.record_id,
        priced.workspace_id,
        workspaces.workspace_name,
        priced.usage_date,
        priced.usage_hour,
        priced.usage_start_time,
        priced.usage_end_time,
        priced.sku_name,
        priced.cloud,
        priced.usage_unit,
        priced.usage_type,
        priced.billing_origin_product,
        priced.record_type,
        priced.is_serverless,
        priced.usage_quantity,
        priced.list_price,
        priced.list_cost,
        priced.currency_code,
        priced.job_id,
        priced.job_run_id,
        coalesce(jobs.job_name, priced.job_name_reported) as job_name,
        priced.cluster_id,
        priced.warehouse_id,
        priced.endpoint_name,
        priced.dlt_pipeline_id,
        priced.run_as,
        priced.team,
        priced.is_tagged,
        priced.custom_tags,
        priced.list_price is not null as is_priced
    from priced
    left join workspaces
        on priced.workspace_id = workspaces.workspace_id
    left join jobs
        on priced.workspace_id = jobs.workspace_id
        and priced.job_id = jobs.job_id
)

select * from final
