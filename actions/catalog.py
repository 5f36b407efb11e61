"""The action catalog: nine actions, each answering findings the specialists make.

Every proposer reads the objects a finding names and the tool rows behind it (never a fixed name);
every executor makes exactly one mutating call (SDK) or one atomic write (demo); every verification
reads Gold (rebuilt after the change) or the system tables with bound parameters.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from datetime import datetime
from typing import Annotated, Any, Literal

from health_monitor.actions.lookup import GOLD, Lookup, finding_parts, named
from health_monitor.actions.spec import (
    ActionParams,
    ActionSpec,
    Change,
    Proposal,
    SdkPlan,
    Target,
    Verification,
)
from pydantic import Field, StringConstraints

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


def _finding_meta(finding: Any) -> dict[str, Any]:
    agent, title, tools, _ = finding_parts(finding)
    return {"agent": agent, "title": title, "tools": tools}


def _savings(lookup: Lookup, resource_type: str, name: str, workspace: str | None,
             categories: tuple[str, ...]) -> dict[str, Any] | None:
    for row in lookup.tool(SAVINGS_TOOL, {"top_n": 50}):
        if (row.get("resource_type") == resource_type and row.get("resource_name") == name
                and (workspace is None or row.get("workspace_name") == workspace)
                and row.get("category") in categories):
            return row
    return None


def _workspaces(finding: Any) -> set[str]:
    return set(finding_parts(finding)[3].get("workspace", []))


def _since(outcome: dict[str, Any]) -> str:
    return str(outcome.get("changed_at") or outcome.get("at") or "1970-01-01T00:00:00")


def _ts(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None)


def _jsonable(row: dict[str, Any] | None, keep: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k in keep:
        v = (row or {}).get(k)
        out[k] = v.isoformat() if hasattr(v, "isoformat") else v
    return out


def _opt(**kwargs: Any) -> dict[str, Any]:
    return {k: v for k, v in kwargs.items() if v is not None}


# === 1. cluster auto-termination ========================================================================

class AutoTerminationParams(ActionParams):
    workspace_id: WorkspaceId
    cluster_id: ClusterId
    minutes: int = Field(CLUSTER_IDLE_MINUTES, ge=10, le=10_000, description="Idle minutes before it stops.")


def _all_purpose(lookup: Lookup, finding: Any) -> list[dict[str, Any]]:
    names, spaces = named(finding), _workspaces(finding)
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
        rec = _savings(lookup, "cluster", r["cluster_name"], r.get("workspace_name"),
                       ("idle_cluster", "long_auto_termination"))
        out.append(Proposal(
            action="set_cluster_auto_termination", title=f"Set {r['cluster_name']}'s auto-termination to "
            f"{CLUSTER_IDLE_MINUTES} min", risk="low", target=_cluster_target(r),
            params={"workspace_id": str(r["workspace_id"]), "cluster_id": r["cluster_id"],
                    "minutes": CLUSTER_IDLE_MINUTES},
            changes=[Change(field="auto-termination (minutes)", before=current or "never", after=CLUSTER_IDLE_MINUTES)],
            estimated_monthly_saving=rec["estimated_monthly_saving"] if rec else None,
            evidence=rec["recommendation"] if rec else "", finding=_finding_meta(finding)))
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
    return {"before": _jsonable(before, keep), "after": _jsonable(after, keep), "changed_at": after["change_time"]}


def check_config(column: str, expected_of: Any) -> Any:
    def check(rows: list[dict[str, Any]], p: Any, outcome: dict[str, Any]) -> Verification:
        expected = expected_of(p)
        if not rows:
            return Verification(status="regressed", message="The object is no longer in Gold (deleted?).")
        value = rows[0].get(column)
        observed = _jsonable(rows[0], tuple(rows[0]))
        if value is None:
            return Verification(status="pending", observed=observed,
                                message=f"Not measured: {column} is empty in Gold on this account.")
        if value == expected:
            return Verification(status="verified", observed=observed, message=f"{column} is {value}, as approved.")
        return Verification(status="regressed", observed=observed,
                            message=f"{column} is {value}, not the approved {expected}: it was changed back.")

    return check


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
            evidence=f"avg CPU {r['avg_cpu_percent']:.1f} %", finding=_finding_meta(finding)))
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


# === 3. move a job from all-purpose to job compute =====================================================

class JobComputeParams(ActionParams):
    workspace_id: WorkspaceId
    job_id: JobId
    cluster_id: ClusterId = Field(description="The all-purpose cluster the job runs on today.")
    num_workers: int = Field(2, ge=0, le=1000, description="Workers of the new job cluster.")


def _job_row(lookup: Lookup, name: str, workspace: str | None) -> dict[str, Any] | None:
    rows = lookup.rows(f"select workspace_id, workspace_name, job_id, job_name, tags, schedule_cron, paused, "
                       f"sla_seconds, compute_type from {GOLD}.dim_job where job_name = :n and not is_deleted",
                       {"n": name})
    rows = [r for r in rows if workspace is None or r["workspace_name"] == workspace]
    return rows[0] if len(rows) == 1 else None


def _job_target(j: dict[str, Any]) -> Target:
    return Target(kind="job", id=str(j["job_id"]), name=j["job_name"], workspace_id=str(j["workspace_id"]),
                  workspace_name=j.get("workspace_name"))


def propose_job_compute(lookup: Lookup, finding: Any) -> list[Proposal]:
    names, out = named(finding), []
    for rec in lookup.tool(SAVINGS_TOOL, {"top_n": 50}):
        if rec.get("category") != "jobs_on_all_purpose" or rec.get("resource_name") not in names:
            continue
        job = _job_row(lookup, rec["resource_name"], rec.get("workspace_name"))
        if job is None:
            continue
        last = lookup.one("select try_element_at(compute_ids, 1) as cluster_id from system.lakeflow.job_run_timeline "
                          "where workspace_id = :ws and job_id = :job order by period_end_time desc limit 1",
                          {"ws": str(job["workspace_id"]), "job": str(job["job_id"])})
        cluster = lookup.one(f"select cluster_id, cluster_name, worker_node_type, driver_node_type, worker_count, "
                             f"dbr_version from {GOLD}.dim_cluster where workspace_id = :ws and cluster_id = :c and "
                             f"compute_kind = 'ALL_PURPOSE'", {"ws": str(job["workspace_id"]),
                                                              "c": (last or {}).get("cluster_id")})
        if cluster is None:
            continue
        workers = int(cluster.get("worker_count") or 2)
        new_cluster = {"spark_version": cluster.get("dbr_version"), "node_type_id": cluster.get("worker_node_type"),
                       "driver_node_type_id": cluster.get("driver_node_type"), "num_workers": workers}
        out.append(Proposal(
            action="move_job_to_job_compute", title=f"Run {job['job_name']} on its own job cluster", risk="medium",
            target=_job_target(job), params={"workspace_id": str(job["workspace_id"]), "job_id": str(job["job_id"]),
                                            "cluster_id": cluster["cluster_id"], "num_workers": workers},
            changes=[Change(field="compute", before=f"all-purpose cluster {cluster['cluster_name']}",
                            after={"job_clusters": [{"job_cluster_key": "hm_job_cluster", "new_cluster": new_cluster}],
                                   "tasks": "each task on that cluster -> job_cluster_key hm_job_cluster"})],
            estimated_monthly_saving=rec["estimated_monthly_saving"], evidence=rec["recommendation"],
            finding=_finding_meta(finding)))
    return out


def sdk_job_compute(w: Any, p: JobComputeParams) -> SdkPlan:
    from databricks.sdk.service.compute import ClusterSpec
    from databricks.sdk.service.jobs import JobCluster

    job = w.jobs.get(job_id=int(p.job_id))
    settings = job.settings
    tasks = [t for t in (settings.tasks or []) if t.existing_cluster_id == p.cluster_id]
    if not tasks:
        raise ActionRefused(f"No task of job {p.job_id} runs on cluster {p.cluster_id} any more.")
    c = w.clusters.get(cluster_id=p.cluster_id)
    spec = ClusterSpec(spark_version=c.spark_version, node_type_id=c.node_type_id,
                       driver_node_type_id=c.driver_node_type_id, num_workers=p.num_workers,
                       spark_conf=c.spark_conf, custom_tags=c.custom_tags, data_security_mode=c.data_security_mode)
    key = "hm_job_cluster"
    settings.job_clusters = [*(j for j in (settings.job_clusters or []) if j.job_cluster_key != key),
                             JobCluster(job_cluster_key=key, new_cluster=spec)]
    for t in tasks:
        t.existing_cluster_id, t.job_cluster_key = None, key
    return SdkPlan("jobs", "reset", {"job_id": int(p.job_id), "new_settings": settings},
                   before={"tasks_on_cluster": [t.task_key for t in tasks], "cluster_id": p.cluster_id},
                   after={"job_cluster_key": key, "new_cluster": spec.as_dict()})


def demo_job_compute(tx: Any, p: JobComputeParams) -> dict[str, Any]:
    # system.lakeflow.jobs carries no compute column: the settings change is a new version of the job
    # (as on a real account); the new compute shows in the next run's compute_ids.
    before, after = tx.scd2("lakeflow.jobs", {"workspace_id": p.workspace_id, "job_id": p.job_id}, {})
    return {"before": {"compute": f"all-purpose cluster {p.cluster_id}", "change_time": before["change_time"].isoformat()},
            "after": {"compute": f"job cluster hm_job_cluster ({p.num_workers} workers)",
                      "change_time": after["change_time"].isoformat()}, "changed_at": after["change_time"]}


def check_job_compute(rows: list[dict[str, Any]], p: Any, outcome: dict[str, Any]) -> Verification:
    runs = [r for r in rows if r.get("period_end_time") is not None]
    if not runs:
        return Verification(status="pending", message="No run of the job since the change: verified after its next run.")
    kind = runs[0].get("compute_kind")
    observed = {"last_run_end": str(runs[0]["period_end_time"]), "compute_kind": kind}
    if kind == "ALL_PURPOSE":
        return Verification(status="regressed", observed=observed, message="The latest run still used all-purpose compute.")
    return Verification(status="verified", observed=observed, message=f"The latest run used {kind or 'job'} compute.")


# === 4. SQL warehouse auto-stop =========================================================================

class AutoStopParams(ActionParams):
    workspace_id: WorkspaceId
    warehouse_id: WarehouseId
    minutes: int = Field(WAREHOUSE_IDLE_MINUTES, ge=5, le=10_000, description="Idle minutes before it stops.")


def propose_auto_stop(lookup: Lookup, finding: Any) -> list[Proposal]:
    names, spaces, out = named(finding), _workspaces(finding), []
    rows = lookup.rows(f"select workspace_id, workspace_name, warehouse_id, warehouse_name, auto_stop_minutes "
                       f"from {GOLD}.dim_warehouse where not is_deleted")
    for r in rows:
        if r["warehouse_name"] not in names or (spaces and r["workspace_name"] not in spaces):
            continue
        current = r.get("auto_stop_minutes")
        if current is not None and 0 < current <= WAREHOUSE_IDLE_MINUTES:
            continue
        rec = _savings(lookup, "sql_warehouse", r["warehouse_name"], r.get("workspace_name"),
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
            evidence=rec["recommendation"] if rec else "", finding=_finding_meta(finding)))
    return out


def sdk_auto_stop(w: Any, p: AutoStopParams) -> SdkPlan:
    from databricks.sdk.service.sql import EditWarehouseRequestWarehouseType

    wh = w.warehouses.get(id=p.warehouse_id)
    kind = EditWarehouseRequestWarehouseType(wh.warehouse_type.value) if wh.warehouse_type else None
    # The edit endpoint replaces the definition: send it back whole with only auto-stop changed.
    kwargs = _opt(id=p.warehouse_id, name=wh.name, cluster_size=wh.cluster_size, min_num_clusters=wh.min_num_clusters,
                  max_num_clusters=wh.max_num_clusters, auto_stop_mins=p.minutes, enable_photon=wh.enable_photon,
                  enable_serverless_compute=wh.enable_serverless_compute, spot_instance_policy=wh.spot_instance_policy,
                  channel=wh.channel, tags=wh.tags, warehouse_type=kind)
    return SdkPlan("warehouses", "edit", kwargs, before={"auto_stop_mins": wh.auto_stop_mins},
                   after={"auto_stop_mins": p.minutes})


def demo_auto_stop(tx: Any, p: AutoStopParams) -> dict[str, Any]:
    before, after = tx.scd2("compute.warehouses", {"workspace_id": p.workspace_id, "warehouse_id": p.warehouse_id},
                            {"auto_stop_minutes": "cast($minutes as integer)"}, {"minutes": p.minutes})
    keep = ("auto_stop_minutes", "change_time")
    return {"before": _jsonable(before, keep), "after": _jsonable(after, keep), "changed_at": after["change_time"]}


# === 5. pause a failing schedule ========================================================================

class PauseParams(ActionParams):
    workspace_id: WorkspaceId
    job_id: JobId


MIN_FAILURES_TO_PAUSE = 2


def propose_pause(lookup: Lookup, finding: Any) -> list[Proposal]:
    names, out = named(finding), []
    failures = Counter((r.get("workspace_name"), r.get("job_name")) for r in lookup.tool("get_failed_jobs", {})
                       if r.get("job_name") in names)
    for (ws_name, job_name), n in failures.items():
        if n < MIN_FAILURES_TO_PAUSE:
            continue
        job = _job_row(lookup, job_name, ws_name)
        if job is None or not job.get("schedule_cron") or job.get("paused") is True:
            continue
        last = lookup.one("select result_state from system.lakeflow.job_run_timeline where workspace_id = :ws and "
                          "job_id = :job and result_state is not null order by period_end_time desc limit 1",
                          {"ws": str(job["workspace_id"]), "job": str(job["job_id"])})
        if (last or {}).get("result_state") in ("SUCCEEDED", "SUCCESS"):
            continue  # it recovered: pausing would only stop a working job
        out.append(Proposal(
            action="pause_job_schedule", title=f"Pause {job_name}'s schedule until it is fixed", risk="medium",
            target=_job_target(job), params={"workspace_id": str(job["workspace_id"]), "job_id": str(job["job_id"])},
            changes=[Change(field="schedule", before=f"{job['schedule_cron']} (active)", after="paused")],
            risk_removed=f"{n} failed runs in the window; each new scheduled run fails the same way and burns compute",
            finding=_finding_meta(finding)))
    return out


def sdk_pause(w: Any, p: PauseParams) -> SdkPlan:
    from databricks.sdk.service.jobs import CronSchedule, JobSettings, PauseStatus

    job = w.jobs.get(job_id=int(p.job_id))
    s = job.settings.schedule if job.settings else None
    if s is None:
        raise ActionRefused("The job has no cron schedule to pause.")
    if s.pause_status == PauseStatus.PAUSED:
        raise ActionRefused("The schedule is already paused.")
    schedule = CronSchedule(quartz_cron_expression=s.quartz_cron_expression, timezone_id=s.timezone_id,
                            pause_status=PauseStatus.PAUSED)
    return SdkPlan("jobs", "update", {"job_id": int(p.job_id), "new_settings": JobSettings(schedule=schedule)},
                   before={"pause_status": getattr(s.pause_status, "value", s.pause_status)},
                   after={"pause_status": "PAUSED"})


def demo_pause(tx: Any, p: PauseParams) -> dict[str, Any]:
    before, after = tx.scd2(
        "lakeflow.jobs", {"workspace_id": p.workspace_id, "job_id": p.job_id},
        {"paused": "true", "trigger": "case when trigger.schedule is null then trigger else struct_update(trigger, "
                                      "schedule := struct_update(trigger.schedule, pause_status := 'PAUSED')) end"})
    keep = ("paused", "change_time")
    return {"before": _jsonable(before, keep), "after": _jsonable(after, keep), "changed_at": after["change_time"]}


# === 6. revoke a grant from a group =====================================================================

class RevokeGrantParams(ActionParams):
    securable_type: Literal["table"] = "table"
    full_name: TableName
    principal: Principal
    privilege: Privilege


def propose_revoke_grant(lookup: Lookup, finding: Any) -> list[Proposal]:
    tables = set(finding_parts(finding)[3].get("table", []))
    if not tables:
        return []
    people = {r["principal"] for r in lookup.rows(f"select principal from {GOLD}.dim_user")}
    out = []
    for g in lookup.rows(f"select table_full_name, grantee, privilege_type, grantor from {GOLD}.fact_grants "
                         f"where is_pii and inherited_from is null and not is_grantable"):
        # A direct grant on a PII table to a group (not a person or a service principal that owns data).
        if g["table_full_name"] not in tables or "@" in g["grantee"] or g["grantee"] in people:
            continue
        out.append(Proposal(
            action="revoke_group_grant", title=f"Revoke {g['privilege_type']} on {g['table_full_name']} from "
            f"{g['grantee']}", risk="high",
            target=Target(kind="grant", id=f"{g['table_full_name']}/{g['grantee']}/{g['privilege_type']}",
                          name=f"{g['privilege_type']} on {g['table_full_name']} to {g['grantee']}"),
            params={"securable_type": "table", "full_name": g["table_full_name"], "principal": g["grantee"],
                    "privilege": g["privilege_type"]},
            changes=[Change(field=f"{g['grantee']} privileges", before=[g["privilege_type"]], after=[])],
            risk_removed=f"group {g['grantee']} can no longer read PII table {g['table_full_name']} "
                         f"(granted directly by {g['grantor']})",
            finding=_finding_meta(finding)))
    return out


def sdk_revoke_grant(w: Any, p: RevokeGrantParams) -> SdkPlan:
    from databricks.sdk.service.catalog import PermissionsChange
    from databricks.sdk.service.catalog import Privilege as SdkPrivilege

    current = w.grants.get(securable_type=p.securable_type, full_name=p.full_name, principal=p.principal)
    wanted = SdkPrivilege(p.privilege.replace(" ", "_"))
    held = [getattr(x, "value", x) for a in (current.privilege_assignments or []) if a.principal == p.principal
            for x in (a.privileges or [])]
    if wanted.value not in held:
        raise ActionRefused(f"{p.principal} no longer holds {p.privilege} on {p.full_name}.")
    return SdkPlan("grants", "update", {"securable_type": p.securable_type, "full_name": p.full_name,
                                        "changes": [PermissionsChange(principal=p.principal, remove=[wanted])]},
                   before={"privileges": held}, after={"privileges": [h for h in held if h != wanted.value]})


def demo_revoke_grant(tx: Any, p: RevokeGrantParams) -> dict[str, Any]:
    catalog, schema, table = p.full_name.split(".")
    key = {"c": catalog, "s": schema, "t": table, "g": p.principal, "p": p.privilege}
    where = ("table_catalog = $c and table_schema = $s and table_name = $t and grantee = $g and privilege_type = $p "
             "and inherited_from is null")
    before = tx.rows(f"select grantor, grantee, privilege_type from uc_information_schema.table_privileges "
                     f"where {where}", key)
    if not before:
        raise ActionRefused(f"{p.principal} no longer holds {p.privilege} on {p.full_name}.")
    tx.con.execute(f"delete from uc_information_schema.table_privileges where {where}", key)
    ws = tx.rows("select workspace_id from access.audit where service_name = 'unityCatalog' and "
                 "request_params['securable_full_name'] = $n order by event_time desc limit 1", {"n": p.full_name})
    event = tx.audit(workspace_id=ws[0]["workspace_id"] if ws else "0", service="unityCatalog",
                     action="updatePermissions",
                     request_params={"securable_type": p.securable_type, "securable_full_name": p.full_name,
                                     "changes": json.dumps([{"principal": p.principal, "remove": [p.privilege]}])})
    return {"before": {"grants": before}, "after": {"grants": [], "audit_event_id": event}, "changed_at": tx.now}


def check_grant_gone(rows: list[dict[str, Any]], p: Any, outcome: dict[str, Any]) -> Verification:
    n = (rows[0] if rows else {}).get("grants") or 0
    if n:
        return Verification(status="regressed", observed={"grants": n},
                            message=f"{p.principal} holds {p.privilege} on {p.full_name} again.")
    return Verification(status="verified", observed={"grants": 0},
                        message=f"The grant is gone: {p.principal} has no direct {p.privilege} on {p.full_name}.")


# === 7. revoke a token with no expiry ===================================================================

class RevokeTokenParams(ActionParams):
    workspace_id: WorkspaceId
    created_by: Principal
    token_id: TokenId | None = Field(None, description="The token's id; omitted: the one no-expiry token of created_by.")


def propose_revoke_token(lookup: Lookup, finding: Any) -> list[Proposal]:
    users = set(finding_parts(finding)[3].get("user", []))
    if not users:
        return []
    rows = lookup.rows(f"select workspace_id, workspace_name, principal, event_time, request_params['tokenId'] as token_id "
                       f"from {GOLD}.fact_audit where action_name = 'generateDbToken' and coalesce("
                       f"request_params['lifetime_seconds'], '0') in ('0', '-1') and not is_failure")
    revoked = {r["token_id"] for r in lookup.rows(f"select request_params['tokenId'] as token_id from {GOLD}.fact_audit "
                                                  f"where action_name = 'revokeDbToken'") if r["token_id"]}
    out = []
    for r in rows:
        if r["principal"] not in users or (r["token_id"] and r["token_id"] in revoked):
            continue
        out.append(Proposal(
            action="revoke_token_without_expiry", title=f"Revoke the no-expiry token of {r['principal']}", risk="high",
            target=Target(kind="token", id=r["token_id"] or r["principal"], name=f"token {r['token_id'] or '?'} of "
                          f"{r['principal']}", workspace_id=str(r["workspace_id"]), workspace_name=r["workspace_name"]),
            params=_opt(workspace_id=str(r["workspace_id"]), created_by=r["principal"], token_id=r["token_id"]),
            changes=[Change(field="token", before="valid, never expires", after="revoked")],
            risk_removed=f"a personal access token created {r['event_time']:%Y-%m-%d %H:%M} UTC by {r['principal']} "
                         "that never expires; whatever uses it must switch to a short-lived token or OAuth",
            finding=_finding_meta(finding)))
    return out


def sdk_revoke_token(w: Any, p: RevokeTokenParams) -> SdkPlan:
    tokens = [t for t in w.token_management.list(created_by_username=p.created_by)
              if (t.expiry_time in (None, -1, 0)) and (p.token_id is None or t.token_id == p.token_id)]
    if len(tokens) != 1:
        raise ActionRefused(f"Found {len(tokens)} token(s) with no expiry of {p.created_by}"
                            + ("" if tokens else " (already revoked?)") + "; give token_id to choose one.")
    t = tokens[0]
    return SdkPlan("token_management", "delete", {"token_id": t.token_id},
                   before={"token_id": t.token_id, "comment": t.comment, "expiry_time": t.expiry_time},
                   after={"token_id": t.token_id, "revoked": True})


def demo_revoke_token(tx: Any, p: RevokeTokenParams) -> dict[str, Any]:
    if p.token_id is None:
        raise ActionRefused("The demo needs the token id (it is in the audit log's generateDbToken event).")
    event = tx.audit(workspace_id=p.workspace_id, service="accounts", action="revokeDbToken",
                     request_params={"tokenId": p.token_id})
    return {"before": {"token_id": p.token_id, "state": "valid, no expiry"},
            "after": {"token_id": p.token_id, "state": "revoked", "audit_event_id": event}, "changed_at": tx.now}


def check_token_revoked(rows: list[dict[str, Any]], p: Any, outcome: dict[str, Any]) -> Verification:
    r = rows[0] if rows else {}
    observed = {"revocations": r.get("revocations"), "logins_after": r.get("logins_after")}
    if (r.get("revocations") or 0) == 0:
        return Verification(status="pending", observed=observed,
                            message="The revocation is not in Gold's audit facts yet: rebuild Gold.")
    if (r.get("logins_after") or 0) > 0:
        return Verification(status="regressed", observed=observed, message="The token was used after it was revoked.")
    return Verification(status="verified", observed=observed, message="The audit log shows the token revoked.")


# === 8. cost-center tag on a job (or an untagged all-purpose cluster) ===================================

class CostTagParams(ActionParams):
    workspace_id: WorkspaceId
    resource: Literal["job", "cluster"]
    resource_id: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z][0-9A-Za-z-]{0,63}$")]
    key: Literal["cost_center"] = "cost_center"
    value: TagValue | None = Field(None, description="The cost center to charge; None: choose it with Edit.")


def propose_cost_tag(lookup: Lookup, finding: Any) -> list[Proposal]:
    spaces = _workspaces(finding) | {r.get("resource_name") for r in lookup.tool(SAVINGS_TOOL, {"top_n": 50})
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
            f"order by cost desc limit 3", {"ws": wid, "as_of": _as_of_date(lookup)})
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
                params=_opt(workspace_id=wid, resource=kind, resource_id=rid, key="cost_center", value=value),
                changes=[Change(field="tag cost_center", before=None, after=value or "(choose with Edit)")],
                risk_removed=f"${s['cost']:,.0f} of spend in 30 days becomes attributable"
                             + (f" (the workspace's usual cost center {value})" if value else ""),
                finding=_finding_meta(finding)))
    return out


def _as_of_date(lookup: Lookup) -> Any:
    row = lookup.one(f"select as_of_date from {GOLD}.meta_build")
    return row["as_of_date"] if row else None


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


# === 9. a job's duration SLA (health rule) ==============================================================

class DurationRuleParams(ActionParams):
    workspace_id: WorkspaceId
    job_id: JobId
    seconds: int = Field(ge=60, le=7 * 24 * 3600, description="Alert when a run lasts longer than this.")


MIN_RUNS_FOR_SLA = 5


def propose_duration_rule(lookup: Lookup, finding: Any) -> list[Proposal]:
    names, spaces, out = named(finding), _workspaces(finding), []
    for name in sorted(names):
        job = _job_row(lookup, name, None)
        if job is None or job.get("sla_seconds") or (spaces and job["workspace_name"] not in spaces):
            continue
        stats = lookup.one(f"select count(*) as runs, quantile_cont(duration_seconds, 0.95) as p95 from "
                           f"{GOLD}.fact_job_run where workspace_id = :ws and job_id = :job and is_success and "
                           f"start_time >= date_sub(:as_of, 30)", {"ws": str(job["workspace_id"]),
                                                                    "job": str(job["job_id"]),
                                                                    "as_of": _as_of_date(lookup)})
        if not stats or (stats["runs"] or 0) < MIN_RUNS_FOR_SLA or not stats["p95"]:
            continue
        seconds = max(60, int(math.ceil(float(stats["p95"]) * 1.25 / 60.0)) * 60)
        out.append(Proposal(
            action="set_job_duration_rule", title=f"Alert when {name} runs longer than {seconds // 60} min",
            risk="low", target=_job_target(job),
            params={"workspace_id": str(job["workspace_id"]), "job_id": str(job["job_id"]), "seconds": seconds},
            changes=[Change(field="health rule RUN_DURATION_SECONDS >", before=None, after=seconds)],
            risk_removed=f"a slow run alerts instead of going unnoticed (p95 of {stats['runs']} successful runs: "
                         f"{float(stats['p95']) / 60:.0f} min; rule at 125 %)",
            finding=_finding_meta(finding)))
    return out


def sdk_duration_rule(w: Any, p: DurationRuleParams) -> SdkPlan:
    from databricks.sdk.service.jobs import (
        JobSettings,
        JobsHealthMetric,
        JobsHealthOperator,
        JobsHealthRule,
        JobsHealthRules,
    )

    job = w.jobs.get(job_id=int(p.job_id))
    health = job.settings.health if job.settings else None
    others = [r for r in (health.rules if health else None) or [] if r.metric != JobsHealthMetric.RUN_DURATION_SECONDS]
    rule = JobsHealthRule(metric=JobsHealthMetric.RUN_DURATION_SECONDS, op=JobsHealthOperator.GREATER_THAN,
                          value=p.seconds)
    return SdkPlan("jobs", "update", {"job_id": int(p.job_id),
                                      "new_settings": JobSettings(health=JobsHealthRules(rules=[*others, rule]))},
                   before={"health": health.as_dict() if health else None}, after={"run_duration_seconds": p.seconds})


def demo_duration_rule(tx: Any, p: DurationRuleParams) -> dict[str, Any]:
    before, after = tx.scd2(
        "lakeflow.jobs", {"workspace_id": p.workspace_id, "job_id": p.job_id},
        {"health_rules": "list_concat(list_filter(coalesce(health_rules, []), lambda x: x.metric != "
                         "'RUN_DURATION_SECONDS'), [{'metric': 'RUN_DURATION_SECONDS', 'operator': 'GREATER_THAN', "
                         "'value': cast($seconds as bigint)}])"}, {"seconds": p.seconds})
    return {"before": {"health_rules": before.get("health_rules")}, "after": {"health_rules": after.get("health_rules")},
            "changed_at": after["change_time"]}


# === the catalog ========================================================================================

CONFIG = "select {column} from " + GOLD + ".{table} where workspace_id = :workspace_id and {key} = :{param}"

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        name="set_cluster_auto_termination", title="Set a cluster's auto-termination",
        description="Lower an all-purpose cluster's idle auto-termination so it stops paying for idle hours.",
        risk="low", params=AutoTerminationParams,
        answers=(SAVINGS_TOOL, "get_idle_clusters", "get_autotermination_settings"),
        propose=propose_auto_termination, sdk_plan=sdk_auto_termination, demo=demo_auto_termination,
        verify_sql=CONFIG.format(column="auto_termination_minutes", table="dim_cluster", key="cluster_id",
                                 param="cluster_id"),
        check=check_config("auto_termination_minutes", lambda p: p.minutes), editable=("minutes",)),
    ActionSpec(
        name="terminate_idle_cluster", title="Terminate an idle all-purpose cluster",
        description="Stop an all-purpose cluster that sits idle; it keeps its configuration and can be restarted.",
        risk="medium", params=TerminateParams, answers=("get_idle_clusters",),
        propose=propose_terminate, sdk_plan=sdk_terminate, demo=demo_terminate,
        verify_sql=f"select (select count(*) from {GOLD}.fact_audit where workspace_id = :workspace_id and "
                   f"service_name = 'clusters' and action_name = 'delete' and request_params['cluster_id'] = "
                   f":cluster_id and event_time >= :since) as terminations, (select count(*) from "
                   f"system.compute.node_timeline where workspace_id = :workspace_id and cluster_id = :cluster_id "
                   f"and start_time > :since) as node_slices_after",
        check=check_terminated),
    ActionSpec(
        name="move_job_to_job_compute", title="Move a job from all-purpose to job compute",
        description="Give a job that runs on an all-purpose cluster its own job cluster of the same shape "
                    "(jobs compute is billed at a lower DBU rate).",
        risk="medium", params=JobComputeParams, answers=(SAVINGS_TOOL,),
        propose=propose_job_compute, sdk_plan=sdk_job_compute, demo=demo_job_compute,
        verify_sql=f"select r.period_end_time, c.compute_kind from system.lakeflow.job_run_timeline r left join "
                   f"{GOLD}.dim_cluster c on c.workspace_id = r.workspace_id and c.cluster_id = "
                   f"try_element_at(r.compute_ids, 1) where r.workspace_id = :workspace_id and r.job_id = :job_id "
                   f"and r.period_start_time > :since order by r.period_end_time desc limit 1",
        check=check_job_compute, editable=("num_workers",)),
    ActionSpec(
        name="set_warehouse_auto_stop", title="Set a SQL warehouse's auto-stop",
        description="Shorten a SQL warehouse's auto-stop so idle hours stop being billed.",
        risk="low", params=AutoStopParams,
        answers=(SAVINGS_TOOL, "get_autotermination_settings", "get_warehouse_load_by_hour"),
        propose=propose_auto_stop, sdk_plan=sdk_auto_stop, demo=demo_auto_stop,
        verify_sql=CONFIG.format(column="auto_stop_minutes", table="dim_warehouse", key="warehouse_id",
                                 param="warehouse_id"),
        check=check_config("auto_stop_minutes", lambda p: p.minutes), editable=("minutes",)),
    ActionSpec(
        name="pause_job_schedule", title="Pause a failing schedule",
        description="Pause the cron schedule of a job that keeps failing, until someone fixes it.",
        risk="medium", params=PauseParams,
        answers=("get_failed_jobs", "get_job_failure_reasons", "get_job_success_rate"),
        propose=propose_pause, sdk_plan=sdk_pause, demo=demo_pause,
        verify_sql=CONFIG.format(column="paused", table="dim_job", key="job_id", param="job_id"),
        check=check_config("paused", lambda p: True)),
    ActionSpec(
        name="revoke_group_grant", title="Revoke a grant from a group",
        description="Remove a group's direct privilege on a PII-tagged table.",
        risk="high", params=RevokeGrantParams,
        answers=("get_access_grants", "get_permission_changes", "get_grants_by_principal", "get_pii_tables",
                 "get_compliance_report", "get_compliance_violations"),
        propose=propose_revoke_grant, sdk_plan=sdk_revoke_grant, demo=demo_revoke_grant,
        verify_sql=f"select count(*) as grants from {GOLD}.fact_grants where table_full_name = :full_name and "
                   f"grantee = :principal and privilege_type = :privilege and inherited_from is null",
        check=check_grant_gone),
    ActionSpec(
        name="revoke_token_without_expiry", title="Revoke a token with no expiry",
        description="Revoke a personal access token that never expires.",
        risk="high", params=RevokeTokenParams,
        answers=("get_token_activity", "get_security_events", "get_security_summary", "search_security_events"),
        propose=propose_revoke_token, sdk_plan=sdk_revoke_token, demo=demo_revoke_token,
        verify_sql=f"select (select count(*) from {GOLD}.fact_audit where action_name = 'revokeDbToken' and "
                   f"request_params['tokenId'] = :token_id) as revocations, (select count(*) from {GOLD}.fact_audit "
                   f"where action_name = 'tokenLogin' and request_params['tokenId'] = :token_id and event_time > "
                   f":since) as logins_after",
        check=check_token_revoked),
    ActionSpec(
        name="tag_cost_center", title="Add a cost-center tag to a job",
        description="Tag a job (or an untagged all-purpose cluster) with the cost center its spend belongs to.",
        risk="low", params=CostTagParams,
        answers=("get_untagged_spend", SAVINGS_TOOL, "get_cost_by_tag"),
        propose=propose_cost_tag, sdk_plan=sdk_cost_tag, demo=demo_cost_tag,
        verify_sql=f"select tags[:key] as value from {GOLD}.dim_job where workspace_id = :workspace_id and job_id = "
                   f":resource_id and :resource = 'job' union all select tags[:key] from {GOLD}.dim_cluster where "
                   f"workspace_id = :workspace_id and cluster_id = :resource_id and :resource = 'cluster'",
        check=check_tag, editable=("value",)),
    ActionSpec(
        name="set_job_duration_rule", title="Set a job's duration SLA (health rule)",
        description="Add a RUN_DURATION_SECONDS health rule so a slow run alerts.",
        risk="low", params=DurationRuleParams,
        answers=("get_job_duration_trend", "get_job_runs", "get_job_bottlenecks", "get_job_duration_forecast",
                 "get_at_risk_jobs"),
        propose=propose_duration_rule, sdk_plan=sdk_duration_rule, demo=demo_duration_rule,
        verify_sql=CONFIG.format(column="sla_seconds", table="dim_job", key="job_id", param="job_id"),
        check=check_config("sla_seconds", lambda p: p.seconds), editable=("seconds",)),
)

CATALOG: dict[str, ActionSpec] = {a.name: a for a in ACTIONS}


def get_action_spec(name: str) -> ActionSpec:
    try:
        return CATALOG[name]
    except KeyError:
        raise KeyError(f"No action {name!r}; the catalog has {', '.join(CATALOG)}") from None
