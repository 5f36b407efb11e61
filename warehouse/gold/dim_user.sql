-- purpose: every principal (user or service principal) seen in audit, billing, jobs or queries.
-- grain:   one row per principal
-- params:  none
-- depends:
with audit as (
    select user_identity.email as principal, event_time
    from main.health_monitor_staging.access__audit
    where user_identity.email is not null
),

usage as (
    select identity_metadata.run_as as principal, usage_end_time as event_time
    from main.health_monitor_staging.billing__usage
    where identity_metadata.run_as is not null
),

jobs as (
    select run_as_user_name as principal, change_time as event_time
    from main.health_monitor_staging.lakeflow__jobs
    where run_as_user_name is not null
),

queries as (
    select executed_by as principal, start_time as event_time
    from main.health_monitor_staging.query__history
    where executed_by is not null
),

audit_seen as (
    select principal, min(event_time) as first_seen, max(event_time) as last_seen, count(*) as audit_events
    from audit
    group by principal
),

other_seen as (
    select principal, min(event_time) as first_seen, max(event_time) as last_seen, cast(0 as bigint) as audit_events
    from (
        select principal, event_time from usage
        union all
        select principal, event_time from jobs
        union all
        select principal, event_time from queries
    ) as seen
    group by principal
),

combined as (
    select principal, min(first_seen) as first_seen, max(last_seen) as last_seen,
        cast(sum(audit_events) as bigint) as audit_events
    from (
        select * from audit_seen
        union all
        select * from other_seen
    ) as both_sources
    group by principal
),

final as (
    select
        principal,
        principal not like '%@%' as is_service_principal,
        first_seen,
        last_seen,
        audit_events
    from combined
)

select * from final
