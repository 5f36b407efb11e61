"""Numbers and times as people read them: ``$12.3k``, ``97.4 %``, ``2 h 05 min``, local times.

Timestamps are UTC in the data (naive or aware); :func:`to_local` shows them in the user's zone.
No Streamlit here.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def to_local(value: Any, tz: str | None) -> Any:
    """A UTC datetime (naive = UTC) -> the same instant in ``tz``, without tzinfo (for tables/charts)."""
    if not isinstance(value, datetime):
        return value
    aware = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return aware.astimezone(zone(tz)).replace(tzinfo=None)


def when(value: Any, tz: str | None, *, seconds: bool = False) -> str:
    """``2026-01-14 21:03`` in the user's zone (dates pass through)."""
    if isinstance(value, datetime):
        return to_local(value, tz).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def tz_label(tz: str | None) -> str:
    return zone(tz).key


def money(v: Any, *, precise: bool = False) -> str:
    """``$1,234`` / ``$12.3k`` / ``$1.2M`` (``precise``: always full dollars)."""
    if v is None:
        return "–"
    x = float(v)
    sign = "-" if x < 0 else ""
    x = abs(x)
    if precise or x < 10_000:
        return f"{sign}${x:,.0f}" if x >= 100 else f"{sign}${x:,.2f}"
    if x < 1_000_000:
        return f"{sign}${x / 1000:,.1f}k"
    return f"{sign}${x / 1_000_000:,.2f}M"


def number(v: Any, digits: int = 0) -> str:
    if v is None:
        return "–"
    x = float(v)
    if abs(x) >= 1_000_000:
        return f"{x / 1_000_000:,.1f}M"
    if abs(x) >= 100_000:
        return f"{x / 1000:,.0f}k"
    return f"{x:,.{digits}f}"


def pct(v: Any, digits: int = 1) -> str:
    """A value already in percent: ``97.4 %``."""
    return "–" if v is None else f"{float(v):.{digits}f} %"


def signed_pct(v: Any, digits: int = 1) -> str | None:
    """A change in percent for ``st.metric`` deltas: ``+12.0 %`` (None stays None: no delta shown)."""
    return None if v is None else f"{float(v):+.{digits}f} %"


def duration(seconds: Any) -> str:
    if seconds is None:
        return "–"
    s = int(round(float(seconds)))
    if s < 60:
        return f"{s} s"
    m, s = divmod(s, 60)
    if m < 60:
        return f"{m} min {s:02d} s" if s and m < 10 else f"{m} min"
    h, m = divmod(m, 60)
    return f"{h} h {m:02d} min"


def change_pct(current: Any, previous: Any) -> float | None:
    """Percent change from ``previous`` to ``current`` (None when there is no baseline)."""
    if current is None or previous in (None, 0):
        return None
    return (float(current) - float(previous)) / abs(float(previous)) * 100.0


def humanize(column: str) -> str:
    """``list_cost_30d`` -> ``List cost 30d`` (table headers)."""
    words = column.replace("_pct", " %").replace("_", " ").strip()
    return words[:1].upper() + words[1:]
