"""Safety: a failed execution leaves a clear record and the demo untouched; a viewer's decision is refused
without touching the paused approval; a rejection changes nothing."""

from __future__ import annotations

import hashlib

import pytest
from health_monitor.db.errors import PermissionDenied

from tests.actions.conftest import ADMIN, VIEWER


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def grant_action(account, engine, account_warehouse):
    from health_monitor.actions.catalog import CATALOG
    from health_monitor.actions.lookup import Lookup
    from health_monitor.actions.service import record
    from health_monitor.graph import approval
    from health_monitor.graph.findings import entities_of

    lookup = Lookup(account_warehouse, account)
    rows = lookup.tool("get_permission_changes", {})
    finding = {"agent": "security", "title": "Permission changes", "tools": ["get_permission_changes"],
               "entities": entities_of(rows)}
    [proposal] = CATALOG["revoke_group_grant"].propose(lookup, finding)
    [action_id] = record(engine, [proposal], user_id=VIEWER, settings=account)
    approval.start([action_id], engine=engine, settings=account)
    yield action_id
    approval.reset()


def test_viewer_refused_and_the_approval_still_waits(grant_action, account, engine):
    from health_monitor.actions import service as actions
    from health_monitor.graph import approval

    for decision in ("approve", "reject"):
        with pytest.raises(PermissionDenied, match="Only an admin"):
            approval.decide(grant_action, decision, user_id=VIEWER, role="viewer", engine=engine, settings=account)
    assert [e["event"] for e in actions.get(engine, grant_action).events] == ["proposed"]
    assert approval.pending(grant_action, settings=account)


def test_failed_execution_is_recorded_and_leaves_no_half_state(grant_action, account, engine, monkeypatch):
    from health_monitor.actions import demo
    from health_monitor.actions import service as actions
    from health_monitor.graph import approval

    before = _sha(account.system_db_path)

    def broken_audit(self, **kwargs):  # the grant row is already deleted in the copy when this fails
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo.DemoTx, "audit", broken_audit)
    outcome = approval.decide(grant_action, "approve", user_id=ADMIN, role="admin", engine=engine, settings=account)
    assert outcome.status == "failed" and "disk full" in outcome.message
    assert _sha(account.system_db_path) == before
    assert not list(account.system_db_path.parent.glob(".system.duckdb.*.tmp"))
    view = actions.get(engine, grant_action)
    assert [e["event"] for e in view.events] == ["proposed", "approved", "failed"]
    assert view.events[-1]["detail"]["error"] == "RuntimeError: disk full"
    # a failed action is not retried by replaying the approval
    again = approval.decide(grant_action, "approve", user_id=ADMIN, role="admin", engine=engine, settings=account)
    assert again.replayed and _sha(account.system_db_path) == before


def test_rejection_changes_nothing(grant_action, account, engine):
    from health_monitor.actions import service as actions
    from health_monitor.graph import approval

    before = _sha(account.system_db_path)
    outcome = approval.decide(grant_action, "reject", user_id=ADMIN, role="admin", engine=engine, settings=account,
                              note="contractors need it until March")
    assert outcome.status == "rejected" and _sha(account.system_db_path) == before
    view = actions.get(engine, grant_action)
    assert view.status == "rejected" and view.events[-1]["message"] == "contractors need it until March"
    assert not approval.pending(grant_action, settings=account)
