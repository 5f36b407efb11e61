-- purpose: the audit log flattened for security tools: who, from where, what, outcome, and flags
--          (failure, denied, failed login, after hours, PII access).
--          After hours = outside 07:00-20:00 UTC, or on Saturday/Sunday.
-- grain:   one row per audit event (event_id)
-- params:  none
-- depends: dim_workspace, dim_table
with audit as (
    select * from main.health_monitor_staging.access__audit
),

workspaces as (
    select workspace_id, workspace_name from main.health_monitor.dim_workspace
),

pii_tables as (
    select table_full_name from main.health_monitor.dim_table where is_pii
),

flattened as (
    select
        event_id,
        event_time,
        event_date,
        workspace_id,
        user_identity.email as principal,
        source_ip_address,
        user_agent,
        service_name,
        action_name,
        response.status_code as status_code,
        response.error_message as error_message,
        coalesce(
            request_params['full_name_arg'],
            request_params['securable_full_name'],
            request_params['table_full_name']
        ) as securable_full_name,
        audit_level,
        request_params,
        lower(action_name) as action_lower
    from audit
),

final as (
    select
        flattened.event_id,
        flattened.event_time,
        flattened.event_date,
        flattened.workspace_id,
        -- account-level events (logins, account admin actions) carry workspace_id '0'
        case when flattened.workspace_id = '0' then '(account)' else workspaces.workspace_name end as workspace_name,
        flattened.principal,
        coalesce(flattened.principal not like '%@%', false) as is_service_principal,
        flattened.source_ip_address,
        flattened.user_agent,
        flattened.service_name,
        flattened.action_name,
        cast(flattened.status_code as int) as status_code,
        flattened.error_message,
        coalesce(flattened.status_code >= 400, false) as is_failure,
        coalesce(flattened.status_code in (401, 403), false) as is_denied,
        coalesce(
            (flattened.action_lower like '%login%' or flattened.action_lower like '%authenticat%')
            and flattened.status_code >= 400,
            false
        ) as is_failed_login,
        (
            hour(flattened.event_time) < 7
            or hour(flattened.event_time) >= 20
            or dayofweek(flattened.event_time) in (1, 7)
        ) as is_after_hours,
        flattened.securable_full_name,
        coalesce(
            pii_tables.table_full_name is not null
            and coalesce(flattened.status_code, 200) < 400
            and flattened.action_lower not like '%permission%'
            and flattened.action_lower not like 'grant%'
            and flattened.action_lower not like 'revoke%'
            and flattened.action_lower not like 'create%'
            and flattened.action_lower not like 'delete%'
            and flattened.action_lower not like 'drop%'
            and flattened.action_lower not like 'alter%',
            false
        ) as is_pii_access,
        flattened.audit_level,
        flattened.request_params
    from flattened
    left join workspaces
        on flattened.workspace_id = workspaces.workspace_id
    left join pii_tables
        on flattened.securable_full_name = pii_tables.table_full_name
)

select * from final
