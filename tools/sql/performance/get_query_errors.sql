-- Failed SQL statements in the last :hours hours, grouped by warehouse, user and error.
-- Grain: one row per warehouse x user x error message. Parameters: :hours.
with queries as (
    select * from main.health_monitor.fact_query
    where start_date >= cast(timestampadd(HOUR, -:hours, :as_of) as date)
      and start_time >= timestampadd(HOUR, -:hours, :as_of)
      and execution_status = 'FAILED'
),

final as (
    select
        workspace_name,
        warehouse_name,
        executed_by,
        substr(coalesce(error_message, '(no message)'), 1, 200) as error_message,
        count(*) as failures,
        min(start_time) as first_seen,
        max(start_time) as last_seen
    from queries
    group by all
)

select * from final
order by failures desc, last_seen desc
