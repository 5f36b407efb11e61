-- purpose: table-to-table lineage edges, plus the Gold layer's own edges (entity_type GOLD_BUILD) so
--          lineage of e.g. main.health_monitor.fact_usage runs back to system.billing.usage. Sources that
--          are not system tables (published event logs, monitor profiles) appear as their staging copy.
--          The writer is kept: entity_type + entity_id (the job id for JOB, the pipeline id for PIPELINE),
--          its workspace, and job_id (entity_metadata.job_info.job_id: also set when a notebook or query
--          ran as a task of a job), so a stale table joins to the job run that should have written it.
-- grain:   one row per (source table, target table, source_type, target_type, entity_type, entity_id,
--          workspace_id, job_id)
-- params:  :as_of (timestamp)
-- depends:
with table_lineage as (
    select * from main.health_monitor_staging.access__table_lineage
),

observed as (
    select
        source_table_full_name,
        target_table_full_name,
        source_type,
        target_type,
        entity_type,
        entity_id,
        workspace_id,
        coalesce(entity_metadata.job_info.job_id, case when entity_type = 'JOB' then entity_id end) as job_id,
        min(event_time) as first_seen,
        max(event_time) as last_seen,
        count(*) as events
    from table_lineage
    where source_table_full_name is not null
        and target_table_full_name is not null
    group by source_table_full_name, target_table_full_name, source_type, target_type, entity_type, entity_id,
        workspace_id, coalesce(entity_metadata.job_info.job_id, case when entity_type = 'JOB' then entity_id end)
),

gold_edges as (
    select
        source_table_full_name,
        target_table_full_name,
        'TABLE' as source_type,
        'TABLE' as target_type,
        'GOLD_BUILD' as entity_type,
        cast(null as string) as entity_id,
        cast(null as string) as workspace_id,
        cast(null as string) as job_id,
        cast(:as_of as timestamp) as first_seen,
        cast(:as_of as timestamp) as last_seen,
        cast(1 as bigint) as events
    from values
        ('system.billing.usage', 'main.health_monitor.fact_usage'),
        ('system.billing.list_prices', 'main.health_monitor.fact_usage'),
        ('main.health_monitor.fact_usage', 'main.health_monitor.fact_usage_daily'),
        ('main.health_monitor.fact_usage_daily', 'main.health_monitor.fact_workspace_daily'),
        ('main.health_monitor.fact_usage_daily', 'main.health_monitor.fact_job_daily'),
        ('system.access.workspaces_latest', 'main.health_monitor.dim_workspace'),
        ('system.lakeflow.jobs', 'main.health_monitor.dim_job'),
        ('system.compute.clusters', 'main.health_monitor.dim_cluster'),
        ('system.compute.warehouses', 'main.health_monitor.dim_warehouse'),
        ('system.serving.served_entities', 'main.health_monitor.dim_endpoint'),
        ('system.lakeflow.pipelines', 'main.health_monitor.dim_pipeline'),
        ('system.information_schema.tables', 'main.health_monitor.dim_table'),
        ('system.information_schema.table_tags', 'main.health_monitor.dim_table'),
        ('system.information_schema.column_tags', 'main.health_monitor.dim_table'),
        ('system.access.table_lineage', 'main.health_monitor.dim_table'),
        ('system.lakeflow.job_run_timeline', 'main.health_monitor.fact_job_run'),
        ('system.access.audit', 'main.health_monitor.fact_job_run'),
        ('main.health_monitor.fact_job_run', 'main.health_monitor.fact_job_daily'),
        ('system.lakeflow.job_task_run_timeline', 'main.health_monitor.fact_task_run'),
        ('system.access.audit', 'main.health_monitor.fact_audit'),
        ('main.health_monitor.fact_audit', 'main.health_monitor.fact_audit_daily'),
        ('main.health_monitor.fact_audit', 'main.health_monitor.fact_security_event'),
        ('system.query.history', 'main.health_monitor.fact_query'),
        ('system.compute.node_timeline', 'main.health_monitor.fact_node_util'),
        ('system.compute.warehouse_events', 'main.health_monitor.fact_warehouse_event'),
        ('main.health_monitor.fact_warehouse_event', 'main.health_monitor.fact_warehouse_uptime_daily'),
        ('system.serving.endpoint_usage', 'main.health_monitor.fact_serving_daily'),
        ('system.ai_gateway.usage', 'main.health_monitor.fact_serving_daily'),
        ('main.health_monitor_staging.published__pipeline_event_log', 'main.health_monitor.fact_expectation'),
        ('main.health_monitor_staging.published__profile_metrics', 'main.health_monitor.fact_table_profile'),
        ('system.access.table_lineage', 'main.health_monitor.fact_lineage'),
        ('system.access.column_lineage', 'main.health_monitor.fact_column_lineage'),
        ('system.information_schema.table_privileges', 'main.health_monitor.fact_grants')
        as edges(source_table_full_name, target_table_full_name)
),

final as (
    select * from observed
    union all
    select * from gold_edges
)

select * from final
