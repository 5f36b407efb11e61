"""Runtime context: argument > environment > default, pinned."""

from __future__ import annotations

import pytest
from health_monitor.graph.context import DEFAULT_USER, resolve_context, resolve_settings

from health_monitor.core.settings import Settings, get_settings


@pytest.fixture(autouse=True)
def _fresh_settings(monkeypatch):
    monkeypatch.delenv("HM_LOCAL_USER", raising=False)
    monkeypatch.delenv("HM_LLM_PROVIDER", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_user_argument_beats_environment_beats_default(monkeypatch):
    assert resolve_context(open_missing=False).user_id == DEFAULT_USER
    monkeypatch.setenv("HM_LOCAL_USER", "env@company.com")
    get_settings.cache_clear()
    assert resolve_context(open_missing=False).user_id == "env@company.com"
    assert resolve_context(user_id="arg@company.com", open_missing=False).user_id == "arg@company.com"


def test_settings_argument_beats_environment(monkeypatch):
    monkeypatch.setenv("HM_LLM_MAX_STEPS", "9")
    get_settings.cache_clear()
    assert resolve_settings().llm_max_steps == 9
    explicit = Settings(llm_max_steps=2)
    assert resolve_context(settings=explicit, open_missing=False).settings.llm_max_steps == 2


def test_explicit_resources_are_used_not_opened():
    wh, engine, llm = object(), object(), object()
    ctx = resolve_context(warehouse=wh, engine=engine, llm=llm, settings=Settings())
    assert (ctx.warehouse, ctx.engine, ctx.llm) == (wh, engine, llm)


def test_offline_provider_gives_no_model():
    ctx = resolve_context(warehouse=object(), settings=Settings(llm_provider="offline"))
    assert ctx.llm is None
