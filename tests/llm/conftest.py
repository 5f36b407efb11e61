"""Fixtures for the LLM path over HTTP: the local OpenAI-compatible server and run contexts whose chat
model is a real provider (``openai``, or ``databricks`` when its extra is installed) pointed at it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "graph"))  # graph_fakes: canned tool rows and a fixed parser


@pytest.fixture(scope="session", autouse=True)
def _parser_warmed():
    """Warm the parser first, as the app does at start: its one-off fit would otherwise compete for the
    GIL with the first timed turn."""
    from health_monitor.graph import service

    service._warm_parser_in_background()
    for thread in service._PARSER_WARMING:
        thread.join(timeout=120)


@pytest.fixture(autouse=True)
def _closed_breakers():
    """Each test starts with every endpoint's circuit breaker closed."""
    from health_monitor.graph.llm import reset_breakers

    reset_breakers()
    yield
    reset_breakers()


@pytest.fixture
def llm_server():
    """``llm_server(responder)`` -> a started :class:`openai_server.OpenAIServer` (closed after the test)."""
    from openai_server import OpenAIServer

    servers = []

    def start(responder, **kw):
        server = OpenAIServer(responder, **kw).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


@pytest.fixture(scope="session")
def llm_graph():
    from health_monitor.graph.builder import build_graph
    from health_monitor.tools.registry import get_registry

    return build_graph(tools=get_registry())


def provider_model(provider: str, server, monkeypatch, settings):
    """The configured provider's real chat model, talking HTTP to ``server``."""
    from health_monitor.graph.providers import make_chat_model

    if provider == "databricks":
        monkeypatch.setenv("DATABRICKS_HOST", server.host)
        monkeypatch.setenv("DATABRICKS_TOKEN", "dapi-test")
        for var in ("DATABRICKS_CONFIG_PROFILE", "DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET"):
            monkeypatch.delenv(var, raising=False)
    return make_chat_model(settings)


@pytest.fixture
def http_context(monkeypatch):
    """``http_context(server, table, provider="openai", **settings)`` -> a RunContext over canned tool rows
    whose LLM is the provider's real client pointed at ``server``."""
    from graph_fakes import AS_OF, DEMO_ROWS, FakeExecutor, fixed_parser
    from health_monitor.graph.context import RunContext

    from health_monitor.core.settings import Settings

    def make(server, table, *, provider="openai", rows=None, **overrides):
        values = {"llm_provider": provider, "llm_endpoint": "test-model", "turn_budget_s": 3.0,
                  "llm_timeout_s": 30.0, "llm_cooldown_s": 60.0, **overrides}
        if provider == "openai":
            values.update(llm_base_url=server.base_url, llm_api_key="sk-test")
        settings = Settings(**values)
        llm = provider_model(provider, server, monkeypatch, settings)
        return RunContext(user_id="tester@company.com", settings=settings, parser=fixed_parser(table), as_of=AS_OF,
                          llm=llm, extras={"executor": FakeExecutor(DEMO_ROWS if rows is None else rows)})

    return make
