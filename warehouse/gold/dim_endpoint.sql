-- purpose: what each model serving endpoint serves now (entity, version, task).
-- grain:   one row per served entity of the latest config version of each endpoint
-- params:  none
-- depends: dim_workspace
with served_entities as (
    select * from main.health_monitor_staging.serving__served_entities
),

workspaces as (
    select workspace_id, workspace_name from main.health_monitor.dim_workspace
),

latest_version as (
    select
        workspace_id,
        endpoint_id,
        max(endpoint_config_version) as endpoint_config_version
    from served_entities
    group by workspace_id, endpoint_id
),

latest as (
    select served_entities.*
    from served_entities
    inner join latest_version
        on served_entities.workspace_id = latest_version.workspace_id
        and served_entities.endpoint_id = latest_version.endpoint_id
        and served_entities.endpoint_config_version = latest_version.endpoint_config_version
    qualify row_number() over (
        partition by served_entities.workspace_id, served_entities.endpoint_id, served_entities.served_entity_id
        order by served_entities.change_time desc
    ) = 1
),

final as (
    select
        latest.workspace_id,
        workspaces.workspace_name,
        latest.endpoint_id,
        latest.endpoint_name,
        latest.served_entity_id,
        latest.served_entity_name,
        latest.entity_type,
        latest.entity_name,
        latest.entity_version,
        latest.task,
        cast(latest.endpoint_config_version as bigint) as endpoint_config_version,
        latest.created_by,
        latest.change_time,
        latest.endpoint_delete_time is not null as is_deleted
    from latest
    left join workspaces
        on latest.workspace_id = workspaces.workspace_id
)

select * from final
