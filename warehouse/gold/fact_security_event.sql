-- purpose: the security-relevant audit events, one type and a severity each:
--          FAILED_LOGIN (medium), PERMISSION_CHANGE (medium on a PII table, else low),
--          TOKEN_CREATED (high when it never expires, else low), PII_ACCESS (medium after hours, else low),
--          DENIED_REQUEST (low), ADMIN_ACTION (low).
-- grain:   one row per security-relevant audit event (event_id)
-- params:  none
-- depends: fact_audit, dim_table
with audit as (
    select * from main.health_monitor.fact_audit
),

pii_tables as (
    select table_full_name from main.health_monitor.dim_table where is_pii
),

classified as (
    select
        audit.*,
        lower(audit.action_name) as action_lower,
        pii_tables.table_full_name is not null as on_pii_table,
        coalesce(
            audit.request_params['lifetime_seconds'],
            audit.request_params['lifetimeSeconds'],
            audit.request_params['token_expiration_time'],
            audit.request_params['tokenExpirationTime'],
            audit.request_params['expiry_time']
        ) as token_lifetime
    from audit
    left join pii_tables
        on audit.securable_full_name = pii_tables.table_full_name
),

typed as (
    select
        *,
        case
            when is_failed_login then 'FAILED_LOGIN'
            when (action_lower like '%token%' and (action_lower like '%create%' or action_lower like '%generate%'))
                and not is_failure then 'TOKEN_CREATED'
            when (action_lower like '%permission%' or action_lower like 'grant%' or action_lower like 'revoke%')
                and not is_failure then 'PERMISSION_CHANGE'
            when is_pii_access then 'PII_ACCESS'
            when is_denied then 'DENIED_REQUEST'
            when service_name in ('accounts', 'accountsManager')
                and (action_lower like '%admin%' or action_lower like '%group%' or action_lower like '%user%')
                and action_lower not like '%login%'
                and not is_failure then 'ADMIN_ACTION'
        end as event_type
    from classified
),

final as (
    select
        event_id,
        event_time,
        event_date,
        workspace_id,
        workspace_name,
        principal,
        is_service_principal,
        source_ip_address,
        event_type,
        case
            when event_type = 'TOKEN_CREATED'
                and (token_lifetime is null or trim(token_lifetime) in ('', '0', '-1')) then 'high'
            when event_type = 'FAILED_LOGIN' then 'medium'
            when event_type = 'PERMISSION_CHANGE' and on_pii_table then 'medium'
            when event_type = 'PII_ACCESS' and is_after_hours then 'medium'
            else 'low'
        end as severity,
        service_name,
        action_name,
        securable_full_name,
        status_code,
        concat_ws(
            '; ',
            -- why the severity is what it is, said on the row ("why is that one high?")
            case when event_type = 'TOKEN_CREATED' then concat('lifetime: ', coalesce(token_lifetime, 'none'),
                case when token_lifetime is null or trim(token_lifetime) in ('', '0', '-1')
                     then ' (the token never expires)' end) end,
            case when event_type = 'PERMISSION_CHANGE' and on_pii_table then 'on a PII table' end,
            case when event_type = 'PII_ACCESS' and is_after_hours then 'outside working hours' end,
            case when request_params['principal'] is not null then concat('grantee: ', request_params['principal']) end,
            case when request_params['changes'] is not null then concat('changes: ', request_params['changes']) end,
            error_message
        ) as detail,
        is_after_hours
    from typed
    where event_type is not null
)

select * from final
