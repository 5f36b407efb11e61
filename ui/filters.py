"""The shared filters of every screen: a period (relative to the data's as-of date) and a workspace.

Persisted per user in ``user_preferences.filters`` as ``{"period": 30 | "custom", "start": ..., "end": ...,
"workspace": name | None}``. No Streamlit here: the sidebar widgets live in :mod:`ui.shell`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

PERIODS: dict[int, str] = {7: "Last 7 days", 14: "Last 14 days", 30: "Last 30 days",
                           90: "Last 90 days"}
DEFAULT_PERIOD = 30
CUSTOM = "custom"


@dataclass(frozen=True)
class Filters:
    """A closed date range ``start..end`` (UTC days) and an optional workspace name."""

    start: date
    end: date
    workspace: str | None = None
    period: int | str = DEFAULT_PERIOD
    #: The data's as-of date (its day is still in progress).
    as_of: date | None = None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def complete_end(self) -> date:
        """The last *complete* UTC day of the range (charts stop there: the as-of day is partial)."""
        if self.as_of is not None and self.end >= self.as_of:
            return max(self.start, self.as_of - timedelta(days=1))
        return self.end

    @property
    def hours(self) -> int:
        return self.days * 24

    @property
    def label(self) -> str:
        when = PERIODS.get(self.period, f"{self.start:%b %d} – {self.end:%b %d}") if isinstance(self.period, int) \
            else f"{self.start:%b %d} – {self.end:%b %d}"
        return f"{when}{' · ' + self.workspace if self.workspace else ''}"

    def previous(self) -> Filters:
        """The period of the same length just before this one (for deltas)."""
        return Filters(self.start - timedelta(days=self.days), self.start - timedelta(days=1), self.workspace,
                       self.period, self.as_of)

    def keep(self, row: Mapping[str, Any], column: str = "workspace_name") -> bool:
        """True when ``row`` is in the chosen workspace (rows with no workspace, e.g. account logins, stay)."""
        if not self.workspace:
            return True
        value = row.get(column)
        return value is None or str(value) == self.workspace

    def scope(self, rows: Iterable[Mapping[str, Any]], column: str = "workspace_name") -> list[Mapping[str, Any]]:
        return [r for r in rows if self.keep(r, column)]

    def to_pref(self) -> dict[str, Any]:
        out: dict[str, Any] = {"period": self.period, "workspace": self.workspace}
        if self.period == CUSTOM:
            out.update(start=self.start.isoformat(), end=self.end.isoformat())
        return out


def resolve(pref: Mapping[str, Any] | None, as_of: date) -> Filters:
    """Filters from a stored preference (tolerant of junk: falls back to the last 30 days)."""
    pref = pref or {}
    workspace = pref.get("workspace") or None
    period = pref.get("period", DEFAULT_PERIOD)
    if period == CUSTOM:
        try:
            start, end = date.fromisoformat(str(pref["start"])), date.fromisoformat(str(pref["end"]))
            end = min(end, as_of)
            if start <= end:
                return Filters(start, end, workspace, CUSTOM, as_of)
        except (KeyError, ValueError):
            pass
        period = DEFAULT_PERIOD
    if not isinstance(period, int) or period not in PERIODS:
        period = DEFAULT_PERIOD
    return Filters(as_of - timedelta(days=period - 1), as_of, workspace, period, as_of)
