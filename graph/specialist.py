"""The specialist subgraph factory: ``decide -> act -> decide ... -> report``.

One factory serves all eight agents (each :class:`agents.spec.AgentSpec` is data). ``decide`` is
the policy: with an LLM it is a tool-calling step over the agent's catalog tools (bounded by
``llm_max_steps``); offline (or when the LLM fails) it is :mod:`graph.planner` reading the agent's
playbook. ``act`` runs the chosen calls through the tool executor, streaming ``ToolStart``/``ToolEnd``.
``report`` turns the rows into typed findings (:mod:`graph.findings`) and returns only the
:class:`AgentReport` and the tool-call records to the parent, never the transcript.

Nothing here raises into the parent: a failing LLM, tool or summariser becomes a note or an
``ok=False`` report so one agent never sinks the others.
"""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from types import SimpleNamespace
from typing import Any, Literal

from health_monitor.agents.spec import AgentSpec, Lens
from health_monitor.graph import adapters, nearest, templates
from health_monitor.graph.comparison import compared
from health_monitor.graph.context import RunContext
from health_monitor.graph.events import Progress, ToolEnd, ToolStart, emit
from health_monitor.graph.findings import row_numbers, to_finding
from health_monitor.graph.history import history_messages, role_of
from health_monitor.graph.llm import LLMFailure, call_llm, fallback, turn_of, unavailable
from health_monitor.graph.planner import (
    BEFORE_SUFFIX,
    COMPARISON_SUFFIX,
    asked_play,
    call_id,
    plan,
    play_for,
    play_slots,
)
from health_monitor.graph.state import (
    AgentReport,
    SpecialistInput,
    SpecialistOutput,
    SpecialistState,
    ToolCallRecord,
)
from health_monitor.graph.tracing import span
from health_monitor.graph.untrusted import RULE, fence
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage
from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime

from health_monitor.core.dates import as_date
from health_monitor.core.errors import first_line

MAX_PARALLEL_CALLS = 4


def _slots(spec: AgentSpec, state: SpecialistState) -> dict[str, Any]:
    """The turn's slots as this specialist reads them (without names another ask of the question gave)."""
    return adapters.slots_for(spec.name, (state.get("turn") or {}).get("slots") or {})


def _offline_calls(spec: AgentSpec, state: SpecialistState, ctx: RunContext) -> list[dict[str, Any]]:
    turn = state.get("turn") or {}
    calls = plan(spec, question=state.get("question", ""), intents=list(turn.get("intents") or []),
                 slots=dict(_slots(spec, state)), registry=adapters.tool_registry(ctx),
                 as_of_date=ctx.as_of.date() if ctx.as_of else None)
    return [{"name": c.tool, "args": adapters.jsonable(c.args), "id": call_id(spec.name, c, i), "type": "tool_call"}
            for i, c in enumerate(calls)]


def _look_back(spec: AgentSpec, state: SpecialistState, ctx: RunContext) -> list[dict[str, Any]]:
    """After the first calls: the look-back of each play whose window held nothing (graph.nearest)."""
    slots = dict(_slots(spec, state))
    calls = nearest.look_back_calls(spec, state.get("results") or {}, slots, adapters.tool_registry(ctx),
                                    ctx.as_of.date() if ctx.as_of else None, _filtered_kinds)
    return [{**c, "args": adapters.jsonable(c["args"])} for c in calls]


