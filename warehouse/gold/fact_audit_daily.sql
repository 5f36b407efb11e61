-- purpose: audit activity pre-aggregated per principal and action per day (fast security summaries).
-- grain:   event_date x workspace_id x principal x service_name x action_name
-- params:  none
-- depends: fact_audit
with audit as (
    select * from main.health_monitor.fact_audit
),

final as (
    select
        event_date,
        workspace_id,
        principal,
        is_service_principal,
        service_name,
        action_name,
        count(*) as events,
        cast(count_if(is_failure) as bigint) as failures,
        cast(count_if(is_denied) as bigint) as denied,
        cast(count_if(is_failed_login) as bigint) as failed_logins,
        cast(count_if(is_after_hours) as bigint) as after_hours_events,
        cast(count_if(is_pii_access) as bigint) as pii_accesses,
        count(distinct source_ip_address) as distinct_ips
    from audit
    group by event_date, workspace_id, principal, is_service_principal, service_name, action_name
)

select * from final
