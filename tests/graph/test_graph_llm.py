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
    calls = [c["tool"] for c in answer.tool_calls if c["agent"] != "synthesis"]  # not the relations' lineage reads
    assert sorted(calls) == ["get_cost_anomalies", "get_failed_jobs"]
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
    assert "not found in the tool results" in text and "9999" not in text and "9,999" not in text
    assert "9999" in final.answer.fallback[0]["reason"]  # named for machines, never shown


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


def test_an_invented_figure_never_reaches_the_stream(compiled_graph, fake_context):
    """The draft is checked before any of it streams: the invented $9,999 is never a Token."""
    llm = script(synthesis="ml-workspace spent $9,999 yesterday and 17 jobs failed.")
    events = list(stream(Q, context=fake_context(TABLE, llm=llm), graph=compiled_graph, persist=False))
    streamed = "".join(e.text for e in events if isinstance(e, Token))
    assert "9,999" not in streamed and "9999" not in streamed
    assert "$2,310" in streamed and streamed.strip() == events[-1].answer.answer.strip()
    assert events[-1].answer.fallback[0]["step"] == "synthesis"
    assert "unsupported figures" in events[-1].answer.fallback[0]["reason"]
    # while the model worked the stream showed progress, not text
    kinds = [type(e).__name__ for e in events]
    assert "Progress" in kinds and kinds.index("Progress") < kinds.index("Token")
    assert max(i for i, k in enumerate(kinds) if k in ("Progress", "ToolEnd")) < kinds.index("Token")


def test_a_good_draft_streams_only_after_it_is_checked(compiled_graph, fake_context):
    events = list(stream(Q, context=fake_context(TABLE, llm=script()), graph=compiled_graph, persist=False))
    kinds = [type(e).__name__ for e in events]
    first_token = kinds.index("Token")
    assert all(k in ("Token", "Final") for k in kinds[first_token:])
    assert events[-1].answer.fallback == []


def test_routing_schema_is_an_enum_and_a_misspelt_name_is_dropped_not_fatal(compiled_graph, fake_context):
    from health_monitor.agents.registry import get_agent_registry
    from health_monitor.graph.supervisor import route_schema

    schema = route_schema(get_agent_registry()).model_json_schema()
    items = schema["properties"]["agents"]["items"]
    assert sorted(items["enum"]) == sorted(get_agent_registry().names)

    def route(messages):
        if "route questions" in messages[0].content:
            return AIMessage("", tool_calls=[tool_call("RouteDecision", {"agents": ["cost", "perfomance"],
                                                                         "reason": "typo"})])
        return script().route(messages)

    answer = ask(Q, context=fake_context(TABLE, llm=ScriptedChatModel(route=route)), graph=compiled_graph,
                 persist=False)
    assert answer.agents == ["cost"] and not any(f["step"] == "route" for f in answer.fallback)


def test_a_specialist_that_gives_up_after_tool_errors_falls_back_to_its_offline_plan(compiled_graph, fake_context):
    """The LLM calls a tool that fails, then stops: the domain still gets its offline plan's rows."""

    def route(messages):
        system = messages[0].content
        if "route questions" in system:
            return AIMessage("", tool_calls=[tool_call("RouteDecision", {"agents": ["cost"], "reason": "spend"})])
        if "Findings:" in system:
            return AIMessage(GOOD_TEXT)
        if any(isinstance(m, ToolMessage) for m in messages):
            return AIMessage("I could not get the data.")
        return AIMessage("", tool_calls=[tool_call("get_cost_by_sku", {}, "c-0")])

    from graph_fakes import DEMO_ROWS, FakeExecutor

    executor = FakeExecutor(DEMO_ROWS, fail={"get_cost_by_sku"})
    ctx = fake_context(TABLE, llm=ScriptedChatModel(route=route), executor=executor)
    answer = ask(Q, context=ctx, graph=compiled_graph, persist=False)
    tools = [c["tool"] for c in answer.tool_calls]
    assert tools[0] == "get_cost_by_sku" and len(tools) > 1  # the failed call, then the offline plan's
    assert any(c["ok"] and c["tool"] != "get_cost_by_sku" for c in answer.tool_calls)
    assert answer.fallback == [{"step": "specialist:cost", "reason": "the LLM stopped without usable tool results"}]
    assert "answered with its offline plan" in answer.answer
