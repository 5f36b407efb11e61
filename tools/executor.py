"""Run any catalog tool on any backend: validate -> resolve defaults -> bind -> query -> typed rows.

    from health_monitor.tools.executor import ToolExecutor
    ex = ToolExecutor(warehouse, settings)            # one per warehouse; cheap; thread-safe
    res = ex.run("get_failed_jobs", {"hours": 24})  # never raises
    res.ok, res.rows, res.columns, res.message, res.error, res.ms, res.truncated

Steps:

1. **Validate** the arguments with the tool's pydantic model (types, bounds, enums). A failure is a
   ``ToolResult(ok=False, error="days: must be <= 365 (got 100000)")`` naming the parameter.
2. **Resolve** ``None`` dates relative to the data's as-of date (``main.health_monitor.meta_build``,
   cached per warehouse for a minute) and check them: not after the as-of date, end not before start.
3. **Check names** (``Name("workspace")`` parameters): an unknown name gives ``ok=True``, no rows and a
   message with close names; the tool's SQL never runs.
4. **Query** with bound parameters only (plus the hidden ``:as_of`` / ``:as_of_date``), capped at
   ``max_rows`` (settings.max_rows by default).
5. **Net cost**: every cost column ``list_*`` gets a ``net_*`` neighbour from
   ``Settings.discount_pct`` / ``discount_by_sku_family``; ``ToolResult.cost_basis`` says which.
"""

from __future__ import annotations

import difflib
import functools
import re
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from health_monitor.tools.lookups import LOOKUPS, SUGGEST_POOL
from health_monitor.tools.registry import UnknownTool, get_registry
from health_monitor.tools.spec import Tool
from pydantic import ValidationError

from health_monitor.core.errors import WarehouseUnavailable, first_line
from health_monitor.core.jsonable import plain, to_jsonable
from health_monitor.core.measured import not_measured

AS_OF_SQL = "select as_of, as_of_date from main.health_monitor.meta_build"
AS_OF_TTL_S = 60.0
MAX_RANGE_DAYS = 731


class ToolArgumentError(ValueError):
    """Arguments a tool refuses; the message names the parameter."""


@dataclass
class ToolResult:
    """One tool call's outcome. ``ok=False`` carries ``error``; an empty ``ok`` result may carry ``message``."""

    tool: str
    args: dict[str, Any]
    columns: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    row_count: int = 0
    ms: float = 0.0
    truncated: bool = False
    ok: bool = True
    error: str | None = None
    message: str | None = None
    cost_basis: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"tool": self.tool, "args": to_jsonable(self.args), "ok": self.ok, "error": self.error,
                "message": self.message, "cost_basis": self.cost_basis, "columns": self.columns,
                "row_count": self.row_count, "truncated": self.truncated, "ms": round(self.ms, 1),
                "rows": [to_jsonable(r) for r in self.rows]}

    def to_text(self, max_rows: int = 50) -> str:
        """Compact text for an LLM: a header line, then CSV-like rows."""
        if not self.ok:
            return f"ERROR calling {self.tool}: {self.error}"
        head = [f"{self.tool}({', '.join(f'{k}={v}' for k, v in to_jsonable(self.args).items())}): "
                f"{self.row_count} row(s){' (truncated)' if self.truncated else ''}"]
        if self.cost_basis:
            head.append(f"cost basis: {self.cost_basis}")
        if self.message:
            head.append(self.message)
        if not self.rows:
            return "\n".join(head)
        lines = [",".join(self.columns)]
        for row in self.rows[:max_rows]:
            lines.append(",".join(_cell(row.get(c)) for c in self.columns))
        if len(self.rows) > max_rows:
            lines.append(f"... {len(self.rows) - max_rows} more row(s)")
        return "\n".join(head + lines)

    def to_pandas(self):  # noqa: ANN201 - pandas imported lazily
        import pandas as pd

        return pd.DataFrame(self.rows, columns=self.columns)


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """Decimals (DuckDB sums of integers are HUGEINT), NaN and numpy scalars become plain Python values."""
    return {k: plain(v) for k, v in row.items()}


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.2f}" if abs(v) >= 1 else f"{v:.4g}"
    text = v.isoformat(sep=" ") if isinstance(v, datetime) else str(v)
    return f'"{text}"' if ("," in text or "\n" in text) else text


