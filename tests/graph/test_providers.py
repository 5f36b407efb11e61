"""LLM providers: a registry behind one setting; optional packages imported lazily with a clear message."""

from __future__ import annotations

import builtins
import sys

import pytest
from health_monitor.graph.providers import PROVIDERS, make_chat_model

from health_monitor.core.errors import ConfigError
from health_monitor.core.settings import Settings


def test_registry_names():
    assert set(PROVIDERS) == {"offline", "databricks", "openai"}


def test_offline_is_none():
    assert make_chat_model(Settings(llm_provider="offline")) is None


@pytest.mark.parametrize("provider,module,extra", [("databricks", "langchain_openai", "databricks"),
                                                   ("openai", "langchain_openai", "openai")])
def test_missing_optional_package_says_which_extra(monkeypatch, provider, module, extra):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name.split(".")[0] == module:
            raise ImportError(f"No module named {module!r}", name=module)
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, module, raising=False)
    monkeypatch.setitem(sys.modules, "databricks_langchain", None)  # without ChatDatabricks, databricks uses [databricks]
    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(ConfigError, match=rf"health-monitor\[{extra}\]"):
        make_chat_model(Settings(llm_provider=provider, llm_endpoint="some-model"))


@pytest.mark.parametrize("provider", ["databricks", "openai"])
def test_endpoint_is_required(provider):
    with pytest.raises(ConfigError, match="HM_LLM_ENDPOINT"):
        make_chat_model(Settings(llm_provider=provider))


def test_unknown_provider_lists_the_known_ones():
    s = Settings().model_copy(update={"llm_provider": "nope"})
    with pytest.raises(ConfigError, match="databricks, offline, openai"):
        make_chat_model(s)


def test_an_installed_but_broken_package_says_so(monkeypatch):
    import importlib

    real = importlib.import_module

    def fake_import_module(name, *args, **kwargs):
        if name == "databricks_langchain":
            raise ImportError("cannot import name 'RequestContext' from 'mcp.shared.context'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(importlib, "import_module", fake_import_module)
    with pytest.raises(ConfigError, match="installed but does not import: cannot import name 'RequestContext'"):
        make_chat_model(Settings(llm_provider="databricks", llm_endpoint="some-model"))


def test_models_are_built_for_the_turn_budget():
    pytest.importorskip("langchain_openai")
    llm = make_chat_model(Settings(llm_provider="openai", llm_endpoint="m", llm_base_url="http://127.0.0.1:9/v1",
                                   llm_api_key="k", llm_timeout_s=30, turn_budget_s=12))
    assert llm.max_retries == 0 and llm.request_timeout == 12 and llm.stream_usage is True


def test_databricks_without_databricks_langchain_signs_each_request_with_unified_auth(monkeypatch):
    """The light [databricks] extra: ChatOpenAI on <host>/serving-endpoints, the token from the SDK per request."""
    pytest.importorskip("langchain_openai")
    monkeypatch.setitem(sys.modules, "databricks_langchain", None)
    monkeypatch.setenv("DATABRICKS_HOST", "https://example.cloud.databricks.com")
    monkeypatch.setenv("DATABRICKS_TOKEN", "dapi-test")
    for var in ("DATABRICKS_CONFIG_PROFILE", "DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET"):
        monkeypatch.delenv(var, raising=False)
    llm = make_chat_model(Settings(llm_provider="databricks", llm_endpoint="databricks-claude-sonnet-4-6",
                                   turn_budget_s=12))
    assert str(llm.openai_api_base) == "https://example.cloud.databricks.com/serving-endpoints"
    assert llm.max_retries == 0 and llm.model_name == "databricks-claude-sonnet-4-6"
    import httpx

    request = httpx.Request("POST", "https://example.cloud.databricks.com/serving-endpoints/chat/completions")
    signed = next(llm.http_client.auth.auth_flow(request))
    assert signed.headers["Authorization"] == "Bearer dapi-test"
