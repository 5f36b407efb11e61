"""Lakeflow jobs: definitions (SCD2), tasks, runs sliced into hourly timeline rows.

The temp table ``runs`` (one row per job run, with its error text) feeds billing, the node
timeline and the audit log (``jobs``/``runFailed`` rows carry the error message: the timeline
tables have none, as on Databricks).
"""

from __future__ import annotations

import duckdb
from health_monitor.warehouse.synthetic.entities import ACCOUNT_ID
from health_monitor.warehouse.synthetic.sqlkit import Context

OOM = ("torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 20.00 GiB (GPU 0; 22.19 GiB total "
       "capacity; 18.47 GiB already allocated; 1.62 GiB free). Task train failed on node g5.12xlarge.")
SCHEMA_MISMATCH = ("[DELTA_FAILED_TO_MERGE_FIELDS] Failed to merge fields 'amount' and 'amount'. Failed to merge "
                   "incompatible data types DecimalType(18,2) and StringType while reading main.sales.orders_raw: "
                   "schema mismatch (column amount changed type).")

ORDINARY_ERRORS = [
    ("RUN_EXECUTION_ERROR", "org.apache.spark.SparkException: Job aborted due to stage failure: Task 3 in stage "
                            "12.0 failed 4 times, most recent failure: ExecutorLostFailure"),
    ("RUN_EXECUTION_ERROR", "[TABLE_OR_VIEW_NOT_FOUND] The table or view `main`.`staging`.`tmp_batch` cannot be found."),
    ("RUN_EXECUTION_ERROR", "Py4JJavaError: An error occurred while calling o412.save: java.io.IOException: "
                            "Connection reset by peer"),
    ("CLUSTER_ERROR", "Cluster terminated unexpectedly: SPOT_INSTANCE_TERMINATION"),
    ("DRIVER_ERROR", "The spark driver has stopped unexpectedly and is restarting. Your notebook will be "
                     "automatically reattached."),
    ("CLOUD_FAILURE", "AWS InsufficientInstanceCapacity: there is no capacity for the requested instance type."),
]

RUNS_SQL = """
create or replace temp table runs as
with sched as (
    select j.*, unnest(generate_series(getvariable('t0') + to_minutes(j.offset_min), getvariable('as_of'),
                                       to_minutes(j.period))) as sched_ts
    from e_jobs j
),
base as (
    select s.*, job_id || '@' || sched_ts::varchar as k, days_ago(sched_ts) as d,
           getvariable('inc') and set_no = 0 as inc
    from sched s
    where days = 'all' or (days = 'weekdays' and isodow(sched_ts) <= 5)
       or (days not in ('all', 'weekdays') and isodow(sched_ts) = days::int)
),
flags as (
    select b.*,
           inc and name = 'ml_training' and sched_ts >= getvariable('as_of') - interval 24 hour
               and sched_ts + interval 3 hour <= getvariable('as_of') as ml_recent,
           inc and name = 'nightly_etl' and d <= 1 as etl_broken,
           inc and name = 'hourly_ingest' and ((d = 1 and hour(sched_ts) in (7, 9))
               or (d between 3 and 6 and hour(sched_ts) = 10 + d and d in (3, 5))) as sla_breach,
           rnd(k, 'fail') < 0.02 as ordinary_fail
    from base b
),
ranked as (
    select f.*, case when ml_recent then row_number() over (partition by job_id, ml_recent order by sched_ts desc)
                end as ml_rank
    from flags f
),
shaped as (
    select r.*,
           ml_rank between 1 and 3 as oom,
           case when compute_kind = 'job' and cluster_id is not null and name not in
                     ('nightly_etl', 'hourly_ingest', 'sales_aggregates') then 60 + floor(rnd(k, 'setup') * 200)
                when compute_kind = 'serverless' then 5 + floor(rnd(k, 'setup') * 20) else 2 end as setup_s,
           floor(rnd(k, 'queue') * 20) as queue_s,
           dur * exp(0.15 * rnorm(k, 'dur')) * (1 + 0.0006 * (120 - d)) as exec_raw
    from ranked r
),
final as (
    select *,
           case when oom then 'FAILED' when etl_broken then 'FAILED'
                when ml_rank is not null or sla_breach or (inc and name = 'nightly_etl' and d = 2) then 'SUCCEEDED'
                when ordinary_fail then 'FAILED' else 'SUCCEEDED' end as result_state,
           case when oom then 2400 + rnd(k, 'oomdur') * 1500
                when etl_broken then 780 + rnd(k, 'etl') * 60
                when sla_breach then 930 + rnd(k, 'sla') * 400
                when name like 'hourly_ingest%' then least(exec_raw, 840 - setup_s)
                when name = 'ml_training' and inc and d <= 2 then exec_raw * 1.3
                when ordinary_fail then exec_raw * (0.1 + 0.8 * rnd(k, 'partial'))
                else exec_raw end as exec_s
    from shaped
)
select workspace_id, job_id, name as job_name, numid(k, 'run') as run_id, kind, category, compute_kind,
       cluster_id, node_type, case when name = 'ml_training' and inc and d <= 2 then 8 else workers end as workers,
       run_as, n_tasks, set_no, sched_ts + to_seconds(queue_s::bigint) as start_ts,
       sched_ts + to_seconds((queue_s + setup_s + exec_s + 10)::bigint) as end_ts,
       queue_s::bigint as queue_s, setup_s::bigint as setup_s, exec_s::bigint as exec_s, 10 as cleanup_s,
       result_state,
       case when result_state = 'SUCCEEDED' then 'SUCCESS' when oom or etl_broken then 'RUN_EXECUTION_ERROR'
            else pick($codes, k, 'err') end as termination_code,
       case when oom then $oom when etl_broken then $etl
            when result_state = 'FAILED' then pick($msgs, k, 'err') end as error_message,
       case when rnd(k, 'manual') < 0.01 then 'ONETIME' else 'CRON' end as trigger_type
from final
where sched_ts + to_seconds((queue_s + setup_s + exec_s + 10)::bigint) < getvariable('as_of')
"""

