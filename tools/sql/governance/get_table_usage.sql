-- Who read each table in the last :days days (successful audit events on the table that are not a grant,
-- an ALTER, a CREATE or a DROP: getTable, temporary credentials, commands), and every table nobody read.
-- Grain: one row per table x reader; a table nobody read in the window is one row with reader null and
-- reads 0 (only when the audit log holds any table read in the window: no reads at all is "not measured").
-- Parameters: :table_name (name, schema.name or full name; null = all), :days,
--             :show ('unread' = only the tables nobody read; null = readers and unread tables).
with tables as (
    select table_full_name, table_owner, is_pii, last_write_time, hours_since_update
    from main.health_monitor.dim_table
    where :table_name is null
       or lower(table_full_name) = lower(:table_name)
       or right(lower(table_full_name), length(:table_name) + 1) = concat('.', lower(:table_name))
),

reads as (
    select securable_full_name as table_full_name, principal, is_service_principal, event_date, event_time
    from main.health_monitor.fact_audit
    where event_date >= date_sub(:as_of_date, :days)
      and event_time <= :as_of
      and securable_full_name is not null
      and not is_failure
      and lower(action_name) not like '%permission%'
      and lower(action_name) not like 'grant%'
      and lower(action_name) not like 'revoke%'
      and lower(action_name) not like 'create%'
      and lower(action_name) not like 'delete%'
      and lower(action_name) not like 'drop%'
      and lower(action_name) not like 'alter%'
),

readers as (
    select
        tables.table_full_name,
        tables.table_owner,
        tables.is_pii,
        reads.principal as reader,
        max(reads.is_service_principal) as is_service_principal,
        count(*) as reads,
        count(distinct reads.event_date) as days_read,
        max(reads.event_time) as last_read,
        tables.last_write_time
    from tables
    inner join reads
        on reads.table_full_name = tables.table_full_name
    group by tables.table_full_name, tables.table_owner, tables.is_pii, reads.principal, tables.last_write_time
),

read_tables as (
    select distinct table_full_name from reads
),

unread as (
    select
        tables.table_full_name,
        tables.table_owner,
        tables.is_pii,
        cast(null as string) as reader,
        cast(null as boolean) as is_service_principal,
        cast(0 as bigint) as reads,
        cast(0 as bigint) as days_read,
        cast(null as timestamp) as last_read,
        tables.last_write_time
    from tables
    left join read_tables
        on read_tables.table_full_name = tables.table_full_name
    where read_tables.table_full_name is null
      and (select count(*) from reads) > 0
),

final as (
    select * from readers where :show is null
    union all
    select * from unread
)

select * from final
order by reads desc, table_full_name, reader
