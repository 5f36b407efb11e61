"""Reusable parameter types for tool signatures: windows, dates, top-N, names, enums.

Each helper returns an ``Annotated`` type carrying bounds, a description for the LLM and (for
dates and names) the metadata the executor reads. Use them in a :class:`tools.spec.ToolParams`::

    class Params(ToolParams):
        days: Days(7) = 7
        workspace: Name("workspace") = None
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from health_monitor.tools.spec import NameOf, RelativeDate
from pydantic import AfterValidator, BeforeValidator, Field

MAX_TEXT = 200


def _printable(value: str | None) -> str | None:
    if value is None:
        return None
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise ValueError("must be plain text (no control characters)")
    if not value:
        return None
    return value


def _not_blank(value: str | None) -> str | None:
    """A name given must name something: empty or whitespace-only is an error, not "all"."""
    if value is not None and not value.strip():
        raise ValueError("must not be empty or only spaces; omit it for all")
    return value


def _lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


def Days(default: int = 7, *, max_days: int = 365, what: str = "Look-back window") -> Any:  # noqa: N802
    """Whole days back from the as-of instant (1..max_days)."""
    return Annotated[int, Field(default, ge=1, le=max_days,
                                description=f"{what} in days back from the data's as-of time (1-{max_days}).")]


def Hours(default: int = 24, *, max_hours: int = 24 * 31) -> Any:  # noqa: N802
    return Annotated[int, Field(default, ge=1, le=max_hours,
                                description=f"Look-back window in hours before the data's as-of time (1-{max_hours}).")]


def TopN(default: int = 10, *, max_n: int = 100) -> Any:  # noqa: N802
    return Annotated[int, Field(default, ge=1, le=max_n, description=f"How many rows to return (1-{max_n}).")]


def Date(days_ago: int, description: str) -> Any:  # noqa: N802
    """An optional date; ``None`` = the as-of date minus ``days_ago`` days."""
    when = "the data's as-of date" if days_ago == 0 else f"{days_ago} days before the data's as-of date"
    return Annotated[date | None, Field(None, description=f"{description} (YYYY-MM-DD, UTC; default {when})."),
                     RelativeDate(days_ago)]


def Name(kind: str, description: str | None = None, *, alias: str | None = None) -> Any:  # noqa: N802
    """An optional name (or id) of a workspace, job, table, ...; unknown names give an empty answer.

    ``alias`` is the public parameter name when it would shadow a pydantic attribute (``schema``).
    """
    desc = description or f"Optional {kind} name or id; omit for all."
    return Annotated[str | None, Field(None, max_length=MAX_TEXT, description=desc, alias=alias),
                     BeforeValidator(_not_blank), AfterValidator(_printable), NameOf(kind)]


def Text(description: str) -> Any:  # noqa: N802
    """A free-text filter (matched as a case-insensitive substring, always bound)."""
    return Annotated[str | None, Field(None, max_length=MAX_TEXT, description=description),
                     AfterValidator(_printable)]


def Choice(*values: str, description: str) -> Any:  # noqa: N802
    """One of a few words (case-insensitive), or None for all."""
    return Annotated[Literal[values] | None, BeforeValidator(_lower),  # type: ignore[valid-type]
                     Field(None, description=f"{description} One of: {', '.join(values)}; omit for all.")]


def Ranking(*values: str, description: str) -> Any:  # noqa: N802
    """How rows are ranked: one of ``values`` (case-insensitive), the first when omitted."""
    return Annotated[Literal[values], BeforeValidator(_lower),  # type: ignore[valid-type]
                     Field(values[0], description=f"{description} One of: {', '.join(values)} (default {values[0]}).")]


Severity = Choice("low", "medium", "high", description="Minimum severity.")
