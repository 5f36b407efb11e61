-- The principals active in the audit log between :start_date and :end_date (events, active days, first and last
-- active day): adoption, "how many people use the platform", and the same count for an earlier period.
-- Grain: one row per principal. Parameters: :kind ('service' or 'user'; null for both), :start_date, :end_date,
-- :workspace (name or id; null for all).
with workspaces as (
    select workspace_id from main.health_monitor.dim_workspace
    where lower(workspace_name) = lower(:workspace) or workspace_id = :workspace
),

activity as (
    select principal, max(cast(is_service_principal as int)) = 1 as is_service_principal, sum(events) as events,
           count(distinct event_date) as active_days, min(event_date) as first_active, max(event_date) as last_active
    from main.health_monitor.fact_audit_daily
    where event_date between :start_date and :end_date
      and principal is not null
      and (:workspace is null or workspace_id in (select workspace_id from workspaces))
    group by principal
)

select principal, is_service_principal, cast(events as bigint) as events, cast(active_days as bigint) as active_days,
       first_active, last_active
from activity
where :kind is null
   or (:kind = 'service' and is_service_principal)
   or (:kind = 'user' and not is_service_principal)
order by events desc, principal
