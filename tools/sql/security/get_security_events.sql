-- Security-relevant audit events (failed logins, permission changes, tokens, PII reads, denials,
-- admin actions) between two dates, at or above a minimum severity.
-- Grain: one row per event. Parameters: :start_date, :end_date, :severity (low|medium|high|null).
with events as (
    select * from main.health_monitor.fact_security_event
    where event_date between :start_date and :end_date
),

final as (
    select
        event_time,
        workspace_name,
        principal,
        is_service_principal,
        event_type,
        severity,
        source_ip_address,
        service_name,
        action_name,
        securable_full_name,
        status_code,
        detail,
        is_after_hours
    from events
    where (case severity when 'high' then 3 when 'medium' then 2 else 1 end)
          >= (case coalesce(:severity, 'low') when 'high' then 3 when 'medium' then 2 else 1 end)
)

select * from final
order by event_time desc
