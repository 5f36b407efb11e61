-- purpose: daily spend pre-aggregated on every dimension the cost tools filter or group by;
--          this (not fact_usage) is what cost tools read, so they stay fast at 10M usage rows.
-- grain:   usage_date x workspace x sku x unit x product x serverless x job x cluster x warehouse
--          x endpoint x run_as x team x is_tagged
-- params:  none
-- depends: fact_usage
with usage as (
    select * from main.health_monitor.fact_usage
),

final as (
    select
        usage_date,
        workspace_id,
        workspace_name,
        sku_name,
        usage_unit,
        billing_origin_product,
        is_serverless,
        job_id,
        job_name,
        cluster_id,
        warehouse_id,
        endpoint_name,
        run_as,
        team,
        is_tagged,
        sum(usage_quantity) as usage_quantity,
        -- NULL, not 0, when no record of the group has a list price (see unpriced_records)
        sum(list_cost) as list_cost,
        count(*) as records,
        sum(case when usage_unit = 'DBU' then usage_quantity else 0.0 end) as dbus,
        cast(count_if(not is_priced) as bigint) as unpriced_records
    from usage
    group by
        usage_date, workspace_id, workspace_name, sku_name, usage_unit, billing_origin_product,
        is_serverless, job_id, job_name, cluster_id, warehouse_id, endpoint_name, run_as, team, is_tagged
)

select * from final
