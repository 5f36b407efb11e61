"""Numbers and times as people read them: ``$12.3k``, ``97.4 %``, ``2 h 05 min``, ``1.8 TB``, local times,
``Timed out`` for ``TIMED_OUT``, and :data:`MISSING` ("—") wherever a value is absent (never "None"/"nan").

Timestamps are UTC in the data (naive or aware); :func:`to_local` shows them in the user's zone.
No Streamlit here.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MISSING = "—"


def missing(v: Any) -> bool:
    """None, NaN, NaT or an empty string: nothing to show."""
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    if isinstance(v, str) and v.strip().lower() in ("", "none", "nan", "nat", "null"):
        return True
    try:
        import pandas as pd

        return bool(pd.isna(v)) if not isinstance(v, (list, tuple, dict, set)) else False
    except (ImportError, TypeError, ValueError):
        return False


def _zero(x: float, digits: int) -> float:
    """``-0.04`` at one digit is ``0.0``, not ``-0.0``."""
    return 0.0 if round(x, digits) == 0 else x


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
    return MISSING if missing(value) else str(value)


def tz_label(tz: str | None) -> str:
    return zone(tz).key


def money(v: Any, *, precise: bool = False) -> str:
    """``$12.50`` / ``$1,234`` / ``$12.3k`` / ``$1.23M``: cents only below $1,000, thousands separators
    (``precise``: full dollars, never abbreviated)."""
    if missing(v):
        return MISSING
    x = float(v)
    sign = "-" if x < 0 and round(abs(x), 2) else ""
    x = abs(x)
    if precise or x < 10_000:
        return f"{sign}${x:,.0f}" if x >= 1_000 else f"{sign}${x:,.2f}"
    if x < 1_000_000:
        return f"{sign}${x / 1000:,.1f}k"
    return f"{sign}${x / 1_000_000:,.2f}M"


def number(v: Any, digits: int = 0) -> str:
    """``1,234`` / ``123k`` / ``1.2M`` (never scientific notation)."""
    if missing(v):
        return MISSING
    x = float(v)
    if abs(x) >= 1_000_000:
        return f"{x / 1_000_000:,.1f}M"
    if abs(x) >= 100_000:
        return f"{x / 1000:,.0f}k"
    return f"{_zero(x, digits):,.{digits}f}"


def pct(v: Any, digits: int = 1) -> str:
    """A value already in percent: ``97.4 %``."""
    return MISSING if missing(v) else f"{_zero(float(v), digits):.{digits}f} %"


def signed_pct(v: Any, digits: int = 1) -> str | None:
    """A change in percent for ``st.metric`` deltas: ``+12.0 %`` (None stays None: no delta shown)."""
    if missing(v):
        return None
    x = _zero(float(v), digits)
    return f"{x:+.{digits}f} %" if x else f"{0:.{digits}f} %"


def duration(seconds: Any) -> str:
    """``45 s`` / ``3 min 05 s`` / ``18 min`` / ``2 h 05 min`` / ``3 d 04 h``."""
    if missing(seconds):
        return MISSING
    s = int(round(float(seconds)))
    if s < 60:
        return f"{s} s"
    m, s = divmod(s, 60)
    if m < 60:
        return f"{m} min {s:02d} s" if s and m < 10 else f"{m} min"
    h, m = divmod(m, 60)
    if h < 48:
        return f"{h} h {m:02d} min"
    d, h = divmod(h, 24)
    return f"{d} d {h:02d} h"


def data_size(n: Any) -> str:
    """Bytes as ``812 B`` / ``1.5 MB`` / ``2.0 TB`` (decimal units, as Databricks reports them)."""
    if missing(n):
        return MISSING
    x = float(n)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if abs(x) < 1000 or unit == "TB":
            return f"{x:,.0f} {unit}" if unit == "B" else f"{x:,.1f} {unit}"
        x /= 1000
    return f"{x:,.1f} PB"  # pragma: no cover - loop returns at TB


#: Enum values whose readable form is not just the words in lower case.
LABELS = {"sql": "SQL", "ml": "ML", "gpu": "GPU", "pii": "PII", "dbu": "DBU", "dbus": "DBUs", "ip": "IP",
          "api": "API", "sla": "SLA", "etl": "ETL", "dlt": "DLT", "uc": "UC",
          "mlflow": "MLflow", "ok": "OK", "url": "URL", "id": "id"}


def label(value: Any) -> str:
    """``TIMED_OUT`` -> ``Timed out``; ``all_purpose`` -> ``All purpose``; ``sql_cost`` -> ``SQL cost``."""
    if missing(value):
        return MISSING
    words = str(value).replace("_", " ").replace("-", " ").split()
    if not words:
        return MISSING
    out = [LABELS.get(w.lower(), w.lower()) for w in words]
    first = out[0]
    out[0] = first if first in LABELS.values() and first != "id" else first[:1].upper() + first[1:]
    return " ".join(out)


def text(value: Any, limit: int | None = None) -> str:
    """Any value as text: :data:`MISSING` when absent; cut at a word boundary with "…" past ``limit``."""
    if missing(value):
        return MISSING
    s = str(value)
    if limit is None or len(s) <= limit:
        return s
    cut = s[:limit].rsplit(" ", 1)[0] if " " in s[:limit] else s[:limit]
    return cut.rstrip(" ,;:.") + "…"


def change_pct(current: Any, previous: Any) -> float | None:
    """Percent change from ``previous`` to ``current`` (None when there is no baseline)."""
    if current is None or previous in (None, 0):
        return None
    return (float(current) - float(previous)) / abs(float(previous)) * 100.0


def humanize(column: str) -> str:
    """``list_cost_30d`` -> ``List cost 30d`` (table headers)."""
    words = column.replace("_pct", " %").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


_PRINTF = re.compile(r"%(,?)(\.\d+)?([dfi])")


def printf(fmt: str | None, v: Any) -> str:
    """A value through a Streamlit/sprintf number format (``"$%,.0f"``, ``"%.1f %%"``, ``"%d"``), in Python:
    for cells that must show as text (a number column with gaps); :data:`MISSING` for a missing value."""
    if missing(v):
        return MISSING
    m = _PRINTF.search(fmt or "")
    if not m:
        return number(v, 2 if isinstance(v, float) and abs(v) < 100 and v != int(v) else 0)
    x = float(v)
    if m.group(3) in "di":
        body = format(int(round(x)), "," if m.group(1) else "")
    else:
        body = format(_zero(x, int((m.group(2) or ".6")[1:])), f"{m.group(1)}{m.group(2) or '.6'}f")
    return fmt[:m.start()].replace("%%", "%") + body + fmt[m.end():].replace("%%", "%")


_SCI = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?e[+-]?\d+(?![\w.])", re.IGNORECASE)


def tidy_text(value: str) -> str:
    """Free text from a tool with its scientific-notation numbers written out (``1.07e+03`` -> ``1,070``)."""
    return _SCI.sub(lambda m: number(float(m.group(0)), 2 if abs(float(m.group(0))) < 100 else 0), value)
