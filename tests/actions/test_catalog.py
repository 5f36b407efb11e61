"""Every action of the catalog: its preview from a demo finding, its SDK request against the recording
server (shape checked by the SDK's own models), and its verification after a Gold rebuild."""

from __future__ import annotations

from collections import Counter

import pytest
from databricks.sdk import WorkspaceClient
from health_monitor.actions.catalog import ACTIONS, CATALOG
from health_monitor.actions.lookup import Lookup
from health_monitor.actions.service import Policy, execute, proposals_for
from health_monitor.graph.findings import entities_of

from tests.actions import sdk_server as srv

#: Each action and the tool call whose finding it answers on the demo.
FINDINGS = {
    "set_cluster_auto_termination": ("get_savings_recommendations", {"top_n": 4}),
    "terminate_idle_cluster": ("get_idle_clusters", {}),
    "move_job_to_job_compute": ("get_savings_recommendations", {"category": "jobs_on_all_purpose"}),
    "set_warehouse_auto_stop": ("get_autotermination_settings", {}),
    "pause_job_schedule": ("get_failed_jobs", {}),
    "revoke_group_grant": ("get_permission_changes", {}),
    "revoke_token_without_expiry": ("get_token_activity", {}),
    "tag_cost_center": ("get_untagged_spend", {}),
    "set_job_duration_rule": ("get_job_duration_trend", {"job_name": "nightly_etl"}),
}


def finding(lookup: Lookup, tool: str, args: dict) -> dict:
    rows = lookup.tool(tool, args)
    return {"agent": "test", "title": tool, "tools": [tool], "entities": entities_of(rows)}


@pytest.fixture(scope="module")
def lookup(warehouse, demo_dir):
    from health_monitor.core.settings import Settings

    return Lookup(warehouse, Settings(data_dir=demo_dir))


def proposal(lookup: Lookup, name: str):
    tool, args = FINDINGS[name]
    found = [p for p in CATALOG[name].propose(lookup, finding(lookup, tool, args))]
    assert found, f"{name} proposed nothing for {tool}"
    return found[0]


def test_catalog_is_data_with_nine_actions():
    assert len(ACTIONS) >= 9 and len(CATALOG) == len(ACTIONS)
    for spec in ACTIONS:
        assert spec.risk in ("low", "medium", "high") and spec.answers and spec.verify_sql
        assert set(spec.editable) <= set(spec.params.model_fields)
    assert {s.risk for s in ACTIONS if s.name.startswith("revoke")} == {"high"}


def test_previews(lookup):
    idle = max(lookup.tool("get_idle_clusters", {}), key=lambda r: r["idle_pct"])
    p = proposal(lookup, "set_cluster_auto_termination")
    assert p.target.name == idle["cluster_name"] and p.changes[0].before == idle["auto_termination_minutes"]
    assert p.changes[0].after == 30 and p.estimated_monthly_saving > 0

    p = proposal(lookup, "terminate_idle_cluster")
    assert p.target.id == idle["cluster_id"] and p.risk == "medium" and "idle" in p.risk_removed

    rec = lookup.tool("get_savings_recommendations", {"category": "jobs_on_all_purpose"})[0]
    p = proposal(lookup, "move_job_to_job_compute")
    assert p.target.name == rec["resource_name"]
    assert p.estimated_monthly_saving == pytest.approx(rec["estimated_monthly_saving"])
    assert p.changes[0].after["job_clusters"][0]["new_cluster"]["node_type_id"]

    stop = [r for r in lookup.tool("get_autotermination_settings", {}) if r["resource_type"] == "sql_warehouse"
            and r["assessment"] != "ok"][0]
    p = proposal(lookup, "set_warehouse_auto_stop")
    assert p.target.name == stop["resource_name"] and p.changes[0].before == stop["idle_minutes_before_stop"]

    failures = Counter(r["job_name"] for r in lookup.tool("get_failed_jobs", {}))
    p = proposal(lookup, "pause_job_schedule")
    assert p.target.name == failures.most_common(1)[0][0] and p.changes[0].after == "paused"

    p = proposal(lookup, "revoke_group_grant")
    assert p.params["principal"] == "contractors" and p.params["full_name"] == "main.crm.customers"
    assert p.risk == "high" and p.changes[0].after == []

    p = proposal(lookup, "revoke_token_without_expiry")
    assert p.params["created_by"] == "automation-sp" and p.params["token_id"] and "never expires" in p.risk_removed

    untagged = lookup.tool("get_untagged_spend", {})[0]
    p = proposal(lookup, "tag_cost_center")
    assert p.target.workspace_name == untagged["workspace_name"] and p.params["value"]

    p = proposal(lookup, "set_job_duration_rule")
    assert p.target.name == "nightly_etl" and p.params["seconds"] >= 60 and p.changes[0].before is None


