-- Compare each workspace's cost in the last :days complete days with the :days days before.
-- Grain: one row per workspace. Parameters: :days.
with workspace_daily as (
    select *, usage_date >= date_sub(:as_of_date, :days) as is_current
    from main.health_monitor.fact_workspace_daily
    where usage_date >= date_sub(:as_of_date, 2 * :days)
      and usage_date < :as_of_date
),

periods as (
    select
        workspace_id,
        workspace_name,
        sum(case when is_current then list_cost else 0 end) as list_cost,
        sum(case when is_current then 0 else list_cost end) as previous_list_cost
    from workspace_daily
    group by all
),

final as (
    select
        workspace_id,
        workspace_name,
        date_sub(:as_of_date, :days) as period_start,
        date_sub(:as_of_date, 1) as period_end,
        list_cost,
        previous_list_cost,
        list_cost - previous_list_cost as delta_cost,
        try_divide(list_cost - previous_list_cost, previous_list_cost) * 100 as pct_change
    from periods
)

select * from final
order by delta_cost desc
