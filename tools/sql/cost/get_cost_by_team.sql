-- Cost per `team` tag (the cost-attribution tag), over a date range; untagged spend is its own row.
-- Grain: one row per team. Parameters: :start_date, :end_date.
with usage_daily as (
    select * from main.health_monitor.fact_usage_daily
    where usage_date between :start_date and :end_date
),

by_team as (
    select
        coalesce(team, '(no team tag)') as team,
        sum(list_cost) as list_cost,
        sum(dbus) as dbus,
        count(distinct workspace_id) as workspaces
    from usage_daily
    group by all
),

final as (
    select *, try_divide(list_cost, sum(list_cost) over ()) * 100 as pct_of_total
    from by_team
)

select * from final
order by list_cost desc
