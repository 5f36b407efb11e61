"""The source contract: every system table the project reads, its columns and their real types.

Types are Spark ``full_data_type`` strings, as ``system.information_schema.columns`` shows them on
a real workspace (the December 2025 dump in ``tests/warehouse/data``; a test keeps the two equal).
Two kinds of gap a real account has, both declared here rather than discovered in production:

* a **newer** column (``N``) is documented but absent on older accounts and NULL on rows emitted
  before it existed: staging turns a missing one into a typed NULL;
* a non-**required** table is Beta, admin-only or off until enabled: staging turns a missing or
  unreadable one into an empty relation of the right type, and the Gold models reading it are
  reported *degraded* with ``how`` to enable it.

The synthetic generator's DDL is generated from this contract (:func:`duckdb_ddl`), so the demo
cannot write a table or column a real account does not have.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

STAGING_SCHEMA = ("main", "health_monitor_staging")  # as written in Gold SQL; mapped per engine


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Spark full_data_type
    newer: bool = False  # documented, missing on older accounts: becomes a typed NULL


def C(name: str, type_: str) -> Column:  # noqa: N802 - reads as a table of columns
    return Column(name, type_)


def N(name: str, type_: str) -> Column:  # noqa: N802
    return Column(name, type_, newer=True)


@dataclass(frozen=True)
class Source:
    """One relation the project reads; ``catalog`` is ``system`` except for user-published tables."""

    schema: str
    table: str
    columns: tuple[Column, ...]
    required: bool = False  # a core feature cannot work without it: missing fails the build
    in_dump: bool = True  # False: documented (Beta/published) but not in the reference dump
    feature: str = ""  # what is not measured without it
    how: str = ""  # how to enable or grant it; default: enable the system schema and grant it
    catalog: str = "system"

    @property
    def full_name(self) -> str:
        return f"{self.catalog}.{self.schema}.{self.table}"

    @property
    def staging_table(self) -> str:
        return f"{self.schema}__{self.table}"

    @property
    def staging_name(self) -> str:
        return f"{STAGING_SCHEMA[0]}.{STAGING_SCHEMA[1]}.{self.staging_table}"

    @property
    def fix(self) -> str:
        if self.how:
            return self.how
        if self.schema == "information_schema":
            return "always present; the reading principal sees only objects it may access"
        return (f"databricks system-schemas enable <metastore-id> {self.schema}; "
                f"GRANT USE SCHEMA, SELECT ON SCHEMA system.{self.schema} TO <principal>")

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.full_name} has no contract column {name!r}")


SOURCES: tuple[Source, ...] = (
    Source('access', 'audit', (
        C('account_id', 'string'),
        C('workspace_id', 'string'),
        C('version', 'string'),
        C('event_time', 'timestamp'),
        C('event_date', 'date'),
        C('source_ip_address', 'string'),
        C('user_agent', 'string'),
        C('session_id', 'string'),
        C('user_identity', 'struct<email:string,subject_name:string>'),
        C('service_name', 'string'),
        C('action_name', 'string'),
        C('request_id', 'string'),
        C('request_params', 'map<string,string>'),
        C('response', 'struct<status_code:int,error_message:string,result:string>'),
        C('audit_level', 'string'),
        C('event_id', 'string'),
        C('identity_metadata', 'struct<run_by:string,run_as:string,acting_resource:string>'),
    ), feature='security events, user activity and job failure messages'),
    Source('access', 'column_lineage', (
        C('account_id', 'string'),
        C('metastore_id', 'string'),
        C('workspace_id', 'string'),
        C('entity_type', 'string'),
        C('entity_id', 'string'),
        C('entity_run_id', 'string'),
        C('source_table_full_name', 'string'),
        C('source_table_catalog', 'string'),
        C('source_table_schema', 'string'),
        C('source_table_name', 'string'),
        C('source_path', 'string'),
        C('source_type', 'string'),
        C('source_column_name', 'string'),
        C('target_table_full_name', 'string'),
        C('target_table_catalog', 'string'),
        C('target_table_schema', 'string'),
        C('target_table_name', 'string'),
        C('target_path', 'string'),
        C('target_type', 'string'),
        C('target_column_name', 'string'),
        C('created_by', 'string'),
        C('event_time', 'timestamp'),
        C('event_date', 'date'),
        C('record_id', 'string'),
        C('event_id', 'string'),
        C('statement_id', 'string'),
    ), feature='column lineage'),
    Source('access', 'table_lineage', (
        C('account_id', 'string'),
        C('metastore_id', 'string'),
        C('workspace_id', 'string'),
        C('entity_type', 'string'),
        C('entity_id', 'string'),
        C('entity_run_id', 'string'),
        C('source_table_full_name', 'string'),
        C('source_table_catalog', 'string'),
        C('source_table_schema', 'string'),
        C('source_table_name', 'string'),
        C('source_path', 'string'),
        C('source_type', 'string'),
        C('target_table_full_name', 'string'),
        C('target_table_catalog', 'string'),
        C('target_table_schema', 'string'),
        C('target_table_name', 'string'),
        C('target_path', 'string'),
        C('target_type', 'string'),
        C('created_by', 'string'),
        C('event_time', 'timestamp'),
        C('event_date', 'date'),
        C('record_id', 'string'),
        C('event_id', 'string'),
        C('statement_id', 'string'),
        C('entity_metadata', 'struct<job_info:struct<job_id:string,job_run_id:string>,dashboard_id:string,legacy_dashboard_id:string,notebook_id:string,sql_query_id:string,dlt_pipeline_info:struct<dlt_pipeline_id:string,dlt_update_id:string>>'),
        N('direct_access', 'boolean'),
    ), feature='table lineage and downstream impact'),
    Source('access', 'workspaces_latest', (
        C('account_id', 'string'),
        C('workspace_id', 'string'),
        C('workspace_name', 'string'),
        C('workspace_url', 'string'),
        C('create_time', 'timestamp'),
        C('status', 'string'),
    ), required=True, feature='workspace names'),
    Source('ai_gateway', 'usage', (
        C('account_id', 'string'),
        C('workspace_id', 'string'),
        C('request_id', 'string'),
        C('schema_version', 'string'),
        C('endpoint_id', 'string'),
        C('endpoint_name', 'string'),
        C('endpoint_tags', 'map<string,string>'),
        C('event_time', 'timestamp'),
        C('latency_ms', 'bigint'),
        C('time_to_first_byte_ms', 'bigint'),
        C('destination_type', 'string'),
        C('destination_name', 'string'),
        C('destination_id', 'string'),
        C('destination_model', 'string'),
        C('requester', 'string'),
        C('requester_type', 'string'),
        C('ip_address', 'string'),
        C('user_agent', 'string'),
        C('api_type', 'string'),
        C('request_tags', 'map<string,string>'),
        C('input_tokens', 'bigint'),
        C('output_tokens', 'bigint'),
        C('total_tokens', 'bigint'),
        C('status_code', 'int'),
    ), in_dump=False, feature='AI Gateway latency and token usage', how=("Beta: enable usage tracking in each AI Gateway endpoint's settings; account or metastore "
             "admins can read it, others need GRANT SELECT ON TABLE system.ai_gateway.usage TO <principal>")),
    Source('billing', 'list_prices', (
        C('account_id', 'string'),
        C('price_start_time', 'timestamp'),
        C('price_end_time', 'timestamp'),
        C('sku_name', 'string'),
        C('cloud', 'string'),
        C('currency_code', 'string'),
        C('usage_unit', 'string'),
        C('pricing', 'struct<default:decimal(38,18),promotional:struct<default:decimal(38,18)>,effective_list:struct<default:decimal(38,18)>>'),
    ), required=True, feature='list-price costs'),
    Source('billing', 'usage', (
        C('record_id', 'string'),
        C('account_id', 'string'),
        C('workspace_id', 'string'),
        C('sku_name', 'string'),
        C('cloud', 'string'),
        C('usage_start_time', 'timestamp'),
        C('usage_end_time', 'timestamp'),
        C('usage_date', 'date'),
        C('custom_tags', 'map<string,string>'),
        C('usage_unit', 'string'),
        C('usage_quantity', 'decimal(38,18)'),
        C('usage_metadata', 'struct<cluster_id:string,job_id:string,warehouse_id:string,instance_pool_id:string,node_type:string,job_run_id:string,notebook_id:string,dlt_pipeline_id:string,endpoint_name:string,endpoint_id:string,dlt_update_id:string,dlt_maintenance_id:string,run_name:string,job_name:string,notebook_path:string,central_clean_room_id:string,source_region:string,destination_region:string,app_id:string,app_name:string,metastore_id:string,private_endpoint_name:string,storage_api_type:string,budget_policy_id:string,ai_runtime_pool_id:string,ai_runtime_workload_id:string,uc_table_catalog:string,uc_table_schema:string,uc_table_name:string,database_instance_id:string,sharing_materialization_id:string,schema_id:string,usage_policy_id:string,base_environment_id:string,agent_bricks_id:string,index_id:string,catalog_id:string>'),
        C('identity_metadata', 'struct<run_as:string,created_by:string,owned_by:string>'),
        C('record_type', 'string'),
        C('ingestion_date', 'date'),
        C('billing_origin_product', 'string'),
        C('product_features', 'struct<jobs_tier:string,sql_tier:string,dlt_tier:string,is_serverless:boolean,is_photon:boolean,serving_type:string,networking:struct<connectivity_type:string>,ai_runtime:struct<compute_type:string>,model_serving:struct<offering_type:string>,ai_gateway:struct<feature_type:string>,performance_target:string,serverless_gpu:struct<workload_type:string>,agent_bricks:struct<problem_type:string,workload_type:string>,ai_functions:struct<ai_function:string>,apps:struct<compute_size:string>,lakeflow_connect:struct<task_type:string>>'),
        C('usage_type', 'string'),
    ), required=True, feature='usage and cost'),
    Source('compute', 'clusters', (
        C('account_id', 'string'),
        C('workspace_id', 'string'),
        C('cluster_id', 'string'),
        C('cluster_name', 'string'),
        C('owned_by', 'string'),
        C('create_time', 'timestamp'),
        C('delete_time', 'timestamp'),
        C('driver_node_type', 'string'),
        C('worker_node_type', 'string'),
        C('worker_count', 'bigint'),
        C('min_autoscale_workers', 'bigint'),
        C('max_autoscale_workers', 'bigint'),
        C('auto_termination_minutes', 'bigint'),
        C('enable_elastic_disk', 'boolean'),
        C('tags', 'map<string,string>'),
        C('cluster_source', 'string'),
        C('init_scripts', 'array<string>'),
        C('driver_instance_pool_id', 'string'),
        C('worker_instance_pool_id', 'string'),
        C('dbr_version', 'string'),
        C('change_time', 'timestamp'),
        C('change_date', 'date'),
        C('data_security_mode', 'string'),
        C('policy_id', 'string'),
    ), feature='cluster inventory'),
    Source('compute', 'node_timeline', (
        C('account_id', 'string'),
        C('workspace_id', 'string'),
        C('cluster_id', 'string'),
        C('instance_id', 'string'),
        C('start_time', 'timestamp'),
        C('end_time', 'timestamp'),
        C('driver', 'boolean'),
        C('cpu_user_percent', 'double'),
        C('cpu_system_percent', 'double'),
        C('cpu_wait_percent', 'double'),
        C('mem_used_percent', 'double'),
        C('mem_swap_percent', 'double'),
        C('network_sent_bytes', 'bigint'),
        C('network_received_bytes', 'bigint'),
        C('disk_free_bytes_per_mount_point', 'map<string,bigint>'),
        C('node_type', 'string'),
    ), feature='node utilisation'),
    Source('compute', 'node_types', (
        C('account_id', 'string'),
        C('node_type', 'string'),
        C('core_count', 'double'),
        C('memory_mb', 'bigint'),
        C('gpu_count', 'bigint'),
    ), feature='node sizes'),
    Source('compute', 'warehouse_events', (
        C('account_id', 'string'),
        C('workspace_id', 'string'),
        C('warehouse_id', 'string'),
        C('event_type', 'string'),
        C('cluster_count', 'int'),
        C('event_time', 'timestamp'),
    ), feature='warehouse uptime and scaling'),
    Source('compute', 'warehouses', (
        C('warehouse_id', 'string'),
        C('workspace_id', 'string'),
        C('account_id', 'string'),
        C('warehouse_name', 'string'),
        C('warehouse_type', 'string'),
        C('warehouse_channel', 'string'),
        C('warehouse_size', 'string'),
        C('min_clusters', 'int'),
        C('max_clusters', 'int'),
        C('auto_stop_minutes', 'int'),
        C('tags', 'map<string,string>'),
        C('change_time', 'timestamp'),
        C('delete_time', 'timestamp'),
    ), feature='warehouse inventory'),
    Source('lakeflow', 'job_run_timeline', (
        C('account_id', 'string'),
        C('workspace_id', 'string'),
        C('job_id', 'string'),
        C('run_id', 'string'),
        C('period_start_time', 'timestamp'),
        C('period_end_time', 'timestamp'),
        C('trigger_type', 'string'),
        C('run_type', 'string'),
        C('run_name', 'string'),
        C('compute_ids', 'array<string>'),
        C('result_state', 'string'),
        C('termination_code', 'string'),
        C('job_parameters', 'map<string,map<string,string>>'),
        N('compute', 'array<struct<type:string,cluster_id:string,warehouse_id:string>>'),
        N('termination_type', 'string'),
        N('setup_duration_seconds', 'bigint'),
        N('queue_duration_seconds', 'bigint'),
        N('run_duration_seconds', 'bigint'),
        N('cleanup_duration_seconds', 'bigint'),
        N('execution_duration_seconds', 'bigint'),
    ), required=True, feature='job runs'),
    Source('lakeflow', 'job_task_run_timeline', (
        C('account_id', 'string'),
        C('workspace_id', 'string'),
        C('job_id', 'string'),
        C('run_id', 'string'),
        C('job_run_id', 'string'),
        C('parent_run_id', 'string'),
        C('period_start_time', 'timestamp'),
        C('period_end_time', 'timestamp'),
        C('task_key', 'string'),
        C('compute_ids', 'array<string>'),
        C('result_state', 'string'),
        C('termination_code', 'string'),
        N('compute', 'array<struct<type:string,cluster_id:string,warehouse_id:string>>'),
        N('termination_type', 'string'),
        N('setup_duration_seconds', 'bigint'),
        N('cleanup_duration_seconds', 'bigint'),
        N('execution_duration_seconds', 'bigint'),
    ), feature='task runs'),
    Source('lakeflow', 'job_tasks', (
        C('account_id', 'string'),
        C('workspace_id', 'string'),
        C('job_id', 'string'),
        C('task_key', 'string'),
        C('depends_on_keys', 'array<string>'),
        C('change_time', 'timestamp'),
        C('delete_time', 'timestamp'),
        N('timeout_seconds', 'bigint'),
        N('health_rules', 'array<struct<metric:string,operator:string,value:bigint>>'),
    ), feature='job task definitions'),
    Source('lakeflow', 'jobs', (
        C('account_id', 'string'),
        C('workspace_id', 'string'),
        C('job_id', 'string'),
        C('name', 'string'),
        C('description', 'string'),
        C('creator_id', 'string'),
        C('run_as', 'string'),
        C('tags', 'map<string,string>'),
        C('change_time', 'timestamp'),
        C('delete_time', 'timestamp'),
        N('trigger', 'struct<schedule:struct<quartz_cron_expression:string,timezone_id:string,pause_status:string>,periodic:struct<interval:bigint,units:string>,continuous:struct<enabled:boolean>,file_arrival:struct<url:string>>'),
        N('trigger_type', 'string'),
        N('run_as_user_name', 'string'),
        N('creator_user_name', 'string'),
        N('paused', 'boolean'),
        N('timeout_seconds', 'bigint'),
        N('health_rules', 'array<struct<metric:string,operator:string,value:bigint>>'),
        N('create_time', 'timestamp'),
    ), required=True, feature='job inventory'),
    Source('lakeflow', 'pipeline_update_timeline', (
        C('account_id', 'string'),
        C('workspace_id', 'string'),
        C('pipeline_id', 'string'),
        C('update_id', 'string'),
        C('update_type', 'string'),
        C('request_id', 'string'),
        C('run_as_user_name', 'string'),
        C('trigger_type', 'string'),
        C('trigger_details', 'struct<job_task:struct<job_id:string,job_task_run_id:string,performance_target:string>>'),
        C('result_state', 'string'),
        C('compute', 'struct<type:string,cluster_id:string>'),
        C('period_start_time', 'timestamp'),
        C('period_end_time', 'timestamp'),
        C('refresh_selection', 'array<struct<table_catalog:string,table_schema:string,table_name:string>>'),
        C('full_refresh_selection', 'array<struct<table_catalog:string,table_schema:string,table_name:string>>'),
        C('reset_checkpoint_selection', 'array<string>'),
    ), feature='pipeline updates'),
    Source('lakeflow', 'pipelines', (
        C('account_id', 'string'),
        C('workspace_id', 'string'),
        C('pipeline_id', 'string'),
        C('pipeline_type', 'string'),
        C('name', 'string'),
        C('created_by', 'string'),
        C('run_as', 'string'),
        C('tags', 'map<string,string>'),
        C('settings', 'struct<photon:boolean,development:boolean,continuous:boolean,serverless:boolean,edition:string,channel:string>'),
        C('configuration', 'map<string,string>'),
        C('change_time', 'timestamp'),
        C('delete_time', 'timestamp'),
        N('create_time', 'timestamp'),
    ), feature='pipeline inventory'),
    Source('query', 'history', (
        C('account_id', 'string'),
        C('workspace_id', 'string'),
        C('statement_id', 'string'),
        C('executed_by', 'string'),
        C('executed_by_user_id', 'string'),
        C('executed_as', 'string'),
        C('executed_as_user_id', 'string'),
        C('session_id', 'string'),
        C('execution_status', 'string'),
        C('compute', 'struct<type:string,cluster_id:string,warehouse_id:string>'),
        C('statement_text', 'string'),
        C('statement_type', 'string'),
        C('error_message', 'string'),
        C('client_application', 'string'),
        C('client_driver', 'string'),
        C('total_duration_ms', 'bigint'),
        C('waiting_for_compute_duration_ms', 'bigint'),
        C('waiting_at_capacity_duration_ms', 'bigint'),
        C('execution_duration_ms', 'bigint'),
        C('compilation_duration_ms', 'bigint'),
        C('total_task_duration_ms', 'bigint'),
        C('result_fetch_duration_ms', 'bigint'),
        C('start_time', 'timestamp'),
        C('end_time', 'timestamp'),
        C('update_time', 'timestamp'),
        C('read_partitions', 'bigint'),
        C('pruned_files', 'bigint'),
        C('read_files', 'bigint'),
        C('read_rows', 'bigint'),
        C('produced_rows', 'bigint'),
        C('read_bytes', 'bigint'),
        C('spilled_local_bytes', 'bigint'),
        C('written_bytes', 'bigint'),
        C('written_rows', 'bigint'),
        C('written_files', 'bigint'),
        C('shuffle_read_bytes', 'bigint'),
        C('read_io_cache_percent', 'tinyint'),
        C('from_result_cache', 'boolean'),
        C('query_source', 'struct<job_info:struct<job_id:string,job_run_id:string,job_task_run_id:string>,legacy_dashboard_id:string,dashboard_id:string,alert_id:string,notebook_id:string,sql_query_id:string,genie_space_id:string,pipeline_info:struct<pipeline_id:string,update_id:string>>'),
        C('query_tags', 'map<string,string>'),
    ), feature='SQL query performance'),
    Source('serving', 'endpoint_usage', (
        C('workspace_id', 'string'),
        C('account_id', 'string'),
        C('client_request_id', 'string'),
        C('databricks_request_id', 'string'),
        C('requester', 'string'),
        C('status_code', 'int'),
        C('request_time', 'timestamp'),
        C('input_token_count', 'bigint'),
        C('output_token_count', 'bigint'),
        C('input_character_count', 'bigint'),
        C('output_character_count', 'bigint'),
        C('usage_context', 'map<string,string>'),
        C('request_streaming', 'boolean'),
        C('served_entity_id', 'string'),
    ), feature='model serving requests'),
    Source('serving', 'served_entities', (
        C('served_entity_id', 'string'),
        C('account_id', 'string'),
        C('workspace_id', 'string'),
        C('created_by', 'string'),
        C('endpoint_name', 'string'),
        C('endpoint_id', 'string'),
        C('served_entity_name', 'string'),
        C('entity_type', 'string'),
        C('entity_name', 'string'),
        C('entity_version', 'string'),
        C('endpoint_config_version', 'int'),
        C('task', 'string'),
        C('external_model_config', 'struct<provider:string>'),
        C('foundation_model_config', 'struct<min_provisioned_throughput:bigint,max_provisioned_throughput:bigint>'),
        C('custom_model_config', 'struct<min_concurrency:int,max_concurrency:int,compute_type:string>'),
        C('feature_spec_config', 'struct<min_concurrency:int,max_concurrency:int,compute_type:string>'),
        C('change_time', 'timestamp'),
        C('endpoint_delete_time', 'timestamp'),
    ), feature='serving endpoint inventory'),
    Source('information_schema', 'catalogs', (
        C('catalog_name', 'string'),
        C('catalog_owner', 'string'),
        C('comment', 'string'),
        C('created', 'timestamp'),
        C('created_by', 'string'),
        C('last_altered', 'timestamp'),
        C('last_altered_by', 'string'),
    )),
    Source('information_schema', 'column_tags', (
        C('catalog_name', 'string'),
        C('schema_name', 'string'),
        C('table_name', 'string'),
        C('column_name', 'string'),
        C('tag_name', 'string'),
        C('tag_value', 'string'),
    )),
    Source('information_schema', 'columns', (
        C('table_catalog', 'string'),
        C('table_schema', 'string'),
        C('table_name', 'string'),
        C('column_name', 'string'),
        C('ordinal_position', 'int'),
        C('column_default', 'string'),
        C('is_nullable', 'string'),
        C('full_data_type', 'string'),
        C('data_type', 'string'),
        C('comment', 'string'),
        C('partition_index', 'int'),
    )),
    Source('information_schema', 'schemata', (
        C('catalog_name', 'string'),
        C('schema_name', 'string'),
        C('schema_owner', 'string'),
        C('comment', 'string'),
        C('created', 'timestamp'),
        C('created_by', 'string'),
        C('last_altered', 'timestamp'),
        C('last_altered_by', 'string'),
    )),
    Source('information_schema', 'table_privileges', (
        C('grantor', 'string'),
        C('grantee', 'string'),
        C('table_catalog', 'string'),
        C('table_schema', 'string'),
        C('table_name', 'string'),
        C('privilege_type', 'string'),
        C('is_grantable', 'string'),
        C('inherited_from', 'string'),
    )),
    Source('information_schema', 'table_tags', (
        C('catalog_name', 'string'),
        C('schema_name', 'string'),
        C('table_name', 'string'),
        C('tag_name', 'string'),
        C('tag_value', 'string'),
    )),
    Source('information_schema', 'tables', (
        C('table_catalog', 'string'),
        C('table_schema', 'string'),
        C('table_name', 'string'),
        C('table_type', 'string'),
        C('is_insertable_into', 'string'),
        C('commit_action', 'string'),
        C('table_owner', 'string'),
        C('comment', 'string'),
        C('created', 'timestamp'),
        C('created_by', 'string'),
        C('last_altered', 'timestamp'),
        C('last_altered_by', 'string'),
        C('data_source_format', 'string'),
        C('storage_sub_directory', 'string'),
        C('storage_path', 'string'),
    )),
)

# The Beta pipeline event table (planned to become system.lakeflow.pipeline_events) and the real
# data-quality results; neither is in the December 2025 reference dump of every account.
SOURCES += (
    Source("data_quality_monitoring", "table_results", (
        C("event_time", "timestamp"),
        C("catalog_name", "string"),
        C("schema_name", "string"),
        C("table_name", "string"),
        C("catalog_id", "string"),
        C("schema_id", "string"),
        C("table_id", "string"),
        C("status", "string"),
        C("freshness", "struct<status:string,commit_freshness:struct<status:string,error_code:string,"
                       "last_value:timestamp,predicted_value:timestamp>>"),
        C("completeness", "struct<status:string,total_row_count:struct<status:string,error_code:string,"
                          "last_value:bigint,min_predicted_value:bigint,max_predicted_value:bigint>,"
                          "daily_row_count:struct<status:string,error_code:string,last_value:bigint,"
                          "min_predicted_value:bigint,max_predicted_value:bigint>>"),
        C("downstream_impact", "struct<impact_level:int,num_downstream_tables:bigint,"
                               "num_queries_on_affected_tables:bigint>"),
    ), feature="table freshness and completeness anomalies",
        how=("enable data quality monitoring on the schemas to watch (Catalog Explorer > schema > Details > "
             "Data quality monitoring); account admins read it, others need "
             "GRANT SELECT ON TABLE system.data_quality_monitoring.table_results TO <principal>")),
)

BY_NAME: dict[str, Source] = {s.full_name: s for s in SOURCES}
BY_STAGING: dict[str, Source] = {s.staging_table: s for s in SOURCES}


def source(full_name: str) -> Source:
    try:
        return BY_NAME[full_name]
    except KeyError:
        raise KeyError(f"{full_name} is not in the source contract (warehouse/contract.py)") from None


# -- DuckDB DDL for the synthetic account -------------------------------------------------------

@lru_cache(maxsize=512)
def duckdb_type(spark_type: str) -> str:
    """A Spark type string as DuckDB spells it; timestamps stay naive (the project runs in UTC)."""
    from sqlglot import exp

    tree = exp.DataType.build(spark_type, dialect="databricks")
    for node in tree.find_all(exp.DataType):
        if node.this in (exp.DType.TIMESTAMPTZ, exp.DType.TIMESTAMPLTZ):
            node.set("this", exp.DType.TIMESTAMP)
    return tree.sql(dialect="duckdb")


def duckdb_ddl(src: Source, schema: str | None = None) -> str:
    """``create table`` for ``src`` in DuckDB (``schema`` overrides the schema name)."""
    cols = ",\n    ".join(f'"{c.name}" {duckdb_type(c.type)}' for c in src.columns)
    return f"create table {schema or src.schema}.{src.table} (\n    {cols}\n)"


# The demo's Lakehouse Monitoring output tables: monitored table -> its *_profile_metrics table.
PROFILE_TABLES = {
    "main.sales.orders_raw": "orders_raw_profile_metrics",
    "main.sales.orders_silver": "orders_silver_profile_metrics",
    "main.sales.orders_gold": "orders_gold_profile_metrics",
    "main.crm.customers": "customers_profile_metrics",
}
PUBLISHED_SCHEMA = "published"

# -- user-published relations (not system tables; named by configuration) ------------------------
# A pipeline can publish its event log to a Unity Catalog table; Lakehouse Monitoring writes one
# `<output_schema>.<table>_profile_metrics` table per monitored table (no table-name column).
EVENT_LOG = Source("published", "pipeline_event_log", (
    C("id", "string"),
    C("sequence", "string"),
    C("origin", "struct<cloud:string,region:string,org_id:string,pipeline_id:string,pipeline_type:string,"
                "pipeline_name:string,cluster_id:string,update_id:string,flow_id:string,flow_name:string,"
                "dataset_name:string>"),
    C("timestamp", "timestamp"),
    C("message", "string"),
    C("level", "string"),
    C("maturity_level", "string"),
    C("error", "string"),
    C("details", "string"),
    C("event_type", "string"),
), in_dump=False, catalog="main", feature="pipeline expectation results",
    how=("publish each pipeline's event log to Unity Catalog (pipeline settings > Advanced > publish event "
         "log) and list the tables in HM_EVENT_LOG_TABLE (comma-separated), or enable the Beta "
         "system.lakeflow_pipeline_events_preview schema"))

PROFILE_METRICS = Source("published", "profile_metrics", (
    C("window", "struct<start:timestamp,end:timestamp>"),
    C("log_type", "string"),
    C("granularity", "string"),
    C("slice_key", "string"),
    C("slice_value", "string"),
    C("column_name", "string"),
    C("data_type", "string"),
    C("count", "bigint"),
    C("num_nulls", "bigint"),
    C("avg", "double"),
    C("stddev", "double"),
    C("min", "double"),
    C("max", "double"),
    C("quantiles", "array<double>"),
    C("median", "double"),
    C("distinct_count", "bigint"),
    C("percent_null", "double"),
    C("percent_distinct", "double"),
), in_dump=False, catalog="main", feature="column profiles (null rates, distribution drift)",
    how="create Lakehouse Monitoring profiles on the tables to watch and list their *_profile_metrics tables")
