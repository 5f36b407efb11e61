-- What a principal (or everyone) did in the last :days days, by service and action.
-- Grain: one row per principal x service x action. Parameters: :user, :days.
with audit_daily as (
    select * from main.health_monitor.fact_audit_daily
    where event_date >= date_sub(:as_of_date, :days)
      and (:user is null or lower(principal) = lower(:user)
           or lower(split_part(principal, '@', 1)) = lower(:user))
),

final as (
    select
        principal,
        service_name,
        action_name,
        sum(events) as events,
        sum(failures) as failures,
        sum(after_hours_events) as after_hours_events,
        sum(pii_accesses) as pii_accesses,
        min(event_date) as first_date,
        max(event_date) as last_date
    from audit_daily
    group by all
)

select * from final
order by events desc
