-- Cost attributed to the identity a workload ran as (run_as), over a date range.
-- Grain: one row per principal. Parameters: :start_date, :end_date, :top_n.
with usage_daily as (
    select * from main.health_monitor.fact_usage_daily
    where usage_date between :start_date and :end_date
),

by_user as (
    select
        coalesce(run_as, '(unattributed)') as run_as,
        sum(list_cost) as list_cost,
        sum(dbus) as dbus,
        count(distinct workspace_id) as workspaces,
        count(distinct job_id) as jobs
    from usage_daily
    group by all
),

ranked as (
    select *, row_number() over (order by list_cost desc, run_as) as rn from by_user
),

final as (
    select rn as rank, run_as, list_cost, dbus, workspaces, jobs
    from ranked
    where rn <= :top_n
)

select * from final
order by rank
