-- Synthetic Databricks system tables: DDL of every table the generator writes (DuckDB types).
-- Grain and column names follow the real system tables (shared/reference/databricks-platform.md
-- section 1); columns nobody reads are omitted. Schemas are named as on Databricks, except
-- `uc_information_schema` (DuckDB forbids a user schema called information_schema).
-- `data_quality_monitoring.profile_metrics` is the union of Lakehouse Monitoring `*_profile_metrics`
-- tables (plus `table_name`); `meta.generation` records the generator's instant (one row).

create schema if not exists billing;
create schema if not exists access;
create schema if not exists lakeflow;
create schema if not exists compute;
create schema if not exists query;
create schema if not exists serving;
create schema if not exists ai_gateway;
create schema if not exists uc_information_schema;
create schema if not exists data_quality_monitoring;
create schema if not exists meta;

-- billing ----------------------------------------------------------------------------------------
create table billing.usage (
    record_id varchar,
    account_id varchar,
    workspace_id varchar,
    sku_name varchar,
    cloud varchar,
    usage_start_time timestamp,
    usage_end_time timestamp,
    usage_date date,
    custom_tags map(varchar, varchar),
    usage_unit varchar,
    usage_quantity decimal(38, 18),
    usage_metadata struct(
        cluster_id varchar, job_id varchar, warehouse_id varchar, instance_pool_id varchar,
        node_type varchar, job_run_id varchar, notebook_id varchar, dlt_pipeline_id varchar,
        endpoint_name varchar, endpoint_id varchar, dlt_update_id varchar, dlt_maintenance_id varchar,
        run_name varchar, job_name varchar, notebook_path varchar, app_id varchar, app_name varchar,
        metastore_id varchar, budget_policy_id varchar, uc_table_catalog varchar,
        uc_table_schema varchar, uc_table_name varchar
    ),
    identity_metadata struct(run_as varchar, created_by varchar, owned_by varchar, run_by varchar),
    record_type varchar,
    ingestion_date date,
    billing_origin_product varchar,
    product_features struct(
        jobs_tier varchar, sql_tier varchar, dlt_tier varchar, is_serverless boolean,
        is_photon boolean, serving_type varchar, offering_type varchar, performance_target varchar
    ),
    usage_type varchar
);

create table billing.list_prices (
    account_id varchar,
    price_start_time timestamp,
    price_end_time timestamp,
    sku_name varchar,
    cloud varchar,
    currency_code varchar,
    usage_unit varchar,
    pricing struct(
        "default" decimal(38, 18),
        promotional struct("default" decimal(38, 18)),
        effective_list struct("default" decimal(38, 18))
    )
);

-- access -----------------------------------------------------------------------------------------
create table access.workspaces_latest (
    account_id varchar,
    workspace_id varchar,
    workspace_name varchar,
    workspace_url varchar,
    create_time timestamp,
    status varchar
);

create table access.audit (
    account_id varchar,
    workspace_id varchar,
    version varchar,
    event_time timestamp,
    event_date date,
    source_ip_address varchar,
    user_agent varchar,
    session_id varchar,
    user_identity struct(email varchar, subject_name varchar),
    service_name varchar,
    action_name varchar,
    request_id varchar,
    request_params map(varchar, varchar),
    response struct(status_code integer, error_message varchar, result varchar),
    audit_level varchar,
    event_id varchar,
    identity_metadata struct(
        run_by varchar, run_as varchar, acting_resource varchar,
        run_by_display_name varchar, run_as_display_name varchar
    )
);

create table access.table_lineage (
    account_id varchar,
    metastore_id varchar,
    workspace_id varchar,
    entity_type varchar,
    entity_id varchar,
    entity_run_id varchar,
    source_table_full_name varchar,
    source_table_catalog varchar,
    source_table_schema varchar,
    source_table_name varchar,
    source_path varchar,
    source_type varchar,
    target_table_full_name varchar,
    target_table_catalog varchar,
    target_table_schema varchar,
    target_table_name varchar,
    target_path varchar,
    target_type varchar,
    created_by varchar,
    event_time timestamp,
    event_date date,
    record_id varchar,
    event_id varchar,
    statement_id varchar,
    entity_metadata struct(
        job_info struct(job_id varchar, job_run_id varchar),
        dashboard_id varchar, notebook_id varchar, sql_query_id varchar,
        dlt_pipeline_info struct(dlt_pipeline_id varchar, dlt_update_id varchar)
    ),
    direct_access boolean
);

