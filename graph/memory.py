"""Conversation memory, rebuilt from the store for every turn (the store is the one source of truth).

No LangGraph checkpointer: ``chat_messages`` (through ``db/``) holds each turn's question, answer,
tool calls, agents and *context*: the typed understanding of the turn (graph.understanding) plus the
names its answer was about. :func:`load_previous`
reads the last :data:`MEMORY_TURNS` turns back into the ``previous`` dict the supervisor hands to
the parser, so "and last week?" or "go back to that failing ETL job: who owns it?" resolve after a
restart exactly as they did before it. :func:`turn_context` is what gets stored.
"""

from __future__ import annotations

from typing import Any

from health_monitor.graph.adapters import jsonable, recent_turns
from health_monitor.graph.state import SEVERITY_RANK, AgentReport

MEMORY_TURNS = 12


def entities_found(reports: dict[str, AgentReport]) -> dict[str, list[str]]:
    """kind -> names the findings of this turn were about (most relevant first)."""
    out: dict[str, list[str]] = {}
    for report in reports.values():
        for finding in report.findings:
            for kind, names in finding.entities.items():
                bucket = out.setdefault(kind, [])
                bucket += [n for n in names if n not in bucket]
    return out


def _lead_finding(reports: dict[str, AgentReport], lead: list[str] | None = None) -> Any:
    """The finding the answer led with (``lead``: its agent and title, as the synthesis ranked them), else the most
    severe finding that names something; None when none names anything."""
    findings = [f for r in reports.values() for f in r.findings]
    if lead:
        chosen = next((f for f in findings if [f.agent, f.title] == list(lead) and f.entities), None)
        if chosen is not None:
            return chosen
    return next((f for f in sorted(findings, key=lambda f: -SEVERITY_RANK.get(f.severity, 0)) if f.entities), None)


def subject_of(reports: dict[str, AgentReport], lead: list[str] | None = None) -> dict[str, list[str]]:
    """The answer's main subject: the first name of each kind in the finding it leads with."""
    found = _lead_finding(reports, lead)
    return {kind: names[:1] for kind, names in found.entities.items() if names} if found else {}


def lead_agent(reports: dict[str, AgentReport], lead: list[str] | None = None) -> str:
    """The specialist whose finding the answer's subject comes from ("" when none named anything)."""
    found = _lead_finding(reports, lead)
    return found.agent if found else ""


def turn_context(state: dict[str, Any]) -> dict[str, Any]:
    """The JSON stored with the assistant message: enough to rebuild the next turn's context."""
    turn = state.get("turn") or {}
    plan = state.get("plan")
    reports = state.get("findings") or {}
    return jsonable({
        "question": turn.get("question"),
        "agents": list(plan.agents) if plan else [],
        "declined": bool(plan.declined) if plan else False,
        "understanding": turn.get("understanding"),
        "unknown": turn.get("unknown") or [],
        "entities_found": entities_found(reports),
        "subject": subject_of(reports, state.get("lead")),
        "lead": lead_agent(reports, state.get("lead")),
        "findings": [{"agent": f.agent, "title": f.title, "severity": f.severity, "entities": f.entities}
                     for r in reports.values() for f in r.findings][:12],
    })


def previous_from_turns(turns: list[Any]) -> dict[str, Any]:
    """``recent_context`` turns (oldest first) -> the ``previous`` dict the supervisor reads.

    ``agents``/``understanding`` are the last answered turn's; ``history`` keeps every turn's
    context (oldest first) so older references ("that failing ETL job") can still be resolved.
    """
    history = []
    for turn in turns:
        ctx = dict(turn.context or {})
        if not ctx and turn.user is None:
            continue
        ctx.setdefault("question", turn.user.content if turn.user else "")
        ctx.setdefault("answer", turn.assistant.content if turn.assistant else "")  # for the LLM's history
        ctx["agents"] = list(turn.agents or ctx.get("agents") or [])
        history.append(ctx)
    answered = [h for h in history if h.get("agents")]
    last = answered[-1] if answered else {}
    return {
        "agents": list(last.get("agents") or []),
        "understanding": last.get("understanding"),
        "entities_found": dict(last.get("entities_found") or {}),
        "question": last.get("question"),
        "history": history[-MEMORY_TURNS:],
    }


def load_previous(engine: Any, *, user_id: str, conversation_id: str) -> dict[str, Any]:
    return previous_from_turns(recent_turns(engine, user_id=user_id, conversation_id=conversation_id,
                                            turns=MEMORY_TURNS))
