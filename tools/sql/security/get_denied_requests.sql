-- Principals with the most denied (HTTP 401/403) requests in the last :days days.
-- Grain: one row per principal. Parameters: :days, :top_n.
with audit_daily as (
    select * from main.health_monitor.fact_audit_daily
    where event_date >= date_sub(:as_of_date, :days)
),

by_principal as (
    select
        principal,
        is_service_principal,
        sum(denied) as denied_requests,
        sum(failed_logins) as failed_logins,
        sum(events) as events,
        max(case when denied > 0 then event_date end) as last_denied_date
    from audit_daily
    group by all
    having sum(denied) > 0
),

ranked as (
    select *, row_number() over (order by denied_requests desc, principal) as rn from by_principal
),

final as (
    select rn as rank, principal, is_service_principal, denied_requests, failed_logins, events, last_denied_date
    from ranked
    where rn <= :top_n
)

select * from final
order by rank
