"""Streamlit side of the chat: transcript, live tool-call statuses, the streamed answer, conversation
controls and the alert-rule confirmation. Session keys carry the ``chat_`` prefix."""

from __future__ import annotations

import logging
import uuid
from typing import Any

import streamlit as st
from health_monitor.graph.events import Error, Final, Routing, Token, ToolEnd, ToolStart
from health_monitor.ui import actions_view, chat, clients, shell, store

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


def conversation_bar(engine: Any | None, agent_labels: dict[str, str]) -> str:
    """Agent picker, conversation picker, rename/delete, export. Returns the chosen agent."""
    convs = store.conversations(engine, shell.user_id()) if engine is not None else []
    titles = {c.id: c.title for c in convs}
    current = st.session_state["chat_conversation_id"]
    if current and current not in titles:
        titles = {current: st.session_state["chat_title"], **titles}
    agent_col, conv_col = st.columns([1, 2])
    with agent_col:
        agent = st.selectbox("Agent", list(agent_labels), format_func=agent_labels.get, key="chat_agent",
                             help="Auto lets the orchestrator pick the specialists; or ask one directly.")
    with conv_col:
        options = [None, *titles]
        choice = st.selectbox("Conversation", options, index=options.index(current),
                              format_func=lambda c: "+ New conversation" if c is None else titles.get(c, c),
                              key=f"chat_conv_pick_{current}")
        if choice != current:
            open_conversation(engine, choice, titles.get(choice, "New conversation"))
            rerun_chat()
    entries = st.session_state["chat_entries"]
    with st.container(horizontal=True, gap="small"):
        if current and engine is not None:
            with st.popover("Rename", icon=":material/edit:"):
                name = st.text_input("New title", value=titles.get(current, ""), key="chat_rename_text")
                if st.button("Save title", key="chat_rename_go"):
                    store.rename_conversation(engine, shell.user_id(), current, name)
                    st.session_state["chat_title"] = name
                    rerun_chat()
            with st.popover("Delete", icon=":material/delete:"):
                st.write("Delete this conversation and all its messages?")
                if st.button("Delete for good", type="primary", key="chat_delete_go"):
                    store.delete_conversation(engine, shell.user_id(), current)
                    open_conversation(engine, None)
                    rerun_chat()
        if entries:
            title = titles.get(current, st.session_state["chat_title"])
            st.download_button("Markdown", chat.to_markdown(title, entries, user=shell.user_id()),
                               file_name=f"{chat.slug(title)}.md", mime="text/markdown", on_click="ignore",
                               icon=":material/download:", key="chat_export_md")
            st.download_button("JSON", chat.to_json(title, entries, user=shell.user_id(), conversation_id=current),
                               file_name=f"{chat.slug(title)}.json", mime="application/json", on_click="ignore",
                               icon=":material/data_object:", key="chat_export_json")
    return agent


# --- transcript --------------------------------------------------------------------------------------------

def tool_status(call: dict[str, Any], *, expanded: bool = False) -> None:
    state = "error" if call.get("ok") is False else "complete"
    with st.status(chat.tool_label(call), state=state, expanded=expanded):
        st.caption(f"Arguments: {chat.args_text(call.get('args'))}")
        if call.get("error"):
            st.caption(f"Error: {call['error']}")


def render_entry(entry: dict[str, Any]) -> None:
    with st.chat_message(entry["role"]):
        if entry["role"] == "assistant" and entry.get("agents"):
            st.caption("Answered by " + ", ".join(entry["agents"]))
        for call in entry.get("tool_calls") or []:
            tool_status(call)
        st.markdown(entry["content"])
        if entry.get("actions"):
            actions_view.render_cards(entry["actions"], clients.engine_or_problem()[0], key=entry["id"])
        if not entry.get("saved", True):
            st.caption(":material/cloud_off: Not saved yet: it will be saved when the state store is back.")


def transcript() -> None:
    for entry in st.session_state["chat_entries"]:
        render_entry(entry)


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


def _stream(question: str, agent: str, engine: Any | None, client_msg_id: str) -> tuple[Any, str, list[dict]]:
    events = chat.stream_turn(question, user_id=shell.user_id(), conversation_id=st.session_state[
        "chat_conversation_id"], agent=agent, settings=clients.settings(), warehouse=clients.warehouse(),
        engine=engine, graph=clients.agent_graph(), client_msg_id=client_msg_id)
    routing = st.empty()
    statuses: dict[str, Any] = {}
    calls: dict[str, dict[str, Any]] = {}
    box: dict[str, Any] = {"final": None, "errors": []}

    def handle(ev: Any) -> str | None:
        if isinstance(ev, Routing):
            routing.caption("Answered by " + ", ".join(ev.agents) if ev.agents else ev.reason)
        elif isinstance(ev, ToolStart):
            key = ev.call_id or f"{ev.agent}.{ev.tool}.{len(statuses)}"
            statuses[key] = st.status(f"{ev.agent} · {ev.tool}", state="running", expanded=False)
            statuses[key].caption(f"Arguments: {chat.args_text(ev.args)}")
        elif isinstance(ev, ToolEnd):
            call = {"agent": ev.agent, "tool": ev.tool, "args": ev.args, "ok": ev.ok, "rows": ev.rows, "ms": ev.ms,
                    "error": ev.error}
            key = ev.call_id or f"{ev.agent}.{ev.tool}.{len(calls)}"
            calls[key] = call
            if key in statuses:
                statuses[key].update(label=chat.tool_label(call), state="error" if not ev.ok else "complete")
                if ev.error:
                    statuses[key].caption(f"Error: {ev.error}")
            else:
                tool_status(call)
        elif isinstance(ev, Token):
            return ev.text if ev.source == "synthesis" else None
        elif isinstance(ev, Final):
            box["final"] = ev
        elif isinstance(ev, Error):
            box["errors"].append(ev)
        return None

    def tokens() -> Any:
        for ev in events:
            text = handle(ev)
            if text:
                yield text

    streamed = st.write_stream(tokens())
    final = box["final"]
    answer = final.answer if final is not None else None
    text = answer.answer if answer is not None and answer.answer else (streamed if isinstance(streamed, str) else "")
    if final is not None and final.revised:
        st.markdown(text)
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
