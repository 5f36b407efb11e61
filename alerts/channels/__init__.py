"""Notification channels: a registry of senders by name, and the notifier the evaluator calls.

Add a channel by writing a class with ``name``, ``__init__(config)`` and ``send(notification)`` and
listing it in :data:`REGISTRY` (and in ``alerts.rules.KNOWN_CHANNELS``).
"""

from __future__ import annotations

from collections.abc import Mapping

from health_monitor.alerts.channels.base import Channel, ChannelConfig, DeliveryResult, Notification
from health_monitor.alerts.channels.email import EmailChannel
from health_monitor.alerts.channels.pagerduty import PagerDutyChannel
from health_monitor.alerts.channels.slack import SlackChannel

REGISTRY: dict[str, type[Channel]] = {c.name: c for c in (SlackChannel, EmailChannel, PagerDutyChannel)}


class ChannelNotifier:
    """Sends a notification to a channel by name; channels are built once per notifier."""

    def __init__(self, config: ChannelConfig, registry: Mapping[str, type[Channel]] | None = None) -> None:
        self.config = config
        self.channels: dict[str, Channel] = {name: cls(config) for name, cls in (registry or REGISTRY).items()}

    def send(self, channel: str, notification: Notification) -> DeliveryResult:
        sender = self.channels.get(channel)
        if sender is None:
            return DeliveryResult(ok=False, attempts=0,
                                  error=f"unknown channel {channel!r}; known: {', '.join(sorted(self.channels))}")
        return sender.send(notification)


__all__ = ["REGISTRY", "Channel", "ChannelConfig", "ChannelNotifier", "DeliveryResult", "Notification"]