def make_decide(spec: AgentSpec):
    def decide(state: SpecialistState, runtime: Runtime[RunContext]) -> dict[str, Any]:
        """Choose the next tool calls (an AIMessage with ``tool_calls``) or stop (one without)."""
        ctx = runtime.context
        steps = state.get("steps", 0)
        mode = state.get("mode") or ("llm" if ctx.llm is not None else "offline")
        if state.get("failure"):
            return {"messages": [AIMessage(content="")], "steps": steps + 1}
        if mode == "offline":
            calls = _offline_calls(spec, state, ctx) if steps == 0 else _look_back(spec, state, ctx)
            return {"messages": [AIMessage(content="", tool_calls=calls)], "steps": steps + 1, "mode": "offline"}
        if steps >= max(1, ctx.settings.llm_max_steps):
            return _rescue(spec, state, ctx, f"stopped after {steps} LLM steps (llm_max_steps)", steps,
                           note=f"stopped after {steps} LLM steps (llm_max_steps)")
        emit(Progress(stage="specialist", agent=spec.name,
                      message=f"the {spec.title} agent is choosing {'its next' if steps else 'a'} tool"))
        skip = unavailable(ctx)
        if skip:  # the endpoint already failed this turn: straight to the offline plan, no prompt built
            return _rescue(spec, state, ctx, skip, steps,
                           note=f"The {spec.title} agent's LLM failed ({skip}); answered offline.")
        try:
            reply = _llm_step(spec, state, ctx)
        except LLMFailure as e:  # the offline planner answers (its calls run unless real rows came back)
            return _rescue(spec, state, ctx, str(e), steps,
                           note=f"The {spec.title} agent's LLM failed ({e}); answered offline.")
        if not reply.tool_calls and not _has_rows(state):
            return _rescue(spec, state, ctx, "the LLM stopped without usable tool results", steps,
                           note=f"The {spec.title} agent's LLM stopped without usable tool results; "
                                "answered with its offline plan.", reply=reply)
        return {"messages": [reply], "steps": steps + 1, "mode": "llm"}

    return decide


def _has_rows(state: SpecialistState) -> bool:
    """True once some call of this agent succeeded (rows or an honest "no rows")."""
    return any(r.get("ok") for r in (state.get("results") or {}).values())


def _rescue(spec: AgentSpec, state: SpecialistState, ctx: RunContext, reason: str, steps: int, *, note: str,
            reply: AIMessage | None = None) -> dict[str, Any]:
    """Hand the agent to its offline plan: its calls run when no LLM-chosen call succeeded, so a model that
    failed, gave up after tool errors or ran out of steps never leaves the domain's section empty."""
    calls = [] if _has_rows(state) else _offline_calls(spec, state, ctx)
    fallback(ctx, f"specialist:{spec.name}", reason)
    messages = [reply] if reply is not None else []
    return {"messages": [*messages, AIMessage(content="", tool_calls=calls)], "steps": steps + 1, "mode": "offline",
            "notes": [note]}


def _llm_step(spec: AgentSpec, state: SpecialistState, ctx: RunContext) -> AIMessage:
    tools = adapters.langchain_tools(ctx, spec.name)
    prompt = spec.prompt(as_of=ctx.as_of_text, user=f"a {role_of(ctx)} of this health monitor",
                         tools=", ".join(t.name for t in tools), max_steps=ctx.settings.llm_max_steps)
    # this specialist's own names and window; the routing bookkeeping of the other asks is not a parameter
    hint = json.dumps(adapters.jsonable({k: v for k, v in _slots(spec, state).items() if k not in ("_not_for", "_own")}),
                      default=str)
    history = history_messages(turn_of(ctx).previous, ctx.settings.llm_history_tokens)
    messages = [SystemMessage(f"{prompt}\n{RULE}"), *history,
                HumanMessage(f"{state.get('question', '')}\n\n(Parameters understood so far: {hint})"),
                *state.get("messages", [])]
    with span(ctx, f"agent:{spec.name}:decide", "AGENT", {"step": state.get("steps", 0)}):
        return call_llm(ctx, f"specialist:{spec.name}", messages, tools=tools)


def after_decide(state: SpecialistState) -> Literal["act", "report"]:
    last = (state.get("messages") or [None])[-1]
    return "act" if isinstance(last, AIMessage) and last.tool_calls else "report"


