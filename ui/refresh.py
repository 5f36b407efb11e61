"""Auto-refresh policy (no Streamlit): each page refreshes at its own default, slowed to the user's
explicit choice; saving any other preference must not change it.

The state store's column defaults to 300 s, so the first save of *anything* (e.g. a sidebar filter)
would otherwise turn "never chose" into "every 5 minutes" on every page. :func:`first_save_fields`
writes :data:`PAGE_DEFAULT` ("each page's default") with that first save instead.
"""

from __future__ import annotations

from typing import Any

#: The stored value meaning "each page's own default" (no page refreshes faster than 30 s).
PAGE_DEFAULT = 30


def interval(page_default: int | None, prefs: Any) -> int | None:
    """Seconds between refreshes of a page (None: never). ``prefs`` is a db ``Preferences`` record."""
    if page_default is None:
        return None
    chosen = page_default if getattr(prefs, "updated_at", None) is None else int(prefs.refresh_seconds)
    if chosen <= 0:
        return None
    return max(page_default, chosen)


def first_save_fields(prefs: Any) -> dict[str, Any]:
    """Extra fields for a save that is not about refreshing: keep "each page's default" for a user who
    has no stored row yet (so the store's 300 s default is never written implicitly)."""
    return {"refresh_seconds": PAGE_DEFAULT} if getattr(prefs, "updated_at", None) is None else {}


def describe(seconds: int | None) -> str:
    """``every 30 seconds`` / ``every 5 minutes`` / ``never (auto-refresh is off)``."""
    if not seconds:
        return "not automatically (auto-refresh is off)"
    if seconds < 60:
        return f"every {seconds} seconds"
    minutes = seconds // 60
    return "every minute" if minutes == 1 else f"every {minutes} minutes"


def stale_notice(as_of: Any, now: Any, *, max_age_hours: float = 24.0) -> str | None:
    """A warning when the data's as-of instant is more than ``max_age_hours`` behind ``now`` (both UTC,
    naive = UTC), else None. Screens show it as a banner: figures for "yesterday" are then not yesterday's."""
    from datetime import timezone

    def utc(t: Any) -> Any:
        return t if t.tzinfo else t.replace(tzinfo=timezone.utc)

    age_h = (utc(now) - utc(as_of)).total_seconds() / 3600.0
    if age_h <= max_age_hours:
        return None
    age = f"{age_h / 24:.0f} days" if age_h >= 48 else f"{age_h:.0f} hours"
    return (f"The data is {age} old (last data at {as_of:%Y-%m-%d %H:%M} UTC): \"yesterday\" on these screens "
            "means the day before that. Check the Gold refresh job.")
