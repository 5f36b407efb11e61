"""``PendingWrites``: an in-memory, per-process outbox for chat messages the database refused.

When :func:`~db.engine.session_scope` raises :class:`~db.errors.StateUnavailable`, the app keeps the
message here (and shows the error's message); :meth:`PendingWrites.flush` saves everything once the
database is back. Each message carries a ``client_msg_id``, so a write that did reach the database
before the error is not duplicated by the retry. One instance per process (``st.cache_resource``).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from health_monitor.db.conversations import add_message, create_conversation
from health_monitor.db.engine import session_scope
from health_monitor.db.errors import StateUnavailable
from health_monitor.db.records import Message
from sqlalchemy import Engine


@dataclass(frozen=True)
class PendingMessage:
    user_id: str
    conversation_id: str
    role: str
    content: str
    client_msg_id: str
    tool_calls: list[dict[str, Any]] | None = None
    agents: list[str] | None = None
    context: dict[str, Any] | None = None
    status: str = "ok"
    #: Create the conversation with this title if it does not exist yet (a chat started while down).
    conversation_title: str | None = None
    conversation_agent: str = "auto"
    extra: dict[str, Any] = field(default_factory=dict)


class PendingWrites:
    """Save messages now, or keep them until :meth:`flush` succeeds. Thread-safe; order kept."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue: list[PendingMessage] = []

    def __len__(self) -> int:
        with self._lock:
            return len(self._queue)

    def pending(self, *, user_id: str | None = None, conversation_id: str | None = None) -> list[PendingMessage]:
        """Unsaved messages (to show them in the transcript, marked as not yet saved)."""
        with self._lock:
            return [m for m in self._queue if (user_id is None or m.user_id == user_id)
                    and (conversation_id is None or m.conversation_id == conversation_id)]

    def save(self, engine: Engine, *, user_id: str, conversation_id: str, role: str, content: str,
             client_msg_id: str | None = None, **fields: Any) -> Message | None:
        """Save one message (after anything still queued for that conversation); on
        :class:`StateUnavailable` queue it, return None and let the caller show the error's message."""
        message = PendingMessage(user_id=user_id, conversation_id=conversation_id, role=role, content=content,
                                 client_msg_id=client_msg_id or str(uuid.uuid4()), **fields)
        with self._lock:
            self._queue.append(message)
        saved = self.flush(engine)
        return next((m for m in saved if m.client_msg_id == message.client_msg_id), None)

    def flush(self, engine: Engine, *, on_error: Callable[[PendingMessage, Exception], None] | None = None
              ) -> list[Message]:
        """Write queued messages in order; stop at the first unavailable database (kept for later).
        A message failing for another reason (e.g. its conversation was deleted) is dropped and
        reported to ``on_error``."""
        saved: list[Message] = []
        with self._lock:
            while self._queue:
                message = self._queue[0]
                try:
                    saved.append(self._write(engine, message))
                except StateUnavailable:
                    break
                except Exception as error:  # noqa: BLE001 - reported, then dropped
                    if on_error is not None:
                        on_error(message, error)
                self._queue.pop(0)
        return saved

    @staticmethod
    def _write(engine: Engine, m: PendingMessage) -> Message:
        with session_scope(engine) as session:
            if m.conversation_title is not None:
                create_conversation(session=session, user_id=m.user_id, title=m.conversation_title,
                                    agent=m.conversation_agent, conversation_id=m.conversation_id)
            return add_message(session=session, user_id=m.user_id, conversation_id=m.conversation_id,
                               role=m.role, content=m.content, tool_calls=m.tool_calls, agents=m.agents,
                               context=m.context, client_msg_id=m.client_msg_id, status=m.status)
