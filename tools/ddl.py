"""Unity Catalog DDL for the catalog: every tool as a SQL table function.

    CREATE OR REPLACE FUNCTION main.health_monitor.get_failed_jobs(
      hours INT DEFAULT 24 COMMENT '...', workspace STRING DEFAULT NULL COMMENT '...')
    RETURNS TABLE (start_time TIMESTAMP, ...)
    COMMENT '...'
    RETURN <the tool's SQL>

The body is the tool's own SQL file with its ``:param`` markers rewritten on the AST:

* a declared parameter becomes the function parameter, qualified by the function name
  (``get_failed_jobs.hours``) so it never collides with a column or a niladic function (``user``);
* a date whose default is relative to the data (``Date(30, ...)``) is ``DEFAULT NULL`` and the body
  reads ``coalesce(fn.start_date, date_sub(<as_of_date>, 30))``;
* hidden parameters become expressions: ``:as_of`` -> ``(select max(as_of) from ...meta_build)``.

Cost tools get their ``net_*`` columns from the discount configured at deploy time (the executor adds
them at run time instead). Function bodies refuse ``LIMIT :param`` and parameters inside ``QUALIFY``:
tool SQL ranks in a subquery and filters ``where rn <= :top_n``.
"""

from __future__ import annotations

import types
import typing
from datetime import date, datetime
from typing import Any, Literal

import sqlglot
from health_monitor.tools.spec import Tool
from health_monitor.warehouse.dialect import NameMap, prepare
from sqlglot import exp

from health_monitor.core.identifiers import qualified

META_BUILD = "main.health_monitor.meta_build"
HIDDEN_EXPR = {
    "as_of": f"(select max(as_of) from {META_BUILD})",
    "as_of_date": f"(select max(as_of_date) from {META_BUILD})",
}


def sql_string(text: str) -> str:
    """A Databricks/Spark SQL string literal (backslash escapes)."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", " ") + "'"


def sql_type(annotation: Any) -> str:
    """Databricks type of a parameter annotation (``int | None`` -> INT)."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType) and args:
        return sql_type(args[0])
    if origin is Literal:
        return "STRING"
    mapping = {int: "INT", float: "DOUBLE", str: "STRING", bool: "BOOLEAN", date: "DATE", datetime: "TIMESTAMP"}
    if annotation in mapping:
        return mapping[annotation]
    raise TypeError(f"no Databricks type for parameter annotation {annotation!r}")


def sql_literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, date):
        return f"DATE'{value.isoformat()}'"
    return sql_string(str(value))


def _net_factor_sql(tool: Tool, settings: Any, alias: str) -> str:
    """The SQL twin of ``Settings.net_factor`` (same factors, same first-match order)."""
    base, families = settings.discount_factors() if settings else (1.0, [])
    if not families or not tool.sku_column:
        return repr(round(base, 6))
    whens = " ".join(
        f"when upper({alias}.{tool.sku_column}) like {sql_string('%' + family + '%')} "
        f"then {round(factor, 6)!r}" for family, factor in families)
    return f"(case {whens} else {round(base, 6)!r} end)"


def function_body(tool: Tool, *, function_name: str, settings: Any = None) -> str:
    """The tool's SQL (Databricks dialect, names as written) with parameters bound to the function's."""
    rel = tool.relative_dates
    declared = tool.params.public_fields()

    def rewrite(node: exp.Expression) -> exp.Expression:
        if not isinstance(node, exp.Placeholder) or not node.name:
            return node
        name = node.name
        if name in HIDDEN_EXPR:
            return sqlglot.parse_one(HIDDEN_EXPR[name], read="databricks")
        if name not in declared:
            raise ValueError(f"{tool.name}: SQL uses :{name}, which is neither a parameter nor hidden")
        ref = exp.column(name, table=function_name)
        if name in rel:
            default = sqlglot.parse_one(f"date_sub({HIDDEN_EXPR['as_of_date']}, {rel[name]})", read="databricks")
            return exp.func("coalesce", ref, default)
        return ref

    tree = sqlglot.parse_one(tool.sql_text, read="databricks")
    tree = tree.transform(rewrite)
    body = tree.sql(dialect="databricks", comments=False)
    if tool.cost_columns:
        factor = _net_factor_sql(tool, settings, "t")
        proj = []
        for c in tool.column_names:
            proj.append(f"t.{c}")
            if c in tool.cost_columns:
                proj.append(f"t.{c} * {factor} as {tool.net_column(c)}")
        body = f"select {', '.join(proj)} from ({body}) as t"
    return body


def returns_table(tool: Tool) -> str:
    cols = []
    for c in tool.returns:
        cols.append(f"{c.name} {c.type.upper()}")
        if c.name in tool.cost_columns:
            cols.append(f"{tool.net_column(c.name)} DOUBLE")
    return ", ".join(cols)


def create_function(tool: Tool, *, qualified_name: str | None = None, settings: Any = None,
                    target: str = "databricks", names: NameMap | None = None, temporary: bool = False) -> str:
    """``CREATE OR REPLACE [TEMPORARY] FUNCTION`` for one tool."""
    fq = qualified_name or f"main.health_monitor.{tool.name}"
    short = fq.split(".")[-1].strip("`")
    params = []
    rel = tool.relative_dates
    for pname, info in tool.params.public_fields().items():
        default = None if pname in rel else info.default
        desc = info.description or pname
        params.append(f"  {pname} {sql_type(info.annotation)} DEFAULT {sql_literal(default)} COMMENT {sql_string(desc)}")
    body = function_body(tool, function_name=short, settings=settings)
    body = prepare(body, target, names or NameMap())
    cost_note = ""
    if tool.cost_columns:
        cost_note = " Money: list_* at list price, net_* after the discount configured at deploy time."
    head = "CREATE OR REPLACE TEMPORARY FUNCTION" if temporary else "CREATE OR REPLACE FUNCTION"
    return (f"{head} {fq}(\n" + ",\n".join(params) + ("\n" if params else "") + ")\n"
            f"RETURNS TABLE ({returns_table(tool)})\n"
            f"COMMENT {sql_string(tool.description + cost_note)}\n"
            f"RETURN {body}")


def catalog_ddl(registry: Any, settings: Any) -> list[tuple[str, str]]:
    """(name, statement) for every tool, for the configured Gold catalog/schema on Databricks."""
    names = NameMap.for_databricks(settings.gold_catalog, settings.gold_schema, settings.event_log_table)
    out = []
    for tool in registry:
        # validated and quoted: configuration never reaches DDL as raw text
        fq = qualified(settings.gold_catalog, settings.gold_schema, tool.name)
        out.append((tool.name, create_function(tool, qualified_name=fq, settings=settings, names=names)))
    return out