def format_validation_error(e: ValidationError) -> str:
    parts = []
    for err in e.errors():
        loc = ".".join(str(x) for x in err.get("loc", ())) or "arguments"
        msg = err.get("msg", "invalid").removeprefix("Value error, ")
        if err.get("type") == "extra_forbidden":
            msg = "unknown parameter"
        got = err.get("input")
        got_text = f" (got {got!r})" if got is not None and not isinstance(got, dict) and len(repr(got)) < 60 else ""
        parts.append(f"{loc}: {msg}{got_text}")
    return "; ".join(parts)


# DuckDB: "Table with name ml_x does not exist"; Databricks: "[TABLE_OR_VIEW_NOT_FOUND] ... `ml_x`".
_MISSING_TABLE = re.compile(r"(?:Table with name|TABLE_OR_VIEW_NOT_FOUND\][^`]*`(?:[\w]+`?\.`?)*)\s*`?(\w+)`?")


_MISSING_GOLD = re.compile(r'(?:schema|catalog) "?gold(?:\.\w+)?"? does not exist', re.I)


def missing_table_hint(error: str) -> str | None:
    """Say which command builds a missing table instead of echoing the engine's catalog error."""
    if "does not exist" not in error and "TABLE_OR_VIEW_NOT_FOUND" not in error:
        return None
    if _MISSING_GOLD.search(error):  # the whole embedded Gold file is gone, not one table
        return ("the Gold layer is missing (gold.duckdb is not in the data folder): run `health-monitor gold "
                "build` (embedded: `health-monitor demo`).")
    match = _MISSING_TABLE.search(error)
    table = match.group(1) if match else None
    if not table:
        return None
    if table.startswith("ml_"):
        return (f"the model predictions it reads ({table}) have not been built yet: run `health-monitor train` "
                "(on Databricks, the model-training job).")
    return (f"the Gold table {table} does not exist yet: run `health-monitor gold build` "
            "(embedded: `health-monitor demo`).")


NO_ROWS = "No rows match these parameters."
DEGRADED_SQL = ("select name, reason from main.health_monitor.meta_build_report "
                "where kind = 'model' and status = 'degraded'")


@functools.lru_cache(maxsize=512)
def gold_tables(sql: str) -> frozenset[str]:
    """Gold tables (``main.health_monitor.<name>``) a tool's SQL reads."""
    import sqlglot
    from sqlglot import exp

    out = set()
    for tree in sqlglot.parse(sql, read="databricks"):
        for table in tree.find_all(exp.Table) if tree else ():
            if (table.catalog, table.db) == ("main", "health_monitor"):
                out.add(table.name)
    return frozenset(out)


class Recent:
    """Values read from the warehouse, kept ``ttl`` seconds per key (thread-safe; a failed read is not kept)."""

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._values: dict[Any, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: Any, read: Any) -> Any:
        with self._lock:
            kept = self._values.get(key)
        if kept and time.monotonic() - kept[0] < self.ttl:
            return kept[1]
        value = read()
        with self._lock:
            self._values[key] = (time.monotonic(), value)
        return value


