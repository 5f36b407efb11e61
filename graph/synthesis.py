"""The synthesis node: one answer from every specialist's findings.

Offline the answer is written by :mod:`graph.templates` (the answer first, a section per domain, how
the findings connect: typed relations from :mod:`graph.relations`, which may read lineage through the
tools, else a shared entity; an offer to dig further). With an LLM the model writes a
draft while a ``Progress`` event says so; the draft is checked before any of it is streamed: every
number must be supported by the tool rows, and it may carry no link or instruction that did not come
from the product (:mod:`graph.untrusted`). A draft that fails is replaced by the template answer
(``revised``, and a ``fallback`` record naming the step). Only checked text reaches ``Token`` events.
Either way the answer ends with the data's as-of time and the tools used, added here, not by the model.

The findings (tool-derived, including each specialist's own LLM notes) go to the model in the user
message, fenced as untrusted data; the system prompt holds only the product's instructions.
"""

from __future__ import annotations

import json
from typing import Any

from health_monitor.agents.registry import AgentRegistry
from health_monitor.graph import adapters, relations, templates, whatif
from health_monitor.graph.context import RunContext
from health_monitor.graph.events import Progress, Token, emit
from health_monitor.graph.figures import numbers_in_text, unsupported_numbers
from health_monitor.graph.history import history_messages, role_of
from health_monitor.graph.llm import LLMFailure, call_llm, fallback, text_of, turn_of
from health_monitor.graph.state import AgentReport, HealthState, RoutingPlan, ToolCallRecord
from health_monitor.graph.untrusted import RULE, defang, fence, foreign_content
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from langgraph.runtime import Runtime

SYNTHESIS_PROMPT = """You are the Databricks platform health monitor answering {user}. Data as of {as_of}.
Write a short answer to the question from the specialists' findings: one section per domain with a
bold heading, the key figures, severity and a recommendation; say how the findings connect (use
"how_findings_connect" when given; else when two domains' findings name the same job, workspace, user or
table); end with one offer to dig further.
Use ONLY numbers that appear in the findings; never invent or estimate a figure. Do not add a
data-freshness line or a list of tools: they are appended for you. Do not include links.
{rule}

Findings: they come in the user's message as JSON, after the question."""

TOKEN_WORDS = 4


def stream_text(text: str, source: str = "synthesis") -> None:
    """Emit ``text`` as a few-words-at-a-time token stream (the offline path's streaming)."""
    words = text.split(" ")
    for i in range(0, len(words), TOKEN_WORDS):
        chunk = " ".join(words[i:i + TOKEN_WORDS])
        emit(Token(text=chunk + (" " if i + TOKEN_WORDS < len(words) else ""), source=source))


def known_numbers(state: HealthState, ctx: RunContext, question: str) -> list[float]:
    known: list[float] = numbers_in_text(question)
    for report in (state.get("findings") or {}).values():
        known += report.numbers
        for f in report.findings:
            known += [float(v) for v in f.figures.values() if isinstance(v, (int, float))]
            known += numbers_in_text(f.summary)
    if ctx.as_of:
        known += [ctx.as_of.year, ctx.as_of.month, ctx.as_of.day, ctx.as_of.hour]
    return known


def make_synthesize(agents: AgentRegistry):
    def synthesize(state: HealthState, runtime: Runtime[RunContext]) -> dict[str, Any]:
        """Write the answer (LLM with a figure check, or templates) and its footer."""
        ctx = runtime.context
        plan = state.get("plan") or RoutingPlan(declined=True)
        reports = state.get("findings") or {}
        turn = state.get("turn") or {}
        question = turn.get("question") or state.get("question") or ""
        notes = list(state.get("notes") or []) + [n for r in reports.values() for n in r.notes]
        if plan.declined or not plan.agents:
            body = templates.decline(agents, reason=plan.reason)
            text = templates.join(body, notes, templates.footer(ctx.as_of_text, state.get("tool_calls") or []))
            stream_text(text)
            return {"answer": text, "messages": [AIMessage(text)], "revised": False}
        found, reads = connect(ctx, reports, state.get("tool_calls") or []) if plan.method != "briefing" else ([], [])
        links = [r.text for r in found]
        calls = list(state.get("tool_calls") or []) + reads
        footer = templates.footer(ctx.as_of_text, calls)
        offline_body = templates.answer(agents, plan, reports, unknown=turn.get("unknown") or [],
                                        question=question, calls=calls, as_of=ctx.as_of_text, links=links)
        scenario = whatif.estimate(_english(state, question), reports, calls, plan.subject)
        if scenario:  # "what if we had halved ...?": the estimate is the answer, what it rests on follows
            offline_body = f"{scenario}\n\n{offline_body}"
            links = [*links, scenario]
        body, revised, extra = offline_body, False, []
        if ctx.llm is not None:
            body, revised, extra = _llm_body(state, ctx, question, plan, offline_body, links)
        # Links quoted from the data (a job name, an audit row) are made inert, whoever wrote the text.
        text = defang(templates.join(body, notes + extra, footer), _product_hosts(ctx))
        stream_text(text)  # only now, checked: nothing the LLM wrote streams before it passed
        first = templates.leading(agents, plan, reports) if plan.method != "briefing" else None
        out: dict[str, Any] = {"answer": text, "messages": [AIMessage(text)], "revised": revised,
                               "lead": [first.agent, first.title] if first is not None else None}
        if reads:
            out["tool_calls"] = reads
        updated = relations.with_tables(reports, found)
        if updated:  # the tables a relation named are what "that table" refers to next turn
            out["findings"] = updated
        return out

    return synthesize


