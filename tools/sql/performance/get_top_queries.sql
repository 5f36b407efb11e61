-- The longest SQL statements of the last :days days, top N (or, rank_by 'read', those that read the most data).
-- Grain: one row per statement. Parameters: :days, :top_n, :warehouse (id or name), :rank_by ('duration' or 'read').
with queries as (
    select * from main.health_monitor.fact_query
    where start_date >= date_sub(:as_of_date, :days)
      and (:warehouse is null or warehouse_id = :warehouse or lower(warehouse_name) = lower(:warehouse))
),

ranked as (
    select *, row_number() over (
        order by case when :rank_by = 'read' then cast(read_bytes as double) else duration_seconds end desc nulls last,
                 statement_id
    ) as rn
    from queries
),

final as (
    select
        rn as rank,
        start_time,
        warehouse_name,
        executed_by,
        statement_type,
        execution_status,
        duration_seconds / 60.0 as duration_minutes,
        read_bytes / 1e9 as read_gb,
        substr(statement_text, 1, 200) as statement_text
    from ranked
    where rn <= :top_n
)

select * from final
order by rank
