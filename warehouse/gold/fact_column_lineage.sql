-- purpose: column-to-column lineage edges.
-- grain:   one row per (source table, source column, target table, target column)
-- params:  none
-- depends:
with column_lineage as (
    select * from main.health_monitor_staging.access__column_lineage
),

final as (
    select
        source_table_full_name,
        source_column_name,
        target_table_full_name,
        target_column_name,
        max(event_time) as last_seen,
        count(*) as events
    from column_lineage
    where source_table_full_name is not null
        and target_table_full_name is not null
    group by source_table_full_name, source_column_name, target_table_full_name, target_column_name
)

select * from final
