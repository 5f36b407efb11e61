"""Where alert events and deliveries live: a small protocol, and an in-memory store for tests.

The SQLAlchemy implementation (tables ``alert_events`` and ``alert_deliveries``) plugs in behind
:class:`AlertStore`. An event is *open* from ``fire`` until ``resolve``; at most one open event per
``(rule_id, dedup_key)``. Deliveries are a log: one row per send (or retry) per event, channel and kind.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal, Protocol

from health_monitor.alerts.channels.base import DeliveryResult, Kind

DeliveryStatus = Literal["pending", "delivered", "failed", "abandoned"]


@dataclass(frozen=True)
class AlertEvent:
    """One alert: a rule firing for one subject, from ``fired_at`` until ``resolved_at``."""

    id: int
    rule_id: str
    rule_name: str
    dedup_key: str
    subject: str | None
    severity: str
    value: float | None
    threshold: float | None
    message: str
    fired_at: datetime
    last_seen_at: datetime
    resolved_at: datetime | None = None
    resolved_value: float | None = None

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


@dataclass(frozen=True)
class DeliveryRecord:
    """One attempt (with its in-send retries) to tell one channel about one event."""

    id: int
    event_id: int
    channel: str
    kind: Kind
    status: DeliveryStatus
    http_status: int | None
    attempts: int
    error: str | None
    at: datetime


@dataclass(frozen=True)
class DueDelivery:
    """A delivery not yet made: pending in the outbox, or its latest attempt failed."""

    event: AlertEvent
    channel: str
    kind: Kind
    runs: int
    #: ``pending`` (written with the event, never tried) or ``failed``.
    last_status: str = "failed"


class AlertStore(Protocol):
    """Persistence the evaluator needs (the db/ layer implements it over SQLAlchemy)."""

    def open_event(self, rule_id: str, dedup_key: str) -> AlertEvent | None: ...

    def open_events(self, rule_id: str) -> list[AlertEvent]:
        """Open events of a rule: subjects that vanished from the rows resolve through these."""
        ...

    def fire(self, *, rule_id: str, rule_name: str, dedup_key: str, subject: str | None, severity: str,
             value: float | None, threshold: float | None, message: str, at: datetime,
             channels: Sequence[str] = ()) -> AlertEvent:
        """Open an event and, atomically with it, a pending ``trigger`` delivery per channel."""
        ...

    def refresh(self, event_id: int, *, value: float | None, threshold: float | None, message: str,
                at: datetime) -> AlertEvent: ...

    def resolve(self, event_id: int, *, value: float | None, message: str, at: datetime,
                channels: Sequence[str] = ()) -> AlertEvent:
        """Close an event and, atomically with it, write a pending ``resolve`` delivery per channel."""
        ...

    def record_delivery(self, *, event_id: int, channel: str, kind: Kind, result: DeliveryResult,
                        at: datetime, status: DeliveryStatus | None = None) -> DeliveryRecord: ...

    def due_deliveries(self, at: datetime) -> list[DueDelivery]:
        """Deliveries whose latest record is pending or failed, fewer than the store's retry limit runs ago."""
        ...


class InMemoryAlertStore:
    """:class:`AlertStore` in dictionaries: for tests and dry runs."""

    def __init__(self, *, max_delivery_runs: int = 24) -> None:
        self.events: dict[int, AlertEvent] = {}
        self.deliveries: list[DeliveryRecord] = []
        self.max_delivery_runs = max_delivery_runs
        self._ids = itertools.count(1)

    def open_event(self, rule_id: str, dedup_key: str) -> AlertEvent | None:
        return next((e for e in self.events.values()
                     if e.rule_id == rule_id and e.dedup_key == dedup_key and e.is_open), None)

    def open_events(self, rule_id: str) -> list[AlertEvent]:
        return [e for e in self.events.values() if e.rule_id == rule_id and e.is_open]

    def fire(self, *, rule_id: str, rule_name: str, dedup_key: str, subject: str | None, severity: str,
             value: float | None, threshold: float | None, message: str, at: datetime,
             channels: Sequence[str] = ()) -> AlertEvent:
        if self.open_event(rule_id, dedup_key) is not None:
            raise ValueError(f"alert {dedup_key} is already open")
        event = AlertEvent(id=next(self._ids), rule_id=rule_id, rule_name=rule_name, dedup_key=dedup_key,
                           subject=subject, severity=severity, value=value, threshold=threshold,
                           message=message, fired_at=at, last_seen_at=at)
        self.events[event.id] = event
        self._outbox(event.id, "trigger", channels, at)
        return event

    def _outbox(self, event_id: int, kind: Kind, channels: Sequence[str], at: datetime) -> None:
        for channel in channels:
            self.record_delivery(event_id=event_id, channel=channel, kind=kind, at=at, status="pending",
                                 result=DeliveryResult(ok=False, attempts=0))

    def refresh(self, event_id: int, *, value: float | None, threshold: float | None, message: str,
                at: datetime) -> AlertEvent:
        event = replace(self.events[event_id], value=value, threshold=threshold, message=message,
                        last_seen_at=at)
        self.events[event_id] = event
        return event

    def resolve(self, event_id: int, *, value: float | None, message: str, at: datetime,
                channels: Sequence[str] = ()) -> AlertEvent:
        event = replace(self.events[event_id], resolved_at=at, resolved_value=value, message=message,
                        last_seen_at=at)
        self.events[event_id] = event
        self._outbox(event_id, "resolve", channels, at)
        return event

    def record_delivery(self, *, event_id: int, channel: str, kind: Kind, result: DeliveryResult,
                        at: datetime, status: DeliveryStatus | None = None) -> DeliveryRecord:
        record = DeliveryRecord(id=len(self.deliveries) + 1, event_id=event_id, channel=channel, kind=kind,
                                status=status or ("delivered" if result.ok else "failed"),
                                http_status=result.status, attempts=result.attempts, error=result.error, at=at)
        self.deliveries.append(record)
        return record

    def due_deliveries(self, at: datetime) -> list[DueDelivery]:
        latest: dict[tuple[int, str, str], DeliveryRecord] = {}
        runs: dict[tuple[int, str, str], int] = {}
        for record in self.deliveries:
            key = (record.event_id, record.channel, record.kind)
            latest[key] = record
            runs[key] = runs.get(key, 0) + 1
        return [DueDelivery(event=self.events[r.event_id], channel=r.channel, kind=r.kind, runs=runs[key],
                            last_status=r.status)
                for key, r in latest.items()
                if r.status in ("pending", "failed") and runs[key] < self.max_delivery_runs and r.at <= at]