def test_the_savings_answer_proposes_its_biggest_fix_first(lookup):
    reports = {"optimization": {"findings": [finding(lookup, "get_savings_recommendations", {"top_n": 4})]}}
    best = proposals_for(reports, lookup)
    assert best[0].action == "set_cluster_auto_termination"
    assert [p.estimated_monthly_saving for p in best] == sorted((p.estimated_monthly_saving for p in best), reverse=True)


# --- the SDK executor against the recording server -----------------------------------------------------

SDK_CASES = {
    "set_cluster_auto_termination": ({"workspace_id": "1", "cluster_id": srv.CLUSTER_ID, "minutes": 30},
                                     "POST", "/api/2.1/clusters/update",
                                     lambda s: s["clusters"][srv.CLUSTER_ID]["autotermination_minutes"] == 30),
    "terminate_idle_cluster": ({"workspace_id": "1", "cluster_id": srv.CLUSTER_ID}, "POST", "/api/2.1/clusters/delete",
                               lambda s: s["clusters"][srv.CLUSTER_ID]["state"] == "TERMINATING"),
    "move_job_to_job_compute": ({"workspace_id": "1", "job_id": str(srv.JOB_ID), "cluster_id": srv.CLUSTER_ID,
                                 "num_workers": 2}, "POST", "/api/2.2/jobs/reset",
                                lambda s: s["jobs"][srv.JOB_ID]["settings"]["tasks"][0].get("job_cluster_key")
                                == "hm_job_cluster" and "existing_cluster_id" not in
                                s["jobs"][srv.JOB_ID]["settings"]["tasks"][0]
                                and s["jobs"][srv.JOB_ID]["settings"]["job_clusters"][0]["new_cluster"]
                                ["node_type_id"] == "i3.xlarge"),
    "set_warehouse_auto_stop": ({"workspace_id": "1", "warehouse_id": srv.WAREHOUSE_ID, "minutes": 10}, "POST",
                                f"/api/2.0/sql/warehouses/{srv.WAREHOUSE_ID}/edit",
                                lambda s: s["warehouses"][srv.WAREHOUSE_ID]["auto_stop_mins"] == 10
                                and s["warehouses"][srv.WAREHOUSE_ID]["cluster_size"] == "Large"),
    "pause_job_schedule": ({"workspace_id": "1", "job_id": str(srv.JOB_ID)}, "POST", "/api/2.2/jobs/update",
                           lambda s: s["jobs"][srv.JOB_ID]["settings"]["schedule"]["pause_status"] == "PAUSED"),
    "revoke_group_grant": ({"full_name": "main.crm.customers", "principal": "contractors", "privilege": "SELECT"},
                           "PATCH", "/api/2.1/unity-catalog/permissions/table/main.crm.customers",
                           lambda s: s["grants"]["table/main.crm.customers"]["privilege_assignments"][0]
                           ["privileges"] == []),
    "revoke_token_without_expiry": ({"workspace_id": "1", "created_by": "automation-sp", "token_id": srv.TOKEN_ID},
                                    "DELETE", f"/api/2.0/token-management/tokens/{srv.TOKEN_ID}",
                                    lambda s: s["tokens"] == []),
    "tag_cost_center": ({"workspace_id": "1", "resource": "job", "resource_id": str(srv.JOB_ID), "value": "CC-200"},
                        "POST", "/api/2.2/jobs/update",
                        lambda s: s["jobs"][srv.JOB_ID]["settings"]["tags"] == {"team": "bi", "cost_center": "CC-200"}),
    "set_job_duration_rule": ({"workspace_id": "1", "job_id": str(srv.JOB_ID), "seconds": 1800}, "POST",
                              "/api/2.2/jobs/update",
                              lambda s: s["jobs"][srv.JOB_ID]["settings"]["health"]["rules"] == [
                                  {"metric": "RUN_DURATION_SECONDS", "op": "GREATER_THAN", "value": 1800}]),
}


@pytest.fixture
def server():
    recorder = srv.RecordingServer()
    httpd, url = srv.serve(recorder)
    recorder.url = url
    yield recorder
    httpd.shutdown()
    httpd.server_close()


def _real(url: str):
    from health_monitor.core.settings import Settings

    return Settings(warehouse_backend="databricks", databricks_host=url)


@pytest.mark.parametrize("name", list(SDK_CASES))
def test_sdk_request_shape(name, server):
    params, method, path, applied = SDK_CASES[name]
    client = WorkspaceClient(host=server.url, token="dapi-test", auth_type="pat")
    event, detail, message = execute(name, params, settings=_real(server.url), actor="admin@company.com",
                                     policy=Policy(execute_on_real=True), client=client)
    assert event == "executed", (message, server.errors)
    assert server.errors == []
    assert [(c.method, c.path) for c in server.mutations] == [(method, path)]
    assert applied(server.state)
    assert detail["executor"] == "databricks" and "service principal" in detail["run_as"]


