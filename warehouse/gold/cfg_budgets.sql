-- purpose: the monthly budget of every workspace. Seeded ones come from seeds/budgets.csv (loaded as
--          seed_budgets); any other workspace gets a derived budget of 125 % of its trailing 30-day
--          spend rounded up to $1,000 (budget_source = 'derived').
-- grain:   one row per workspace_id
-- params:  :as_of (timestamp)
-- depends: seed_budgets, dim_workspace, fact_workspace_daily
with seeds as (
    select * from main.health_monitor.seed_budgets
),

workspaces as (
    select workspace_id, workspace_name from main.health_monitor.dim_workspace
),

workspace_daily as (
    select * from main.health_monitor.fact_workspace_daily
),

trailing as (
    select workspace_id, sum(list_cost) as cost_30d
    from workspace_daily
    where usage_date >= date_sub(cast(:as_of as date), 30)
        and usage_date < cast(:as_of as date)
    group by workspace_id
),

final as (
    select
        workspaces.workspace_id,
        workspaces.workspace_name,
        coalesce(
            cast(seeds.monthly_budget_usd as double),
            cast(ceil(coalesce(trailing.cost_30d, 0.0) * 1.25 / 1000.0) as double) * 1000.0
        ) as monthly_budget_usd,
        coalesce(cast(seeds.alert_threshold_pct as double), 80.0) as alert_threshold_pct,
        case when seeds.workspace_name is not null then 'seed' else 'derived' end as budget_source
    from workspaces
    left join seeds
        on workspaces.workspace_name = seeds.workspace_name
    left join trailing
        on workspaces.workspace_id = trailing.workspace_id
)

select * from final
