-- Per pipeline and dataset over the last :days days: records checked, failed, dropped, pass rate,
-- and the worst expectation.
-- Grain: one row per pipeline x dataset. Parameters: :pipeline (name or id), :days.
with expectations as (
    select * from main.health_monitor.fact_expectation
    where event_date >= date_sub(:as_of_date, :days)
      and (:pipeline is null or pipeline_id = :pipeline or lower(pipeline_name) = lower(:pipeline))
),

final as (
    select
        pipeline_name,
        dataset_name,
        count(distinct expectation_name) as expectations,
        sum(passed_records) + sum(failed_records) as checked_records,
        sum(failed_records) as failed_records,
        sum(dropped_records) as dropped_records,
        try_divide(sum(passed_records), sum(passed_records) + sum(failed_records)) * 100 as pass_rate_pct,
        max_by(expectation_name, failure_rate) as worst_expectation,
        max(event_date) as last_event_date
    from expectations
    group by pipeline_name, dataset_name
)

select * from final
order by pass_rate_pct, pipeline_name, dataset_name
