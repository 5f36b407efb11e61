-- Unusual access per principal and day (access_anomaly_detector): night-time activity, failed
-- logins, denials and first-seen IPs that are improbable for that principal, with the reason.
-- Grain: one row per anomalous principal-day in the last :days days, today included (days = 7 is
-- "this week"; the model scores every day of its history). Parameters: :days (1-90).
with anomalies as (
    select event_date, principal, is_service_principal, source_ip, events, night_events, after_hours_events,
           failed_logins, denied, new_ip_events, anomaly_score, reasons, explanation
    from main.health_monitor.ml_access_anomalies
    where is_anomaly
      and event_date > date_sub(:as_of_date, :days)
),

status as (
    select model_name, status, status_reason
    from main.health_monitor.ml_model_registry
    qualify row_number() over (partition by model_name order by trained_at desc) = 1
),

unavailable as (
    select cast(null as date) as event_date, cast(null as string) as principal,
           cast(null as boolean) as is_service_principal, cast(null as string) as source_ip, cast(null as bigint) as events,
           cast(null as bigint) as night_events, cast(null as bigint) as after_hours_events,
           cast(null as bigint) as failed_logins, cast(null as bigint) as denied, cast(null as bigint) as new_ip_events,
           cast(null as double) as anomaly_score, cast(null as string) as reasons,
           concat('No access model: access_anomaly_detector has insufficient data (', status_reason, ')') as explanation
    from status
    where model_name = 'access_anomaly_detector' and status = 'insufficient data'
),

final as (
    select * from anomalies
    union all
    select * from unavailable
)

select * from final
order by anomaly_score desc
