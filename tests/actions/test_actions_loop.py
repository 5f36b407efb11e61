"""The whole loop on the demo: a question, a proposal from the tools' findings, an admin's approval after
a restart, the demo state changed, the audit trail, and verification after a Gold rebuild."""

from __future__ import annotations

import duckdb
import pytest
from health_monitor.db.errors import PermissionDenied

from tests.actions.conftest import ADMIN, VIEWER


def _latest_auto_termination(system_path, cluster_id: str) -> int:
    con = duckdb.connect(str(system_path), read_only=True)
    try:
        return con.execute("select auto_termination_minutes from compute.clusters where cluster_id = ? "
                           "order by change_time desc limit 1", [cluster_id]).fetchone()[0]
    finally:
        con.close()


@pytest.mark.slow
def test_savings_question_to_verified_change(account, engine, account_warehouse):
    warehouse = account_warehouse
    from health_monitor.actions import service as actions
    from health_monitor.graph import approval
    from health_monitor.graph.service import ask
    from health_monitor.tools.executor import ToolExecutor
    from health_monitor.warehouse.gold import build_gold

    # 1-2. The advisor answers and proposes auto-termination for the cluster the tools rank idlest.
    answer = ask("where can we save money?", user_id=ADMIN, settings=account, warehouse=warehouse, engine=engine)
    idle = ToolExecutor(warehouse, account).run("get_idle_clusters", {}).rows
    idlest = max(idle, key=lambda r: r["idle_pct"])
    cards = [c for c in answer.actions if c["kind"] == "set_cluster_auto_termination"]
    assert cards, answer.actions
    card = cards[0]
    assert card["params"]["cluster_id"] == idlest["cluster_id"]
    assert card["preview"]["target"]["name"] == idlest["cluster_name"]
    saving = card["estimated_monthly_saving"]
    assert saving and saving > 0 and f"{saving:,.0f}"[:2] in answer.answer.replace("$", "")
    assert card["preview"]["changes"][0]["before"] == idlest["auto_termination_minutes"]
    assert card["preview"]["executor"] == "demo"
    assert approval.pending(card["id"], settings=account)
    before = _latest_auto_termination(account.system_db_path, idlest["cluster_id"])
    assert before == idlest["auto_termination_minutes"]

    # 3. A restart: a new process has new graph objects over the same checkpoint file.
    approval.reset()
    restarted = approval.approval_graph(account, saver=approval.checkpointer(account.data_dir / approval.CHECKPOINT_FILE))
    assert restarted.get_state({"configurable": {"thread_id": f"action:{card['id']}"}}).next == ("await_decision",)
    with pytest.raises(PermissionDenied):
        approval.decide(card["id"], "approve", user_id=VIEWER, role="viewer", engine=engine, settings=account,
                        graph=restarted)
    outcome = approval.decide(card["id"], "approve", user_id=ADMIN, role="admin", engine=engine, settings=account,
                              graph=restarted)
    assert outcome.status == "executed", outcome.message

    # 4. The demo state changed: a new SCD2 row of the cluster with the approved auto-termination.
    assert _latest_auto_termination(account.system_db_path, idlest["cluster_id"]) == card["params"]["minutes"]

    # 5. The audit trail: proposed by, approved by, params, before/after, executor response.
    view = actions.get(engine, card["id"])
    assert [e["event"] for e in view.events] == ["proposed", "approved", "executed"]
    assert view.events[1]["actor"] == ADMIN and view.proposed_by == ADMIN
    done = view.events[2]["detail"]
    assert done["before"]["auto_termination_minutes"] == before
    assert done["after"]["auto_termination_minutes"] == card["params"]["minutes"]
    assert done["response"]["system_tables"].endswith("system.duckdb")

    # Replaying the approval does nothing.
    again = approval.decide(card["id"], "approve", user_id=ADMIN, role="admin", engine=engine, settings=account,
                            graph=restarted)
    assert again.replayed and len(actions.get(engine, card["id"]).events) == 3

    # 6. Before the Gold rebuild verification waits; after it, the change is in place.
    [(_, pending)] = actions.verify(engine, warehouse, action_id=card["id"])
    assert pending.status == "pending" and "gold build" in pending.message
    build_gold(account.system_db_path, account.gold_db_path, progress=False)
    [(_, result)] = actions.verify(engine, warehouse, action_id=card["id"])
    assert result.status == "verified", result.message
    assert result.observed["auto_termination_minutes"] == card["params"]["minutes"]
    assert actions.get(engine, card["id"]).status == "verified"
    from health_monitor.ui.actions_view import audit_rows

    [row] = [r for r in audit_rows(actions.list_views(engine)) if r["action_id"] == card["id"]]
    assert row["status"] == "executed · verification verified" and row["approved_by"] == ADMIN
    assert "as approved" in row["verification"]
