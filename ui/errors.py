"""One way to show a failure: a readable ``st.error`` saying what to do, details in an expander, logged.

    with guarded("cost trend"):
        render_trend(...)

Anything raised inside is caught (Streamlit's own control-flow exceptions pass through), so one broken
source never takes the page down and the user never sees a traceback.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from health_monitor.ui.data import ToolUnavailable

from health_monitor.core.errors import HealthMonitorError, first_line

log = logging.getLogger("health_monitor.ui")


def _control_flow() -> tuple[type[BaseException], ...]:
    """Streamlit's rerun/stop exceptions must propagate (st.rerun, st.switch_page, st.stop)."""
    kinds: list[type[BaseException]] = []
    try:
        from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException

        kinds += [RerunException, StopException]
    except ImportError:  # pragma: no cover - older Streamlit
        pass
    return tuple(kinds)


_PASS_THROUGH = _control_flow()


def explain(error: BaseException, what: str) -> str:
    """The sentence shown to the user: our errors already say what to do; others get a generic hint."""
    if isinstance(error, HealthMonitorError):
        return f"Could not load {what}: {error}"
    first = first_line(error)
    return (f"Could not load {what} ({first}). Try again in a moment (press R to rerun); if it keeps failing, "
            "check that the data source is reachable and see the server log.")


def show_error(error: BaseException, what: str) -> None:
    # Our errors are expected and say what to do: no traceback in the log for them.
    log.error("failed to load %s: %s", what, error, exc_info=None if isinstance(error, HealthMonitorError) else error)
    st.error(explain(error, what), icon=":material/error:")
    with st.expander("Details"):
        st.code("".join(traceback.format_exception_only(type(error), error)).strip()
                + "\n\n" + "".join(traceback.format_tb(error.__traceback__)[-3:]), language="text")


@contextmanager
def guarded(what: str) -> Iterator[None]:
    """Run a block; on failure show :func:`show_error` instead of a traceback."""
    try:
        yield
    except _PASS_THROUGH:
        raise
    except Exception as e:  # noqa: BLE001

        if not isinstance(e, ToolUnavailable):
            show_error(e, what)
            return
        log.info("%s: %s", what, e)
        st.info(f"{what[:1].upper()}{what[1:]}: {e}", icon=":material/hourglass_empty:")
