"""Where features come from and predictions go: the one place the two backends differ.

* :class:`DuckDBStore` works on a build connection from :func:`warehouse.build.atomic_duckdb`
  (Gold copied, system tables attached): reads and writes happen in one temp file that is
  renamed into place when training ends.
* :class:`DatabricksStore` reads through the SQL warehouse and writes with
  ``CREATE OR REPLACE TABLE`` + batched ``INSERT ... VALUES`` with bound parameters.

Both take Databricks SQL (transpiled by :func:`warehouse.dialect.prepare`) and a Databricks-typed
column list for each table written.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Protocol

from health_monitor.warehouse.dialect import (
    DUCKDB_GOLD_CATALOG,
    SOURCE_GOLD,
    NameMap,
    prepare,
    referenced_params,
)

if TYPE_CHECKING:
    import duckdb
    import pandas as pd
    from health_monitor.warehouse.base import Warehouse

GOLD = "main.health_monitor"
INSERT_BATCH = 200


class Store(Protocol):
    target: str

    def read(self, sql: str, params: dict[str, Any] | None = None) -> pd.DataFrame: ...

    def replace(self, table: str, frame: pd.DataFrame, schema: list[tuple[str, str]]) -> None: ...

    def exists(self, table: str) -> bool: ...


def create_sql(table: str, schema: list[tuple[str, str]]) -> str:
    cols = ", ".join(f"{name} {typ}" for name, typ in schema)
    return f"create or replace table {GOLD}.{table} ({cols})"


def conform(frame: pd.DataFrame, schema: list[tuple[str, str]]) -> pd.DataFrame:
    """The frame's columns in schema order with schema types (missing columns become null)."""
    import pandas as pd

    out = pd.DataFrame(index=frame.index)
    for name, typ in schema:
        col = frame[name] if name in frame.columns else pd.Series([None] * len(frame), index=frame.index, dtype=object)
        if typ in ("double", "float"):
            col = pd.to_numeric(col, errors="coerce").astype("float64")
        elif typ in ("bigint", "int"):
            col = pd.to_numeric(col, errors="coerce").round().astype("Int64")
        elif typ == "boolean":
            col = col.astype("boolean")
        elif typ == "timestamp":
            col = pd.to_datetime(col, utc=True).dt.tz_localize(None)
        elif typ == "date":
            col = pd.to_datetime(col).dt.date
        elif typ == "string":
            col = col.astype(object).where(col.notna(), None)
            col = col.map(lambda v: v if v is None else str(v))
        out[name] = col
    return out.reset_index(drop=True)


class DuckDBStore:
    target = "duckdb"

    def __init__(self, con: duckdb.DuckDBPyConnection, *, catalog: str = DUCKDB_GOLD_CATALOG) -> None:
        self.con = con
        self.catalog = catalog
        base = NameMap.for_duckdb()
        gold = ((SOURCE_GOLD, (catalog, SOURCE_GOLD[1])),)
        self.names = NameMap(schemas=gold + tuple(m for m in base.schemas if m[0] != SOURCE_GOLD))

    def read(self, sql: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
        import duckdb

        from health_monitor.core.errors import WarehouseUnavailable

        used = referenced_params(sql)
        bound = {k: v for k, v in (params or {}).items() if k in used}
        try:
            return self.con.execute(prepare(sql, "duckdb", self.names), bound or None).df()
        except duckdb.Error as e:
            raise WarehouseUnavailable(f"feature query failed: {str(e).splitlines()[0]}") from e

    def replace(self, table: str, frame: pd.DataFrame, schema: list[tuple[str, str]]) -> None:
        self.con.execute(prepare(create_sql(table, schema), "duckdb", self.names))
        data = conform(frame, schema)
        if data.empty:
            return
        self.con.register("_ml_frame", data)
        try:
            cols = ", ".join(name for name, _ in schema)
            target = prepare(f"insert into {GOLD}.{table} ({cols}) select {cols} from _ml_frame", "duckdb", self.names)
            self.con.execute(target)
        finally:
            self.con.unregister("_ml_frame")

    def exists(self, table: str) -> bool:
        row = self.con.execute(
            "select count(*) from information_schema.tables where table_catalog = ? "
            "and table_schema = 'health_monitor' and table_name = ?", [self.catalog, table]).fetchone()
        return bool(row and row[0])


class DatabricksStore:
    """The Databricks path: reads and writes through the SQL warehouse (kept deliberately small)."""

    target = "databricks"

    def __init__(self, warehouse: Warehouse) -> None:
        self.wh = warehouse

    def read(self, sql: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
        used = referenced_params(sql)
        return self.wh.query(sql, {k: v for k, v in (params or {}).items() if k in used}).to_pandas()

    def replace(self, table: str, frame: pd.DataFrame, schema: list[tuple[str, str]]) -> None:
        self.wh.query(create_sql(table, schema))
        data = conform(frame, schema)
        cols = [name for name, _ in schema]
        for start in range(0, len(data), INSERT_BATCH):
            chunk = data.iloc[start:start + INSERT_BATCH]
            values, params = [], {}
            for i, row in enumerate(chunk.itertuples(index=False)):
                marks = []
                for j, (value, (_, typ)) in enumerate(zip(row, schema, strict=True)):
                    key = f"p{i}_{j}"
                    params[key] = _plain(value)
                    marks.append(f"cast(:{key} as {typ})")
                values.append(f"({', '.join(marks)})")
            self.wh.query(f"insert into {GOLD}.{table} ({', '.join(cols)}) values {', '.join(values)}", params)

    def exists(self, table: str) -> bool:
        try:
            self.wh.query(f"select 1 from {GOLD}.{table} limit 1")
        except Exception:  # noqa: BLE001 - any failure means "not readable"
            return False
        return True


def _plain(value: Any) -> Any:
    """pandas/numpy scalars -> Python values the connector binds."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if str(value) in ("NaT", "<NA>"):
        return None
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime()
    return value
