"""Alert rules (scoped to their owner), alert events and the delivery log.

Rule functions take ``user_id``: a user sees and changes only the rules they own; another user's
rule id raises :class:`NotFound`. The evaluator (a job, not a user) uses
:func:`list_all_enabled_rules` and the event/delivery helpers, which are not user-scoped; pages
read events with :func:`list_events` (scoped to the user's rules).

``definition`` is the JSON of ``alerts.rules.AlertRule``; validating it is the alerts layer's job.
Event lifecycle: :func:`fire_event` (status ``fired``) -> :func:`refresh_event` (``firing``, count+1)
-> :func:`resolve_event` (``resolved``). At most one open event per ``(rule_id, dedup_key)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from health_monitor.db.errors import Conflict, NotFound
from health_monitor.db.models import (
    DELIVERY_KINDS,
    DELIVERY_STATUSES,
    AlertDelivery,
    AlertEvent,
    AlertRule,
    StateMeta,
)
from health_monitor.db.records import Delivery, DueDelivery, Event, Rule, to_record
from health_monitor.db.types import as_utc, utcnow
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

#: ``state_meta`` key remembering that the default rules were seeded (a user's deletion is respected).
SEEDED_KEY = "default_rules_seeded"


# --- rules ----------------------------------------------------------------------------------------

def _rule(session: Session, user_id: str, rule_id: str) -> AlertRule:
    row = session.scalars(select(AlertRule).where(AlertRule.id == rule_id, AlertRule.owner == user_id)
                          ).one_or_none()
    if row is None:
        raise NotFound(f"Alert rule {rule_id} was not found; it may have been deleted.")
    return row


def _name(name: str) -> str:
    text = " ".join((name or "").split())
    if not text or len(text) > 120:
        raise ValueError("name: 1 to 120 characters")
    return text


def _check_unique(session: Session, user_id: str, name: str, rule_id: str | None = None) -> None:
    stmt = select(AlertRule.id).where(AlertRule.owner == user_id, AlertRule.name == name)
    if rule_id is not None:
        stmt = stmt.where(AlertRule.id != rule_id)
    if session.scalar(stmt) is not None:
        raise Conflict(f"You already have an alert rule named {name!r}; choose another name.")


def create_rule(*, session: Session, user_id: str, name: str, definition: Mapping[str, Any],
                enabled: bool = True) -> Rule:
    name = _name(name)
    _check_unique(session, user_id, name)
    row = AlertRule(owner=user_id, name=name, definition=dict(definition), enabled=enabled)
    try:
        with session.begin_nested():  # a concurrent twin loses here, without spoiling the transaction
            session.add(row)
            session.flush()
    except IntegrityError:
        raise Conflict(f"You already have an alert rule named {name!r}; choose another name.") from None
    return to_record(Rule, row)


def get_rule(*, session: Session, user_id: str, rule_id: str) -> Rule:
    return to_record(Rule, _rule(session, user_id, rule_id))


def list_rules(*, session: Session, user_id: str) -> list[Rule]:
    rows = session.scalars(select(AlertRule).where(AlertRule.owner == user_id).order_by(AlertRule.name))
    return [to_record(Rule, r) for r in rows]


def update_rule(*, session: Session, user_id: str, rule_id: str, name: str | None = None,
                definition: Mapping[str, Any] | None = None, enabled: bool | None = None) -> Rule:
    row = _rule(session, user_id, rule_id)
    if name is not None:
        _check_unique(session, user_id, _name(name), rule_id)
        row.name = _name(name)
    if definition is not None:
        row.definition = dict(definition)
    if enabled is not None:
        row.enabled = enabled
    session.flush()
    return to_record(Rule, row)


def delete_rule(*, session: Session, user_id: str, rule_id: str) -> None:
    """Delete the rule with its events and their deliveries."""
    session.delete(_rule(session, user_id, rule_id))
    session.flush()


def list_all_enabled_rules(*, session: Session) -> list[Rule]:
    """Every enabled rule of every owner: for the evaluator job only."""
    rows = session.scalars(select(AlertRule).where(AlertRule.enabled.is_(True))
                           .order_by(AlertRule.owner, AlertRule.name))
    return [to_record(Rule, r) for r in rows]


def seed_rules(*, session: Session, owner: str, rules: Iterable[tuple[str, Mapping[str, Any]]],
               marker: str = SEEDED_KEY) -> list[Rule]:
    """Store ``(name, definition)`` rules for ``owner`` once per install (names already stored are
    skipped); later calls do nothing, so a deleted default stays deleted. Returns the rules added."""
    if session.get(StateMeta, marker, with_for_update=True) is not None:
        return []
    have = set(session.scalars(select(AlertRule.name).where(AlertRule.owner == owner)))
    added = [create_rule(session=session, user_id=owner, name=name, definition=definition)
             for name, definition in rules if _name(name) not in have]
    session.add(StateMeta(key=marker, value={"at": utcnow().isoformat(), "rules": [r.name for r in added]}))
    session.flush()
    return added


# --- events ---------------------------------------------------------------------------------------

def _event(session: Session, event_id: int) -> AlertEvent:
    row = session.get(AlertEvent, event_id)
    if row is None:
        raise NotFound(f"Alert event {event_id} was not found.")
    return row


def open_event_for(*, session: Session, rule_id: str, dedup_key: str) -> Event | None:
    row = session.scalars(select(AlertEvent).where(
        AlertEvent.rule_id == rule_id, AlertEvent.dedup_key == dedup_key, AlertEvent.resolved_at.is_(None))
    ).one_or_none()
    return None if row is None else to_record(Event, row)


def open_events(*, session: Session, rule_id: str) -> list[Event]:
    rows = session.scalars(select(AlertEvent).where(AlertEvent.rule_id == rule_id, AlertEvent.resolved_at.is_(None))
                           .order_by(AlertEvent.id))
    return [to_record(Event, r) for r in rows]


def fire_event(*, session: Session, rule_id: str, dedup_key: str, value: float | None,
               threshold: float | None, message: str, rule_name: str = "", subject: str | None = None,
               severity: str = "warning", details: Mapping[str, Any] | None = None,
               at: datetime | None = None, channels: Iterable[str] = ()) -> Event:
    """Open a new event, with a ``pending`` trigger delivery per channel in the same transaction (the
    outbox); :class:`Conflict` when one is already open for ``(rule_id, dedup_key)``."""
    at = as_utc(at) if at else utcnow()
    row = AlertEvent(rule_id=rule_id, rule_name=rule_name, dedup_key=dedup_key, subject=subject,
                     severity=severity, status="fired", value=value, threshold=threshold, message=message,
                     details=dict(details) if details is not None else None, first_seen_at=at, last_seen_at=at,
                     evaluation_count=1)
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        raise Conflict(f"Alert {dedup_key} of rule {rule_id} is already open (or the rule is gone).") from None
    _outbox(session, row.id, "trigger", channels, at)
    return to_record(Event, row)


def _outbox(session: Session, event_id: int, kind: str, channels: Iterable[str], at: datetime) -> None:
    for channel in dict.fromkeys(channels):
        session.add(AlertDelivery(event_id=event_id, channel=channel, kind=kind, status="pending", attempts=0,
                                  created_at=at, updated_at=at))
    session.flush()


def refresh_event(*, session: Session, event_id: int, value: float | None, threshold: float | None,
                  message: str, details: Mapping[str, Any] | None = None, at: datetime | None = None) -> Event:
    """The condition still holds: update the figures, ``last_seen_at`` and the evaluation count."""
    row = _event(session, event_id)
    row.status, row.value, row.threshold, row.message = "firing", value, threshold, message
    if details is not None:
        row.details = dict(details)
    row.last_seen_at = as_utc(at) if at else utcnow()
    row.evaluation_count += 1
    session.flush()
    return to_record(Event, row)


def resolve_event(*, session: Session, event_id: int, value: float | None = None, message: str | None = None,
                  at: datetime | None = None, channels: Iterable[str] = ()) -> Event:
    """Close an event, with a ``pending`` resolve delivery per channel in the same transaction."""
    row = _event(session, event_id)
    at = as_utc(at) if at else utcnow()
    row.status, row.resolved_value, row.resolved_at, row.last_seen_at = "resolved", value, at, at
    if message is not None:
        row.message = message
    row.evaluation_count += 1
    session.flush()
    _outbox(session, row.id, "resolve", channels, at)
    return to_record(Event, row)


def get_event(*, session: Session, event_id: int) -> Event:
    return to_record(Event, _event(session, event_id))


def list_events(*, session: Session, user_id: str, open_only: bool = False, limit: int = 200) -> list[Event]:
    """Events of the user's rules, newest first."""
    stmt = (select(AlertEvent).join(AlertRule, AlertRule.id == AlertEvent.rule_id)
            .where(AlertRule.owner == user_id))
    if open_only:
        stmt = stmt.where(AlertEvent.resolved_at.is_(None))
    rows = session.scalars(stmt.order_by(AlertEvent.last_seen_at.desc(), AlertEvent.id.desc()).limit(limit))
    return [to_record(Event, r) for r in rows]


