-- PII-tagged tables with their PII columns, owner and how many principals may read them.
-- Grain: one row per PII table. Parameters: none.
with tables as (
    select * from main.health_monitor.dim_table
    where is_pii
),

readers as (
    select table_full_name, count(distinct grantee) as grantees,
           concat_ws(', ', sort_array(collect_set(grantee))) as grantee_list
    from main.health_monitor.fact_grants
    where privilege_type in ('SELECT', 'ALL PRIVILEGES')
    group by table_full_name
),

final as (
    select
        t.table_full_name,
        t.table_owner,
        concat_ws(', ', t.pii_columns) as pii_columns,
        coalesce(r.grantees, 0) as readers,
        r.grantee_list as readers_list,
        t.has_comment
    from tables as t
    left join readers as r on t.table_full_name = r.table_full_name
)

select * from final
order by readers desc, table_full_name
