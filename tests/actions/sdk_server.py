"""A local Databricks REST stand-in that records every call and checks each request body against the
SDK's own request models (``Model.from_dict(body).as_dict() == body``: an unknown field or a wrong type
does not survive the round trip). Reads answer from a small in-memory workspace."""

from __future__ import annotations

import inspect
import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from databricks.sdk.service import catalog, compute, jobs, sql

CLUSTER_ID = "0202-441468-58f5e6c1"
JOB_ID = 429041169271594
WAREHOUSE_ID = "31a79611c8f15845"
TOKEN_ID = "a8f3c2"


def workspace() -> dict[str, Any]:
    return {
        "clusters": {CLUSTER_ID: {"cluster_id": CLUSTER_ID, "cluster_name": "analytics-adhoc", "state": "RUNNING",
                                  "spark_version": "15.4.x-scala2.12", "node_type_id": "i3.xlarge",
                                  "driver_node_type_id": "i3.xlarge", "num_workers": 4, "autotermination_minutes": 120,
                                  "custom_tags": {"team": "bi"}, "data_security_mode": "USER_ISOLATION"}},
        "jobs": {JOB_ID: {"job_id": JOB_ID, "settings": {
            "name": "daily_report", "tags": {"team": "bi"},
            "schedule": {"quartz_cron_expression": "0 0 6 * * ?", "timezone_id": "UTC", "pause_status": "UNPAUSED"},
            "tasks": [{"task_key": "report", "existing_cluster_id": CLUSTER_ID,
                       "notebook_task": {"notebook_path": "/Reports/daily"}}]}}},
        "warehouses": {WAREHOUSE_ID: {"id": WAREHOUSE_ID, "name": "bi-warehouse", "cluster_size": "Large",
                                      "min_num_clusters": 1, "max_num_clusters": 2, "auto_stop_mins": 120,
                                      "enable_photon": True, "enable_serverless_compute": False,
                                      "warehouse_type": "PRO", "spot_instance_policy": "COST_OPTIMIZED",
                                      "channel": {"name": "CHANNEL_NAME_CURRENT"},
                                      "tags": {"custom_tags": [{"key": "cost_center", "value": "CC-200"}]}}},
        "grants": {"table/main.crm.customers": {"privilege_assignments": [
            {"principal": "contractors", "privileges": ["SELECT"]}]}},
        "tokens": [{"token_id": TOKEN_ID, "created_by_username": "automation-sp", "comment": "ci pipeline token",
                    "creation_time": 1768462620000, "expiry_time": -1}],
    }


def _round_trips(model: Any, body: Any, where: str) -> str | None:
    try:
        again = model.from_dict(body).as_dict()
    except Exception as e:  # a wrong type fails to parse
        return f"{where}: {model.__name__} cannot read it ({e})"
    if again != body:
        return f"{where}: not a {model.__name__} (sent {body}, the model keeps {again})"
    return None


def _edit_keys() -> set[str]:
    return set(inspect.signature(sql.WarehousesAPI.edit).parameters) - {"self", "id"}


@dataclass
class Call:
    method: str
    path: str
    query: dict[str, str]
    body: Any


@dataclass
class RecordingServer:
    state: dict[str, Any] = field(default_factory=workspace)
    calls: list[Call] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def mutations(self) -> list[Call]:
        return [c for c in self.calls if c.method != "GET"]

    url: str = ""

    # -- routes: (method, regex) -> handler(match, query, body) -> (status, json) ------------------------
    def route(self, method: str, path: str, query: dict[str, str], body: Any) -> tuple[int, Any]:
        for (m, pattern), handler in ROUTES.items():
            match = re.fullmatch(pattern, path)
            if m == method and match:
                return handler(self, match, query, body)
        self.errors.append(f"no such endpoint: {method} {path}")
        return 404, {"error_code": "ENDPOINT_NOT_FOUND", "message": f"{method} {path}"}

    def check(self, problem: str | None) -> bool:
        if problem:
            self.errors.append(problem)
        return problem is None


def _cluster_get(srv, m, q, b):
    c = srv.state["clusters"].get(q.get("cluster_id"))
    return (200, c) if c else (400, {"error_code": "INVALID_PARAMETER_VALUE", "message": "no such cluster"})


def _cluster_update(srv, m, q, b):
    ok = srv.check(None if set(b) <= {"cluster_id", "update_mask", "cluster"} else f"clusters/update: keys {set(b)}")
    ok &= srv.check(_round_trips(compute.UpdateClusterResource, b.get("cluster", {}), "clusters/update.cluster"))
    fields = set(compute.UpdateClusterResource.__dataclass_fields__)
    ok &= srv.check(None if set(b.get("update_mask", "").split(",")) <= fields else f"update_mask {b.get('update_mask')}")
    ok &= srv.check(None if set(b.get("update_mask", "").split(",")) == set(b.get("cluster", {}))
                    else "update_mask does not name exactly the fields sent")
    if not ok:
        return 400, {"error_code": "INVALID_PARAMETER_VALUE", "message": srv.errors[-1]}
    srv.state["clusters"][b["cluster_id"]].update(b["cluster"])
    return 200, {}


def _cluster_delete(srv, m, q, b):
    if not srv.check(None if set(b) == {"cluster_id"} else f"clusters/delete: keys {set(b)}"):
        return 400, {"message": srv.errors[-1]}
    srv.state["clusters"][b["cluster_id"]]["state"] = "TERMINATING"
    return 200, {}


