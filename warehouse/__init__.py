"""Connections to the account's data: embedded DuckDB (default) or a Databricks SQL warehouse."""

from __future__ import annotations

from collections.abc import Callable

from health_monitor.warehouse.base import QueryResult, Warehouse
from health_monitor.warehouse.databricks_backend import DatabricksWarehouse
from health_monitor.warehouse.names import NameMap

from health_monitor.core.errors import (
    ConfigError,
    DemoNotBuilt,
    HealthMonitorError,
    WarehouseUnavailable,
)
from health_monitor.core.settings import Settings, get_settings


def _duckdb(s: Settings) -> Warehouse:
    from health_monitor.warehouse.duckdb_backend import DuckDBWarehouse

    return DuckDBWarehouse(s.system_db_path, s.gold_db_path)


def _databricks(s: Settings) -> Warehouse:

    return DatabricksWarehouse(
        host=s.databricks_host, http_path=s.databricks_http_path, warehouse_id=s.databricks_warehouse_id,
        profile=s.databricks_profile, timeout_s=s.databricks_timeout_s,
        names=NameMap.for_databricks(s.gold_catalog, s.gold_schema, s.event_log_table),
    )


BACKENDS: dict[str, Callable[[Settings], Warehouse]] = {"duckdb": _duckdb, "databricks": _databricks}


def open_warehouse(settings: Settings | None = None) -> Warehouse:
    """A new warehouse for the configured backend (callers cache it: st.cache_resource, CLI main)."""
    s = settings or get_settings()
    try:
        factory = BACKENDS[s.warehouse_backend]
    except KeyError:
        raise ConfigError(f"Unknown warehouse backend {s.warehouse_backend!r}; use one of {sorted(BACKENDS)}.") from None
    return factory(s)


__all__ = ["BACKENDS", "ConfigError", "DemoNotBuilt", "HealthMonitorError", "QueryResult", "Warehouse",
           "WarehouseUnavailable", "open_warehouse"]
