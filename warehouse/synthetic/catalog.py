"""Unity Catalog: information schema, tags, grants, lineage and data-profiling metrics.

``main.sales.orders_raw -> orders_silver -> orders_gold`` (lineage); ``main.crm.customers`` tagged
``pii = true``; several ``main.sales`` tables have no comment; ``finance`` grants MODIFY to
``finance-etl-sp`` and ``finance_admins``; ``main.health_monitor.fact_usage`` reads
``system.billing.usage``. With incidents: orders_gold last altered ~2 days before as_of (nightly_etl
failed), orders_raw.amount is now STRING, the contractors grant, and orders_silver.amount drifts
over the last 6 days in the demo's Lakehouse Monitoring ``published.*_profile_metrics`` tables.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa
from health_monitor.warehouse.synthetic.schema import PROFILE_TABLES, PUBLISHED_SCHEMA
from health_monitor.warehouse.synthetic.sqlkit import Context

ORDER_COLS = [("order_id", "BIGINT"), ("customer_id", "BIGINT"), ("product_id", "BIGINT"), ("order_date", "DATE"),
              ("amount", "DECIMAL(18,2)"), ("region", "STRING"), ("promo_code", "STRING"),
              ("shipping_address", "STRING")]
# catalog.schema.table, comment (None = missing), owner, refresh, columns
TABLES = [
    ("main.sales.orders_raw", "Raw orders landed hourly by hourly_ingest", "etl-sp", "hourly", ORDER_COLS),
    ("main.sales.orders_silver", "Cleaned orders (orders_pipeline, expectations applied)", "etl-sp", "hourly", ORDER_COLS),
    ("main.sales.orders_gold", "Daily order facts built by nightly_etl", "etl-sp", "daily", ORDER_COLS[:5]),
    ("main.sales.products", None, "etl-sp", "daily", [("product_id", "BIGINT"), ("category", "STRING"), ("brand", "STRING")]),
    ("main.sales.returns", None, "etl-sp", "daily", [("return_id", "BIGINT"), ("order_id", "BIGINT"), ("amount", "DECIMAL(18,2)")]),
    ("main.sales.promotions", None, "etl-sp", "weekly", [("promo_code", "STRING"), ("discount", "DOUBLE")]),
    ("main.sales.store_locations", None, "admin@company.com", "static", [("store_id", "BIGINT"), ("city", "STRING")]),
    ("main.sales.price_history", "Product price changes", "etl-sp", "daily", [("product_id", "BIGINT"), ("price", "DOUBLE")]),
    ("main.crm.customers", "Customer master data (PII)", "crm-sp", "daily",
     [("customer_id", "BIGINT"), ("full_name", "STRING"), ("email", "STRING"), ("phone", "STRING"),
      ("date_of_birth", "DATE"), ("region", "STRING")]),
    ("main.crm.contacts", "Contact persons (PII)", "crm-sp", "daily", [("contact_id", "BIGINT"), ("email", "STRING")]),
    ("main.crm.interactions", "Support interactions", "crm-sp", "daily", [("interaction_id", "BIGINT"), ("customer_id", "BIGINT")]),
    ("main.marketing.campaigns", "Marketing campaigns", "reporting-sp", "daily", [("campaign_id", "BIGINT"), ("spend", "DOUBLE")]),
    ("main.marketing.attribution", "Multi-touch attribution", "reporting-sp", "daily", [("order_id", "BIGINT"), ("campaign_id", "BIGINT")]),
    ("main.analytics.daily_revenue", "Revenue per day (daily_report)", "reporting-sp", "daily", [("order_date", "DATE"), ("revenue", "DOUBLE")]),
    ("main.analytics.kpi_weekly", "Weekly KPIs", "reporting-sp", "weekly", [("week", "DATE"), ("kpi", "STRING"), ("value", "DOUBLE")]),
    ("main.analytics.dashboard_cache", None, "reporting-sp", "hourly", [("key", "STRING"), ("payload", "STRING")]),
    ("main.health_monitor.fact_usage", "Health monitor Gold: daily usage and list cost", "hm-sp", "daily",
     [("usage_date", "DATE"), ("workspace_id", "STRING"), ("sku_name", "STRING"), ("dbus", "DOUBLE"), ("list_cost", "DOUBLE")]),
    ("main.health_monitor.fact_job_runs", "Health monitor Gold: job runs", "hm-sp", "daily", [("run_id", "STRING"), ("result_state", "STRING")]),
    ("main.health_monitor.dim_workspace", "Health monitor Gold: workspaces", "hm-sp", "daily", [("workspace_id", "STRING"), ("workspace_name", "STRING")]),
    ("main.ml.features_customer", "Customer features", "ml-sp", "daily", [("customer_id", "BIGINT"), ("ltv", "DOUBLE")]),
    ("main.ml.training_set", "Training set snapshot", "ml-sp", "daily", [("row_id", "BIGINT"), ("label", "INT")]),
    ("main.ml.predictions", "Batch scoring output", "ml-sp", "daily", [("customer_id", "BIGINT"), ("score", "DOUBLE")]),
    ("finance.gl.gl_entries", "General ledger entries", "finance-etl-sp", "daily", [("entry_id", "BIGINT"), ("amount", "DECIMAL(18,2)")]),
    ("finance.gl.invoices", "Invoices", "finance-etl-sp", "daily", [("invoice_id", "BIGINT"), ("amount", "DECIMAL(18,2)")]),
    ("finance.gl.budgets", "Budgets per cost center", "finance-etl-sp", "weekly", [("cost_center", "STRING"), ("budget", "DOUBLE")]),
    ("finance.reporting.revenue_monthly", "Monthly revenue", "finance-etl-sp", "daily", [("month", "DATE"), ("revenue", "DOUBLE")]),
    ("finance.reporting.cost_centers", None, "finance-etl-sp", "static", [("cost_center", "STRING"), ("owner", "STRING")]),
    ("hr.people.employees", "Employees (PII)", "admin@company.com", "daily", [("employee_id", "BIGINT"), ("email", "STRING"), ("salary", "DOUBLE")]),
    ("hr.people.payroll", "Payroll (PII)", "admin@company.com", "daily", [("employee_id", "BIGINT"), ("amount", "DOUBLE")]),
    ("dev.sandbox.scratch_orders", None, "james.smith@company.com", "static", ORDER_COLS[:3]),
    ("dev.sandbox.tmp_user_events", None, "maria.garcia@company.com", "static", [("event_id", "BIGINT"), ("payload", "STRING")]),
]
PII_TABLES = ["main.crm.customers", "main.crm.contacts", "hr.people.employees", "hr.people.payroll"]
PII_COLUMNS = [("main.crm.customers", "email"), ("main.crm.customers", "phone"), ("main.crm.customers", "full_name"),
               ("main.crm.customers", "date_of_birth"), ("main.crm.contacts", "email"), ("hr.people.employees", "email")]
GRANTS = [  # grantor, grantee, securable prefix, privilege
    ("admin@company.com", "data_engineers", "main.sales.", "ALL PRIVILEGES"),
    ("admin@company.com", "analysts", "main.sales.", "SELECT"), ("admin@company.com", "analysts", "main.analytics.", "SELECT"),
    ("admin@company.com", "crm_team", "main.crm.", "SELECT"), ("admin@company.com", "crm-sp", "main.crm.", "MODIFY"),
    ("admin@company.com", "finance_admins", "finance.", "MODIFY"), ("admin@company.com", "finance-etl-sp", "finance.", "MODIFY"),
    ("admin@company.com", "finance_analysts", "finance.", "SELECT"), ("admin@company.com", "hr_admins", "hr.", "SELECT"),
    ("admin@company.com", "ml_engineers", "main.ml.", "MODIFY"), ("admin@company.com", "hm-sp", "main.health_monitor.", "MODIFY"),
    ("admin@company.com", "analyst@company.com", "main.marketing.", "SELECT"),
]
# source, target, entity type, job name (lineage edges, one write event per day)
EDGES = [
    ("main.sales.orders_raw", "main.sales.orders_silver", "PIPELINE", "orders_pipeline"),
    ("main.sales.orders_silver", "main.sales.orders_gold", "JOB", "nightly_etl"),
    ("main.sales.products", "main.sales.orders_gold", "JOB", "nightly_etl"),
    ("main.sales.orders_gold", "main.analytics.daily_revenue", "JOB", "daily_report"),
    ("main.crm.customers", "main.ml.features_customer", "JOB", "feature_refresh"),
    ("main.sales.orders_gold", "main.ml.features_customer", "JOB", "feature_refresh"),
    ("main.ml.features_customer", "main.ml.predictions", "JOB", "batch_scoring"),
    ("main.marketing.campaigns", "main.marketing.attribution", "JOB", "marketing_attribution"),
    ("system.billing.usage", "main.health_monitor.fact_usage", "JOB", "health_monitor_gold_build"),
    ("system.billing.list_prices", "main.health_monitor.fact_usage", "JOB", "health_monitor_gold_build"),
    ("system.lakeflow.job_run_timeline", "main.health_monitor.fact_job_runs", "JOB", "health_monitor_gold_build"),
    ("system.access.workspaces_latest", "main.health_monitor.dim_workspace", "JOB", "health_monitor_gold_build"),
    ("finance.gl.invoices", "finance.reporting.revenue_monthly", "JOB", "billing_reconciliation"),
]
COLUMN_EDGES = [("orders_raw", "orders_silver", c) for c, _ in ORDER_COLS] + [
    ("orders_silver", "orders_gold", c) for c, _ in ORDER_COLS[:5]] + [
    ("system.billing.usage", "main.health_monitor.fact_usage", c) for c in ("usage_date", "workspace_id", "sku_name")] + [
    ("system.billing.usage", "main.health_monitor.fact_usage", "usage_quantity:dbus")]
FRESH_OFFSET_H = {"hourly": 1, "daily": 20, "weekly": 100, "static": 900}


def _load(con, name: str, rows: list[dict]) -> None:
    con.register("_rows", pa.Table.from_pylist(rows))
    con.execute(f"create or replace temp table {name} as select * from _rows")
    con.unregister("_rows")


def build(con: duckdb.DuckDBPyConnection, ctx: Context) -> None:
    tables = [{"fqn": f, "cat": f.split(".")[0], "sch": f.split(".")[1], "tbl": f.split(".")[2], "comment": c,
               "owner": o, "refresh": r, "off_h": FRESH_OFFSET_H[r], "ti": i} for i, (f, c, o, r, _) in enumerate(TABLES)]
    for s in range(1, ctx.n_sets):  # generic tables of the copies
        tables += [dict(t, fqn=f"ext_{s:03d}.{t['sch']}.{t['tbl']}", cat=f"ext_{s:03d}", ti=1000 * s + t["ti"])
                   for t in tables[:len(TABLES)] if t["cat"] == "main"]
    _load(con, "e_tables", tables)
    cols = [{"fqn": f, "col": c, "typ": t, "pos": j + 1} for f, *_, cs in TABLES for j, (c, t) in enumerate(cs)]
    _load(con, "e_columns", cols)
    con.execute("""
        create or replace temp table e_tables2 as
        select t.*, getvariable('t0') - to_days(60 + ti * 7 % 300) as created,
               case when getvariable('inc') and fqn = 'main.sales.orders_gold'
                        then getvariable('today') - interval 2 day + interval 3 hour + interval 11 minute
                    when fqn = 'main.sales.orders_gold' then getvariable('today') + interval 3 hour + interval 14 minute
                    when fqn = 'main.sales.orders_raw' then date_trunc('hour', getvariable('as_of')) + interval 9 minute
                         - interval 1 hour
                    else getvariable('as_of') - to_hours(off_h) - to_minutes((hash(fqn) % 50)::int) end as altered
        from e_tables t""")
    con.execute("""
        insert into uc_information_schema.catalogs
        select distinct cat, 'admin@company.com', 'Catalog ' || cat, getvariable('t0') - interval 400 day,
               'admin@company.com', getvariable('t0'), 'admin@company.com' from e_tables2
        union all select 'system', 'System user', 'System catalog', null, null, null, null""")
    con.execute("""
        insert into uc_information_schema.schemata
        select distinct cat, sch, 'admin@company.com', null, getvariable('t0') - interval 300 day, 'admin@company.com',
               getvariable('t0'), 'admin@company.com' from e_tables2""")
    con.execute("""
        insert into uc_information_schema.tables
        select cat, sch, tbl, 'MANAGED', 'YES', 'PRESERVE', owner, comment, created, owner, altered,
               case when fqn = 'main.sales.orders_raw' then 'ingest-sp' else owner end, 'DELTA', null,
               's3://company-uc/' || cat || '/' || sch || '/' || tbl
        from e_tables2""")
    con.execute("""
        insert into uc_information_schema.columns
        select split_part(fqn, '.', 1), split_part(fqn, '.', 2), split_part(fqn, '.', 3), col, pos, null,
               case when pos = 1 then 'NO' else 'YES' end,
               lower(case when getvariable('inc') and fqn = 'main.sales.orders_raw' and col = 'amount' then 'STRING' else typ end),
               regexp_replace(case when getvariable('inc') and fqn = 'main.sales.orders_raw' and col = 'amount' then 'STRING'
                                   else typ end, '\\(.*\\)', ''), null, null
        from e_columns""")
    grants = [{"grantor": g, "grantee": e, "prefix": p, "priv": v} for g, e, p, v in GRANTS]
    _load(con, "e_grants", grants)
    con.execute("""
        insert into uc_information_schema.table_privileges
        select grantor, grantee, cat, sch, tbl, priv, 'NO',
               case when prefix like '%.%.' then cat || '.' || sch else cat end
        from e_grants g join e_tables2 t on t.fqn like g.prefix || '%'
        union all
        select 'admin@company.com', 'contractors', 'main', 'crm', 'customers', 'SELECT', 'NO', null
        where getvariable('inc')
        union all
        select owner, owner, cat, sch, tbl, 'ALL PRIVILEGES', 'YES', null from e_tables2""")
    tags = [{"fqn": f, "k": "pii", "v": "true"} for f in PII_TABLES]
    tags += [{"fqn": f, "k": "domain", "v": f.split(".")[1]} for f, *_ in TABLES]
    tags += [{"fqn": f, "k": "refresh", "v": r} for f, _, _, r, _ in TABLES if r in ("hourly", "daily")]
    _load(con, "e_tags", tags)
    con.execute("""insert into uc_information_schema.table_tags
        select split_part(fqn, '.', 1), split_part(fqn, '.', 2), split_part(fqn, '.', 3), k, v from e_tags""")
    _load(con, "e_ctags", [{"fqn": f, "col": c} for f, c in PII_COLUMNS])
    con.execute("""insert into uc_information_schema.column_tags
        select split_part(fqn, '.', 1), split_part(fqn, '.', 2), split_part(fqn, '.', 3), col, 'pii', 'true'
        from e_ctags""")
    _lineage(con)
    _profiles(con)
    _quality_results(con)


def _quality_results(con: duckdb.DuckDBPyConnection) -> None:
    """Data quality monitoring (enabled on ``main.sales``): one scan per table per day at 06:00.

    Freshness compares the last commit with the predicted next one; completeness the rows added that
    day with the predicted range. With incidents orders_gold has had no commit since nightly_etl
    failed, so its last two scans are Unhealthy on both, with high downstream impact.
    """
    con.execute("""
        insert into data_quality_monitoring.table_results
        with d as (select unnest(generate_series(getvariable('today') - interval 29 day, getvariable('today'),
                                                 interval 1 day)) as day),
        scans as (
            select t.*, d.day + interval 6 hour as ev,
                   case when refresh = 'hourly' then interval 1 hour when refresh = 'daily' then interval 1 day
                        else interval 7 day end as period
            from e_tables2 t, d
            where t.cat = 'main' and t.sch = 'sales' and refresh in ('hourly', 'daily', 'weekly')
              and d.day + interval 6 hour <= getvariable('as_of')
        ),
        commits as (
            select s.*,
                   case when getvariable('inc') and fqn = 'main.sales.orders_gold' and ev > altered + interval 1 day
                            then altered
                        when altered <= ev and altered > ev - period - interval 1 day then altered
                        when refresh = 'hourly' then date_trunc('hour', ev) - interval 51 minute
                        when refresh = 'daily' then date_trunc('day', ev) + interval 3 hour + interval 14 minute
                        else date_trunc('week', ev) + interval 2 hour end as last_commit,
                   (getvariable('inc') and fqn = 'main.sales.orders_gold' and ev > altered + interval 1 day) as stale
            from scans s
        ),
        r as (
            select c.*,
                   least(last_commit, ev) as last_value,
                   least(last_commit, ev) + period + interval 1 hour as predicted,
                   case when stale then 0
                        else (case when refresh = 'hourly' then 40000 else 12000 end
                              * (0.9 + 0.2 * rnd(fqn || ev::varchar, 'dq')))::bigint end as daily_rows,
                   case when refresh = 'hourly' then 30000 else 9000 end as lo,
                   case when refresh = 'hourly' then 52000 else 15000 end as hi
            from commits c
        ),
        f as (
            select r.*,
                   case when ev > predicted then 'Unhealthy' else 'Healthy' end as fresh,
                   case when daily_rows < lo then 'Unhealthy' else 'Healthy' end as complete
            from r
        )
        select ev, cat, sch, tbl, uuid_of(cat, 'cat'), uuid_of(cat || sch, 'sch'), uuid_of(fqn, 'tbl'),
               case when fresh = 'Unhealthy' or complete = 'Unhealthy' then 'Unhealthy' else 'Healthy' end,
               {'status': fresh, 'commit_freshness': {'status': fresh, 'error_code': null,
                                                      'last_value': last_value, 'predicted_value': predicted}},
               {'status': complete,
                'total_row_count': {'status': 'Healthy', 'error_code': null,
                                    'last_value': (4e6 + 1000 * date_diff('day', getvariable('t0'), ev))::bigint,
                                    'min_predicted_value': null, 'max_predicted_value': null},
                'daily_row_count': {'status': complete, 'error_code': null, 'last_value': daily_rows,
                                    'min_predicted_value': lo, 'max_predicted_value': hi}},
               {'impact_level': case when fresh = 'Unhealthy' or complete = 'Unhealthy'
                                     then (case when fqn = 'main.sales.orders_gold' then 3 else 1 end) else 0 end,
                'num_downstream_tables': case when fqn = 'main.sales.orders_gold' then 2 else 1 end,
                'num_queries_on_affected_tables': case when fqn = 'main.sales.orders_gold' then 40 else 5 end}
        from f""")


def _lineage(con: duckdb.DuckDBPyConnection) -> None:
    _load(con, "e_edges", [{"src": s, "tgt": t, "etype": e, "job": j} for s, t, e, j in EDGES])
    _load(con, "e_cedges", [{"src": s, "tgt": t, "col": c} for s, t, c in COLUMN_EDGES])
    base = """
        with ev as (
            select e.*, coalesce(j.job_id, p.pipeline_id) as entity_id, j.workspace_id as jws, p.workspace_id as pws,
                   coalesce(j.run_as, p.run_as) as run_as, d.day
            from e_edges e
            left join e_jobs j on j.name = e.job and j.set_no = 0
            left join e_pipelines p on p.name = e.job and p.set_no = 0,
                 (select unnest(generate_series(getvariable('t0'), getvariable('as_of') - interval 1 day,
                                                interval 1 day)) as day) d
            where not (getvariable('inc') and e.job = 'nightly_etl' and days_ago(d.day) <= 1)
        ),
        x as (select ev.*, day + interval 3 hour + to_minutes((hash(src, tgt) % 120)::int) as ts,
                     uuid_of(src || tgt || day::varchar, 'ev') as event_id from ev)
    """
    con.execute(base + """
        insert into access.table_lineage
        select '7f3c9a2e-51d4-4b8e-9c61-2a0d8e5b4f17', 'metastore-1', coalesce(jws, pws), etype, entity_id,
               numid(event_id, 'run'), src, split_part(src, '.', 1), split_part(src, '.', 2), split_part(src, '.', 3),
               null, 'TABLE', tgt, split_part(tgt, '.', 1), split_part(tgt, '.', 2), split_part(tgt, '.', 3), null,
               'TABLE', run_as, ts, ts::date, uuid_of(event_id, 'rec'), event_id, null,
               {'job_info': case when etype = 'JOB' then {'job_id': entity_id, 'job_run_id': numid(event_id, 'run')} end,
                'dashboard_id': null, 'notebook_id': null, 'sql_query_id': null,
                'dlt_pipeline_info': case when etype = 'PIPELINE' then {'dlt_pipeline_id': entity_id,
                                                                        'dlt_update_id': null} end}, true
        from x""")
    con.execute(base + """
        insert into access.column_lineage
        select '7f3c9a2e-51d4-4b8e-9c61-2a0d8e5b4f17', 'metastore-1', coalesce(jws, pws), etype, entity_id,
               numid(event_id, 'run'), x.src, split_part(x.src, '.', 1), split_part(x.src, '.', 2),
               split_part(x.src, '.', 3), null, 'TABLE', split_part(c.col, ':', 1), x.tgt, split_part(x.tgt, '.', 1),
               split_part(x.tgt, '.', 2), split_part(x.tgt, '.', 3), null, 'TABLE', coalesce(nullif(split_part(c.col, ':', 2), ''), c.col),
               run_as, ts, ts::date, uuid_of(event_id || c.col, 'rec'), event_id, null
        from x join e_cedges c on (x.src = c.src or x.src = 'main.sales.' || c.src)
                              and (x.tgt = c.tgt or x.tgt = 'main.sales.' || c.tgt)
        where days_ago(x.day) <= 30""")


PROFILE_COLS = [  # table, column, type, mean, sd, null %
    ("main.sales.orders_raw", "order_id", "bigint", 5e6, 2e6, 0.0), ("main.sales.orders_raw", "customer_id", "bigint", 4e5, 1e5, 0.4),
    ("main.sales.orders_raw", "amount", "decimal(18,2)", 86.0, 42.0, 0.15), ("main.sales.orders_raw", "region", "string", None, None, 1.2),
    ("main.sales.orders_raw", "promo_code", "string", None, None, 62.0), ("main.sales.orders_raw", "shipping_address", "string", None, None, 3.1),
    ("main.sales.orders_silver", "amount", "decimal(18,2)", 86.0, 42.0, 0.0), ("main.sales.orders_silver", "customer_id", "bigint", 4e5, 1e5, 0.3),
    ("main.sales.orders_silver", "region", "string", None, None, 0.9),
    ("main.sales.orders_gold", "amount", "decimal(18,2)", 2.4e5, 3e4, 0.0), ("main.sales.orders_gold", "order_date", "date", None, None, 0.0),
    ("main.crm.customers", "email", "string", None, None, 0.8), ("main.crm.customers", "phone", "string", None, None, 7.5),
    ("main.crm.customers", "region", "string", None, None, 0.2),
]


def _profiles(con: duckdb.DuckDBPyConnection) -> None:
    _load(con, "e_profile", [{"tbl": t, "col": c, "typ": y, "mu": m, "sd": s, "nullp": n} for t, c, y, m, s, n in PROFILE_COLS])
    con.execute("""
        create or replace temp table e_profile_rows as
        with d as (select unnest(generate_series(getvariable('t0'), getvariable('as_of') - interval 1 day,
                                                 interval 1 day)) as day),
        p as (
            select e.*, day, tbl || col || day::varchar as k,
                   (getvariable('inc') and tbl = 'main.sales.orders_silver' and col = 'amount'
                    and days_ago(day) between 1 and 6) as drift,
                   (40000 * (case when isodow(day) >= 6 then 0.6 else 1 end) * (0.9 + 0.2 * rnd(tbl || day::varchar, 'n')))::bigint
                       as n
            from e_profile e, d
            where not (getvariable('inc') and tbl = 'main.sales.orders_gold' and days_ago(day) <= 1)
        ),
        m as (
            select p.*,
                   mu * (1 + 0.02 * rnorm(k, 'mu')) * case when drift then 1.25 + 0.05 * (7 - days_ago(day)) else 1 end as avg_,
                   sd * (1 + 0.03 * rnorm(k, 'sd')) * case when drift then 1.6 else 1 end as sd_,
                   greatest(0, nullp * (1 + 0.1 * rnorm(k, 'np'))) as np
            from p
        )
        select tbl, {'start': day, 'end': day + interval 1 day} as w, 'INPUT', '1 day', null, null, col, typ, n,
               (n * np / 100)::bigint, avg_, sd_,
               case when avg_ is not null then greatest(0, avg_ - 2 * sd_) end,
               case when avg_ is not null then avg_ + 6 * sd_ end,
               case when avg_ is not null then [greatest(0, avg_ - 1.64 * sd_), avg_ - 0.67 * sd_, avg_ * 0.97,
                                                avg_ + 0.67 * sd_, avg_ + 1.64 * sd_] end,
               case when avg_ is not null then avg_ * 0.97 end,
               (n * case when col in ('order_id', 'email', 'phone') then 0.99 else 0.05 end)::bigint,
               round(np, 4), case when col in ('order_id', 'email', 'phone') then 99.0 else 5.0 end
        from m""")
    for table, metrics in PROFILE_TABLES.items():  # one Lakehouse Monitoring output table per monitored table
        con.execute(f"insert into {PUBLISHED_SCHEMA}.{metrics} select * exclude (tbl) from e_profile_rows "
                    "where tbl = $t", {"t": table})
