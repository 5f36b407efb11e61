"""Streamlit side of the chat: transcript, live tool-call statuses, the streamed answer, conversation
controls and the alert-rule confirmation. Session keys carry the ``chat_`` prefix."""

from __future__ import annotations

import logging
import uuid
from typing import Any

import streamlit as st
from health_monitor.graph.events import Error, Final, Progress, Routing, Token, ToolEnd, ToolStart
from health_monitor.ui import actions_view, answer_parts, charts, chat, clients, safe_text, shell, store
from health_monitor.ui import components as ui
from health_monitor.ui.cache import cached_runner
from health_monitor.ui.formatting import humanize

log = logging.getLogger("health_monitor.ui")

KEYS = {"chat_entries": list, "chat_conversation_id": lambda: None, "chat_title": lambda: "New conversation",
        "chat_proposal": lambda: None, "chat_notice": lambda: None}


def rerun_chat() -> None:
    """Rerun only the chat fragment when inside a fragment rerun, else the page (first runs, tests)."""
    from streamlit.errors import StreamlitInvalidLayoutContextError

    try:
        st.rerun(scope="fragment")
    except StreamlitInvalidLayoutContextError:
        st.rerun()


def init_state() -> None:
    for key, make in KEYS.items():
        if key not in st.session_state:
            st.session_state[key] = make()


def flush_pending(engine: Any | None) -> int:
    """Save what waited for the store; returns how many of the user's messages still wait."""
    outbox = clients.pending_writes()
    if engine is not None and len(outbox):
        saved = outbox.flush(engine, on_error=lambda m, e: log.warning("dropped unsaved message: %s", e))
        if saved:
            st.toast(f"Saved {len(saved)} message(s) that waited for the state store.", icon=":material/cloud_done:")
    return len(outbox.pending(user_id=shell.user_id()))


def _queue(question: str, answer: Any | None, text: str, client_msg_id: str, agent: str) -> None:
    """Keep the turn in the outbox (saved now if the store is back, else as soon as it is)."""
    outbox, engine = clients.pending_writes(), clients.raw_engine()
    cid = st.session_state["chat_conversation_id"]
    common = {"user_id": shell.user_id(), "conversation_id": cid, "conversation_title": question[:80],
              "conversation_agent": agent}
    try:
        outbox.save(engine, role="user", content=question, client_msg_id=f"{client_msg_id}:q", **common)
        outbox.save(engine, role="assistant", content=text, client_msg_id=f"{client_msg_id}:a",
                    tool_calls=list(answer.tool_calls) if answer else None,
                    agents=list(answer.agents) if answer else None,
                    context=dict(answer.context) if answer else None, **common)
    except Exception as e:  # noqa: BLE001 - never lose the turn on screen even if queueing fails
        log.error("could not queue chat messages: %s", e)


# --- conversations ---------------------------------------------------------------------------------------

def open_conversation(engine: Any | None, conversation_id: str | None, title: str = "New conversation") -> None:
    st.session_state.update(chat_conversation_id=conversation_id, chat_title=title, chat_proposal=None,
                            chat_entries=[])
    if conversation_id is None:
        return
    pending = clients.pending_writes().pending(user_id=shell.user_id(), conversation_id=conversation_id)
    saved = store.messages(engine, shell.user_id(), conversation_id) if engine is not None else []
    st.session_state["chat_entries"] = chat.entries_from_messages(saved, pending)
    actions_view.attach_to_transcript(engine, conversation_id, st.session_state["chat_entries"])


def sidebar_controls(engine: Any | None, agent_labels: dict[str, str]) -> str:
    """In the sidebar (outside the chat fragment): the agent picker and the conversation list."""
    st.subheader("Agent", anchor=False)
    agent = st.radio("Agent", list(agent_labels), format_func=agent_labels.get, key="chat_agent",
                     label_visibility="collapsed",
                     help="Auto lets the orchestrator pick the specialists; or ask one directly.")
    st.subheader("Conversations", anchor=False)
    current = st.session_state["chat_conversation_id"]
    if st.button("New conversation", icon=":material/add:", key="chat_new", width="stretch",
                 type="primary" if current is None else "secondary"):
        open_conversation(engine, None)
        st.rerun()
    convs = store.conversations(engine, shell.user_id(), limit=20) if engine is not None else []
    for c in convs:
        # (a title is the user's words: shown as typed, so a pasted `code` span cut short is no broken Markdown)
        if st.button(safe_text.escape(c.title or "Untitled"), key=f"chat_open_{c.id}", width="stretch",
                     type="primary" if c.id == current else "tertiary", icon=":material/chat:"):
            open_conversation(engine, c.id, c.title)
            st.rerun()
    if engine is None:
        st.caption(":material/cloud_off: Saved conversations are unavailable right now.")
    return agent or chat.AUTO


