"""The chat page offers the answer's actions as approval cards: an admin approves and the demo changes;
a viewer sees the card with Approve disabled."""

from __future__ import annotations

import pytest

from tests.actions.conftest import ADMIN, VIEWER
from tests.app.conftest import ROOT, _clear_caches


def _start(monkeypatch, user: str):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("HM_LOCAL_USER", user)
    monkeypatch.delenv("DATABRICKS_APP_NAME", raising=False)
    _clear_caches()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    at.run()
    at.switch_page("pages/chat.py").run()
    at.chat_input(key="chat_input").set_value("where can we save money?").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _buttons(at, prefix: str) -> list:
    return [b for b in at.button if str(b.key or "").startswith(prefix)]


@pytest.mark.slow
def test_admin_approves_in_chat(account, engine, monkeypatch):
    from health_monitor.actions import service as actions

    at = _start(monkeypatch, ADMIN)
    cards = [m for m in at.markdown if "Proposed action" in m.value]
    assert cards, "the answer offers its actions"
    text = "\n".join(m.value for m in at.markdown)
    assert "auto-termination" in text and "Estimated saving" in text
    approve = _buttons(at, "actions_ok_")
    assert approve and not approve[0].disabled
    approve[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Done on the demo account" in s.value for s in at.success)
    [view] = [v for v in actions.list_views(engine) if v.status == "executed"]
    assert view.events[1]["actor"] == ADMIN
    _clear_caches()


@pytest.mark.slow
def test_viewer_cannot_approve_in_chat(account, engine, monkeypatch):
    from health_monitor.db import session_scope
    from health_monitor.db.access import ensure_user

    with session_scope(engine) as s:
        ensure_user(session=s, user_id=ADMIN, admins={ADMIN})
    at = _start(monkeypatch, VIEWER)
    approve = _buttons(at, "actions_ok_")
    assert approve and all(b.disabled for b in approve)
    assert any("Only an admin" in c.value for c in at.caption)
    _clear_caches()
