"""The most recent event before an empty window ("the outage from earlier this week" asked on a Friday, when
it was last Sunday).

A play that declares ``agents.spec.Before`` and whose call kept no row for the question's window gets one
more call: the same tool over its longest window (``<call id>-before``). Its rows are narrowed to what the
question named, and the most recent row before the window is said through the play's own lens: "None in
<window>; the most recent before it: <row>". Nothing here is about one tool: the window parameter, its
bound and the time column come from the tool's contract.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from health_monitor.agents.spec import AgentSpec, Play
from health_monitor.graph.figures import render
from health_monitor.graph.findings import (
    condition,
    entities_of,
    figures_of,
    focus,
    plain_rows,
    read_rows,
    within,
)
from health_monitor.graph.planner import BEFORE_SUFFIX, COMPARISON_SUFFIX, look_back_args, play_for
from health_monitor.graph.state import Finding

from health_monitor.core import measured


def _applies(play: Play | None, slots: dict[str, Any]) -> bool:
    if play is None or play.before is None or slots.get("page") or slots.get("compare_start"):
        return False
    return all(any(slots.get(alt) for alt in need.split("|")) for need in play.before.needs)


def holds_nothing(result: dict[str, Any], play: Play, slots: dict[str, Any], filtered: frozenset[str]) -> bool:
    """Did the call succeed and keep no row for the question (its window, the names it gave)?"""
    if not result.get("ok") or measured.is_not_measured(result.get("message")):
        return False
    kept, missing = focus(result.get("rows") or [], slots, filtered)
    start = slots.get("start_date")
    if isinstance(start, date):
        # Rows the tool read from before the window do not count; rows after it do (the lenient reading of
        # findings.focus quotes them: "last night" may mean 03:00 today).
        kept = within(kept, start, date.max)
    if missing:
        return True
    return not read_rows(kept, play.lens, columns=result.get("columns") or [], money_cols=set()).kept


def look_back_calls(spec: AgentSpec, results: dict[str, Any], slots: dict[str, Any], registry: Any,
                    as_of_date: date | None, filtered_of: Any) -> list[dict[str, Any]]:
    """One more call per empty result whose play looks back (none once a look-back ran)."""
    if any(cid.endswith(BEFORE_SUFFIX) for cid in results):
        return []
    calls = []
    for cid, result in results.items():
        if cid.endswith(COMPARISON_SUFFIX) or result["tool"] not in registry:
            continue
        play = play_for(spec, result["tool"], cid)
        tool = registry.get(result["tool"])
        if not _applies(play, slots) or not tool.time_column:
            continue
        if not holds_nothing(result, play, slots, filtered_of(tool, result)):
            continue
        args = look_back_args(tool, dict(result.get("args") or {}), play.before.days, as_of_date)
        if args is not None:
            calls.append({"name": tool.name, "args": args, "id": cid + BEFORE_SUFFIX, "type": "tool_call"})
    return calls


def instant(value: Any) -> datetime | None:
    """A row's time as a naive UTC datetime (dates at midnight; ISO text parsed)."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return None


#: Window parameters of a tool, in days (``hours`` in hours).
_SPANS = ("days", "lookback_days", "hours")


def _span(tool: Any, args: dict[str, Any]) -> tuple[int, str] | None:
    """Hours a call read back from the as-of (its argument or the tool's default) and how to say it."""
    fields = tool.params.model_fields
    for pname in _SPANS:
        if pname in fields:
            n = args.get(pname) or fields[pname].default
            if not isinstance(n, int):
                return None
            hours = n if pname == "hours" else n * 24
            said = f"the last {hours // 24} days" if hours % 24 == 0 and hours > 24 else f"the last {hours} hours"
            return hours, said
    return None


def window_of(slots: dict[str, Any], label: str, tool: Any, args: dict[str, Any],
              as_of: datetime | None) -> tuple[datetime | None, str]:
    """Where the window the question asked about starts, and its label: the question's own window, else the
    look-back the call read."""
    start = slots.get("start_date")
    span = _span(tool, args)
    if isinstance(start, date) and label:
        # "last 24h" read as hours=24 starts later than the calendar day its label names
        began = datetime(start.year, start.month, start.day)
        if span is not None and as_of is not None and args.get("hours"):
            began = max(began, instant(as_of) - timedelta(hours=span[0]))  # type: ignore[operator]
        return began, label
    if span is not None and as_of is not None:
        return instant(as_of) - timedelta(hours=span[0]), span[1]  # type: ignore[operator]
    if isinstance(start, date):
        return datetime(start.year, start.month, start.day), f"the period from {start.isoformat()}"
    return None, label or "the period"


