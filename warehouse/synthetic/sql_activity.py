"""SQL warehouses: scaling/start/stop events and the query history.

``bi-warehouse`` never stops (dashboard refreshes every 2 h and a 120-minute auto-stop) and runs one
Large cluster all night for a handful of queries. ``etl-warehouse`` had a ~2 h outage 5 days ago
(incident): STOPPED/STARTING events and FAILED queries. Query error text lives in
``query.history.error_message``.
"""

from __future__ import annotations

import duckdb
from health_monitor.warehouse.synthetic.entities import ACCOUNT_ID
from health_monitor.warehouse.synthetic.sqlkit import Context

OUTAGE = "getvariable('today') - interval 5 day + interval 13 hour + interval 7 minute"
OUTAGE_END = "getvariable('today') - interval 5 day + interval 15 hour + interval 6 minute"
OUTAGE_ERROR = ("[WAREHOUSE_UNAVAILABLE] SQL warehouse etl-warehouse is not available: cluster failed to start "
                "(CLOUD_PROVIDER_LAUNCH_FAILURE). Retry after the warehouse is RUNNING.")

EVENTS_SQL = f"""
insert into compute.warehouse_events
with days as (select unnest(generate_series(getvariable('t0'), getvariable('as_of'), interval 1 day)) as day),
sched as (
    select w.*, day, v.*
    from e_warehouses w, days,
    (values ('bi', 'SCALED_UP', 2, 8.5, true), ('bi', 'SCALED_UP', 3, 10.2, true),
            ('bi', 'SCALED_DOWN', 2, 17.3, true), ('bi', 'SCALED_DOWN', 1, 19.1, true),
            ('etl', 'SCALED_UP', 2, 2.05, false), ('etl', 'SCALED_DOWN', 1, 3.7, false)) v(pat, ev, n, hr, weekdays)
    where v.pat = w.pattern and (not v.weekdays or isodow(day) <= 5)
      and (ev <> 'SCALED_UP' or n < 3 or rnd(warehouse_id || day::varchar, 'peak') < 0.6)
)
select '{ACCOUNT_ID}', workspace_id, warehouse_id, ev, n,
       day + to_seconds((hr * 3600 + rnd(warehouse_id || day::varchar || ev || n, 't') * 900)::bigint)
from sched
union all
select '{ACCOUNT_ID}', workspace_id, warehouse_id, e, n, getvariable('t0') - to_days(1) + to_seconds(s)
from e_warehouses, (values ('STARTING', 0, 0), ('RUNNING', 1, 95)) v(e, n, s)
union all
select '{ACCOUNT_ID}', w.workspace_id, w.warehouse_id, e, n, {OUTAGE} + to_seconds(s)
from e_warehouses w, (values ('STOPPING', 1, -40), ('STOPPED', 0, 0), ('STARTING', 0, 130), ('STOPPED', 0, 1500),
                             ('STARTING', 0, 4380), ('RUNNING', 1, 7140)) v(e, n, s)
where getvariable('inc') and w.set_no = 0 and w.pattern = 'etl'
"""

