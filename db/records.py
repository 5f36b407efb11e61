"""What the repositories return: frozen plain records, safe to use after the session is closed.

ORM objects never leave ``db/``: a record cannot lazy-load, cannot be flushed by accident and carries
no secret (an integration's secrets appear only masked, ``'••••abcd'``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Conversation:
    id: str
    user_id: str
    title: str
    agent: str
    archived: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Message:
    id: int
    conversation_id: str
    seq: int
    role: str
    content: str
    tool_calls: list[dict[str, Any]] | None
    agents: list[str] | None
    context: dict[str, Any] | None
    client_msg_id: str | None
    status: str
    created_at: datetime


@dataclass(frozen=True)
class Turn:
    """One exchange: the user's message and what answered it (either may be missing)."""

    user: Message | None
    replies: tuple[Message, ...] = ()

    @property
    def assistant(self) -> Message | None:
        """The last assistant reply of the turn."""
        return next((m for m in reversed(self.replies) if m.role == "assistant"), None)

    @property
    def context(self) -> dict[str, Any]:
        """Context of the turn: the user message's, overlaid with the assistant's (routing plan etc.)."""
        merged: dict[str, Any] = dict((self.user.context or {}) if self.user else {})
        if self.assistant and self.assistant.context:
            merged.update(self.assistant.context)
        return merged

    @property
    def agents(self) -> list[str]:
        reply = self.assistant
        return list(reply.agents or []) if reply else []


@dataclass(frozen=True)
class Preferences:
    user_id: str
    display_name: str | None = None
    timezone: str = "UTC"
    theme: str = "system"
    refresh_seconds: int = 300
    filters: dict[str, Any] = field(default_factory=dict)
    updated_at: datetime | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    owner: str
    name: str
    definition: dict[str, Any]
    enabled: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Event:
    id: int
    rule_id: str
    rule_name: str
    dedup_key: str
    subject: str | None
    severity: str
    status: str
    value: float | None
    threshold: float | None
    resolved_value: float | None
    message: str
    details: dict[str, Any] | None
    first_seen_at: datetime
    last_seen_at: datetime
    resolved_at: datetime | None
    evaluation_count: int

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


@dataclass(frozen=True)
class Delivery:
    id: int
    event_id: int
    channel: str
    kind: str
    status: str
    attempts: int
    http_status: int | None
    last_error: str | None
    next_attempt_at: datetime | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class DueDelivery:
    """A (event, channel, kind) whose latest delivery failed or is pending and is due again."""

    event: Event
    channel: str
    kind: str
    runs: int
    last: Delivery


@dataclass(frozen=True)
class IntegrationInfo:
    """An integration for display: ``secrets`` maps each secret's name to its masked form."""

    id: str
    owner: str | None
    channel: str
    name: str
    config: dict[str, Any]
    enabled: bool
    secrets: dict[str, str]
    created_at: datetime
    updated_at: datetime

    @property
    def is_global(self) -> bool:
        return self.owner is None


def to_record(cls: type, row: Any, **extra: Any) -> Any:
    """Build the record ``cls`` from an ORM row (same field names)."""
    names = [f for f in cls.__dataclass_fields__ if f not in extra]
    return cls(**{n: getattr(row, n) for n in names}, **extra)