def make_act(spec: AgentSpec):
    def act(state: SpecialistState, runtime: Runtime[RunContext]) -> dict[str, Any]:
        """Run the last decision's tool calls (in parallel), streaming each start and end."""
        ctx = runtime.context
        calls = list(state["messages"][-1].tool_calls)
        allowed = set(adapters.agent_tool_names(ctx, spec.name))
        for call in calls:
            emit(ToolStart(agent=spec.name, tool=call["name"], args=call.get("args") or {}, call_id=call["id"]))

        def run(call: dict[str, Any]) -> Any:
            if call["name"] not in allowed:
                return adapters.refused(call["name"], call.get("args") or {},
                                        f"{call['name']!r} is not one of the {spec.name} agent's tools")
            with span(ctx, f"tool:{call['name']}", "TOOL", {"agent": spec.name, "args": call.get("args") or {}}) as sp:
                res = adapters.run_tool(ctx, call["name"], call.get("args") or {})
                sp.set_outputs({"ok": res.ok, "rows": res.row_count, "ms": round(res.ms, 1), "error": res.error})
                return res

        if len(calls) > 1:
            with ThreadPoolExecutor(max_workers=min(MAX_PARALLEL_CALLS, len(calls))) as pool:
                outcomes = list(pool.map(run, calls))
        else:
            outcomes = [run(c) for c in calls]
        messages, results, records = [], {}, []
        for call, res in zip(calls, outcomes, strict=True):
            args = adapters.jsonable(res.args or call.get("args") or {})
            emit(ToolEnd(agent=spec.name, tool=call["name"], args=args, call_id=call["id"], ok=res.ok,
                         rows=res.row_count, ms=round(res.ms, 1), error=res.error))
            # Rows are the account's text: quoted as untrusted data, in the tool message (never the system prompt).
            messages.append(ToolMessage(content=fence(res.to_text(max_rows=30), f"tool:{call['name']}"),
                                        tool_call_id=call["id"], name=call["name"]))
            results[call["id"]] = {"tool": call["name"], "ok": res.ok, "rows": res.rows, "columns": res.columns,
                                   "args": args,
                                   "error": res.error, "message": res.message}
            records.append(ToolCallRecord(agent=spec.name, tool=call["name"], args=args, ok=res.ok,
                                          rows=res.row_count, ms=round(res.ms, 1), error=res.error,
                                          message=res.message))
        return {"messages": messages, "results": results, "tool_calls": records}

    return act


