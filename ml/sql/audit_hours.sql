-- Behaviour profiles: events per principal and day, one column per hour of day (UTC), so the
-- hour-of-day profiles come back at entity x day grain (24 counts a row), not one row per hour.
-- grain: principal x event_date. parameters: :as_of (timestamp)
with audit as (
    select principal, is_service_principal, event_date, hour(event_time) as event_hour
    from main.health_monitor.fact_audit
    where event_time < :as_of
      and principal is not null
),

final as (
    select
        principal,
        max(is_service_principal) as is_service_principal,
        event_date,
        count(*) as events,
        cast(count_if(event_hour = 0) as int) as h00,
        cast(count_if(event_hour = 1) as int) as h01,
        cast(count_if(event_hour = 2) as int) as h02,
        cast(count_if(event_hour = 3) as int) as h03,
        cast(count_if(event_hour = 4) as int) as h04,
        cast(count_if(event_hour = 5) as int) as h05,
        cast(count_if(event_hour = 6) as int) as h06,
        cast(count_if(event_hour = 7) as int) as h07,
        cast(count_if(event_hour = 8) as int) as h08,
        cast(count_if(event_hour = 9) as int) as h09,
        cast(count_if(event_hour = 10) as int) as h10,
        cast(count_if(event_hour = 11) as int) as h11,
        cast(count_if(event_hour = 12) as int) as h12,
        cast(count_if(event_hour = 13) as int) as h13,
        cast(count_if(event_hour = 14) as int) as h14,
        cast(count_if(event_hour = 15) as int) as h15,
        cast(count_if(event_hour = 16) as int) as h16,
        cast(count_if(event_hour = 17) as int) as h17,
        cast(count_if(event_hour = 18) as int) as h18,
        cast(count_if(event_hour = 19) as int) as h19,
        cast(count_if(event_hour = 20) as int) as h20,
        cast(count_if(event_hour = 21) as int) as h21,
        cast(count_if(event_hour = 22) as int) as h22,
        cast(count_if(event_hour = 23) as int) as h23
    from audit
    group by principal, event_date
)

select * from final
