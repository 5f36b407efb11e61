-- Personal access tokens and other credentials created in the last :days days (no expiry = high severity).
-- Grain: one row per token event. Parameters: :days.
with events as (
    select * from main.health_monitor.fact_security_event
    where event_date >= date_sub(:as_of_date, :days)
      and event_type = 'TOKEN_CREATED'
),

final as (
    select event_time, workspace_name, principal, is_service_principal, action_name, severity, detail,
           source_ip_address
    from events
)

select * from final
order by event_time desc
