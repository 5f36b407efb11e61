-- purpose: data quality monitoring results per table scan: freshness and completeness checks, with the
--          last commit, the predicted next one and the rows added that day against their predicted range.
--          Source: system.data_quality_monitoring.table_results (Public Preview; account admins, or granted).
-- grain:   one row per (table_full_name, evaluated_at)
-- params:  none
-- depends:
with results as (
    select * from main.health_monitor_staging.data_quality_monitoring__table_results
),

final as (
    select
        concat_ws('.', catalog_name, schema_name, table_name) as table_full_name,
        event_time as evaluated_at,
        cast(event_time as date) as evaluated_date,
        status,
        freshness.status as freshness_status,
        freshness.commit_freshness.last_value as last_commit_time,
        freshness.commit_freshness.predicted_value as predicted_commit_time,
        completeness.status as completeness_status,
        completeness.daily_row_count.last_value as daily_row_count,
        completeness.daily_row_count.min_predicted_value as daily_row_count_min_predicted,
        completeness.daily_row_count.max_predicted_value as daily_row_count_max_predicted,
        completeness.total_row_count.last_value as total_row_count,
        downstream_impact.impact_level as impact_level,
        downstream_impact.num_downstream_tables as downstream_tables
    from results
)

select * from final
