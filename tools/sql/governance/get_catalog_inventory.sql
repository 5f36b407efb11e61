-- What a catalog holds: one row per catalog x schema with its tables, views, owners and gaps.
-- Grain: one row per schema. Parameters: :catalog.
with tables as (
    select * from main.health_monitor.dim_table
    where table_catalog <> 'system'
      and (:catalog is null or lower(table_catalog) = lower(:catalog))
),

final as (
    select
        table_catalog,
        table_schema,
        count(*) as tables,
        count_if(upper(table_type) = 'VIEW') as views,
        count_if(not has_comment) as undocumented,
        count_if(is_pii) as pii_tables,
        count(distinct table_owner) as owners,
        max(last_altered) as last_altered
    from tables
    group by table_catalog, table_schema
)

select * from final
order by table_catalog, table_schema
