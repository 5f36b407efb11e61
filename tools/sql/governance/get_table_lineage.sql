-- Upstream and downstream lineage of a table, up to 3 hops (table edges from system lineage plus the
-- Gold layer's own build edges).
-- Grain: one row per edge x direction. Parameters: :table_name (name, schema.name or full name).
with edges as (
    select * from main.health_monitor.fact_lineage
    where source_table_full_name is not null and target_table_full_name is not null
),

roots as (
    select distinct name from (
        select source_table_full_name as name from edges
        union all select target_table_full_name as name from edges
    ) as n
    where :table_name is null
       or lower(name) = lower(:table_name)
       or right(lower(name), length(:table_name) + 1) = concat('.', lower(:table_name))
),

up1 as (
    select 'upstream' as direction, 1 as hops, e.* from edges as e
    inner join roots as r on e.target_table_full_name = r.name
),

up2 as (
    select 'upstream' as direction, 2 as hops, e.* from edges as e
    inner join (select distinct source_table_full_name as name from up1) as p on e.target_table_full_name = p.name
),

up3 as (
    select 'upstream' as direction, 3 as hops, e.* from edges as e
    inner join (select distinct source_table_full_name as name from up2) as p on e.target_table_full_name = p.name
),

down1 as (
    select 'downstream' as direction, 1 as hops, e.* from edges as e
    inner join roots as r on e.source_table_full_name = r.name
),

down2 as (
    select 'downstream' as direction, 2 as hops, e.* from edges as e
    inner join (select distinct target_table_full_name as name from down1) as p on e.source_table_full_name = p.name
),

down3 as (
    select 'downstream' as direction, 3 as hops, e.* from edges as e
    inner join (select distinct target_table_full_name as name from down2) as p on e.source_table_full_name = p.name
),

all_edges as (
    select * from up1 union all select * from up2 union all select * from up3
    union all select * from down1 union all select * from down2 union all select * from down3
),

final as (
    select
        direction,
        min(hops) as hops,
        source_table_full_name,
        target_table_full_name,
        source_type,
        target_type,
        entity_type,
        max(last_seen) as last_seen,
        max(events) as events
    from all_edges
    group by direction, source_table_full_name, target_table_full_name, source_type, target_type, entity_type
)

select * from final
order by direction desc, hops, source_table_full_name, target_table_full_name
