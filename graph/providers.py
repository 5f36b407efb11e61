"""LLM providers behind one setting (``HM_LLM_PROVIDER``): a registry, not an if/elif chain.

* ``offline`` (default): no model; the deterministic router, planner and templates answer.
* ``databricks``: a Model Serving endpoint (``HM_LLM_ENDPOINT``) with databricks-sdk unified auth.
  ``databricks_langchain.ChatDatabricks`` when the ``databricks-langchain`` extra is installed; else
  ``ChatOpenAI`` on the endpoint's OpenAI-compatible API (``<host>/serving-endpoints``), extra
  ``[databricks]``. The second keeps the core install's versions: databricks-langchain pulls
  databricks-connect, which pins numpy below 2 and clashes with the dev extra's pyspark.
* ``openai``: ``langchain_openai.ChatOpenAI`` against any OpenAI-compatible base URL
  (``HM_LLM_BASE_URL``, ``HM_LLM_API_KEY``, model ``HM_LLM_ENDPOINT``); extra ``[openai]``.

Optional packages are imported only when their provider is chosen; a missing one raises a
:class:`ConfigError` that says which extra to install.

Every model is built for :mod:`graph.llm`'s turn budget: an HTTP timeout no longer than the budget,
no client-side retries (a retry inside an abandoned call would outlive the turn; the circuit breaker
decides when to try again), and token usage on streaming calls.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from health_monitor.warehouse.databricks_backend import sdk_config

from health_monitor.core.errors import ConfigError, first_line
from health_monitor.core.settings import Settings


def _require(module: str, extra: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as e:
        if isinstance(e, ModuleNotFoundError):
            why = f"{e.name or module} is missing"
        else:  # installed but broken, e.g. a dependency of another major version (mcp 2 vs databricks-mcp)
            why = f"it is installed but does not import: {first_line(e, 160)}"
        raise ConfigError(
            f"HM_LLM_PROVIDER needs the Python package {module!r} ({why}). "
            f"Install it with `pip install 'health-monitor[{extra}]'`, or set HM_LLM_PROVIDER=offline."
        ) from None


def http_timeout(settings: Settings) -> float:
    """One HTTP call may take at most the smaller of ``llm_timeout_s`` and the turn budget."""
    return float(min(settings.llm_timeout_s, settings.turn_budget_s))


def _offline(settings: Settings) -> None:
    return None


def _databricks(settings: Settings) -> Any:
    if not settings.llm_endpoint:
        raise ConfigError("HM_LLM_PROVIDER=databricks needs HM_LLM_ENDPOINT (a serving endpoint name, "
                          "e.g. databricks-claude-sonnet-4-6).")
    try:
        module = _require("databricks_langchain", "databricks-langchain")
    except ConfigError as e:
        if "is missing" not in str(e):
            raise  # installed but broken: say so rather than quietly use another client
        return _serving_endpoint_openai(settings)
    kwargs: dict[str, Any] = {"model": settings.llm_endpoint, "temperature": 0.0,
                              "timeout": http_timeout(settings), "max_retries": 0}
    if "stream_usage" in getattr(module.ChatDatabricks, "model_fields", {}):
        kwargs["stream_usage"] = True
    return module.ChatDatabricks(**kwargs)


def _serving_endpoint_openai(settings: Settings) -> Any:
    """ChatOpenAI on ``<host>/serving-endpoints``; every request is signed by the SDK's unified auth, so an
    App's OAuth token is refreshed as it expires instead of being frozen into an API key."""
    module = _require("langchain_openai", "databricks")
    import httpx

    cfg = sdk_config(settings.databricks_host, settings.databricks_profile, http_timeout(settings))

    class _SdkAuth(httpx.Auth):
        def auth_flow(self, request: httpx.Request):  # noqa: ANN202 - httpx's generator protocol
            for key, value in cfg.authenticate().items():
                request.headers[key] = value
            yield request

    timeout = http_timeout(settings)
    return module.ChatOpenAI(model=settings.llm_endpoint, temperature=0.0, timeout=timeout, max_retries=0,
                             stream_usage=True, base_url=f"{cfg.host.rstrip('/')}/serving-endpoints",
                             api_key="unused-signed-by-databricks-sdk",
                             http_client=httpx.Client(auth=_SdkAuth(), timeout=timeout),
                             http_async_client=httpx.AsyncClient(auth=_SdkAuth(), timeout=timeout))


def _openai(settings: Settings) -> Any:
    if not settings.llm_endpoint:
        raise ConfigError("HM_LLM_PROVIDER=openai needs HM_LLM_ENDPOINT (the model name, e.g. gpt-4o-mini).")
    module = _require("langchain_openai", "openai")
    kwargs: dict[str, Any] = {"model": settings.llm_endpoint, "temperature": 0.0,
                              "timeout": http_timeout(settings), "max_retries": 0, "stream_usage": True}
    if settings.llm_base_url:
        kwargs["base_url"] = settings.llm_base_url
    if settings.llm_api_key:
        kwargs["api_key"] = settings.llm_api_key
    return module.ChatOpenAI(**kwargs)


#: Provider name -> factory(settings) -> chat model (None = offline).
PROVIDERS: dict[str, Callable[[Settings], Any]] = {
    "offline": _offline,
    "databricks": _databricks,
    "openai": _openai,
}


def make_chat_model(settings: Settings) -> Any:
    """The chat model of the configured provider, or None for offline."""
    try:
        factory = PROVIDERS[settings.llm_provider]
    except KeyError:
        raise ConfigError(f"Unknown HM_LLM_PROVIDER {settings.llm_provider!r}; use one of "
                          f"{', '.join(sorted(PROVIDERS))}.") from None
    return factory(settings)
