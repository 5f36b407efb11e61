-- Behaviour profiles: events per principal, day and hour of day (UTC), for hour-of-day profiles.
-- grain: principal x event_date x event_hour. parameters: :as_of (timestamp)
with audit as (
    select principal, is_service_principal, event_date, hour(event_time) as event_hour, service_name
    from main.health_monitor.fact_audit
    where event_time < :as_of
      and principal is not null
),

final as (
    select principal, max(is_service_principal) as is_service_principal, event_date, event_hour,
           count(*) as events, count(distinct service_name) as services
    from audit
    group by principal, event_date, event_hour
)

select * from final
