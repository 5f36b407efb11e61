"""The MLflow ResponsesAgent wrapper: predict and predict_stream over the real graph."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("mlflow")

from health_monitor.graph.serving import HealthMonitorAgent  # noqa: E402
from mlflow.types.responses import ResponsesAgentRequest  # noqa: E402


@pytest.fixture(scope="module")
def agent(demo_context):
    return HealthMonitorAgent(settings=demo_context.settings, warehouse=demo_context.warehouse,
                              engine=demo_context.engine)


def test_predict_returns_text_and_custom_outputs(agent):
    request = ResponsesAgentRequest(input=[{"role": "user", "content": "Which tables are stale?"}])
    response = agent.predict(request)
    texts = [item for item in response.output if item.type == "message"]
    calls = [item for item in response.output if item.type == "function_call"]
    outputs = [item for item in response.output if item.type == "function_call_output"]
    assert len(texts) == 1 and "orders_gold" in texts[0].content[0]["text"]
    assert calls and calls[0].name == "get_freshness_violations" and json.loads(calls[0].arguments) is not None
    assert outputs and json.loads(outputs[0].output)["ok"] is True
    assert response.custom_outputs["agents"] == ["quality"]
    assert response.custom_outputs["data_as_of"] == "2026-01-15 09:00 UTC"


def test_predict_stream_deltas_add_up_to_the_answer(agent):
    request = {"input": [{"role": "user", "content": "Any failed logins yesterday?"}],
               "custom_inputs": {"user_id": "serving@company.com"}}
    events = list(agent.predict_stream(request))
    deltas = "".join(e.delta for e in events if e.type == "response.output_text.delta")
    done = [e for e in events if e.type == "response.output_item.done" and e.item["type"] == "message"]
    assert done and deltas == done[-1].item["content"][0]["text"]
    assert "192.168.1.100" in deltas


def test_conversation_continues_through_context(agent):
    first = agent.predict({"input": [{"role": "user", "content": "Any failed logins yesterday?"}]})
    conversation = first.custom_outputs["conversation_id"]
    second = agent.predict({"input": [{"role": "user", "content": "which user was that?"}],
                            "context": {"conversation_id": conversation, "user_id": "local@health-monitor"}})
    assert second.custom_outputs["conversation_id"] == conversation
    text = [i for i in second.output if i.type == "message"][0].content[0]["text"]
    assert "admin@company.com" in text


def test_saved_as_code_loads_and_predicts(settings, tmp_path):
    """Models from code: save (which runs the input example), load with pyfunc, predict."""
    import mlflow
    from health_monitor.graph.serving import save_model

    path = tmp_path / "agent"
    save_model(str(path), pip_requirements=["health-monitor"])
    model = mlflow.pyfunc.load_model(str(path))
    out = model.predict({"input": [{"role": "user", "content": "Which tables are stale?"}]})
    text = [item for item in out["output"] if item["type"] == "message"][0]["content"][0]["text"]
    assert "orders_gold" in text


def test_the_user_comes_from_the_authenticated_context_not_the_body(demo_context):
    """A caller naming another user in the body neither reads nor writes that user's conversation."""
    from health_monitor.graph.adapters import ensure_conversation, recent_turns, save_message

    victim = "victim@company.com"
    theirs = ensure_conversation(demo_context.engine, user_id=victim, conversation_id=None, title="private",
                                 agent=None)
    save_message(demo_context.engine, user_id=victim, conversation_id=theirs, role="user", content="secret question")
    agent = HealthMonitorAgent(settings=demo_context.settings, warehouse=demo_context.warehouse,
                               engine=demo_context.engine, identity=lambda settings: "caller@company.com")
    out = agent.predict({"input": [{"role": "user", "content": "Which tables are stale?"}],
                         "context": {"conversation_id": theirs, "user_id": victim},
                         "custom_inputs": {"user_id": victim}})
    assert out.custom_outputs["ignored_user_id"] == victim
    assert out.custom_outputs["conversation_id"] != theirs
    assert [t.user.content for t in recent_turns(demo_context.engine, user_id=victim, conversation_id=theirs,
                                                 turns=5)] == ["secret question"]
    mine = recent_turns(demo_context.engine, user_id="caller@company.com",
                        conversation_id=out.custom_outputs["conversation_id"], turns=5)
    assert [t.user.content for t in mine] == ["Which tables are stale?"]


def test_an_unknown_caller_is_refused_and_nothing_is_stored(demo_context):
    calls = []
    agent = HealthMonitorAgent(settings=demo_context.settings, warehouse=demo_context.warehouse,
                               engine=demo_context.engine, graph=calls, identity=lambda settings: None)
    events = list(agent.predict_stream({"input": [{"role": "user", "content": "Any failed logins?"}],
                                        "custom_inputs": {"user_id": "someone@company.com"}}))
    assert events[0].type == "error" and events[0].code == "identity"
    assert "Could not establish who is calling" in events[-1].item["content"][0]["text"]
