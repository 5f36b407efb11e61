-- Cost features: one row per workspace and complete day (the partial as-of day is left out), with
-- backward-looking references only, so a training cutoff can slice rows without seeing the future.
-- lag_7..lag_56 = the same weekday in each of the previous eight weeks (weekly rhythm);
-- mean_7d = mean of the seven days before.
-- grain: workspace_id x usage_date. parameters: :as_of_date (date)
with daily as (
    select usage_date, workspace_id, workspace_name, list_cost, usage_quantity, jobs_cost,
           all_purpose_cost, sql_cost, serving_cost, gpu_cost
    from main.health_monitor.fact_workspace_daily
    where usage_date < :as_of_date
),

budgets as (
    select workspace_id, monthly_budget_usd, alert_threshold_pct
    from main.health_monitor.cfg_budgets
),

windowed as (
    select
        daily.*,
        dayofweek(usage_date) as day_of_week,
        lag(list_cost, 7) over w as lag_7,
        lag(list_cost, 14) over w as lag_14,
        lag(list_cost, 21) over w as lag_21,
        lag(list_cost, 28) over w as lag_28,
        lag(list_cost, 35) over w as lag_35,
        lag(list_cost, 42) over w as lag_42,
        lag(list_cost, 49) over w as lag_49,
        lag(list_cost, 56) over w as lag_56,
        avg(list_cost) over (partition by workspace_id order by usage_date
                             rows between 7 preceding and 1 preceding) as mean_7d,
        count(list_cost) over (partition by workspace_id order by usage_date
                               rows between 7 preceding and 1 preceding) as days_7d,
        avg(jobs_cost) over (partition by workspace_id order by usage_date
                             rows between 7 preceding and 1 preceding) as jobs_mean_7d
    from daily
    window w as (partition by workspace_id order by usage_date)
),

final as (
    select
        windowed.usage_date,
        windowed.workspace_id,
        windowed.workspace_name,
        windowed.day_of_week,
        windowed.list_cost,
        windowed.usage_quantity,
        windowed.jobs_cost,
        windowed.all_purpose_cost,
        windowed.sql_cost,
        windowed.serving_cost,
        windowed.gpu_cost,
        windowed.lag_7,
        windowed.lag_14,
        windowed.lag_21,
        windowed.lag_28,
        windowed.lag_35,
        windowed.lag_42,
        windowed.lag_49,
        windowed.lag_56,
        windowed.mean_7d,
        windowed.days_7d,
        try_divide(windowed.list_cost, windowed.mean_7d) - 1 as pct_vs_7d,
        try_divide(windowed.jobs_cost, windowed.list_cost) as jobs_share,
        budgets.monthly_budget_usd,
        budgets.alert_threshold_pct
    from windowed
    left join budgets
        on windowed.workspace_id = budgets.workspace_id
)

select * from final
