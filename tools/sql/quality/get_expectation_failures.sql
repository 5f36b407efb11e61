-- Pipeline expectations that failed or dropped records in the last :days days.
-- Grain: one row per event_date x pipeline x dataset x expectation. Parameters: :pipeline (name or id), :days.
with expectations as (
    select * from main.health_monitor.fact_expectation
    where event_date >= date_sub(:as_of_date, :days)
      and (:pipeline is null or pipeline_id = :pipeline or lower(pipeline_name) = lower(:pipeline))
),

final as (
    select
        event_date,
        pipeline_name,
        dataset_name,
        expectation_name,
        passed_records,
        failed_records,
        dropped_records,
        pass_rate * 100 as pass_rate_pct,
        failure_rate * 100 as failure_rate_pct
    from expectations
    where failed_records > 0 or dropped_records > 0
)

select * from final
order by event_date desc, failure_rate_pct desc