def test_sdk_dry_run_changes_nothing_and_says_what_it_would_send(server):
    client = WorkspaceClient(host=server.url, token="dapi-test", auth_type="pat")
    params = SDK_CASES["set_cluster_auto_termination"][0]
    event, detail, message = execute("set_cluster_auto_termination", params, settings=_real(server.url),
                                     actor="admin@company.com", policy=Policy(), client=client, user_token="u-token")
    assert event == "dry_run" and server.mutations == [] and "Dry run" in message
    assert detail["request"] == {"call": "clusters.update", "kwargs": {
        "cluster_id": srv.CLUSTER_ID, "update_mask": "autotermination_minutes",
        "cluster": {"autotermination_minutes": 30}}}
    assert detail["run_as"].startswith("the approving user")


def test_sdk_failure_is_recorded_not_raised(server):
    client = WorkspaceClient(host=server.url, token="dapi-test", auth_type="pat")
    params = {**SDK_CASES["terminate_idle_cluster"][0], "cluster_id": "9999-000000-deadbeef"}
    event, detail, message = execute("terminate_idle_cluster", params, settings=_real(server.url),
                                     actor="admin@company.com", policy=Policy(execute_on_real=True), client=client)
    assert event == "failed" and "no such cluster" in detail["error"] and server.mutations == []


# --- the demo executor and verification ----------------------------------------------------------------

@pytest.mark.slow
def test_every_demo_action_is_verified_after_a_gold_rebuild(account, account_warehouse, demo_dir):
    from health_monitor.actions.spec import Verification
    from health_monitor.warehouse.gold import build_gold

    lookup = Lookup(account_warehouse, account)
    done: dict[str, tuple] = {}
    for spec in ACTIONS:
        p = proposal(lookup, spec.name)
        event, detail, message = execute(spec.name, p.params, settings=account, actor="admin@company.com",
                                         policy=Policy())
        assert event == "executed", message
        done[spec.name] = (spec.parse(p.params), detail)
    build_gold(account.system_db_path, account.gold_db_path, progress=False)
    from datetime import datetime

    for name, (params, detail) in done.items():
        spec = CATALOG[name]
        from health_monitor.warehouse.dialect import referenced_params

        values = {**params.model_dump(), "since": datetime.fromisoformat(detail["changed_at"])}
        rows = account_warehouse.query(spec.verify_sql, {k: v for k, v in values.items()
                                                        if k in referenced_params(spec.verify_sql)}).rows
        result: Verification = spec.check(rows, params, detail)
        expected = "pending" if name == "move_job_to_job_compute" else "verified"  # no run since: honest
        assert result.status == expected, (name, result.message)


@pytest.mark.slow
@pytest.mark.parametrize("question, kind, risk", [
    ("which clusters are idle?", "terminate_idle_cluster", "medium"),
    ("who has access to PII tables?", "revoke_group_grant", "high"),
    ("any tokens created without expiry?", "revoke_token_without_expiry", "high"),
    ("did any jobs fail in the last 24 hours?", "pause_job_schedule", "medium"),
    ("how long does nightly_etl take?", "set_job_duration_rule", "low"),
])
def test_answers_across_domains_offer_their_fix(question, kind, risk, warehouse, settings):
    from health_monitor.graph import build_graph, resolve_context

    ctx = resolve_context(settings=settings, warehouse=warehouse)
    out = build_graph().invoke({"question": question}, context=ctx)
    offered = {a["action"]: a for a in out.get("actions") or []}
    assert kind in offered, (question, list(offered))
    assert offered[kind]["risk"] == risk and offered[kind]["target"]["name"]


def test_preview_says_who_executes():
    from health_monitor.actions.service import executor_of

    from health_monitor.core.settings import Settings

    assert executor_of(Settings())["executor"] == "demo"
    real = Settings(warehouse_backend="databricks", databricks_host="https://x.cloud.databricks.com")
    assert executor_of(real, user_token="u")["run_as"].startswith("the approving user")
    assert "service principal" in executor_of(real)["run_as"] and executor_of(real)["dry_run"]
    assert not executor_of(real, policy=Policy(execute_on_real=True))["dry_run"]


def test_a_listing_the_question_also_brought_proposes_nothing(lookup):
    from health_monitor.graph.state import Finding

    runs = finding(lookup, "get_job_runs", {"hours": 168})
    listing = Finding(agent="performance", title="Job runs", summary="s", severity="info", tools=["get_job_runs"],
                      entities=runs["entities"])
    assert proposals_for({"performance": {"findings": [listing]}}, lookup) == []
    asked = listing.model_copy(update={"asked": True})
    assert proposals_for({"performance": {"findings": [asked]}}, lookup)
