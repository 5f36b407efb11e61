-- Cost grouped by the value of one custom tag key (e.g. cost_center, project, team) over a date range.
-- Grain: one row per tag value (null value = records without that tag). Parameters: :tag_key, :start_date, :end_date.
with usage as (
    select custom_tags, list_cost, case when usage_unit = 'DBU' then usage_quantity end as usage_quantity, workspace_id
    from main.health_monitor.fact_usage
    where usage_date between :start_date and :end_date
),

tagged as (
    select
        coalesce(element_at(custom_tags, coalesce(:tag_key, 'team')), '(untagged)') as tag_value,
        list_cost,
        usage_quantity,
        workspace_id
    from usage
),

final as (
    select
        coalesce(:tag_key, 'team') as tag_key,
        tag_value,
        sum(list_cost) as list_cost,
        sum(usage_quantity) as dbus,
        count(distinct workspace_id) as workspaces
    from tagged
    group by all
)

select * from final
order by list_cost desc