create table access.column_lineage (
    account_id varchar,
    metastore_id varchar,
    workspace_id varchar,
    entity_type varchar,
    entity_id varchar,
    entity_run_id varchar,
    source_table_full_name varchar,
    source_table_catalog varchar,
    source_table_schema varchar,
    source_table_name varchar,
    source_path varchar,
    source_type varchar,
    source_column_name varchar,
    target_table_full_name varchar,
    target_table_catalog varchar,
    target_table_schema varchar,
    target_table_name varchar,
    target_path varchar,
    target_type varchar,
    target_column_name varchar,
    created_by varchar,
    event_time timestamp,
    event_date date,
    record_id varchar,
    event_id varchar,
    statement_id varchar
);

-- lakeflow ---------------------------------------------------------------------------------------
create table lakeflow.jobs (
    account_id varchar,
    workspace_id varchar,
    job_id varchar,
    name varchar,
    description varchar,
    creator_id varchar,
    run_as varchar,
    tags map(varchar, varchar),
    change_time timestamp,
    delete_time timestamp,
    trigger struct(
        schedule struct(quartz_cron_expression varchar, timezone_id varchar, pause_status varchar),
        periodic struct("interval" bigint, units varchar),
        continuous struct(enabled boolean),
        file_arrival struct(url varchar)
    ),
    trigger_type varchar,
    run_as_user_name varchar,
    creator_user_name varchar,
    paused boolean,
    timeout_seconds bigint,
    health_rules struct(metric varchar, operator varchar, "value" bigint)[],
    create_time timestamp
);

create table lakeflow.job_tasks (
    account_id varchar,
    workspace_id varchar,
    job_id varchar,
    task_key varchar,
    depends_on_keys varchar[],
    change_time timestamp,
    delete_time timestamp,
    timeout_seconds bigint,
    health_rules struct(metric varchar, operator varchar, "value" bigint)[]
);

create table lakeflow.job_run_timeline (
    account_id varchar,
    workspace_id varchar,
    job_id varchar,
    run_id varchar,
    period_start_time timestamp,
    period_end_time timestamp,
    trigger_type varchar,
    run_type varchar,
    run_name varchar,
    compute_ids varchar[],
    result_state varchar,
    termination_code varchar,
    job_parameters map(varchar, varchar),
    compute struct(type varchar, cluster_id varchar, warehouse_id varchar)[],
    termination_type varchar,
    setup_duration_seconds bigint,
    queue_duration_seconds bigint,
    run_duration_seconds bigint,
    cleanup_duration_seconds bigint,
    execution_duration_seconds bigint
);

create table lakeflow.job_task_run_timeline (
    account_id varchar,
    workspace_id varchar,
    job_id varchar,
    run_id varchar,
    job_run_id varchar,
    parent_run_id varchar,
    period_start_time timestamp,
    period_end_time timestamp,
    task_key varchar,
    compute_ids varchar[],
    result_state varchar,
    termination_code varchar,
    compute struct(type varchar, cluster_id varchar, warehouse_id varchar)[],
    termination_type varchar,
    setup_duration_seconds bigint,
    cleanup_duration_seconds bigint,
    execution_duration_seconds bigint
);

create table lakeflow.pipelines (
    account_id varchar,
    workspace_id varchar,
    pipeline_id varchar,
    pipeline_type varchar,
    name varchar,
    created_by varchar,
    run_as varchar,
    tags map(varchar, varchar),
    settings struct(photon boolean, development boolean, continuous boolean, serverless boolean,
                    edition varchar, channel varchar),
    configuration map(varchar, varchar),
    change_time timestamp,
    delete_time timestamp,
    create_time timestamp
);

create table lakeflow.pipeline_update_timeline (
    account_id varchar,
    workspace_id varchar,
    pipeline_id varchar,
    update_id varchar,
    update_type varchar,
    request_id varchar,
    run_as_user_name varchar,
    trigger_type varchar,
    trigger_details struct(job_task struct(job_id varchar, job_task_run_id varchar)),
    result_state varchar,
    compute struct(type varchar, cluster_id varchar),
    period_start_time timestamp,
    period_end_time timestamp,
    refresh_selection varchar[],
    full_refresh_selection varchar[],
    reset_checkpoint_selection varchar[]
);

