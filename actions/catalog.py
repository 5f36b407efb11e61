"""The action catalog: nine actions, each answering findings the specialists make.

Every proposer reads the objects a finding names and the tool rows behind it (never a fixed name);
every executor makes exactly one mutating call (SDK) or one atomic write (demo); every verification
reads Gold (rebuilt after the change) or the system tables with bound parameters.
"""

from __future__ import annotations

from health_monitor.actions.access import (
    RevokeGrantParams,
    RevokeTokenParams,
    check_grant_gone,
    check_token_revoked,
    demo_revoke_grant,
    demo_revoke_token,
    propose_revoke_grant,
    propose_revoke_token,
    sdk_revoke_grant,
    sdk_revoke_token,
)
from health_monitor.actions.common import SAVINGS_TOOL, ActionRefused, check_config
from health_monitor.actions.compute import (
    AutoStopParams,
    AutoTerminationParams,
    TerminateParams,
    check_terminated,
    demo_auto_stop,
    demo_auto_termination,
    demo_terminate,
    propose_auto_stop,
    propose_auto_termination,
    propose_terminate,
    sdk_auto_stop,
    sdk_auto_termination,
    sdk_terminate,
)
from health_monitor.actions.jobs import (
    DurationRuleParams,
    JobComputeParams,
    PauseParams,
    check_job_compute,
    demo_duration_rule,
    demo_job_compute,
    demo_pause,
    propose_duration_rule,
    propose_job_compute,
    propose_pause,
    sdk_duration_rule,
    sdk_job_compute,
    sdk_pause,
)
from health_monitor.actions.lookup import GOLD
from health_monitor.actions.spec import ActionSpec
from health_monitor.actions.tagging import (
    CostTagParams,
    check_tag,
    demo_cost_tag,
    propose_cost_tag,
    sdk_cost_tag,
)

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

__all__ = ["ACTIONS", "CATALOG", "ActionRefused", "get_action_spec"]
