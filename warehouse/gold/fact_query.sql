-- purpose: SQL statements flattened for performance tools: who, where, how long, how much read, outcome.
-- grain:   one row per statement (statement_id)
-- params:  none
-- depends: dim_workspace, dim_warehouse
with history as (
    select * from main.health_monitor_staging.query__history
),

workspaces as (
    select workspace_id, workspace_name from main.health_monitor.dim_workspace
),

warehouses as (
    select workspace_id, warehouse_id, warehouse_name from main.health_monitor.dim_warehouse
),

final as (
    select
        history.statement_id,
        history.workspace_id,
        workspaces.workspace_name,
        history.compute.warehouse_id as warehouse_id,
        warehouses.warehouse_name,
        history.compute.type as compute_type,
        history.executed_by,
        history.statement_type,
        history.execution_status,
        history.start_time,
        history.end_time,
        cast(history.start_time as date) as start_date,
        cast(history.total_duration_ms as double) / 1000.0 as duration_seconds,
        history.execution_duration_ms,
        history.waiting_for_compute_duration_ms,
        history.waiting_at_capacity_duration_ms,
        history.read_bytes,
        history.read_rows,
        history.produced_rows,
        history.spilled_local_bytes,
        history.from_result_cache,
        history.error_message,
        history.client_application,
        substr(history.statement_text, 1, 2000) as statement_text
    from history
    left join workspaces
        on history.workspace_id = workspaces.workspace_id
    left join warehouses
        on history.workspace_id = warehouses.workspace_id
        and history.compute.warehouse_id = warehouses.warehouse_id
)

select * from final
