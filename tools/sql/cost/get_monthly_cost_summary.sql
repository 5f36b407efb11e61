-- Cost per calendar month and workspace for the last :months months (the current month is partial).
-- Grain: one row per month x workspace. Parameters: :months.
with workspace_daily as (
    select * from main.health_monitor.fact_workspace_daily
    where usage_date >= add_months(cast(date_trunc('MONTH', :as_of_date) as date), 1 - :months)
),

final as (
    select
        cast(date_trunc('MONTH', usage_date) as date) as month,
        workspace_id,
        workspace_name,
        sum(list_cost) as list_cost,
        sum(usage_quantity) as dbus,
        count(distinct usage_date) as days
    from workspace_daily
    group by all
)

select * from final
order by month desc, list_cost desc
