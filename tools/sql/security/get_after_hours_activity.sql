-- Activity outside working hours (before 07:00 or after 20:00 UTC, or at weekends) in the last :days days.
-- Grain: one row per principal x day. Parameters: :user (optional principal), :days.
with audit as (
    select * from main.health_monitor.fact_audit
    where event_date >= date_sub(:as_of_date, :days)
      and is_after_hours
      and (:user is null or lower(principal) = lower(:user)
           or lower(split_part(principal, '@', 1)) = lower(:user))
),

final as (
    select
        event_date,
        principal,
        is_service_principal,
        count(*) as events,
        min(event_time) as first_event,
        max(event_time) as last_event,
        count(distinct action_name) as distinct_actions,
        count(distinct source_ip_address) as distinct_ips,
        sum(case when is_failure then 1 else 0 end) as failures
    from audit
    group by all
)

select * from final
order by is_service_principal, event_date desc, events desc
