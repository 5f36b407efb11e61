-- Daily cost per workspace at list price, with the product split.
-- Grain: one row per usage_date x workspace. Parameters: :start_date, :end_date (inclusive).
with workspace_daily as (
    select * from main.health_monitor.fact_workspace_daily
    where usage_date between :start_date and :end_date
),

final as (
    select
        usage_date,
        workspace_id,
        workspace_name,
        list_cost,
        usage_quantity as dbus,
        serverless_cost,
        jobs_cost,
        all_purpose_cost,
        sql_cost,
        serving_cost,
        gpu_cost,
        untagged_cost
    from workspace_daily
)

select * from final
order by usage_date desc, list_cost desc
