"""Running catalog tools for the screens: a *runner* is ``run(tool_name, **args) -> ToolResult``.

* :func:`make_runner` wraps a :class:`tools.executor.ToolExecutor` (no Streamlit: services and tests).
* :func:`cached_runner` is the app's runner: the same call through ``st.cache_data`` with the TTL of
  the page's refresh interval (30 s, 1 min, 5 min, 15 min), keyed by tool name and arguments.

A failed call raises :class:`ToolFailed` (never cached, so the next refresh retries); a tool that is
not in the catalog yet raises :class:`ToolUnavailable`, which pages show as a gentle notice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import streamlit as st

from health_monitor.core.errors import HealthMonitorError

TTLS = (30, 60, 300, 900)


class ToolFailed(HealthMonitorError):
    """A tool answered ``ok=False``; the message is the tool's own (it says what was wrong)."""


class ToolUnavailable(HealthMonitorError):
    """The tool is not in the catalog (a feature not installed or not built yet)."""


class Runner(Protocol):
    def __call__(self, name: str, /, **args: Any) -> Any: ...


def _checked(executor: Any, name: str, args: dict[str, Any]) -> Any:
    if name not in executor.registry:
        raise ToolUnavailable(f"The tool {name} is not available in this installation yet, so this part "
                              "of the screen is empty.")
    result = executor.run(name, {k: v for k, v in args.items() if v is not None})
    if not result.ok:
        raise ToolFailed(result.error or f"{name} failed")
    return result


def make_runner(executor: Any) -> Runner:
    """A runner over one executor, without caching (tests, CLI probes)."""

    def run(name: str, /, **args: Any) -> Any:
        return _checked(executor, name, args)

    return run


# --- cached (app) --------------------------------------------------------------------------------------
# One decorated function per TTL: st.cache_data fixes the TTL at decoration time.

def _executor() -> Any:
    from health_monitor.ui import clients

    return clients.executor()


@st.cache_data(ttl=30, show_spinner=False, max_entries=500)
def _run_30(name: str, args: dict[str, Any]) -> Any:
    return _checked(_executor(), name, args)


@st.cache_data(ttl=60, show_spinner=False, max_entries=500)
def _run_60(name: str, args: dict[str, Any]) -> Any:
    return _checked(_executor(), name, args)


@st.cache_data(ttl=300, show_spinner=False, max_entries=500)
def _run_300(name: str, args: dict[str, Any]) -> Any:
    return _checked(_executor(), name, args)


@st.cache_data(ttl=900, show_spinner=False, max_entries=500)
def _run_900(name: str, args: dict[str, Any]) -> Any:
    return _checked(_executor(), name, args)


_BY_TTL: dict[int, Callable[[str, dict[str, Any]], Any]] = {30: _run_30, 60: _run_60, 300: _run_300, 900: _run_900}


def cached_runner(ttl: int) -> Runner:
    """The app's runner for a page refreshing every ``ttl`` seconds (nearest of 30/60/300/900)."""
    fn = _BY_TTL[min(TTLS, key=lambda t: abs(t - ttl))]

    def run(name: str, /, **args: Any) -> Any:
        return fn(name, dict(sorted(args.items())))

    return run


def as_of(run_executor: Any = None) -> Any:
    """The data's as-of instant (naive UTC) and date, from the warehouse (cached by the executor)."""
    return (run_executor or _executor()).as_of()
