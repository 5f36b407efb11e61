-- purpose: who holds which privilege on which table, with the table's PII flag (access reviews).
-- grain:   one row per (table, grantee, privilege_type, inherited_from)
-- params:  none
-- depends: dim_table
with privileges as (
    select * from main.health_monitor_staging.information_schema__table_privileges
),

tables as (
    select table_full_name, is_pii from main.health_monitor.dim_table
),

final as (
    select
        concat_ws('.', privileges.table_catalog, privileges.table_schema, privileges.table_name) as table_full_name,
        privileges.table_catalog,
        privileges.table_schema,
        privileges.table_name,
        privileges.grantor,
        privileges.grantee,
        privileges.privilege_type,
        coalesce(upper(cast(privileges.is_grantable as string)) in ('YES', 'TRUE'), false) as is_grantable,
        privileges.inherited_from,
        coalesce(tables.is_pii, false) as is_pii
    from privileges
    left join tables
        on concat_ws('.', privileges.table_catalog, privileges.table_schema, privileges.table_name)
            = tables.table_full_name
)

select * from final
