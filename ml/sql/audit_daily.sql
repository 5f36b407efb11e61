-- Access features: one row per principal and day of audit activity, with the counts an access
-- anomaly is made of (night-time and after-hours events, failed logins, denials, first-seen IPs).
-- "New IP" compares with the principal's own earlier days only, so rows can be sliced by date.
-- grain: principal x event_date. parameters: :as_of (timestamp)
with audit as (
    select principal, is_service_principal, event_date, event_time, source_ip_address, is_failed_login,
           is_denied, is_after_hours, is_pii_access, hour(event_time) as event_hour
    from main.health_monitor.fact_audit
    where event_time < :as_of
      and principal is not null
),

ip_first as (
    select principal, source_ip_address, min(event_date) as ip_first_date
    from audit
    group by principal, source_ip_address
),

principal_first as (
    select principal, min(event_date) as principal_first_date
    from audit
    group by principal
),

joined as (
    select audit.*, ip_first.ip_first_date, principal_first.principal_first_date
    from audit
    left join ip_first
        on audit.principal = ip_first.principal and audit.source_ip_address <=> ip_first.source_ip_address
    left join principal_first
        on audit.principal = principal_first.principal
),

final as (
    select
        principal,
        max(is_service_principal) as is_service_principal,
        event_date,
        min(principal_first_date) as principal_first_date,
        count(*) as events,
        count_if(event_hour < 6) as night_events,
        count_if(is_after_hours) as after_hours_events,
        count_if(is_failed_login) as failed_logins,
        count_if(is_denied) as denied,
        count_if(is_pii_access) as pii_accesses,
        count(distinct source_ip_address) as distinct_ips,
        count_if(ip_first_date = event_date and principal_first_date < event_date) as new_ip_events,
        max(case when is_failed_login then source_ip_address end) as failed_login_ip,
        max(case when ip_first_date = event_date and principal_first_date < event_date then source_ip_address end)
            as new_ip,
        min(case when event_hour < 6 then event_hour end) as first_night_hour,
        max(case when event_hour < 6 then event_hour end) as last_night_hour,
        min(case when is_failed_login then event_hour end) as first_failed_hour
    from joined
    group by principal, event_date
)

select * from final