def make_report(spec: AgentSpec):
    def report(state: SpecialistState, runtime: Runtime[RunContext]) -> dict[str, Any]:
        """Rows -> typed findings; the only thing the parent sees of this agent."""
        ctx = runtime.context
        registry = adapters.tool_registry(ctx)
        findings, errors, numbers = [], [], []
        if state.get("failure"):
            errors.append(state["failure"])
        results = state.get("results") or {}
        asked = asked_play(spec, state.get("question", ""), _slots(spec, state), ctx.as_of.date() if ctx.as_of else None,
                           list((state.get("turn") or {}).get("intents") or []))
        for cid, result in results.items():
            name = result["tool"]
            if cid.endswith((COMPARISON_SUFFIX, BEFORE_SUFFIX)):  # read with its main call, not on its own
                numbers += row_numbers(result["rows"]) if result["ok"] else []
                continue
            if not result["ok"]:
                error = str(result["error"] or "failed")
                errors.append(error if name in error else f"{name}: {error}")
                continue
            numbers += row_numbers(result["rows"])
            play = play_for(spec, name, cid)
            tool = registry.get(name) if name in registry else None
            slots = play_slots(spec, state.get("question", ""), _slots(spec, state), play)  # this ask's names
            try:
                finding = to_finding(
                    agent=spec.name, tool=name, title=(play.title if play and play.title else _title(tool, name)),
                    rows=_in_last_hours(tool, _in_past_window(tool, result["rows"], slots, ctx), slots, ctx,
                                        _window_label(state, spec)),
                    lens=play.lens if play else Lens(), columns=result["columns"],
                    money_cols=set(getattr(tool, "cost_columns", ()) or ()), message=result.get("message"),
                    slots=slots, filtered=_filtered_kinds(tool, result),
                    complete=len(result["rows"]) < int((result.get("args") or {}).get("top_n") or 10**9))
            except Exception as e:  # a bad template must not lose the agent's other findings
                errors.append(f"{name}: could not summarise ({e.__class__.__name__}: {e})")
                continue
            if finding is not None:
                finding = _what_a_past_window_read(tool, finding, slots, ctx)
                finding = _what_a_capped_look_back_read(tool, finding, result.get("args") or {}, slots, ctx)
            earlier = results.get(cid + BEFORE_SUFFIX)
            if earlier is not None and play is not None and tool is not None:
                finding = nearest.finding(
                    agent=spec.name, title=finding.title if finding else play.title or _title(tool, name), tool=tool,
                    play=play, main=result, earlier=earlier, slots=slots,
                    label=_window_label(state, spec), as_of=ctx.as_of, filtered=_filtered_kinds(tool, result),
                    money_cols=set(getattr(tool, "cost_columns", ()) or ())) or finding
            if finding is not None:
                finding.asked = play is not None and play is asked
                findings.append(finding)
        findings = _comparisons(spec, results, _slots(spec, state), registry,
                                adapters.data_first_day(ctx)) + findings
        last = (state.get("messages") or [None])[-1]
        narrative = last.content if isinstance(last, AIMessage) and state.get("mode") == "llm" else None
        ok = not errors or bool(findings)
        own = _slots(spec, state)
        period = str(own.get("_window_label") or "")
        if not period and findings and ((state.get("turn") or {}).get("slots") or {}).get("horizon_days") \
                and not own.get("horizon_days"):
            # the question's window is a forecast's, ahead of the data: this section read its own look-back
            calls = [SimpleNamespace(tool=r["tool"], args=r.get("args") or {}, ok=r["ok"]) for r in results.values()]
            period = templates.period_of(calls, findings[0].tools, ctx.as_of_text)
        rep = AgentReport(agent=spec.name, findings=findings, ok=ok, notes=list(state.get("notes") or []),
                          period=period,
                          error="; ".join(errors) or None, numbers=numbers,
                          narrative=narrative if isinstance(narrative, str) and narrative.strip() else None)
        return {"findings": {spec.name: rep}}

    return report


def _comparisons(spec: AgentSpec, results: dict[str, Any], slots: dict[str, Any], registry: Any,
                 first_day: Any = None) -> list[Any]:
    """A period-over-period finding for each call that also ran on the comparison window."""
    out = []
    for cid, earlier in results.items():
        if not cid.endswith(COMPARISON_SUFFIX) or not earlier["ok"]:
            continue
        play = play_for(spec, earlier["tool"], cid)
        stem = cid.removesuffix(COMPARISON_SUFFIX).rsplit("-", 1)[0]  # "cost-p2": the same play's main call
        main = next((r for k, r in results.items() if not k.endswith(COMPARISON_SUFFIX)
                     and k.rsplit("-", 1)[0] == stem and r["tool"] == earlier["tool"]), None)
        if play is None or play.compare is None or main is None or not main["ok"]:
            continue
        out.append(compared(spec.name, earlier["tool"], play.compare, main["rows"], earlier["rows"],
                            label=str(slots.get("window_label") or ""),
                            earlier_label=str(slots.get("compare_label") or ""), slots=slots, first_day=first_day,
                            filtered=_filtered_kinds(registry.get(earlier["tool"]) if earlier["tool"] in registry
                                                     else None, earlier)))
    return out


_HOURS_LABEL = re.compile(r"^(?:the )?last \d+ hours\b", re.IGNORECASE)