-- The pipeline event log (on Databricks: the UC table a pipeline publishes its event log to).
create table lakeflow.pipeline_event_log (
    id varchar,
    sequence struct(data_plane_id struct(instance varchar, seq_no bigint), control_plane_seq_no bigint),
    origin struct(
        cloud varchar, region varchar, org_id varchar, pipeline_id varchar, pipeline_type varchar,
        pipeline_name varchar, cluster_id varchar, update_id varchar, flow_id varchar,
        flow_name varchar, dataset_name varchar
    ),
    "timestamp" timestamp,
    message varchar,
    level varchar,
    maturity_level varchar,
    error varchar,
    details varchar,
    event_type varchar
);

-- query ------------------------------------------------------------------------------------------
create table query.history (
    account_id varchar,
    workspace_id varchar,
    statement_id varchar,
    executed_by varchar,
    executed_by_user_id varchar,
    executed_as varchar,
    executed_as_user_id varchar,
    session_id varchar,
    execution_status varchar,
    compute struct(type varchar, cluster_id varchar, warehouse_id varchar),
    statement_text varchar,
    statement_type varchar,
    error_message varchar,
    client_application varchar,
    client_driver varchar,
    total_duration_ms bigint,
    waiting_for_compute_duration_ms bigint,
    waiting_at_capacity_duration_ms bigint,
    execution_duration_ms bigint,
    compilation_duration_ms bigint,
    total_task_duration_ms bigint,
    result_fetch_duration_ms bigint,
    start_time timestamp,
    end_time timestamp,
    update_time timestamp,
    read_partitions bigint,
    pruned_files bigint,
    read_files bigint,
    read_rows bigint,
    produced_rows bigint,
    read_bytes bigint,
    spilled_local_bytes bigint,
    written_bytes bigint,
    written_rows bigint,
    written_files bigint,
    shuffle_read_bytes bigint,
    read_io_cache_percent tinyint,
    from_result_cache boolean,
    query_source struct(
        job_info struct(job_id varchar, job_run_id varchar, job_task_run_id varchar),
        dashboard_id varchar, notebook_id varchar, sql_query_id varchar, alert_id varchar
    ),
    query_tags map(varchar, varchar)
);

-- compute ----------------------------------------------------------------------------------------
create table compute.clusters (
    account_id varchar,
    workspace_id varchar,
    cluster_id varchar,
    cluster_name varchar,
    owned_by varchar,
    create_time timestamp,
    delete_time timestamp,
    driver_node_type varchar,
    worker_node_type varchar,
    worker_count bigint,
    min_autoscale_workers bigint,
    max_autoscale_workers bigint,
    auto_termination_minutes bigint,
    enable_elastic_disk boolean,
    tags map(varchar, varchar),
    cluster_source varchar,
    init_scripts varchar[],
    driver_instance_pool_id varchar,
    worker_instance_pool_id varchar,
    dbr_version varchar,
    change_time timestamp,
    change_date date,
    data_security_mode varchar,
    policy_id varchar
);

create table compute.node_types (
    account_id varchar,
    node_type varchar,
    core_count double,
    memory_mb bigint,
    gpu_count bigint
);

-- One row per node per 15 minutes here (per minute on Databricks); the columns are the real ones.
create table compute.node_timeline (
    account_id varchar,
    workspace_id varchar,
    cluster_id varchar,
    instance_id varchar,
    start_time timestamp,
    end_time timestamp,
    driver boolean,
    cpu_user_percent double,
    cpu_system_percent double,
    cpu_wait_percent double,
    mem_used_percent double,
    mem_swap_percent double,
    network_sent_bytes bigint,
    network_received_bytes bigint,
    disk_free_bytes_per_mount_point map(varchar, bigint),
    node_type varchar
);

create table compute.warehouses (
    warehouse_id varchar,
    workspace_id varchar,
    account_id varchar,
    warehouse_name varchar,
    warehouse_type varchar,
    warehouse_channel varchar,
    warehouse_size varchar,
    min_clusters integer,
    max_clusters integer,
    auto_stop_minutes integer,
    tags map(varchar, varchar),
    change_time timestamp,
    delete_time timestamp
);

create table compute.warehouse_events (
    account_id varchar,
    workspace_id varchar,
    warehouse_id varchar,
    event_type varchar,
    cluster_count integer,
    event_time timestamp
);

