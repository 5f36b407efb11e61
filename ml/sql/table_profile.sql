-- Data-drift features: daily profile metrics per table column (Lakehouse Monitoring INPUT rows).
-- grain: table_full_name x column_name x window_start (1 day). parameters: :as_of (timestamp)
with profile as (
    select table_full_name, column_name, window_start, row_count, num_nulls, null_rate, avg, stddev,
           median, min, max, distinct_count
    from main.health_monitor.fact_table_profile
    where window_start < :as_of
      and coalesce(log_type, 'INPUT') = 'INPUT'
      and coalesce(granularity, '1 day') = '1 day'
      and column_name is not null
      and column_name <> ':table'
),

final as (
    select * from profile
)

select * from final