def _english(state: HealthState, question: str) -> str:
    """The question in English (the parser's reading of a question asked in another language)."""
    typed = state.get("understanding")
    if typed is not None and getattr(typed, "language", "en") != "en" and getattr(typed, "topic", ""):
        return typed.topic
    return question


def connect(ctx: RunContext, reports: dict[str, AgentReport],
            calls: list[ToolCallRecord]) -> tuple[list[relations.Relation], list[ToolCallRecord]]:
    """The typed relations among the findings, and the Gold reads (lineage) they took. After a failed
    tool call this turn, no more reads (a struggling warehouse gets no extra queries): rules that need
    no lineage still apply."""
    reads: list[ToolCallRecord] = []

    def lookup(tool: str, args: dict[str, Any]) -> list[dict[str, Any]]:
        res = adapters.run_tool(ctx, tool, args)
        reads.append(ToolCallRecord(agent="synthesis", tool=tool, args=adapters.jsonable(res.args or args),
                                    ok=res.ok, rows=res.row_count, ms=round(res.ms, 1), error=res.error,
                                    message=res.message))
        return list(res.rows) if res.ok else []

    try:
        found = relations.relations(reports, None if any(not c.ok for c in calls) else lookup)
    except Exception:  # a relation is an extra: it never sinks the answer
        found = []
    # Reads run side by side: list them in a stable order (the stored answer is the same every time).
    return found, sorted(reads, key=lambda r: (r.tool, json.dumps(r.args, sort_keys=True, default=str)))


def _llm_body(state: HealthState, ctx: RunContext, question: str, plan: RoutingPlan,
              offline: str, links: list[str] | None = None) -> tuple[str, bool, list[str]]:
    """(body, revised, notes): the LLM's answer if it passes the checks, else the template."""
    payload: dict[str, Any] = {name: r.model_dump(exclude={"numbers"})
                               for name, r in (state.get("findings") or {}).items()}
    if links:
        payload["how_findings_connect"] = links
    prompt = SYNTHESIS_PROMPT.format(user=f"a {role_of(ctx)} of this health monitor", as_of=ctx.as_of_text,
                                     rule=RULE)
    history = history_messages(state.get("previous") or turn_of(ctx).previous, ctx.settings.llm_history_tokens)
    findings = fence(json.dumps(payload, default=str)[:60_000], "findings")
    messages = [SystemMessage(prompt), *history, HumanMessage(f"Question: {question}\n\nFindings (JSON):\n{findings}")]
    emit(Progress(stage="synthesis", message="writing the answer"))
    try:
        draft = text_of(call_llm(ctx, "synthesis", messages)).strip()
    except LLMFailure as e:
        fallback(ctx, "synthesis", str(e))
        return offline, True, [f"The LLM could not write the answer ({e}); this answer was written offline "
                               "from the same findings."]
    if not draft:
        fallback(ctx, "synthesis", "empty answer")
        return offline, True, ["The LLM returned an empty answer; this one was written offline."]
    bad = unsupported_numbers(draft, known_numbers(state, ctx, question) + numbers_in_text(" ".join(links or [])))
    if bad:
        shown = ", ".join(f"{x:g}" for x in bad[:5])
        fallback(ctx, "synthesis", f"unsupported figures: {shown}")
        # The invented figures stay out of the text (only the machine-readable fallback names them).
        return offline, True, [f"The LLM's draft quoted {len(bad)} figure{'s' if len(bad) > 1 else ''} not found "
                               "in the tool results, so this answer was written from the tool rows instead."]
    foreign = foreign_content(draft, product_texts=[offline], allowed_hosts=_product_hosts(ctx))
    if foreign:
        fallback(ctx, "synthesis", "content not from the product: " + ", ".join(foreign))
        # Not repeated to the reader (that would show the link after all); the fallback record names it.
        return offline, True, ["The LLM's draft contained links or instructions that did not come from this "
                               "product, so this answer was written from the tool rows instead."]
    return draft, False, []


def _product_hosts(ctx: RunContext) -> list[str]:
    """Hosts the product itself may link to (the configured workspace)."""
    host = (ctx.settings.databricks_host or "").strip()
    return [host.split("://")[-1].split("/")[0]] if host else []