class ToolExecutor:
    """Runs tools of one registry against one warehouse with one settings object."""

    def __init__(self, warehouse: Any, settings: Any = None, registry: Any = None, *,
                 max_rows: int | None = None) -> None:
        from health_monitor.core.settings import get_settings

        self.warehouse = warehouse
        self.settings = settings or get_settings()
        self.registry = registry or get_registry()
        self.max_rows = max_rows or self.settings.max_rows
        #: The as-of instant, the degraded models and the coverage counts, each read at most once a minute
        #: (a rebuild moves them; an empty result must not cost a count each time).
        self._recent = Recent(AS_OF_TTL_S)

    # -- time -----------------------------------------------------------------------------------
    def as_of(self) -> tuple[datetime, date]:
        """The data's as-of instant and date (cached for a minute: a rebuild moves it)."""
        return self._recent.get("as_of", self._read_as_of)

    def _read_as_of(self) -> tuple[datetime, date]:
        res = self.warehouse.query(AS_OF_SQL, max_rows=1)
        if not res.rows:
            raise WarehouseUnavailable("main.health_monitor.meta_build is empty: rebuild Gold "
                                       "(`health-monitor gold build`).")
        row = res.rows[0]
        as_of = row["as_of"]
        if isinstance(as_of, datetime) and as_of.tzinfo is not None:
            as_of = as_of.replace(tzinfo=None) - (as_of.utcoffset() or timedelta(0))
        as_of_date = row["as_of_date"]
        if isinstance(as_of_date, datetime):
            as_of_date = as_of_date.date()
        return as_of, as_of_date

    # -- validation -----------------------------------------------------------------------------
    def bind(self, tool: Tool, args: Mapping[str, Any] | None) -> dict[str, Any]:
        """Validated, defaulted parameters plus hidden ones; raises :class:`ToolArgumentError`."""
        if args is not None and not isinstance(args, Mapping):
            raise ToolArgumentError(f"arguments must be an object of named parameters, got {type(args).__name__}")
        try:
            params = tool.params.model_validate(dict(args or {}))
        except ValidationError as e:
            raise ToolArgumentError(format_validation_error(e)) from None
        values = params.model_dump(by_alias=True)
        as_of, as_of_date = self.as_of()
        for pname, days_ago in tool.relative_dates.items():
            if values.get(pname) is None:
                values[pname] = as_of_date - timedelta(days=days_ago)
            elif values[pname] > as_of_date:
                raise ToolArgumentError(f"{pname}: {values[pname]} is after the data's as-of date {as_of_date} "
                                        "(there is no data in the future)")
        start, end = values.get("start_date"), values.get("end_date")
        if isinstance(start, date) and isinstance(end, date):
            if end < start:
                raise ToolArgumentError(f"end_date: {end} is before start_date {start}")
            if (end - start).days > MAX_RANGE_DAYS:
                raise ToolArgumentError(f"start_date: the range {start}..{end} is longer than {MAX_RANGE_DAYS} days")
        values["as_of"], values["as_of_date"] = as_of, as_of_date
        return values

    def unknown_name(self, tool: Tool, values: Mapping[str, Any]) -> str | None:
        """A message if a name parameter matches nothing; None if every name is known."""
        for pname, kind in tool.name_params.items():
            value = values.get(pname)
            if value is None:
                continue
            lookup = LOOKUPS[kind]
            hits = self.warehouse.query(lookup.exists_sql, {"value": value}, max_rows=1).scalar(0)
            if hits:
                continue
            pool = [r["name"] for r in self.warehouse.query(lookup.suggest_sql, {"value": value},
                                                               max_rows=SUGGEST_POOL).rows]
            known = closest_names(str(value), pool)
            hint = f" Known {kind}s include: {', '.join(known)}." if known else ""
            return f"No {kind} matches {pname}={value!r}, so there is nothing to show.{hint}"
        return None

    # -- running ----------------------------------------------------------------------------------
    def run(self, tool: str | Tool, args: Mapping[str, Any] | None = None, *,
            max_rows: int | None = None) -> ToolResult:
        """Run one tool; never raises (failures are ``ok=False`` with a readable ``error``)."""
        started = time.perf_counter()
        name = tool.name if isinstance(tool, Tool) else str(tool)
        result = ToolResult(tool=name, args=dict(args or {}) if isinstance(args, Mapping) else {})
        try:
            spec = tool if isinstance(tool, Tool) else self.registry.get(name)
            values = self.bind(spec, args)
            result.args = {k: v for k, v in values.items() if k in spec.params.public_fields()}
            result.columns = self._output_columns(spec)
            if spec.cost_columns:
                result.cost_basis = self.cost_basis()
            message = self.unknown_name(spec, values)
            if message:
                result.message = message
            else:
                res = self.warehouse.query(spec.sql_text, values, max_rows=max(1, max_rows or self.max_rows))
                rows = [_plain(r) for r in res.rows]
                if spec.cost_columns:
                    rows = [self._add_net(spec, r) for r in rows]
                result.rows, result.truncated = rows, res.truncated
                result.columns = self._output_columns(spec, res.columns)
                if not rows:
                    result.message = self.coverage_gap(spec, values) or NO_ROWS
            gaps = self.not_measured(spec)
            if gaps:  # a degraded Gold model: its empty or NULL figures are not "none" or "healthy"
                rest = [] if not result.message or result.message == NO_ROWS else [result.message]
                result.message = "; ".join([gaps, *rest])
        except ToolArgumentError as e:
            result.ok, result.error = False, f"invalid arguments for {name}: {e}"
        except UnknownTool as e:
            result.ok, result.error = False, str(e)
        except Exception as e:  # a tool call must never raise into an agent or a page
            first = first_line(e)
            result.ok, result.error = False, f"{name} failed: {missing_table_hint(first) or first}"
        result.row_count = len(result.rows)
        result.ms = (time.perf_counter() - started) * 1000.0
        return result

    # -- degraded Gold models ---------------------------------------------------------------------
    def degraded_models(self) -> dict[str, str]:
        """Gold models the last build reported degraded, with the reason (cached like as_of)."""
        def read() -> dict[str, str]:
            try:
                return {r["name"]: r["reason"] for r in self.warehouse.query(DEGRADED_SQL, max_rows=1000).rows}
            except Exception:  # Gold built before the report existed: nothing known to be degraded
                return {}
        return self._recent.get("degraded", read)

    def coverage_gap(self, tool: Tool, values: dict[str, Any]) -> str | None:
        """"not measured: ..." when an empty result only means the account declares nothing to measure."""
        cov = tool.coverage
        if cov is None or not cov.applies(values):
            return None
        def count() -> Any:
            rows = self.warehouse.query(cov.sql, {}, max_rows=1).rows
            return next(iter(rows[0].values()), None) if rows else None
        try:
            found = self._recent.get(("coverage", cov.sql), count)
        except Exception:  # the probe is advice; its failure leaves the stock message (and is not cached)
            return None
        return cov.message if not found else None

    def not_measured(self, tool: Tool) -> str | None:
        """"not measured: <reason>" when a Gold table the tool reads was built degraded."""
        degraded = self.degraded_models()
        if not degraded:
            return None
        hits = [f"{t}: {degraded[t]}" for t in sorted(gold_tables(tool.sql_text)) if t in degraded]
        if not hits:
            return None
        return not_measured("; ".join(hits))

    # -- cost -------------------------------------------------------------------------------------
    def cost_basis(self) -> str:
        s = self.settings
        if not s.has_discount:
            return "list price (no discount configured: net_* = list_*)"
        return f"list_* = list price; net_* = after the {s.discount_summary()}"

    def _add_net(self, tool: Tool, row: dict[str, Any]) -> dict[str, Any]:
        factor = self.settings.net_factor(row.get(tool.sku_column) if tool.sku_column else None)
        out: dict[str, Any] = {}
        for k, v in row.items():
            out[k] = v
            if k in tool.cost_columns:
                out[tool.net_column(k)] = None if v is None else float(v) * factor
        return out

    def _output_columns(self, tool: Tool, names: list[str] | None = None) -> list[str]:
        out = []
        for c in names or tool.column_names:
            out.append(c)
            if c in tool.cost_columns:
                out.append(tool.net_column(c))
        return out


