"""Attribution: a cost-center tag on a job (or an untagged all-purpose cluster)."""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any, Literal

from health_monitor.actions.common import (
    SAVINGS_TOOL,
    ActionRefused,
    TagValue,
    WorkspaceId,
    as_of_date,
    finding_meta,
    without_none,
    workspaces_of,
)
from health_monitor.actions.lookup import GOLD, Lookup, named
from health_monitor.actions.spec import (
    ActionParams,
    Change,
    Proposal,
    SdkPlan,
    Target,
    Verification,
)
from pydantic import Field, StringConstraints

# === 8. cost-center tag on a job (or an untagged all-purpose cluster) ===================================

class CostTagParams(ActionParams):
    workspace_id: WorkspaceId
    resource: Literal["job", "cluster"]
    resource_id: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z][0-9A-Za-z-]{0,63}$")]
    key: Literal["cost_center"] = "cost_center"
    value: TagValue | None = Field(None, description="The cost center to charge; None: choose it with Edit.")


def propose_cost_tag(lookup: Lookup, finding: Any) -> list[Proposal]:
    spaces = workspaces_of(finding) | {r.get("resource_name") for r in lookup.tool(SAVINGS_TOOL, {"top_n": 50})
                                     if r.get("category") == "untagged_spend" and r.get("resource_name") in named(finding)}
    out = []
    for ws_name in sorted(s for s in spaces if s):
        ws = lookup.one(f"select workspace_id from {GOLD}.dim_workspace where workspace_name = :n", {"n": ws_name})
        if ws is None:
            continue
        wid = str(ws["workspace_id"])
        tags = [r["cc"] for r in lookup.rows(
            f"select tags['cost_center'] as cc from {GOLD}.dim_job where workspace_id = :ws union all "
            f"select tags['cost_center'] from {GOLD}.dim_cluster where workspace_id = :ws", {"ws": wid}) if r["cc"]]
        value = Counter(tags).most_common(1)[0][0] if tags else None
        spend = lookup.rows(
            f"select u.job_id, u.cluster_id, max(j.job_name) as job_name, max(c.cluster_name) as cluster_name, "
            f"max(c.compute_kind) as compute_kind, sum(u.list_cost) as cost from {GOLD}.fact_usage_daily u "
            f"left join {GOLD}.dim_job j on j.workspace_id = u.workspace_id and j.job_id = u.job_id "
            f"left join {GOLD}.dim_cluster c on c.workspace_id = u.workspace_id and c.cluster_id = u.cluster_id "
            f"where u.workspace_id = :ws and not u.is_tagged and u.usage_date > date_sub(:as_of, 30) "
            f"and (u.job_id is not null or u.cluster_id is not null) group by u.job_id, u.cluster_id "
            f"order by cost desc limit 3", {"ws": wid, "as_of": as_of_date(lookup)})
        for s in spend:
            if s["job_id"] and s["job_name"]:
                kind, rid, name = "job", str(s["job_id"]), s["job_name"]
            elif s["cluster_id"] and s["compute_kind"] == "ALL_PURPOSE":
                kind, rid, name = "cluster", s["cluster_id"], s["cluster_name"]
            else:
                continue
            out.append(Proposal(
                action="tag_cost_center", title=f"Tag {kind} {name} with cost_center="
                f"{value or '(choose)'}", risk="low",
                target=Target(kind=kind, id=rid, name=name, workspace_id=wid, workspace_name=ws_name),
                params=without_none(workspace_id=wid, resource=kind, resource_id=rid, key="cost_center", value=value),
                changes=[Change(field="tag cost_center", before=None, after=value or "(choose with Edit)")],
                risk_removed=f"${s['cost']:,.0f} of spend in 30 days becomes attributable"
                             + (f" (the workspace's usual cost center {value})" if value else ""),
                finding=finding_meta(finding)))
    return out


def sdk_cost_tag(w: Any, p: CostTagParams) -> SdkPlan:
    if p.value is None:
        raise ActionRefused("Choose the cost center (Edit) before approving.")
    if p.resource == "job":
        from databricks.sdk.service.jobs import JobSettings

        job = w.jobs.get(job_id=int(p.resource_id))
        tags = dict((job.settings.tags if job.settings else None) or {})
        return SdkPlan("jobs", "update", {"job_id": int(p.resource_id),
                                          "new_settings": JobSettings(tags={**tags, p.key: p.value})},
                       before={"tags": tags}, after={"tags": {**tags, p.key: p.value}})
    from databricks.sdk.service.compute import UpdateClusterResource

    c = w.clusters.get(cluster_id=p.resource_id)
    tags = dict(c.custom_tags or {})
    return SdkPlan("clusters", "update", {"cluster_id": p.resource_id, "update_mask": "custom_tags",
                                          "cluster": UpdateClusterResource(custom_tags={**tags, p.key: p.value})},
                   before={"custom_tags": tags}, after={"custom_tags": {**tags, p.key: p.value}})


def demo_cost_tag(tx: Any, p: CostTagParams) -> dict[str, Any]:
    if p.value is None:
        raise ActionRefused("Choose the cost center (Edit) before approving.")
    table, key = (("lakeflow.jobs", {"workspace_id": p.workspace_id, "job_id": p.resource_id}) if p.resource == "job"
                  else ("compute.clusters", {"workspace_id": p.workspace_id, "cluster_id": p.resource_id}))
    before, after = tx.scd2(table, key, {"tags": "map_concat(coalesce(tags, map()), map([$k], [$v]))"},
                            {"k": p.key, "v": p.value})
    return {"before": {"tags": dict(before.get("tags") or {})}, "after": {"tags": dict(after.get("tags") or {})},
            "changed_at": after["change_time"]}


def check_tag(rows: list[dict[str, Any]], p: Any, outcome: dict[str, Any]) -> Verification:
    if not rows:
        return Verification(status="regressed", message="The object is no longer in Gold (deleted?).")
    value = rows[0].get("value")
    if value == p.value:
        return Verification(status="verified", observed={"cost_center": value}, message=f"Tagged cost_center={value}.")
    return Verification(status="regressed", observed={"cost_center": value},
                        message=f"cost_center is {value!r}, not {p.value!r}.")


