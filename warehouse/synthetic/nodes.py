"""``compute.node_timeline``: one row per node per 15 minutes (per minute on Databricks), last 30 days.

Uptime follows each cluster's pattern (``always``, ``business``, ``adhoc``) or, for job clusters,
the job runs. ``analytics-adhoc`` idles near 2 % CPU most of its uptime; ``prod-etl-cluster`` runs
above 90 % CPU from 05:00 to 11:00 UTC yesterday (incident).
"""

from __future__ import annotations

import duckdb
from health_monitor.warehouse.synthetic.entities import ACCOUNT_ID
from health_monitor.warehouse.synthetic.sqlkit import Context

NODES_SQL = f"""
insert into compute.node_timeline
with slots as (
    select unnest(generate_series(getvariable('nt0'), getvariable('as_of') - interval 15 minute,
                                  interval 15 minute)) as ts
),
pattern_up as (
    select c.cluster_id, s.ts from e_clusters c, slots s
    where c.pattern = 'always'
       or (c.pattern = 'business' and isodow(s.ts) <= 5 and hour(s.ts) between 8 and 18)
       or (c.pattern = 'adhoc' and ((isodow(s.ts) <= 5 and hour(s.ts) between 7 and 20)
                                    or (hour(s.ts) between 7 and 9)))
),
job_up as (
    select distinct r.cluster_id, s.ts
    from runs r join e_clusters c on c.cluster_id = r.cluster_id and c.pattern = 'jobs',
         unnest(generate_series(date_trunc('hour', r.start_ts), r.end_ts, interval 15 minute)) s(ts)
    where r.end_ts >= getvariable('nt0') and s.ts < r.end_ts
),
up as (select * from pattern_up union all select * from job_up),
nodes as (
    select c.*, u.ts, n.k, n.k = 0 as is_driver,
           c.cluster_id || ':' || n.k || ':' || u.ts::varchar as key
    from up u join e_clusters c using (cluster_id), unnest(range(0, c.min_workers + 1)) n(k)
),
cpu as (
    select n.*,
           case when getvariable('inc') and set_no = 0 and cluster_name = 'prod-etl-cluster'
                     and days_ago(ts) = 1 and hour(ts) between 5 and 10
                then 84 + rnd(key, 'hot') * 6
                when pattern = 'adhoc' and rnd(cluster_id || ts::varchar, 'burst') < 0.06
                then 25 + rnd(key, 'b') * 30
                when pattern = 'adhoc' then 0.5 + rnd(key, 'idle') * 2.5
                else least(78, greatest(1, cpu * (0.75 + 0.5 * rnd(key, 'c')) + 4 * rnorm(key, 'n')))
           end * case when is_driver and pattern <> 'adhoc' then 0.6 else 1 end as user_pct
    from nodes n
)
select '{ACCOUNT_ID}', workspace_id, cluster_id, 'i-' || substr(md5(cluster_id || k || ts::date), 1, 17), ts,
       ts + interval 15 minute, is_driver, round(user_pct, 2), round(user_pct * 0.09 + 0.3, 2),
       round(0.5 + rnd(key, 'w') * 2.5, 2), round(30 + least(60, user_pct * 0.5) + rnd(key, 'm') * 10, 2),
       round(rnd(key, 's') * 0.5, 2), (user_pct * 4e7 * (0.5 + rnd(key, 'tx')))::bigint,
       (user_pct * 6e7 * (0.5 + rnd(key, 'rx')))::bigint,
       map {{'/': (80e9 * (0.4 + 0.5 * rnd(key, 'disk')))::bigint}},
       case when is_driver then driver_node else worker_node end
from cpu
"""


def build(con: duckdb.DuckDBPyConnection, ctx: Context) -> None:
    con.execute(NODES_SQL)
