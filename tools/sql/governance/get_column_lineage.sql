-- Column-level lineage edges into or out of a table (optionally one column).
-- Grain: one row per column edge. Parameters: :table_name, :column_name.
with edges as (
    select * from main.health_monitor.fact_column_lineage
),

final as (
    select
        case
            when :table_name is null then 'edge'
            when lower(target_table_full_name) = lower(:table_name)
                 or right(lower(target_table_full_name), length(:table_name) + 1) = concat('.', lower(:table_name)) then 'upstream'
            else 'downstream'
        end as direction,
        source_table_full_name,
        source_column_name,
        target_table_full_name,
        target_column_name,
        last_seen,
        events
    from edges
    where (:table_name is null
           or lower(source_table_full_name) = lower(:table_name)
           or right(lower(source_table_full_name), length(:table_name) + 1) = concat('.', lower(:table_name))
           or lower(target_table_full_name) = lower(:table_name)
           or right(lower(target_table_full_name), length(:table_name) + 1) = concat('.', lower(:table_name)))
      and (:column_name is null or lower(source_column_name) = lower(:column_name)
           or lower(target_column_name) = lower(:column_name))
)

select * from final
order by direction, target_table_full_name, target_column_name
