"""Runtime context: who asks, which warehouse, which settings, which store, which LLM.

Passed explicitly to every run as LangGraph's ``context=`` (nodes read ``runtime.context``); nothing
is a module global. :func:`resolve_context` fixes one precedence for every field:

    explicit argument  >  environment (``HM_*`` through :func:`get_settings`)  >  default

so a caller's choice is never silently overridden by an environment variable (a unit test pins it).
Opening the warehouse or the store is lazy: a context built for a unit test with fakes never connects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from health_monitor.graph.providers import make_chat_model
from health_monitor.warehouse import open_warehouse

from health_monitor.core.settings import Settings, get_settings

DEFAULT_USER = "local@health-monitor"


@dataclass
class RunContext:
    """Everything a node needs besides the state. Build it with :func:`resolve_context`."""

    user_id: str
    settings: Settings
    #: A ``warehouse.Warehouse`` (anything with ``query(sql, params, max_rows=)``).
    warehouse: Any = None
    #: A SQLAlchemy engine for conversations (None: the run is not persisted).
    engine: Any = None
    #: A LangChain chat model, or None for the offline path.
    llm: Any = None
    #: The data's as-of instant (``meta_build.as_of``); every relative date is computed from it.
    as_of: datetime | None = None
    #: The entity vocabulary (``graph.nlp`` EntityIndex) built from the Gold dimensions.
    entity_index: Any = None
    conversation_id: str | None = None
    #: Tool registry override (tests); None = the catalog in ``tools/``.
    tools: Any = None
    #: Question parser override ``(question, *, as_of, index, previous) -> Understanding`` (tests);
    #: None = ``graph.nlp`` through :func:`graph.adapters.understand`.
    parser: Any = None
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def as_of_text(self) -> str:
        return f"{self.as_of:%Y-%m-%d %H:%M} UTC" if self.as_of else "an unknown time"


def resolve_settings(settings: Settings | None = None) -> Settings:
    """Argument > environment > default (``get_settings`` reads ``HM_*`` and applies defaults)."""
    return settings if settings is not None else get_settings()


def resolve_user(user_id: str | None, settings: Settings) -> str:
    """Argument > ``HM_LOCAL_USER`` > the default local user."""
    if user_id and user_id.strip():
        return user_id.strip()
    return (settings.local_user or DEFAULT_USER).strip() or DEFAULT_USER


def resolve_context(*, user_id: str | None = None, settings: Settings | None = None, warehouse: Any = None,
                    engine: Any = None, llm: Any = None, open_missing: bool = True, **extras: Any) -> RunContext:
    """A :class:`RunContext` with the documented precedence; opens the warehouse only when missing
    and ``open_missing`` (the LLM comes from the configured provider when not given)."""
    s = resolve_settings(settings)
    if warehouse is None and open_missing:
        warehouse = open_warehouse(s)
    if llm is None and open_missing:
        llm = make_chat_model(s)
    tools = extras.pop("tools", None)
    parser = extras.pop("parser", None)
    return RunContext(user_id=resolve_user(user_id, s), settings=s, warehouse=warehouse, engine=engine,
                      llm=llm, tools=tools, parser=parser, extras=extras)
