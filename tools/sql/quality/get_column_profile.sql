-- The latest profile of each column of a table: null rate, distinct count, min/avg/max.
-- Grain: one row per column. Parameters: :table (name or full name).
with profiles as (
    select * from main.health_monitor.fact_table_profile
    where column_name is not null and column_name <> ':table'
      and (:table is null or lower(table_full_name) = lower(:table)
           or right(lower(table_full_name), length(:table) + 1) = concat('.', lower(:table)))
),

ranked as (
    select *, row_number() over (partition by table_full_name, column_name order by window_end desc) as rn
    from profiles
),

final as (
    select table_full_name, column_name, window_start, window_end, row_count, num_nulls,
           null_rate * 100 as null_rate_pct, distinct_count, min, avg, max, stddev
    from ranked
    where rn = 1
)

select * from final
order by table_full_name, null_rate_pct desc, column_name
