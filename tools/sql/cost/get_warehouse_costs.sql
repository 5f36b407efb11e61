-- Cost of each SQL warehouse from :start_date to :end_date (inclusive), with its size and auto-stop.
-- Grain: one row per warehouse. Parameters: :start_date, :end_date.
with usage_daily as (
    select * from main.health_monitor.fact_usage_daily
    where usage_date between :start_date and :end_date
      and warehouse_id is not null
),

warehouses as (
    select * from main.health_monitor.dim_warehouse
),

by_warehouse as (
    select workspace_id, warehouse_id, sum(list_cost) as list_cost, sum(dbus) as dbus
    from usage_daily
    group by all
),

final as (
    select
        b.workspace_id,
        w.workspace_name,
        b.warehouse_id,
        coalesce(w.warehouse_name, b.warehouse_id) as warehouse_name,
        w.warehouse_type,
        w.warehouse_size,
        w.auto_stop_minutes,
        b.list_cost,
        b.dbus
    from by_warehouse as b
    left join warehouses as w
        on b.workspace_id = w.workspace_id and b.warehouse_id = w.warehouse_id
)

select * from final
order by list_cost desc
