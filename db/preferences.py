"""Per-user preferences: one row per user, created on first save; defaults until then."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from health_monitor.db.models import UserPreference
from health_monitor.db.records import Preferences, to_record
from sqlalchemy.orm import Session

THEMES = ("system", "light", "dark")
FIELDS = ("display_name", "timezone", "theme", "refresh_seconds", "filters")


def get_preferences(*, session: Session, user_id: str) -> Preferences:
    """The user's preferences, or the defaults when they never saved any."""
    row = session.get(UserPreference, user_id)
    return Preferences(user_id=user_id) if row is None else to_record(Preferences, row)


def _check(changes: dict[str, Any]) -> None:
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown preference(s) {', '.join(sorted(unknown))}; known: {', '.join(FIELDS)}")
    if "timezone" in changes:
        try:
            ZoneInfo(str(changes["timezone"]))
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"timezone: unknown zone {changes['timezone']!r}, e.g. 'UTC', 'Europe/Paris'") from None
    if "theme" in changes and changes["theme"] not in THEMES:
        raise ValueError(f"theme: one of {', '.join(THEMES)}, got {changes['theme']!r}")
    if "refresh_seconds" in changes and (not isinstance(changes["refresh_seconds"], int)
                                         or changes["refresh_seconds"] < 0):
        raise ValueError("refresh_seconds: a whole number of seconds, 0 (off) or more")
    if "filters" in changes and not isinstance(changes["filters"], dict):
        raise ValueError("filters: a mapping such as {'workspace': 'prod', 'date_range': {...}}")


def set_preferences(*, session: Session, user_id: str, **changes: Any) -> Preferences:
    """Save the given fields (others keep their value); ``filters`` replaces the whole mapping."""
    _check(changes)
    row = session.get(UserPreference, user_id, with_for_update=True)
    if row is None:
        row = UserPreference(user_id=user_id, filters={})
        session.add(row)
    for name, value in changes.items():
        setattr(row, name, dict(value) if name == "filters" else value)
    session.flush()
    return to_record(Preferences, row)
