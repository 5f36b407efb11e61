"""What a tool *is*: data. A name, the agents it serves, a description for an LLM, a typed
parameter model, one SQL file (Databricks dialect) and the columns it returns.

The same :class:`Tool` object is run by :mod:`tools.executor`, wrapped by :mod:`tools.langchain`
and turned into Unity Catalog DDL by :mod:`tools.ddl`. Nothing here touches a warehouse.

Parameter models subclass :class:`ToolParams`; their fields use the helpers of
:mod:`tools.params`, which attach metadata the executor and the DDL generator read:

* :class:`RelativeDate` - a ``None`` default resolved relative to the data's as-of date;
* :class:`NameOf` - a string that must name something in a dimension (id or name), else the tool
  answers with an empty result and a message rather than an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from health_monitor.core.measured import not_measured

SQL_DIR = Path(__file__).resolve().parent / "sql"

#: The agents a tool may belong to (the specialists plus the hub screen).
AGENTS = ("cost", "security", "performance", "reliability", "quality", "mlops", "governance",
          "optimization", "hub")

#: Result column types (Databricks names) a contract may use.
COLUMN_TYPES = ("string", "bigint", "int", "double", "boolean", "date", "timestamp", "array<string>",
                "map<string,string>")

#: Parameters every tool may reference without declaring them; bound by the executor and turned into
#: expressions by the DDL generator.
HIDDEN_PARAMS = ("as_of", "as_of_date")

_NAME_RE = re.compile(r"^[a-z][a-z0-9_]{2,60}$")


class ToolParams(BaseModel):
    """Base of every parameter model: unknown arguments are refused, strings are stripped.

    A field whose public name would shadow a pydantic attribute (``schema``) is declared under another
    name with ``alias="schema"``; everything outside the model (SQL ``:schema``, the LLM schema, the
    DDL) sees the alias.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True,
                              validate_by_name=True, validate_by_alias=True, serialize_by_alias=True)

    @classmethod
    def public_fields(cls) -> dict[str, Any]:
        """Public parameter name -> FieldInfo."""
        return {(info.alias or name): info for name, info in cls.model_fields.items()}


class NoParams(ToolParams):
    """For tools that take no arguments."""


@dataclass(frozen=True)
class RelativeDate:
    """A date parameter whose ``None`` means ``as_of_date - days_ago`` (0 = the as-of date)."""

    days_ago: int


@dataclass(frozen=True)
class NameOf:
    """A string parameter naming a ``kind`` of thing (see :data:`tools.lookups.LOOKUPS`)."""

    kind: str


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str = ""


def columns(spec: str) -> tuple[Column, ...]:
    """``"workspace_name string, usage_date date, list_cost double"`` -> columns.

    A column may carry a description after ``--`` on its own line::

        columns('''workspace_name string -- the workspace
                   list_cost double''')
    """
    out = []
    for part in re.split(r",\s*(?![^<]*>)|\n", spec):
        text, _, doc = part.partition("--")
        text = text.strip().rstrip(",")
        if not text:
            continue
        name, _, typ = text.partition(" ")
        out.append(Column(name.strip(), typ.strip().lower().replace(" ", ""), doc.strip()))
    return tuple(out)


@dataclass(frozen=True)
class Coverage:
    """What a tool can measure only where the account declares it (an SLA, an expected refresh).

    ``sql`` returns one row whose first column counts the entities that can be measured; when it is 0,
    an empty result is "not measured: <why>; <how>", not "none found".
    """

    sql: str
    why: str
    how: str
    #: A parameter that, when given, measures without the declaration (an explicit hours threshold).
    unless: str | None = None
    #: ``(parameter, value)``: the check applies only to calls asking for that value ("compute": "gpu").
    only_for: tuple[str, str] | None = None

    def applies(self, args: dict[str, Any]) -> bool:
        if self.only_for and args.get(self.only_for[0]) != self.only_for[1]:
            return False
        return not (self.unless and args.get(self.unless) is not None)

    @property
    def message(self) -> str:
        return not_measured(f"{self.why}; {self.how}")


#: Job duration SLAs come from each job's RUN_DURATION_SECONDS health rule.
SLA_COVERAGE = Coverage(
    sql="select count(*) from main.health_monitor.dim_job where sla_seconds is not null",
    why="no job declares a duration SLA",
    how="add a 'Run duration' health rule (RUN_DURATION_SECONDS) to the jobs to watch (job > Health rules)")
#: Freshness needs an expected refresh interval per table, learnt from its write history in lineage.
FRESHNESS_COVERAGE = Coverage(
    sql="select count(*) from main.health_monitor.dim_table where expected_refresh_hours is not null",
    why="no table has a known refresh interval (3 or more writes in 30 days recorded in "
        "system.access.table_lineage)",
    how="write the tables through Unity Catalog (jobs, pipelines or SQL warehouses record lineage) and grant "
        "the app SELECT on system.access.table_lineage, or ask with an explicit threshold in hours",
    unless="hours")