QUERIES_SQL = f"""
insert into query.history
with days as (select unnest(generate_series(getvariable('t0'), getvariable('as_of'), interval 1 day)) as day),
people as (
    select home_ws, list(email order by email) filter (where not is_sp) as humans,
           list(email order by email) filter (where is_sp) as sps
    from e_users group by 1
),
analysts as (select list(email order by email) as all_humans from e_users where not is_sp),
plan as (
    select w.*, day, p.humans, p.sps, a.all_humans,
           ((case w.pattern when 'bi' then (case when isodow(day) <= 5 then 220 else 50 end) else 90 end)
            * getvariable('vol'))::int as n
    from e_warehouses w join people p on p.home_ws = w.workspace_id, analysts a, days
),
q as (
    select plan.*, i, warehouse_id || day::varchar || i as k from plan, unnest(range(n)) t(i)
),
shaped as (
    select q.*,
           case when pattern = 'bi' and rnd(k, 'night') < 0.9
                then day + to_seconds((7.5 * 3600 + rnd(k, 'h') * 11.5 * 3600)::bigint)
                else day + to_seconds((rnd(k, 'h') * 86400)::bigint) end as st,
           case when pattern = 'bi' and rnd(k, 'night') >= 0.9 then coalesce(pick(sps, k, 'sp'), 'reporting-sp')
                when pattern = 'bi' then
                case when rnd(k, 'who') < 0.3 then 'analyst@company.com'
                     when rnd(k, 'who') < 0.45 then coalesce(pick(sps, k, 'sp'), pick(all_humans, k, 'u'))
                     else pick(all_humans, k, 'u') end
                else coalesce(pick(sps, k, 'sp'), pick(humans, k, 'u')) end as who,
           least(540000, (1500 * exp(1.3 * rnorm(k, 'dur'))))::bigint as dur_ms,
           pick(['main.sales.orders_gold', 'main.sales.orders_silver', 'main.analytics.daily_revenue',
                 'main.marketing.campaigns', 'main.sales.products', 'main.analytics.kpi_weekly',
                 'main.sales.returns', 'main.marketing.attribution'], k, 'tbl') as tbl,
           rnd(k, 'status') as r_status
    from q
),
generic as (
    select s.*,
           case when getvariable('inc') and set_no = 0 and pattern = 'etl' and st >= {OUTAGE} and st < {OUTAGE_END}
                     then 'FAILED'
                when r_status < 0.01 then 'FAILED' when r_status < 0.015 then 'CANCELED' else 'FINISHED' end
               as status,
           case when pattern = 'etl' then
                pick(['MERGE INTO ' || tbl || ' t USING updates s ON t.id = s.id WHEN MATCHED THEN UPDATE SET *',
                      'INSERT INTO main.sales.orders_gold SELECT * FROM main.sales.orders_silver WHERE order_date = current_date()',
                      'OPTIMIZE ' || tbl, 'SELECT count(*) FROM ' || tbl], k, 'stmt')
                else pick(['SELECT order_date, sum(amount) AS revenue FROM ' || tbl || ' GROUP BY order_date ORDER BY 1',
                           'SELECT * FROM ' || tbl || ' LIMIT 1000',
                           'SELECT region, count(*) AS n FROM ' || tbl || ' WHERE order_date >= current_date() - INTERVAL 30 DAYS GROUP BY region',
                           'SELECT product_id, avg(amount) FROM ' || tbl || ' GROUP BY product_id'], k, 'stmt') end
               as stmt
    from shaped s
),
incidents as (
    select w.*, v.* from e_warehouses w,
    (values
        ('bi', 'analyst@company.com', getvariable('today') + interval 7 hour + interval 12 minute, 1083000::bigint,
         2050000000000::bigint, 'SELECT o.*, p.category, p.brand FROM main.sales.orders_silver o JOIN main.sales.products p ON o.product_id = p.product_id WHERE o.order_date >= ''2023-01-01''', 'slow'),
        ('bi', 'user@company.com', getvariable('today') - interval 1 day + interval 2 hour + interval 11 minute, 8400::bigint,
         3200000000::bigint, 'SELECT * FROM main.sales.orders_gold WHERE order_date >= current_date() - INTERVAL 365 DAYS', 'night'),
        ('bi', 'user@company.com', getvariable('today') - interval 1 day + interval 2 hour + interval 47 minute, 15800::bigint,
         5100000000::bigint, 'SELECT customer_id, sum(amount) FROM main.sales.orders_silver GROUP BY customer_id', 'night'),
        ('bi', 'user@company.com', getvariable('today') - interval 1 day + interval 3 hour + interval 38 minute, 6100::bigint,
         900000000::bigint, 'SELECT * FROM main.finance.invoices LIMIT 10000', 'night')
    ) v(pat, who, st, dur_ms, bytes, stmt, tag)
    where w.pattern = v.pat and w.set_no = 0 and getvariable('inc')
    union all
    select w.*, 'bi', 'analyst@company.com',
           getvariable('today') - to_days(d) + to_minutes((9 * 60 + rnd(d, 'pii') * 480)::int + r * 37), 2400 + r * 900,
           48000000 + r * 1000000,
           'SELECT customer_id, full_name, email, phone, date_of_birth FROM main.crm.customers WHERE region = ''EMEA''',
           'pii'
    from e_warehouses w, range(1, 7) t(d), range(3) u(r)
    where w.pattern = 'bi' and w.set_no = 0 and getvariable('inc')
)
select '{ACCOUNT_ID}', workspace_id, uuid_of(k, 'stmt'), who, numid(who, 'user'), who, numid(who, 'user'),
       uuid_of(who || st::date, 'session'), status,
       {{'type': 'WAREHOUSE', 'cluster_id': null, 'warehouse_id': warehouse_id}}, stmt, split_part(stmt, ' ', 1),
       case when status = 'FAILED' and pattern = 'etl' and st >= {OUTAGE} and st < {OUTAGE_END} and getvariable('inc')
                 and set_no = 0 then $outage
            when status = 'FAILED' then pick(['[TABLE_OR_VIEW_NOT_FOUND] The table or view cannot be found.',
                                              '[PARSE_SYNTAX_ERROR] Syntax error at or near ''FROM''.',
                                              '[DIVIDE_BY_ZERO] Division by zero.'], k, 'e') end,
       case when who like '%-sp%' then 'Databricks SQL Connector for Python' else pick(['Databricks SQL Editor',
            'Tableau', 'Power BI', 'Databricks Dashboards'], k, 'app') end,
       'Databricks JDBC Driver', dur_ms, (dur_ms * 0.02)::bigint, 0, (dur_ms * 0.88)::bigint,
       (dur_ms * 0.1)::bigint, (dur_ms * 3.5)::bigint, 20,
       st, st + to_milliseconds(dur_ms), st + to_milliseconds(dur_ms), 4, 12, 40,
       (bytes / 96)::bigint, 1000, bytes, 0, 0, 0, 0, (bytes * 0.05)::bigint, 35, false,
       {{'job_info': null, 'dashboard_id': null, 'notebook_id': null, 'sql_query_id': null, 'alert_id': null}},
       map {{}}::map(varchar, varchar)
from (
    select workspace_id, warehouse_id, pattern, set_no, k, who, st, stmt, status, dur_ms,
           (dur_ms * 300000 * exp(0.8 * rnorm(k, 'b')))::bigint as bytes
    from generic where st < getvariable('as_of')
    union all
    select workspace_id, warehouse_id, pattern, set_no, tag || st::varchar, who, st, stmt, 'FINISHED', dur_ms, bytes
    from incidents
)
"""


def build(con: duckdb.DuckDBPyConnection, ctx: Context) -> None:
    con.execute(EVENTS_SQL)
    con.execute(QUERIES_SQL, {"outage": OUTAGE_ERROR})
