-- Metadata completeness of the tables of a schema: description, owner, tags, PII tagging.
-- Grain: one row per table (tables with a gap first). Parameters: :schema (schema or catalog.schema), :catalog.
with tables as (
    select * from main.health_monitor.dim_table
    where table_catalog <> 'system'
      and (:schema is null or lower(table_schema) = lower(:schema)
           or lower(concat(table_catalog, '.', table_schema)) = lower(:schema))
      and (:catalog is null or lower(table_catalog) = lower(:catalog))
),

final as (
    select
        table_full_name,
        table_type,
        table_owner,
        has_comment,
        size(map_keys(coalesce(tags, map())) ) > 0 as has_tags,
        is_pii,
        concat_ws(', ',
            case when not has_comment then 'no description' end,
            case when table_owner is null then 'no owner' end,
            case when size(map_keys(coalesce(tags, map()))) = 0 then 'no tags' end) as gaps,
        (case when not has_comment then 1 else 0 end)
            + (case when table_owner is null then 1 else 0 end)
            + (case when size(map_keys(coalesce(tags, map()))) = 0 then 1 else 0 end) as gap_count,
        (case when table_owner is null then 1 else 0 end)
            + (case when size(map_keys(coalesce(tags, map()))) = 0 then 1 else 0 end) as owner_tag_gaps
    from tables
)

select * from final
order by gap_count desc, table_full_name
