-- Compliance findings of the last 30 days: PII reads, grants on PII tables, tokens with no expiry,
-- after-hours activity of humans, denied requests, tables without a description.
-- Grain: one row per finding (violation type x subject). Parameters: :type (null = all).
with security_events as (
    select * from main.health_monitor.fact_security_event
    where event_date >= date_sub(:as_of_date, 30)
),

audit_daily as (
    select * from main.health_monitor.fact_audit_daily
    where event_date >= date_sub(:as_of_date, 30)
),

grants as (
    select * from main.health_monitor.fact_grants
),

tables as (
    select * from main.health_monitor.dim_table
),

pii_access as (
    select 'pii_access' as violation_type, 'medium' as severity, principal as subject,
           concat('read PII tables ', cast(count(*) as string), ' times') as detail,
           max(event_time) as last_seen, count(*) as occurrences
    from security_events
    where event_type = 'PII_ACCESS'
    group by principal
),

pii_grants as (
    select 'pii_grant' as violation_type, 'high' as severity, grantee as subject,
           concat(privilege_type, ' on ', table_full_name) as detail,
           cast(null as timestamp) as last_seen, cast(1 as bigint) as occurrences
    from grants
    where is_pii and privilege_type in ('SELECT', 'MODIFY', 'ALL PRIVILEGES')
),

tokens as (
    select 'token_no_expiry' as violation_type, severity, principal as subject,
           coalesce(detail, action_name) as detail, max(event_time) as last_seen, count(*) as occurrences
    from security_events
    where event_type = 'TOKEN_CREATED' and severity = 'high'
    group by all
),

after_hours as (
    select 'after_hours' as violation_type, 'low' as severity, principal as subject,
           concat(cast(sum(after_hours_events) as string), ' events outside 07:00-20:00 UTC or at weekends') as detail,
           cast(null as timestamp) as last_seen, sum(after_hours_events) as occurrences
    from audit_daily
    where not is_service_principal
    group by principal
    having sum(after_hours_events) > 0
),

denied as (
    select 'denied_requests' as violation_type, 'low' as severity, principal as subject,
           concat(cast(sum(denied) as string), ' denied requests') as detail,
           cast(null as timestamp) as last_seen, sum(denied) as occurrences
    from audit_daily
    group by principal
    having sum(denied) >= 5
),

undocumented as (
    select 'undocumented_table' as violation_type, 'low' as severity, table_full_name as subject,
           'table has no description' as detail, last_altered as last_seen, cast(1 as bigint) as occurrences
    from tables
    where not has_comment and table_catalog <> 'system'
),

findings as (
    select * from pii_access
    union all select * from pii_grants
    union all select * from tokens
    union all select * from after_hours
    union all select * from denied
    union all select * from undocumented
),

final as (
    select * from findings
    where :type is null or violation_type = :type
)

select * from final
order by case severity when 'high' then 1 when 'medium' then 2 else 3 end, occurrences desc, subject
