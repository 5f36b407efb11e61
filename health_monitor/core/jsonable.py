"""One conversion from warehouse and model values to plain JSON-able Python values.

Tool rows, tool arguments, stored messages and bound parameters all pass through :func:`to_jsonable`
(or :func:`plain` for one scalar), so a Decimal, a date, a NaN or a numpy scalar means the same thing
everywhere.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any


def plain(value: Any) -> Any:
    """One scalar as a plain Python value: integral Decimals -> int, other Decimals -> float, NaN/NaT -> None,
    numpy scalars -> their Python value. Dates stay dates (use :func:`to_jsonable` for text)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        if not value.is_finite():
            return None
        return int(value) if value == value.to_integral_value() else float(value)
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ in ("NaTType", "NAType"):
        return None
    if type(value).__name__ == "Timestamp" and hasattr(value, "to_pydatetime"):
        return value.to_pydatetime()
    return value


def to_jsonable(value: Any) -> Any:
    """Containers recursively; dates and times as ISO strings; pydantic models as their dicts."""
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_jsonable(v) for v in value]
    if hasattr(value, "model_dump"):
        return to_jsonable(value.model_dump())
    value = plain(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return value
