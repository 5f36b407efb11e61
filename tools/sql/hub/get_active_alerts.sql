-- Open signals of the last 24 hours that need attention, without any alert rule: cost spikes of
-- yesterday, failed jobs, SLA breaches, failed-login bursts, high-severity security events, warehouse
-- outages and stale tables. Alert rules (alerts/) add rule-based events on top.
-- Grain: one row per signal x subject. Parameters: none.
with workspace_daily as (
    select * from main.health_monitor.fact_workspace_daily
    where usage_date >= date_sub(:as_of_date, 8) and usage_date < :as_of_date
),

runs as (
    select * from main.health_monitor.fact_job_run
    where run_date >= date_sub(:as_of_date, 1) and start_time >= timestampadd(HOUR, -24, :as_of)
),

security_events as (
    select * from main.health_monitor.fact_security_event
    where event_date >= date_sub(:as_of_date, 1) and event_time >= timestampadd(HOUR, -24, :as_of)
),

outage_events as (
    select * from main.health_monitor.fact_warehouse_event
    where is_outage and end_time >= timestampadd(HOUR, -24, :as_of)
),

stale_tables as (
    select * from main.health_monitor.dim_table
    where is_stale and expected_refresh_hours is not null
),

cost_scored as (
    select
        workspace_name,
        usage_date,
        list_cost,
        avg(list_cost) over (partition by workspace_id order by usage_date rows between 7 preceding and 1 preceding)
            as baseline_cost,
        stddev_samp(list_cost) over (partition by workspace_id order by usage_date
                                     rows between 7 preceding and 1 preceding) as baseline_stddev
    from workspace_daily
),

cost_spikes as (
    select 'high' as severity, 'cost_spike' as signal_type, workspace_name as subject, workspace_name,
           cast(usage_date as timestamp) as observed_at, list_cost as value,
           concat('cost $', cast(cast(round(list_cost) as bigint) as string), ' vs 7-day average $',
                  cast(cast(round(baseline_cost) as bigint) as string), ' (+',
                  cast(cast(round((list_cost / baseline_cost - 1) * 100) as bigint) as string), ' %)') as detail,
           'get_cost_anomalies' as source_tool
    from cost_scored
    where usage_date = date_sub(:as_of_date, 1)
      and list_cost >= 1.2 * baseline_cost
      and (list_cost - baseline_cost) >= 3 * greatest(baseline_stddev, 0.05 * baseline_cost)
),

failed_jobs as (
    select case when count(*) >= 3 then 'high' else 'medium' end as severity, 'job_failures' as signal_type,
           job_name as subject, any_value(workspace_name) as workspace_name, max(start_time) as observed_at,
           cast(count(*) as double) as value,
           concat(cast(count(*) as string), ' failed run(s): ', substr(coalesce(max(error_message), ''), 1, 120)) as detail,
           'get_failed_jobs' as source_tool
    from runs
    where is_failure
    group by job_name
),

sla as (
    select 'medium' as severity, 'sla_breach' as signal_type, job_name as subject,
           any_value(workspace_name) as workspace_name, max(start_time) as observed_at,
           cast(count(*) as double) as value,
           concat(cast(count(*) as string), ' run(s) over the SLA') as detail, 'get_sla_breaches' as source_tool
    from runs
    where is_sla_breach
    group by job_name
),

login_bursts as (
    select case when count(*) >= 3 then 'high' else 'medium' end as severity, 'failed_logins' as signal_type,
           source_ip_address as subject, cast(null as string) as workspace_name, max(event_time) as observed_at,
           cast(count(*) as double) as value,
           concat(cast(count(*) as string), ' failed logins for ', concat_ws(', ', collect_set(principal))) as detail,
           'get_failed_auth_attempts' as source_tool
    from security_events
    where event_type = 'FAILED_LOGIN'
    group by source_ip_address
    having count(*) >= 3
),

high_security as (
    select 'high' as severity, concat('security_', lower(event_type)) as signal_type, principal as subject,
           any_value(workspace_name) as workspace_name, max(event_time) as observed_at,
           cast(count(*) as double) as value, substr(coalesce(max(detail), max(action_name)), 1, 160) as detail,
           'get_security_events' as source_tool
    from security_events
    where severity = 'high' and event_type <> 'FAILED_LOGIN'
    group by event_type, principal
),

outages as (
    select 'high' as severity, 'warehouse_outage' as signal_type, warehouse_name as subject,
           cast(null as string) as workspace_name, max(end_time) as observed_at,
           sum(duration_seconds) / 60.0 as value, 'warehouse outage (minutes in value)' as detail,
           'get_uptime_metrics' as source_tool
    from outage_events
    group by warehouse_name
),

stale as (
    select 'medium' as severity, 'stale_table' as signal_type, table_full_name as subject,
           cast(null as string) as workspace_name, last_write_time as observed_at, hours_since_update as value,
           concat('not updated for ', cast(round(hours_since_update) as string), ' h (usually every ',
                  cast(round(expected_refresh_hours) as string), ' h)') as detail,
           'get_freshness_violations' as source_tool
    from stale_tables
),

signals as (
    select * from cost_spikes
    union all select * from failed_jobs
    union all select * from sla
    union all select * from login_bursts
    union all select * from high_security
    union all select * from outages
    union all select * from stale
),

final as (
    select * from signals
)

select * from final
order by case severity when 'high' then 1 when 'medium' then 2 else 3 end, observed_at desc
