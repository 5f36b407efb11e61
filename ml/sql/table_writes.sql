-- Freshness features: every write to a table (a lineage event with the table as target), from
-- which the gaps between refreshes are learned. Gold keeps only the latest write per table
-- (dim_table.last_write_time), so this reads the lineage system table directly.
-- grain: one row per write event. parameters: :as_of (timestamp)
with writes as (
    select target_table_full_name as table_full_name, event_time
    from system.access.table_lineage
    where event_time < :as_of
      and target_table_full_name is not null
),

tables as (
    select table_full_name, expected_refresh_hours
    from main.health_monitor.dim_table
),

final as (
    select writes.table_full_name, writes.event_time, tables.expected_refresh_hours
    from writes
    left join tables
        on writes.table_full_name = tables.table_full_name
)

select * from final
