"""The app's cached runners (Streamlit page layer): tool calls through ``st.cache_data`` with the TTL of
the page's refresh interval (30 s, 1 min, 5 min, 15 min), keyed by tool name and arguments. A failed
call raises (never cached), so the next refresh retries. Screen services stay Streamlit-free and take
the runner as an argument.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
from health_monitor.ui import clients
from health_monitor.ui.data import Runner, checked

TTLS = (30, 60, 300, 900)


def _executor() -> Any:

    return clients.executor()


# One decorated function per TTL: st.cache_data fixes the TTL at decoration time.


@st.cache_data(ttl=30, show_spinner=False, max_entries=500)
def _run_30(name: str, args: dict[str, Any]) -> Any:
    return checked(_executor(), name, args)


@st.cache_data(ttl=60, show_spinner=False, max_entries=500)
def _run_60(name: str, args: dict[str, Any]) -> Any:
    return checked(_executor(), name, args)


@st.cache_data(ttl=300, show_spinner=False, max_entries=500)
def _run_300(name: str, args: dict[str, Any]) -> Any:
    return checked(_executor(), name, args)


@st.cache_data(ttl=900, show_spinner=False, max_entries=500)
def _run_900(name: str, args: dict[str, Any]) -> Any:
    return checked(_executor(), name, args)


_BY_TTL: dict[int, Callable[[str, dict[str, Any]], Any]] = {30: _run_30, 60: _run_60, 300: _run_300, 900: _run_900}


def cached_runner(ttl: int) -> Runner:
    """The app's runner for a page refreshing every ``ttl`` seconds (nearest of 30/60/300/900)."""
    fn = _BY_TTL[min(TTLS, key=lambda t: abs(t - ttl))]

    def run(name: str, /, **args: Any) -> Any:
        return fn(name, dict(sorted(args.items())))

    return run
