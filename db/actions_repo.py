"""Actions: what was proposed, and the append-only trail of what happened to it.

``actions`` holds one row per proposal (never updated); ``action_events`` holds every step after it
(proposed, approved, rejected, dry_run, executed, failed, verified, regressed, pending), never
updated or deleted (the ORM refuses it and the migration adds database triggers that refuse it too).
An action's status is its newest event. A decision (approve/reject) and an outcome (executed/failed/
dry_run) may each happen once per action: a unique ``(action_id, once_key)`` makes a replayed
approval a no-op at the database, not just in the code.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from health_monitor.db.errors import Conflict, NotFound
from health_monitor.db.models import Base, BigId, StateMeta, UserId, _in, new_id
from health_monitor.db.types import JSONType, utcnow
from sqlalchemy import (
    CheckConstraint,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

RISKS = ("low", "medium", "high")
EVENTS = ("proposed", "approved", "rejected", "dry_run", "executed", "failed", "verified", "regressed", "pending")
#: Events that may happen once per action, and the slot they take.
ONCE: dict[str, str] = {"approved": "decision", "rejected": "decision", "dry_run": "outcome",
                        "executed": "outcome", "failed": "outcome"}
POLICY_KEY = "actions_policy"


class ActionRecord(Base):
    """One proposed action: what, on which object, with which parameters, previewed how."""

    __tablename__ = "actions"
    __table_args__ = (CheckConstraint(_in("risk", RISKS), name="risk"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    #: "kind:object" — an open proposal for the same key is reused instead of proposed twice.
    target_key: Mapped[str] = mapped_column(String(400), index=True)
    risk: Mapped[str] = mapped_column(String(8))
    params: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    preview: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    finding: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    estimated_monthly_saving: Mapped[float | None] = mapped_column(Float)
    backend: Mapped[str] = mapped_column(String(16), default="demo")
    conversation_id: Mapped[str | None] = mapped_column(String(36), index=True)
    proposed_by: Mapped[str] = mapped_column(UserId)
    proposed_at: Mapped[datetime] = mapped_column(default=utcnow)


class ActionEvent(Base):
    """One step in an action's life (append-only)."""

    __tablename__ = "action_events"
    __table_args__ = (
        UniqueConstraint("action_id", "seq"),
        UniqueConstraint("action_id", "once_key"),
        CheckConstraint(_in("event", EVENTS), name="event"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    action_id: Mapped[str] = mapped_column(String(36), ForeignKey("actions.id", ondelete="RESTRICT"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    event: Mapped[str] = mapped_column(String(16))
    once_key: Mapped[str | None] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(UserId)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    #: params (as approved), before/after state, the executor's response, the verification result.
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    message: Mapped[str] = mapped_column(Text, default="")


def _refuse(kind: str):
    def listener(_mapper: Any, _conn: Any, target: Any) -> None:
        raise Conflict(f"The action audit trail is append-only: a {type(target).__name__} cannot be {kind}.")

    return listener


for _model in (ActionRecord, ActionEvent):
    event.listen(_model, "before_update", _refuse("changed"))
    event.listen(_model, "before_delete", _refuse("deleted"))


# --- repository functions ------------------------------------------------------------------------------

def add_action(*, session: Session, kind: str, title: str, target_key: str, risk: str, params: dict[str, Any],
               preview: dict[str, Any], proposed_by: str, finding: dict[str, Any] | None = None,
               estimated_monthly_saving: float | None = None, backend: str = "demo",
               conversation_id: str | None = None) -> ActionRecord:
    row = ActionRecord(kind=kind, title=title, target_key=target_key, risk=risk, params=params, preview=preview,
                       finding=finding, estimated_monthly_saving=estimated_monthly_saving, backend=backend,
                       conversation_id=conversation_id, proposed_by=proposed_by)
    session.add(row)
    session.flush()
    add_event(session=session, action_id=row.id, event="proposed", actor=proposed_by,
              detail={"params": params}, message=title)
    return row


def get_action(*, session: Session, action_id: str) -> ActionRecord:
    row = session.get(ActionRecord, action_id)
    if row is None:
        # Accept an unambiguous id prefix (the CLI shows 8 characters).
        rows = list(session.scalars(select(ActionRecord).where(ActionRecord.id.like(f"{action_id}%")).limit(2)))
        if len(rows) != 1 or len(action_id) < 4:
            raise NotFound(f"No action {action_id!r}; `health-monitor actions list` shows them.")
        row = rows[0]
    return row


def events(*, session: Session, action_id: str) -> list[ActionEvent]:
    return list(session.scalars(select(ActionEvent).where(ActionEvent.action_id == action_id)
                                .order_by(ActionEvent.seq)))


def add_event(*, session: Session, action_id: str, event: str, actor: str, detail: dict[str, Any] | None = None,
              message: str = "") -> ActionEvent | None:
    """Append an event; None when its once-only slot is already taken (a replay), with nothing written."""
    if event not in EVENTS:
        raise ValueError(f"unknown action event {event!r}")
    once = ONCE.get(event)
    if once and session.scalar(select(ActionEvent.id).where(ActionEvent.action_id == action_id,
                                                            ActionEvent.once_key == once)):
        return None
    seq = (session.scalar(select(ActionEvent.seq).where(ActionEvent.action_id == action_id)
                          .order_by(ActionEvent.seq.desc()).limit(1)) or 0) + 1
    row = ActionEvent(action_id=action_id, seq=seq, event=event, once_key=once, actor=actor, detail=detail,
                      message=message)
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:  # a concurrent approval took the slot first
        return None
    return row


def list_actions(*, session: Session, limit: int = 200, kinds: tuple[str, ...] | None = None,
                 conversation_id: str | None = None) -> list[ActionRecord]:
    q = select(ActionRecord).order_by(ActionRecord.proposed_at.desc()).limit(limit)
    if kinds:
        q = q.where(ActionRecord.kind.in_(kinds))
    if conversation_id:
        q = q.where(ActionRecord.conversation_id == conversation_id)
    return list(session.scalars(q))


def latest_events(*, session: Session, action_ids: list[str]) -> dict[str, list[ActionEvent]]:
    out: dict[str, list[ActionEvent]] = {a: [] for a in action_ids}
    if not action_ids:
        return out
    for row in session.scalars(select(ActionEvent).where(ActionEvent.action_id.in_(action_ids))
                               .order_by(ActionEvent.action_id, ActionEvent.seq)):
        out[row.action_id].append(row)
    return out


def open_action(*, session: Session, target_key: str) -> ActionRecord | None:
    """The newest proposal for ``target_key`` that nobody has decided yet."""
    for row in session.scalars(select(ActionRecord).where(ActionRecord.target_key == target_key)
                               .order_by(ActionRecord.proposed_at.desc()).limit(5)):
        if not session.scalar(select(ActionEvent.id).where(ActionEvent.action_id == row.id,
                                                           ActionEvent.once_key == "decision")):
            return row
    return None


def get_policy(*, session: Session) -> dict[str, Any]:
    row = session.get(StateMeta, POLICY_KEY)
    return dict(row.value or {}) if row is not None else {}


def set_policy(*, session: Session, value: dict[str, Any]) -> dict[str, Any]:
    row = session.get(StateMeta, POLICY_KEY)
    if row is None:
        session.add(StateMeta(key=POLICY_KEY, value=value))
    else:
        row.value = value
    session.flush()
    return value