# --- deliveries -----------------------------------------------------------------------------------

def record_delivery(*, session: Session, event_id: int, channel: str, kind: str, status: str,
                    attempts: int = 1, http_status: int | None = None, error: str | None = None,
                    next_attempt_at: datetime | None = None, at: datetime | None = None) -> Delivery:
    """Log one delivery (or retry) of an event to a channel."""
    if kind not in DELIVERY_KINDS:
        raise ValueError(f"kind must be one of {', '.join(DELIVERY_KINDS)}, got {kind!r}")
    if status not in DELIVERY_STATUSES:
        raise ValueError(f"status must be one of {', '.join(DELIVERY_STATUSES)}, got {status!r}")
    _event(session, event_id)
    at = as_utc(at) if at else utcnow()
    row = AlertDelivery(event_id=event_id, channel=channel, kind=kind, status=status, attempts=attempts,
                        http_status=http_status, last_error=error, created_at=at, updated_at=at,
                        next_attempt_at=as_utc(next_attempt_at) if next_attempt_at else None)
    session.add(row)
    session.flush()
    return to_record(Delivery, row)


def list_deliveries(*, session: Session, event_id: int) -> list[Delivery]:
    rows = session.scalars(select(AlertDelivery).where(AlertDelivery.event_id == event_id)
                           .order_by(AlertDelivery.id))
    return [to_record(Delivery, r) for r in rows]


def due_deliveries(*, session: Session, at: datetime | None = None, max_runs: int = 24) -> list[DueDelivery]:
    """Per (event, channel, kind): the latest record is ``failed`` or ``pending``, due at ``at``
    (``next_attempt_at`` passed, or none set) and fewer than ``max_runs`` records exist."""
    at = as_utc(at) if at else utcnow()
    key = (AlertDelivery.event_id, AlertDelivery.channel, AlertDelivery.kind)
    latest = (select(func.max(AlertDelivery.id).label("id"), func.count().label("runs"))
              .group_by(*key).subquery())
    rows = session.execute(
        select(AlertDelivery, latest.c.runs).join(latest, latest.c.id == AlertDelivery.id)
        .where(AlertDelivery.status.in_(("failed", "pending")), latest.c.runs < max_runs)
        .order_by(AlertDelivery.id)).all()
    due = []
    for row, runs in rows:
        when = row.next_attempt_at or row.created_at
        if when <= at:
            due.append(DueDelivery(event=to_record(Event, _event(session, row.event_id)), channel=row.channel,
                                   kind=row.kind, runs=runs, last=to_record(Delivery, row)))
    return due