TIMELINE_SQL = """
insert into lakeflow.job_run_timeline
select '{account}', workspace_id, job_id, run_id, greatest(h, start_ts), least(h + interval 1 hour, end_ts),
       trigger_type, 'JOB_RUN', job_name,
       case when compute_kind = 'serverless' then [] else [cluster_id] end,
       case when h + interval 1 hour >= end_ts then result_state end,
       case when h + interval 1 hour >= end_ts then termination_code end,
       map {{}}::map(varchar, varchar),
       [{{'type': case compute_kind when 'serverless' then 'SERVERLESS' when 'warehouse' then 'WAREHOUSE'
                      else 'CLASSIC' end,
          'cluster_id': case when compute_kind in ('job', 'allpurpose') then cluster_id end,
          'warehouse_id': case when compute_kind = 'warehouse' then cluster_id end}}],
       case when h + interval 1 hour >= end_ts then
            case when result_state = 'SUCCEEDED' then 'SUCCESS' else 'CLIENT_ERROR' end end,
       setup_s, queue_s, setup_s + exec_s + cleanup_s, cleanup_s, exec_s
from runs, unnest(generate_series(date_trunc('hour', start_ts), end_ts, interval 1 hour)) t(h)
where h < end_ts
"""

TASKS_SQL = """
create or replace temp table task_runs as
select r.*, t.i, keys[t.i] as task_key, numid(run_id, 'task' || t.i) as task_run_id,
       start_ts + to_microseconds((span_us / n_tasks_eff * (t.i - 1))::bigint) as t_start,
       start_ts + to_microseconds((span_us / n_tasks_eff * t.i)::bigint) as t_end,
       case when t.i < n_tasks_eff then 'SUCCEEDED' else result_state end as t_state,
       case when t.i < n_tasks_eff then 'SUCCESS' else termination_code end as t_code
from (
    select r.*, epoch_us(end_ts) - epoch_us(start_ts) as span_us,
           case job_name when 'ml_training' then ['prepare_features', 'train', 'register_model']
                         when 'nightly_etl' then ['extract_orders', 'merge_orders_silver', 'build_orders_gold',
                                                  'publish']
                         else ['ingest', 'transform', 'validate', 'publish'][1:n_tasks] end as keys,
           case when job_name = 'ml_training' and result_state = 'FAILED' then 2
                when job_name = 'nightly_etl' and result_state = 'FAILED' then 1
                else n_tasks end as n_tasks_eff
    from runs r
) r, unnest(range(1, n_tasks_eff + 1)) t(i)
"""

