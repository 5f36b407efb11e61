-- Upstream and downstream lineage of a table, up to 3 hops (table edges from system lineage plus the
-- Gold layer's own build edges), with the job or pipeline that writes each edge.
-- Grain: one row per edge x writer x direction. Parameters: :table_name (name, schema.name or full
-- name), :job (job id or name: start from the tables that job writes, when no table is named).
with jobs as (
    select workspace_id, job_id, job_name from main.health_monitor.dim_job
),

pipelines as (
    select workspace_id, pipeline_id, pipeline_name from main.health_monitor.dim_pipeline
),

edges as (
    select
        l.*,
        coalesce(j.job_name, p.pipeline_name) as writer_name
    from main.health_monitor.fact_lineage as l
    left join jobs as j on j.workspace_id = l.workspace_id and j.job_id = l.job_id
    left join pipelines as p
        on l.entity_type = 'PIPELINE' and p.workspace_id = l.workspace_id and p.pipeline_id = l.entity_id
    where l.source_table_full_name is not null and l.target_table_full_name is not null
),

written as (
    select distinct target_table_full_name as name from edges
    where lower(job_id) = lower(:job) or lower(writer_name) = lower(:job)
),

roots as (
    select distinct n.name from (
        select source_table_full_name as name from edges
        union all select target_table_full_name as name from edges
    ) as n
    where (:table_name is null
           or lower(n.name) = lower(:table_name)
           or right(lower(n.name), length(:table_name) + 1) = concat('.', lower(:table_name)))
      -- a named table is the root; the job only picks roots when no table is named
      and (:job is null or :table_name is not null or n.name in (select w.name from written as w))
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
        entity_id,
        job_id,
        writer_name,
        max(last_seen) as last_seen,
        max(events) as events
    from all_edges
    group by direction, source_table_full_name, target_table_full_name, source_type, target_type, entity_type,
        entity_id, job_id, writer_name
)

select * from final
order by direction desc, hops, source_table_full_name, target_table_full_name
