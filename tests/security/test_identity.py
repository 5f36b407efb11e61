"""Forged identity headers are ignored outside Databricks Apps (``ui.identity``)."""

from __future__ import annotations

import pytest
from health_monitor.ui.identity import EMAIL_HEADER, IdentityUnavailable, resolve_identity

FORGED = [
    {EMAIL_HEADER: "admin@company.com"},
    {"x-forwarded-email": "admin@company.com"},
    {"X-FORWARDED-EMAIL": "admin@company.com", "X-Forwarded-User": "admin", "X-Forwarded-Preferred-Username": "admin"},
    {EMAIL_HEADER: "admin@company.com\r\nX-Forwarded-Email: root@company.com"},
]


@pytest.mark.parametrize("headers", FORGED)
@pytest.mark.parametrize("env", [{}, {"DATABRICKS_APP_NAME": ""}, {"DATABRICKS_APP_NAME": "   "},
                                 {"SOME_OTHER_APP": "x"}])
def test_forged_headers_are_ignored_outside_databricks_apps(headers, env):
    ident = resolve_identity(local_user="local@health-monitor", headers=headers, env=env)
    assert ident.user_id == "local@health-monitor" and ident.source == "local"


def test_inside_databricks_apps_the_forwarded_email_is_the_user():
    ident = resolve_identity(local_user="local@health-monitor", headers={EMAIL_HEADER: "Jane.Doe@company.com"},
                             env={"DATABRICKS_APP_NAME": "health-monitor"})
    assert ident.user_id == "jane.doe@company.com" and ident.source == "databricks-app"


@pytest.mark.parametrize("headers", [None, {}, {EMAIL_HEADER: ""}, {EMAIL_HEADER: "not-an-email"},
                                     {EMAIL_HEADER: "a@b.com x@y.com"}, {"X-Forwarded-User": "admin@company.com"}])
def test_inside_databricks_apps_a_missing_or_malformed_header_fails_closed(headers):
    with pytest.raises(IdentityUnavailable):
        resolve_identity(local_user="local@health-monitor", headers=headers, env={"DATABRICKS_APP_NAME": "hm"})


def test_the_process_environment_decides_not_the_request(monkeypatch):
    """A request cannot switch the app into 'Databricks App' mode: only the process environment does."""
    monkeypatch.delenv("DATABRICKS_APP_NAME", raising=False)
    ident = resolve_identity(local_user="me@local", headers={EMAIL_HEADER: "admin@company.com",
                                                             "DATABRICKS_APP_NAME": "forged"})
    assert ident.user_id == "me@local"
