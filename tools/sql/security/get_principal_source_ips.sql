-- The source IP addresses a principal (or everyone) used in the last :days days, from the audit log: events,
-- failures and after-hours events per address, first and last seen, and whether the address is new for that
-- principal (not used in the 30 days before the window).
-- Grain: one row per principal x source IP. Parameters: :user, :days.
with audit as (
    select * from main.health_monitor.fact_audit
    where event_date >= date_sub(:as_of_date, :days + 30)
      and event_time <= :as_of
      and source_ip_address is not null
      and (:user is null or lower(principal) = lower(:user)
           or lower(split_part(principal, '@', 1)) = lower(:user))
),

windowed as (
    select * from audit
    where event_date >= date_sub(:as_of_date, :days)
),

seen_before as (
    select distinct principal, source_ip_address from audit
    where event_date < date_sub(:as_of_date, :days)
),

final as (
    select
        w.principal,
        w.source_ip_address,
        count(*) as events,
        sum(case when w.is_failure then 1 else 0 end) as failures,
        sum(case when w.is_after_hours then 1 else 0 end) as after_hours_events,
        min(w.event_time) as first_seen,
        max(w.event_time) as last_seen,
        max(case when b.source_ip_address is null then 1 else 0 end) = 1 as is_new_ip
    from windowed as w
    left join seen_before as b
        on b.principal = w.principal and b.source_ip_address = w.source_ip_address
    group by w.principal, w.source_ip_address
)

select * from final
order by is_new_ip desc, after_hours_events desc, events desc
