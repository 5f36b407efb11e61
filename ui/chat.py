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

from health_monitor.agents.registry import get_agent_registry
from health_monitor.alerts.nl_rules import RuleNotUnderstood, propose_rule

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

    out = [(AUTO, "Auto (orchestrator)")]
    for spec in get_agent_registry():
        out.append((spec.name, getattr(spec, "title", None) or spec.name.title()))
    return out


def suggestions(agent: str) -> list[str]:
    if agent == AUTO:
        return list(GENERAL_QUESTIONS)

    reg = get_agent_registry()
    return list(reg.get(agent).examples)[:4] if agent in reg else list(GENERAL_QUESTIONS)


def is_alert_request(text: str) -> bool:
    return bool(_ALERT_ASK.search(text or ""))


def propose_alert(text: str, owner: str) -> Any | None:
    """An ``alerts.nl_rules.Proposal`` when ``text`` asks to be alerted and the parser understands it,
    else None (then the agents answer the text as a question)."""
    if not is_alert_request(text):
        return None

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


def progress_text(stage: str, message: str = "", agent: str | None = None) -> str:
    """One line for the chat's progress indicator while an LLM step works (no answer text yet)."""
    text = (message or (f"the {agent} agent is working" if agent else f"{stage} in progress")).strip()
    return text[:1].upper() + text[1:].rstrip(".") + "…"


def args_text(args: Mapping[str, Any] | None) -> str:
    return ", ".join(f"{k}={v}" for k, v in (args or {}).items()) or "no arguments"


# --- export ----------------------------------------------------------------------------------------------
# A pasted webhook URL, key or password must not leave in an export file: mask them in text and arguments.

REDACTED = "***"
_SECRET_KEY = r"(?:pass(?:word|wd)?|pwd|secret|token|api[_ -]?key|routing[_ -]?key|integration[_ -]?key|webhook(?:[_ -]?url)?)"
_SECRET_PATTERNS = (
    # key: value / key=value / "key": "value" / key is value
    re.compile(rf"(?i)(\b[\w-]*{_SECRET_KEY}[\w-]*\b[\"']?(?:\s*[:=]\s*|\s+is\s+)[\"']?)([^\s\"',;]{{6,}})"),
    # "routing key X": a key-like word then a long value with a digit in it
    re.compile(r"(?i)(\b(?:routing|integration|api|access|secret)[ _-]?(?:key|token)\s+)((?=[^\s,;]*\d)[^\s\"',;]{12,})"),
    re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^/\s:@]+:)([^@\s/]+)(?=@)"),  # credentials in a URL
    re.compile(r"(?i)(https?://(?:hooks\.slack\.com|[\w.-]*webhook[\w.-]*|events\.pagerduty\.com|"
               r"[\w.-]*\.webhook\.office\.com)/)(\S+)"),  # webhook paths carry the token
    re.compile(r"\b()(dapi[0-9a-f]{16,}|sk-[A-Za-z0-9_-]{12,}|xox[abpsr]-[A-Za-z0-9-]{10,}|gh[pousr]_[A-Za-z0-9]{20,})"),
)


def redact(text: str, secrets: Sequence[str] = ()) -> str:
    """``text`` with secret-looking values (after secret-like keys, in URLs, known token shapes) and every
    given secret replaced by ``***``."""
    out = str(text)
    for secret in sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True):
        out = out.replace(secret, REDACTED)
    for pattern in _SECRET_PATTERNS:
        out = pattern.sub(lambda m: m.group(1) + REDACTED, out)
    return out


def _redact_value(value: Any, secrets: Sequence[str]) -> Any:
    if isinstance(value, Mapping):
        return {k: (REDACTED if re.fullmatch(rf"(?i)[\w-]*{_SECRET_KEY}[\w-]*", str(k)) and v
                    else _redact_value(v, secrets)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_redact_value(v, secrets) for v in value]
    if isinstance(value, str):
        return redact(value, secrets)
    return value


def redacted_entries(entries: Sequence[Mapping[str, Any]], secrets: Sequence[str] = ()) -> list[dict[str, Any]]:
    return [_redact_value(dict(e), secrets) for e in entries]

def to_markdown(title: str, entries: Sequence[Mapping[str, Any]], *, user: str, secrets: Sequence[str] = ()) -> str:
    """The conversation as Markdown, secrets masked (see :func:`redact`)."""
    entries = redacted_entries(entries, secrets)
    title = redact(title, secrets)
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


def to_json(title: str, entries: Sequence[Mapping[str, Any]], *, user: str, conversation_id: str | None,
            secrets: Sequence[str] = ()) -> str:
    """The conversation as JSON, secrets masked (see :func:`redact`)."""
    entries = redacted_entries(entries, secrets)
    body = {"title": redact(title, secrets), "conversation_id": conversation_id, "user": user,
            "exported_at": datetime.now(timezone.utc).isoformat(),
            "messages": [{k: e.get(k) for k in ("role", "content", "agents", "tool_calls", "saved")} for e in entries]}
    return json.dumps(body, indent=2, default=str)


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", (title or "conversation").lower()).strip("-")[:60] or "conversation"
