"""The :class:`~alerts.store.AlertStore` over the state database (``db/`` repositories).

A thin adapter: each call is its own short transaction (:func:`db.session_scope`), so nothing holds a
database lock while a channel is being called over the network, and an event is committed before its
notifications go out: :meth:`SqlAlertStore.fire` and :meth:`SqlAlertStore.resolve` write the event and its
pending deliveries (the outbox) in one transaction. Events belong to rules stored in ``alert_rules``: ``rule_id`` is the rule's
storage id (``AlertRule.id``), which a foreign key checks.

    store = SqlAlertStore(engine)
    run_evaluation(rules, run_tool, store, notifier, now)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from health_monitor.alerts.channels.base import DeliveryResult, Kind
from health_monitor.alerts.store import AlertEvent, DeliveryRecord, DeliveryStatus, DueDelivery
from health_monitor.db import Conflict, session_scope
from health_monitor.db import repositories as repo
from sqlalchemy import Engine

#: A delivery is tried on this many evaluations (the first included) before it is given up.
MAX_DELIVERY_RUNS = 24


def to_event(record: Any) -> AlertEvent:
    """A ``db.records.Event`` as the evaluator's :class:`~alerts.store.AlertEvent`."""
    return AlertEvent(id=record.id, rule_id=record.rule_id, rule_name=record.rule_name, dedup_key=record.dedup_key,
                      subject=record.subject, severity=record.severity, value=record.value,
                      threshold=record.threshold, message=record.message, fired_at=record.first_seen_at,
                      last_seen_at=record.last_seen_at, resolved_at=record.resolved_at,
                      resolved_value=record.resolved_value)


def to_delivery(record: Any) -> DeliveryRecord:
    return DeliveryRecord(id=record.id, event_id=record.event_id, channel=record.channel, kind=record.kind,
                          status=record.status, http_status=record.http_status, attempts=record.attempts,
                          error=record.last_error, at=record.created_at)


class SqlAlertStore:
    """:class:`~alerts.store.AlertStore` backed by SQLite or PostgreSQL through SQLAlchemy."""

    def __init__(self, engine: Engine, *, max_delivery_runs: int = MAX_DELIVERY_RUNS) -> None:
        self.engine = engine
        self.max_delivery_runs = max_delivery_runs

    def open_event(self, rule_id: str, dedup_key: str) -> AlertEvent | None:
        with session_scope(self.engine) as s:
            record = repo.open_event_for(session=s, rule_id=rule_id, dedup_key=dedup_key)
            return None if record is None else to_event(record)

    def open_events(self, rule_id: str) -> list[AlertEvent]:
        with session_scope(self.engine) as s:
            return [to_event(r) for r in repo.open_events(session=s, rule_id=rule_id)]

    def fire(self, *, rule_id: str, rule_name: str, dedup_key: str, subject: str | None, severity: str,
             value: float | None, threshold: float | None, message: str, at: datetime,
             channels: Sequence[str] = ()) -> AlertEvent:
        """Open an event with its pending deliveries; :class:`db.Conflict` when another run opened it first
        (so nobody pages twice)."""
        with session_scope(self.engine) as s:
            return to_event(repo.fire_event(session=s, rule_id=rule_id, rule_name=rule_name, dedup_key=dedup_key,
                                            subject=subject, severity=severity, value=value, threshold=threshold,
                                            message=message, at=at, channels=channels))

    def refresh(self, event_id: int, *, value: float | None, threshold: float | None, message: str,
                at: datetime) -> AlertEvent:
        with session_scope(self.engine) as s:
            return to_event(repo.refresh_event(session=s, event_id=event_id, value=value, threshold=threshold,
                                               message=message, at=at))

    def resolve(self, event_id: int, *, value: float | None, message: str, at: datetime,
                channels: Sequence[str] = ()) -> AlertEvent:
        """Close an event; :class:`db.Conflict` when it is already closed (a concurrent run resolved it)."""
        with session_scope(self.engine) as s:
            if not repo.get_event(session=s, event_id=event_id).is_open:
                raise Conflict(f"Alert event {event_id} is already resolved.")
            return to_event(repo.resolve_event(session=s, event_id=event_id, value=value, message=message, at=at,
                                               channels=channels))

    def record_delivery(self, *, event_id: int, channel: str, kind: Kind, result: DeliveryResult,
                        at: datetime, status: DeliveryStatus | None = None) -> DeliveryRecord:
        with session_scope(self.engine) as s:
            return to_delivery(repo.record_delivery(
                session=s, event_id=event_id, channel=channel, kind=kind,
                status=status or ("delivered" if result.ok else "failed"), attempts=result.attempts,
                http_status=result.status, error=result.error, at=at))

    def due_deliveries(self, at: datetime) -> list[DueDelivery]:
        with session_scope(self.engine) as s:
            due = repo.due_deliveries(session=s, at=at, max_runs=self.max_delivery_runs)
            return [DueDelivery(event=to_event(d.event), channel=d.channel, kind=d.kind, runs=d.runs,
                                last_status=d.last.status) for d in due]

    # --- reads for pages and tests (not part of the protocol) --------------------------------------

    def deliveries(self, event_id: int) -> list[DeliveryRecord]:
        with session_scope(self.engine) as s:
            return [to_delivery(r) for r in repo.list_deliveries(session=s, event_id=event_id)]

    def event(self, event_id: int) -> AlertEvent:
        with session_scope(self.engine) as s:
            return to_event(repo.get_event(session=s, event_id=event_id))