TASK_TIMELINE_SQL = """
insert into lakeflow.job_task_run_timeline
select '{account}', workspace_id, job_id, task_run_id, run_id, run_id,
       greatest(h, t_start), least(h + interval 1 hour, t_end), task_key,
       case when compute_kind = 'serverless' then [] else [cluster_id] end,
       case when h + interval 1 hour >= t_end then t_state end,
       case when h + interval 1 hour >= t_end then t_code end,
       [{{'type': case compute_kind when 'serverless' then 'SERVERLESS' when 'warehouse' then 'WAREHOUSE'
                      else 'CLASSIC' end,
          'cluster_id': case when compute_kind in ('job', 'allpurpose') then cluster_id end,
          'warehouse_id': case when compute_kind = 'warehouse' then cluster_id end}}],
       case when h + interval 1 hour >= t_end then
            case when t_state = 'SUCCEEDED' then 'SUCCESS' else 'CLIENT_ERROR' end end,
       case when i = 1 then setup_s else 0 end, 0, epoch(t_end - t_start)::bigint
from task_runs, unnest(generate_series(date_trunc('hour', t_start), t_end, interval 1 hour)) t(h)
where h < t_end
"""

JOBS_SQL = """
insert into lakeflow.jobs
with v as (
    select j.*, n,
           getvariable('t0') - to_days(20 + floor(rnd(job_id, 'created') * 300)::int) as created,
           case n when 0 then getvariable('t0') - to_days(20 + floor(rnd(job_id, 'created') * 300)::int)
                  when 1 then getvariable('t0') + to_minutes(floor(rnd(job_id, 'ch1') * 100 * 1440)::int)
                  when 2 then getvariable('as_of') - interval 2 day - interval 7 hour
                  else getvariable('as_of') - interval 75 minute end as change_ts
    from e_jobs j, (values (0), (1), (2), (3)) v(n)
    where n <= 1 or (name = 'ml_training' and set_no = 0 and (n = 2 or getvariable('inc')))
)
select '{account}', workspace_id, job_id, name,
       case when name = 'ml_training' and n = 2 then 'GPU training; scaled to 8 x g5.12xlarge, batch size 256'
            when name = 'ml_training' and n = 3 then 'GPU training; batch size back to 128 after CUDA OOM'
            else 'Scheduled job ' || name end,
       numid(creator, 'user'), numid(run_as, 'user'),
       case when n = 0 then map_from_entries(list_filter(map_entries(tags), lambda x: x.key <> 'cost_center'))
            else tags end,
       change_ts, null,
       {{'schedule': {{'quartz_cron_expression':
            case when period >= 1440 then '0 ' || (offset_min % 60) || ' ' || (offset_min // 60) || ' '
                      || case days when 'all' then '* * ?' when 'weekdays' then '? * MON-FRI'
                               else '? * ' || ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'][days::int] end
                 else '0 ' || (offset_min % 60) || ' ' || (offset_min // 60) || '/' || greatest(period // 60, 1)
                      || ' * * ?' end,
            'timezone_id': 'UTC', 'pause_status': 'UNPAUSED'}},
         'periodic': null, 'continuous': null, 'file_arrival': null}},
       'CRON', run_as, creator, false, case when sla_s is not null then 3600 else 0 end,
       case when sla_s is not null then [{{'metric': 'RUN_DURATION_SECONDS', 'operator': 'GREATER_THAN',
                                         'value': sla_s::bigint}}]
            else [] end,
       created
from v
"""

JOB_TASKS_SQL = """
insert into lakeflow.job_tasks
select distinct on (job_id, task_key) '{account}', workspace_id, job_id, task_key,
       case when i = 1 then [] else [keys[i - 1]] end,
       getvariable('t0') - to_days(20), null, 0, []
from (select distinct job_id, workspace_id, i, task_key, keys from task_runs)
"""


def build(con: duckdb.DuckDBPyConnection, ctx: Context) -> None:
    con.execute(RUNS_SQL, {"oom": OOM, "etl": SCHEMA_MISMATCH,
                           "codes": [c for c, _ in ORDINARY_ERRORS], "msgs": [m for _, m in ORDINARY_ERRORS]})
    con.execute(TIMELINE_SQL.format(account=ACCOUNT_ID))
    con.execute(TASKS_SQL)
    con.execute(TASK_TIMELINE_SQL.format(account=ACCOUNT_ID))
    con.execute(JOBS_SQL.format(account=ACCOUNT_ID))
    con.execute(JOB_TASKS_SQL.format(account=ACCOUNT_ID))
