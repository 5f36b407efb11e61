"""``health-monitor actions``: a viewer's approval is refused, an admin's runs once, replay does nothing,
the audit trail lists, shows and exports; the trail cannot be edited."""

from __future__ import annotations

import csv
import io

import pytest

from health_monitor.cli import main
from tests.actions.conftest import ADMIN, VIEWER


@pytest.fixture
def proposed(account, engine, account_warehouse):
    """One recorded proposal (warehouse auto-stop, from the autotermination finding)."""
    from health_monitor.actions.catalog import CATALOG
    from health_monitor.actions.lookup import Lookup
    from health_monitor.actions.service import record
    from health_monitor.db import session_scope
    from health_monitor.db.access import ensure_user
    from health_monitor.graph.findings import entities_of

    lookup = Lookup(account_warehouse, account)
    rows = lookup.tool("get_autotermination_settings", {})
    finding = {"agent": "optimization", "title": "Auto-stop", "tools": ["get_autotermination_settings"],
               "entities": entities_of(rows)}
    proposal = CATALOG["set_warehouse_auto_stop"].propose(lookup, finding)[0]
    with session_scope(engine) as s:
        ensure_user(session=s, user_id=ADMIN, admins={ADMIN})
    [action_id] = record(engine, [proposal], user_id=VIEWER, settings=account)
    return action_id


def test_viewer_refused_admin_runs_once(proposed, account, engine, monkeypatch, capsys):
    from health_monitor.actions import service as actions

    from health_monitor.core.settings import get_settings

    monkeypatch.setenv("HM_LOCAL_USER", VIEWER)
    get_settings.cache_clear()
    assert main(["actions", "approve", proposed[:8]]) == 1
    assert "Only an admin" in capsys.readouterr().err
    assert actions.get(engine, proposed).status == "proposed"

    monkeypatch.setenv("HM_LOCAL_USER", ADMIN)
    get_settings.cache_clear()
    assert main(["actions", "approve", proposed, "--set", "minutes=15"]) == 0
    assert "executed" in capsys.readouterr().out
    assert main(["actions", "approve", proposed]) == 0
    assert "nothing was done again" in capsys.readouterr().out
    view = actions.get(engine, proposed)
    assert [e["event"] for e in view.events] == ["proposed", "approved", "executed"]
    assert view.events[1]["detail"]["params"]["minutes"] == 15 and view.events[1]["detail"]["edited"]
    assert view.events[2]["detail"]["after"]["auto_stop_minutes"] == 15

    assert main(["actions", "list"]) == 0
    assert proposed[:8] in capsys.readouterr().out
    assert main(["actions", "show", proposed[:8]]) == 0
    shown = capsys.readouterr().out
    assert "approved  by admin@company.com" in shown and "executed" in shown
    assert main(["actions", "export"]) == 0
    [row] = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert row["approved_by"] == ADMIN and row["proposed_by"] == VIEWER and row["status"] == "executed"
    assert '"auto_stop_minutes": 15' in row["after"]


def test_edit_outside_the_editable_fields_is_refused(proposed, account, engine, monkeypatch, capsys):
    from health_monitor.core.settings import get_settings

    monkeypatch.setenv("HM_LOCAL_USER", ADMIN)
    get_settings.cache_clear()
    assert main(["actions", "approve", proposed, "--set", "warehouse_id=ffffffffffffffff"]) == 1
    assert "may be edited" in capsys.readouterr().err
    assert main(["actions", "approve", proposed, "--set", "minutes=1"]) == 1
    assert "minutes" in capsys.readouterr().err


def test_allow_list_blocks_and_trail_is_append_only(proposed, account, engine, monkeypatch, capsys):
    from health_monitor.db import session_scope
    from health_monitor.db.actions_repo import ActionEvent
    from sqlalchemy import text

    from health_monitor.core.settings import get_settings

    monkeypatch.setenv("HM_LOCAL_USER", ADMIN)
    get_settings.cache_clear()
    assert main(["actions", "policy", "--allow", "set_cluster_auto_termination"]) == 0
    assert main(["actions", "approve", proposed]) == 1
    assert "allow-list" in capsys.readouterr().err
    with pytest.raises(Exception, match="append-only"):
        with session_scope(engine) as s:
            s.execute(text("update action_events set actor = 'someone else'"))
    with pytest.raises(Exception, match="append-only"):
        with session_scope(engine) as s:
            row = s.query(ActionEvent).first()
            s.delete(row)


def test_reopened_conversation_shows_its_actions(account, engine, account_warehouse):
    from health_monitor.actions.catalog import CATALOG
    from health_monitor.actions.lookup import Lookup
    from health_monitor.actions.service import record
    from health_monitor.graph.findings import entities_of
    from health_monitor.ui.actions_view import attach_to_transcript

    lookup = Lookup(account_warehouse, account)
    finding = {"agent": "optimization", "title": "Auto-stop", "tools": ["get_autotermination_settings"],
               "entities": entities_of(lookup.tool("get_autotermination_settings", {}))}
    proposals = CATALOG["set_warehouse_auto_stop"].propose(lookup, finding)
    [mine] = record(engine, proposals, user_id=ADMIN, settings=account, conversation_id="c-1")
    entries = [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]
    attach_to_transcript(engine, "c-2", entries)
    assert "actions" not in entries[1]
    attach_to_transcript(engine, "c-1", entries)
    assert [c["id"] for c in entries[1]["actions"]] == [mine]
    assert entries[1]["actions"][0]["preview"]["changes"][0]["after"] == 10
