"""Where notifications go, and whose credentials they use.

An integration (``db.integrations``: channel, ``config`` JSON, encrypted secrets) is either global
(``owner`` None, managed by admins) or a user's own. **Credentials never cross users:**

* a rule of an *install-level* owner (an admin, or the owner of the default rules) uses, per channel,
  the first enabled global integration over the install's ``HM_ALERT_*`` settings;
* any other user's rule uses only that user's own integration of the channel, built from what the
  user supplied (and the install's non-credential settings: link base, timeouts, retries, allowed
  hosts). No own integration: the channel is "not configured" for that user (never the install's).

An integration may set only its channel's fields (:data:`CHANNEL_FIELDS`); a user cannot point the
PagerDuty events URL, the allowed hosts or the timeouts elsewhere. Keys may be the short names of
:data:`KEY_ALIASES` (``{"webhook_url": ...}`` for Slack, ``{"routing_key": ...}`` for PagerDuty,
``{"host", "port", "username", "password", "from", "to", "starttls"}`` for e-mail).

An integration whose secret cannot be decrypted (lost or rotated key) is left out with a message in
:attr:`IntegrationNotifier.problems`; every other integration and rule still works.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from health_monitor.alerts.channels import ChannelConfig, ChannelNotifier
from health_monitor.alerts.channels.base import DeliveryResult, Notification
from health_monitor.alerts.defaults import DEFAULT_OWNER
from sqlalchemy import Engine

log = logging.getLogger(__name__)

#: Short integration keys -> ChannelConfig fields, per channel.
KEY_ALIASES: dict[str, dict[str, str]] = {
    "slack": {"webhook_url": "slack_webhook_url", "url": "slack_webhook_url"},
    "pagerduty": {"routing_key": "pagerduty_routing_key", "integration_key": "pagerduty_routing_key",
                  "events_url": "pagerduty_events_url"},
    "email": {"host": "smtp_host", "port": "smtp_port", "username": "smtp_username", "user": "smtp_username",
              "password": "smtp_password", "starttls": "smtp_starttls", "ca_file": "smtp_ca_file",
              "from": "smtp_from", "to": "email_to", "recipients": "email_to"},
}

#: The ChannelConfig fields that belong to one channel: its destination and credentials.
CHANNEL_FIELDS: dict[str, tuple[str, ...]] = {
    "slack": ("slack_webhook_url",),
    "pagerduty": ("pagerduty_routing_key", "pagerduty_events_url"),
    "email": ("smtp_host", "smtp_port", "smtp_username", "smtp_password", "smtp_starttls", "smtp_ca_file",
              "smtp_from", "email_to"),
}
#: Fields only an install-level (global) integration may set: where a user's secret would be sent.
GLOBAL_ONLY_FIELDS = frozenset({"pagerduty_events_url"})
#: Every channel's fields: what a user-scoped configuration must not inherit from the install.
ALL_CHANNEL_FIELDS = frozenset(f for fields in CHANNEL_FIELDS.values() for f in fields)


def integration_values(channel: str, config: Mapping[str, Any], secrets: Mapping[str, str], *,
                       install_level: bool = False) -> dict[str, Any]:
    """ChannelConfig fields from one integration's config and (plain) secrets: only the channel's own
    fields (:data:`CHANNEL_FIELDS`; the events URL for global integrations only); others are dropped."""
    aliases = KEY_ALIASES.get(channel, {})
    allowed = set(CHANNEL_FIELDS.get(channel, ()))
    if not install_level:
        allowed -= GLOBAL_ONLY_FIELDS
    out: dict[str, Any] = {}
    for key, value in (*config.items(), *secrets.items()):
        name = aliases.get(key, key)
        if name in allowed and value not in (None, "", []):
            out[name] = value
    return out


def channel_config(settings: Any, *overlays: Mapping[str, Any]) -> ChannelConfig:
    """``Settings.alert_*`` overlaid with each mapping of ChannelConfig fields, in order (install level)."""
    merged: dict[str, Any] = {}
    for overlay in overlays:
        merged.update(overlay)
    return ChannelConfig.from_settings(settings, merged)


def user_channel_config(settings: Any, values: Mapping[str, Any]) -> ChannelConfig:
    """A user's own integration: the install's non-credential settings, and only what the user supplied
    for the channel (never ``HM_ALERT_SMTP_PASSWORD``, the install's webhook or routing key)."""
    base = ChannelConfig.from_settings(settings)
    keep = {k: getattr(base, k) for k in ChannelConfig.model_fields if k not in ALL_CHANNEL_FIELDS}
    return ChannelConfig(**keep, **{k: v for k, v in values.items() if k in ALL_CHANNEL_FIELDS})


@dataclass(frozen=True)
class StoredIntegration:
    """One enabled integration with its secrets decrypted (never shown to a user)."""

    id: str
    owner: str | None
    channel: str
    name: str
    values: dict[str, Any]
    #: Why this integration cannot be used this run (its secret cannot be decrypted), else None.
    problem: str | None = None


def load_integrations(engine: Engine, settings: Any, problems: list[str] | None = None) -> list[StoredIntegration]:
    """Every enabled integration, secrets decrypted. One whose secret cannot be decrypted is left out
    and described in ``problems`` (the others still load). The key is read only when one has secrets."""
    from health_monitor.db import repositories as repo
    from health_monitor.db import session_scope
    from health_monitor.db.errors import StateError

    out: list[StoredIntegration] = []
    box: Any = None
    with session_scope(engine) as s:
        for info in sorted(repo.list_enabled_integrations(session=s), key=lambda i: (i.channel, i.name, i.id)):
            secrets: dict[str, str] = {}
            if info.secrets:
                try:
                    if box is None:
                        from health_monitor.db.crypto import SecretBox

                        box = SecretBox.from_settings(settings)
                    secrets = repo.delivery_secrets(session=s, integration_id=info.id, box=box)
                except (StateError, OSError, ValueError) as e:
                    who = info.owner or "global"
                    message = (f"integration {info.name!r} ({info.channel}, {who}) is disabled for this run: {e}")
                    log.warning(message)
                    if problems is not None:
                        problems.append(message)
                    out.append(StoredIntegration(info.id, info.owner, info.channel, info.name, {}, message))
                    continue
            install = info.owner is None
            out.append(StoredIntegration(info.id, info.owner, info.channel, info.name,
                                         integration_values(info.channel, info.config, secrets, install_level=install)))
    return out


def install_level_owners(settings: Any, engine: Engine | None = None) -> frozenset[str]:
    """Owners whose rules may use global integrations and ``HM_ALERT_*``: the default rules' owner,
    ``HM_ALERT_OWNER``, ``HM_ADMIN_USERS`` and users recorded as admin."""
    from health_monitor.db.access import configured_admins

    owners = {DEFAULT_OWNER, *configured_admins(settings)}
    if getattr(settings, "alert_owner", None):
        owners.add(settings.alert_owner.lower())
    if engine is not None:
        from health_monitor.db import session_scope
        from health_monitor.db.models import UserRole
        from sqlalchemy import select

        with session_scope(engine) as s:
            owners |= {u.lower() for u in s.scalars(select(UserRole.user_id).where(UserRole.role == "admin"))}
    return frozenset(owners)


class IntegrationNotifier:
    """The evaluator's notifier: per rule owner and channel, the configuration that owner may use."""

    def __init__(self, settings: Any, integrations: Iterable[StoredIntegration] = (), *,
                 install_owners: Collection[str] = (DEFAULT_OWNER,), problems: Iterable[str] = ()) -> None:
        self.settings = settings
        self.integrations = list(integrations)
        self.install_owners = frozenset(o.lower() for o in install_owners)
        self.problems = list(problems)
        self._notifiers: dict[tuple[str | None, str], ChannelNotifier | None] = {}

    @classmethod
    def from_engine(cls, settings: Any, engine: Engine | None) -> IntegrationNotifier:
        if engine is None:
            return cls(settings, install_owners=install_level_owners(settings))
        problems: list[str] = []
        found = load_integrations(engine, settings, problems)
        return cls(settings, found, install_owners=install_level_owners(settings, engine), problems=problems)

    def is_install_level(self, owner: str | None) -> bool:
        return owner is None or owner.lower() in self.install_owners

    def _integration(self, owner: str | None, channel: str) -> StoredIntegration | None:
        """The integration a rule of ``owner`` uses for ``channel``: their own, else (install level) the global one."""
        own = next((i for i in self.integrations if owner is not None and i.owner == owner and i.channel == channel),
                   None)
        if own is not None or not self.is_install_level(owner):
            return own
        return next((i for i in self.integrations if i.owner is None and i.channel == channel), None)

    def config_for(self, owner: str | None, channel: str) -> ChannelConfig | None:
        """The channel settings a rule of ``owner`` uses, or None when that owner has none (or theirs is
        unusable this run)."""
        chosen = self._integration(owner, channel)
        if chosen is not None and chosen.problem:
            return None
        if chosen is not None and chosen.owner is not None:
            return user_channel_config(self.settings, chosen.values)
        if not self.is_install_level(owner):
            return None
        return channel_config(self.settings, chosen.values if chosen else {})

    def send(self, channel: str, notification: Notification) -> DeliveryResult:
        chosen = self._integration(notification.owner, channel)
        if chosen is not None and chosen.problem:  # not permanent: a restored key delivers on a later run
            return DeliveryResult(ok=False, attempts=0, error=chosen.problem)
        key = (notification.owner, channel)
        if key not in self._notifiers:
            config = self.config_for(notification.owner, channel)
            self._notifiers[key] = None if config is None else ChannelNotifier(config)
        notifier = self._notifiers[key]
        if notifier is None:
            return DeliveryResult(ok=False, attempts=0, permanent=True, error=(
                f"{notification.owner} has no {channel} integration of their own: add one in Settings > "
                "Integrations (the install's channels serve admins' rules only)"))
        return notifier.send(channel, notification)
