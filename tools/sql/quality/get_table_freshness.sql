-- Freshness of every table of a schema (or all): last write, hours since, usual refresh interval.
-- Grain: one row per table. Parameters: :schema (schema or catalog.schema).
with tables as (
    select * from main.health_monitor.dim_table
    where (:schema is null or lower(table_schema) = lower(:schema)
           or lower(concat(table_catalog, '.', table_schema)) = lower(:schema))
),

final as (
    select table_full_name, table_owner, last_write_time, hours_since_update, expected_refresh_hours, is_stale
    from tables
)

select * from final
order by is_stale desc, hours_since_update desc
