-- The hub's headline numbers as one row: yesterday's spend and its 7-day average, failed runs in the
-- last 24 hours, 7-day job success rate, high-severity security events (24 h), stale tables, 30-day
-- SQL warehouse availability. A headline the account cannot measure (no SLA on any job, no expected
-- refresh on any table, no SQL warehouse) is NULL, which the product shows as "not measured".
-- Grain: one row. Parameters: none.
with workspace_daily as (
    select *, usage_date = date_sub(:as_of_date, 1) as is_yesterday
    from main.health_monitor.fact_workspace_daily
    where usage_date >= date_sub(:as_of_date, 8) and usage_date < :as_of_date
),

runs as (
    select *, start_time >= timestampadd(HOUR, -24, :as_of) as is_last_24h
    from main.health_monitor.fact_job_run
    where run_date >= date_sub(:as_of_date, 7)
),

security_events as (
    select * from main.health_monitor.fact_security_event
    where event_date >= date_sub(:as_of_date, 1) and event_time >= timestampadd(HOUR, -24, :as_of)
),

uptime as (
    select * from main.health_monitor.fact_warehouse_uptime_daily
    where usage_date >= date_sub(:as_of_date, 30)
),

cost as (
    select
        sum(case when is_yesterday then list_cost else 0 end) as list_cost_yesterday,
        sum(case when is_yesterday then 0 else list_cost end) / 7 as list_cost_7d_avg
    from workspace_daily
),

jobs as (
    select
        sum(case when is_failure and is_last_24h then 1 else 0 end)
            as failed_runs_24h,
        try_divide(sum(case when is_success then 1 else 0 end), count(*)) * 100 as job_success_rate_7d_pct,
        -- NULL (not measured) when no run in the window has an SLA to breach, never 0.
        case when count(is_sla_breach) > 0 then sum(case when is_sla_breach then 1 else 0 end) end
            as sla_breaches_7d
    from runs
),

security as (
    select sum(case when severity = 'high' then 1 else 0 end) as high_severity_events_24h,
           sum(case when event_type = 'FAILED_LOGIN' then 1 else 0 end) as failed_logins_24h
    from security_events
),

freshness as (
    -- NULL (not measured) when no table declares an expected refresh interval.
    select case when count(expected_refresh_hours) > 0
                then sum(case when is_stale and expected_refresh_hours is not null then 1 else 0 end) end
               as stale_tables
    from main.health_monitor.dim_table
),

availability as (
    select (1 - try_divide(sum(outage_seconds), count(*) * 86400.0)) * 100 as warehouse_availability_30d_pct
    from uptime
),

final as (
    select
        cast(:as_of as timestamp) as as_of,
        c.list_cost_yesterday,
        c.list_cost_7d_avg,
        j.failed_runs_24h,
        j.job_success_rate_7d_pct,
        j.sla_breaches_7d,
        s.high_severity_events_24h,
        s.failed_logins_24h,
        f.stale_tables,
        a.warehouse_availability_30d_pct
    from cost as c
    cross join jobs as j
    cross join security as s
    cross join freshness as f
    cross join availability as a
)

select * from final
