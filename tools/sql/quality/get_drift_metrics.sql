-- Distribution drift per profiled column: the 7 days to :end_date against a baseline week ending on
-- :baseline_date, or 7 days before :end_date when that is earlier (mean shift in baseline standard deviations,
-- null-rate and distinct-count change).
-- Grain: one row per table x column. Parameters: :table (name or full name), :baseline_date, :end_date.
with profiles as (
    select * from main.health_monitor.fact_table_profile
    where column_name is not null and column_name <> ':table'
      and (:table is null or lower(table_full_name) = lower(:table)
           or right(lower(table_full_name), length(:table) + 1) = concat('.', lower(:table)))
),

baseline as (
    select table_full_name, column_name, avg(avg) as base_avg, avg(stddev) as base_stddev,
           avg(null_rate) as base_null_rate, avg(distinct_count) as base_distinct, count(*) as base_windows
    from profiles
    where cast(window_start as date) between date_sub(least(:baseline_date, date_sub(:end_date, 7)), 6)
                                         and least(:baseline_date, date_sub(:end_date, 7))
    group by all
),

recent as (
    select table_full_name, column_name, avg(avg) as recent_avg, avg(null_rate) as recent_null_rate,
           avg(distinct_count) as recent_distinct, count(*) as recent_windows
    from profiles
    where cast(window_start as date) between date_sub(:end_date, 6) and :end_date
    group by all
),

final as (
    select
        b.table_full_name,
        b.column_name,
        b.base_avg as baseline_avg,
        r.recent_avg,
        b.base_stddev as baseline_stddev,
        try_divide(r.recent_avg - b.base_avg, b.base_stddev) as mean_shift_stddevs,
        (r.recent_null_rate - b.base_null_rate) * 100 as null_rate_change_pct,
        try_divide(r.recent_distinct - b.base_distinct, b.base_distinct) * 100 as distinct_change_pct,
        abs(coalesce(try_divide(r.recent_avg - b.base_avg, b.base_stddev), 0)) >= 0.5
            or abs(r.recent_null_rate - b.base_null_rate) >= 0.05 as is_drift
    from baseline as b
    inner join recent as r on b.table_full_name = r.table_full_name and b.column_name = r.column_name
)

select * from final
order by is_drift desc, abs(coalesce(mean_shift_stddevs, 0)) desc
