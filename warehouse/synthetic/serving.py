"""Model Serving: served entities (SCD per config version), per-request usage and AI Gateway latency.

One endpoint per health-monitor model (``hm-<model-name>``) plus ``security-threat-endpoint``
(UC model ``ml.security.threat_detector``, 3 versions, v3 live since 6 days) and
``churn-model-endpoint``. ``ai_gateway.usage.latency_ms`` is the latency source; the same
requests appear in ``serving.endpoint_usage`` (joined by ``databricks_request_id``/``request_id``).
"""

from __future__ import annotations

import duckdb
from health_monitor.warehouse.synthetic.entities import ACCOUNT_ID
from health_monitor.warehouse.synthetic.sqlkit import Context

ENTITIES_SQL = f"""
insert into serving.served_entities
select hexid(endpoint_id, v::varchar) || hexid(endpoint_id, 'se' || v), '{ACCOUNT_ID}', workspace_id, created_by,
       endpoint_name, endpoint_id, split_part(entity_name, '.', 3) || '-' || v, 'CUSTOM_MODEL', entity_name,
       v::varchar, v, null, null, null, {{'min_concurrency': 0, 'max_concurrency': 4, 'compute_type': 'CPU'}}, null,
       getvariable('today') - to_days(6 + (versions - v) * 25 + ep_no), null
from e_endpoints, unnest(range(1, versions + 1)) t(v)
"""

REQUESTS_SQL = """
create or replace temp table requests as
with days as (select unnest(generate_series(getvariable('sv0'), getvariable('as_of'), interval 1 day)) as day),
r as (
    select e.*, day, i, endpoint_id || day::varchar || i as k
    from e_endpoints e, days,
         unnest(range((req_per_day * getvariable('vol') * (case when isodow(day) >= 6 then 0.7 else 1 end))::int)) t(i)
)
select r.*, day + to_seconds((rnd(k, 't') * 86400)::bigint) as ts,
       greatest(1, least(versions, versions - ceil((date_diff('day', day, getvariable('today')) - 6 - ep_no) / 25)))::int
           as v,
       greatest(3, latency_ms * exp(0.35 * rnorm(k, 'lat')))::bigint as lat,
       case when rnd(k, 's') < 0.004 then 500 when rnd(k, 's') < 0.008 then 429 else 200 end as status,
       case when endpoint_name like 'hm-%' then 'hm-sp' when endpoint_name like 'security%' then 'automation-sp'
            else 'reporting-sp' end as requester
from r
"""

USAGE_SQL = """
insert into serving.endpoint_usage
select workspace_id, '{account}', uuid_of(k, 'client'), uuid_of(k, 'req'), requester, status, ts, null, null,
       (200 + rnd(k, 'ic') * 1800)::bigint, (20 + rnd(k, 'oc') * 200)::bigint, map {{}}::map(varchar, varchar),
       false, hexid(endpoint_id, v::varchar) || hexid(endpoint_id, 'se' || v)
from requests where ts < getvariable('as_of')
"""

GATEWAY_SQL = """
insert into ai_gateway.usage
select '{account}', workspace_id, uuid_of(k, 'req'), '1.0', endpoint_id, endpoint_name,
       map {{'team': 'ml'}}, ts, lat, (lat * 0.8)::bigint, 'CUSTOM_MODEL',
       split_part(entity_name, '.', 3) || '-' || v, hexid(endpoint_id, v::varchar), entity_name || '/' || v,
       requester, 'SERVICE_PRINCIPAL', '10.0.5.' || (hash(requester) % 200), 'databricks-sdk-py/0.40.0',
       'invocations', map {{}}::map(varchar, varchar), null, null, null, status
from requests where ts < getvariable('as_of')
"""


def build(con: duckdb.DuckDBPyConnection, ctx: Context) -> None:
    con.execute(ENTITIES_SQL)
    con.execute(REQUESTS_SQL)
    con.execute(USAGE_SQL.format(account=ACCOUNT_ID))
    con.execute(GATEWAY_SQL.format(account=ACCOUNT_ID))
