"""Lakeflow declarative pipelines: definitions, update timeline and the event log.

``orders_pipeline`` builds ``main.sales.orders_silver`` from ``orders_raw`` with the expectations
``valid_amount`` (drop), ``valid_order_date`` (drop) and ``valid_customer_id`` (warn). Yesterday
``valid_amount`` dropped about 1 % of rows (incident); normally under 0.1 %.
"""

from __future__ import annotations

import duckdb
from health_monitor.warehouse.synthetic.entities import ACCOUNT_ID
from health_monitor.warehouse.synthetic.sqlkit import Context

PIPELINES_SQL = """
insert into lakeflow.pipelines
select '{account}', workspace_id, pipeline_id, 'WORKSPACE', name, 'admin@company.com', run_as,
       map {{'team': 'data-eng', 'project': split_part(name, '_', 1)}},
       {{'photon': true, 'development': false, 'continuous': false, 'serverless': false,
         'edition': 'ADVANCED', 'channel': 'CURRENT'}},
       map {{'pipelines.target_catalog': 'main'}},
       getvariable('t0') - to_days(40 + pipe_no * 17), null, getvariable('t0') - to_days(40 + pipe_no * 17)
from e_pipelines
"""

UPDATES_SQL = """
create or replace temp table updates as
with s as (
    select p.*, unnest(generate_series(getvariable('t0') + to_minutes(offset_min), getvariable('as_of'),
                                       to_minutes(period))) as ts
    from e_pipelines p
)
select s.*, uuid_of(pipeline_id, ts::varchar) as update_id, days_ago(ts) as d,
       ts + to_seconds((([720, 1200, 2700][pipe_no + 1]) * exp(0.2 * rnorm(pipeline_id, ts::varchar)))::bigint)
           as end_ts,
       case when rnd(pipeline_id || ts::varchar, 'fail') < 0.015 then 'FAILED' else 'COMPLETED' end as state,
       greatest(200, (4000 * (case when isodow(ts) >= 6 then 0.6 else 1 end)
                    * exp(0.25 * rnorm(pipeline_id, ts::varchar || 'n')))::bigint) as n_rows,
       getvariable('inc') and set_no = 0 and pipe_no = 0 and days_ago(ts) = 1 as bad_amount
from s
"""

TIMELINE_SQL = """
insert into lakeflow.pipeline_update_timeline
select '{account}', workspace_id, pipeline_id, update_id, 'SCHEDULED', uuid_of(update_id, 'req'), run_as, 'CRON',
       {{'job_task': {{'job_id': null, 'job_task_run_id': null}}}}, state,
       {{'type': 'CLASSIC', 'cluster_id': '0' || (pipe_no + 1) || '12-' || substr(update_id, 1, 6) || '-dlt'}},
       ts, end_ts, [], [], []
from updates where end_ts < getvariable('as_of')
"""

EVENTS_SQL = """
insert into published.pipeline_event_log
with u as (
    select u.*,
           case when pipe_no = 0 then
               (n_rows * case when bad_amount then 0.0095 + 0.001 * rnd(update_id, 'fa')
                              else 0.0003 + 0.0005 * rnd(update_id, 'fa') end)::bigint
           else 0 end as f_amount,
           (n_rows * 0.0001 * rnd(update_id, 'fd'))::bigint as f_date,
           (n_rows * (0.002 + 0.002 * rnd(update_id, 'fc')))::bigint as f_cust
    from updates u where end_ts < getvariable('as_of')
),
flow as (
    select u.*, case pipe_no when 0 then 'orders_silver' when 1 then 'customers_cdc' else 'clickstream_sessions' end
                as dataset
    from u
),
ev as (
    select f.*, e.n, e.event_type, e.level, e.frac, e.message, e.details from flow f,
    (values
        (1, 'create_update', 'INFO', 0.0, 'Update ' || substr(f.update_id, 1, 8) || ' started by SCHEDULER.', null),
        (2, 'update_progress', 'INFO', 0.02, 'Update ' || substr(f.update_id, 1, 8) || ' is RUNNING.',
            '{{"update_progress": {{"state": "RUNNING"}}}}'),
        (3, 'flow_progress', case when f.state = 'FAILED' then 'ERROR' else 'METRICS' end, 0.9,
            'Completed a streaming update of ''' || f.dataset || '''.',
            to_json({{'flow_progress': {{
                'status': case when f.state = 'FAILED' then 'FAILED' else 'COMPLETED' end,
                'metrics': {{'num_output_rows': f.n_rows - f.f_amount - f.f_date}},
                'data_quality': case when f.pipe_no = 0 then {{
                    'dropped_records': f.f_amount + f.f_date,
                    'expectations': [
                        {{'name': 'valid_amount', 'dataset': f.dataset, 'passed_records': f.n_rows - f.f_amount,
                          'failed_records': f.f_amount}},
                        {{'name': 'valid_order_date', 'dataset': f.dataset, 'passed_records': f.n_rows - f.f_date,
                          'failed_records': f.f_date}},
                        {{'name': 'valid_customer_id', 'dataset': f.dataset, 'passed_records': f.n_rows - f.f_cust,
                          'failed_records': f.f_cust}}]}}
                else {{'dropped_records': 0,
                       'expectations': [{{'name': 'not_null_key', 'dataset': f.dataset, 'passed_records': f.n_rows,
                                          'failed_records': 0}}]}} end}}}})::varchar),
        (4, 'update_progress', case when f.state = 'FAILED' then 'ERROR' else 'INFO' end, 1.0,
            'Update ' || substr(f.update_id, 1, 8) || ' is ' || f.state || '.',
            '{{"update_progress": {{"state": "' || f.state || '"}}}}')
    ) e(n, event_type, level, frac, message, details)
)
select uuid_of(update_id, n::varchar),
       to_json({{'data_plane_id': {{'instance': 'execution', 'seq_no': n::bigint}}, 'control_plane_seq_no': null}})::varchar,
       {{'cloud': 'AWS', 'region': 'us-east-1', 'org_id': workspace_id, 'pipeline_id': pipeline_id,
         'pipeline_type': 'WORKSPACE', 'pipeline_name': name, 'cluster_id': null, 'update_id': update_id,
         'flow_id': case when n = 3 then uuid_of(pipeline_id, dataset) end,
         'flow_name': case when n = 3 then 'main.sales.' || dataset end,
         'dataset_name': case when n = 3 then dataset end}},
       ts + to_microseconds(((epoch_us(end_ts) - epoch_us(ts)) * frac)::bigint), message, level, 'STABLE',
       case when level = 'ERROR' then 'org.apache.spark.sql.streaming.StreamingQueryException: '
                                      || 'Query terminated with exception' end,
       details, event_type
from ev
"""


def build(con: duckdb.DuckDBPyConnection, ctx: Context) -> None:
    con.execute(PIPELINES_SQL.format(account=ACCOUNT_ID))
    con.execute(UPDATES_SQL)
    con.execute(TIMELINE_SQL.format(account=ACCOUNT_ID))
    con.execute(EVENTS_SQL.format(account=ACCOUNT_ID))
