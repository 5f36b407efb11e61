"""Identity: forwarded headers count only inside a Databricks App."""

from __future__ import annotations

import pytest
from health_monitor.ui.identity import IdentityUnavailable, resolve_identity, running_as_databricks_app

FORGED = {"X-Forwarded-Email": "admin@company.com"}


def test_forged_header_is_ignored_locally() -> None:
    ident = resolve_identity(local_user="me@laptop", headers=FORGED, env={})
    assert ident.user_id == "me@laptop" and ident.source == "local"


def test_forwarded_email_is_the_user_in_a_databricks_app() -> None:
    ident = resolve_identity(local_user="me@laptop", headers={"x-forwarded-email": "Jane.Doe@Company.com"},
                             env={"DATABRICKS_APP_NAME": "health-monitor"})
    assert ident.user_id == "jane.doe@company.com" and ident.source == "databricks-app"
    assert ident.display_name == "Jane Doe"


def test_databricks_app_without_forwarded_user_fails_closed() -> None:
    with pytest.raises(IdentityUnavailable, match="X-Forwarded-Email"):
        resolve_identity(local_user="me@laptop", headers={}, env={"DATABRICKS_APP_NAME": "hm"})


def test_blank_app_name_is_not_an_app() -> None:
    assert not running_as_databricks_app({"DATABRICKS_APP_NAME": "  "})


def test_forged_header_is_ignored_by_the_running_app(app_env, monkeypatch) -> None:
    """End to end: AppTest has no proxy; even a header on the session cannot change the user."""
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert at.session_state["user"].user_id == "tester@company.com"
