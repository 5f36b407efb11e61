"""Integrations and their secrets: encrypted at rest, masked on display, never in lists or reprs."""

from __future__ import annotations

import os
import stat

import pytest
from health_monitor.db import NotFound, PermissionDenied, session_scope
from health_monitor.db import repositories as repo
from health_monitor.db.crypto import SecretBox, mask
from health_monitor.db.models import IntegrationSecret
from sqlalchemy import select

A, B = "alice@example.com", "bob@example.com"
WEBHOOK = "https://hooks.slack.com/services/T000/B000/XXXXsecretabcd"
ROUTING = "R0UT1NGKEY-9f8e7d6c"


def test_mask():
    assert mask("supersecretabcd") == "••••abcd"
    assert mask("short") == "••••"
    assert mask("") == "" and mask(None) == ""


def test_key_file_is_created_private(tmp_path):
    from health_monitor.core.settings import Settings

    box = SecretBox.from_settings(Settings(data_dir=tmp_path / "d"))
    key = tmp_path / "d" / "state.key"
    assert box.encrypted and key.exists()
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    token = box.encrypt("hello")
    assert SecretBox.from_settings(Settings(data_dir=tmp_path / "d")).decrypt(token) == "hello"
    assert "hello" not in token and token.startswith("fernet:")
    other = SecretBox(None)
    assert other.decrypt(other.encrypt("x")) == "x"  # the no-cryptography fallback round-trips


def test_secrets_are_encrypted_masked_and_scoped(store):
    box = SecretBox.from_settings(store.settings)
    with session_scope(store.engine) as s:
        repo.ensure_user(session=s, user_id=A)  # first user: admin
        repo.ensure_user(session=s, user_id=B)
        mine = repo.create_integration(session=s, user_id=B, channel="slack", name="my slack",
                                       config={"channel": "#alerts"}, secrets={"webhook_url": WEBHOOK}, box=box)
        glob = repo.create_integration(session=s, user_id=A, channel="pagerduty", scope="global",
                                       secrets={"routing_key": ROUTING}, box=box)
        with pytest.raises(PermissionDenied):
            repo.create_integration(session=s, user_id=B, channel="email", scope="global")
        with pytest.raises(ValueError):
            repo.create_integration(session=s, user_id=B, channel="slack", config={"webhook_url": WEBHOOK})
        with pytest.raises(ValueError):
            repo.create_integration(session=s, user_id=B, channel="carrier-pigeon")
    assert mine.secrets["webhook_url"].startswith("set, changed ") and "abcd" not in str(mine) and glob.is_global
    with session_scope(store.engine) as s:
        listed_b = repo.list_integrations(session=s, user_id=B)
        listed_a = repo.list_integrations(session=s, user_id=A)
        enabled = repo.list_enabled_integrations(session=s)
        raw = [r.ciphertext for r in s.scalars(select(IntegrationSecret))]
        orm_repr = repr(list(s.scalars(select(IntegrationSecret))))
    assert {i.name for i in listed_b} == {"my slack", "pagerduty"}
    assert {i.name for i in listed_a} == {"pagerduty"}  # B's own integration is invisible to A
    text = repr(listed_b) + repr(enabled) + str(listed_b) + orm_repr + repr(box)
    for secret in (WEBHOOK, ROUTING):
        assert secret not in text
        assert all(secret not in c for c in raw)  # encrypted at rest
    assert all(c.startswith("fernet:") for c in raw)
    with session_scope(store.engine) as s:
        assert repo.delivery_secrets(session=s, integration_id=mine.id, box=box) == {"webhook_url": WEBHOOK}
        with pytest.raises(PermissionDenied):
            repo.set_secret(session=s, user_id=B, integration_id=glob.id, name="routing_key", value="x", box=box)
        with pytest.raises(NotFound):
            repo.get_integration(session=s, user_id=A, integration_id=mine.id)
        with pytest.raises(NotFound):
            repo.delete_integration(session=s, user_id=A, integration_id=mine.id)
        updated = repo.set_secret(session=s, user_id=B, integration_id=mine.id, name="webhook_url",
                                  value=WEBHOOK[:-4] + "wxyz", box=box)
        assert updated.secrets["webhook_url"].startswith("set, changed ") and "wxyz" not in str(updated)
        repo.update_integration(session=s, user_id=A, integration_id=glob.id, enabled=False)
        assert [i.id for i in repo.list_enabled_integrations(session=s)] == [mine.id]
        assert repo.delete_secret(session=s, user_id=B, integration_id=mine.id, name="webhook_url").secrets == {}
        repo.delete_integration(session=s, user_id=B, integration_id=mine.id)
        assert [i.id for i in repo.list_integrations(session=s, user_id=B)] == [glob.id]
        assert s.scalars(select(IntegrationSecret.integration_id)).all() == [glob.id]
