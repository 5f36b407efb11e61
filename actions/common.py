"""What the catalog's actions share: identifier types, the refusal error, reading findings and
savings rows, and the generic configuration check."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from health_monitor.actions.lookup import GOLD, Lookup, finding_parts
from health_monitor.actions.spec import (
    Target,
    Verification,
)
from pydantic import StringConstraints

WorkspaceId = Annotated[str, StringConstraints(pattern=r"^\d{1,20}$")]
ClusterId = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z][0-9A-Za-z-]{3,63}$")]
JobId = Annotated[str, StringConstraints(pattern=r"^\d{1,20}$")]
WarehouseId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8,32}$")]
TableName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$", max_length=400)]
Principal = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_ .@+-]{1,255}$")]
TagValue = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,64}$")]
TokenId = Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F]{4,64}$")]
Privilege = Literal["SELECT", "MODIFY", "ALL PRIVILEGES", "APPLY TAG", "READ VOLUME", "WRITE VOLUME", "EXECUTE",
                    "REFRESH"]

#: Auto-termination/auto-stop targets the advisor recommends (its recommendation text says 20-30 min / 10 min).
CLUSTER_IDLE_MINUTES = 30
WAREHOUSE_IDLE_MINUTES = 10
SAVINGS_TOOL = "get_savings_recommendations"


class ActionRefused(RuntimeError):
    """The object is not in a state the action applies to (already terminated, no schedule...)."""


def finding_meta(finding: Any) -> dict[str, Any]:
    agent, title, tools, _ = finding_parts(finding)
    return {"agent": agent, "title": title, "tools": tools}


def savings_row(lookup: Lookup, resource_type: str, name: str, workspace: str | None,
             categories: tuple[str, ...]) -> dict[str, Any] | None:
    for row in lookup.tool(SAVINGS_TOOL, {"top_n": 50}):
        if (row.get("resource_type") == resource_type and row.get("resource_name") == name
                and (workspace is None or row.get("workspace_name") == workspace)
                and row.get("category") in categories):
            return row
    return None


def workspaces_of(finding: Any) -> set[str]:
    return set(finding_parts(finding)[3].get("workspace", []))


def jsonable_row(row: dict[str, Any] | None, keep: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k in keep:
        v = (row or {}).get(k)
        out[k] = v.isoformat() if hasattr(v, "isoformat") else v
    return out


def without_none(**kwargs: Any) -> dict[str, Any]:
    return {k: v for k, v in kwargs.items() if v is not None}


def check_config(column: str, expected_of: Any) -> Any:
    def check(rows: list[dict[str, Any]], p: Any, outcome: dict[str, Any]) -> Verification:
        expected = expected_of(p)
        if not rows:
            return Verification(status="regressed", message="The object is no longer in Gold (deleted?).")
        value = rows[0].get(column)
        observed = jsonable_row(rows[0], tuple(rows[0]))
        if value is None:
            return Verification(status="pending", observed=observed,
                                message=f"Not measured: {column} is empty in Gold on this account.")
        if value == expected:
            return Verification(status="verified", observed=observed, message=f"{column} is {value}, as approved.")
        return Verification(status="regressed", observed=observed,
                            message=f"{column} is {value}, not the approved {expected}: it was changed back.")

    return check


def job_row(lookup: Lookup, name: str, workspace: str | None) -> dict[str, Any] | None:
    rows = lookup.rows(f"select workspace_id, workspace_name, job_id, job_name, tags, schedule_cron, paused, "
                       f"sla_seconds, compute_type from {GOLD}.dim_job where job_name = :n and not is_deleted",
                       {"n": name})
    rows = [r for r in rows if workspace is None or r["workspace_name"] == workspace]
    return rows[0] if len(rows) == 1 else None


def job_target(j: dict[str, Any]) -> Target:
    return Target(kind="job", id=str(j["job_id"]), name=j["job_name"], workspace_id=str(j["workspace_id"]),
                  workspace_name=j.get("workspace_name"))


def as_of_date(lookup: Lookup) -> Any:
    row = lookup.one(f"select as_of_date from {GOLD}.meta_build")
    return row["as_of_date"] if row else None


