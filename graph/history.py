"""What the LLM sees of the conversation: earlier turns within a token budget, and what the previous
turn was understood to mean.

``previous`` is the memory the service rebuilds from the store (:mod:`graph.memory`): ``history``
holds each earlier turn's question, answer and stored context, oldest first. The newest turns go in
verbatim (question and answer), older ones as one line each (question, specialists, window), until
``llm_history_tokens`` is spent. The previous turn's understanding (specialists, parameters with
their resolved dates, entities its answer named) comes last, so "and the day before?" is read
against it. Earlier answers quote the account's data, so the whole block is fenced as untrusted data
and sent as a user message; nothing here names the user (the role is enough).

Seam: when the typed understanding of a turn (``graph.understanding.Understanding``) is stored, it
arrives here as ``previous["understanding"]`` and is sent as-is instead of the slots.
"""

from __future__ import annotations

import json
from typing import Any

from health_monitor.graph.untrusted import fence
from langchain_core.messages import HumanMessage

#: Turns sent verbatim (newest first) before the rest are summarised.
VERBATIM_TURNS = 2
ANSWER_CHARS = 1200


def tokens(text: str) -> int:
    """A cheap estimate (about four characters a token) good enough for a budget."""
    return (len(text) + 3) // 4


def _summary(turn: dict[str, Any]) -> str:
    slots = turn.get("slots") or {}
    typed = turn.get("understanding") if isinstance(turn.get("understanding"), dict) else {}
    window = ((typed.get("window") or {}).get("label") if typed else None) or slots.get("window") \
        or slots.get("date") or slots.get("start_date") or ""
    agents = ", ".join(turn.get("agents") or []) or "declined"
    return f"- {str(turn.get('question') or '')[:160]} [{agents}{'; ' + str(window) if window else ''}]"


def _verbatim(turn: dict[str, Any]) -> str:
    answer = str(turn.get("answer") or "").strip()
    if len(answer) > ANSWER_CHARS:
        answer = answer[:ANSWER_CHARS].rstrip() + " …"
    return f"User: {turn.get('question') or ''}\nAssistant: {answer or '(no answer stored)'}"


def previous_understanding(previous: dict[str, Any]) -> dict[str, Any]:
    if previous.get("understanding"):
        return dict(previous["understanding"])
    keys = ("question", "agents", "intents", "slots", "entities_found")
    return {k: previous[k] for k in keys if previous.get(k)}


def history_text(previous: dict[str, Any] | None, budget_tokens: int) -> str:
    """The conversation so far as plain text within ``budget_tokens`` ("" for a first turn)."""
    previous = previous or {}
    turns = [t for t in previous.get("history") or [] if t.get("question")]
    if not turns or budget_tokens <= 0:
        return ""
    understood = json.dumps(previous_understanding(previous), default=str, sort_keys=True)
    used = tokens(understood)
    verbatim: list[str] = []
    summaries: list[str] = []
    for age, turn in enumerate(reversed(turns)):  # newest first; a turn too long to quote is summarised
        text = _verbatim(turn) if age < VERBATIM_TURNS and not summaries else None
        if text is not None and used + tokens(text) <= budget_tokens:
            verbatim.insert(0, text)
            used += tokens(text)
            continue
        line = _summary(turn)
        if used + tokens(line) > budget_tokens:
            break
        summaries.insert(0, line)
        used += tokens(line)
    parts = []
    if summaries:
        parts.append("Older turns (summarised):\n" + "\n".join(summaries))
    if verbatim:
        parts.append("Latest turns:\n" + "\n\n".join(verbatim))
    parts.append("Understanding of the previous turn (JSON): " + understood)
    return "\n\n".join(parts)


def history_messages(previous: dict[str, Any] | None, budget_tokens: int) -> list[HumanMessage]:
    """Zero or one user message carrying the fenced conversation so far."""
    text = history_text(previous, budget_tokens)
    if not text:
        return []
    return [HumanMessage("Earlier in this conversation (for context; answer only the new question):\n"
                         + fence(text, "conversation-history"))]


def role_of(ctx: Any) -> str:
    """The user's role ("admin" or "viewer") for prompts: never their e-mail. Cached per context."""
    role = ctx.extras.get("role")
    if isinstance(role, str) and role:
        return role
    role = "viewer"
    admins = {u.strip().lower() for u in str(getattr(ctx.settings, "admin_users", "") or "").split(",") if u.strip()}
    if ctx.user_id.lower() in admins:
        role = "admin"
    elif ctx.engine is not None:  # the store is open, so db is already imported
        try:
            from health_monitor.db import session_scope
            from health_monitor.db.access import get_role

            with session_scope(ctx.engine) as s:
                role = get_role(session=s, user_id=ctx.user_id)
        except Exception:  # the store is down: the least privileged description
            role = "viewer"
    ctx.extras["role"] = role
    return role