def _in_last_hours(tool: Any, rows: list[dict[str, Any]], slots: dict[str, Any], ctx: RunContext,
                   label: str) -> list[dict[str, Any]]:
    """A window asked in hours ("last 24h") read by a tool that takes whole days: only its rows inside those hours, so
    its lines agree with the hourly tools beside it (a failed login 27 hours ago is not "in the last 24 hours")."""
    hours, column = slots.get("hours"), getattr(tool, "time_column", None)
    fields = set(getattr(getattr(tool, "params", None), "model_fields", {}) or {})
    if not isinstance(hours, int) or isinstance(hours, bool) or not column or "hours" in fields or ctx.as_of is None \
            or not _HOURS_LABEL.match(label):
        return rows
    since = nearest.instant(ctx.as_of) - timedelta(hours=hours)
    return [r for r in rows if (t := nearest.instant(r.get(column))) is None or t >= since]


def _in_past_window(tool: Any, rows: list[dict[str, Any]], slots: dict[str, Any], ctx: RunContext) -> list[dict[str, Any]]:
    """``rows`` of a past window only, for a tool that reads a look-back from the as-of and cannot be given the
    window's end ("and the week before that?" of cost anomalies): no row dated after the window is said under its
    label. Tools that take dates read the window themselves; the rows of the current window are all kept."""
    column = getattr(tool, "time_column", None)
    start, end = as_date(slots.get("start_date")), as_date(slots.get("end_date"))
    takes_dates = bool({"start_date", "end_date", "date"} & set(getattr(getattr(tool, "params", None), "model_fields", {})))
    if not column or takes_dates or start is None or end is None or ctx.as_of is None or end >= ctx.as_of.date():
        return rows
    # an aggregate row spans its first to its last time ("2 failures, the last today"): kept when the span meets the window
    first = "first_" + column[len("last_"):] if column.startswith("last_") else column
    return [r for r in rows if (d := as_date(r.get(column))) is None
            or (as_date(r.get(first)) or d) <= end and d >= start]


def _what_a_past_window_read(tool: Any, finding: Any, slots: dict[str, Any], ctx: RunContext) -> Any:
    """A finding of a tool that cannot stop at the end of a past window asked ("and the week before?"), said for what
    it read: a fixed look-back (input drift: the last 3 days) is "not measured for that period"; a look-back from the
    as-of with no dates and no dated rows says it reads up to the as-of."""
    end, start = as_date(slots.get("end_date")), as_date(slots.get("start_date"))
    if end is None or ctx.as_of is None or end >= ctx.as_of.date() - timedelta(days=1):
        return finding
    head = finding.headline or (finding.items[0] if finding.items else "")
    if snapshot := getattr(tool, "snapshot", None):
        said = (f"Not measured for that period: this reading covers only {snapshot} (to {ctx.as_of:%Y-%m-%d}); "
                "no earlier one is kept.")
        return finding.model_copy(update={"headline": f"{said} Now: {head}" if head else said,
                                          "summary": f"{said} {finding.summary}", "severity": "info"})
    fields = set(getattr(getattr(tool, "params", None), "model_fields", {}) or {})
    if tool is None or fields & {"start_date", "end_date", "date"} or getattr(tool, "time_column", None) \
            or not fields & {"days", "hours", "lookback_days"}:
        return finding
    since = start.isoformat() if start is not None else "the window's start"
    return _said_first(finding, f"Read from {since} up to {ctx.as_of:%Y-%m-%d} (this check cannot stop at {end.isoformat()}):")


def _said_first(finding: Any, said: str) -> Any:
    """``finding`` with ``said`` before its first line (its headline, else its first item) and its summary."""
    head = finding.headline or (finding.items[0] if finding.items else "")
    if finding.headline or not finding.items:
        return finding.model_copy(update={"headline": f"{said} {head}" if head else said,
                                          "summary": f"{said} {finding.summary}"})
    return finding.model_copy(update={"items": [f"{said} {finding.items[0]}", *finding.items[1:]],
                                      "summary": f"{said} {finding.summary}"})


