"""The staging layer: one view per source between the account's system tables and Gold.

Like dbt's staging models, each view selects exactly the contract's columns of one source, so Gold
SQL never sees what a particular account happens to have. At build time the account's real
columns are introspected (``information_schema.columns`` on Databricks, the catalog on DuckDB and
Spark) and each view is written for them:

* a missing **newer** column becomes a typed NULL (the source is *degraded*);
* a missing or unreadable **optional** table becomes an empty relation of the right type (*degraded*);
* a missing **required** table, or a missing non-newer column of one, is *failed*: no view is
  created and every Gold model reading it fails with that reason.

User-published relations (pipeline event logs, Lakehouse Monitoring ``*_profile_metrics`` tables)
are configured lists, unioned into one view each. Views are written in the Databricks dialect and
rewritten per engine like every other SQL file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from health_monitor.warehouse.contract import EVENT_LOG, PROFILE_METRICS, SOURCES, STAGING_SCHEMA, Source

from health_monitor.core.measured import not_measured

Columns = dict[str, str]
# Looks up a relation written as ``catalog.schema.table``: its column names -> types, or None.
Introspect = Callable[[str], "Columns | None"]


@dataclass(frozen=True)
class PublishedConfig:
    """Where the user's published relations are: event-log tables, and monitored table -> profile table."""

    event_logs: tuple[str, ...] = ()
    profiles: tuple[tuple[str, str], ...] = ()


@dataclass
class StagingView:
    """One staging relation: its Databricks-dialect SELECT (None when failed), status and reason."""

    name: str  # staging table name, e.g. billing__usage
    status: str  # ok | degraded | failed
    select: str | None
    reason: str = ""
    fix: str = ""
    feature: str = ""
    missing: list[str] = field(default_factory=list)


def _q(name: str) -> str:
    return f"`{name}`"


def _column_list(src: Source, present: Columns | None, extra: str = "") -> tuple[str, list[str]]:
    missing = []
    exprs = []
    for col in src.columns:
        if present is not None and col.name in present:
            exprs.append(_q(col.name))
        else:
            missing.append(col.name)
            exprs.append(f"cast(null as {col.type}) as {_q(col.name)}")
    if extra:
        exprs.insert(0, extra)
    return ",\n    ".join(exprs), missing


def _empty(src: Source, extra_cols: str = "") -> str:
    cols, _ = _column_list(src, None, extra_cols)
    return f"select\n    {cols}\nwhere false"


def stage_source(src: Source, present: Columns | None) -> StagingView:
    """The staging view of one system table, given the columns it has on this account (None: absent)."""
    name = src.staging_table
    if present is None:
        why = f"{src.full_name} is not available (schema not enabled, table missing, or not readable)"
        if src.required:
            return StagingView(name, "failed", None, why, src.fix, src.feature)
        return StagingView(name, "degraded", _empty(src), not_measured(f"{src.feature}: {why}"), src.fix,
                           src.feature)
    cols, missing = _column_list(src, present)
    select = f"select\n    {cols}\nfrom {src.full_name}"
    if not missing:
        return StagingView(name, "ok", select)
    unexpected = [m for m in missing if not src.column(m).newer]
    if unexpected and src.required:
        return StagingView(name, "failed", None,
                           f"{src.full_name} lacks column(s) {', '.join(unexpected)}", src.fix, src.feature,
                           missing)
    newer = [m for m in missing if src.column(m).newer]
    parts = []
    if newer:
        parts.append(f"{src.full_name} has no {', '.join(newer)} yet (older schema version; Databricks adds "
                     "them to accounts and fills them on rows written after December 2025)")
    if unexpected:
        parts.append(f"{src.full_name} lacks {', '.join(unexpected)}")
    return StagingView(name, "degraded", select, "not measured where these are needed: " + "; ".join(parts),
                       "no action for newer columns: they fill in as jobs change" if not unexpected else src.fix,
                       src.feature, missing)


def _stage_union(src: Source, tables: list[tuple[str, str | None]], introspect: Introspect,
                 extra: Callable[[str | None], str] | None = None) -> StagingView:
    """Union of several user-published tables of one shape (absent ones are left out)."""
    name = src.staging_table
    extra_empty = extra(None) if extra else ""
    selects, absent, missing_all = [], [], set()
    for table, key in tables:
        present = introspect(table)
        if present is None:
            absent.append(table)
            continue
        cols, missing = _column_list(src, present, extra(key) if extra else "")
        missing_all.update(missing)
        selects.append(f"select\n    {cols}\nfrom {table}")
    if not selects:
        why = ("none configured" if not tables else f"configured but not readable: {', '.join(absent)}")
        return StagingView(name, "degraded", _empty(src, extra_empty), not_measured(f"{src.feature} ({why})"),
                           src.how, src.feature)
    select = "\nunion all\n".join(selects)
    if absent or missing_all:
        gaps = ([f"not readable: {', '.join(absent)}"] if absent else []) + (
            [f"missing columns {', '.join(sorted(missing_all))}"] if missing_all else [])
        return StagingView(name, "degraded", select, f"partly measured: {src.feature} ({'; '.join(gaps)})",
                           src.how, src.feature, sorted(missing_all))
    return StagingView(name, "ok", select)


def _literal(value: str | None) -> str:
    if value is None:
        return "cast(null as string) as `table_name`"
    return "'" + value.replace("'", "''") + "' as `table_name`"


def plan(introspect: Introspect, published: PublishedConfig) -> list[StagingView]:
    """Every staging view for one account."""
    views = [stage_source(src, introspect(src.full_name)) for src in SOURCES]
    views.append(_stage_union(EVENT_LOG, [(t, None) for t in published.event_logs], introspect))
    views.append(_stage_union(PROFILE_METRICS, [(metrics, monitored) for monitored, metrics in published.profiles],
                              introspect, extra=_literal))
    return views


def staging_name(view: StagingView) -> str:
    return f"{STAGING_SCHEMA[0]}.{STAGING_SCHEMA[1]}.{view.name}"


__all__ = ["PublishedConfig", "StagingView", "plan", "stage_source", "staging_name"]
