"""Errors of the state store. All are :class:`~warehouse.errors.HealthMonitorError`: the message says what to do."""

from __future__ import annotations

from health_monitor.core.errors import HealthMonitorError


class StateError(HealthMonitorError):
    """Base class of the state store's errors."""


class NotFound(StateError):
    """The object does not exist *for this user* (another user's object looks exactly the same)."""


class PermissionDenied(StateError):
    """The user may not do this (e.g. a viewer changing global integrations)."""


class Conflict(StateError):
    """The change clashes with existing data (e.g. a second alert rule with the same name)."""


class StateUnavailable(StateError):
    """The state database cannot be reached; wraps the driver's OperationalError."""

    DEFAULT_MESSAGE = ("The state database is unreachable; your message is kept and will be saved "
                       "when it is back.")

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.DEFAULT_MESSAGE)
