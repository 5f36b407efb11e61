-- purpose: every table with owner, comment, tags, PII flag and freshness: hours since the last write
--          and the refresh cadence learned from lineage writes (median gap over 30 days).
-- grain:   one row per table (table_full_name)
-- params:  :as_of (timestamp)
-- depends:
with tables as (
    select * from main.health_monitor_staging.information_schema__tables
),

table_tags as (
    select * from main.health_monitor_staging.information_schema__table_tags
),

column_tags as (
    select * from main.health_monitor_staging.information_schema__column_tags
),

lineage as (
    select target_table_full_name, event_time
    from main.health_monitor_staging.access__table_lineage
    where target_table_full_name is not null
        and event_time <= cast(:as_of as timestamp)
),

tags_by_table as (
    select
        concat_ws('.', catalog_name, schema_name, table_name) as table_full_name,
        map_from_entries(collect_list(struct(tag_name, coalesce(tag_value, '')))) as tags,
        max(
            case
                when lower(tag_name) = 'pii' and coalesce(lower(tag_value), '') not in ('false', 'no', 'none') then 1
                when lower(tag_value) like '%pii%' then 1
                else 0
            end
        ) = 1 as has_pii_tag
    from table_tags
    group by concat_ws('.', catalog_name, schema_name, table_name)
),

pii_columns as (
    select
        concat_ws('.', catalog_name, schema_name, table_name) as table_full_name,
        array_sort(collect_set(column_name)) as pii_columns
    from column_tags
    where (lower(tag_name) = 'pii' and coalesce(lower(tag_value), '') not in ('false', 'no', 'none'))
        or lower(tag_value) like '%pii%'
    group by concat_ws('.', catalog_name, schema_name, table_name)
),

write_rows as (
    select
        target_table_full_name as table_full_name,
        event_time,
        unix_seconds(event_time) - unix_seconds(
            lag(event_time) over (partition by target_table_full_name order by event_time)
        ) as since_previous_row
    from lineage
),

writes as (
    -- one lineage row per source table: rows of one refresh (within 30 minutes) count as one write
    select
        table_full_name,
        event_time,
        unix_seconds(event_time) - unix_seconds(
            lag(event_time) over (partition by table_full_name order by event_time)
        ) as gap_seconds
    from write_rows
    where since_previous_row is null
        or since_previous_row > 1800
),

write_stats as (
    select
        table_full_name,
        max(event_time) as last_write_time,
        percentile(
            case when event_time >= cast(:as_of as timestamp) - interval 30 days then gap_seconds end, 0.5
        ) / 3600.0 as median_gap_hours,
        count_if(event_time >= cast(:as_of as timestamp) - interval 30 days) as writes_30d
    from writes
    group by table_full_name
),

last_write as (
    select
        concat_ws('.', tables.table_catalog, tables.table_schema, tables.table_name) as table_full_name,
        greatest(
            coalesce(max(write_rows.event_time), tables.last_altered),
            coalesce(tables.last_altered, max(write_rows.event_time))
        ) as last_write_time
    from tables
    left join write_rows
        on concat_ws('.', tables.table_catalog, tables.table_schema, tables.table_name) = write_rows.table_full_name
    group by tables.table_catalog, tables.table_schema, tables.table_name, tables.last_altered
),

final as (
    select
        concat_ws('.', tables.table_catalog, tables.table_schema, tables.table_name) as table_full_name,
        tables.table_catalog,
        tables.table_schema,
        tables.table_name,
        tables.table_type,
        tables.table_owner,
        tables.comment,
        coalesce(trim(tables.comment) != '', false) as has_comment,
        tables.created,
        tables.created_by,
        tables.last_altered,
        tables.last_altered_by,
        tables.data_source_format,
        tags_by_table.tags,
        coalesce(tags_by_table.has_pii_tag, false) or pii_columns.pii_columns is not null as is_pii,
        pii_columns.pii_columns,
        last_write.last_write_time,
        (unix_seconds(cast(:as_of as timestamp)) - unix_seconds(last_write.last_write_time)) / cast(3600 as double)
            as hours_since_update,
        case when write_stats.writes_30d >= 3 then write_stats.median_gap_hours end as expected_refresh_hours,
        coalesce(
            write_stats.writes_30d >= 3
            and (unix_seconds(cast(:as_of as timestamp)) - unix_seconds(last_write.last_write_time)) / cast(3600 as double)
                > 1.5 * write_stats.median_gap_hours,
            false
        ) as is_stale
    from tables
    left join tags_by_table
        on concat_ws('.', tables.table_catalog, tables.table_schema, tables.table_name) = tags_by_table.table_full_name
    left join pii_columns
        on concat_ws('.', tables.table_catalog, tables.table_schema, tables.table_name) = pii_columns.table_full_name
    left join write_stats
        on concat_ws('.', tables.table_catalog, tables.table_schema, tables.table_name) = write_stats.table_full_name
    left join last_write
        on concat_ws('.', tables.table_catalog, tables.table_schema, tables.table_name) = last_write.table_full_name
)

select * from final
