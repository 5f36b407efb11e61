"""DDL of the synthetic account, generated from the source contract (``warehouse/contract.py``).

Every system table is declared there with its real columns and types, so the demo cannot write a
table or column a real account lacks. Besides the ``system`` schemas the file holds ``published``
(what a user's pipelines and monitors publish: event logs, profile-metrics tables) and ``meta``
(the generator's own instant). DuckDB forbids a user schema called ``information_schema``, so it is
``uc_information_schema`` here (``dialect.NameMap.for_duckdb`` maps the name back).
"""

from __future__ import annotations

from health_monitor.warehouse.contract import (
    EVENT_LOG,
    PROFILE_METRICS,
    PROFILE_TABLES,
    PUBLISHED_SCHEMA,
    SOURCES,
    Source,
    duckdb_ddl,
)
from health_monitor.warehouse.dialect import DUCKDB_INFO_SCHEMA

META_DDL = "create table meta.generation (as_of timestamp, seed bigint, scale double, generated_at timestamp)"


def local_schema(src: Source) -> str:
    return DUCKDB_INFO_SCHEMA if src.schema == "information_schema" else src.schema


def schema_ddl() -> list[str]:
    """Statements creating every table the generator fills."""
    schemas = sorted({local_schema(s) for s in SOURCES} | {PUBLISHED_SCHEMA, "meta"})
    out = [f"create schema if not exists {s}" for s in schemas]
    out += [duckdb_ddl(s, local_schema(s)) for s in SOURCES]
    out.append(duckdb_ddl(EVENT_LOG, PUBLISHED_SCHEMA))
    for table in PROFILE_TABLES.values():
        out.append(duckdb_ddl(PROFILE_METRICS, PUBLISHED_SCHEMA).replace(
            f"{PUBLISHED_SCHEMA}.profile_metrics", f"{PUBLISHED_SCHEMA}.{table}", 1))
    out.append(META_DDL)
    return out
