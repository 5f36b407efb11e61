-- Grants, revokes and other permission changes in the last :days days.
-- Grain: one row per change event. Parameters: :days.
with events as (
    select * from main.health_monitor.fact_security_event
    where event_date >= date_sub(:as_of_date, :days)
      and event_type = 'PERMISSION_CHANGE'
),

final as (
    select
        event_time,
        workspace_name,
        principal,
        service_name,
        action_name,
        securable_full_name,
        detail,
        severity,
        is_after_hours
    from events
)

select * from final
order by event_time desc
