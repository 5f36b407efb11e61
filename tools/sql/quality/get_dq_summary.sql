-- Data-quality scorecard per table of a schema: freshness, expectation pass rate and worst null rate
-- over the last :days days.
-- Grain: one row per table. Parameters: :schema (schema or catalog.schema), :days.
with tables as (
    select * from main.health_monitor.dim_table
    where table_catalog <> 'system'
      and (:schema is null or lower(table_schema) = lower(:schema)
           or lower(concat(table_catalog, '.', table_schema)) = lower(:schema))
),

expectations as (
    select
        lower(dataset_name) as dataset_name,
        sum(passed_records) as passed_records,
        sum(failed_records) as failed_records,
        sum(dropped_records) as dropped_records
    from main.health_monitor.fact_expectation
    where event_date >= date_sub(:as_of_date, :days)
    group by all
),

profiles as (
    select table_full_name, max(null_rate) as max_null_rate
    from main.health_monitor.fact_table_profile
    where window_start >= timestampadd(DAY, -:days, :as_of)
      and column_name is not null and column_name <> ':table'
    group by table_full_name
),

final as (
    select
        t.table_full_name,
        t.table_owner,
        t.is_stale,
        t.hours_since_update,
        e.passed_records + e.failed_records as checked_records,
        e.failed_records,
        e.dropped_records,
        try_divide(e.passed_records, e.passed_records + e.failed_records) * 100 as expectation_pass_rate_pct,
        p.max_null_rate * 100 as max_null_rate_pct,
        (case when t.is_stale then 1 else 0 end)
            + (case when e.failed_records > 0 then 1 else 0 end)
            + (case when p.max_null_rate > 0.05 then 1 else 0 end) as issues
    from tables as t
    left join expectations as e
        on e.dataset_name in (lower(t.table_name), lower(t.table_full_name))
    left join profiles as p on t.table_full_name = p.table_full_name
)

select * from final
order by issues desc, table_full_name
