"""Name lookups: does a workspace / job / table / ... called ``value`` exist (by id or name)?

A tool parameter typed ``Name("workspace")`` is checked here before the tool runs. An unknown name
is not an error: the tool answers with no rows and a message listing close names, so an agent can
say "there is no workspace called 'prod'; did you mean production?".

Each lookup is two bound queries over Gold dimensions: ``exists`` (one row if the value matches)
and ``suggest`` (up to 8 known names, those containing the value first). Matching is literal: a
suffix match compares with ``right(...)``, never ``LIKE``, so ``%`` and ``_`` in a name are just
characters (``table_name="%"`` matches no table instead of all of them).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Names read back to choose suggestions from (ranked by likeness in Python: a typo shares no substring).
SUGGEST_POOL = 500


@dataclass(frozen=True)
class Lookup:
    kind: str
    #: A query yielding a column ``name`` (display) and ``id`` for every known thing of this kind.
    names_sql: str
    #: Extra ways a value may match a row besides ``lower(name)`` / ``lower(id)``, as SQL over ``n``.
    extra_match: str = ""

    @property
    def exists_sql(self) -> str:
        extra = f" or {self.extra_match}" if self.extra_match else ""
        return (f"with n as ({self.names_sql})\n"
                f"select count(*) as hits from n\n"
                f"where lower(n.name) = lower(:value) or lower(n.id) = lower(:value){extra}")

    @property
    def suggest_sql(self) -> str:
        return (f"with n as ({self.names_sql}),\n"
                "ranked as (select distinct name, case when contains(lower(name), lower(:value)) then 0 "
                "else 1 end as score from n where name is not null)\n"
                f"select name from ranked order by score, name limit {SUGGEST_POOL}")


_TABLE_NAMES = """
select table_full_name as id, table_full_name as name from main.health_monitor.dim_table
union all select source_table_full_name, source_table_full_name from main.health_monitor.fact_lineage
union all select target_table_full_name, target_table_full_name from main.health_monitor.fact_lineage"""

LOOKUPS: dict[str, Lookup] = {lk.kind: lk for lk in (
    Lookup("workspace", "select workspace_id as id, workspace_name as name from main.health_monitor.dim_workspace"),
    Lookup("job", "select job_id as id, job_name as name from main.health_monitor.dim_job"),
    Lookup("cluster", "select cluster_id as id, cluster_name as name from main.health_monitor.dim_cluster"),
    Lookup("warehouse", "select warehouse_id as id, warehouse_name as name from main.health_monitor.dim_warehouse"),
    Lookup("pipeline", "select pipeline_id as id, pipeline_name as name from main.health_monitor.dim_pipeline"),
    Lookup("endpoint", "select endpoint_id as id, endpoint_name as name from main.health_monitor.dim_endpoint"),
    Lookup("user", "select principal as id, principal as name from main.health_monitor.dim_user",
           extra_match="lower(split_part(n.name, '@', 1)) = lower(:value)"),
    Lookup("table", _TABLE_NAMES,
           extra_match="right(lower(n.name), length(:value) + 1) = concat('.', lower(:value))"),
    Lookup("schema", "select distinct table_schema as id, concat(table_catalog, '.', table_schema) as name "
           "from main.health_monitor.dim_table"),
    Lookup("catalog", "select distinct table_catalog as id, table_catalog as name from main.health_monitor.dim_table"),
    Lookup("sku", "select distinct sku_name as id, sku_name as name from main.health_monitor.fact_usage_daily",
           extra_match="contains(lower(n.name), lower(:value))"),
    Lookup("service", "select distinct service_name as id, service_name as name from main.health_monitor.fact_audit_daily"),
    Lookup("team", "select distinct team as id, team as name from main.health_monitor.fact_usage_daily "
           "where team is not null"),
)}
