-- Schema changes seen through the loads they broke: failed runs in the last :days days whose error says
-- the data's shape changed (Delta merge of incompatible fields, schema mismatch, a column that changed type
-- or vanished), with the table the error names. There is no system table of schema changes; a change that
-- broke nothing is not seen here. The error classes match graph/relations.py SCHEMA_CHANGE_ERRORS.
-- Grain: one row per job x error. Parameters: :days.
with failed as (
    select * from main.health_monitor.fact_job_run
    where run_date >= date_sub(:as_of_date, :days)
      and is_failure
      and (
          upper(error_message) like '%DELTA_FAILED_TO_MERGE_FIELDS%'
          or upper(error_message) like '%SCHEMA_MISMATCH%'
          or upper(error_message) like '%DELTA_SCHEMA_CHANGED%'
          or upper(error_message) like '%UNRESOLVED_COLUMN%'
          or upper(error_message) like '%CANNOT_UP_CAST%'
          or lower(error_message) like '%schema mismatch%'
          or lower(error_message) like '%schema change%'
          or lower(error_message) like '%changed type%'
      )
),

final as (
    select
        workspace_name,
        job_id,
        job_name,
        nullif(regexp_extract(error_message, '([A-Za-z_][A-Za-z0-9_]*[.][A-Za-z_][A-Za-z0-9_]*[.][A-Za-z_][A-Za-z0-9_]*)', 1), '')
            as table_full_name,
        substr(error_message, 1, 300) as error_message,
        count(*) as failures,
        min(start_time) as first_failure,
        max(start_time) as last_failure
    from failed
    group by all
)

select * from final
order by last_failure desc
