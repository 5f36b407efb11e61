"""Preferences and roles."""

from __future__ import annotations

import pytest
from health_monitor.db import PermissionDenied, session_scope
from health_monitor.db import repositories as repo

from health_monitor.core.settings import Settings

A, B, C = "alice@example.com", "bob@example.com", "carol@example.com"


def test_preferences_round_trip_and_isolation(store):
    with session_scope(store.engine) as s:
        default = repo.get_preferences(session=s, user_id=A)
        assert (default.timezone, default.theme, default.refresh_seconds, default.filters) == ("UTC", "system", 300, {})
        saved = repo.set_preferences(session=s, user_id=A, display_name="Alice", timezone="Europe/Paris",
                                     theme="dark", refresh_seconds=60,
                                     filters={"date_range": {"days": 30}, "workspace": "prod"})
        assert saved.updated_at is not None
        repo.set_preferences(session=s, user_id=B, theme="light")
    with session_scope(store.engine) as s:
        a = repo.get_preferences(session=s, user_id=A)
        repo.set_preferences(session=s, user_id=A, refresh_seconds=0)
        b = repo.get_preferences(session=s, user_id=B)
    assert (a.display_name, a.timezone, a.theme, a.refresh_seconds) == ("Alice", "Europe/Paris", "dark", 60)
    assert a.filters == {"date_range": {"days": 30}, "workspace": "prod"}
    assert (b.theme, b.timezone, b.filters) == ("light", "UTC", {})
    with session_scope(store.engine) as s:
        assert repo.get_preferences(session=s, user_id=A).refresh_seconds == 0
        assert repo.get_preferences(session=s, user_id=A).theme == "dark"


@pytest.mark.parametrize("bad", [{"timezone": "Mars/Olympus"}, {"theme": "neon"}, {"refresh_seconds": -1},
                                 {"colour": "red"}, {"filters": ["x"]}])
def test_preferences_validation(store, bad):
    with pytest.raises(ValueError), session_scope(store.engine) as s:
        repo.set_preferences(session=s, user_id=A, **bad)


def test_roles(store):
    admins = repo.configured_admins(Settings(admin_users=" Carol@Example.com , ,x@y"))
    assert admins == {"carol@example.com", "x@y"}
    with session_scope(store.engine) as s:
        assert repo.get_role(session=s, user_id=A) == "viewer"  # unknown user
        assert repo.ensure_user(session=s, user_id=A) == "admin"  # first user of the install
        assert repo.ensure_user(session=s, user_id=B) == "viewer"
        assert repo.ensure_user(session=s, user_id=C, admins=admins) == "admin"
        assert repo.ensure_user(session=s, user_id=A) == "admin"  # stable
        with pytest.raises(PermissionDenied):
            repo.set_role(session=s, user_id=B, target_user_id=B, role="admin")
        with pytest.raises(PermissionDenied):
            repo.list_roles(session=s, user_id=B)
        repo.set_role(session=s, user_id=A, target_user_id=B, role="admin")
        with pytest.raises(ValueError):
            repo.set_role(session=s, user_id=A, target_user_id=B, role="owner")
    with session_scope(store.engine) as s:
        assert repo.get_role(session=s, user_id=B) == "admin"
        assert repo.list_roles(session=s, user_id=B) == {A: "admin", B: "admin", C: "admin"}
