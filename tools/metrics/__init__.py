"""Metric views: Databricks metric-view YAML (source, dimensions, measures) and one small compiler.

Each ``views/<name>.yaml`` is a metric view exactly as Databricks reads it. On Databricks it deploys
as ``CREATE OR REPLACE VIEW <catalog>.<schema>.<name> WITH METRICS LANGUAGE YAML AS $$ ... $$``
(:func:`metric_view_ddl`). Embedded, :func:`compile_request` turns a request (measures x dimensions x
filters x time grain) into one Databricks-dialect SELECT over the view's source, which any warehouse
runs. Convention: a dimension named ``date`` is the view's time dimension (grains and date ranges
apply to it).

    from health_monitor.tools.metrics import query_metrics
    res = query_metrics(wh, "mv_cost", ["list_cost"], ["date", "workspace"], grain="week",
                        start_date=date(2026, 1, 1), filters={"workspace": "ml-workspace"})
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml

from health_monitor.core.errors import HealthMonitorError

VIEWS_DIR = Path(__file__).resolve().parent / "views"
GRAINS = {"day": "DAY", "week": "WEEK", "month": "MONTH", "quarter": "QUARTER", "year": "YEAR"}
_IDENT = re.compile(r"^[a-z][a-z0-9_]*$")


class MetricError(HealthMonitorError):
    """A bad metric view definition or request; the message names the offending part."""


@dataclass(frozen=True)
class MetricView:
    name: str
    spec: dict[str, Any]
    dimensions: dict[str, str] = field(default_factory=dict)
    measures: dict[str, str] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return self.spec["source"]

    @property
    def has_time(self) -> bool:
        return "date" in self.dimensions


def _load(path: Path) -> MetricView:
    spec = yaml.safe_load(path.read_text())
    for key in ("version", "source", "dimensions", "measures"):
        if key not in spec:
            raise MetricError(f"{path.name}: missing `{key}`")
    dims, meas = {}, {}
    for kind, items, out in (("dimension", spec["dimensions"], dims), ("measure", spec["measures"], meas)):
        for item in items:
            name = item.get("name", "")
            if not _IDENT.match(name):
                raise MetricError(f"{path.name}: {kind} name {name!r} must be snake_case")
            if name in dims or name in meas:
                raise MetricError(f"{path.name}: {kind} {name!r} defined twice")
            out[name] = str(item["expr"])
    return MetricView(path.stem, spec, dims, meas)


@lru_cache(maxsize=1)
def load_views() -> dict[str, MetricView]:
    return {p.stem: _load(p) for p in sorted(VIEWS_DIR.glob("*.yaml"))}


def all_measures() -> dict[str, str]:
    """measure name -> view name (measure names are unique across views)."""
    out: dict[str, str] = {}
    for view in load_views().values():
        for m in view.measures:
            if m in out:
                raise MetricError(f"measure {m!r} is defined in both {out[m]} and {view.name}; rename one")
            out[m] = view.name
    return out


def compile_request(view: str, measures: list[str], dimensions: list[str] | tuple[str, ...] = (), *,
                    filters: dict[str, Any] | None = None, grain: Literal["day", "week", "month", "quarter",
                                                                          "year"] | None = None,
                    start_date: date | None = None, end_date: date | None = None) -> tuple[str, dict[str, Any]]:
    """(Databricks SQL, bound parameters) answering one request against one metric view."""
    views = load_views()
    if view not in views:
        raise MetricError(f"unknown metric view {view!r}; known: {', '.join(views)}")
    mv = views[view]
    if not measures:
        raise MetricError("measures: ask for at least one")
    for m in measures:
        if m not in mv.measures:
            raise MetricError(f"measures: {m!r} is not a measure of {view} ({', '.join(mv.measures)})")
    for d in list(dimensions) + list((filters or {}).keys()):
        if d not in mv.dimensions:
            raise MetricError(f"dimensions: {d!r} is not a dimension of {view} ({', '.join(mv.dimensions)})")
    if grain is not None and grain not in GRAINS:
        raise MetricError(f"grain: {grain!r} is not one of {', '.join(GRAINS)}")
    if (grain or start_date or end_date) and not mv.has_time:
        raise MetricError(f"{view} has no date dimension: grain and date ranges do not apply")

    params: dict[str, Any] = {}
    select, group = [], []
    for d in dimensions:
        expr = mv.dimensions[d]
        if d == "date" and grain and grain != "day":
            expr = f"cast(date_trunc('{GRAINS[grain]}', {expr}) as date)"
        select.append(f"{expr} as {d}")
        group.append(expr)
    select += [f"{mv.measures[m]} as {m}" for m in measures]
    where = []
    if mv.spec.get("filter"):
        where.append(f"({mv.spec['filter']})")
    if start_date:
        where.append(f"{mv.dimensions['date']} >= :start_date")
        params["start_date"] = start_date
    if end_date:
        where.append(f"{mv.dimensions['date']} <= :end_date")
        params["end_date"] = end_date
    for i, (d, value) in enumerate((filters or {}).items()):
        values = value if isinstance(value, (list, tuple, set)) else [value]
        names = []
        for j, v in enumerate(values):
            params[f"f{i}_{j}"] = v
            names.append(f":f{i}_{j}")
        where.append(f"{mv.dimensions[d]} in ({', '.join(names)})")
    sql = f"select {', '.join(select)}\nfrom {mv.source}"
    if where:
        sql += "\nwhere " + " and ".join(where)
    if group:
        sql += "\ngroup by " + ", ".join(group) + "\norder by " + ", ".join(str(i + 1) for i in range(len(group)))
    return sql, params


def query_metrics(warehouse: Any, view: str, measures: list[str], dimensions: list[str] | tuple[str, ...] = (),
                  *, max_rows: int = 10_000, **kwargs: Any):  # noqa: ANN201 - QueryResult
    """Compile and run one request; returns the warehouse's QueryResult."""
    sql, params = compile_request(view, measures, dimensions, **kwargs)
    return warehouse.query(sql, params, max_rows=max_rows)


def metric_view_ddl(settings: Any) -> list[tuple[str, str]]:
    """``CREATE OR REPLACE VIEW ... WITH METRICS LANGUAGE YAML`` for every view (Gold names mapped)."""
    out = []
    for mv in load_views().values():
        spec = dict(mv.spec)
        spec["source"] = re.sub(r"^main\.health_monitor\.", f"{settings.gold_catalog}.{settings.gold_schema}.",
                                spec["source"])
        body = yaml.safe_dump(spec, sort_keys=False, allow_unicode=True)
        fq = f"{settings.gold_catalog}.{settings.gold_schema}.{mv.name}"
        out.append((mv.name, f"CREATE OR REPLACE VIEW {fq}\nWITH METRICS\nLANGUAGE YAML\nAS $$\n{body}$$"))
    return out