def _others_in_window(main: dict[str, Any], slots: dict[str, Any], play: Play, money_cols: set[str]) -> str | None:
    """The first row of the question's window about other names, as the lens says it (None when there is none)."""
    rows = main.get("rows") or []
    start, end = slots.get("start_date"), slots.get("end_date")
    if isinstance(start, date):
        rows = within(rows, start, end if isinstance(end, date) else date.max)
    read = read_rows(rows, play.lens, columns=main.get("columns") or [], money_cols=money_cols) if rows else None
    if read is None or not read.items and not read.text:
        return None
    first = (read.items[0] if read.items else read.text).rstrip(".")
    return first + ("" if first.endswith("…") else ".")


def finding(*, agent: str, title: str, tool: Any, play: Play, main: dict[str, Any], earlier: dict[str, Any],
            slots: dict[str, Any], label: str, as_of: datetime | None, filtered: frozenset[str],
            money_cols: set[str]) -> Finding | None:
    """The look-back's finding: the most recent row before the window, or that there was none either."""
    if not earlier.get("ok"):
        return None
    start, said = window_of(slots, label, tool, main.get("args") or {}, as_of)
    named = {k: v for k, v in slots.items() if k not in ("start_date", "end_date", "date")}
    rows, missing = focus(earlier.get("rows") or [], named, filtered)
    column = tool.time_column
    timed = [] if missing else [(t, r) for r in rows if condition(play.lens.where, r)
                                and (t := instant(r.get(column))) is not None]
    end = slots.get("end_date")
    after = [(t, r) for t, r in timed if isinstance(end, date) and t >= datetime(end.year, end.month, end.day)
             + timedelta(days=1)]
    # "is this training job failing?" asked after "yesterday": what happened since the window says more than
    # the last one before it
    nearest = after or [(t, r) for t, r in timed if start is None or t < start]
    if not nearest:
        nothing = (play.lens.empty or "Nothing in the period.").rstrip(".")
        if missing:  # none for the name asked about, not none at all
            nothing = f"For the {missing}: {nothing[:1].lower()}{nothing[1:]}"
        span = _span(tool, earlier.get("args") or {})
        further = f"; none in {span[1]} either." if span else "; none further back either."
        others = _others_in_window(main, slots, play, money_cols) if missing else None
        if others:  # "how many failed logins from 10.0.0.5?": none, but the window's others say what did happen
            further = f"{further[:-1]}; in the period, elsewhere: {others}"
        return Finding(agent=agent, title=title, summary=nothing + further, severity="info", tools=[tool.name],
                       judged=False)
    when, latest = max(nearest, key=lambda pair: pair[0])
    # a grouped lens counts the burst the latest row belongs to ("3 failed logins from that IP"), not one row
    burst = [r for t, r in nearest if r is latest or play.lens.group and r.get(play.lens.group) == latest.get(
        play.lens.group) and when - t <= timedelta(days=1)]
    read = read_rows(burst, play.lens, columns=earlier.get("columns") or [], money_cols=money_cols)
    said_row = (read.items[0] if read.items else read.text).rstrip(".")
    if "{" + column not in play.lens.say:  # "the most recent" needs its time even where the lens omits it
        fmt = "time" if isinstance(latest.get(column), datetime) else "date"
        said_row += render(f" (on {{{column}:{fmt}}})", latest)
    end = "" if said_row.endswith(("…", ".", "!", "?")) else "."
    text = f"None in {said}; {'since then' if after else 'the most recent before it'}: {said_row}{end}"
    # its rows go to the relations step too: "what broke?" about a run just before the window still gets its cause
    return Finding(agent=agent, title=title, summary=text, headline=text, severity="info",
                   figures=figures_of([latest]), entities=entities_of([latest]), tools=[tool.name],
                   rows=plain_rows(burst), judged=False)
