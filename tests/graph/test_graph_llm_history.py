"""History on the LLM path: a two-turn conversation sends the first turn (question, answer, what it was
understood to mean) to every LLM step of the second, within a token budget, by role and never by
e-mail; and the follow-up's tool arguments carry the shifted date."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

from graph_fakes import DEMO_ROWS, FakeExecutor, ScriptedChatModel, tool_call
from health_monitor.graph.adapters import open_engine
from health_monitor.graph.history import history_text, tokens
from health_monitor.graph.service import ask
from langchain_core.messages import AIMessage, SystemMessage, ToolMessage

from health_monitor.core.settings import Settings

Q1 = "How much did we spend yesterday?"
Q2 = "And the day before?"
ROWS = {**DEMO_ROWS, "get_daily_cost_summary": [{"usage_date": date(2026, 1, 14), "list_cost": 1875.0}]}
EMAIL = "tester@company.com"


def _previous_window(messages) -> date | None:
    """The previous turn's window start, as the history names it."""
    text = "\n".join(str(m.content) for m in messages)
    found = re.search(r"Understanding of the previous turn \(JSON\): (\{.*?\})\n", text + "\n")
    if not found:
        return None
    window = (json.loads(found.group(1)).get("window") or {})
    return date.fromisoformat(window["start"]) if window.get("start") else None


def _hint(messages) -> dict:
    text = "\n".join(str(m.content) for m in messages if m.type == "human")
    found = re.search(r"\(Parameters understood so far: (\{.*?\})\)", text)
    return json.loads(found.group(1)) if found else {}


def model() -> ScriptedChatModel:
    def route(messages):
        system = messages[0].content
        if "route questions" in system:
            return AIMessage("", tool_calls=[tool_call("RouteDecision", {"agents": ["cost"], "reason": "spend"})])
        if "Findings:" in system:
            return AIMessage("Spend was $1,875 that day.")
        if any(isinstance(m, ToolMessage) for m in messages):
            return AIMessage("cost checked.")
        # A model reads the conversation: "the day before" the previous turn's window (and the parser's
        # parameters say the same); without history it could only guess yesterday.
        previous = _previous_window(messages)
        question = next(str(m.content) for m in reversed(messages) if m.type == "human")
        if previous is not None and "day before" in question:
            day = previous - timedelta(days=1)
            assert _hint(messages).get("start_date") == day.isoformat(), _hint(messages)
        else:
            day = date.fromisoformat(_hint(messages).get("start_date") or "2026-01-14")
        return AIMessage("", tool_calls=[tool_call("get_daily_cost_summary", {"start_date": day.isoformat(),
                                                                               "end_date": day.isoformat()}, "d-0")])

    return ScriptedChatModel(route=route)


def test_two_turns_send_history_by_role_and_shift_the_date(compiled_graph, fake_context, tmp_path):
    llm = model()
    executor = FakeExecutor(ROWS)
    ctx = fake_context({}, llm=llm, executor=executor)
    ctx.parser = None  # the real parser: it reads "the day before" against the stored understanding
    ctx.engine = open_engine(Settings(database_url=f"sqlite:///{tmp_path / 'state.sqlite'}"))
    first = ask(Q1, context=ctx, graph=compiled_graph)
    first_calls = len(llm.calls)
    second = ask(Q2, context=ctx, graph=compiled_graph, conversation_id=first.conversation_id)
    assert second.conversation_id == first.conversation_id

    # the follow-up's tool call carries the day before yesterday
    assert executor.calls[-1] == ("get_daily_cost_summary", {"start_date": "2026-01-13", "end_date": "2026-01-13"})
    assert second.tool_calls[-1]["args"]["start_date"] == "2026-01-13"

    turn1, turn2 = llm.calls[:first_calls], llm.calls[first_calls:]
    early = [str(m.content)[:300] for call in turn1 for m in call if "conversation-history" in str(m.content)]
    assert not early, early
    for call in turn2:  # routing, the specialist's steps and the answer each got the history
        history = [m for m in call if "conversation-history" in str(m.content)]
        assert len(history) == 1 and history[0].type == "human", [m.type for m in call]
        text = str(history[0].content)
        assert Q1 in text and "$1,875" in text and "<untrusted-data" in text
    # nobody's e-mail in any prompt; the role instead
    everything = "\n".join(str(m.content) for call in llm.calls for m in call)
    assert EMAIL not in everything
    systems = [str(call[0].content) for call in llm.calls if isinstance(call[0], SystemMessage)]
    assert any("a viewer of this health monitor" in s for s in systems)


def test_history_keeps_the_newest_turns_within_the_token_budget():
    turns = [{"question": f"question number {i} about cost", "answer": "A" * 2000, "agents": ["cost"],
              "slots": {"start_date": f"2026-01-{i + 1:02d}"}} for i in range(10)]
    previous = {"history": turns, "agents": ["cost"], "slots": turns[-1]["slots"], "question": turns[-1]["question"]}
    text = history_text(previous, budget_tokens=400)
    assert tokens(text) <= 400 + 30  # the headings are outside the per-turn accounting
    assert "User: question number 9" in text and "Understanding of the previous turn" in text
    assert "- question number 8 about cost" in text  # too long to quote within the budget: summarised
    assert "question number 0" not in text  # the oldest fell out of the budget
    roomy = history_text(previous, budget_tokens=5000)
    assert "Older turns (summarised):" in roomy and "- question number 0 about cost [cost; 2026-01-01]" in roomy
    assert history_text(previous, budget_tokens=0) == "" and history_text({}, budget_tokens=800) == ""
