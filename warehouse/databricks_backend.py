"""Databricks SQL warehouse: databricks-sql-connector, Arrow results, native ``:name`` parameters.

Credentials come from databricks-sdk unified auth (a profile, a PAT in ``DATABRICKS_TOKEN``, or the
OAuth M2M client a Databricks App is given), so the same code runs on a laptop and in an App.
A connection per thread; the connector is imported lazily (it is slow to import).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from health_monitor.warehouse.base import QueryResult, Stopwatch, only_used
from health_monitor.warehouse.names import NameMap
from health_monitor.warehouse.sqlcache import SqlCache

from health_monitor.core.errors import ConfigError, WarehouseUnavailable, first_line


def sdk_config(host: str | None, profile: str | None, timeout_s: float = 60.0):  # noqa: ANN201 - lazy import
    """Resolve unified auth once; raise a ConfigError that says what to set when it fails.

    The SDK's own HTTP calls (host metadata, OAuth) get our timeout: by default they wait without a
    deadline, so a silent host would hang the app at start.
    """
    from databricks.sdk.core import Config

    try:
        cfg = Config(host=host, profile=profile, http_timeout_seconds=int(max(1, timeout_s)),
                     retry_timeout_seconds=int(max(1, timeout_s)))
        cfg.authenticate()  # fail now, not on the first query
    except Exception as e:  # the SDK raises ValueError / its own errors for every auth gap
        raise ConfigError(
            "No Databricks credentials: set HM_DATABRICKS_HOST and DATABRICKS_TOKEN (or a profile in "
            "~/.databrickscfg via HM_DATABRICKS_PROFILE), or run as a Databricks App. "
            f"({first_line(e, 160)})"
        ) from e
    return cfg


class DatabricksWarehouse:
    target = "databricks"

    def __init__(self, *, host: str | None, http_path: str | None, warehouse_id: str | None,
                 profile: str | None, names: NameMap, timeout_s: float = 60.0) -> None:
        if not (http_path or warehouse_id):
            raise ConfigError("Set HM_DATABRICKS_WAREHOUSE_ID (or HM_DATABRICKS_HTTP_PATH) to use the databricks backend.")
        self.config = sdk_config(host, profile, timeout_s)
        self.http_path = http_path or f"/sql/1.0/warehouses/{warehouse_id}"
        self.names = names
        self.sql_cache = SqlCache()  # in memory: transpile each text once per process
        self.timeout_s = timeout_s
        self._local = threading.local()

    def _connection(self):  # noqa: ANN202
        con = getattr(self._local, "con", None)
        if con is None:
            from databricks import sql

            cfg = self.config
            con = sql.connect(
                server_hostname=cfg.host.removeprefix("https://"),
                http_path=self.http_path,
                credentials_provider=lambda: cfg.authenticate,
                _socket_timeout=self.timeout_s,
                # The connector retries for up to 900 s by default: bound the whole attempt by our timeout.
                _retry_stop_after_attempts_duration=self.timeout_s,
                _retry_stop_after_attempts_count=3,
                user_agent_entry="health-monitor",
            )
            self._local.con = con
        return con

    def query(self, sql: str, params: Mapping[str, Any] | None = None, *,
              max_rows: int | None = None) -> QueryResult:
        compiled = self.sql_cache.compile(sql, "databricks", self.names)
        text, bound = compiled.text, only_used(params, compiled.params)
        watch = Stopwatch()
        try:
            with self._connection().cursor() as cur:
                cur.execute(text, bound)
                table = cur.fetchmany_arrow(max_rows + 1) if max_rows else cur.fetchall_arrow()
        except Exception as e:  # connector errors have no common base worth naming
            self._local.con = None
            raise WarehouseUnavailable(
                f"Databricks SQL warehouse query failed: {first_line(e, 200)}. "
                "Check that the warehouse is running and the app's principal can read the Gold schema."
            ) from e
        truncated = max_rows is not None and table.num_rows > max_rows
        if truncated:
            table = table.slice(0, max_rows)
        return QueryResult(columns=table.column_names, rows=table.to_pylist(), elapsed_ms=watch.ms,
                           truncated=truncated, types=[str(t) for t in table.schema.types])

    def execute_statement(self, sql: str) -> None:
        """Run one final Databricks statement as written (DDL from deploy-sql and the Gold build,
        whose names are already mapped): no dialect rewrite, no parameters, no rows."""
        try:
            with self._connection().cursor() as cur:
                cur.execute(sql)
        except Exception as e:
            self._local.con = None
            raise WarehouseUnavailable(
                f"Databricks SQL statement failed: {first_line(e, 200)}. Check the warehouse is "
                "running and the principal may create objects in the Gold schema."
            ) from e

    def close(self) -> None:
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None
