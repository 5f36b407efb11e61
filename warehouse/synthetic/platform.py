"""Account-level dimensions: workspaces, node types, list prices, clusters and warehouses (SCD2)."""

from __future__ import annotations

import duckdb
from health_monitor.warehouse.synthetic.entities import ACCOUNT_ID, NODE_TYPES
from health_monitor.warehouse.synthetic.sqlkit import Context

# sku, list price $/DBU; one price change (jobs) and one promotion (serving) inside the window.
PRICES = [
    ("PREMIUM_JOBS_COMPUTE", 0.15),
    ("PREMIUM_JOBS_SERVERLESS_COMPUTE_US_EAST_1", 0.35),
    ("PREMIUM_ALL_PURPOSE_COMPUTE", 0.55),
    ("PREMIUM_ALL_PURPOSE_SERVERLESS_COMPUTE_US_EAST_1", 0.75),
    ("PREMIUM_SQL_PRO_COMPUTE", 0.55),
    ("PREMIUM_DLT_ADVANCED_COMPUTE", 0.36),
    ("PREMIUM_SERVERLESS_REAL_TIME_INFERENCE_US_EAST_1", 0.07),
]

PRICES_SQL = """
insert into billing.list_prices
with skus as (select * from (values {values}) v(sku_name, price)),
cut as (
    select date_trunc('month', getvariable('as_of') - interval 50 day) as jobs_change,
           date_trunc('month', getvariable('as_of') - interval 100 day) as promo_end
),
windows as (
    select sku_name, timestamp '2024-01-01' as s,
           case when sku_name = 'PREMIUM_JOBS_COMPUTE' then jobs_change
                when sku_name like 'PREMIUM_SERVERLESS_REAL_TIME%' then promo_end end as e,
           price, case when sku_name like 'PREMIUM_SERVERLESS_REAL_TIME%' then price * 0.8 end as promo
    from skus, cut
    union all
    select sku_name, jobs_change, null, 0.17, null from skus, cut where sku_name = 'PREMIUM_JOBS_COMPUTE'
    union all
    select sku_name, promo_end, null, price, null from skus, cut where sku_name like 'PREMIUM_SERVERLESS_REAL_TIME%'
)
select '{account}', s, e, sku_name, 'AWS', 'USD', 'DBU',
       {{'default': price::decimal(38, 18),
         'promotional': {{'default': promo::decimal(38, 18)}},
         'effective_list': {{'default': coalesce(promo, price)::decimal(38, 18)}}}}
from windows
"""

CLUSTERS_SQL = """
insert into compute.clusters
with base as (
    select c.*, getvariable('t0') - to_days(30 + floor(rnd(cluster_id, 'created') * 200)::int) as created
    from e_clusters c
),
versions as (
    select b.*, v.n,
           case v.n when 0 then created
                    when 1 then getvariable('t0') + to_minutes(floor(rnd(cluster_id, 'c1') * 60 * 1440)::int)
                    else getvariable('t0') + to_minutes(floor((62 + rnd(cluster_id, 'c2') * 50) * 1440)::int)
           end as change_ts,
           ['14.3.x-scala2.12', '15.4.x-scala2.12', '16.4.x-scala2.12'][v.n + 1] as dbr
    from base b, (values (0), (1), (2)) v(n)
    where v.n < 2 or rnd(cluster_id, 'has2') < 0.5
)
select '{account}', workspace_id, cluster_id, cluster_name, owner, created, null, driver_node, worker_node,
       case when min_workers = max_workers then min_workers end,
       case when min_workers <> max_workers then min_workers end,
       case when min_workers <> max_workers then max_workers end,
       autoterm, true, tags, source, [], null, null, dbr, change_ts, change_ts::date,
       case when source = 'JOB' then 'SINGLE_USER' else 'USER_ISOLATION' end, null
from versions
"""

WAREHOUSES_SQL = """
insert into compute.warehouses
with versions as (
    select w.*, v.n,
           case v.n when 0 then getvariable('t0') - to_days(90 + floor(rnd(warehouse_id, 'c') * 100)::int)
                    else getvariable('t0') + to_days(80) end as change_ts
    from e_warehouses w, (values (0), (1)) v(n)
)
select warehouse_id, workspace_id, '{account}', warehouse_name, warehouse_type, 'CURRENT',
       case when n = 0 and pattern = 'bi' then 'Medium' else size end,
       min_clusters, max_clusters, auto_stop, tags, change_ts, null
from versions
"""


def build(con: duckdb.DuckDBPyConnection, ctx: Context) -> None:
    con.execute(f"""
        insert into access.workspaces_latest
        select '{ACCOUNT_ID}', workspace_id, workspace_name,
               'https://dbc-' || substr(md5(workspace_id), 1, 8) || '-' || substr(md5(workspace_name), 1, 4)
                   || '.cloud.databricks.com',
               getvariable('t0') - to_days(200 + (hash(workspace_id) % 400)::int), 'RUNNING'
        from e_workspaces""")
    nodes = ", ".join(f"('{n}', {c}, {m}, {g})" for n, c, m, g, _ in NODE_TYPES)
    con.execute(f"insert into compute.node_types select '{ACCOUNT_ID}', * from (values {nodes})")
    con.execute("create or replace temp table e_node_dbu as select * from (values "
                + ", ".join(f"('{n}', {d})" for n, _, _, _, d in NODE_TYPES) + ") v(node_type, dbu)")
    values = ", ".join(f"('{s}', {p})" for s, p in PRICES)
    con.execute(PRICES_SQL.format(values=values, account=ACCOUNT_ID))
    con.execute(CLUSTERS_SQL.format(account=ACCOUNT_ID))
    con.execute(WAREHOUSES_SQL.format(account=ACCOUNT_ID))
