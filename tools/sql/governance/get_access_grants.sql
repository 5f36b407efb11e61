-- Who holds which privilege on a table (or on every table; PII tables first, the most recently granted first).
-- Grain: one row per table x grantee x privilege. Parameters: :table_name (name, schema.name or full name).
-- last_granted: the latest permission change in the audit log on that table naming the grantee (null when the
-- grant is older than the audit log, or was made on the schema or catalog).
with grants as (
    select * from main.health_monitor.fact_grants
    where :table_name is null
       or lower(table_full_name) = lower(:table_name)
       or right(lower(table_full_name), length(:table_name) + 1) = concat('.', lower(:table_name))
),

changes as (
    select securable_full_name, detail, event_time
    from main.health_monitor.fact_security_event
    where event_type = 'PERMISSION_CHANGE' and securable_full_name is not null
),

final as (
    select g.table_full_name, g.grantee, g.privilege_type, g.grantor, g.is_grantable, g.inherited_from, g.is_pii,
           max(c.event_time) as last_granted
    from grants g
    left join changes c
      on lower(c.securable_full_name) = lower(g.table_full_name)
     and c.detail like concat('%"', g.grantee, '"%')
    group by g.table_full_name, g.grantee, g.privilege_type, g.grantor, g.is_grantable, g.inherited_from, g.is_pii
)

select * from final
order by is_pii desc, last_granted desc nulls last, table_full_name, grantee, privilege_type
