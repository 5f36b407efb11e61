"""How the SQL's three-part names map onto each engine (no sqlglot here: the answer path reads it).

Every SQL file names Databricks objects (``system.billing.usage``, ``main.health_monitor.*``); a
:class:`NameMap` says where those live on one engine. :mod:`warehouse.dialect` applies it while
transpiling; :mod:`warehouse.sqlcache` keys transpiled text by it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Target = Literal["duckdb", "databricks", "spark"]

# Names as written in the SQL files.
SOURCE_GOLD = ("main", "health_monitor")
DUCKDB_SYSTEM_CATALOG = "system_tables"
DUCKDB_GOLD_CATALOG = "gold"
DUCKDB_INFO_SCHEMA = "uc_information_schema"
STAGING = ("main", "health_monitor_staging")  # the staging views (warehouse/staging.py)
PUBLISHED = ("main", "published")  # the demo's user-published relations (event logs, profile metrics)


@dataclass(frozen=True)
class NameMap:
    """How the SQL's names map onto one engine's objects.

    ``schemas`` maps a written ``(catalog, schema)`` to the engine's ``(catalog, schema)``;
    ``catalog=None`` means two-part names on the engine. ``tables`` maps a written
    ``catalog.schema.table`` to any other three-part name (used for the event log).
    """

    schemas: tuple[tuple[tuple[str, str], tuple[str | None, str]], ...] = ()
    tables: tuple[tuple[str, str], ...] = field(default=())
    # Also map 'catalog.schema.table' string literals (lineage rows naming Gold tables).
    map_literals: bool = False

    @classmethod
    def for_duckdb(cls) -> NameMap:
        return cls(
            schemas=(
                (("system", "information_schema"), (DUCKDB_SYSTEM_CATALOG, DUCKDB_INFO_SCHEMA)),
                (("system", "*"), (DUCKDB_SYSTEM_CATALOG, "*")),
                (SOURCE_GOLD, (DUCKDB_GOLD_CATALOG, SOURCE_GOLD[1])),
                (STAGING, ("temp", "main")),  # staging views are temporary views of the build session
                (PUBLISHED, (DUCKDB_SYSTEM_CATALOG, PUBLISHED[1])),
            )
        )

    @classmethod
    def for_databricks(cls, gold_catalog: str, gold_schema: str, event_log_table: str | None = None) -> NameMap:
        """Gold moves to the configured schema, staging views beside it (``<schema>_staging``).

        ``event_log_table`` is accepted for old callers; event logs are staging sources now.
        """
        return cls(schemas=((SOURCE_GOLD, (gold_catalog, gold_schema)),
                            (STAGING, (gold_catalog, f"{gold_schema}_staging"))), map_literals=True)

    @classmethod
    def for_spark(cls) -> NameMap:
        """Local Spark has one catalog: ``system.billing.usage`` becomes ``system_billing.usage``."""
        return cls(schemas=((("*", "*"), (None, "{catalog}_{schema}")),))

    def resolve(self, catalog: str, schema: str) -> tuple[str | None, str] | None:
        for (cat, sch), (new_cat, new_sch) in self.schemas:
            if cat not in ("*", catalog) or sch not in ("*", schema):
                continue
            new_sch = new_sch.replace("*", schema).format(catalog=catalog, schema=schema)
            return (new_cat.format(catalog=catalog, schema=schema) if new_cat else None, new_sch)
        return None
