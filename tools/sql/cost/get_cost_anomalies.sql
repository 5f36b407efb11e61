-- Workspace-days whose cost jumped above the trailing 7-day average: z-score against the trailing
-- 7-day standard deviation (floored at 5 % of the average so flat spend does not flag noise), at least
-- 20 % up. Complete days only (today is partial). Weekend dips are not anomalies.
-- Grain: one row per anomalous usage_date x workspace. Parameters: :lookback_days.
with workspace_daily as (
    select usage_date, workspace_id, workspace_name, list_cost
    from main.health_monitor.fact_workspace_daily
    where usage_date >= date_sub(:as_of_date, :lookback_days + 8)
      and usage_date < :as_of_date
),

scored as (
    select
        usage_date,
        workspace_id,
        workspace_name,
        list_cost,
        avg(list_cost) over (
            partition by workspace_id order by usage_date rows between 7 preceding and 1 preceding
        ) as baseline_cost,
        stddev_samp(list_cost) over (
            partition by workspace_id order by usage_date rows between 7 preceding and 1 preceding
        ) as baseline_stddev
    from workspace_daily
),

final as (
    select
        usage_date,
        workspace_id,
        workspace_name,
        list_cost,
        baseline_cost,
        list_cost - baseline_cost as delta_cost,
        try_divide(list_cost - baseline_cost, baseline_cost) * 100 as pct_change,
        try_divide(list_cost - baseline_cost, greatest(baseline_stddev, 0.05 * baseline_cost)) as z_score,
        'spike' as direction
    from scored
    where usage_date >= date_sub(:as_of_date, :lookback_days)
      and baseline_cost > 1
      and try_divide(list_cost - baseline_cost, greatest(baseline_stddev, 0.05 * baseline_cost)) >= 3
      and try_divide(list_cost - baseline_cost, baseline_cost) >= 0.2
)

select * from final
order by z_score desc, usage_date desc
