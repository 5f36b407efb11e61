-- purpose: data profiling metrics per table column and window (null rates, distribution moments).
-- grain:   one row per (table, column, window, log_type, granularity) for whole-table slices
-- params:  none
-- depends:
with profile_metrics as (
    select * from main.health_monitor_staging.published__profile_metrics
),

final as (
    select
        table_name as table_full_name,
        column_name,
        `window`.start as window_start,
        `window`.end as window_end,
        granularity,
        log_type,
        count as row_count,
        num_nulls,
        coalesce(try_divide(cast(num_nulls as double), cast(count as double)), percent_null / 100.0) as null_rate,
        avg,
        stddev,
        min,
        max,
        median,
        distinct_count
    from profile_metrics
    where slice_key is null
)

select * from final
