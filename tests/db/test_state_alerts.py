"""Alert rules (owner-scoped), events and the delivery log."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from health_monitor.db import Conflict, NotFound, session_scope
from health_monitor.db import repositories as repo

A, B = "alice@example.com", "bob@example.com"
T0 = datetime(2026, 1, 15, 9, 0, tzinfo=timezone.utc)
DEFINITION = {"measure": {"tool": "cost_by_workspace", "value": {"field": "cost", "aggregate": "sum"}},
              "comparator": ">", "threshold": 1000.0, "severity": "critical", "channels": ["slack", "email"]}


def _rule(engine, user=A, name="Cost spike", **kw):
    with session_scope(engine) as s:
        return repo.create_rule(session=s, user_id=user, name=name, definition=kw.pop("definition", DEFINITION),
                                **kw)


def test_rule_crud_and_isolation(store):
    rule = _rule(store.engine)
    _rule(store.engine, user=B, name="Cost spike")  # same name, other owner: fine
    with session_scope(store.engine) as s:
        assert repo.get_rule(session=s, user_id=A, rule_id=rule.id).definition == DEFINITION
        updated = repo.update_rule(session=s, user_id=A, rule_id=rule.id, enabled=False,
                                   definition={**DEFINITION, "threshold": 5.0})
        assert updated.enabled is False and updated.definition["threshold"] == 5.0
        assert updated.updated_at >= rule.updated_at
        assert [r.owner for r in repo.list_rules(session=s, user_id=B)] == [B]
    for call in (lambda s: repo.get_rule(session=s, user_id=B, rule_id=rule.id),
                 lambda s: repo.update_rule(session=s, user_id=B, rule_id=rule.id, name="x"),
                 lambda s: repo.delete_rule(session=s, user_id=B, rule_id=rule.id)):
        with pytest.raises(NotFound), session_scope(store.engine) as s:
            call(s)
    with session_scope(store.engine) as s:
        assert [r.owner for r in repo.list_all_enabled_rules(session=s)] == [B]
        repo.delete_rule(session=s, user_id=A, rule_id=rule.id)
        assert repo.list_rules(session=s, user_id=A) == []


def test_duplicate_rule_name_conflicts_without_spoiling_the_transaction(store):
    _rule(store.engine)
    with session_scope(store.engine) as s:
        with pytest.raises(Conflict):
            repo.create_rule(session=s, user_id=A, name="  Cost   spike", definition=DEFINITION)
        other = repo.create_rule(session=s, user_id=A, name="Failed logins", definition={})
        with pytest.raises(Conflict):
            repo.update_rule(session=s, user_id=A, rule_id=other.id, name="Cost spike")
    with session_scope(store.engine) as s:
        assert [r.name for r in repo.list_rules(session=s, user_id=A)] == ["Cost spike", "Failed logins"]


def test_event_lifecycle(store):
    rule = _rule(store.engine)
    with session_scope(store.engine) as s:
        assert repo.open_event_for(session=s, rule_id=rule.id, dedup_key="ws:ml") is None
        ev = repo.fire_event(session=s, rule_id=rule.id, rule_name=rule.name, dedup_key="ws:ml",
                             subject="ml-workspace", severity="critical", value=1450.0, threshold=1000.0,
                             message="cost 1450 > 1000", details={"rows": 3}, at=T0)
        with pytest.raises(Conflict):
            repo.fire_event(session=s, rule_id=rule.id, dedup_key="ws:ml", value=1.0, threshold=1.0,
                            message="twice", at=T0)
        assert repo.open_event_for(session=s, rule_id=rule.id, dedup_key="ws:ml").id == ev.id
    with session_scope(store.engine) as s:
        ev2 = repo.refresh_event(session=s, event_id=ev.id, value=1500.0, threshold=1000.0, message="still",
                                 at=T0 + timedelta(hours=1))
        assert (ev2.status, ev2.evaluation_count, ev2.value) == ("firing", 2, 1500.0)
        assert ev2.first_seen_at == T0 and ev2.last_seen_at == T0 + timedelta(hours=1)
        done = repo.resolve_event(session=s, event_id=ev.id, value=900.0, message="Recovered",
                                  at=T0 + timedelta(hours=2))
        assert done.status == "resolved" and not done.is_open and done.resolved_value == 900.0
        assert repo.open_events(session=s, rule_id=rule.id) == []
        again = repo.fire_event(session=s, rule_id=rule.id, dedup_key="ws:ml", value=2.0, threshold=1.0,
                                message="back", at=T0 + timedelta(hours=3))
        assert again.id != ev.id and [e.id for e in repo.open_events(session=s, rule_id=rule.id)] == [again.id]
        assert [e.id for e in repo.list_events(session=s, user_id=A)] == [again.id, ev.id]
        assert repo.list_events(session=s, user_id=B) == []
        assert repo.get_event(session=s, event_id=ev.id).details == {"rows": 3}


def test_deliveries_due_for_retry(store):
    rule = _rule(store.engine)
    with session_scope(store.engine) as s:
        ev = repo.fire_event(session=s, rule_id=rule.id, dedup_key="k", value=2.0, threshold=1.0, message="m",
                             at=T0)
        repo.record_delivery(session=s, event_id=ev.id, channel="slack", kind="trigger", status="sent",
                             http_status=200, at=T0)
        repo.record_delivery(session=s, event_id=ev.id, channel="email", kind="trigger", status="failed",
                             attempts=3, error="SMTP 451", next_attempt_at=T0 + timedelta(minutes=10), at=T0)
        repo.record_delivery(session=s, event_id=ev.id, channel="pagerduty", kind="trigger", status="pending", at=T0)
        with pytest.raises(ValueError):
            repo.record_delivery(session=s, event_id=ev.id, channel="slack", kind="trigger", status="lost")
    with session_scope(store.engine) as s:
        now = repo.due_deliveries(session=s, at=T0 + timedelta(minutes=1))
        later = repo.due_deliveries(session=s, at=T0 + timedelta(minutes=11))
        assert [(d.channel, d.runs) for d in now] == [("pagerduty", 1)]
        assert sorted((d.channel, d.last.last_error) for d in later) == [("email", "SMTP 451"), ("pagerduty", None)]
        assert later[0].event.id == ev.id
        repo.record_delivery(session=s, event_id=ev.id, channel="email", kind="trigger", status="delivered",
                             at=T0 + timedelta(minutes=12))
        assert [d.channel for d in repo.due_deliveries(session=s, at=T0 + timedelta(hours=1))] == ["pagerduty"]
        assert repo.due_deliveries(session=s, at=T0 + timedelta(hours=1), max_runs=1) == []
        log = repo.list_deliveries(session=s, event_id=ev.id)
        assert [d.status for d in log] == ["sent", "failed", "pending", "delivered"] and log[0].http_status == 200


def test_deleting_a_rule_cascades_to_events_and_deliveries(store):
    rule = _rule(store.engine)
    with session_scope(store.engine) as s:
        ev = repo.fire_event(session=s, rule_id=rule.id, dedup_key="k", value=2.0, threshold=1.0, message="m")
        repo.record_delivery(session=s, event_id=ev.id, channel="slack", kind="trigger", status="failed")
        repo.delete_rule(session=s, user_id=A, rule_id=rule.id)
    with session_scope(store.engine) as s:
        with pytest.raises(NotFound):
            repo.get_event(session=s, event_id=ev.id)
        assert repo.due_deliveries(session=s) == []


def test_default_rules_are_seeded_once(store):
    defaults = [("Cost spike", DEFINITION), ("Failed logins", {"threshold": 3})]
    with session_scope(store.engine) as s:
        added = repo.seed_rules(session=s, owner="health-monitor", rules=defaults)
        assert [r.name for r in added] == ["Cost spike", "Failed logins"]
        repo.delete_rule(session=s, user_id="health-monitor", rule_id=added[0].id)
    with session_scope(store.engine) as s:
        assert repo.seed_rules(session=s, owner="health-monitor", rules=defaults) == []
        assert [r.name for r in repo.list_rules(session=s, user_id="health-monitor")] == ["Failed logins"]
