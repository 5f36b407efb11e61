"""One Gold build loop for every engine: staging views, then each model, degrading model by model.

Every model ends as one of:

* ``built``;
* ``degraded``: built, but a source it reads (directly or through a model it depends on) is missing
  a table or columns; ``reason`` says what is not measured and ``fix`` how to enable it;
* ``failed``: its SQL or a required source failed; ``reason`` carries the error;
* ``skipped``: a model it depends on failed or was skipped.

The build never stops at a failure; :attr:`BuildReport.ok` is False only when a *core* model did not
build (the caller exits non-zero then). The report is written to Gold as ``meta_build_report``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

import sqlglot
from health_monitor.warehouse.contract import STAGING_SCHEMA
from health_monitor.warehouse.dialect import NameMap, Target
from health_monitor.warehouse.staging import Columns, PublishedConfig, StagingView, plan, staging_name
from sqlglot import exp

from health_monitor.core.errors import first_line

GOLD_SCHEMA = "main.health_monitor"  # as written in Gold SQL; mapped per engine
REPORT_TABLE = "meta_build_report"
# Without these the product has nothing to say; any other model may fail and the build still succeeds.
CORE_MODELS = frozenset({"meta_build", "dim_workspace", "fact_usage", "fact_usage_daily", "dim_job",
                         "fact_job_run"})


class Engine(Protocol):
    """What the loop needs from an engine; names are written in the Databricks dialect."""

    target: Target
    names: NameMap

    def columns(self, written: str) -> Columns | None: ...

    def create_view(self, written: str, select: str) -> None: ...

    def create_table(self, written: str, select: str, params: dict) -> int: ...


@dataclass
class ModelResult:
    name: str
    status: str  # built | degraded | failed | skipped
    reason: str = ""
    fix: str = ""
    rows: int | None = None
    seconds: float = 0.0
    kind: str = "model"  # model | source


@dataclass
class BuildReport:
    """Every staging source and Gold model of one build, with status and reason."""

    as_of: datetime | None
    sources: list[ModelResult] = field(default_factory=list)
    models: list[ModelResult] = field(default_factory=list)
    total_seconds: float = 0.0

    def entry(self, name: str) -> ModelResult:
        return next(m for m in self.models if m.name == name)

    @property
    def failed_core(self) -> list[str]:
        return [m.name for m in self.models if m.name in CORE_MODELS and m.status in ("failed", "skipped")]

    @property
    def ok(self) -> bool:
        return not self.failed_core

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for m in self.models:
            out[m.status] = out.get(m.status, 0) + 1
        return out

    def as_dicts(self) -> list[dict]:
        return [{"name": m.name, "status": m.status, "reason": m.reason} for m in self.models]


def staging_refs(sql: str) -> set[str]:
    """Staging tables a Gold SQL text reads."""
    out = set()
    for tree in sqlglot.parse(sql, read="databricks"):
        for table in tree.find_all(exp.Table) if tree else ():
            if (table.catalog, table.db) == STAGING_SCHEMA:
                out.add(table.name)
    return out



def report_sql(report: BuildReport, built_at: datetime) -> str:
    """The report as a Databricks SELECT over VALUES (literals quoted by sqlglot)."""
    rows = []
    for m in [*report.sources, *report.models]:
        rows.append(exp.Tuple(expressions=[
            exp.Literal.string(m.kind), exp.Literal.string(m.name), exp.Literal.string(m.status),
            exp.Literal.string(m.reason), exp.Literal.string(m.fix),
            exp.Literal.number(m.rows) if m.rows is not None else exp.null(),
            exp.Literal.number(round(m.seconds, 3)),
        ]))
    values = exp.Values(expressions=rows, alias=exp.TableAlias(
        this=exp.to_identifier("r"),
        columns=[exp.to_identifier(c) for c in ("kind", "name", "status", "reason", "fix", "n", "s")]))
    select = exp.select(
        "kind", "name", "status", "reason", "fix", exp.cast(exp.column("n"), "bigint").as_("row_count"),
        exp.cast(exp.column("s"), "double").as_("seconds"),
        exp.cast(exp.Literal.string(built_at.isoformat(sep=" ")), "timestamp").as_("built_at"),
    ).from_(values)
    return select.sql(dialect="databricks")


def run(engine: Engine, models, params_for: Callable[[object], dict], published: PublishedConfig, *,
        as_of: datetime | None, built_at: datetime, on_model: Callable[[str], None] | None = None) -> BuildReport:
    """Build staging then every model on ``engine``; never raises for a model's failure."""
    started = time.perf_counter()
    report = BuildReport(as_of=as_of)
    views: dict[str, StagingView] = {}
    for view in plan(engine.columns, published):
        t = time.perf_counter()
        if view.select is not None:
            try:
                engine.create_view(staging_name(view), view.select)
            except Exception as e:  # an engine error is a per-source outcome, not the end of the build
                view.status, view.select, view.reason = "failed", None, f"staging view failed: {first_line(e)}"
        views[view.name] = view
        report.sources.append(ModelResult(view.name, {"ok": "built"}.get(view.status, view.status), view.reason,
                                          view.fix, None, time.perf_counter() - t, kind="source"))
    status: dict[str, ModelResult] = {}
    for model in models:
        if on_model:
            on_model(model.name)
        result = _build_model(engine, model, views, status, params_for)
        status[model.name] = result
        report.models.append(result)
    report.total_seconds = time.perf_counter() - started
    try:
        engine.create_table(f"{GOLD_SCHEMA}.{REPORT_TABLE}", report_sql(report, built_at), {})
    except Exception as e:
        report.models.append(ModelResult(REPORT_TABLE, "failed", first_line(e)))
    return report


def _build_model(engine: Engine, model, views: dict[str, StagingView], status: dict[str, ModelResult],
                 params_for) -> ModelResult:
    upstream = [status[d] for d in model.depends if d in status]
    blocked = [u for u in upstream if u.status in ("failed", "skipped")]
    if blocked:
        return ModelResult(model.name, "skipped", "; ".join(f"depends on {u.name} ({u.status})" for u in blocked))
    refs = sorted(staging_refs(model.sql))
    unknown = [r for r in refs if r not in views]
    failed = [views[r] for r in refs if r in views and views[r].status == "failed"]
    if unknown or failed:
        reason = "; ".join([f"unknown staging source {r}" for r in unknown] +
                           [f"source {v.name}: {v.reason}" for v in failed])
        return ModelResult(model.name, "failed", reason, "; ".join(v.fix for v in failed if v.fix))
    t = time.perf_counter()
    try:
        rows = engine.create_table(f"{GOLD_SCHEMA}.{model.name}", model.sql, params_for(model))
    except Exception as e:
        return ModelResult(model.name, "failed", first_line(e), seconds=time.perf_counter() - t)
    degraded = [views[r] for r in refs if views[r].status == "degraded"]
    inherited = [u for u in upstream if u.status == "degraded"]
    if not degraded and not inherited:
        return ModelResult(model.name, "built", rows=rows, seconds=time.perf_counter() - t)
    reasons = [v.reason for v in degraded] + [f"via {u.name}" for u in inherited]
    fixes = sorted({v.fix for v in degraded if v.fix} | {u.fix for u in inherited if u.fix})
    return ModelResult(model.name, "degraded", "; ".join(reasons), "; ".join(fixes), rows,
                       time.perf_counter() - t)


__all__ = ["CORE_MODELS", "REPORT_TABLE", "BuildReport", "Engine", "ModelResult", "run", "staging_refs"]
