"""The Databricks backend timing out, and the LLM endpoint failing.

A local socket server that accepts and never answers stands in for a hung Databricks host; the real
``databricks-sql-connector`` (pointed at it with ``_port``) and the real graph run against it. An
LLM that raises or hangs must leave the offline path answering, saying so."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from health_monitor.graph.builder import build_graph
from health_monitor.graph.context import resolve_context
from health_monitor.graph.service import ask
from health_monitor.tools.registry import get_registry
from health_monitor.warehouse.dialect import NameMap
from langchain_core.messages import AIMessage, BaseMessage

from health_monitor.bench.fakes import FixedLatencyChatModel
from health_monitor.core.errors import HealthMonitorError, WarehouseUnavailable
from health_monitor.core.settings import Settings

sys.path.insert(0, str(Path(__file__).parent.parent / "alerts"))
from capture_servers import Blackhole  # noqa: E402  (the shared never-answering TCP server)


@pytest.fixture
def blackhole():
    hole = Blackhole()
    yield hole
    hole.close()


def _within(seconds: float, fn: Any) -> tuple[bool, Any]:
    """(finished, result-or-exception) of ``fn()`` run in a daemon thread for at most ``seconds``."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as e:  # noqa: BLE001
            box["value"] = e

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    return not t.is_alive(), box.get("value")


class _Cfg:
    def __init__(self, port: int) -> None:
        self.host = "https://127.0.0.1"

    def authenticate(self) -> dict[str, str]:
        return {"Authorization": "Bearer dapi-fake"}


def _databricks_warehouse(monkeypatch, port: int, timeout_s: float):
    import databricks.sql
    import health_monitor.warehouse.databricks_backend as backend
    real_connect = databricks.sql.connect
    monkeypatch.setattr(backend, "sdk_config", lambda host, profile, timeout_s=60.0: _Cfg(port))
    monkeypatch.setattr(databricks.sql, "connect", lambda **kw: real_connect(_port=port, **kw))
    return backend.DatabricksWarehouse(host="https://127.0.0.1", http_path="/sql/1.0/warehouses/abc",
                                       warehouse_id=None, profile=None, timeout_s=timeout_s,
                                       names=NameMap.for_databricks("main", "health_monitor",
                                                                    "system.lakeflow.pipeline_event_log"))


def test_a_failing_connector_becomes_warehouse_unavailable(monkeypatch):
    """Whatever the connector raises (here a socket timeout) becomes one readable WarehouseUnavailable."""
    import databricks.sql
    import health_monitor.warehouse.databricks_backend as backend
    class Cursor:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def execute(self, *a, **k):
            raise TimeoutError("The read operation timed out")

    class Conn:
        def cursor(self):
            return Cursor()

        def close(self):
            pass

    monkeypatch.setattr(backend, "sdk_config", lambda host, profile, timeout_s=60.0: _Cfg(0))
    monkeypatch.setattr(databricks.sql, "connect", lambda **kw: Conn())
    wh = backend.DatabricksWarehouse(host="https://x", http_path="/sql/1.0/warehouses/abc", warehouse_id=None,
                                     profile=None, names=NameMap.for_databricks("main", "health_monitor",
                                                                                "system.lakeflow.pipeline_event_log"))
    with pytest.raises(WarehouseUnavailable, match="timed out.*Check that the warehouse is running"):
        wh.query("select 1")
    ctx = resolve_context(settings=Settings(warehouse_backend="databricks"), warehouse=wh, llm=None,
                          open_missing=False)
    answer = ask("Why did costs jump yesterday?", context=ctx, persist=False)
    assert "can't read the account's data" in answer.answer and "timed out" in answer.answer


@pytest.mark.slow
def test_a_silent_databricks_host_times_out_quickly(monkeypatch, blackhole):
    wh = _databricks_warehouse(monkeypatch, blackhole.port, timeout_s=2)
    finished, outcome = _within(30, lambda: wh.query("select 1"))
    assert finished, "the query was still waiting after 30 s"
    assert isinstance(outcome, WarehouseUnavailable) and "Check that the warehouse is running" in str(outcome)


