"""Where features come from and predictions go: the one place the two backends differ.

* :class:`DuckDBStore` works on a build connection from :func:`warehouse.build.atomic_duckdb`
  (Gold copied, system tables attached): reads and writes happen in one temp file that is
  renamed into place when training ends.
* :class:`SparkStore` runs on a SparkSession (the bundle's training job, or local pyspark): the
  feature SQL runs on Spark, prediction tables are written with ``DataFrameWriter.saveAsTable``.
* :class:`DatabricksStore` reads through the SQL warehouse and writes with
  ``CREATE OR REPLACE TABLE`` + batched ``INSERT ... VALUES`` with bound parameters (the fallback
  when training runs outside a cluster; the job uses :class:`SparkStore`).

Feature reads are bounded: ``max_bytes`` stops a read whose frame would pass the budget
(:class:`~health_monitor.ml.base.OverBudget`, naming the setting) instead of exhausting memory.

All take Databricks SQL (transpiled by :func:`warehouse.dialect.prepare`) and a Databricks-typed
column list for each table written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from health_monitor.ml.errors import BUDGET_SETTING, OverBudget
from health_monitor.warehouse.dialect import (
    DUCKDB_GOLD_CATALOG,
    SOURCE_GOLD,
    NameMap,
    prepare,
    referenced_params,
)

from health_monitor.core.errors import WarehouseUnavailable, first_line
from health_monitor.core.jsonable import plain

if TYPE_CHECKING:
    import duckdb
    import pandas as pd
    from health_monitor.warehouse.base import Warehouse

GOLD = "main.health_monitor"
INSERT_BATCH = 200
CHUNK_VECTORS = 64  # x 2048 rows per fetched chunk


class Store(Protocol):
    target: str

    def read(self, sql: str, params: dict[str, Any] | None = None, *, max_bytes: int | None = None,
             label: str = "query") -> pd.DataFrame: ...

    def replace(self, table: str, frame: pd.DataFrame, schema: list[tuple[str, str]]) -> None: ...

    def exists(self, table: str) -> bool: ...

    def replace_days(self, table: str, frame: pd.DataFrame, schema: list[tuple[str, str]], day_column: str,
                     since: Any) -> None: ...


def create_sql(table: str, schema: list[tuple[str, str]]) -> str:
    cols = ", ".join(f"{name} {typ}" for name, typ in schema)
    return f"create or replace table {GOLD}.{table} ({cols})"


def over_budget(label: str, max_bytes: int, seen: int) -> OverBudget:
    mb = max_bytes / 2 ** 20
    return OverBudget(f"the features of {label} take more than {mb:,.0f} MB in Python ({seen / 2 ** 20:,.0f} MB read "
                      f"before stopping); raise the setting {BUDGET_SETTING} (0 = no limit) or train on a larger node")


def frame_bytes(frame: pd.DataFrame) -> int:
    return int(frame.memory_usage(deep=True).sum())


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

    def __init__(self, con: duckdb.DuckDBPyConnection, *, catalog: str = DUCKDB_GOLD_CATALOG,
                 memory_limit_mb: float | None = None) -> None:
        self.con = con
        self.catalog = catalog
        # One engine thread: a parallel sum of doubles adds in a different order each run, and training
        # must give the same predictions every time (the feature queries are a few seconds of the run).
        con.execute("SET threads = 1")
        if memory_limit_mb:
            # The engine runs inside this process: its buffers count towards the training's memory.
            con.execute(f"SET memory_limit = '{int(memory_limit_mb)}MB'")
        base = NameMap.for_duckdb()
        gold = ((SOURCE_GOLD, (catalog, SOURCE_GOLD[1])),)
        self.names = NameMap(schemas=gold + tuple(m for m in base.schemas if m[0] != SOURCE_GOLD))

    def read(self, sql: str, params: dict[str, Any] | None = None, *, max_bytes: int | None = None,
             label: str = "query") -> pd.DataFrame:
        import duckdb
        import pandas as pd

        used = referenced_params(sql)
        bound = {k: v for k, v in (params or {}).items() if k in used}
        try:
            result = self.con.execute(prepare(sql, "duckdb", self.names), bound or None)
            if max_bytes is None:
                return result.df()
            # Fetch in chunks and stop at the budget: the frame never grows past it.
            chunks, seen = [], 0
            while True:
                chunk = result.fetch_df_chunk(CHUNK_VECTORS)
                if chunks and chunk.empty:
                    break
                seen += frame_bytes(chunk)
                if seen > max_bytes:
                    raise over_budget(label, max_bytes, seen)
                chunks.append(chunk)
                if chunk.empty:
                    break
            return chunks[0] if len(chunks) == 1 else pd.concat(chunks, ignore_index=True)
        except duckdb.Error as e:
            raise WarehouseUnavailable(f"feature query failed: {first_line(e)}") from e

    def replace(self, table: str, frame: pd.DataFrame, schema: list[tuple[str, str]]) -> None:
        self.con.execute(prepare(create_sql(table, schema), "duckdb", self.names))
        self._insert(table, frame, schema)

    def _insert(self, table: str, frame: pd.DataFrame, schema: list[tuple[str, str]]) -> None:
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

    def replace_days(self, table: str, frame: pd.DataFrame, schema: list[tuple[str, str]], day_column: str,
                     since: Any) -> None:
        """Rows of days ``>= since`` replaced by ``frame`` (incremental scoring); earlier days stay."""
        self.con.execute(prepare(f"delete from {GOLD}.{table} where {day_column} >= :since", "duckdb", self.names),
                         {"since": since})
        self._insert(table, frame, schema)

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

    def read(self, sql: str, params: dict[str, Any] | None = None, *, max_bytes: int | None = None,
             label: str = "query") -> pd.DataFrame:
        used = referenced_params(sql)
        frame = self.wh.query(sql, {k: v for k, v in (params or {}).items() if k in used}).to_pandas()
        if max_bytes is not None and (seen := frame_bytes(frame)) > max_bytes:
            raise over_budget(label, max_bytes, seen)
        return frame

    def replace(self, table: str, frame: pd.DataFrame, schema: list[tuple[str, str]]) -> None:
        self.wh.query(create_sql(table, schema))
        self._insert(table, frame, schema)

    def replace_days(self, table: str, frame: pd.DataFrame, schema: list[tuple[str, str]], day_column: str,
                     since: Any) -> None:
        self.wh.query(f"delete from {GOLD}.{table} where {day_column} >= :since", {"since": since})
        self._insert(table, frame, schema)

    def _insert(self, table: str, frame: pd.DataFrame, schema: list[tuple[str, str]]) -> None:
        data = conform(frame, schema)
        cols = [name for name, _ in schema]
        for start in range(0, len(data), INSERT_BATCH):
            chunk = data.iloc[start:start + INSERT_BATCH]
            values, params = [], {}
            for i, row in enumerate(chunk.itertuples(index=False)):
                marks = []
                for j, (value, (_, typ)) in enumerate(zip(row, schema, strict=True)):
                    key = f"p{i}_{j}"
                    params[key] = plain(value)
                    marks.append(f"cast(:{key} as {typ})")
                values.append(f"({', '.join(marks)})")
            self.wh.query(f"insert into {GOLD}.{table} ({', '.join(cols)}) values {', '.join(values)}", params)

    def exists(self, table: str) -> bool:
        try:
            self.wh.query(f"select 1 from {GOLD}.{table} limit 1")
        except Exception:  # noqa: BLE001 - any failure means "not readable"
            return False
        return True


class SparkStore:
    """Training on a SparkSession: feature SQL on Spark, prediction tables written by Spark.

    ``names`` maps the SQL's ``main.health_monitor`` / ``system.*`` names onto the session's
    catalog (default: local Spark's ``<catalog>_<schema>``, as the Gold build's Spark test uses;
    on Databricks pass :meth:`NameMap.for_databricks`).
    """

    target = "spark"

    def __init__(self, spark: Any, names: NameMap | None = None) -> None:
        self.spark = spark
        self.names = names or NameMap.for_spark()

    def _table(self, table: str) -> str:
        catalog, schema = self.names.resolve(*GOLD.split(".")) or tuple(GOLD.split("."))
        return ".".join(p for p in (catalog, schema, table) if p)

    def read(self, sql: str, params: dict[str, Any] | None = None, *, max_bytes: int | None = None,
             label: str = "query") -> pd.DataFrame:
        used = referenced_params(sql)
        bound = {k: v for k, v in (params or {}).items() if k in used}
        try:
            df = self.spark.sql(prepare(sql, "spark", self.names), args=bound or None)
            frame = df.toPandas()
        except Exception as e:  # noqa: BLE001 - Spark raises many types; all mean "cannot read"
            raise WarehouseUnavailable(f"feature query failed: {first_line(e)}") from e
        if max_bytes is not None and (seen := frame_bytes(frame)) > max_bytes:
            raise over_budget(label, max_bytes, seen)
        return frame

    def replace(self, table: str, frame: pd.DataFrame, schema: list[tuple[str, str]]) -> None:
        data = conform(frame, schema)
        ddl = ", ".join(f"{name} {typ}" for name, typ in schema)
        self.spark.createDataFrame(data if len(data) else [], schema=ddl).write.mode("overwrite").option(
            "overwriteSchema", "true").saveAsTable(self._table(table))

    def replace_days(self, table: str, frame: pd.DataFrame, schema: list[tuple[str, str]], day_column: str,
                     since: Any) -> None:
        """Delta tables (Databricks) delete the new days in place; other formats (local Spark) are
        rewritten from the kept days plus the new ones."""
        name = self._table(table)
        try:
            self.spark.sql(f"delete from {name} where {day_column} >= :since", args={"since": since})
        except Exception:  # noqa: BLE001 - not a Delta table: rewrite it
            import pandas as pd

            kept = self.spark.sql(f"select * from {name} where {day_column} < :since", args={"since": since}).toPandas()
            self.replace(table, pd.concat([kept, conform(frame, schema)], ignore_index=True), schema)
            return
        data = conform(frame, schema)
        if len(data):
            ddl = ", ".join(f"{n} {t}" for n, t in schema)
            self.spark.createDataFrame(data, schema=ddl).write.mode("append").saveAsTable(name)

    def exists(self, table: str) -> bool:
        return bool(self.spark.catalog.tableExists(self._table(table)))


