"""Compute actions: cluster auto-termination, terminating an idle cluster, SQL warehouse auto-stop."""

from __future__ import annotations

from typing import Any

from health_monitor.actions.common import (
    CLUSTER_IDLE_MINUTES,
    WAREHOUSE_IDLE_MINUTES,
    ActionRefused,
    ClusterId,
    WarehouseId,
    WorkspaceId,
    finding_meta,
    jsonable_row,
    savings_row,
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
from pydantic import Field

# === 1. cluster auto-termination ========================================================================

class AutoTerminationParams(ActionParams):
    workspace_id: WorkspaceId
    cluster_id: ClusterId
    minutes: int = Field(CLUSTER_IDLE_MINUTES, ge=10, le=10_000, description="Idle minutes before it stops.")


def _all_purpose(lookup: Lookup, finding: Any) -> list[dict[str, Any]]:
    names, spaces = named(finding), workspaces_of(finding)
    rows = lookup.rows(f"select workspace_id, workspace_name, cluster_id, cluster_name, auto_termination_minutes, "
                       f"worker_node_type, driver_node_type, worker_count, dbr_version, tags "
                       f"from {GOLD}.dim_cluster where compute_kind = 'ALL_PURPOSE' and not is_deleted")
    return [r for r in rows if r["cluster_name"] in names and (not spaces or r["workspace_name"] in spaces)]


def _cluster_target(r: dict[str, Any]) -> Target:
    return Target(kind="cluster", id=r["cluster_id"], name=r["cluster_name"], workspace_id=str(r["workspace_id"]),
                  workspace_name=r.get("workspace_name"))


def propose_auto_termination(lookup: Lookup, finding: Any) -> list[Proposal]:
    out = []
    for r in _all_purpose(lookup, finding):
        current = r.get("auto_termination_minutes")
        if current is not None and 0 < current <= CLUSTER_IDLE_MINUTES:
            continue
        rec = savings_row(lookup, "cluster", r["cluster_name"], r.get("workspace_name"),
                       ("idle_cluster", "long_auto_termination"))
        out.append(Proposal(
            action="set_cluster_auto_termination", title=f"Set {r['cluster_name']}'s auto-termination to "
            f"{CLUSTER_IDLE_MINUTES} min", risk="low", target=_cluster_target(r),
            params={"workspace_id": str(r["workspace_id"]), "cluster_id": r["cluster_id"],
                    "minutes": CLUSTER_IDLE_MINUTES},
            changes=[Change(field="auto-termination (minutes)", before=current or "never", after=CLUSTER_IDLE_MINUTES)],
            estimated_monthly_saving=rec["estimated_monthly_saving"] if rec else None,
            evidence=rec["recommendation"] if rec else "", finding=finding_meta(finding)))
    return out


def sdk_auto_termination(w: Any, p: AutoTerminationParams) -> SdkPlan:
    from databricks.sdk.service.compute import UpdateClusterResource

    info = w.clusters.get(cluster_id=p.cluster_id)
    return SdkPlan("clusters", "update", {"cluster_id": p.cluster_id, "update_mask": "autotermination_minutes",
                                          "cluster": UpdateClusterResource(autotermination_minutes=p.minutes)},
                   before={"autotermination_minutes": info.autotermination_minutes},
                   after={"autotermination_minutes": p.minutes})


def demo_auto_termination(tx: Any, p: AutoTerminationParams) -> dict[str, Any]:
    before, after = tx.scd2("compute.clusters", {"workspace_id": p.workspace_id, "cluster_id": p.cluster_id},
                            {"auto_termination_minutes": "$minutes"}, {"minutes": p.minutes})
    keep = ("auto_termination_minutes", "change_time")
    return {"before": jsonable_row(before, keep), "after": jsonable_row(after, keep), "changed_at": after["change_time"]}


# === 2. terminate an idle all-purpose cluster ==========================================================

class TerminateParams(ActionParams):
    workspace_id: WorkspaceId
    cluster_id: ClusterId


IDLE_PCT_TO_TERMINATE = 70.0


def propose_terminate(lookup: Lookup, finding: Any) -> list[Proposal]:
    names, out = named(finding), []
    for r in lookup.tool("get_idle_clusters", {}):
        if r.get("cluster_name") not in names or (r.get("idle_pct") or 0) < IDLE_PCT_TO_TERMINATE:
            continue
        ws = lookup.one(f"select workspace_id from {GOLD}.dim_workspace where workspace_name = :n",
                        {"n": r["workspace_name"]})
        if ws is None:
            continue
        target = Target(kind="cluster", id=r["cluster_id"], name=r["cluster_name"],
                        workspace_id=str(ws["workspace_id"]), workspace_name=r["workspace_name"])
        out.append(Proposal(
            action="terminate_idle_cluster", title=f"Terminate the idle cluster {r['cluster_name']}", risk="medium",
            target=target, params={"workspace_id": target.workspace_id, "cluster_id": r["cluster_id"]},
            changes=[Change(field="state", before="running", after="terminated")],
            risk_removed=f"it was idle {r['idle_pct']:.0f} % of its {r['hours_running']} running hours "
                         f"(${r['list_cost']:,.0f} in the period); users' notebooks on it lose their state",
            evidence=f"avg CPU {r['avg_cpu_percent']:.1f} %", finding=finding_meta(finding)))
    return out


def sdk_terminate(w: Any, p: TerminateParams) -> SdkPlan:
    info = w.clusters.get(cluster_id=p.cluster_id)
    state = getattr(info.state, "value", info.state)
    if state in ("TERMINATED", "TERMINATING"):
        raise ActionRefused(f"The cluster is already {str(state).lower()}.")
    return SdkPlan("clusters", "delete", {"cluster_id": p.cluster_id}, before={"state": state},
                   after={"state": "TERMINATING"})


def demo_terminate(tx: Any, p: TerminateParams) -> dict[str, Any]:
    last = tx.rows("select max(end_time) as last_active from compute.node_timeline where workspace_id = $ws "
                   "and cluster_id = $c", {"ws": p.workspace_id, "c": p.cluster_id})[0]["last_active"]
    event = tx.audit(workspace_id=p.workspace_id, service="clusters", action="delete",
                     request_params={"cluster_id": p.cluster_id})
    return {"before": {"last_node_activity": last.isoformat() if last else None},
            "after": {"terminated_at": tx.now.isoformat(), "audit_event_id": event}, "changed_at": tx.now}


def check_terminated(rows: list[dict[str, Any]], p: Any, outcome: dict[str, Any]) -> Verification:
    r = rows[0] if rows else {}
    observed = {"terminations": r.get("terminations"), "node_slices_after": r.get("node_slices_after")}
    if (r.get("node_slices_after") or 0) > 0:
        return Verification(status="regressed", observed=observed,
                            message="The cluster ran again after it was terminated (someone restarted it).")
    if (r.get("terminations") or 0) > 0:
        return Verification(status="verified", observed=observed,
                            message="The audit log shows the termination and the cluster has not run since.")
    return Verification(status="pending", observed=observed,
                        message="The termination is not in the audit log yet (system tables lag by minutes to hours).")


# === 4. SQL warehouse auto-stop =========================================================================

class AutoStopParams(ActionParams):
    workspace_id: WorkspaceId
    warehouse_id: WarehouseId
    minutes: int = Field(WAREHOUSE_IDLE_MINUTES, ge=5, le=10_000, description="Idle minutes before it stops.")


def propose_auto_stop(lookup: Lookup, finding: Any) -> list[Proposal]:
    names, spaces, out = named(finding), workspaces_of(finding), []
    rows = lookup.rows(f"select workspace_id, workspace_name, warehouse_id, warehouse_name, auto_stop_minutes "
                       f"from {GOLD}.dim_warehouse where not is_deleted")
    for r in rows:
        if r["warehouse_name"] not in names or (spaces and r["workspace_name"] not in spaces):
            continue
        current = r.get("auto_stop_minutes")
        if current is not None and 0 < current <= WAREHOUSE_IDLE_MINUTES:
            continue
        rec = savings_row(lookup, "sql_warehouse", r["warehouse_name"], r.get("workspace_name"),
                       ("warehouse_rightsizing",))
        out.append(Proposal(
            action="set_warehouse_auto_stop", title=f"Set {r['warehouse_name']}'s auto-stop to "
            f"{WAREHOUSE_IDLE_MINUTES} min", risk="low",
            target=Target(kind="warehouse", id=r["warehouse_id"], name=r["warehouse_name"],
                          workspace_id=str(r["workspace_id"]), workspace_name=r.get("workspace_name")),
            params={"workspace_id": str(r["workspace_id"]), "warehouse_id": r["warehouse_id"],
                    "minutes": WAREHOUSE_IDLE_MINUTES},
            changes=[Change(field="auto-stop (minutes)", before=current or "never", after=WAREHOUSE_IDLE_MINUTES)],
            estimated_monthly_saving=rec["estimated_monthly_saving"] if rec else None,
            evidence=rec["recommendation"] if rec else "", finding=finding_meta(finding)))
    return out


def sdk_auto_stop(w: Any, p: AutoStopParams) -> SdkPlan:
    from databricks.sdk.service.sql import EditWarehouseRequestWarehouseType

    wh = w.warehouses.get(id=p.warehouse_id)
    kind = EditWarehouseRequestWarehouseType(wh.warehouse_type.value) if wh.warehouse_type else None
    # The edit endpoint replaces the definition: send it back whole with only auto-stop changed.
    kwargs = without_none(id=p.warehouse_id, name=wh.name, cluster_size=wh.cluster_size, min_num_clusters=wh.min_num_clusters,
                  max_num_clusters=wh.max_num_clusters, auto_stop_mins=p.minutes, enable_photon=wh.enable_photon,
                  enable_serverless_compute=wh.enable_serverless_compute, spot_instance_policy=wh.spot_instance_policy,
                  channel=wh.channel, tags=wh.tags, warehouse_type=kind)
    return SdkPlan("warehouses", "edit", kwargs, before={"auto_stop_mins": wh.auto_stop_mins},
                   after={"auto_stop_mins": p.minutes})


def demo_auto_stop(tx: Any, p: AutoStopParams) -> dict[str, Any]:
    before, after = tx.scd2("compute.warehouses", {"workspace_id": p.workspace_id, "warehouse_id": p.warehouse_id},
                            {"auto_stop_minutes": "cast($minutes as integer)"}, {"minutes": p.minutes})
    keep = ("auto_stop_minutes", "change_time")
    return {"before": jsonable_row(before, keep), "after": jsonable_row(after, keep), "changed_at": after["change_time"]}


