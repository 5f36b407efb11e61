-- Reads of PII-tagged tables in the last :days days, per principal and table.
-- Grain: one row per principal x table. Parameters: :user (principal or its name before @), :days.
with audit as (
    select * from main.health_monitor.fact_audit
    where event_date >= date_sub(:as_of_date, :days)
      and is_pii_access
      and (:user is null or lower(principal) = lower(:user)
           or lower(split_part(principal, '@', 1)) = lower(:user))
),

final as (
    select
        principal,
        is_service_principal,
        securable_full_name,
        count(*) as accesses,
        count(distinct event_date) as days_with_access,
        min(event_time) as first_access,
        max(event_time) as last_access,
        count(distinct source_ip_address) as distinct_ips,
        sum(case when is_after_hours then 1 else 0 end) as after_hours_accesses
    from audit
    group by all
)

select * from final
order by accesses desc
