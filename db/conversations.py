"""Conversations and their messages, always scoped to one user.

Another user's conversation id behaves exactly like an id that does not exist (:class:`NotFound`),
so ids leak nothing. ``chat_messages`` is the one source of truth of a conversation: the graph
rebuilds follow-up context from :func:`recent_context`.

Writes are idempotent on ``client_msg_id``: saving the same message twice (a retry after a timeout,
the :class:`~db.outbox.PendingWrites` outbox) returns the stored row instead of adding one. ``seq``
numbers messages 1, 2, 3... per conversation; concurrent writers are serialised on the conversation
row (``SELECT ... FOR UPDATE`` on PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite).
"""

from __future__ import annotations

from typing import Any

from health_monitor.db.errors import NotFound
from health_monitor.db.models import MESSAGE_STATUSES, ROLES, ChatConversation, ChatMessage
from health_monitor.db.records import Conversation, Message, Turn, to_record
from health_monitor.db.types import utcnow
from sqlalchemy import func, select
from sqlalchemy.orm import Session

DEFAULT_TITLE = "New conversation"


def _conversation(session: Session, user_id: str, conversation_id: str, *, lock: bool = False
                  ) -> ChatConversation:
    stmt = select(ChatConversation).where(ChatConversation.id == conversation_id,
                                          ChatConversation.user_id == user_id)
    if lock:
        stmt = stmt.with_for_update()
    row = session.scalars(stmt).one_or_none()
    if row is None:
        raise NotFound(f"Conversation {conversation_id} was not found; start a new conversation.")
    return row


def _title(title: str | None) -> str:
    text = " ".join((title or "").split())
    return text[:200] or DEFAULT_TITLE


def create_conversation(*, session: Session, user_id: str, title: str | None = None, agent: str = "auto",
                        conversation_id: str | None = None) -> Conversation:
    """A new conversation; ``conversation_id`` lets the UI choose the id (e.g. a retried create)."""
    if conversation_id is not None:
        existing = session.get(ChatConversation, conversation_id)
        if existing is not None:
            if existing.user_id != user_id:
                raise NotFound(f"Conversation {conversation_id} cannot be created; start a new conversation.")
            return to_record(Conversation, existing)
    row = ChatConversation(user_id=user_id, title=_title(title), agent=agent or "auto")
    if conversation_id is not None:
        row.id = conversation_id
    session.add(row)
    session.flush()
    return to_record(Conversation, row)


def get_conversation(*, session: Session, user_id: str, conversation_id: str) -> Conversation:
    return to_record(Conversation, _conversation(session, user_id, conversation_id))


def list_conversations(*, session: Session, user_id: str, include_archived: bool = False,
                       limit: int | None = 100) -> list[Conversation]:
    """The user's conversations, most recently active first."""
    stmt = select(ChatConversation).where(ChatConversation.user_id == user_id)
    if not include_archived:
        stmt = stmt.where(ChatConversation.archived.is_(False))
    stmt = stmt.order_by(ChatConversation.updated_at.desc(), ChatConversation.id).limit(limit)
    return [to_record(Conversation, row) for row in session.scalars(stmt)]


def rename_conversation(*, session: Session, user_id: str, conversation_id: str, title: str) -> Conversation:
    row = _conversation(session, user_id, conversation_id)
    row.title = _title(title)
    session.flush()
    return to_record(Conversation, row)


def set_conversation_agent(*, session: Session, user_id: str, conversation_id: str, agent: str) -> Conversation:
    """``auto`` (the supervisor routes) or a specialist's name."""
    row = _conversation(session, user_id, conversation_id)
    row.agent = agent or "auto"
    session.flush()
    return to_record(Conversation, row)


def archive_conversation(*, session: Session, user_id: str, conversation_id: str,
                         archived: bool = True) -> Conversation:
    row = _conversation(session, user_id, conversation_id)
    row.archived = archived
    session.flush()
    return to_record(Conversation, row)


def delete_conversation(*, session: Session, user_id: str, conversation_id: str) -> None:
    """Delete the conversation and (database cascade) its messages."""
    row = _conversation(session, user_id, conversation_id)
    session.delete(row)
    session.flush()


def add_message(*, session: Session, user_id: str, conversation_id: str, role: str, content: str,
                tool_calls: list[dict[str, Any]] | None = None, agents: list[str] | None = None,
                context: dict[str, Any] | None = None, client_msg_id: str | None = None,
                status: str = "ok") -> Message:
    """Append a message (next ``seq``); with a ``client_msg_id`` already stored, return that message."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, got {role!r}")
    if status not in MESSAGE_STATUSES:
        raise ValueError(f"status must be one of {', '.join(MESSAGE_STATUSES)}, got {status!r}")
    conversation = _conversation(session, user_id, conversation_id, lock=True)
    if client_msg_id is not None:
        existing = session.scalars(select(ChatMessage).where(
            ChatMessage.conversation_id == conversation_id, ChatMessage.client_msg_id == client_msg_id)
        ).one_or_none()
        if existing is not None:
            return to_record(Message, existing)
    last = session.scalar(select(func.max(ChatMessage.seq)).where(ChatMessage.conversation_id == conversation_id))
    row = ChatMessage(conversation_id=conversation_id, seq=(last or 0) + 1, role=role, content=content or "",
                      tool_calls=tool_calls, agents=agents, context=context, client_msg_id=client_msg_id,
                      status=status)
    session.add(row)
    conversation.updated_at = utcnow()
    if role == "user" and conversation.title == DEFAULT_TITLE and content.strip():
        conversation.title = _title(content[:80])
    session.flush()
    return to_record(Message, row)


def get_messages(*, session: Session, user_id: str, conversation_id: str, limit: int | None = None
                 ) -> list[Message]:
    """Messages in ``seq`` order; with ``limit``, the last ``limit`` of them."""
    _conversation(session, user_id, conversation_id)
    stmt = select(ChatMessage).where(ChatMessage.conversation_id == conversation_id)
    if limit is not None:
        rows = list(session.scalars(stmt.order_by(ChatMessage.seq.desc()).limit(limit)))
        rows.reverse()
    else:
        rows = list(session.scalars(stmt.order_by(ChatMessage.seq)))
    return [to_record(Message, row) for row in rows]


def recent_context(*, session: Session, user_id: str, conversation_id: str, turns: int = 10) -> list[Turn]:
    """The last ``turns`` exchanges (oldest first), each with its messages' context JSON.

    A turn starts at a user message; assistant and system messages attach to the turn before them.
    """
    _conversation(session, user_id, conversation_id)
    if turns <= 0:
        return []
    starts = list(session.scalars(
        select(ChatMessage.seq).where(ChatMessage.conversation_id == conversation_id, ChatMessage.role == "user")
        .order_by(ChatMessage.seq.desc()).limit(turns)))
    stmt = select(ChatMessage).where(ChatMessage.conversation_id == conversation_id)
    if len(starts) == turns:
        stmt = stmt.where(ChatMessage.seq >= starts[-1])
    result: list[Turn] = []
    user: Message | None = None
    replies: list[Message] = []
    for row in session.scalars(stmt.order_by(ChatMessage.seq)):
        message = to_record(Message, row)
        if message.role == "user":
            if user is not None or replies:
                result.append(Turn(user, tuple(replies)))
            user, replies = message, []
        else:
            replies.append(message)
    if user is not None or replies:
        result.append(Turn(user, tuple(replies)))
    return result[-turns:]
