-- Incidents of the last :days days: warehouse outages, job failures (3+ failures of a job in a day =
-- high), SLA breaches, grouped per day and subject, at or above a minimum severity.
-- Grain: one row per day x incident type x subject. Parameters: :severity, :days.
with runs as (
    select * from main.health_monitor.fact_job_run
    where run_date >= date_sub(:as_of_date, :days)
),

outage_events as (
    select * from main.health_monitor.fact_warehouse_event
    where is_outage and start_time >= timestampadd(DAY, -:days, :as_of)
),

workspaces as (
    select * from main.health_monitor.dim_workspace
),

outages as (
    select
        cast(e.start_time as date) as incident_date,
        'warehouse_outage' as incident_type,
        'high' as severity,
        e.warehouse_name as subject,
        w.workspace_name,
        count(*) as occurrences,
        min(e.start_time) as first_seen,
        max(e.end_time) as last_seen,
        concat('outage of ', cast(round(sum(e.duration_seconds) / 60.0, 0) as string), ' minutes') as detail
    from outage_events as e
    left join workspaces as w on e.workspace_id = w.workspace_id
    group by all
),

job_failures as (
    select
        run_date as incident_date,
        'job_failure' as incident_type,
        case when count(*) >= 3 then 'high' else 'medium' end as severity,
        job_name as subject,
        workspace_name,
        count(*) as occurrences,
        min(start_time) as first_seen,
        max(end_time) as last_seen,
        substr(coalesce(max(error_message), max(termination_code), 'failed'), 1, 160) as detail
    from runs
    where is_failure
    group by all
),

sla as (
    select
        run_date as incident_date,
        'sla_breach' as incident_type,
        'medium' as severity,
        job_name as subject,
        workspace_name,
        count(*) as occurrences,
        min(start_time) as first_seen,
        max(end_time) as last_seen,
        concat('ran up to ', cast(max(duration_seconds) as string), 's against an SLA of ',
               cast(max(sla_seconds) as string), 's') as detail
    from runs
    where is_sla_breach
    group by all
),

incidents as (
    select * from outages
    union all select * from job_failures
    union all select * from sla
),

final as (
    select * from incidents
    where (case severity when 'high' then 3 when 'medium' then 2 else 1 end)
          >= (case coalesce(:severity, 'low') when 'high' then 3 when 'medium' then 2 else 1 end)
)

select * from final
order by incident_date desc, case severity when 'high' then 1 when 'medium' then 2 else 3 end, occurrences desc
