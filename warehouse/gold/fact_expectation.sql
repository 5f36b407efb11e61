-- purpose: Lakeflow pipeline expectation results per day: records passed, failed and dropped.
--          dropped_records is the flow's drop count of that day (expect_or_drop), on each of its rows.
--          JSON is read with get_json_object (Databricks' `details:path` needs VARIANT on open-source Spark).
-- grain:   event_date x pipeline_id x dataset_name x expectation_name
-- params:  none
-- depends: dim_pipeline
with event_log as (
    select * from main.health_monitor_staging.published__pipeline_event_log
),

pipelines as (
    select pipeline_id, pipeline_name from main.health_monitor.dim_pipeline
),

flow_progress as (
    select
        cast(`timestamp` as date) as event_date,
        origin.pipeline_id as pipeline_id,
        origin.pipeline_name as pipeline_name,
        origin.dataset_name as flow_dataset,
        details
    from event_log
    where event_type = 'flow_progress'
        and get_json_object(details, '$.flow_progress.data_quality') is not null
),

expectation_rows as (
    select
        event_date,
        pipeline_id,
        pipeline_name,
        flow_dataset,
        explode(
            from_json(
                get_json_object(details, '$.flow_progress.data_quality.expectations'),
                'array<struct<name:string,dataset:string,passed_records:bigint,failed_records:bigint>>'
            )
        ) as expectation
    from flow_progress
),

dropped as (
    select
        event_date,
        pipeline_id,
        flow_dataset,
        sum(
            coalesce(cast(get_json_object(details, '$.flow_progress.data_quality.dropped_records') as bigint), 0)
        ) as dropped_records
    from flow_progress
    group by event_date, pipeline_id, flow_dataset
),

expectations as (
    select
        event_date,
        pipeline_id,
        max(pipeline_name) as pipeline_name,
        coalesce(expectation.dataset, flow_dataset) as dataset_name,
        flow_dataset,
        expectation.name as expectation_name,
        sum(expectation.passed_records) as passed_records,
        sum(expectation.failed_records) as failed_records
    from expectation_rows
    group by event_date, pipeline_id, coalesce(expectation.dataset, flow_dataset), flow_dataset, expectation.name
),

final as (
    select
        expectations.event_date,
        expectations.pipeline_id,
        coalesce(pipelines.pipeline_name, expectations.pipeline_name) as pipeline_name,
        expectations.dataset_name,
        expectations.expectation_name,
        cast(expectations.passed_records as bigint) as passed_records,
        cast(expectations.failed_records as bigint) as failed_records,
        cast(coalesce(dropped.dropped_records, 0) as bigint) as dropped_records,
        try_divide(
            cast(expectations.passed_records as double),
            cast(expectations.passed_records + expectations.failed_records as double)
        ) as pass_rate,
        try_divide(
            cast(expectations.failed_records as double),
            cast(expectations.passed_records + expectations.failed_records as double)
        ) as failure_rate
    from expectations
    left join dropped
        on expectations.event_date = dropped.event_date
        and expectations.pipeline_id = dropped.pipeline_id
        and expectations.flow_dataset = dropped.flow_dataset
    left join pipelines
        on expectations.pipeline_id = pipelines.pipeline_id
)

select * from final
