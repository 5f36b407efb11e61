-- Freshness features: one row per refresh of a table (a lineage event with the table as target;
-- writes minutes apart are one refresh, so each burst counts once at its first write), with the
-- hours since the table's previous refresh. Gold keeps only the latest write per table
-- (dim_table.last_write_time), so this reads the lineage system table directly. The gaps are
-- computed here, in the engine: only refreshes reach Python, not every write event.
-- grain: table_full_name x refresh. parameters: :as_of (timestamp)
with writes as (
    select target_table_full_name as table_full_name, event_time
    from system.access.table_lineage
    where event_time < :as_of
      and target_table_full_name is not null
),

marked as (
    select
        table_full_name,
        event_time,
        lag(event_time) over (partition by table_full_name order by event_time) as previous_write
    from writes
),

refreshes as (
    select table_full_name, event_time
    from marked
    where previous_write is null
       or unix_micros(event_time) - unix_micros(previous_write) > 1800 * 1000000
),

gaps as (
    select
        table_full_name,
        event_time,
        cast(unix_micros(event_time)
             - unix_micros(lag(event_time) over (partition by table_full_name order by event_time)) as double)
            / 3600000000 as gap_h
    from refreshes
),

tables as (
    select table_full_name, expected_refresh_hours
    from main.health_monitor.dim_table
),

final as (
    select gaps.table_full_name, gaps.event_time, gaps.gap_h, tables.expected_refresh_hours
    from gaps
    left join tables
        on gaps.table_full_name = tables.table_full_name
)

select * from final