def toolbar(engine: Any | None) -> None:
    """Rename, delete and export the open conversation (drawn after the transcript, so always current)."""
    current = st.session_state["chat_conversation_id"]
    entries = st.session_state["chat_entries"]
    if not entries:
        return
    title = st.session_state["chat_title"]
    with st.container(horizontal=True, gap="small"):
        if current and engine is not None:
            with st.popover("Rename", icon=":material/edit:"):
                name = st.text_input("New title", value=title, key="chat_rename_text")
                if st.button("Save title", key="chat_rename_go"):
                    store.rename_conversation(engine, shell.user_id(), current, name)
                    st.session_state["chat_title"] = name
                    st.rerun()
            with st.popover("Delete", icon=":material/delete:"):
                st.write("Delete this conversation and all its messages?")
                if st.button("Delete for good", type="primary", key="chat_delete_go"):
                    store.delete_conversation(engine, shell.user_id(), current)
                    open_conversation(engine, None)
                    st.rerun()
        secrets = _configured_secrets()
        st.download_button("Markdown", chat.to_markdown(title, entries, user=shell.user_id(), secrets=secrets),
                           file_name=f"{chat.slug(title)}.md", mime="text/markdown", on_click="ignore",
                           icon=":material/download:", key="chat_export_md")
        st.download_button("JSON", chat.to_json(title, entries, user=shell.user_id(), conversation_id=current,
                                                   secrets=secrets),
                           file_name=f"{chat.slug(title)}.json", mime="application/json", on_click="ignore",
                           icon=":material/data_object:", key="chat_export_json")


def _configured_secrets() -> list[str]:
    """The app's own secrets, masked wherever they might appear in an export."""
    s = clients.settings()
    return [v for v in (getattr(s, "llm_api_key", None), getattr(s, "state_secret_key", None),
                        getattr(s, "databricks_token", None)) if isinstance(v, str) and v]


# --- transcript --------------------------------------------------------------------------------------------