def _job_get(srv, m, q, b):
    job = srv.state["jobs"].get(int(q.get("job_id", "0")))
    return (200, job) if job else (400, {"error_code": "INVALID_PARAMETER_VALUE", "message": "no such job"})


def _job_write(kind):
    def handler(srv, m, q, b):
        allowed = {"job_id", "new_settings"} | ({"fields_to_remove"} if kind == "update" else set())
        ok = srv.check(None if set(b) <= allowed and isinstance(b.get("job_id"), int)
                       else f"jobs/{kind}: keys {set(b)} / job_id {b.get('job_id')!r}")
        ok &= srv.check(_round_trips(jobs.JobSettings, b.get("new_settings", {}), f"jobs/{kind}.new_settings"))
        if not ok:
            return 400, {"message": srv.errors[-1]}
        job = srv.state["jobs"][b["job_id"]]
        job["settings"] = b["new_settings"] if kind == "reset" else {**job["settings"], **b["new_settings"]}
        return 200, {}

    return handler


def _warehouse_get(srv, m, q, b):
    return 200, srv.state["warehouses"][m.group(1)]


def _warehouse_edit(srv, m, q, b):
    ok = srv.check(None if set(b) <= _edit_keys() else f"warehouses/edit: unknown keys {set(b) - _edit_keys()}")
    ok &= srv.check(None if b.get("warehouse_type") in (None, *[e.value for e in sql.EditWarehouseRequestWarehouseType])
                    else "warehouse_type")
    ok &= srv.check(_round_trips(sql.EndpointTags, b.get("tags", {}), "warehouses/edit.tags"))
    ok &= srv.check(_round_trips(sql.Channel, b.get("channel", {}), "warehouses/edit.channel"))
    if not ok:
        return 400, {"message": srv.errors[-1]}
    srv.state["warehouses"][m.group(1)].update(b)
    return 200, {}


def _grants_get(srv, m, q, b):
    full = srv.state["grants"].get(f"{m.group(1)}/{unquote(m.group(2))}", {"privilege_assignments": []})
    principal = q.get("principal")
    return 200, {"privilege_assignments": [a for a in full["privilege_assignments"]
                                           if principal is None or a["principal"] == principal]}


def _grants_patch(srv, m, q, b):
    ok = srv.check(None if set(b) <= {"changes", "omit_permissions_in_response"} else f"grants: keys {set(b)}")
    for change in b.get("changes", []):
        ok &= srv.check(_round_trips(catalog.PermissionsChange, change, "grants.changes[]"))
    if not ok:
        return 400, {"message": srv.errors[-1]}
    grants = srv.state["grants"][f"{m.group(1)}/{unquote(m.group(2))}"]["privilege_assignments"]
    for change in b["changes"]:
        for a in grants:
            if a["principal"] == change["principal"]:
                a["privileges"] = [p for p in a["privileges"] if p not in change.get("remove", [])]
    return 200, {"privilege_assignments": grants}


def _tokens_list(srv, m, q, b):
    who = q.get("created_by_username")
    return 200, {"token_infos": [t for t in srv.state["tokens"] if who is None or t["created_by_username"] == who]}


def _token_delete(srv, m, q, b):
    before = len(srv.state["tokens"])
    srv.state["tokens"] = [t for t in srv.state["tokens"] if t["token_id"] != m.group(1)]
    return (200, {}) if len(srv.state["tokens"]) < before else (404, {"error_code": "RESOURCE_DOES_NOT_EXIST"})


def _no_metadata(srv, m, q, b):
    # The SDK asks the host for its metadata first; a workspace without it answers 404 and the SDK
    # falls back to the configuration it was given.
    return 404, {"error_code": "NOT_FOUND", "message": "no host metadata"}


ROUTES = {
    ("GET", r"/\.well-known/databricks-config"): _no_metadata,
    ("GET", r"/api/2\.1/clusters/get"): _cluster_get,
    ("POST", r"/api/2\.1/clusters/update"): _cluster_update,
    ("POST", r"/api/2\.1/clusters/delete"): _cluster_delete,
    ("GET", r"/api/2\.2/jobs/get"): _job_get,
    ("POST", r"/api/2\.2/jobs/update"): _job_write("update"),
    ("POST", r"/api/2\.2/jobs/reset"): _job_write("reset"),
    ("GET", r"/api/2\.0/sql/warehouses/([0-9a-f]+)"): _warehouse_get,
    ("POST", r"/api/2\.0/sql/warehouses/([0-9a-f]+)/edit"): _warehouse_edit,
    ("GET", r"/api/2\.1/unity-catalog/permissions/(\w+)/(.+)"): _grants_get,
    ("PATCH", r"/api/2\.1/unity-catalog/permissions/(\w+)/(.+)"): _grants_patch,
    ("GET", r"/api/2\.0/token-management/tokens"): _tokens_list,
    ("DELETE", r"/api/2\.0/token-management/tokens/(\w+)"): _token_delete,
}


def serve(recorder: RecordingServer) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def _handle(self) -> None:
            url = urlparse(self.path)
            query = {k: v[-1] for k, v in parse_qs(url.query).items()}
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else {}
            recorder.calls.append(Call(self.command, url.path, query, body))
            status, payload = recorder.route(self.command, url.path, query, body)
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PATCH = do_DELETE = _handle

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
