"""The entity vocabulary the parser recognises, read from the Gold dimensions at run time.

Names are never hard-coded: one bound query over the dimensions lists every workspace, job,
cluster, warehouse, endpoint, pipeline, principal, table and expectation. The result is cached per
warehouse and data build (``meta_build.built_at``), so a rebuilt demo or a refreshed Gold layer is
picked up on the next question without a restart.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

VOCABULARY_SQL = """
-- Every name an entity of a question may refer to, by kind.
-- Grain: one row per (kind, name). Parameters: none.
with names as (
    select 'workspace' as kind, workspace_name as name from main.health_monitor.dim_workspace
    union all select 'job', job_name from main.health_monitor.dim_job where not coalesce(is_deleted, false)
    union all select 'cluster', cluster_name from main.health_monitor.dim_cluster
    union all select 'warehouse', warehouse_name from main.health_monitor.dim_warehouse
    union all select 'endpoint', endpoint_name from main.health_monitor.dim_endpoint
    union all select 'model', entity_name from main.health_monitor.dim_endpoint
    union all select 'model', model_name from main.health_monitor.ml_model_registry
    union all select 'pipeline', pipeline_name from main.health_monitor.dim_pipeline
    union all select 'user', principal from main.health_monitor.dim_user
    union all select 'table', table_full_name from main.health_monitor.dim_table
    -- a table lineage knows is a table too (the Gold layer's own, a view missing from the inventory)
    union all select 'table', source_table_full_name from main.health_monitor.fact_lineage
        where source_table_full_name not like 'system.%' and source_table_full_name like '%.%.%'
    union all select 'table', target_table_full_name from main.health_monitor.fact_lineage
        where target_table_full_name not like 'system.%' and target_table_full_name like '%.%.%'
    -- System tables appear in lineage only; their own kind keeps "usage" or "warehouses" in a question
    -- from being read as a table name (only the full three-part name matches).
    union all select 'system_table', source_table_full_name from main.health_monitor.fact_lineage
        where source_table_full_name like 'system.%'
    union all select 'system_table', target_table_full_name from main.health_monitor.fact_lineage
        where target_table_full_name like 'system.%'
    -- a cost-attribution team: the `team` tag's values (matched only as "the <name> team")
    union all select 'team', team from main.health_monitor.fact_usage_daily where team is not null
    union all select 'expectation', expectation_name from main.health_monitor.fact_expectation
    union all select 'catalog', table_catalog from main.health_monitor.dim_table where table_catalog <> 'system'
    union all select 'schema', table_schema from main.health_monitor.dim_table where length(table_schema) >= 4
    union all select 'group', grantee from main.health_monitor.fact_grants
        where grantee not in (select principal from main.health_monitor.dim_user) and grantee not like '%@%'
),

final as (
    select distinct kind, name from names where name is not null and name <> ''
)

select * from final
"""

#: Kinds known by their last dotted part only (a served model ``main.health_monitor.x`` is the model ``x``).
SHORT_KINDS = frozenset({"model"})
STAMP_SQL = "select as_of, built_at from main.health_monitor.meta_build"
_CACHE: OrderedDict[tuple, dict[str, list[str]]] = OrderedDict()
_LOCK = threading.Lock()
_MAX = 4


def build_vocabulary(warehouse: Any) -> dict[str, list[str]]:
    """kind -> sorted names (the warehouse's ``query`` is the only thing used)."""
    res = warehouse.query(VOCABULARY_SQL, max_rows=200_000)
    vocab: dict[str, set[str]] = {}
    for row in res.rows:
        name = str(row["name"])
        if row["kind"] in SHORT_KINDS:
            name = name.split(".")[-1]
        vocab.setdefault(row["kind"], set()).add(name)
    return {k: sorted(v) for k, v in vocab.items()}


def vocabulary(warehouse: Any) -> dict[str, list[str]]:
    """The cached vocabulary for this warehouse's current data build."""
    try:
        stamp_row = warehouse.query(STAMP_SQL, max_rows=1).rows
        stamp = tuple(stamp_row[0].values()) if stamp_row else None
    except Exception:
        stamp = None
    key = (id(warehouse), stamp)
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    vocab = build_vocabulary(warehouse)
    with _LOCK:
        _CACHE[key] = vocab
        while len(_CACHE) > _MAX:
            _CACHE.popitem(last=False)
    return vocab


def clear_cache() -> None:
    with _LOCK:
        _CACHE.clear()
        _INDEXES.clear()


_INDEXES: OrderedDict[int, tuple[dict[str, list[str]], Any]] = OrderedDict()


def entity_index(warehouse: Any) -> Any:
    """The parser's entity index over :func:`vocabulary` (rebuilt only when the vocabulary changes)."""
    from health_monitor.graph.adapters import build_entity_index

    vocab = vocabulary(warehouse)
    key = id(warehouse)
    with _LOCK:
        cached = _INDEXES.get(key)
        if cached is not None and cached[0] is vocab:
            return cached[1]
    index = build_entity_index(vocab)
    with _LOCK:
        _INDEXES[key] = (vocab, index)
        while len(_INDEXES) > _MAX:
            _INDEXES.popitem(last=False)
    return index
