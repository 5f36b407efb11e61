"""Chat service (no Streamlit): the agent choices, suggested questions, one streamed turn through
``graph.service.stream``, plain-language alert requests, never-lost messages and exports.

Transcript entries are plain dicts: ``{"id", "role", "content", "tool_calls", "agents", "saved"}``.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

AUTO = "auto"
GENERAL_QUESTIONS = (
    "Why did costs jump and jobs fail yesterday?",
    "What needs my attention right now?",
    "Any security threats I should know about?",
    "What cost optimization opportunities do we have?",
)
#: A message that asks to be *told* about something later is an alert request, not a question.
_ALERT_ASK = re.compile(r"\b(?:alert|notify|tell|ping|page|warn|message|e-?mail)\s+(?:me|us|the team|on-?call)\b"
                        r"|\b(?:send|post)\b.{0,20}\b(?:slack|e-?mail|pagerduty)\b.{0,40}\b(?:if|when(?:ever)?)\b",
                        re.IGNORECASE)


def agent_choices() -> list[tuple[str, str]]:
    """``[("auto", "Auto (orchestrator)"), ("cost", "Cost"), ...]`` from the agent registry."""
    from health_monitor.agents.registry import get_agent_registry

    out = [(AUTO, "Auto (orchestrator)")]
    for spec in get_agent_registry():
        out.append((spec.name, getattr(spec, "title", None) or spec.name.title()))
    return out


def suggestions(agent: str) -> list[str]:
    if agent == AUTO:
        return list(GENERAL_QUESTIONS)
    from health_monitor.agents.registry import get_agent_registry

    reg = get_agent_registry()
    return list(reg.get(agent).examples)[:4] if agent in reg else list(GENERAL_QUESTIONS)


def is_alert_request(text: str) -> bool:
    return bool(_ALERT_ASK.search(text or ""))


def propose_alert(text: str, owner: str) -> Any | None:
    """An ``alerts.nl_rules.Proposal`` when ``text`` asks to be alerted and the parser understands it,
    else None (then the agents answer the text as a question)."""
    if not is_alert_request(text):
        return None
    from health_monitor.alerts.nl_rules import RuleNotUnderstood, propose_rule

    try:
        return propose_rule(text, owner=owner)
    except RuleNotUnderstood:
        return None


def proposal_text(proposal: Any) -> str:
    notes = "".join(f"\n- {n}" for n in getattr(proposal, "notes", []) or [])
    return (f"I can set up this alert rule for you:\n\n> {proposal.summary}\n"
            + (f"\nAssumptions:{notes}\n" if notes else "")
            + "\nConfirm below to save it as your rule, or rephrase the request.")


def new_entry(role: str, content: str, *, tool_calls: list[dict[str, Any]] | None = None,
              agents: list[str] | None = None, saved: bool = True, entry_id: str | None = None) -> dict[str, Any]:
    return {"id": entry_id or str(uuid.uuid4()), "role": role, "content": content, "tool_calls": tool_calls or [],
            "agents": agents or [], "saved": saved}


def entries_from_messages(messages: Sequence[Any], pending: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Stored messages (db records) then the not-yet-saved ones (outbox), as transcript entries."""
    out = [new_entry(m.role, m.content, tool_calls=list(m.tool_calls or []), agents=list(m.agents or []),
                     entry_id=str(m.id)) for m in messages if m.role in ("user", "assistant")]
    out += [new_entry(p.role, p.content, tool_calls=list(p.tool_calls or []), agents=list(p.agents or []),
                      saved=False, entry_id=p.client_msg_id) for p in pending]
    return out


def stream_turn(question: str, *, user_id: str, conversation_id: str | None, agent: str, settings: Any,
                warehouse: Any, engine: Any | None, graph: Any, client_msg_id: str) -> Iterator[Any]:
    """One turn's typed events (Routing, ToolStart/End, Token, Error, Final) from the graph service.
    With ``engine=None`` (store down) nothing is persisted here: the caller queues the messages."""
    from health_monitor.graph.service import stream

    yield from stream(question, conversation_id=conversation_id, user_id=user_id,
                      agent=None if agent == AUTO else agent, settings=settings, warehouse=warehouse,
                      engine=engine, graph=graph, client_msg_id=client_msg_id, persist=engine is not None)


def tool_label(call: Mapping[str, Any]) -> str:
    """``cost · get_daily_cost_summary — 155 rows · 21 ms`` (or the error)."""
    head = f"{call.get('agent', '')} · {call.get('tool', '')}".strip(" ·")
    if call.get("ok") is False:
        return f"{head} — failed"
    rows = int(call.get("rows") or 0)
    return f"{head} — {rows:,} row{'' if rows == 1 else 's'} · {float(call.get('ms') or 0):,.0f} ms"


def args_text(args: Mapping[str, Any] | None) -> str:
    return ", ".join(f"{k}={v}" for k, v in (args or {}).items()) or "no arguments"


# --- export ----------------------------------------------------------------------------------------------

def to_markdown(title: str, entries: Sequence[Mapping[str, Any]], *, user: str) -> str:
    lines = [f"# {title}", "", f"_Exported {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC by {user}_", ""]
    for e in entries:
        who = "You" if e["role"] == "user" else "Health Monitor" + (f" ({', '.join(e['agents'])})" if e.get("agents")
                                                                     else "")
        lines += [f"## {who}", "", str(e["content"]), ""]
        calls = e.get("tool_calls") or []
        if calls:
            lines.append("Tool calls:")
            lines += [f"- `{c.get('tool')}`({args_text(c.get('args'))}): {tool_label(c)}" for c in calls]
            lines.append("")
    return "\n".join(lines)


def to_json(title: str, entries: Sequence[Mapping[str, Any]], *, user: str, conversation_id: str | None) -> str:
    body = {"title": title, "conversation_id": conversation_id, "user": user,
            "exported_at": datetime.now(timezone.utc).isoformat(),
            "messages": [{k: e.get(k) for k in ("role", "content", "agents", "tool_calls", "saved")} for e in entries]}
    return json.dumps(body, indent=2, default=str)


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", (title or "conversation").lower()).strip("-")[:60] or "conversation"
