-- purpose: who holds which privilege on which table, with the table's PII flag and when the audit log last saw it
--          granted (access reviews: the newest grant first).
-- grain:   one row per (table, grantee, privilege_type, inherited_from)
-- params:  none
-- depends: dim_table, fact_security_event
with privileges as (
    select * from main.health_monitor_staging.information_schema__table_privileges
),

tables as (
    select table_full_name, is_pii from main.health_monitor.dim_table
),

-- information_schema keeps no grant time: the audit log's permission changes on the table that name the grantee
-- ("changes: [{"principal":"contractors","add":["SELECT"]}]") do; null when the grant predates the audit log or was
-- made on the schema or catalog
changes as (
    select lower(securable_full_name) as securable, detail, event_time
    from main.health_monitor.fact_security_event
    where event_type = 'PERMISSION_CHANGE' and securable_full_name is not null
),

granted as (
    select
        concat_ws('.', privileges.table_catalog, privileges.table_schema, privileges.table_name) as table_full_name,
        privileges.table_catalog,
        privileges.table_schema,
        privileges.table_name,
        privileges.grantor,
        privileges.grantee,
        privileges.privilege_type,
        coalesce(upper(cast(privileges.is_grantable as string)) in ('YES', 'TRUE'), false) as is_grantable,
        privileges.inherited_from
    from privileges
),

final as (
    select
        granted.table_full_name,
        granted.table_catalog,
        granted.table_schema,
        granted.table_name,
        granted.grantor,
        granted.grantee,
        granted.privilege_type,
        granted.is_grantable,
        granted.inherited_from,
        coalesce(tables.is_pii, false) as is_pii,
        max(changes.event_time) as last_granted
    from granted
    left join tables
        on granted.table_full_name = tables.table_full_name
    left join changes
        on changes.securable = lower(granted.table_full_name)
       and changes.detail like concat('%"', granted.grantee, '"%')
    group by granted.table_full_name, granted.table_catalog, granted.table_schema, granted.table_name, granted.grantor,
        granted.grantee, granted.privilege_type, granted.is_grantable, granted.inherited_from, tables.is_pii
)

select * from final
