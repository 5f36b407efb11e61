"""What ``app.py`` sets up once per session and what every page reads back: the user, their role and
preferences, the data's as-of instant, the shared sidebar filters, the refresh interval.

Shared session keys (initialised once by :func:`init_session`): ``user`` (an :class:`Identity`),
``role``, ``prefs`` (db Preferences), ``state_error`` (why the store is unavailable, or None),
``filters`` (the current :class:`Filters`). Page-local keys carry a page prefix (``chat_...``).
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta, timezone
from typing import Any

import streamlit as st
from health_monitor.ui import clients, refresh
from health_monitor.ui.cache import cached_runner
from health_monitor.ui.filters import CUSTOM, PERIODS, Filters, resolve
from health_monitor.ui.identity import Identity, current_identity

from health_monitor.core.errors import first_line

log = logging.getLogger("health_monitor.ui")
ALL = "All workspaces"


def _defaults(user_id: str) -> Any:
    from health_monitor.db.records import Preferences

    return Preferences(user_id=user_id)


def init_session() -> None:
    """Identity, role and preferences, once per browser session (the store being down is not fatal)."""
    if "user" in st.session_state:
        return
    settings = clients.settings()
    ident = current_identity(settings.local_user)
    role, prefs, problem = "viewer", _defaults(ident.user_id), None
    try:
        from health_monitor.db.access import configured_admins
        from health_monitor.ui import store

        engine = clients.state_engine()
        role = store.ensure_user(engine, ident.user_id, configured_admins(settings))
        prefs = store.preferences(engine, ident.user_id)
    except Exception as e:  # noqa: BLE001 - the app still shows data without the state store
        log.warning("state store unavailable at session start: %s", e)
        problem = first_line(e)
    st.session_state.update(user=ident, role=role, prefs=prefs, state_error=problem)


def require_app() -> None:
    """Call first in every page: pages run only through ``app.py``.

    Streamlit runs a ``pages/`` script *directly* (its v1 multipage mode) until ``st.navigation`` has
    been called once in the process, i.e. when the first visitor of a fresh server opens a deep link
    such as ``/cost``. Then nothing of ``app.py`` ran; switch v1 off and rerun through ``app.py``,
    which routes the same URL to the same page.
    """
    if "user" in st.session_state:
        return
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    st.rerun()


def user() -> Identity:
    return st.session_state["user"]


def user_id() -> str:
    return user().user_id


def is_admin() -> bool:
    return st.session_state.get("role") == "admin"


def prefs() -> Any:
    return st.session_state["prefs"]


def tz() -> str:
    return prefs().timezone or "UTC"


def display_name() -> str:
    return prefs().display_name or user().display_name


def set_prefs(p: Any) -> None:
    st.session_state["prefs"] = p


def refresh_every(page_default: int | None) -> int | None:
    """Auto-refresh interval of a page: its own default, slowed to the user's explicit choice (0 = off)."""
    return refresh.interval(page_default, prefs())


@st.cache_data(ttl=60, show_spinner=False)
def _as_of() -> tuple[datetime, date]:
    return clients.executor().as_of()


def as_of() -> tuple[datetime, date]:
    """The data's as-of instant (naive UTC) and date; the wall clock is never used for data."""
    return _as_of()


@st.cache_data(ttl=300, show_spinner=False)
def _workspaces(start: date, end: date) -> list[str]:

    rows = cached_runner(300)("get_daily_cost_summary", start_date=start, end_date=end).rows
    return sorted({r["workspace_name"] for r in rows if r.get("workspace_name")})


def filters() -> Filters:
    return st.session_state["filters"]


def _save_filters(f: Filters) -> None:
    st.session_state["filters"] = f
    if st.session_state.get("state_error"):
        return
    try:
        from health_monitor.ui import store

        p = store.save_preferences(clients.state_engine(), user_id(), filters=f.to_pref(),
                                   **refresh.first_save_fields(prefs()))
        set_prefs(p)
    except Exception as e:  # noqa: BLE001
        log.warning("could not save filters: %s", e)
        st.toast("Your filter choice applies now but could not be saved (the state store is unavailable).",
                 icon=":material/cloud_off:")


def stale_banner() -> None:
    """Warn on every page when the data is more than a day behind the clock."""
    try:
        as_of_dt, _ = as_of()
    except Exception:  # noqa: BLE001 - pages show the warehouse error themselves
        return
    note = refresh.stale_notice(as_of_dt, datetime.now(timezone.utc))
    if note:
        st.warning(note, icon=":material/schedule:")


def sidebar(spec: Any = None) -> None:
    """The shared filters this page applies (period, workspace) and who is signed in, under the page list.
    Pages that apply no filter (chat, settings, governance) show none: a control that does nothing misleads."""
    shown = getattr(spec, "filters", ("period", "workspace"))
    try:
        _, as_of_date = as_of()
    except Exception as e:  # noqa: BLE001 - pages show the warehouse error themselves
        log.warning("as-of unavailable: %s", e)
        as_of_date = date.today()
    if "filters" not in st.session_state:
        st.session_state["filters"] = resolve(prefs().filters, as_of_date)
    current = filters()
    with st.sidebar:
        if shown:
            _filter_widgets(current, shown, as_of_date)
        st.caption(f"Data as of {as_of_date:%Y-%m-%d} · times in {tz()}")
        st.divider()
        who = display_name()
        st.caption(f":material/person: {who} ({st.session_state.get('role', 'viewer')})")
        if st.session_state.get("state_error"):
            st.caption(":material/cloud_off: Preferences and history are unavailable right now.")


def _filter_widgets(current: Filters, shown: tuple[str, ...], as_of_date: date) -> None:
    st.subheader("Filters", anchor=False)
    start, end, period, workspace = current.start, current.end, current.period, current.workspace
    if "period" in shown:
        options = [*PERIODS, CUSTOM]
        period = st.selectbox("Period", options, index=options.index(current.period) if current.period in options
                              else options.index(30), format_func=lambda p: PERIODS.get(p, "Custom range"),
                              key="shell_period")
        if period == CUSTOM:
            picked = st.date_input("Dates (UTC)", value=(current.start, current.end), max_value=as_of_date,
                                   min_value=as_of_date - timedelta(days=730), key="shell_dates")
            if isinstance(picked, (tuple, list)) and len(picked) == 2:
                start, end = picked
        else:
            start, end = as_of_date - timedelta(days=int(period) - 1), as_of_date
    if "workspace" in shown:
        try:
            names = _workspaces(as_of_date - timedelta(days=89), as_of_date)
        except Exception:  # noqa: BLE001
            names = []
        choices = [ALL, *names] if current.workspace in (None, *names) else [ALL, current.workspace, *names]
        picked_ws = st.selectbox("Workspace", choices, index=choices.index(current.workspace or ALL),
                                 key="shell_workspace")
        workspace = None if picked_ws == ALL else picked_ws
    new = Filters(start, end, workspace, period, as_of_date)
    if new != current:
        _save_filters(new)
