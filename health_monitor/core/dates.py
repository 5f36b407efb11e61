"""Reading a date out of a row's value, once for every layer (Gold rows carry dates, timestamps or ISO text)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any


def as_date(v: Any) -> date | None:
    """A row's date or timestamp (or ISO text) as a date; None when it is none."""
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v)[:10]) if v else None
    except ValueError:
        return None
