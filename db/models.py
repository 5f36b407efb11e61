"""The state schema: conversations, messages, preferences, alert rules/events/deliveries, roles,
integrations and their secrets, and a small key/value table for one-off markers.

Typed SQLAlchemy 2.0 models. JSON columns are JSONB on PostgreSQL and JSON on SQLite; every timestamp
is ``timestamp with time zone`` and comes back as an aware UTC datetime. The schema is created by the
Alembic migrations in ``db/migrations`` (``db.migrate(engine)``), never by ``create_all`` in the app.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from health_monitor.db.types import JSONType, UTCDateTime, utcnow
from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("user", "assistant", "system")
MESSAGE_STATUSES = ("ok", "error")
EVENT_STATUSES = ("fired", "firing", "resolved")
DELIVERY_KINDS = ("trigger", "resolve")
DELIVERY_STATUSES = ("pending", "sent", "delivered", "failed", "abandoned")
USER_ROLES = ("admin", "viewer")
CHANNELS = ("slack", "email", "pagerduty")

#: Big integers on PostgreSQL; SQLite only autoincrements a column declared INTEGER.
BigId = BigInteger().with_variant(Integer(), "sqlite")
UserId = String(320)  # an e-mail address at most


def new_id() -> str:
    return str(uuid.uuid4())


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} in ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime()}


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ChatConversation(Timestamped, Base):
    """One chat thread of one user. ``agent`` is ``auto`` (the supervisor routes) or a specialist name."""

    __tablename__ = "chat_conversations"
    __table_args__ = (Index(None, "user_id", "updated_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(UserId, index=True)
    title: Mapped[str] = mapped_column(String(200), default="New conversation")
    agent: Mapped[str] = mapped_column(String(64), default="auto")
    archived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))

    messages: Mapped[list[ChatMessage]] = relationship(
        back_populates="conversation", cascade="all, delete-orphan", passive_deletes=True,
        order_by="ChatMessage.seq")


class ChatMessage(Base):
    """One turn. ``context`` (routing plan, extracted parameters, entities) is the single source the
    graph rebuilds follow-up context from. ``client_msg_id`` makes a retried save a no-op."""

    __tablename__ = "chat_messages"
    __table_args__ = (
        UniqueConstraint("conversation_id", "seq"),
        UniqueConstraint("conversation_id", "client_msg_id"),
        CheckConstraint(_in("role", ROLES), name="role"),
        CheckConstraint(_in("status", MESSAGE_STATUSES), name="status"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("chat_conversations.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(16))
    content: Mapped[str] = mapped_column(Text, default="")
    tool_calls: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONType)
    agents: Mapped[list[str] | None] = mapped_column(JSONType)
    context: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    client_msg_id: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(8), default="ok", server_default="ok")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    conversation: Mapped[ChatConversation] = relationship(back_populates="messages")


class UserPreference(Base):
    __tablename__ = "user_preferences"

    user_id: Mapped[str] = mapped_column(UserId, primary_key=True)
    display_name: Mapped[str | None] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    theme: Mapped[str] = mapped_column(String(16), default="system", server_default="system")
    refresh_seconds: Mapped[int] = mapped_column(Integer, default=300, server_default="300")
    #: Page filters: ``{"date_range": {...}, "workspace": ...}``.
    filters: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class AlertRule(Timestamped, Base):
    """A rule; ``definition`` is the JSON of ``alerts.rules.AlertRule`` (the alerts layer validates it)."""

    __tablename__ = "alert_rules"
    __table_args__ = (UniqueConstraint("owner", "name"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    owner: Mapped[str] = mapped_column(UserId, index=True)
    name: Mapped[str] = mapped_column(String(120))
    definition: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))


class AlertEvent(Base):
    """One alert of one rule for one subject: open from first firing until resolved.
    At most one open event (``resolved_at is null``) per ``(rule_id, dedup_key)``."""

    __tablename__ = "alert_events"
    __table_args__ = (
        CheckConstraint(_in("status", EVENT_STATUSES), name="status"),
        Index("uq_alert_events_open", "rule_id", "dedup_key", unique=True,
              sqlite_where=text("resolved_at is null"), postgresql_where=text("resolved_at is null")),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    rule_id: Mapped[str] = mapped_column(String(36), ForeignKey("alert_rules.id", ondelete="CASCADE"),
                                         index=True)
    rule_name: Mapped[str] = mapped_column(String(120), default="")
    dedup_key: Mapped[str] = mapped_column(String(255), index=True)
    subject: Mapped[str | None] = mapped_column(String(255))
    severity: Mapped[str] = mapped_column(String(16), default="warning")
    status: Mapped[str] = mapped_column(String(16), default="fired")
    value: Mapped[float | None] = mapped_column(Float)
    threshold: Mapped[float | None] = mapped_column(Float)
    resolved_value: Mapped[float | None] = mapped_column(Float)
    message: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column()
    evaluation_count: Mapped[int] = mapped_column(Integer, default=1)


class AlertDelivery(Timestamped, Base):
    """One attempt (with its in-send retries) to tell one channel about one event: a log."""

    __tablename__ = "alert_deliveries"
    __table_args__ = (
        CheckConstraint(_in("kind", DELIVERY_KINDS), name="kind"),
        CheckConstraint(_in("status", DELIVERY_STATUSES), name="status"),
        Index(None, "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    event_id: Mapped[int] = mapped_column(BigId, ForeignKey("alert_events.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    http_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None] = mapped_column()


class UserRole(Base):
    __tablename__ = "user_roles"
    __table_args__ = (CheckConstraint(_in("role", USER_ROLES), name="role"),)

    user_id: Mapped[str] = mapped_column(UserId, primary_key=True)
    role: Mapped[str] = mapped_column(String(16), default="viewer")
    granted_by: Mapped[str | None] = mapped_column(UserId)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Integration(Timestamped, Base):
    """A notification channel. ``owner`` None = global (admins manage it). ``config`` holds no secret."""

    __tablename__ = "integrations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    owner: Mapped[str | None] = mapped_column(UserId, index=True)
    channel: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(120))
    config: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))

    secrets: Mapped[list[IntegrationSecret]] = relationship(
        back_populates="integration", cascade="all, delete-orphan", passive_deletes=True)


class IntegrationSecret(Timestamped, Base):
    """A secret value of an integration, encrypted (``fernet:...``). ``hint`` is kept empty (migration 0002
    cleared the last-4-characters hints older versions stored): no part of a secret is stored in clear."""

    __tablename__ = "integration_secrets"
    __table_args__ = (UniqueConstraint("integration_id", "name"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    integration_id: Mapped[str] = mapped_column(String(36), ForeignKey("integrations.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(64))
    ciphertext: Mapped[str] = mapped_column(Text)
    hint: Mapped[str] = mapped_column(String(8), default="")

    integration: Mapped[Integration] = relationship(back_populates="secrets")

    def __repr__(self) -> str:
        return f"IntegrationSecret(integration_id={self.integration_id!r}, name={self.name!r}, value='••••')"


class StateMeta(Base):
    """Key/value markers, e.g. ``default_rules_seeded``."""

    __tablename__ = "state_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSONType, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
