-- Spend without a cost-attribution tag (team, cost_center or project) per workspace over the last :days days.
-- Grain: one row per workspace. Parameters: :days.
with workspace_daily as (
    select * from main.health_monitor.fact_workspace_daily
    where usage_date >= date_sub(:as_of_date, :days)
),

final as (
    select
        workspace_id,
        workspace_name,
        sum(untagged_cost) as untagged_cost,
        sum(list_cost) as list_cost,
        try_divide(sum(untagged_cost), sum(list_cost)) * 100 as untagged_pct
    from workspace_daily
    group by all
)

select * from final
order by untagged_cost desc
