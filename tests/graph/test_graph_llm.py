"""The real graph driven by a scripted chat model: structured routing, tool-calling specialists
bounded in steps, LLM synthesis with the figure check, and the offline fallback on any LLM failure."""

from __future__ import annotations

import time

from graph_fakes import ScriptedChatModel, tool_call
from health_monitor.graph.adapters import Understanding
from health_monitor.graph.events import Final, Token
from health_monitor.graph.service import ask, stream
from langchain_core.messages import AIMessage, ToolMessage

Q = "Why are costs high and jobs failing?"
TABLE = {Q: Understanding(agents=["cost"])}  # the offline router's (deliberately different) answer
GOOD_TEXT = ("ml-workspace spent $2,310 yesterday, 45% above its 7-day average of $1,598; ml_training failed "
             "3 times with CUDA out of memory.")


def script(*, synthesis: str = GOOD_TEXT, fail: set[str] = frozenset(), endless: bool = False, slow: float = 0):
    """A router over the conversation: each node (routing, each specialist, synthesis) gets its reply."""

    def route(messages):
        system = messages[0].content
        stage = ("route" if "route questions" in system else "synthesis" if "Findings:" in system
                 else "cost" if "cost specialist" in system else "performance" if "performance specialist" in system
                 else "other")
        if slow:
            time.sleep(slow)
        if stage in fail:
            return RuntimeError(f"{stage} endpoint returned 503")
        if stage == "route":
            return AIMessage("", tool_calls=[tool_call("RouteDecision", {"agents": ["cost", "performance"],
                                                                         "off_topic": False,
                                                                         "reason": "costs and job failures"})])
        if stage == "synthesis":
            return AIMessage(synthesis)
        done = any(isinstance(m, ToolMessage) for m in messages)
        if done and not endless:
            return AIMessage(f"{stage} checked.")
        tool = {"cost": "get_cost_anomalies", "performance": "get_failed_jobs"}.get(stage, "get_security_events")
        n = sum(isinstance(m, ToolMessage) for m in messages)
        return AIMessage("", tool_calls=[tool_call(tool, {}, f"{stage}-{n}")])

    return ScriptedChatModel(route=route)


def test_llm_routes_calls_tools_and_writes_the_answer(compiled_graph, fake_context):
    llm = script()
    events = list(stream(Q, context=fake_context(TABLE, llm=llm), graph=compiled_graph, persist=False))
    answer = events[-1].answer
    assert answer.agents == ["cost", "performance"]
    assert [c["tool"] for c in answer.tool_calls] == ["get_cost_anomalies", "get_failed_jobs"] or \
        sorted(c["tool"] for c in answer.tool_calls) == ["get_cost_anomalies", "get_failed_jobs"]
    assert answer.answer.startswith(GOOD_TEXT)
    assert "Data as of 2026-01-15 09:00 UTC; tools used:" in answer.answer
    assert not answer.revised and not events[-1].revised
    tokens = "".join(e.text for e in events if isinstance(e, Token))
    assert tokens.startswith("ml-workspace spent") and tokens.rstrip().endswith("._")


def test_invented_figures_fall_back_to_the_template(compiled_graph, fake_context):
    llm = script(synthesis="ml-workspace spent $9,999 yesterday and 17 jobs failed.")
    events = list(stream(Q, context=fake_context(TABLE, llm=llm), graph=compiled_graph, persist=False))
    final = events[-1]
    assert isinstance(final, Final) and final.revised
    text = final.answer.answer
    assert "$9,999" not in text and "$2,310" in text and "**Cost**" in text
    assert "figures not found in the tool results" in text and "9999" in text


def test_routing_failure_uses_the_offline_router(compiled_graph, fake_context):
    llm = script(fail={"route"})
    answer = ask(Q, context=fake_context(TABLE, llm=llm), graph=compiled_graph, persist=False)
    assert answer.agents == ["cost"]
    assert "could not route the question" in answer.answer and "routed it offline" in answer.answer


def test_every_llm_failure_still_answers_offline_and_says_so(compiled_graph, fake_context):
    llm = script(fail={"route", "cost", "performance", "synthesis"})
    answer = ask(Q, context=fake_context(TABLE, llm=llm), graph=compiled_graph, persist=False)
    assert "$2,310" in answer.answer
    assert "answered offline" in answer.answer and "written offline" in answer.answer
    assert all(c["ok"] for c in answer.tool_calls)


def test_specialist_loop_is_bounded_by_llm_max_steps(compiled_graph, fake_context):
    llm = script(endless=True)
    ctx = fake_context(TABLE, llm=llm, llm_max_steps=3)
    answer = ask(Q, context=ctx, graph=compiled_graph, persist=False)
    per_agent = {a: sum(c["agent"] == a for c in answer.tool_calls) for a in answer.agents}
    assert per_agent == {"cost": 3, "performance": 3}
    assert "stopped after 3 LLM steps" in answer.answer


def test_a_slow_llm_times_out_into_the_offline_path(compiled_graph, fake_context):
    llm = script(slow=0.5)
    answer = ask(Q, context=fake_context(TABLE, llm=llm, llm_timeout_s=0.1), graph=compiled_graph, persist=False)
    assert answer.agents == ["cost"] and "no answer within 0.1 s" in answer.answer


def test_tool_calls_are_real_tool_calls_streamed_as_chunks():
    llm = ScriptedChatModel(script=[AIMessage("", tool_calls=[tool_call("get_failed_jobs", {"hours": 24})])])
    chunks = list(llm.bind_tools([]).stream("x"))
    merged = chunks[0]
    for c in chunks[1:]:
        merged += c
    assert merged.tool_calls[0]["name"] == "get_failed_jobs" and merged.tool_calls[0]["args"] == {"hours": 24}


def test_catalog_tools_bind_as_openai_tools(fake_context):
    """What ChatDatabricks / ChatOpenAI do with bind_tools: every agent's tools convert cleanly."""
    from health_monitor.graph import adapters
    from langchain_core.utils.function_calling import convert_to_openai_tool

    ctx = fake_context({})
    for agent in ["cost", "security", "performance", "reliability", "quality", "mlops", "governance",
                  "optimization"]:
        tools = adapters.langchain_tools(ctx, agent)
        assert tools
        for tool in tools:
            schema = convert_to_openai_tool(tool)
            assert schema["function"]["name"] == tool.name and "parameters" in schema["function"]


def test_a_plain_scripted_list_drives_one_agent_end_to_end(compiled_graph, fake_context):
    """The literal form: a list of AIMessages (routing, a real tool call, the agent's close, the answer)."""
    llm = ScriptedChatModel(script=[
        AIMessage("", tool_calls=[tool_call("RouteDecision", {"agents": ["security"], "reason": "logins"})]),
        AIMessage("", tool_calls=[tool_call("get_failed_auth_attempts", {"hours": 48}, "s1")]),
        AIMessage("Three failed logins from one IP."),
        AIMessage("There were 3 failed logins from 192.168.1.100 yesterday evening."),
    ])
    answer = ask("any failed logins?", context=fake_context({}, llm=llm), graph=compiled_graph, persist=False)
    assert answer.agents == ["security"]
    assert answer.tool_calls == [{"agent": "security", "tool": "get_failed_auth_attempts", "args": {"hours": 48},
                                  "ok": True, "rows": 3, "ms": 1.0}]
    assert answer.answer.startswith("There were 3 failed logins from 192.168.1.100 yesterday evening.")
    assert not llm.script  # every scripted message was used
