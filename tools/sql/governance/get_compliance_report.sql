-- Control checks for a regulation (soc2, gdpr, hipaa, pci): access review of PII tables, PII reads,
-- credentials without expiry, failed logins, documentation and ownership of data, cost attribution.
-- Grain: one row per control. Parameters: :regulation (null = every control).
with tables as (
    select * from main.health_monitor.dim_table where table_catalog <> 'system'
),

grants as (
    select * from main.health_monitor.fact_grants
),

security_events as (
    select * from main.health_monitor.fact_security_event
    where event_date >= date_sub(:as_of_date, 30)
),

workspace_daily as (
    select * from main.health_monitor.fact_workspace_daily
    where usage_date >= date_sub(:as_of_date, 30)
),

controls as (
    select * from values
        ('AC-1', 'Access to PII tables is reviewed', 'soc2,gdpr,hipaa,pci'),
        ('AC-2', 'PII reads are monitored', 'soc2,gdpr,hipaa'),
        ('AC-3', 'Credentials expire', 'soc2,pci,hipaa'),
        ('AC-4', 'Failed logins are investigated', 'soc2,pci'),
        ('DG-1', 'Tables are documented', 'soc2,gdpr'),
        ('DG-2', 'Tables have an owner', 'soc2,gdpr,hipaa'),
        ('FN-1', 'Spend is attributed (tagged)', 'soc2')
    as c(control_id, control, regulations)
),

evidence as (
    select 'AC-1' as control_id, count(*) as findings,
           concat(cast(count(*) as string), ' grants on PII tables; to groups: ',
                  coalesce(concat_ws(', ', sort_array(collect_set(grantee))), '-')) as evidence
    from grants where is_pii
    union all
    select 'AC-2', count(*), concat(cast(count(*) as string), ' PII reads by ',
                                   cast(count(distinct principal) as string), ' principals in 30 days')
    from security_events where event_type = 'PII_ACCESS'
    union all
    select 'AC-3', count(*), concat(cast(count(*) as string), ' token(s) created without expiry in 30 days')
    from security_events where event_type = 'TOKEN_CREATED' and severity = 'high'
    union all
    select 'AC-4', count(*), concat(cast(count(*) as string), ' failed logins from ',
                                   cast(count(distinct source_ip_address) as string), ' IPs in 30 days')
    from security_events where event_type = 'FAILED_LOGIN'
    union all
    select 'DG-1', sum(case when not has_comment then 1 else 0 end),
           concat(cast(sum(case when not has_comment then 1 else 0 end) as string), ' of ',
                  cast(count(*) as string), ' tables have no description')
    from tables
    union all
    select 'DG-2', sum(case when table_owner is null then 1 else 0 end),
           concat(cast(sum(case when table_owner is null then 1 else 0 end) as string), ' tables without owner')
    from tables
    union all
    select 'FN-1', cast(round(try_divide(sum(untagged_cost), sum(list_cost)) * 100) as bigint),
           concat(cast(round(try_divide(sum(untagged_cost), sum(list_cost)) * 100, 1) as string),
                  ' % of 30-day spend is untagged')
    from workspace_daily
),

final as (
    select
        coalesce(:regulation, 'all') as regulation,
        c.control_id,
        c.control,
        case
            when c.control_id = 'AC-1' then 'review'
            when coalesce(e.findings, 0) = 0 then 'pass'
            when c.control_id in ('AC-3', 'DG-2') then 'fail'
            else 'warn'
        end as status,
        coalesce(e.findings, 0) as findings,
        e.evidence
    from controls as c
    left join evidence as e on c.control_id = e.control_id
    where :regulation is null or array_contains(split(c.regulations, ','), lower(:regulation))
)

select * from final
order by control_id
