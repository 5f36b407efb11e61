-- Breach-risk features: one row per principal and day with security-relevant counts from the audit
-- facts and the security events (severity), summed into 7-day windows in Python.
-- grain: principal x event_date. parameters: :as_of (timestamp)
with audit_daily as (
    select principal, event_date, max(is_service_principal) as is_service_principal, sum(events) as events,
           sum(failures) as failures, sum(denied) as denied, sum(failed_logins) as failed_logins,
           sum(after_hours_events) as after_hours_events, sum(pii_accesses) as pii_accesses,
           max(distinct_ips) as distinct_ips
    from main.health_monitor.fact_audit_daily
    where event_date < cast(:as_of as date) + interval 1 day
    group by principal, event_date
),

security as (
    select
        principal,
        event_date,
        count_if(event_type = 'PERMISSION_CHANGE') as permission_changes,
        count_if(event_type = 'TOKEN_CREATED') as tokens_created,
        count_if(event_type = 'ADMIN_ACTION') as admin_actions,
        count_if(severity = 'high') as high_severity,
        count_if(severity in ('medium', 'high')) as medium_plus,
        max(case when event_type = 'PERMISSION_CHANGE' then detail end) as permission_detail
    from main.health_monitor.fact_security_event
    where event_time < :as_of
    group by principal, event_date
),

final as (
    select
        audit_daily.principal,
        audit_daily.event_date,
        audit_daily.is_service_principal,
        audit_daily.events,
        audit_daily.failures,
        audit_daily.denied,
        audit_daily.failed_logins,
        audit_daily.after_hours_events,
        audit_daily.pii_accesses,
        audit_daily.distinct_ips,
        coalesce(security.permission_changes, 0) as permission_changes,
        coalesce(security.tokens_created, 0) as tokens_created,
        coalesce(security.admin_actions, 0) as admin_actions,
        coalesce(security.high_severity, 0) as high_severity,
        coalesce(security.medium_plus, 0) as medium_plus,
        security.permission_detail
    from audit_daily
    left join security
        on audit_daily.principal = security.principal and audit_daily.event_date = security.event_date
)

select * from final
