"""Running catalog tools for the screens: a *runner* is ``run(tool_name, **args) -> ToolResult``.

* :func:`make_runner` wraps a :class:`tools.executor.ToolExecutor` (no Streamlit: services and tests).
* :func:`health_monitor.ui.cache.cached_runner` is the app's runner: the same call through
  ``st.cache_data`` (the page layer; this module and every screen service import without Streamlit).

A failed call raises :class:`ToolFailed` (never cached, so the next refresh retries); a tool that is
not in the catalog yet raises :class:`ToolUnavailable`, which pages show as a gentle notice.
"""

from __future__ import annotations

from typing import Any, Protocol

from health_monitor.core.errors import HealthMonitorError
from health_monitor.core.measured import is_not_measured


class ToolFailed(HealthMonitorError):
    """A tool answered ``ok=False``; the message is the tool's own (it says what was wrong)."""


class ToolUnavailable(HealthMonitorError):
    """The tool is not in the catalog (a feature not installed or not built yet)."""


class Runner(Protocol):
    def __call__(self, name: str, /, **args: Any) -> Any: ...


def checked(executor: Any, name: str, args: dict[str, Any]) -> Any:
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
        return checked(executor, name, args)

    return run


def gap(run: Runner, name: str, /, **args: Any) -> str | None:
    """The tool's "not measured: why; how" for this call, or None when its figures are measured.

    Screens show it in place of an empty state such as "every table is fresh": an account that cannot
    measure something is not healthy by default. The runner is cached, so asking costs no query.
    """
    try:
        message = run(name, **args).message or ""
    except (ToolFailed, ToolUnavailable):
        return None  # the section's own error handling reports these
    return message if is_not_measured(message) else None
