"""Embedded DuckDB: the synthetic system tables and Gold, read through the Databricks dialect.

One in-memory DuckDB instance attaches ``system.duckdb`` as ``system_tables`` and ``gold.duckdb``
as ``gold`` (both read-only). Each thread gets its own cursor on that instance (Streamlit runs
pages in threads). When the files are replaced (a rebuild renames new files into place) the
next query reattaches, so a running app picks up a new demo without a restart.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb
from health_monitor.warehouse.base import QueryResult, Stopwatch, only_used
from health_monitor.warehouse.names import DUCKDB_GOLD_CATALOG, DUCKDB_SYSTEM_CATALOG, NameMap
from health_monitor.warehouse.sqlcache import FILE_NAME, SqlCache

from health_monitor.core.errors import DemoNotBuilt, WarehouseUnavailable, first_line


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns)


class DuckDBWarehouse:
    target = "duckdb"

    def __init__(self, system_path: Path, gold_path: Path | None = None, *, threads: int | None = None) -> None:
        self.system_path = Path(system_path)
        self.gold_path = Path(gold_path) if gold_path else None
        self.names = NameMap.for_duckdb()
        # Transpiled SQL beside the data (the demo build fills it): a cold process skips sqlglot.
        self.sql_cache = SqlCache(self.system_path.parent / FILE_NAME)
        self._threads = threads
        self._lock = threading.Lock()
        self._local = threading.local()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._generation = 0
        self._stamp: tuple | None = None

    # -- connection management ------------------------------------------------------------
    def _files_stamp(self) -> tuple:
        return (_identity(self.system_path), _identity(self.gold_path) if self.gold_path else None)

    def _open(self) -> None:
        if not self.system_path.exists():
            raise DemoNotBuilt(f"No demo data at {self.system_path}. Run `health-monitor demo` to build it.")
        con = duckdb.connect(":memory:")
        if self._threads:
            con.execute(f"SET threads = {int(self._threads)}")
        con.execute("SET TimeZone = 'UTC'")
        try:
            con.execute(f"ATTACH '{_quote(self.system_path)}' AS {DUCKDB_SYSTEM_CATALOG} (READ_ONLY)")
            if self.gold_path and self.gold_path.exists():
                con.execute(f"ATTACH '{_quote(self.gold_path)}' AS {DUCKDB_GOLD_CATALOG} (READ_ONLY)")
        except duckdb.Error as e:
            con.close()
            raise WarehouseUnavailable(
                f"Cannot open the embedded warehouse ({e.__class__.__name__}: {first_line(e)}). "
                "Rebuild it with `health-monitor demo --force`."
            ) from e
        old, self._con = self._con, con
        self._generation += 1
        self._stamp = self._files_stamp()
        if old is not None:
            old.close()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            if self._con is None or self._files_stamp() != self._stamp:
                self._open()
            generation = self._generation
            if getattr(self._local, "generation", None) != generation:
                self._local.cursor = self._con.cursor()
                self._local.cursor.execute("SET TimeZone = 'UTC'")
                self._local.generation = generation
        return self._local.cursor

    # -- the interface -------------------------------------------------------------------
    def query(self, sql: str, params: Mapping[str, Any] | None = None, *,
              max_rows: int | None = None) -> QueryResult:
        watch = Stopwatch()
        cursor = self._cursor()  # first: without the demo files, nothing is written beside them
        compiled = self.sql_cache.compile(sql, "duckdb", self.names)
        text, bound = compiled.text, only_used(params, compiled.params)
        try:
            table = cursor.sql(text, params=bound or None).to_arrow_table()
        except duckdb.Error as e:
            raise WarehouseUnavailable(f"Query failed on the embedded warehouse: {first_line(e)}") from e
        truncated = max_rows is not None and table.num_rows > max_rows
        if truncated:
            table = table.slice(0, max_rows)
        return QueryResult(columns=table.column_names, rows=table.to_pylist(), elapsed_ms=watch.ms,
                           truncated=truncated, types=[str(t) for t in table.schema.types])

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
