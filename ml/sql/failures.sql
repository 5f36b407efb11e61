-- Incident texts: failed job runs and failed queries with their error messages, to classify.
-- grain: one row per failure. parameters: :as_of (timestamp)
with job_failures as (
    select 'job' as source, run_id as incident_id, job_name as subject, workspace_name,
           coalesce(end_time, start_time) as occurred_at, termination_code, error_message
    from main.health_monitor.fact_job_run
    where is_failure and start_time < :as_of
),

query_failures as (
    select 'query' as source, statement_id as incident_id, coalesce(warehouse_name, warehouse_id) as subject,
           workspace_name, coalesce(end_time, start_time) as occurred_at, execution_status as termination_code,
           error_message
    from main.health_monitor.fact_query
    where execution_status = 'FAILED' and start_time < :as_of
),

final as (
    select * from job_failures
    union all
    select * from query_failures
)

select * from final
