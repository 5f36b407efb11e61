-- Owner, creator and last modifier of the tables of a schema or a catalog (or all).
-- Grain: one row per table. Parameters: :schema (schema or catalog.schema), :catalog.
with tables as (
    select * from main.health_monitor.dim_table
    where (:schema is null or lower(table_schema) = lower(:schema)
           or lower(concat(table_catalog, '.', table_schema)) = lower(:schema))
      and (:catalog is null or lower(table_catalog) = lower(:catalog))
),

final as (
    select table_full_name, table_owner, created_by, created, last_altered_by, last_altered, is_pii
    from tables
)

select * from final
order by table_full_name