def _rows(call: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows the call returned, read again through the app's cached runner (same tool, same arguments,
    same data), or [] when the call failed or the tool is not available."""
    if call.get("ok") is False or not call.get("tool"):
        return []

    try:
        return list(cached_runner(300)(str(call["tool"]), **dict(call.get("args") or {})).rows)
    except Exception as e:  # noqa: BLE001 - the answer stands without its table
        log.info("could not re-read %s for the transcript: %s", call.get("tool"), e)
        return []


def tool_status(call: dict[str, Any], *, expanded: bool = False, rows: list[dict[str, Any]] | None = None) -> None:
    state = "error" if call.get("ok") is False else "complete"
    with st.status(chat.tool_label(call), state=state, expanded=expanded):
        st.caption(f"Arguments: {safe_text.escape(chat.args_text(call.get('args')))}")
        if call.get("error"):
            st.caption(f"Error: {safe_text.escape(call['error'])}")
        if rows:
            _data(rows, key=str(call.get("call_id") or id(call)))


def _data(rows: list[dict[str, Any]], key: str) -> None:

    points = answer_parts.series(rows)
    if points is not None:
        x, y, pts = points
        ui.chart(charts.lines([{**p, "series": y} for p in pts], x=x, y=y, by="series", height=180),
                 key=f"chat_series_{key}_{uuid.uuid4().hex[:6]}")
    table = answer_parts.compact(rows)
    kinds = answer_parts.column_kinds(table)
    shown = {"money": lambda c: ui.money_col(humanize(c)), "pct": lambda c: ui.pct_col(humanize(c)),
             "count": lambda c: ui.number_col(humanize(c)), "number": lambda c: ui.number_col(humanize(c), "%,.2f"),
             "text": humanize}
    ui.table(table, tz=shell.tz(), key=None, columns={c: shown[k](c) for c, k in kinds.items()})
    if len(rows) > 8:
        st.caption(f"First 8 of {len(rows):,} rows.")


def render_entry(entry: dict[str, Any], *, last: bool = False, question: str = "") -> None:
    with st.chat_message(entry["role"]):
        if entry["role"] == "assistant" and entry.get("agents"):
            st.caption("Answered by " + ", ".join(entry["agents"]))
        all_rows: list[dict[str, Any]] = []
        for call in entry.get("tool_calls") or []:
            rows = _rows(call) if entry["role"] == "assistant" else []
            all_rows += rows
            tool_status(call, rows=rows)
        st.markdown(safe_text.defang(entry["content"]))
        if entry.get("actions"):
            actions_view.render_cards(entry["actions"], clients.engine_or_problem()[0], key=entry["id"])
        if not entry.get("saved", True):
            st.caption(":material/cloud_off: Not saved yet: it will be saved when the state store is back.")
        if last and entry["role"] == "assistant" and entry.get("tool_calls"):
            _follow_ups(question, entry.get("agents") or [], all_rows, entry.get("content") or "")


def _follow_ups(question: str, agents: list[str], rows: list[dict[str, Any]], answer: str = "") -> None:

    asks = answer_parts.follow_ups(question, agents, rows, answer=answer)
    if not asks:
        return
    st.caption("Ask next:")
    with st.container(horizontal=True, gap="small"):
        for i, q in enumerate(asks):
            if st.button(q, key=f"chat_follow_{i}", icon=":material/subdirectory_arrow_right:"):
                st.session_state["chat_prefill"] = q
                rerun_chat()


def transcript() -> None:
    entries = st.session_state["chat_entries"]
    last_q = ""
    for i, entry in enumerate(entries):
        if entry["role"] == "user":
            last_q = str(entry["content"])
        render_entry(entry, last=i == len(entries) - 1, question=last_q)


# --- one turn ----------------------------------------------------------------------------------------------

def ask(question: str, agent: str, engine: Any | None, problem: str | None) -> None:
    """Show the question, stream the answer with its tool calls, keep both (saved or queued)."""
    entries = st.session_state["chat_entries"]
    if st.session_state["chat_conversation_id"] is None and engine is None:
        st.session_state["chat_conversation_id"] = str(uuid.uuid4())  # the outbox creates it later
    entries.append(chat.new_entry("user", question, saved=engine is not None))
    render_entry(entries[-1])

    proposal = chat.propose_alert(question, shell.user_id())
    if proposal is not None:
        text = chat.proposal_text(proposal)
        st.session_state["chat_proposal"] = {"rule": proposal.rule.model_dump(mode="json"), "summary": proposal.summary}
        entries.append(chat.new_entry("assistant", text, agents=["alerts"]))
        _queue(question, None, text, str(uuid.uuid4()), agent)
        rerun_chat()  # show the confirmation box under the new messages

    client_msg_id = str(uuid.uuid4())
    with st.chat_message("assistant"):
        answer, text, calls = _stream(question, agent, engine, client_msg_id)
    if answer is not None and answer.conversation_id:
        st.session_state["chat_conversation_id"] = answer.conversation_id
    saved = bool(answer and answer.saved)
    entries[-1]["saved"] = saved
    entries.append(chat.new_entry("assistant", text, tool_calls=calls, agents=list(answer.agents) if answer else [],
                                  saved=saved))
    if answer is not None and answer.actions:  # offer the fixes the answer found (approval cards)
        entries[-1]["actions"] = list(answer.actions)
        actions_view.render_cards(entries[-1]["actions"], engine, key=entries[-1]["id"])
    if not saved:
        _queue(question, answer, text, client_msg_id, agent)
        st.session_state["chat_notice"] = (
            f"The state store is unavailable ({problem or (answer.save_error if answer else 'unknown error')}). "
            "Your messages are kept and will be saved when it is back.")
        st.info(st.session_state["chat_notice"], icon=":material/cloud_off:")
    else:
        st.session_state["chat_notice"] = None
    # Redraw the whole page from the transcript: the answer's tables and follow-ups, a current toolbar and the
    # sidebar listing a conversation the answer just created.
    st.rerun()


def _stream(question: str, agent: str, engine: Any | None, client_msg_id: str) -> tuple[Any, str, list[dict]]:
    events = chat.stream_turn(question, user_id=shell.user_id(), conversation_id=st.session_state[
        "chat_conversation_id"], agent=agent, settings=clients.settings(), warehouse=clients.warehouse(),
        engine=engine, graph=clients.agent_graph(), client_msg_id=client_msg_id)
    routing = st.empty()
    progress = st.empty()  # what an LLM step is doing before any checked text can stream
    statuses: dict[str, Any] = {}
    calls: dict[str, dict[str, Any]] = {}
    box: dict[str, Any] = {"final": None, "errors": []}

    def handle(ev: Any) -> str | None:
        if isinstance(ev, Routing):
            routing.caption("Answered by " + ", ".join(ev.agents) if ev.agents else ev.reason)
        elif isinstance(ev, ToolStart):
            key = ev.call_id or f"{ev.agent}.{ev.tool}.{len(statuses)}"
            statuses[key] = st.status(f"{ev.agent} · {ev.tool}", state="running", expanded=False)
            statuses[key].caption(f"Arguments: {safe_text.escape(chat.args_text(ev.args))}")
        elif isinstance(ev, ToolEnd):
            call = {"agent": ev.agent, "tool": ev.tool, "args": ev.args, "ok": ev.ok, "rows": ev.rows, "ms": ev.ms,
                    "error": ev.error}
            key = ev.call_id or f"{ev.agent}.{ev.tool}.{len(calls)}"
            calls[key] = call
            if key in statuses:
                statuses[key].update(label=chat.tool_label(call), state="error" if not ev.ok else "complete")
                if ev.error:
                    statuses[key].caption(f"Error: {safe_text.escape(ev.error)}")
            else:
                tool_status(call)
        elif isinstance(ev, Progress):
            progress.caption(f":material/progress_activity: {safe_text.escape(chat.progress_text(ev.stage, ev.message, ev.agent))}")
        elif isinstance(ev, Token):
            if ev.source == "synthesis":
                progress.empty()
                return ev.text
        elif isinstance(ev, Final):
            progress.empty()
            box["final"] = ev
        elif isinstance(ev, Error):
            box["errors"].append(ev)
        return None

    def tokens() -> Any:
        for ev in events:
            text = handle(ev)
            if text:
                yield text

    streamed = st.write_stream(safe_text.defang_stream(tokens()))
    final = box["final"]
    answer = final.answer if final is not None else None
    text = answer.answer if answer is not None and answer.answer else (streamed if isinstance(streamed, str) else "")
    if final is not None and final.revised:
        st.markdown(safe_text.defang(text))
        st.caption("The draft above was corrected by the figure check; this is the final answer.")
    for err in box["errors"]:
        if err.where != "store":
            st.warning(err.message, icon=":material/warning:")
    if answer is not None and not calls and answer.tool_calls:
        calls = {str(i): c for i, c in enumerate(answer.tool_calls)}
    return answer, text or "(no answer)", list(calls.values())


# --- alert proposal ----------------------------------------------------------------------------------------

def proposal_box(engine: Any | None) -> None:
    proposal = st.session_state.get("chat_proposal")
    if not proposal:
        return
    with st.container(border=True):
        st.markdown(f":material/notifications_active: **Proposed alert rule**  \n{proposal['summary']}")
        save_col, drop_col = st.columns(2)
        if save_col.button("Save this rule", type="primary", key="chat_rule_save", width="stretch",
                           disabled=engine is None):
            try:
                rule = store.save_rule(engine, shell.user_id(), proposal["rule"])
                st.session_state["chat_proposal"] = None
                st.session_state["chat_entries"].append(chat.new_entry(
                    "assistant", f"Saved the alert rule **{rule.name}**. Manage it in Settings → Alert rules.",
                    agents=["alerts"]))
                rerun_chat()
            except Exception as e:  # noqa: BLE001 - the store's message says what to do
                st.error(f"Could not save the rule: {e}")
        if drop_col.button("Dismiss", key="chat_rule_drop", width="stretch"):
            st.session_state["chat_proposal"] = None
            rerun_chat()
        if engine is None:
            st.caption("Saving needs the state store, which is unavailable right now.")
