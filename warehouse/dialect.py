"""One SQL, several engines: Databricks SQL in, the target engine's SQL out.

Every SQL file in the project is written in the Databricks dialect. This module is the single
dispatch point where engines differ (like dbt's per-adapter macros):

* **Names.** SQL keeps Databricks' three-part names. A :class:`NameMap` rewrites catalogs and
  schemas per target: DuckDB reserves the catalog ``system`` and the schema
  ``information_schema``, so the synthetic system tables live under ``system_tables``; Gold
  (written as ``main.health_monitor.*``) moves to the configured catalog/schema.
* **Silent differences** that sqlglot carries without a warning are fixed on the AST for DuckDB:
  ``date_add``/``date_sub`` return DATE, ``timestampdiff`` counts whole units elapsed,
  ``collect_list`` of nothing is ``[]``, ``dayofweek`` is 1 = Sunday, ``weekday`` is 0 = Monday,
  TIMESTAMP literals stay TIMESTAMP (not TIMESTAMPTZ), ``from_json`` takes a Spark schema string,
  and the ``col:path`` JSON operator returns a string.

Results are cached: the same text is transpiled once per process.
"""

from __future__ import annotations

import re
from functools import lru_cache

import sqlglot
from health_monitor.warehouse.names import (  # noqa: F401 - re-exported: the names live in warehouse.names (no sqlglot)
    DUCKDB_GOLD_CATALOG,
    DUCKDB_INFO_SCHEMA,
    DUCKDB_SYSTEM_CATALOG,
    PUBLISHED,
    SOURCE_GOLD,
    STAGING,
    NameMap,
    Target,
)
from sqlglot import exp


def _rename_tables(tree: exp.Expression, names: NameMap) -> exp.Expression:
    table_map = {k.lower(): v for k, v in names.tables}
    for table in tree.find_all(exp.Table):
        catalog, schema = table.catalog, table.db
        if not catalog or not schema:
            continue
        full = f"{catalog}.{schema}.{table.name}".lower()
        if full in table_map:
            cat, sch, tbl = table_map[full].split(".")
            table.set("catalog", exp.to_identifier(cat))
            table.set("db", exp.to_identifier(sch))
            table.set("this", exp.to_identifier(tbl))
            continue
        resolved = names.resolve(catalog.lower(), schema.lower())
        if resolved is None:
            continue
        new_cat, new_sch = resolved
        table.set("catalog", exp.to_identifier(new_cat) if new_cat else None)
        table.set("db", exp.to_identifier(new_sch))
    if names.map_literals:
        for literal in tree.find_all(exp.Literal):
            parts = literal.this.split(".") if literal.is_string else []
            resolved = names.resolve(parts[0].lower(), parts[1].lower()) if len(parts) == 3 else None
            if resolved:
                literal.set("this", ".".join([*(p for p in resolved if p), parts[2]]))
    return tree


# --- DuckDB fixes for differences sqlglot carries silently ---------------------------------

_SECONDS = {"SECOND": 1, "MINUTE": 60, "HOUR": 3600, "DAY": 86400, "WEEK": 604800}


def _epoch(e: exp.Expression) -> exp.Expression:
    return exp.func("epoch", exp.cast(e.copy(), "timestamp"))


def _spark_type_to_duckdb_json(spec: str) -> str:
    """``array<struct<name:string,n:bigint>>`` -> ``[{"name":"VARCHAR","n":"BIGINT"}]``."""
    scalar = {"string": "VARCHAR", "bigint": "BIGINT", "int": "INTEGER", "double": "DOUBLE",
              "boolean": "BOOLEAN", "timestamp": "TIMESTAMP", "date": "DATE", "float": "FLOAT"}
    tokens = re.findall(r"array<|struct<|map<|>|,|:|[A-Za-z_][A-Za-z0-9_]*", spec)
    pos = 0

    def parse() -> str:
        nonlocal pos
        tok = tokens[pos]
        pos += 1
        if tok == "array<":
            inner = parse()
            pos += 1  # '>'
            return f"[{inner}]"
        if tok == "struct<":
            fields = []
            while tokens[pos] != ">":
                name = tokens[pos]
                pos += 2  # name ':'
                fields.append(f'"{name}":{parse()}')
                if tokens[pos] == ",":
                    pos += 1
            pos += 1
            return "{" + ",".join(fields) + "}"
        return f'"{scalar.get(tok.lower(), tok.upper())}"'

    return parse()


