-- Failed runs, in the last :hours hours, of the jobs that write a table (the writer of its Gold lineage
-- edges). Why a table is stale or wrong usually starts with the job that stopped writing it.
-- Grain: one row per failed run and written table. Parameters: :table (name or full name; omit for every
-- table with a known writer), :hours.
with writers as (
    select distinct job_id, target_table_full_name as table_full_name
    from main.health_monitor.fact_lineage
    where job_id is not null
        and entity_type <> 'GOLD_BUILD'
        and (:table is null or lower(target_table_full_name) = lower(:table)
             or right(lower(target_table_full_name), length(:table) + 1) = concat('.', lower(:table)))
),

failed as (
    select * from main.health_monitor.fact_job_run
    where run_date >= cast(timestampadd(HOUR, -:hours, :as_of) as date)
        and start_time >= timestampadd(HOUR, -:hours, :as_of)
        and start_time <= :as_of
        and is_failure
),

final as (
    select
        w.table_full_name,
        f.start_time,
        f.workspace_id,
        f.workspace_name,
        f.job_id,
        f.job_name,
        f.run_id,
        f.result_state,
        f.termination_code,
        f.error_message
    from failed as f
    inner join writers as w on f.job_id = w.job_id
)

select * from final
order by start_time desc, table_full_name
