"""``billing.usage``: hourly usage records from every compute source, calibrated in dollars.

Raw rows (job-run slices, all-purpose uptime, warehouse hours, pipeline updates, serving hours,
serverless notebooks) carry a relative weight; the rows of one (workspace, category, day) are
scaled so their list cost equals that day's target (see ``entities.COST_GROUPS``), and the DBU
quantity is the cost divided by the price in force at ``usage_end_time``. Jobs on the all-purpose
cluster ``analytics-adhoc`` (``daily_report``) have no rows of their own: their spend is in the
cluster's rows (cluster_id set, job_id null), as on Databricks. A few old records carry
RETRACTION/RESTATEMENT pairs.
"""

from __future__ import annotations

import duckdb
from health_monitor.warehouse.synthetic.entities import ACCOUNT_ID
from health_monitor.warehouse.synthetic.sqlkit import Context

RAW_SQL = """
create or replace temp table u_raw as
with hours as (
    select unnest(generate_series(getvariable('t0'), getvariable('as_of') - interval 1 hour, interval 1 hour)) as h
),
job_rows as (
    select t.workspace_id, j.category, t.period_start_time as s, t.period_end_time as e,
           epoch(t.period_end_time - t.period_start_time) * (1 + r.workers) * coalesce(nd.dbu, 4) as w,
           case when r.compute_kind = 'serverless' then 'PREMIUM_JOBS_SERVERLESS_COMPUTE_US_EAST_1'
                else 'PREMIUM_JOBS_COMPUTE' end as sku, 'JOBS' as product,
           case when r.compute_kind <> 'serverless' then r.cluster_id end as cluster_id, r.job_id, r.run_id,
           r.job_name, null as warehouse_id, case when r.compute_kind <> 'serverless' then r.node_type end as node_type,
           null as pipeline_id, null as update_id, null as endpoint_name, null as endpoint_id, null as notebook_id,
           null as notebook_path, r.run_as, null as owned_by, j.tags, r.compute_kind = 'serverless' as serverless
    from lakeflow.job_run_timeline t join runs r using (run_id) join e_jobs j on j.job_id = r.job_id
    left join e_node_dbu nd on nd.node_type = r.node_type
    where r.compute_kind in ('job', 'serverless')
),
ap_rows as (
    select c.workspace_id, 'allpurpose', h, h + interval 1 hour,
           (1 + c.min_workers) * nd.dbu * (case when c.pattern = 'adhoc' and hour(h) between 10 and 16 then 1.5 else 1 end),
           'PREMIUM_ALL_PURPOSE_COMPUTE', 'ALL_PURPOSE', c.cluster_id, null, null, null, null, c.worker_node,
           null, null, null, null, null, null, c.owner, null, c.tags, false
    from e_clusters c join e_node_dbu nd on nd.node_type = c.worker_node, hours
    where c.source <> 'JOB' and (
          (c.pattern = 'business' and isodow(h) <= 5 and hour(h) between 8 and 18)
       or (c.pattern = 'adhoc' and ((isodow(h) <= 5 and hour(h) between 7 and 20) or hour(h) between 7 and 9)))
),
wh_rows as (
    select w.workspace_id, 'sql', h, h + interval 1 hour,
           case when w.pattern = 'bi' then (case when isodow(h) <= 5 and hour(h) between 9 and 18 then 2.4 else 1 end)
                else (case when hour(h) between 2 and 3 then 2 else 1 end) end,
           'PREMIUM_SQL_PRO_COMPUTE', 'SQL', null, null, null, null, w.warehouse_id, null, null, null, null, null,
           null, null, null, 'admin@company.com', w.tags, false
    from e_warehouses w, hours
    where not (getvariable('inc') and w.set_no = 0 and w.pattern = 'etl' and days_ago(h) = 5 and hour(h) in (13, 14))
),
dlt_rows as (
    select u.workspace_id, 'dlt', u.ts, u.end_ts, epoch(u.end_ts - u.ts), 'PREMIUM_DLT_ADVANCED_COMPUTE', 'DLT',
           null, null, null, null, null, 'i3.2xlarge', u.pipeline_id, u.update_id, null, null, null, null, u.run_as,
           null, map {'team': 'data-eng', 'project': split_part(u.name, '_', 1)}, false
    from updates u where u.end_ts < getvariable('as_of')
),
serving_rows as (
    select e.workspace_id, 'serving', h, h + interval 1 hour, 1.0 + e.req_per_day / 100,
           'PREMIUM_SERVERLESS_REAL_TIME_INFERENCE_US_EAST_1', 'MODEL_SERVING', null, null, null, null, null, null,
           null, null, e.endpoint_name, e.endpoint_id, null, null, e.created_by, null,
           map {'team': 'ml', 'project': case when e.endpoint_name like 'hm-%' then 'health-monitor' else 'customer' end,
                'cost_center': 'CC-300'}, true
    from e_endpoints e, hours
),
notebook_rows as (
    select w.workspace_id, 'serverless', s, s + interval 1 hour, 0.5 + rnd(k, 'w'),
           'PREMIUM_ALL_PURPOSE_SERVERLESS_COMPUTE_US_EAST_1', 'INTERACTIVE', null, null, null, null, null, null,
           null, null, null, null, numid(who, 'nb'), '/Users/' || who || '/analysis', who, null,
           case when w.kind = 'dev' and rnd(k, 'tag') < 0.7 then map {}::map(varchar, varchar)
                else map {'team': coalesce(nullif(w.kind, 'dev'), 'dev-team'), 'project': 'notebooks'} end, true
    from (
        select w.*, g.category, h.h::date + to_hours((8 + floor(rnd(w.workspace_id || h.h || i, 'hr') * 10))::int) as s,
               w.workspace_id || h.h || i as k,
               (select list(email order by email) from e_users where not is_sp) [
                   1 + (hash(w.workspace_id || h.h || i) % 30)::int] as who
        from e_workspaces w join e_cost_groups g on g.workspace_id = w.workspace_id and g.category = 'serverless',
             (select h from hours where hour(h) = 0) h, range(6) t(i)
    ) w
    where s < getvariable('as_of')
)
select * from job_rows union all select * from ap_rows union all select * from wh_rows
union all select * from dlt_rows union all select * from serving_rows union all select * from notebook_rows
"""

