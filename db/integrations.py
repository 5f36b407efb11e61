"""Notification integrations (Slack, e-mail, PagerDuty) and their secrets.

An integration belongs to a user (``owner``) or is global (``owner`` None: every user sees it, only
admins change it). ``config`` is plain JSON and refuses secret-looking keys; secret values live in
``integration_secrets``, encrypted by a :class:`~db.crypto.SecretBox`. No part of a secret is stored in
clear: listing says only that a secret is set and when it last changed (``'set, changed 2026-01-15
09:00 UTC'``); :func:`delivery_secrets` (for the evaluator job) is the one way back to plain text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any, Literal

from health_monitor.db.access import is_admin
from health_monitor.db.crypto import SecretBox
from health_monitor.db.errors import NotFound, PermissionDenied
from health_monitor.db.models import CHANNELS, Integration, IntegrationSecret
from health_monitor.db.records import IntegrationInfo, to_record
from health_monitor.db.types import utcnow
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

SECRET_KEY = re.compile(r"password|secret|token|api_?key|routing_?key|webhook|integration_key", re.I)


def secret_state(secret: IntegrationSecret) -> str:
    """What a page may show of a secret: that it is set, and when it last changed."""
    changed = secret.updated_at or secret.created_at
    return f"set, changed {changed:%Y-%m-%d %H:%M} UTC" if changed else "set"


def _info(row: Integration) -> IntegrationInfo:
    shown = {s.name: secret_state(s) for s in sorted(row.secrets, key=lambda s: s.name)}
    return to_record(IntegrationInfo, row, secrets=shown)


def _check_config(config: Mapping[str, Any]) -> dict[str, Any]:
    bad = sorted(k for k in config if SECRET_KEY.search(str(k)))
    if bad:
        raise ValueError(f"config holds secret-looking key(s) {', '.join(bad)}: pass them as secrets")
    return dict(config)


def _integration(session: Session, user_id: str, integration_id: str, *, write: bool,
                 admins: Collection[str]) -> Integration:
    row = session.get(Integration, integration_id)
    if row is None or (row.owner is not None and row.owner != user_id):
        raise NotFound(f"Integration {integration_id} was not found.")
    if write and row.owner is None and not is_admin(session=session, user_id=user_id, admins=admins):
        raise PermissionDenied("Only an admin can change a global integration.")
    return row


def _put_secret(row: Integration, name: str, value: str, box: SecretBox) -> None:
    current = next((s for s in row.secrets if s.name == name), None)
    if current is None:
        row.secrets.append(IntegrationSecret(name=name, ciphertext=box.encrypt(value), hint="",
                                             created_at=utcnow(), updated_at=utcnow()))
    else:  # the hint column stays empty: no part of a secret is kept in clear
        current.ciphertext, current.hint, current.updated_at = box.encrypt(value), "", utcnow()


def create_integration(*, session: Session, user_id: str, channel: str, name: str | None = None,
                       config: Mapping[str, Any] | None = None, secrets: Mapping[str, str] | None = None,
                       box: SecretBox | None = None, scope: Literal["user", "global"] = "user",
                       enabled: bool = True, admins: Collection[str] = ()) -> IntegrationInfo:
    if channel not in CHANNELS:
        raise ValueError(f"channel must be one of {', '.join(CHANNELS)}, got {channel!r}")
    if scope == "global" and not is_admin(session=session, user_id=user_id, admins=admins):
        raise PermissionDenied("Only an admin can add a global integration.")
    if secrets and box is None:
        raise ValueError("secrets need a SecretBox (SecretBox.from_settings(settings))")
    row = Integration(owner=None if scope == "global" else user_id, channel=channel, name=name or channel,
                      config=_check_config(config or {}), enabled=enabled)
    session.add(row)
    for key, value in (secrets or {}).items():
        _put_secret(row, key, value, box)  # type: ignore[arg-type]
    session.flush()
    return _info(row)


def list_integrations(*, session: Session, user_id: str, include_global: bool = True) -> list[IntegrationInfo]:
    """The user's integrations and the global ones; secrets masked."""
    cond = Integration.owner == user_id
    if include_global:
        cond = or_(cond, Integration.owner.is_(None))
    rows = session.scalars(select(Integration).where(cond).order_by(Integration.channel, Integration.name))
    return [_info(r) for r in rows]


def get_integration(*, session: Session, user_id: str, integration_id: str) -> IntegrationInfo:
    return _info(_integration(session, user_id, integration_id, write=False, admins=()))


def update_integration(*, session: Session, user_id: str, integration_id: str, name: str | None = None,
                       config: Mapping[str, Any] | None = None, enabled: bool | None = None,
                       admins: Collection[str] = ()) -> IntegrationInfo:
    row = _integration(session, user_id, integration_id, write=True, admins=admins)
    if name is not None:
        row.name = name
    if config is not None:
        row.config = _check_config(config)
    if enabled is not None:
        row.enabled = enabled
    session.flush()
    return _info(row)


def set_secret(*, session: Session, user_id: str, integration_id: str, name: str, value: str, box: SecretBox,
               admins: Collection[str] = ()) -> IntegrationInfo:
    row = _integration(session, user_id, integration_id, write=True, admins=admins)
    _put_secret(row, name, value, box)
    session.flush()
    return _info(row)


def delete_secret(*, session: Session, user_id: str, integration_id: str, name: str,
                  admins: Collection[str] = ()) -> IntegrationInfo:
    row = _integration(session, user_id, integration_id, write=True, admins=admins)
    row.secrets = [s for s in row.secrets if s.name != name]
    session.flush()
    return _info(row)


def delete_integration(*, session: Session, user_id: str, integration_id: str,
                       admins: Collection[str] = ()) -> None:
    session.delete(_integration(session, user_id, integration_id, write=True, admins=admins))
    session.flush()


def list_enabled_integrations(*, session: Session, channel: str | None = None) -> list[IntegrationInfo]:
    """Every enabled integration (all owners), secrets masked: for the evaluator job."""
    stmt = select(Integration).where(Integration.enabled.is_(True))
    if channel is not None:
        stmt = stmt.where(Integration.channel == channel)
    return [_info(r) for r in session.scalars(stmt.order_by(Integration.channel, Integration.id))]


def delivery_secrets(*, session: Session, integration_id: str, box: SecretBox) -> dict[str, str]:
    """Plain secret values of one integration, for sending a notification. Never show them to a user."""
    rows = session.scalars(select(IntegrationSecret).where(IntegrationSecret.integration_id == integration_id))
    return {r.name: box.decrypt(r.ciphertext) for r in rows}
