"""Job actions: job compute instead of all-purpose, pausing a failing schedule, a duration SLA."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from health_monitor.actions.common import (
    SAVINGS_TOOL,
    ActionRefused,
    ClusterId,
    JobId,
    WorkspaceId,
    as_of_date,
    finding_meta,
    job_row,
    job_target,
    jsonable_row,
    workspaces_of,
)
from health_monitor.actions.lookup import GOLD, Lookup, named
from health_monitor.actions.spec import (
    ActionParams,
    Change,
    Proposal,
    SdkPlan,
    Verification,
)
from pydantic import Field

# === 3. move a job from all-purpose to job compute =====================================================

class JobComputeParams(ActionParams):
    workspace_id: WorkspaceId
    job_id: JobId
    cluster_id: ClusterId = Field(description="The all-purpose cluster the job runs on today.")
    num_workers: int = Field(2, ge=0, le=1000, description="Workers of the new job cluster.")


def propose_job_compute(lookup: Lookup, finding: Any) -> list[Proposal]:
    names, out = named(finding), []
    for rec in lookup.tool(SAVINGS_TOOL, {"top_n": 50}):
        if rec.get("category") != "jobs_on_all_purpose" or rec.get("resource_name") not in names:
            continue
        job = job_row(lookup, rec["resource_name"], rec.get("workspace_name"))
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
            target=job_target(job), params={"workspace_id": str(job["workspace_id"]), "job_id": str(job["job_id"]),
                                            "cluster_id": cluster["cluster_id"], "num_workers": workers},
            changes=[Change(field="compute", before=f"all-purpose cluster {cluster['cluster_name']}",
                            after={"job_clusters": [{"job_cluster_key": "hm_job_cluster", "new_cluster": new_cluster}],
                                   "tasks": "each task on that cluster -> job_cluster_key hm_job_cluster"})],
            estimated_monthly_saving=rec["estimated_monthly_saving"], evidence=rec["recommendation"],
            finding=finding_meta(finding)))
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
        job = job_row(lookup, job_name, ws_name)
        if job is None or not job.get("schedule_cron") or job.get("paused") is True:
            continue
        last = lookup.one("select result_state from system.lakeflow.job_run_timeline where workspace_id = :ws and "
                          "job_id = :job and result_state is not null order by period_end_time desc limit 1",
                          {"ws": str(job["workspace_id"]), "job": str(job["job_id"])})
        if (last or {}).get("result_state") in ("SUCCEEDED", "SUCCESS"):
            continue  # it recovered: pausing would only stop a working job
        out.append(Proposal(
            action="pause_job_schedule", title=f"Pause {job_name}'s schedule until it is fixed", risk="medium",
            target=job_target(job), params={"workspace_id": str(job["workspace_id"]), "job_id": str(job["job_id"])},
            changes=[Change(field="schedule", before=f"{job['schedule_cron']} (active)", after="paused")],
            risk_removed=f"{n} failed runs in the window; each new scheduled run fails the same way and burns compute",
            finding=finding_meta(finding)))
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
    return {"before": jsonable_row(before, keep), "after": jsonable_row(after, keep), "changed_at": after["change_time"]}


# === 9. a job's duration SLA (health rule) ==============================================================

class DurationRuleParams(ActionParams):
    workspace_id: WorkspaceId
    job_id: JobId
    seconds: int = Field(ge=60, le=7 * 24 * 3600, description="Alert when a run lasts longer than this.")


MIN_RUNS_FOR_SLA = 5


def propose_duration_rule(lookup: Lookup, finding: Any) -> list[Proposal]:
    names, spaces, out = named(finding), workspaces_of(finding), []
    for name in sorted(names):
        job = job_row(lookup, name, None)
        if job is None or job.get("sla_seconds") or (spaces and job["workspace_name"] not in spaces):
            continue
        stats = lookup.one(f"select count(*) as runs, quantile_cont(duration_seconds, 0.95) as p95 from "
                           f"{GOLD}.fact_job_run where workspace_id = :ws and job_id = :job and is_success and "
                           f"start_time >= date_sub(:as_of, 30)", {"ws": str(job["workspace_id"]),
                                                                    "job": str(job["job_id"]),
                                                                    "as_of": as_of_date(lookup)})
        if not stats or (stats["runs"] or 0) < MIN_RUNS_FOR_SLA or not stats["p95"]:
            continue
        seconds = max(60, int(math.ceil(float(stats["p95"]) * 1.25 / 60.0)) * 60)
        out.append(Proposal(
            action="set_job_duration_rule", title=f"Alert when {name} runs longer than {seconds // 60} min",
            risk="low", target=job_target(job),
            params={"workspace_id": str(job["workspace_id"]), "job_id": str(job["job_id"]), "seconds": seconds},
            changes=[Change(field="health rule RUN_DURATION_SECONDS >", before=None, after=seconds)],
            risk_removed=f"a slow run alerts instead of going unnoticed (p95 of {stats['runs']} successful runs: "
                         f"{float(stats['p95']) / 60:.0f} min; rule at 125 %)",
            finding=finding_meta(finding)))
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


