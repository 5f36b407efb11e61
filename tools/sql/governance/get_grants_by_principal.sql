-- Privileges held by a grantee (user or group), or made by a grantor, and/or of one type, optionally within a catalog.
-- Grain: one row per table x grantee x privilege. Parameters: :grantee, :grantor, :privilege, :catalog.
-- last_granted: the latest permission change in the audit log on that table naming the grantee (null when older).
with grants as (
    select * from main.health_monitor.fact_grants
    where (:grantee is null or lower(grantee) = lower(:grantee))
      and (:grantor is null or lower(grantor) = lower(:grantor))
      and (:privilege is null or upper(privilege_type) = upper(:privilege))
      and (:catalog is null or lower(table_catalog) = lower(:catalog))
),

changes as (
    select securable_full_name, detail, event_time
    from main.health_monitor.fact_security_event
    where event_type = 'PERMISSION_CHANGE' and securable_full_name is not null
),

final as (
    select g.table_full_name, g.table_catalog, g.grantee, g.privilege_type, g.grantor, g.inherited_from, g.is_pii,
           max(c.event_time) as last_granted
    from grants g
    left join changes c
      on lower(c.securable_full_name) = lower(g.table_full_name)
     and c.detail like concat('%"', g.grantee, '"%')
    group by g.table_full_name, g.table_catalog, g.grantee, g.privilege_type, g.grantor, g.inherited_from, g.is_pii
)

select * from final
order by is_pii desc, last_granted desc nulls last, grantee, table_full_name, privilege_type
