-- Tables refreshed on a schedule that are behind it: not written for more than :hours hours, or (when
-- :hours is null) for more than 1.5 x their usual refresh interval.
-- Grain: one row per stale table. Parameters: :hours.
with tables as (
    select * from main.health_monitor.dim_table
    where expected_refresh_hours is not null
),

final as (
    select
        table_full_name,
        table_schema,
        table_name,
        table_owner,
        last_write_time,
        hours_since_update,
        expected_refresh_hours,
        coalesce(cast(:hours as double), 1.5 * expected_refresh_hours) as threshold_hours,
        hours_since_update / expected_refresh_hours as refreshes_missed
    from tables
    where hours_since_update > coalesce(cast(:hours as double), 1.5 * expected_refresh_hours)
)

select * from final
order by refreshes_missed desc, hours_since_update desc
