"""What every channel shares: the notification, the delivery result, the configuration, secret masking."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

Kind = Literal["trigger", "resolve"]
#: Webhook hosts allowed unless the install configures ``HM_ALERT_ALLOWED_HOSTS``.
DEFAULT_ALLOWED_HOSTS = ("hooks.slack.com", "events.pagerduty.com")


@dataclass(frozen=True)
class Notification:
    """One message about one alert: a new firing (``trigger``) or its recovery (``resolve``)."""

    kind: Kind
    rule_name: str
    dedup_key: str
    severity: str
    subject: str | None
    value: float | None
    threshold: float | None
    message: str
    at: datetime
    unit: str | None = None
    page: str = "alerts"
    tool: str | None = None
    owner: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        who = f" ({self.subject})" if self.subject else ""
        return f"{'Resolved' if self.kind == 'resolve' else self.severity.upper()}: {self.rule_name}{who}"

    def link(self, base_url: str) -> str:
        return f"{base_url.rstrip('/')}/{self.page.lstrip('/')}?alert={self.dedup_key}"


@dataclass(frozen=True)
class DeliveryResult:
    """Outcome of one send: ``status`` is the HTTP status or SMTP reply code when there was one."""

    ok: bool
    status: int | None = None
    attempts: int = 1
    error: str | None = None
    #: Retrying cannot help (channel not configured, host not allowed, login refused): not retried.
    permanent: bool = False


class ChannelConfig(BaseModel):
    """Channel settings. Proposed ``Settings`` fields: the same names prefixed ``alert_`` (HM_ALERT_*).

    Secrets may also come from the ``integration_secrets`` table: pass them to :meth:`from_settings`.
    """

    model_config = ConfigDict(extra="forbid")

    base_url: str = "http://localhost:8501"
    http_timeout_s: float = Field(10.0, gt=0)
    retries: int = Field(3, ge=0, le=10, description="Extra attempts after the first on 5xx/429/timeouts.")
    backoff_s: float = Field(1.0, ge=0, description="First pause; doubles each retry.")
    backoff_max_s: float = Field(30.0, ge=0)

    slack_webhook_url: SecretStr | None = None

    pagerduty_routing_key: SecretStr | None = None
    pagerduty_events_url: str = "https://events.pagerduty.com/v2/enqueue"

    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: Literal["auto", "always", "never"] = "auto"
    smtp_ca_file: str | None = Field(None, description="CA bundle to verify the SMTP server (self-signed).")
    smtp_from: str = "health-monitor@localhost"
    email_to: list[str] = Field(default_factory=list, description="Recipients; else the rule owner's e-mail.")
    #: Where webhooks may go: host names (https only) or exact origins such as ``http://127.0.0.1:8080``.
    allowed_hosts: list[str] = Field(default_factory=lambda: list(DEFAULT_ALLOWED_HOSTS))
    #: Wall-clock budget of one send, retries and pauses included.
    deadline_s: float = Field(30.0, gt=0)

    @field_validator("email_to", "allowed_hosts", mode="before")
    @classmethod
    def _recipients(cls, v: Any) -> Any:
        """``"a@x.com, b@x.com"`` (an environment variable) is a list of two recipients."""
        if isinstance(v, str):
            return [part.strip() for part in re.split(r"[,;\s]+", v) if part.strip()]
        return v

    @classmethod
    def from_settings(cls, settings: Any, secrets: Mapping[str, str] | None = None) -> ChannelConfig:
        """Read ``settings.alert_<field>`` where present, then override with ``secrets`` (by field name)."""
        values: dict[str, Any] = {}
        for name in cls.model_fields:
            value = getattr(settings, f"alert_{name}", None)
            if value is not None:
                values[name] = value
        values.update({k: v for k, v in (secrets or {}).items() if k in cls.model_fields and v})
        return cls(**values)

    def secret_values(self) -> list[str]:
        """Every secret string, and the secret part of the Slack URL (its path), for masking."""
        out = [s.get_secret_value() for s in (self.slack_webhook_url, self.pagerduty_routing_key,
                                               self.smtp_password) if s is not None]
        if self.slack_webhook_url is not None:
            path = re.sub(r"^[a-z]+://[^/]*", "", self.slack_webhook_url.get_secret_value())
            out.extend(p for p in path.split("/") if len(p) >= 6 and p != "services")
        return [s for s in out if s]


class Channel(Protocol):
    """A notification channel: built from the config, sends one notification."""

    name: str

    def __init__(self, config: ChannelConfig) -> None: ...

    def send(self, notification: Notification) -> DeliveryResult: ...


_URL = re.compile(r"(?P<base>[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s\"'<>]+)(?P<rest>/[^\s\"'<>]*)?")


def redact_url(url: str) -> str:
    """Keep scheme and host, hide the path and query (where webhook tokens live)."""
    m = _URL.match(url)
    if not m:
        return "***"
    return m.group("base") + ("/***" if m.group("rest") else "")


def mask(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with URL paths and every given secret replaced by ``***``."""
    out = _URL.sub(lambda m: m.group("base") + ("/***" if m.group("rest") else ""), text)
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        out = out.replace(secret, "***")
    return out
