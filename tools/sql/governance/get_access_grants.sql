-- Who holds which privilege on a table (or on every table; PII tables first, the most recently granted first).
-- Grain: one row per table x grantee x privilege. Parameters: :table_name (name, schema.name or full name).
with grants as (
    select * from main.health_monitor.fact_grants
    where :table_name is null
       or lower(table_full_name) = lower(:table_name)
       or right(lower(table_full_name), length(:table_name) + 1) = concat('.', lower(:table_name))
),

final as (
    select table_full_name, grantee, privilege_type, grantor, is_grantable, inherited_from, is_pii, last_granted
    from grants
)

select * from final
order by is_pii desc, last_granted desc nulls last, table_full_name, grantee, privilege_type
