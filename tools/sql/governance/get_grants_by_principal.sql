-- Privileges held by a grantee (user or group), or made by a grantor, and/or of one type, optionally within a catalog.
-- Grain: one row per table x grantee x privilege. Parameters: :grantee, :grantor, :privilege, :catalog.
with grants as (
    select * from main.health_monitor.fact_grants
    where (:grantee is null or lower(grantee) = lower(:grantee))
      and (:grantor is null or lower(grantor) = lower(:grantor))
      and (:privilege is null or upper(privilege_type) = upper(:privilege))
      and (:catalog is null or lower(table_catalog) = lower(:catalog))
),

final as (
    select table_full_name, table_catalog, grantee, privilege_type, grantor, inherited_from, is_pii, last_granted
    from grants
)

select * from final
order by is_pii desc, last_granted desc nulls last, grantee, table_full_name, privilege_type
