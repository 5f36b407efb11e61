"""``health-monitor ask``: one question (text or JSON) and a batch (JSON lines, input order, shared context)."""

from __future__ import annotations

import io
import json

import pytest

from health_monitor.commands.ask import answer_batch, run_batch, run_one


def test_one_question_json(demo_context):
    out = io.StringIO()
    assert run_one("Any failed logins yesterday?", ctx=demo_context, fmt="json", conversation=None, agent=None,
                   out=out, err=io.StringIO()) == 0
    record = json.loads(out.getvalue())
    assert {"answer", "agents", "tool_calls", "timings", "conversation_id", "data_as_of"} <= set(record)
    assert record["agents"] == ["security"] and "192.168.1.100" in record["answer"]
    assert set(record["tool_calls"][0]) >= {"agent", "tool", "args", "ok", "rows", "ms"}


def test_one_question_text_streams(demo_context):
    out, err = io.StringIO(), io.StringIO()
    assert run_one("Which tables are stale?", ctx=demo_context, fmt="text", conversation=None, agent=None,
                   out=out, err=err) == 0
    assert "orders_gold" in out.getvalue() and "Data as of" in out.getvalue()
    assert "> routing: quality" in err.getvalue() and "get_freshness_violations" in err.getvalue()
    assert "--conversation" in err.getvalue()


def test_batch_keeps_order_ids_and_shares_context(demo_context, tmp_path):
    lines = [{"id": "a1", "question": "How much did ml-workspace cost yesterday?", "conversation": "c1"},
             {"id": "b1", "question": "Which tables are stale?", "conversation": None},
             {"id": "a2", "question": "What was behind the jump?", "conversation": "c1"},
             {"id": "z", "question": "", "conversation": None}]
    path = tmp_path / "q.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines))
    out = io.StringIO()
    assert run_batch(str(path), ctx=demo_context, fmt="json", agent=None, out=out) == 0
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in records] == ["a1", "b1", "a2", "z"]
    assert records[0]["conversation_id"] == records[2]["conversation_id"] != records[1]["conversation_id"]
    assert "ml_training" in records[2]["answer"]
    assert records[3]["agents"] == [] and records[3]["answer"]


def test_a_bad_batch_line_is_a_clear_error(tmp_path, demo_context):
    from health_monitor.core.errors import ConfigError

    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": 1, "question": "ok"}\nnot json\n')
    with pytest.raises(ConfigError, match=r"bad.jsonl:2: not JSON"):
        run_batch(str(path), ctx=demo_context, fmt="json", agent=None, out=io.StringIO())


def test_cli_entry_point_end_to_end(settings, capsys):
    from health_monitor.cli import main

    assert main(["ask", "Any high-severity security events today?", "--format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert "security" in record["agents"] and "token" in record["answer"].lower()
    assert main(["ask"]) == 2


def test_batch_isolated_per_item_errors(demo_context, monkeypatch):
    import health_monitor.graph.service as service
    calls = {"n": 0}
    real = service.stream

    def sometimes(question, **kw):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("boom")
        return real(question, **kw)

    monkeypatch.setattr(service, "stream", sometimes)
    records = answer_batch([{"id": 1, "question": "x"}, {"id": 2, "question": "Which tables are stale?"}],
                           ctx=demo_context)
    assert records[0]["error"].startswith("RuntimeError") and "orders_gold" in records[1]["answer"]


def test_missing_data_is_one_clear_line_and_exit_2(tmp_path, monkeypatch, capsys):
    from health_monitor.cli import main
    from health_monitor.core.settings import get_settings

    monkeypatch.setenv("HM_DATA_DIR", str(tmp_path / "nothing"))
    monkeypatch.setenv("HM_DATABASE_URL", f"sqlite:///{tmp_path / 'state.sqlite'}")
    get_settings.cache_clear()
    try:
        assert main(["ask", "Why are costs high?"]) == 2
    finally:
        get_settings.cache_clear()
    err = capsys.readouterr().err
    assert "health-monitor demo" in err and "Traceback" not in err


def test_no_save_batch_still_keeps_each_conversations_context_and_stores_nothing(settings, tmp_path, capsys):
    """``--no-save`` keeps the user's store untouched, not the follow-ups' memory: a throwaway store
    carries the batch's conversations."""
    from health_monitor.db import make_engine
    from sqlalchemy import inspect

    from health_monitor.cli import main

    lines = [{"id": "a", "question": "Any failed logins yesterday?", "conversation": "k"},
             {"id": "b", "question": "and the day before?", "conversation": "k"}]
    path = tmp_path / "q.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines))
    assert main(["ask", "--batch", str(path), "--format", "json", "--no-save"]) == 0
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert second["agents"] == ["security"]
    assert first["answer"].startswith("Yesterday") and second["answer"].startswith("The day before")
    engine = make_engine(settings)
    try:
        tables = set(inspect(engine).get_table_names())
        if "chat_conversations" in tables:
            with engine.connect() as con:
                assert con.exec_driver_sql("select count(*) from chat_conversations").scalar() == 0
    finally:
        engine.dispose()
