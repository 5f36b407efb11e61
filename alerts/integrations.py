"""Where notifications go: channel settings from ``HM_ALERT_*`` overlaid with stored integrations.

An integration (``db.integrations``: channel, ``config`` JSON, encrypted secrets) is either global
(``owner`` None, managed by admins) or a user's own. For a rule owned by ``u`` the channel settings are,
later winning: ``Settings.alert_*`` < enabled global integrations < ``u``'s enabled integrations.
Per channel the first enabled integration (by name) is used.

Keys of an integration's config or secrets are :class:`~alerts.channels.base.ChannelConfig` field names
or the short names of :data:`KEY_ALIASES` (``{"webhook_url": ...}`` for Slack, ``{"routing_key": ...}``
for PagerDuty, ``{"host", "port", "username", "password", "from", "to", "starttls"}`` for e-mail).
Secrets must be stored as secrets (``db`` refuses secret-looking config keys).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from health_monitor.alerts.channels import ChannelConfig, ChannelNotifier
from health_monitor.alerts.channels.base import DeliveryResult, Notification
from sqlalchemy import Engine

#: Short integration keys -> ChannelConfig fields, per channel.
KEY_ALIASES: dict[str, dict[str, str]] = {
    "slack": {"webhook_url": "slack_webhook_url", "url": "slack_webhook_url"},
    "pagerduty": {"routing_key": "pagerduty_routing_key", "integration_key": "pagerduty_routing_key",
                  "events_url": "pagerduty_events_url"},
    "email": {"host": "smtp_host", "port": "smtp_port", "username": "smtp_username", "user": "smtp_username",
              "password": "smtp_password", "starttls": "smtp_starttls", "ca_file": "smtp_ca_file",
              "from": "smtp_from", "to": "email_to", "recipients": "email_to"},
}


def integration_values(channel: str, config: Mapping[str, Any], secrets: Mapping[str, str]) -> dict[str, Any]:
    """ChannelConfig fields from one integration's config and (plain) secrets; unknown keys are dropped."""
    aliases = KEY_ALIASES.get(channel, {})
    out: dict[str, Any] = {}
    for key, value in (*config.items(), *secrets.items()):
        name = aliases.get(key, key)
        if name in ChannelConfig.model_fields and value not in (None, "", []):
            out[name] = value
    return out


def channel_config(settings: Any, *overlays: Mapping[str, Any]) -> ChannelConfig:
    """``Settings.alert_*`` overlaid with each mapping of ChannelConfig fields, in order."""
    merged: dict[str, Any] = {}
    for overlay in overlays:
        merged.update(overlay)
    return ChannelConfig.from_settings(settings, merged)


def load_integrations(engine: Engine, settings: Any) -> list[tuple[str | None, str, dict[str, Any]]]:
    """``(owner, channel, ChannelConfig fields)`` of every enabled integration, secrets decrypted.

    The key of the secret box is read only when an integration has secrets.
    """
    from health_monitor.db import repositories as repo
    from health_monitor.db import session_scope

    out: list[tuple[str | None, str, dict[str, Any]]] = []
    box = None
    with session_scope(engine) as s:
        for info in sorted(repo.list_enabled_integrations(session=s), key=lambda i: (i.channel, i.name, i.id)):
            secrets: dict[str, str] = {}
            if info.secrets:
                if box is None:
                    from health_monitor.db.crypto import SecretBox

                    box = SecretBox.from_settings(settings)
                secrets = repo.delivery_secrets(session=s, integration_id=info.id, box=box)
            out.append((info.owner, info.channel, integration_values(info.channel, info.config, secrets)))
    return out


class IntegrationNotifier:
    """The evaluator's notifier: picks the channel settings of the notification's owner (rule owner)."""

    def __init__(self, settings: Any, integrations: list[tuple[str | None, str, dict[str, Any]]] = ()) -> None:
        self.settings = settings
        self.integrations = list(integrations)
        self._notifiers: dict[str | None, ChannelNotifier] = {}

    @classmethod
    def from_engine(cls, settings: Any, engine: Engine | None) -> IntegrationNotifier:
        return cls(settings, load_integrations(engine, settings) if engine is not None else [])

    def config_for(self, owner: str | None) -> ChannelConfig:
        overlays: list[dict[str, Any]] = []
        for wanted in (None, owner) if owner is not None else (None,):
            used: set[str] = set()
            for who, channel, values in self.integrations:
                if who == wanted and channel not in used:
                    used.add(channel)
                    overlays.append(values)
        return channel_config(self.settings, *overlays)

    def send(self, channel: str, notification: Notification) -> DeliveryResult:
        owner = notification.owner
        if owner not in self._notifiers:
            self._notifiers[owner] = ChannelNotifier(self.config_for(owner))
        return self._notifiers[owner].send(channel, notification)
