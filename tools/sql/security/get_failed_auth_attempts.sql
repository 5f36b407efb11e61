-- Failed login attempts in the last :hours hours, one row per attempt, with the number of
-- attempts from the same IP in the window.
-- Grain: one row per failed attempt. Parameters: :hours.
with audit as (
    select * from main.health_monitor.fact_audit
    where event_date >= cast(timestampadd(HOUR, -:hours, :as_of) as date)
      and event_time >= timestampadd(HOUR, -:hours, :as_of)
      and event_time <= :as_of
      and is_failed_login
),

final as (
    select
        event_time,
        workspace_name,
        principal,
        source_ip_address,
        user_agent,
        service_name,
        action_name,
        status_code,
        error_message,
        is_after_hours,
        count(*) over (partition by source_ip_address) as attempts_from_ip
    from audit
)

select * from final
order by event_time desc
