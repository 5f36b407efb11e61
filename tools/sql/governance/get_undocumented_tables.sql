-- Tables without a description (comment) in a catalog (or all catalogs except system).
-- Grain: one row per table. Parameters: :catalog.
with tables as (
    select * from main.health_monitor.dim_table
    where not has_comment
      and table_catalog <> 'system'
      and (:catalog is null or lower(table_catalog) = lower(:catalog))
),

final as (
    select table_full_name, table_schema, table_type, table_owner, created, last_altered, is_pii
    from tables
)

select * from final
order by table_full_name
