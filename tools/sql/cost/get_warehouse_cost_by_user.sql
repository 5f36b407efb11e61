-- Each SQL warehouse's cost from :start_date to :end_date, shared out to the identities that ran statements on
-- it in proportion to their statements' total duration (the usual showback rule for shared warehouses: billing
-- records a warehouse's DBUs, not who used them). Grain: one row per warehouse x identity.
-- Parameters: :start_date, :end_date, :warehouse (id or name), :top_n.
with usage_daily as (
    select * from main.health_monitor.fact_usage_daily
    where usage_date between :start_date and :end_date
      and warehouse_id is not null
),

warehouse_cost as (
    select workspace_id, warehouse_id, sum(list_cost) as warehouse_cost
    from usage_daily
    group by all
),

queries as (
    select * from main.health_monitor.fact_query
    where start_date between :start_date and :end_date
      and warehouse_id is not null
      and (:warehouse is null or warehouse_id = :warehouse or lower(warehouse_name) = lower(:warehouse))
),

by_user as (
    select
        workspace_id,
        warehouse_id,
        max(warehouse_name) as warehouse_name,
        coalesce(executed_by, '(unknown)') as executed_by,
        count(*) as statements,
        sum(duration_seconds) as duration_seconds
    from queries
    group by workspace_id, warehouse_id, coalesce(executed_by, '(unknown)')
),

shares as (
    select
        b.*,
        try_divide(b.duration_seconds, sum(b.duration_seconds) over (partition by b.workspace_id, b.warehouse_id))
            as duration_share
    from by_user as b
),

ranked as (
    select
        s.*,
        c.warehouse_cost,
        s.duration_share * c.warehouse_cost as allocated_cost,
        row_number() over (order by s.duration_share * c.warehouse_cost desc, s.executed_by, s.warehouse_id) as rn
    from shares as s
    inner join warehouse_cost as c
        on s.workspace_id = c.workspace_id and s.warehouse_id = c.warehouse_id
),

final as (
    select
        rn as rank,
        warehouse_name,
        executed_by,
        statements,
        duration_seconds / 3600.0 as query_hours,
        duration_share * 100 as pct_of_warehouse,
        allocated_cost,
        warehouse_cost
    from ranked
    where rn <= :top_n
)

select * from final
order by rank
