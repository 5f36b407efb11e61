-- Security events whose principal, action, securable or detail mentions some text (e.g. a group
-- name such as contractors, a table, an IP) in the last :days days.
-- Grain: one row per event. Parameters: :text, :days.
with events as (
    select * from main.health_monitor.fact_security_event
    where event_date >= date_sub(:as_of_date, :days)
),

final as (
    select event_time, workspace_name, principal, event_type, severity, action_name, securable_full_name,
           source_ip_address, detail
    from events
    where :text is null
       or contains(lower(coalesce(principal, '')), lower(:text))
       or contains(lower(coalesce(action_name, '')), lower(:text))
       or contains(lower(coalesce(securable_full_name, '')), lower(:text))
       or contains(lower(coalesce(detail, '')), lower(:text))
       or contains(lower(coalesce(source_ip_address, '')), lower(:text))
)

select * from final
order by event_time desc
