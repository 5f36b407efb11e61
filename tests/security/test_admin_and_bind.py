"""Identity: locally the app listens on 127.0.0.1 only; as a Databricks App it listens on all
interfaces, and admins come from HM_ADMIN_USERS or the workspace's admin group, never "first user wins"."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from health_monitor.db import make_engine, migrate
from health_monitor.ui import identity, store

from health_monitor.core.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'state.sqlite'}"))
    migrate(engine)
    yield engine
    engine.dispose()


def test_as_an_app_the_first_user_is_not_admin(engine):
    assert store.ensure_user(engine, "first@company.com", app=True, workspace_admin=lambda u: False) == "viewer"
    assert store.ensure_user(engine, "second@company.com", app=True, workspace_admin=lambda u: False) == "viewer"


def test_as_an_app_admins_come_from_the_setting_or_the_workspace_admin_group(engine):
    assert store.ensure_user(engine, "boss@company.com", frozenset({"boss@company.com"}), app=True,
                             workspace_admin=lambda u: False) == "admin"
    assert store.ensure_user(engine, "wsadmin@company.com", app=True,
                             workspace_admin=lambda u: u == "wsadmin@company.com") == "admin"


def test_locally_the_single_user_is_admin(engine):
    assert store.ensure_user(engine, "local@health-monitor", app=False) == "admin"
    assert store.ensure_user(engine, "someone@else", app=False) == "viewer"


def _client(groups_by_user: dict[str, list[str]], calls: list[str]):
    def list_users(filter: str, attributes: str):  # noqa: A002 - the SDK's parameter name
        calls.append(filter)
        email = filter.split('"')[1]
        if email not in groups_by_user:
            return []
        return [SimpleNamespace(user_name=email, groups=[SimpleNamespace(display=g) for g in groups_by_user[email]])]

    return SimpleNamespace(users=SimpleNamespace(list=list_users))


def test_workspace_admin_check_through_the_sdk_is_cached_and_fails_closed():
    calls: list[str] = []
    client = _client({"ann@company.com": ["users", "admins"], "bob@company.com": ["users"]}, calls)
    identity._ADMIN_CACHE.clear()
    assert identity.is_workspace_admin("ann@company.com", client=client)
    assert identity.is_workspace_admin("ann@company.com", client=client)  # cached: one SDK call
    assert not identity.is_workspace_admin("bob@company.com", client=client)
    assert not identity.is_workspace_admin("nobody@company.com", client=client)
    assert len(calls) == 3

    class Broken:
        @property
        def users(self):
            raise PermissionError("no permission to list users")

    assert not identity.is_workspace_admin("carl@company.com", client=Broken())


def test_locally_streamlit_binds_loopback_only():
    code = ("import streamlit.config as c; c.get_config_options(force_reparse=True); "
            "print(c.get_option('server.address'))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "127.0.0.1", out.stderr


def test_as_an_app_the_command_binds_all_interfaces():
    command = yaml.safe_load((ROOT / "app.yaml").read_text())["command"]
    assert command[command.index("--server.address") + 1] == "0.0.0.0"