-- serving ----------------------------------------------------------------------------------------
create table serving.served_entities (
    served_entity_id varchar,
    account_id varchar,
    workspace_id varchar,
    created_by varchar,
    endpoint_name varchar,
    endpoint_id varchar,
    served_entity_name varchar,
    entity_type varchar,
    entity_name varchar,
    entity_version varchar,
    endpoint_config_version integer,
    task varchar,
    external_model_config struct(provider varchar),
    foundation_model_config struct(min_provisioned_throughput bigint, max_provisioned_throughput bigint),
    custom_model_config struct(min_concurrency integer, max_concurrency integer, compute_type varchar),
    feature_spec_config struct(min_concurrency integer, max_concurrency integer, compute_type varchar),
    change_time timestamp,
    endpoint_delete_time timestamp
);

create table serving.endpoint_usage (
    workspace_id varchar,
    account_id varchar,
    client_request_id varchar,
    databricks_request_id varchar,
    requester varchar,
    status_code integer,
    request_time timestamp,
    input_token_count bigint,
    output_token_count bigint,
    input_character_count bigint,
    output_character_count bigint,
    usage_context map(varchar, varchar),
    request_streaming boolean,
    served_entity_id varchar
);

create table ai_gateway.usage (
    account_id varchar,
    workspace_id varchar,
    request_id varchar,
    schema_version varchar,
    endpoint_id varchar,
    endpoint_name varchar,
    endpoint_tags map(varchar, varchar),
    event_time timestamp,
    event_date date,
    latency_ms bigint,
    time_to_first_byte_ms bigint,
    destination_type varchar,
    destination_name varchar,
    destination_id varchar,
    destination_model varchar,
    requester varchar,
    requester_type varchar,
    ip_address varchar,
    user_agent varchar,
    api_type varchar,
    request_tags map(varchar, varchar),
    input_tokens bigint,
    output_tokens bigint,
    total_tokens bigint,
    status_code integer
);

-- information schema (system.information_schema on Databricks) ---------------------------------
create table uc_information_schema.catalogs (
    catalog_name varchar,
    catalog_owner varchar,
    comment varchar,
    created timestamp,
    created_by varchar,
    last_altered timestamp,
    last_altered_by varchar
);

create table uc_information_schema.schemata (
    catalog_name varchar,
    schema_name varchar,
    schema_owner varchar,
    comment varchar,
    created timestamp,
    created_by varchar,
    last_altered timestamp,
    last_altered_by varchar
);

create table uc_information_schema.tables (
    table_catalog varchar,
    table_schema varchar,
    table_name varchar,
    table_type varchar,
    is_insertable_into varchar,
    commit_action varchar,
    table_owner varchar,
    comment varchar,
    created timestamp,
    created_by varchar,
    last_altered timestamp,
    last_altered_by varchar,
    data_source_format varchar,
    storage_sub_directory varchar,
    storage_path varchar
);

create table uc_information_schema.columns (
    table_catalog varchar,
    table_schema varchar,
    table_name varchar,
    column_name varchar,
    ordinal_position integer,
    column_default varchar,
    is_nullable varchar,
    full_data_type varchar,
    data_type varchar,
    comment varchar,
    partition_index integer
);

create table uc_information_schema.table_privileges (
    grantor varchar,
    grantee varchar,
    table_catalog varchar,
    table_schema varchar,
    table_name varchar,
    privilege_type varchar,
    is_grantable varchar,
    inherited_from varchar
);

create table uc_information_schema.table_tags (
    catalog_name varchar,
    schema_name varchar,
    table_name varchar,
    tag_name varchar,
    tag_value varchar
);

create table uc_information_schema.column_tags (
    catalog_name varchar,
    schema_name varchar,
    table_name varchar,
    column_name varchar,
    tag_name varchar,
    tag_value varchar
);

-- data profiling (union of Lakehouse Monitoring *_profile_metrics tables) -------------------------
create table data_quality_monitoring.profile_metrics (
    table_name varchar,
    "window" struct("start" timestamp, "end" timestamp),
    log_type varchar,
    granularity varchar,
    slice_key varchar,
    slice_value varchar,
    column_name varchar,
    data_type varchar,
    count bigint,
    num_nulls bigint,
    avg double,
    stddev double,
    min double,
    max double,
    quantiles double[],
    median double,
    distinct_count bigint,
    percent_null double,
    percent_distinct double
);

-- meta -------------------------------------------------------------------------------------------
create table meta.generation (
    as_of timestamp,
    seed bigint,
    scale double,
    generated_at timestamp
);
