"""PagerDuty Events API v2: ``trigger`` on firing, ``resolve`` on recovery, one stable ``dedup_key``."""

from __future__ import annotations

from typing import Any

from health_monitor.alerts.channels.base import ChannelConfig, DeliveryResult, Notification
from health_monitor.alerts.channels.http import post_json
from health_monitor.alerts.rules import format_value

#: Our severities -> PagerDuty's (critical, error, warning, info).
SEVERITY = {"critical": "critical", "high": "error", "warning": "warning", "info": "info"}


def pagerduty_payload(n: Notification, routing_key: str, base_url: str) -> dict[str, Any]:
    if n.kind == "resolve":
        return {"routing_key": routing_key, "event_action": "resolve", "dedup_key": n.dedup_key}
    summary = f"{n.title}: {n.message}"
    return {
        "routing_key": routing_key,
        "event_action": "trigger",
        "dedup_key": n.dedup_key,
        "client": "Health Monitor",
        "client_url": n.link(base_url),
        "links": [{"href": n.link(base_url), "text": "Open in Health Monitor"}],
        "payload": {
            "summary": summary[:1024],
            "severity": SEVERITY.get(n.severity, "warning"),
            "source": "health-monitor",
            "timestamp": n.at.isoformat(),
            "component": n.subject or "account",
            "group": n.tool or "alerts",
            "class": n.rule_name,
            "custom_details": {"rule": n.rule_name, "subject": n.subject, "value": n.value,
                               "value_text": format_value(n.value, n.unit), "threshold": n.threshold,
                               "severity": n.severity, **dict(n.details)},
        },
    }


class PagerDutyChannel:
    name = "pagerduty"

    def __init__(self, config: ChannelConfig) -> None:
        self.config = config

    def send(self, notification: Notification) -> DeliveryResult:
        if self.config.pagerduty_routing_key is None:
            return DeliveryResult(ok=False, attempts=0, permanent=True,
                                  error="PagerDuty is not configured: set HM_ALERT_PAGERDUTY_ROUTING_KEY")
        key = self.config.pagerduty_routing_key.get_secret_value()
        body = pagerduty_payload(notification, key, self.config.base_url)
        return post_json(self.config.pagerduty_events_url, body, config=self.config, secrets=[key])