TARGETS_SQL = """
create or replace temp table u_target as
with days as (select unnest(generate_series(getvariable('t0'), getvariable('as_of'), interval 1 day))::date as day),
ws as (select workspace_id, kind, set_no from e_workspaces)
select g.workspace_id, g.category, day,
       g.usd * (case when isodow(day) >= 6 then g.weekend else 1 end)
       * (1 - 0.0008 * greatest(days_ago(day) - 1, 0))
       * (1 + 0.02 * rnorm(g.workspace_id || g.category, day::varchar))
       * case when not getvariable('inc') or ws.set_no > 0 then 1
              when ws.kind = 'ml' and g.category = 'training' and days_ago(day) = 1 then 1600.0 / 900
              when ws.kind = 'ml' and g.category = 'training' and days_ago(day) between 9 and 20 then 2.0
              when ws.kind = 'analytics' and days_ago(day) between 1 and 7 then 1.12
              else 1 end
       * case when day = getvariable('today') then epoch(getvariable('as_of') - getvariable('t0')::date
                                                         - to_days(date_diff('day', getvariable('t0')::date,
                                                                             getvariable('today')))) / 86400
              else 1 end as usd
from e_cost_groups g join ws using (workspace_id), days
"""

USAGE_SQL = f"""
insert into billing.usage
with costed as (
    select r.*, r.s::date as day,
           t.usd * r.w / sum(r.w) over (partition by r.workspace_id, r.category, r.s::date) as usd
    from u_raw r join u_target t on t.workspace_id = r.workspace_id and t.category = r.category and t.day = r.s::date
    where r.w > 0
),
priced as (
    select c.*, c.usd / p.pricing.effective_list.default::double as dbus,
           uuid_of(c.workspace_id || c.sku || c.s::varchar || coalesce(c.cluster_id, c.warehouse_id, c.endpoint_id,
                   c.notebook_id, c.update_id, c.job_id, '') || coalesce(c.run_id, ''), 'usage') as record_id
    from costed c join billing.list_prices p on p.sku_name = c.sku and c.e >= p.price_start_time
         and (p.price_end_time is null or c.e < p.price_end_time)
),
corrections as (
    select p.*, v.record_type, v.factor from priced p,
    (values ('ORIGINAL', 1.0), ('RETRACTION', -1.0), ('RESTATEMENT', 0.92)) v(record_type, factor)
    where v.record_type = 'ORIGINAL'
       or (days_ago(p.s) between 20 and 100 and rnd(p.record_id, 'correct') < 0.002)
)
select case when record_type = 'ORIGINAL' then record_id else uuid_of(record_id, record_type) end,
       '{ACCOUNT_ID}', workspace_id, sku, 'AWS', s, e, day, coalesce(tags, map {{}}::map(varchar, varchar)), 'DBU',
       (dbus * factor)::decimal(38, 18),
       {{'cluster_id': cluster_id, 'job_id': job_id, 'warehouse_id': warehouse_id, 'instance_pool_id': null,
         'node_type': node_type, 'job_run_id': run_id, 'notebook_id': notebook_id, 'dlt_pipeline_id': pipeline_id,
         'endpoint_name': endpoint_name, 'endpoint_id': endpoint_id, 'dlt_update_id': update_id,
         'dlt_maintenance_id': null, 'run_name': null, 'job_name': job_name, 'notebook_path': notebook_path,
         'app_id': null, 'app_name': null, 'metastore_id': null, 'budget_policy_id': null, 'uc_table_catalog': null,
         'uc_table_schema': null, 'uc_table_name': null}},
       {{'run_as': run_as, 'created_by': null, 'owned_by': owned_by}},
       record_type, day + (case when record_type = 'ORIGINAL' then (hour(s) >= 12)::int else 30 end), product,
       {{'jobs_tier': case when product = 'JOBS' then 'CLASSIC' end, 'sql_tier': case when product = 'SQL' then 'PRO' end,
         'dlt_tier': case when product = 'DLT' then 'ADVANCED' end, 'is_serverless': serverless,
         'is_photon': product in ('SQL', 'DLT'), 'serving_type': case when product = 'MODEL_SERVING' then 'MODEL' end, 'performance_target': null}},
       'COMPUTE_TIME'
from corrections
"""


def build(con: duckdb.DuckDBPyConnection, ctx: Context) -> None:
    con.execute(RAW_SQL)
    con.execute(TARGETS_SQL)
    con.execute(USAGE_SQL)
