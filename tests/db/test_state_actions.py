"""The actions audit trail on SQLite and PostgreSQL: once-only decisions and outcomes, and a trail the
database itself refuses to change or delete."""

from __future__ import annotations

import pytest
from health_monitor.db import actions_repo as repo
from health_monitor.db import session_scope
from sqlalchemy import text


def _action(store) -> str:
    with session_scope(store.engine) as s:
        row = repo.add_action(session=s, kind="set_warehouse_auto_stop", title="Set auto-stop", target_key="k:1:w",
                              risk="low", params={"workspace_id": "1", "warehouse_id": "31a79611c8f15845", "minutes": 10}, preview={}, proposed_by="viewer@company.com")
        return row.id


def test_decision_and_outcome_happen_once(store):
    action_id = _action(store)
    with session_scope(store.engine) as s:
        assert repo.add_event(session=s, action_id=action_id, event="approved", actor="admin@company.com")
        assert repo.add_event(session=s, action_id=action_id, event="approved", actor="admin@company.com") is None
        assert repo.add_event(session=s, action_id=action_id, event="rejected", actor="other@company.com") is None
        assert repo.add_event(session=s, action_id=action_id, event="executed", actor="admin@company.com")
        assert repo.add_event(session=s, action_id=action_id, event="failed", actor="admin@company.com") is None
        assert repo.add_event(session=s, action_id=action_id, event="verified", actor="health-monitor")
    with session_scope(store.new_engine()) as s:
        assert [e.event for e in repo.events(session=s, action_id=action_id)] == [
            "proposed", "approved", "executed", "verified"]
        assert repo.open_action(session=s, target_key="k:1:w") is None


@pytest.mark.parametrize("sql", ["update action_events set actor = 'x'", "delete from action_events",
                                 "update actions set risk = 'low'", "delete from actions"])
def test_the_trail_is_append_only_in_the_database(store, sql):
    _action(store)
    with pytest.raises(Exception, match="append-only"):
        with session_scope(store.engine) as s:
            s.execute(text(sql))


def test_a_paused_approval_survives_a_restart_in_the_state_store(store):
    from health_monitor.graph import approval

    action_id = _action(store)
    approval.start([action_id], engine=store.engine, settings=store.settings)
    approval.reset()  # a new process: new graph, new checkpointer connection
    engine = store.new_engine()
    assert approval.pending(action_id, settings=store.settings, engine=engine)
    checkpoint_file = store.settings.data_dir / approval.CHECKPOINT_FILE
    if store.kind == "postgres":
        pytest.importorskip("langgraph.checkpoint.postgres")
        with engine.connect() as conn:
            threads = conn.execute(text("select count(*) from checkpoints where thread_id = :t"),
                                   {"t": f"action:{action_id}"}).scalar()
        assert threads >= 1 and not checkpoint_file.exists()
    else:
        assert checkpoint_file.exists()
    outcome = approval.decide(action_id, "reject", user_id="admin@company.com", role="admin", engine=engine,
                              settings=store.settings)
    assert outcome.status == "rejected"
    assert not approval.pending(action_id, settings=store.settings, engine=engine)
    approval.reset()
