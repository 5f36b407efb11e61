-- Month-end projection against each workspace's monthly budget (budget_alerter): month-to-date
-- spend, forecast of the remaining days, projected total, % of budget, probability of exceeding it.
-- Grain: one row per workspace. Parameters: :workspace (name or id; null = all).
with budgets as (
    select month_start, workspace_id, workspace_name, monthly_budget_usd, mtd_cost, forecast_remaining_cost,
           projected_cost, projected_pct_of_budget, run_rate_projection, prob_exceed, status, is_at_risk,
           explanation
    from main.health_monitor.ml_budget_status
    where :workspace is null
       or lower(workspace_name) = lower(:workspace)
       or workspace_id = :workspace
),

status as (
    select model_name, status, status_reason
    from main.health_monitor.ml_model_registry
    qualify row_number() over (partition by model_name order by trained_at desc) = 1
),

unavailable as (
    select cast(null as date) as month_start, cast(null as string) as workspace_id, cast(null as string) as workspace_name,
           cast(null as double) as monthly_budget_usd, cast(null as double) as mtd_cost,
           cast(null as double) as forecast_remaining_cost, cast(null as double) as projected_cost,
           cast(null as double) as projected_pct_of_budget, cast(null as double) as run_rate_projection,
           cast(null as double) as prob_exceed, 'insufficient data' as status, cast(null as boolean) as is_at_risk,
           concat('No budget projection: budget_alerter has insufficient data (', status_reason, ')') as explanation
    from status
    where model_name = 'budget_alerter' and status = 'insufficient data'
),

final as (
    select * from budgets
    union all
    select * from unavailable
)

select * from final
order by is_at_risk desc, projected_pct_of_budget desc
