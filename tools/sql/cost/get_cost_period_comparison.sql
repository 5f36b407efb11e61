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

-- An account whose billing history starts inside the period before has only part of it recorded: comparing its
-- total with a whole period's would read as growth, so such a period is compared per recorded day.
coverage as (
    select
        count(distinct case when is_current then usage_date end) as current_days,
        count(distinct case when not is_current then usage_date end) as previous_days
    from workspace_daily
),

final as (
    select
        p.workspace_id,
        p.workspace_name,
        date_sub(:as_of_date, :days) as period_start,
        date_sub(:as_of_date, 1) as period_end,
        p.list_cost,
        p.previous_list_cost,
        p.list_cost - p.previous_list_cost as delta_cost,
        case
            when c.previous_days >= :days and c.current_days >= :days
                then try_divide(p.list_cost - p.previous_list_cost, p.previous_list_cost) * 100
            else try_divide(
                try_divide(p.list_cost, c.current_days) - try_divide(p.previous_list_cost, c.previous_days),
                try_divide(p.previous_list_cost, c.previous_days)) * 100
        end as pct_change,
        c.previous_days < :days as previous_partial,
        c.previous_days as previous_days_recorded
    from periods as p
    cross join coverage as c
)

select * from final
order by delta_cost desc