def catalog_sql(registry: Any = None) -> list[str]:
    """Every SQL text the executor runs: each tool's and its coverage probe, the as-of and
    degraded-model reads, the name lookups."""
    texts = [AS_OF_SQL, DEGRADED_SQL]
    for lookup in LOOKUPS.values():
        texts += [lookup.exists_sql, lookup.suggest_sql]
    for tool in registry or get_registry():
        texts += [tool.sql_text, *([tool.coverage.sql] if tool.coverage is not None else [])]
    return texts


def precompile(warehouse: Any, extra: tuple[str, ...] = (), registry: Any = None) -> int:
    """Transpile the catalog's SQL (and ``extra`` texts) into the warehouse's cache (the demo build
    does it, so a cold ``ask`` never imports sqlglot); returns how many texts. No cache: 0."""
    cache = getattr(warehouse, "sql_cache", None)
    if cache is None:
        return 0
    texts = [*catalog_sql(registry), *extra]
    for text in texts:
        cache.compile(text, warehouse.target, warehouse.names)
    return len(texts)


def run_tool(name: str | Tool, args: Mapping[str, Any] | None = None, *, warehouse: Any,
             settings: Any = None, max_rows: int | None = None) -> ToolResult:
    """One-off convenience: ``run_tool("get_failed_jobs", {"hours": 24}, warehouse=wh)``."""
    return ToolExecutor(warehouse, settings).run(name, args, max_rows=max_rows)


def closest_names(value: str, names: list[str], limit: int = 8) -> list[str]:
    """``names`` most like ``value`` first: those containing it, then by likeness ("anyalst@..." -> "analyst@...")."""
    low = value.lower()
    return sorted(names, key=lambda n: (low not in n.lower(),
                                        -difflib.SequenceMatcher(None, low, n.lower()).ratio(), n))[:limit]
