"""The typed understanding of one turn: the ONE shape the parser produces, the graph reads, the store
keeps with each message and memory reads back after a restart (also what an LLM sees as history).

    u = Understanding(question="why did costs jump yesterday?", domains=["cost"], intent="cause",
                      window=Window.day(date(2026, 1, 14), "yesterday"))
    stored = u.to_json()                      # JSON-safe dict, saved with the assistant message
    again = Understanding.from_json(stored)   # identical after a restart

Fields are stable: add optional ones, never rename. Imports only :mod:`graph.kinds`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Literal

from health_monitor.graph.kinds import KIND_NAMES
from pydantic import BaseModel, Field, field_validator

#: What the user wants done with the data.
Intent = Literal["lookup", "trend", "compare", "cause", "recommendation", "briefing", "list_more"]
INTENTS: tuple[str, ...] = ("lookup", "trend", "compare", "cause", "recommendation", "briefing", "list_more")

#: Why a question is answered with an honest "no" instead of figures.
Refusal = Literal["off_topic", "other_product", "future_date", "not_covered", "unsafe", "empty", "clarify",
                  "unknown_name"]
#: Refusals about this account's data (a name it lacks, a window it does not cover): the answer says so
#: first, then shows the nearest real figures (the whole account, the latest window), never invented ones.
NEAREST_DATA_REFUSALS = frozenset({"unknown_name", "future_date", "not_covered"})


class Entity(BaseModel):
    """A thing the question (or the previous answer) names."""

    kind: str
    #: Canonical name when resolved; the user's words when not.
    name: str
    resolved: bool = True
    #: The words that named it ("prod", "that job").
    text: str = ""
    #: For an unknown name: the closest known names of its kind.
    suggestions: list[str] = Field(default_factory=list)

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, v: str) -> str:
        if v not in KIND_NAMES:
            raise ValueError(f"unknown entity kind {v!r}; kinds are {', '.join(KIND_NAMES)} (graph/kinds.py)")
        return v


class Window(BaseModel):
    """A time window with inclusive UTC dates and the label answers quote."""

    start: date
    end: date
    #: "yesterday, 2026-01-14 (UTC day)", "last 7 days, 2026-01-08 to 2026-01-15 (UTC)".
    label: str
    #: The words that set it ("yesterday", "the day before").
    words: str = ""
    #: Trailing windows also carry their length counted back from the as-of instant.
    hours: int | None = None
    days: int | None = None
    future: bool = False

    @classmethod
    def make(cls, start: date, end: date, name: str = "", *, words: str = "", hours: int | None = None,
             days: int | None = None, future: bool = False) -> Window:
        """A window labelled "<name>, <dates> (UTC day|UTC)"."""
        dates = start.isoformat() if start == end else f"{start.isoformat()} to {end.isoformat()}"
        unit = "UTC day" if start == end else "UTC"
        label = f"{name}, {dates} ({unit})" if name and name != dates else f"{dates} ({unit})"
        return cls(start=start, end=end, label=label, words=words or name, hours=hours, days=days, future=future)

    @classmethod
    def day(cls, d: date, name: str = "") -> Window:
        return cls.make(d, d, name)

    @property
    def span_days(self) -> int:
        return (self.end - self.start).days + 1

    def shifted(self, days: int = 0, *, months: int = 0, name: str = "") -> Window:
        """The same-length window moved back (negative) or forward; months keep calendar months whole."""
        if months:
            y, m = divmod(self.start.year * 12 + self.start.month - 1 + months, 12)
            start = date(y, m + 1, 1)
            ny, nm = divmod(y * 12 + m + 1, 12)
            end = date(ny, nm + 1, 1) - timedelta(days=1)
            return Window.make(start, end, name or start.strftime("%B %Y"))
        # A moved window is no longer "the last N days" counted back from the as-of instant.
        return Window.make(self.start + timedelta(days=days), self.end + timedelta(days=days), name)


class TurnRef(BaseModel):
    """Which earlier turn this one builds on, and how."""

    #: Position of that turn in the conversation's history (0 = oldest kept), or -1 when unknown.
    index: int = -1
    question: str = ""
    #: The follow-up transformation applied ("shift_window", "resolve_subject", "downstream", ...).
    transform: str = ""


class Understanding(BaseModel):
    """Everything understood about one question."""

    question: str = ""
    #: ISO 639-1 code of the question's language ("en", "de", "es", "fr", "pt", "it", "nl").
    language: str = "en"
    #: Specialists to ask, best first (names from ``agents.registry.AGENT_NAMES``).
    domains: list[str] = Field(default_factory=list)
    intent: Intent = "lookup"
    entities: list[Entity] = Field(default_factory=list)
    window: Window | None = None
    comparison: Window | None = None
    #: Other parameters: top_n, severity, threshold_seconds, threshold_pct, regulation, direction, privilege.
    params: dict[str, Any] = Field(default_factory=dict)
    previous: TurnRef | None = None
    #: Set when the question gets an honest "no" (or a question back) instead of figures.
    refusal: Refusal | None = None
    #: The sentence explaining the refusal ("I only read this Databricks account's data; Snowflake ...").
    refusal_text: str = ""
    #: Pages of rows already shown ("show me more" asks for the next page; each finding quotes a page).
    offset: int = 0
    reason: str = ""
    #: The words of the question a chain of follow-ups continues ("slowest query today" three turns
    #: after, under "show me more" and "what about yesterday"): what the planner reads for the topic.
    topic: str = ""

    # --- reading ----------------------------------------------------------------------------------
    def names(self, kind: str, *, resolved_only: bool = True) -> list[str]:
        return [e.name for e in self.entities if e.kind == kind and (e.resolved or not resolved_only)]

    @property
    def unknown(self) -> list[Entity]:
        return [e for e in self.entities if not e.resolved]

    def entity_map(self) -> dict[str, list[str]]:
        """kind -> resolved names (order kept)."""
        out: dict[str, list[str]] = {}
        for e in self.entities:
            if e.resolved and e.name not in out.setdefault(e.kind, []):
                out[e.kind].append(e.name)
        return {k: v for k, v in out.items() if v}

    # --- storing ----------------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_defaults=True)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Understanding | None:
        """The stored understanding, or None when ``data`` is empty or not an understanding."""
        if not data:
            return None
        try:
            return cls.model_validate(data)
        except ValueError:
            return None


def history(previous: dict[str, Any] | None) -> list[Understanding]:
    """The conversation's stored understandings, oldest first, from the ``previous`` dict the graph
    receives (``graph.memory.load_previous``); turns stored without one are skipped."""
    out = []
    for turn in (previous or {}).get("history") or []:
        u = Understanding.from_json(turn.get("understanding") if isinstance(turn, dict) else None)
        if u is not None:
            out.append(u)
    return out


__all__ = ["INTENTS", "Entity", "Intent", "Refusal", "TurnRef", "Understanding", "Window", "history"]
