-- purpose: workspace ids and names; every Gold table labels workspace_id from here.
-- grain:   one row per workspace_id
-- params:  none
-- depends:
with workspaces as (
    select * from main.health_monitor_staging.access__workspaces_latest
),

final as (
    select
        cast(workspace_id as string) as workspace_id,
        workspace_name,
        workspace_url,
        status,
        create_time
    from workspaces
    qualify row_number() over (partition by workspace_id order by create_time desc) = 1
)

select * from final