def _duckdb_fixes(node: exp.Expression) -> exp.Expression:
    if isinstance(node, exp.TsOrDsAdd):  # date_add/date_sub: DATE in, DATE out
        return exp.cast(exp.DateAdd(this=exp.cast(node.this, "date"), expression=node.expression,
                                    unit=exp.var("DAY")), "date")
    if isinstance(node, exp.TimestampDiff):  # whole units elapsed, not boundaries crossed
        unit = (node.unit.name if node.unit else "SECOND").upper()
        if unit in _SECONDS:
            diff = exp.Paren(this=exp.Sub(this=_epoch(node.this), expression=_epoch(node.expression)))
            return exp.cast(exp.func("trunc", exp.Div(this=diff, expression=exp.Literal.number(_SECONDS[unit]))),
                            "bigint")
    if isinstance(node, (exp.ArrayAgg, exp.ArrayUniqueAgg)) and not isinstance(node.parent, exp.Coalesce):
        return exp.Coalesce(this=node.copy(), expressions=[exp.Array(expressions=[])])
    if isinstance(node, exp.DayOfWeek):  # Databricks: 1 = Sunday ... 7 = Saturday
        return exp.Paren(this=exp.Add(this=node.copy(), expression=exp.Literal.number(1)))
    if isinstance(node, exp.Anonymous) and node.name.lower() == "weekday":  # 0 = Monday
        return exp.Paren(this=exp.Sub(this=exp.func("isodow", *node.expressions),
                                      expression=exp.Literal.number(1)))
    if isinstance(node, exp.DataType) and node.this in (exp.DType.TIMESTAMPTZ, exp.DType.TIMESTAMPLTZ):
        return exp.DataType.build("timestamp")
    if isinstance(node, exp.FromJson) and isinstance(node.expression, exp.Literal) and "<" in node.expression.this:
        return exp.FromJson(this=node.this, expression=exp.Literal.string(_spark_type_to_duckdb_json(node.expression.this)))
    if isinstance(node, exp.JSONExtract):  # col:path returns a string on Databricks
        return exp.JSONExtractScalar(this=node.this, expression=node.expression)
    if type(node) is exp.Quantile:  # percentile() interpolates on Databricks; DuckDB quantile() is discrete
        return exp.func("quantile_cont", node.this, node.args.get("quantile"))
    return node


def _transform_bottom_up(tree: exp.Expression, fix) -> exp.Expression:
    """Apply ``fix`` to every node, children before parents.

    ``Expression.transform`` does not descend into a node it has just replaced, so a difference
    nested inside another (``collect_list(timestampdiff(...))``, ``date_add(TIMESTAMP '...', 1)``)
    would stay unfixed. Reverse pre-order visits each node after all of its descendants.
    """
    for node in reversed(list(tree.dfs())):
        new = fix(node)
        if new is not node:
            if node is tree:
                tree = new
            else:
                node.replace(new)
    return tree


@lru_cache(maxsize=4096)
def prepare(sql: str, target: Target, names: NameMap) -> str:
    """Rewrite one Databricks SQL text (one or more statements) for ``target``."""
    statements = [s for s in sqlglot.parse(sql, read="databricks") if s is not None]
    out = []
    for tree in statements:
        tree = _rename_tables(tree, names)
        if target == "duckdb":
            tree = _transform_bottom_up(tree, _duckdb_fixes)
            out.append(tree.sql(dialect="duckdb"))
        else:
            # Spark 4.3 parses Databricks SQL (QUALIFY, GROUP BY ALL): keep the dialect as written.
            out.append(tree.sql(dialect="databricks"))
    return ";\n".join(out)


def local_table(written: str, target: Target, names: NameMap) -> str:
    """A three-part Databricks name as ``target`` spells it after ``names``."""
    tree = _rename_tables(exp.select("*").from_(exp.to_table(written, dialect="databricks")), names)
    table = tree.find(exp.Table)
    return table.sql(dialect="duckdb" if target == "duckdb" else "databricks")


def referenced_params(sql: str) -> set[str]:
    """Names of the ``:name`` parameters a Databricks SQL text uses."""
    return {p.name for s in sqlglot.parse(sql, read="databricks") if s for p in s.find_all(exp.Placeholder) if p.name}
