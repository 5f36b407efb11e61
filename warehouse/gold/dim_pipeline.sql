-- purpose: the latest definition of every Lakeflow declarative pipeline.
-- grain:   one row per (workspace_id, pipeline_id)
-- params:  none
-- depends: dim_workspace
with pipelines as (
    select * from main.health_monitor_staging.lakeflow__pipelines
),

workspaces as (
    select workspace_id, workspace_name from main.health_monitor.dim_workspace
),

latest as (
    select *
    from pipelines
    qualify row_number() over (partition by workspace_id, pipeline_id order by change_time desc) = 1
),

final as (
    select
        latest.workspace_id,
        workspaces.workspace_name,
        latest.pipeline_id,
        latest.name as pipeline_name,
        latest.pipeline_type,
        latest.created_by,
        latest.run_as,
        latest.tags,
        latest.change_time,
        latest.delete_time is not null as is_deleted
    from latest
    left join workspaces
        on latest.workspace_id = workspaces.workspace_id
)

select * from final