@pytest.mark.slow
def test_opening_a_silent_databricks_host_fails_quickly(monkeypatch, blackhole):
    from health_monitor.warehouse.databricks_backend import DatabricksWarehouse

    monkeypatch.setenv("DATABRICKS_TOKEN", "dapi-fake")
    finished, outcome = _within(30, lambda: DatabricksWarehouse(
        host=f"https://127.0.0.1:{blackhole.port}", http_path="/sql/1.0/warehouses/abc", warehouse_id=None,
        profile=None, timeout_s=2, names=NameMap.for_databricks("main", "health_monitor",
                                                                "system.lakeflow.pipeline_event_log")))
    assert finished, "opening the backend was still waiting after 30 s"
    if not isinstance(outcome, HealthMonitorError):  # opened (the SDK gave up on the host in time): queries fail fast
        finished, outcome = _within(30, lambda: outcome.query("select 1"))
        assert finished, "the first query was still waiting after 30 s"
        assert isinstance(outcome, HealthMonitorError)


# --- the LLM endpoint -----------------------------------------------------------------------------------

class BrokenModel(FixedLatencyChatModel):
    """Every call fails the way an unreachable OpenAI-compatible endpoint does (or hangs)."""

    hang_s: float = 0.0

    def respond(self, messages: list[BaseMessage]) -> AIMessage:
        if self.hang_s:
            time.sleep(self.hang_s)
        raise ConnectionError("Connection refused: http://127.0.0.1:9/v1/chat/completions")


@pytest.fixture(scope="module")
def graph(warehouse, demo_dir):
    g = build_graph(tools=get_registry())
    # warm up once (the first question trains the offline router): the timing below is the LLM's alone
    ask("Why did costs jump yesterday?", context=resolve_context(settings=Settings(data_dir=demo_dir), llm=None,
                                                                 warehouse=warehouse, open_missing=False),
        graph=g, persist=False)
    return g


@pytest.mark.parametrize("hang_s", [0.0, 3.0], ids=["refused", "hangs"])
def test_a_failing_llm_leaves_the_offline_path_answering(hang_s, graph, warehouse, demo_dir):
    settings = Settings(data_dir=demo_dir, llm_provider="openai", llm_timeout_s=0.5)
    ctx = resolve_context(settings=settings, warehouse=warehouse, llm=BrokenModel(latency_s=0, hang_s=hang_s),
                          open_missing=False)
    t0 = time.perf_counter()
    answer = ask("Why did costs jump yesterday and did jobs fail?", context=ctx, graph=graph, persist=False)
    elapsed = time.perf_counter() - t0
    assert "ml-workspace" in answer.answer and answer.agents
    text = answer.answer.lower()
    assert "offline" in text and ("llm" in text), answer.answer
    assert elapsed < 15, f"took {elapsed:.1f} s (llm_timeout_s is 0.5)"
    # the app keeps answering: the next question works too
    again = ask("Which jobs failed in the last 24 hours?", context=ctx, graph=graph, persist=False)
    assert again.answer and "ml_training" in again.answer


def test_a_missing_llm_extra_is_a_readable_error(monkeypatch):
    """Without the provider's extra installed (simulated, whatever this machine has), one line says what to install."""
    from health_monitor.graph.providers import make_chat_model

    monkeypatch.setitem(sys.modules, "langchain_openai", None)  # `import langchain_openai` now raises ImportError
    with pytest.raises(HealthMonitorError) as info:
        make_chat_model(Settings(llm_provider="openai", llm_endpoint="gpt-test",
                                 llm_base_url="http://127.0.0.1:9/v1", llm_api_key="sk-test"))
    assert "pip install" in str(info.value) and "health-monitor[openai]" in str(info.value)
