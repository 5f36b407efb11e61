"""One visual language for state (no Streamlit): six levels, each with a label, a Streamlit badge colour,
a chart colour and a table-cell tint, used by badges, status pills, table columns, chart marks and
progress bars alike.

Any status word the tools return (``FAILED``, ``degraded``, ``over_budget``, ``pass``...) maps to a level
through :data:`WORDS` (one registry, no if/elif chains); unknown words are "not measured", never "ok".
The chart colours are mid-tones chosen to read on both the light and the dark theme; cell tints are
translucent so the theme's own text colour stays on top (contrast holds in both themes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from health_monitor.ui.formatting import label


@dataclass(frozen=True)
class Level:
    key: str
    label: str
    rank: int  # 0 = most severe (sort key)
    badge: str  # Streamlit markdown colour: red, orange, yellow, blue, green, gray
    color: str  # chart marks, progress bars
    tint: str  # table cell background


LEVELS: dict[str, Level] = {lv.key: lv for lv in (
    Level("critical", "Critical", 0, "red", "#c62828", "rgba(198, 40, 40, 0.28)"),
    Level("high", "High", 1, "red", "#e5533d", "rgba(229, 83, 61, 0.22)"),
    Level("medium", "Medium", 2, "orange", "#e8a21a", "rgba(232, 162, 26, 0.24)"),
    Level("low", "Low", 3, "blue", "#4a8fd9", "rgba(74, 143, 217, 0.18)"),
    Level("ok", "OK", 4, "green", "#2e9e5b", "rgba(46, 158, 91, 0.18)"),
    Level("not_measured", "Not measured", 5, "gray", "#8a8f98", "rgba(138, 143, 152, 0.16)"),
)}

#: Status words from the tools -> level. Lower-cased, spaces and dashes as underscores.
WORDS: dict[str, str] = {
    **{w: "critical" for w in ("critical", "down", "outage", "fail", "failed", "failure", "error", "errored",
                               "internal_error", "exceeded", "over_budget", "breach", "breached")},
    **{w: "high" for w in ("high", "timed_out", "timedout", "at_risk", "over", "likely_over", "stale", "drift",
                           "drifting", "anomaly", "unhealthy", "open", "firing", "new_grant")},
    **{w: "medium" for w in ("medium", "warn", "warning", "degraded", "review", "watch", "canceled", "cancelled",
                             "upstream_failed", "skipped", "elevated")},
    **{w: "low" for w in ("low", "info", "notice", "running", "pending", "queued")},
    **{w: "ok" for w in ("ok", "healthy", "pass", "passed", "success", "succeeded", "on_track", "under", "fresh",
                         "up", "available", "resolved", "closed", "none", "active", "finished")},
    **{w: "not_measured" for w in ("direct", "inherited")},
    **{w: "not_measured" for w in ("not_measured", "unknown", "unmeasured", "n/a", "no_data")},
}


def level(status: Any) -> Level:
    """The level of any status or severity word (unknown or missing -> not measured)."""
    if status is None:
        return LEVELS["not_measured"]
    word = str(status).strip().lower().replace(" ", "_").replace("-", "_")
    return LEVELS[WORDS.get(word, "not_measured")]


def pill(status: Any, text: str | None = None) -> str:
    """A status pill in Streamlit markdown: ``:red-badge[Failed]``."""

    shown = text if text is not None else label(status)
    return f":{level(status).badge}-badge[{shown.replace(']', ')').replace('[', '(')}]"


def cell_style(status: Any) -> str:
    """CSS for a table cell holding ``status`` (a pandas Styler ``map`` function)."""
    lv = level(status)
    return f"background-color: {lv.tint}; font-weight: 600" if lv.key != "not_measured" or status else ""


def color(status: Any) -> str:
    return level(status).color


def colors_for(values: Any) -> dict[str, str]:
    """``{value: chart colour}`` for a set of status values (chart ``color_discrete_map``)."""
    return {str(v): color(v) for v in values}


def rank(status: Any) -> int:
    return level(status).rank


def share_color(pct: Any, *, warn: float = 80.0, over: float = 100.0) -> str:
    """Progress-bar colour of a used share (budget, capacity): ok below ``warn``, medium to ``over``, then critical."""
    try:
        x = float(pct)
    except (TypeError, ValueError):
        return LEVELS["not_measured"].color
    return LEVELS["critical" if x >= over else "medium" if x >= warn else "ok"].color