#: GPUs per node come from system.compute.node_types; without it no cluster is known to have (or lack) GPUs.
GPU_COVERAGE = Coverage(
    sql="select count(*) from main.health_monitor.dim_cluster where worker_gpu_count is not null "
        "or driver_gpu_count is not null",
    why="the GPUs of the clusters' node types are unknown (system.compute.node_types is not readable)",
    how="grant the app SELECT on system.compute.node_types",
    only_for=("compute", "gpu"))


@dataclass(frozen=True)
class Tool:
    """One catalog tool. ``sql`` is a path relative to ``tools/sql`` (default ``<domain>/<name>.sql``)."""

    name: str
    domain: str
    agents: tuple[str, ...]
    description: str
    params: type[ToolParams]
    returns: tuple[Column, ...]
    sql: str = ""
    #: Columns holding money at list price; the executor adds ``net_*`` columns next to them.
    cost_columns: tuple[str, ...] = ()
    #: The column naming the SKU of a row, if any (per-SKU-family discounts need it).
    sku_column: str | None = None
    #: Default ordering is part of the SQL; this says which column a page would chart over time.
    time_column: str | None = None
    examples: tuple[str, ...] = field(default=())
    #: When set, an empty result is checked: nothing measurable says "not measured", not "none".
    coverage: Coverage | None = None
    #: What a tool that always reads the same look-back from the as-of covers ("the last 3 days, against the training
    #: reference"), when it takes no dates and has no time column: a past window gets "no reading kept for it", not
    #: today's rows under its label.
    snapshot: str | None = None

    def __post_init__(self) -> None:
        if not self.sql:
            object.__setattr__(self, "sql", f"{self.domain}/{self.name}.sql")

    # -- derived views of the data --------------------------------------------------------------
    @property
    def sql_path(self) -> Path:
        return SQL_DIR / self.sql

    @cached_property
    def sql_text(self) -> str:
        return self.sql_path.read_text()

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.returns]

    @property
    def name_params(self) -> dict[str, str]:
        """Parameter -> kind of name it must match (from :class:`NameOf` metadata)."""
        out = {}
        for pname, info in self.params.public_fields().items():
            for meta in info.metadata:
                if isinstance(meta, NameOf):
                    out[pname] = meta.kind
        return out

    @property
    def relative_dates(self) -> dict[str, int]:
        out = {}
        for pname, info in self.params.public_fields().items():
            for meta in info.metadata:
                if isinstance(meta, RelativeDate):
                    out[pname] = meta.days_ago
        return out

    def net_column(self, cost_column: str) -> str:
        """``list_cost`` -> ``net_cost``; ``cost_yesterday`` -> ``net_cost_yesterday``."""
        if "list_" in cost_column:
            return cost_column.replace("list_", "net_", 1)
        return f"net_{cost_column}"

    def signature(self) -> dict[str, Any]:
        """A JSON-ready description: what ``health-monitor tools`` prints."""
        params = []
        for pname, info in self.params.public_fields().items():
            rel = self.relative_dates.get(pname)
            params.append({
                "name": pname,
                "type": _type_label(info.annotation),
                "default": (f"as_of_date - {rel} days" if rel else "as_of_date") if rel is not None
                else info.default,
                "description": info.description or "",
                **({"name_of": self.name_params[pname]} if pname in self.name_params else {}),
            })
        return {"name": self.name, "domain": self.domain, "agents": list(self.agents),
                "description": self.description, "parameters": params,
                "columns": [{"name": c.name, "type": c.type} for c in self.returns],
                "cost_columns": list(self.cost_columns)}

    def problems(self) -> list[str]:
        """Everything wrong with this definition (the registry refuses a tool with any)."""
        errs = []
        if not _NAME_RE.match(self.name):
            errs.append(f"name {self.name!r} must be snake_case, 3-61 characters")
        bad = [a for a in self.agents if a not in AGENTS]
        if not self.agents or bad:
            errs.append(f"agents {self.agents!r}: each must be one of {', '.join(AGENTS)}")
        if len(self.description) < 40:
            errs.append("description is too short to guide an LLM (write when to use it and what it returns)")
        if not self.sql_path.is_file():
            errs.append(f"SQL file missing: create {self.sql_path}")
        if not self.returns:
            errs.append("returns: declare the result columns")
        for c in self.returns:
            if c.type not in COLUMN_TYPES:
                errs.append(f"column {c.name}: type {c.type!r} not one of {COLUMN_TYPES}")
        for c in self.cost_columns:
            if c not in self.column_names:
                errs.append(f"cost column {c!r} is not in returns")
        for pname in self.params.public_fields():
            if pname in HIDDEN_PARAMS:
                errs.append(f"parameter {pname!r} is reserved (bound by the executor)")
        return errs


def _type_label(annotation: Any) -> str:
    text = getattr(annotation, "__name__", None) or str(annotation)
    return text.replace("typing.", "").replace("datetime.", "").replace("Optional", "")
