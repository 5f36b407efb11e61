-- Every principal (user or service principal) seen in audit, billing, jobs or queries, with when it was first and last
-- seen: an inventory of identities, and the dormant ones to clean up. Service principals have no "@" in their name.
-- Grain: one row per principal. Parameters: :kind ('service' or 'user'; null for both).
with principals as (
    select * from main.health_monitor.dim_user
    where :kind is null
       or (:kind = 'service' and is_service_principal)
       or (:kind = 'user' and not is_service_principal)
),

final as (
    select principal, is_service_principal, first_seen, last_seen, audit_events,
           datediff(cast(:as_of_date as date), cast(last_seen as date)) as days_since_seen
    from principals
)

select * from final
order by last_seen desc, principal