#: A tool's look-back parameters and the span of one unit of each.
_SPAN_UNITS = (("hours", timedelta(hours=1)), ("days", timedelta(days=1)), ("lookback_days", timedelta(days=1)))


def _what_a_capped_look_back_read(tool: Any, finding: Any, args: dict[str, Any], slots: dict[str, Any],
                                  ctx: RunContext) -> Any:
    """A finding of a tool whose longest look-back is shorter than the window asked ("has that happened before this
    quarter?" of failed runs, which look back 31 days at most), said for the span it read, not the window's label."""
    start = as_date(slots.get("start_date"))
    fields = getattr(getattr(tool, "params", None), "model_fields", {}) or {}
    if finding is None or start is None or ctx.as_of is None:
        return finding
    for name, unit in _SPAN_UNITS:
        most = next((m.le for m in getattr(fields.get(name), "metadata", ()) if getattr(m, "le", None)), None)
        value = args.get(name)
        if not isinstance(value, int) or most is None or value < most:
            continue
        since = (ctx.as_of - unit * int(most)).date()
        if start >= since:
            return finding
        days = round(unit * int(most) / timedelta(days=1))
        return _said_first(finding, f"Read from {since.isoformat()} only (this check looks back {days} days at most, "
                                    f"not to {start.isoformat()}):")
    return finding


def _window_label(state: SpecialistState, spec: AgentSpec | None = None) -> str:
    """The label of the window the question named ("this week, 2026-11-30 to 2026-12-04 (UTC)"), if any, or of
    the window this specialist's own ask named."""
    own = _slots(spec, state).get("_window_label") if spec is not None else None
    if own:
        return str(own)
    window = ((state.get("turn") or {}).get("understanding") or {}).get("window") or {}
    return str(window.get("label") or "")


def _filtered_kinds(tool: Any, result: dict[str, Any]) -> frozenset[str]:
    """Entity kinds the call already filtered by (a name argument it was given)."""
    kinds = getattr(tool, "name_params", {}) or {}
    return frozenset(kind for param, kind in kinds.items() if (result.get("args") or {}).get(param))


def _title(tool: Any, name: str) -> str:
    if tool is None:
        return name.replace("_", " ")
    return tool.description.split(".")[0].split(":")[0][:80]


def specialist_builder(spec: AgentSpec) -> StateGraph:
    """The uncompiled subgraph of one specialist (``graph.builder`` compiles it)."""
    b = StateGraph(SpecialistState, input_schema=SpecialistInput, output_schema=SpecialistOutput,
                   context_schema=RunContext)
    b.add_node("decide", _guard(spec, make_decide(spec)))
    b.add_node("act", _guard(spec, make_act(spec)))
    b.add_node("report", _guard(spec, make_report(spec)))
    b.add_edge(START, "decide")
    b.add_conditional_edges("decide", after_decide, ["act", "report"])
    b.add_edge("act", "decide")
    b.add_edge("report", END)
    return b


def _guard(spec: AgentSpec, node: Any) -> Any:
    """Turn an unexpected exception in a node into a failed report (the other agents carry on)."""

    def guarded(state: SpecialistState, runtime: Runtime[RunContext]) -> dict[str, Any]:
        try:
            return node(state, runtime)
        except Exception as e:
            message = f"{e.__class__.__name__}: {first_line(e) if str(e).strip() else ''}".strip(": ")
            failure = f"the {spec.name} agent failed ({message})"
            if node.__name__ == "report":
                return {"findings": {spec.name: AgentReport(agent=spec.name, ok=False, error=failure)}}
            return {"failure": failure, "messages": [AIMessage(content="")]}

    guarded.__name__ = getattr(node, "__name__", "node")
    guarded.__doc__ = node.__doc__
    return guarded
