"""The engines a Gold build runs on: embedded DuckDB, a Spark session, a Databricks SQL warehouse.

Each one introspects columns, creates a staging view and materialises a model; the loop itself is
``runner.run``. SQL arrives in the Databricks dialect and is rewritten by ``dialect.prepare``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from health_monitor.warehouse.dialect import NameMap, local_table, prepare, referenced_params
from health_monitor.warehouse.staging import Columns


class DuckDBEngine:
    """A build connection (``build.atomic_duckdb``): system tables attached as ``system_tables``."""

    target = "duckdb"

    def __init__(self, con: Any, names: NameMap | None = None) -> None:
        self.con = con
        self.names = names or NameMap.for_duckdb()
        self._catalog: dict[tuple[str, str, str], Columns] = {}
        rows = con.execute("select database_name, schema_name, table_name, column_name, data_type "
                           "from duckdb_columns() where not internal").fetchall()
        for db, schema, table, column, kind in rows:
            self._catalog.setdefault((db, schema, table), {})[column] = kind

    def columns(self, written: str) -> Columns | None:
        parts = tuple(p.strip('"') for p in local_table(written, "duckdb", self.names).split("."))
        return self._catalog.get(parts) if len(parts) == 3 else None

    def create_view(self, written: str, select: str) -> None:
        name = local_table(written, "duckdb", self.names).split(".")[-1]
        self.con.execute(f"create or replace temp view {name} as\n{prepare(select, 'duckdb', self.names)}")

    def create_table(self, written: str, select: str, params: dict) -> int:
        from health_monitor.warehouse.build import run_sql

        run_sql(self.con, f"create or replace table {written} as\n{select}", params)
        return self.con.execute(f"select count(*) from {local_table(written, 'duckdb', self.names)}").fetchone()[0]


class SparkEngine:
    """A SparkSession (local, a Databricks job or notebook, Databricks Connect)."""

    target = "spark"

    def __init__(self, spark: Any, names: NameMap) -> None:
        self.spark = spark
        self.names = names
        self._schemas: set[str] = set()

    def _local(self, written: str) -> str:
        return local_table(written, "spark", self.names)

    def _ensure_schema(self, local: str) -> None:
        schema = local.rsplit(".", 1)[0]
        if schema not in self._schemas:
            self.spark.sql(f"create schema if not exists {schema}")
            self._schemas.add(schema)

    def columns(self, written: str) -> Columns | None:
        try:
            schema = self.spark.table(self._local(written)).schema
        except Exception:  # AnalysisException: missing table or schema, or not readable
            return None
        return {f.name: f.dataType.simpleString() for f in schema.fields}

    def create_view(self, written: str, select: str) -> None:
        local = self._local(written)
        self._ensure_schema(local)
        self.spark.sql(f"create or replace view {local} as\n{prepare(select, 'spark', self.names)}")

    def create_table(self, written: str, select: str, params: dict) -> int:
        local = self._local(written)
        self._ensure_schema(local)
        text = prepare(select, "spark", self.names)
        bound = {k: v for k, v in params.items() if k in referenced_params(select)}
        df = self.spark.sql(text, args=bound) if bound else self.spark.sql(text)
        df.write.mode("overwrite").option("overwriteSchema", "true").saveAsTable(local)
        return self.spark.table(local).count()


class DatabricksSQLEngine:
    """A Databricks SQL warehouse (``databricks_backend.DatabricksWarehouse``)."""

    target = "databricks"

    def __init__(self, warehouse: Any, names: NameMap) -> None:
        self.wh = warehouse
        self.names = names
        self._system: dict[tuple[str, str], Columns] | None = None
        self._schemas: set[str] = set()

    def _system_columns(self) -> dict[tuple[str, str], Columns]:
        if self._system is None:
            self._system = {}
            result = self.wh.query("select table_schema, table_name, column_name, full_data_type "
                                   "from system.information_schema.columns where table_catalog = 'system'")
            for r in result.rows:
                self._system.setdefault((r["table_schema"], r["table_name"]), {})[r["column_name"]] = r["full_data_type"]
        return self._system

    def columns(self, written: str) -> Columns | None:
        parts = written.split(".")
        if parts[0] == "system" and parts[1] != "information_schema":
            found = self._system_columns().get((parts[1], parts[2]))
            if found is None:
                return None
        try:  # readable? (information_schema lists what the principal may see, not what it may SELECT)
            result = self.wh.query(f"select * from {local_table(written, 'databricks', self.names)} limit 0")
        except Exception:
            return None
        return {c: t for c, t in zip(result.columns, result.types or [""] * len(result.columns), strict=False)}

    def _ensure_schema(self, local: str) -> None:
        schema = local.rsplit(".", 1)[0]
        if schema not in self._schemas:
            self.wh.execute_statement(f"create schema if not exists {schema}")
            self._schemas.add(schema)

    def create_view(self, written: str, select: str) -> None:
        local = local_table(written, "databricks", self.names)
        self._ensure_schema(local)
        self.wh.execute_statement(f"create or replace view {local} as\n{prepare(select, 'databricks', self.names)}")

    def create_table(self, written: str, select: str, params: dict) -> int:
        local = local_table(written, "databricks", self.names)
        self._ensure_schema(local)
        text = prepare(inline_params(select, params), "databricks", self.names)
        self.wh.execute_statement(f"create or replace table {local} as\n{text}")
        return int(self.wh.query(f"select count(*) as n from {local}").scalar(0))


def inline_params(sql: str, params: dict) -> str:
    """Replace ``:name`` markers by typed literals (for engines that cannot bind in DDL).

    Only the build's own values reach here (instants and the source label), never user input;
    literals are still built by sqlglot, not by string formatting.
    """
    import sqlglot
    from sqlglot import exp

    trees = [t for t in sqlglot.parse(sql, read="databricks") if t is not None]
    for tree in trees:
        for node in list(tree.find_all(exp.Placeholder)):
            if node.name not in params:
                raise ValueError(f"SQL parameter :{node.name} not supplied")
            value = params[node.name]
            if isinstance(value, datetime):
                lit = exp.cast(exp.Literal.string(value.replace(tzinfo=None).isoformat(sep=" ")), "timestamp")
            else:
                lit = exp.Literal.string(str(value))
            node.replace(lit)
    return ";\n".join(t.sql(dialect="databricks") for t in trees)


__all__ = ["DatabricksSQLEngine", "DuckDBEngine", "SparkEngine", "inline_params"]
