-- Cost drivers: cost per workspace, day and driver (job, endpoint, warehouse or product) over the
-- recent weeks, with whether the driver ran on GPU nodes; explains a flagged day ("driver:
-- ml_training on GPU").
-- grain: workspace_id x usage_date x driver. parameters: :as_of_date (date), :since (date)
with usage as (
    select usage_date, workspace_id, job_name, endpoint_name, warehouse_id, cluster_id,
           billing_origin_product, sku_name, list_cost
    from main.health_monitor.fact_usage_daily
    where usage_date >= :since and usage_date < :as_of_date
),

clusters as (
    select cluster_id, max(worker_node_type) as worker_node_type, max(driver_node_type) as driver_node_type
    from main.health_monitor.dim_cluster
    group by cluster_id
),

labelled as (
    select
        usage.usage_date,
        usage.workspace_id,
        coalesce(usage.job_name, usage.endpoint_name, usage.warehouse_id, lower(usage.billing_origin_product))
            as driver,
        case
            when upper(usage.sku_name) like '%GPU%' then true
            when regexp_extract(lower(coalesce(clusters.worker_node_type, clusters.driver_node_type, '')),
                                '^(g[0-9]|p[0-9]|nc|nd|nv|a2-|a3-|g2-)', 1) <> '' then true
            else false
        end as is_gpu,
        usage.list_cost
    from usage
    left join clusters
        on usage.cluster_id = clusters.cluster_id
),

final as (
    select usage_date, workspace_id, driver, max(is_gpu) as is_gpu, sum(list_cost) as list_cost
    from labelled
    group by usage_date, workspace_id, driver
)

select * from final
