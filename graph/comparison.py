"""Period-over-period findings: a play's compared figure (``agents.spec.Compare``) read from the rows of
its call on the question's window and of the same call on the comparison window, stated with both period
labels and the change ("Spend: $14,009 in last 7 days, ... against $12,888 in the period before, ...:
+$1,121 (+8.7%)"). Numbers come from the rows only; a period with no rows is said to have none.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from health_monitor.agents.spec import ROWS, Compare
from health_monitor.graph import figures
from health_monitor.graph.findings import ENTITY_COLUMNS, condition, focus
from health_monitor.graph.state import PERIOD_OVER_PERIOD, Finding

#: unit -> (format of the figure, format of the change, whether the change is in points rather than %).
_FORMATS: dict[str, tuple[Any, Any, bool]] = {
    "money": (figures.money, figures.money, False),
    "int": (figures.integer, figures.integer, False),
    "minutes": (lambda v: f"{figures.number(v)} min", lambda v: f"{figures.number(v)} min", False),
    "pct100": (figures.pct100, lambda v: f"{figures.number(v)} points", True),
}


def measure(rows: list[dict[str, Any]], spec: Compare) -> float | None:
    """The compared figure of ``rows`` (None when no row carries it, or a rate has no denominator)."""
    kept = [r for r in rows if not spec.where or condition(spec.where, r)]
    if spec.total == ROWS:
        return float(len(kept))  # a tool that ran and found no event counts none
    values = [float(r[spec.total]) for r in kept if isinstance(r.get(spec.total), (int, float))]
    if not values:
        return None
    if not spec.per:
        return sum(values)
    base = sum(float(r[spec.per]) for r in kept if isinstance(r.get(spec.per), (int, float)))
    return 100.0 * sum(values) / base if base else None


def _named_in(rows: list[dict[str, Any]], slots: dict[str, Any]) -> str:
    """The names the question gave whose kind these rows carry ("team analytics"), or ""."""
    cols = {c for r in rows[:1] for c in r}
    said = [f"{kind} {', '.join(map(str, slots.get(kind) or []))}" for kind in slots.get("_named") or ()
            if slots.get(kind) and any(ENTITY_COLUMNS.get(c) == kind for c in cols)]
    return " and ".join(said)


def compared(agent: str, tool: str, spec: Compare, rows: list[dict[str, Any]], earlier: list[dict[str, Any]],
             *, label: str, earlier_label: str, slots: dict[str, Any] | None = None,
             filtered: frozenset[str] = frozenset(), first_day: date | None = None) -> Finding:
    """One finding stating the figure for both periods and the change between them. Both row sets are
    narrowed to what the question named (``slots``), as the play's own finding is. A period that starts
    before the data does (``first_day``) is measured over the days the data covers, and says so."""
    fmt, fmt_change, points = _FORMATS.get(spec.unit, _FORMATS["money"])
    slots = dict(slots or {})
    before_slots = {**slots, "start_date": slots.get("compare_start"), "end_date": slots.get("compare_end")}
    whose = _named_in(rows, slots)
    rows = focus(rows, slots, filtered)[0]
    earlier = focus(earlier, before_slots, filtered)[0]
    now, then = measure(rows, spec), measure(earlier, spec)
    if whose:  # "Spend of team analytics": not the account's total, which another comparison may state too
        spec = replace(spec, label=f"{spec.label} of {whose}")
    period, before = label or "this period", earlier_label or "the period before"
    days_now, note_now = _covered(slots, "start_date", "end_date", first_day)
    days_then, note_then = _covered(slots, "compare_start", "compare_end", first_day)
    period, before = period + note_now, before + note_then
    # Periods of different lengths ("yesterday vs the October daily average", month to date vs last month, a
    # period the data covers only in part): a sum is compared a day on average; a rate needs no such scaling.
    daily = not spec.per and not spec.distinct and spec.unit != "pct100" and days_now and days_then and (
        days_now != days_then or bool(note_now or note_then))
    if daily and now is not None and then is not None:
        now, then = now / days_now, then / days_then
        say_now = fmt(now) if days_now == 1 else f"{fmt(now)} a day on average"
        say_then = fmt(then) if days_then == 1 else f"{fmt(then)} a day on average"
        change = now - then
        sign = "+" if change > 0 else "-" if change < 0 else "±"
        relative = f" ({figures.signed_pct100(100.0 * change / then)})" if then else ""
        text = (f"{spec.label}: {say_now} in {period} against {say_then} in {before}: "
                f"{sign}{fmt_change(abs(change))} a day{relative}.")
        return Finding(agent=agent, title=f"{spec.label}{PERIOD_OVER_PERIOD}", summary=text,
                       figures=_figures(now, then, points), tools=[tool])
    if now is None or then is None:
        missing = period if now is None else before
        text = (f"{spec.label}: no rows for {missing}, so there is nothing to compare"
                + (f" ({fmt(now)} in {period})." if now is not None else
                   f" ({fmt(then)} in {before})." if then is not None else "."))
        return Finding(agent=agent, title=f"{spec.label}{PERIOD_OVER_PERIOD}", summary=text, tools=[tool])
    change = now - then
    sign = "+" if change > 0 else "-" if change < 0 else "±"
    relative = "" if points or not then else f" ({figures.signed_pct100(100.0 * change / then)})"
    text = (f"{spec.label}: {fmt(now)} in {period} against {fmt(then)} in {before}: "
            f"{sign}{fmt_change(abs(change))}{relative}.")
    return Finding(agent=agent, title=f"{spec.label}{PERIOD_OVER_PERIOD}", summary=text,
                   figures=_figures(now, then, points), tools=[tool])


def _figures(now: float, then: float, points: bool) -> dict[str, float | int | str]:
    change = now - then
    figs: dict[str, float | int | str] = {"current": round(now, 4), "previous": round(then, 4),
                                          "change": round(change, 4)}
    if not points and then:
        figs["change_pct"] = round(100.0 * change / then, 2)
    return figs


def _covered(slots: dict[str, Any], start: str, end: str, first_day: date | None) -> tuple[int, str]:
    """Days of a period the data covers, and a note when that is not all of it ("last quarter" when the
    data starts in its last weeks)."""
    a = slots.get(start)
    if isinstance(first_day, date) and isinstance(a, date) and a < first_day <= (slots.get(end) or first_day):
        return _days({"a": first_day, "b": slots.get(end)}, "a", "b"), \
            f" (the data covers it from {first_day.isoformat()} only)"
    return _days(slots, start, end), ""


def _days(slots: dict[str, Any], start: str, end: str) -> int:
    """Calendar days of a period in the slots (0 when it is not given as two dates)."""
    a, b = slots.get(start), slots.get(end)
    return (b - a).days + 1 if isinstance(a, date) and isinstance(b, date) and b >= a else 0
