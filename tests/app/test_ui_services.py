"""Screen services run without Streamlit: a plain runner over the demo warehouse."""

from __future__ import annotations

import json
from datetime import date

import pytest
from health_monitor.ui import chat, cost, governance, hub, jobs, quality, security
from health_monitor.ui.data import ToolUnavailable, make_runner
from health_monitor.ui.filters import Filters, resolve

AS_OF = date(2026, 1, 15)


@pytest.fixture(scope="module")
def run(warehouse):
    from health_monitor.tools.executor import ToolExecutor

    from health_monitor.core.settings import Settings

    return make_runner(ToolExecutor(warehouse, Settings()))


@pytest.fixture
def f() -> Filters:
    return resolve({"period": 30}, AS_OF)


def test_filters_resolve_and_scope() -> None:
    f = resolve({"period": 7, "workspace": "production"}, AS_OF)
    assert (f.start, f.end, f.days) == (date(2026, 1, 9), AS_OF, 7)
    assert f.complete_end == date(2026, 1, 14)
    assert f.previous().end == date(2026, 1, 8)
    assert f.keep({"workspace_name": "production"}) and f.keep({"workspace_name": None})
    assert not f.keep({"workspace_name": "dev"})
    assert resolve({"period": "custom", "start": "2026-01-20", "end": "2026-01-01"}, AS_OF).period == 30
    assert resolve({"period": "junk"}, AS_OF).period == 30


def test_hub_kpis_show_the_cost_jump(run, f) -> None:
    k = {x.label: x for x in hub.kpis(run, f, AS_OF)}
    assert k["Spend yesterday"].delta.startswith("+")
    assert k["Active workspaces"].value == "5"
    signals = hub.signals(run, f)
    assert signals[0]["severity"] == "high"
    assert hub.page_for_signal("job_failures") == "pages/jobs.py"
    stale = [r["subject"] for r in signals if r["signal_type"] == "stale_table"]
    assert stale[0] == "main.sales.orders_gold", stale  # the stalest table leads its group
    spike = next(r for r in signals if r["signal_type"] == "cost_spike")
    assert spike["subject"] == "ml-workspace" and "$2274" in spike["detail"]


def test_cost_services(run, f) -> None:
    b = cost.Basis(False, "")
    rows = cost.by_workspace(run, f, b)
    assert abs(sum(r["share_pct"] for r in rows) - 100.0) < 0.01
    assert any(a["workspace_name"] == "ml-workspace" for a in cost.anomalies(run, f, b))
    recs, total = cost.savings(run, f, b)
    assert total > 0 and recs[0]["saving"] >= recs[-1]["saving"]
    assert cost.Basis(True, "").col("list_cost_30d") == "net_cost_30d"


def test_jobs_and_security_services(run, f) -> None:
    reasons = jobs.failure_reasons(run, f)
    by_job = {r["job_name"]: r["failures"] for r in jobs.failures_by(reasons, "job_name")}
    assert by_job["ml_training"] >= 3
    assert any(r["job_name"] == "ml_training" for r in jobs.recent_runs(run, f))
    events = security.events(run, f)
    assert any(e.get("source_ip_address") == "192.168.1.100" for e in events)


def test_quality_and_governance_services(run, f) -> None:
    assert any(r["table_full_name"] == "main.sales.orders_gold" for r in quality.stale(run, f))
    edges = governance.lineage(run)
    assert governance.lineage_tables(edges)
    grants = governance.pii_grants(run)
    assert any(g["grantee"] == "contractors" for g in grants)
    schemas = governance.inventory(run)
    assert ("main", "sales") in {(r["table_catalog"], r["table_schema"]) for r in schemas}
    assert all(r["table_catalog"] != "system" for r in schemas)
    assert [r["tables"] for r in schemas] == sorted((r["tables"] for r in schemas), reverse=True)


def test_unknown_tool_is_unavailable_not_an_error(run) -> None:
    with pytest.raises(ToolUnavailable):
        run("get_something_not_built")


def test_chat_export_and_alert_detection() -> None:
    entries = [chat.new_entry("user", "Why?"), chat.new_entry("assistant", "Because.", agents=["cost"], tool_calls=[
        {"agent": "cost", "tool": "get_cost_anomalies", "args": {"lookback_days": 7}, "ok": True, "rows": 1,
         "ms": 12.0}])]
    md = chat.to_markdown("Costs", entries, user="me")
    assert "## Health Monitor (cost)" in md and "get_cost_anomalies" in md
    body = json.loads(chat.to_json("Costs", entries, user="me", conversation_id="c1"))
    assert body["messages"][1]["tool_calls"][0]["rows"] == 1
    assert chat.is_alert_request("tell me on Slack if any production job costs more than twice its 7-day median")
    assert not chat.is_alert_request("Why did costs jump yesterday?")


def test_inference_rows_are_labelled_for_every_endpoint(run, f) -> None:
    from health_monitor.ui import mlops

    rows = mlops.inference(run, f)
    labels = {r["model_name"] for r in rows}
    assert "None" not in labels and "cost_anomaly_detector" in labels
    assert "security-threat-endpoint" in labels  # a customer endpoint, labelled by its name


def test_progress_text_reads_as_a_sentence_for_each_stage() -> None:
    from health_monitor.ui import chat

    assert chat.progress_text("synthesis", "writing the answer") == "Writing the answer…"
    assert chat.progress_text("specialist", "", agent="Cost") == "The Cost agent is working…"
    assert chat.progress_text("routing") == "Routing in progress…"
