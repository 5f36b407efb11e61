"""Ask the agents: pick Auto or one specialist, ask, watch the tool calls, read the streamed answer.
Conversations are kept (new, reopen, rename, delete, export); the chat runs in a fragment so a new
message does not rerun the page."""

import streamlit as st
from health_monitor.ui import chat, chat_view, clients, shell
from health_monitor.ui import components as ui
from health_monitor.ui.errors import guarded

shell.require_app()
ui.page_header("Ask the agents", "Cost, security, performance, reliability, data quality, MLOps, governance and "
                                 "optimization specialists answer from the same data as the screens.")
chat_view.init_state()
clients.warm_agents()

with st.sidebar, guarded("your conversations"):
    chat_view.sidebar_controls(clients.engine_or_problem()[0], dict(chat.agent_choices()))


@st.fragment
def conversation() -> None:
    engine, problem = clients.engine_or_problem()
    waiting = chat_view.flush_pending(engine)
    agent = st.session_state.get("chat_agent") or chat.AUTO
    if problem:
        st.warning(f"Conversation history is unavailable ({problem}). You can still ask: messages are kept and "
                   "saved when the state store is back.", icon=":material/cloud_off:")
    elif waiting:
        st.caption(f":material/cloud_upload: {waiting} message(s) waiting to be saved.")

    chat_view.transcript()
    turn_area = st.container()  # a new turn renders here: above the suggestions and the input box
    with guarded("the conversation tools"):
        chat_view.toolbar(engine)
    chat_view.proposal_box(engine)
    if st.session_state.get("chat_notice"):
        st.info(st.session_state["chat_notice"], icon=":material/cloud_off:")

    question = st.session_state.pop("chat_prefill", None)
    if not st.session_state["chat_entries"] and not question and not st.session_state.get("chat_input"):
        st.caption("Try one of these:")
        for i, q in enumerate(chat.suggestions(st.session_state.get("chat_agent", chat.AUTO))):
            if st.button(q, key=f"chat_suggest_{i}", icon=":material/lightbulb:"):
                question = q
    typed = st.chat_input("Ask about cost, jobs, security, quality…", key="chat_input", max_chars=2000)
    question = typed or question
    if question:
        with turn_area, guarded("the answer"):
            chat_view.ask(question, agent, engine, problem)


conversation()
