-- Privileges held by a grantee (user or group) and/or of one type, optionally within a catalog.
-- Grain: one row per table x grantee x privilege. Parameters: :grantee, :privilege, :catalog.
with grants as (
    select * from main.health_monitor.fact_grants
),

final as (
    select table_full_name, table_catalog, grantee, privilege_type, grantor, inherited_from, is_pii
    from grants
    where (:grantee is null or lower(grantee) = lower(:grantee))
      and (:privilege is null or upper(privilege_type) = upper(:privilege))
      and (:catalog is null or lower(table_catalog) = lower(:catalog))
)

select * from final
order by is_pii desc, grantee, table_full_name, privilege_type
