"""Slack incoming webhook: a readable message (title, figure, threshold, severity, subject, link).

Everything from the data (rule name, subject, message) is escaped for ``mrkdwn``: a job called
``<!channel>`` or ``<http://x|click>`` shows as typed and pings or links nobody."""

from __future__ import annotations

from typing import Any

from health_monitor.alerts.channels.base import ChannelConfig, DeliveryResult, Notification
from health_monitor.alerts.channels.http import post_json
from health_monitor.alerts.rules import format_value


def _plain(value: object) -> str:
    """No control characters (terminal escapes, bidi overrides)."""
    return "".join(ch for ch in ("" if value is None else str(value)) if ch in "\n\t" or ch.isprintable())


def _esc(value: object) -> str:
    """Slack mrkdwn escaping (``&``, ``<``, ``>``) and no control characters."""
    return _plain(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

SEVERITY_EMOJI = {"info": ":information_source:", "warning": ":warning:", "high": ":rotating_light:",
                  "critical": ":fire:"}


def slack_payload(n: Notification, base_url: str) -> dict[str, Any]:
    """The webhook body: ``text`` (notifications, fallback) and Block Kit ``blocks``."""
    link = n.link(base_url)
    emoji = ":white_check_mark:" if n.kind == "resolve" else SEVERITY_EMOJI.get(n.severity, ":bell:")
    figure = format_value(n.value, n.unit)
    limit = format_value(n.threshold, n.unit)
    text = f"{emoji} {_esc(n.title)}: {_esc(n.message)}"
    fields = [
        f"*Value*\n{_esc(figure)}",
        f"*Threshold*\n{_esc(limit)}",
        f"*Severity*\n{_esc(n.severity)}",
        f"*Rule*\n{_esc(n.rule_name)}",
    ]
    if n.subject:
        fields.append(f"*Subject*\n{_esc(n.subject)}")
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": _plain(n.title)[:150], "emoji": True}},
        {"type": "section", "text": {"type": "mrkdwn", "text": f"{emoji} {_esc(n.message)}"}},
        {"type": "section", "fields": [{"type": "mrkdwn", "text": f} for f in fields]},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": f"<{link}|Open in Health Monitor> · "
                                                                    f"{n.at:%Y-%m-%d %H:%M} UTC"}]},
    ]
    return {"text": f"{text} <{link}|Open in Health Monitor>", "blocks": blocks}


class SlackChannel:
    name = "slack"

    def __init__(self, config: ChannelConfig) -> None:
        self.config = config

    def send(self, notification: Notification) -> DeliveryResult:
        if self.config.slack_webhook_url is None:
            return DeliveryResult(ok=False, attempts=0, permanent=True,
                                  error="Slack is not configured: set HM_ALERT_SLACK_WEBHOOK_URL")
        url = self.config.slack_webhook_url.get_secret_value()
        return post_json(url, slack_payload(notification, self.config.base_url), config=self.config)
