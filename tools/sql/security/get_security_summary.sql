-- Security events per day, type and severity over the last :days days (the security screen's trend).
-- Grain: one row per event_date x event_type x severity. Parameters: :days.
with events as (
    select * from main.health_monitor.fact_security_event
    where event_date >= date_sub(:as_of_date, :days)
),

final as (
    select
        event_date,
        event_type,
        severity,
        count(*) as events,
        count(distinct principal) as principals,
        sum(case when is_after_hours then 1 else 0 end) as after_hours_events
    from events
    group by all
)

select * from final
order by event_date desc, events desc
