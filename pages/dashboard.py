"""Dashboard Hub: headline KPIs, cost trend, job outcomes, what needs attention, quick actions."""

import streamlit as st
from health_monitor.ui import alerts_view, charts, clients, hub, navigation, palette, refresh, shell, store
from health_monitor.ui import components as ui
from health_monitor.ui.cache import cached_runner
from health_monitor.ui.errors import guarded

shell.require_app()
SPEC = navigation.spec_for("pages/dashboard.py")
EVERY = shell.refresh_every(SPEC.refresh_s)

ui.page_header("Dashboard Hub", "The platform at a glance: spend, jobs, workspaces and security, refreshed "
                                f"{refresh.describe(EVERY)}.")


# Only this fragment re-runs on the timer: the quick actions below never re-render (the page stays settled).
@st.fragment(run_every=EVERY)
def overview() -> None:
    f, tz = shell.filters(), shell.tz()
    run = cached_runner(SPEC.refresh_s)
    with guarded("the headline figures"):
        _, as_of = shell.as_of()
        ui.kpi_row(hub.kpis(run, f, as_of))

    st.subheader("Needs attention", anchor=False)
    signals_tab, rules_tab = st.tabs(["Signals now", "Alert rules"])
    with signals_tab, guarded("the open signals"):
        rows, gap = hub.signals(run, f), hub.signals_gap(run)
        if gap:  # some signals cannot be raised here: never a plain "nothing needs attention"
            ui.not_measured(gap)
        if not rows:
            ui.empty_state("Nothing needs attention in what is measured." if gap else
                           "Nothing needs attention right now.", "Signals appear here when a job fails, costs "
                                                                 "spike or a security event needs review.",
                           icon=":material/check_circle:")
        else:
            alerts_view.signal_list(rows, tz, hub.page_for_signal)
            with st.expander(f"All {len(rows)} signals as a table"):
                ui.table(rows, tz=tz, columns={"subject": "Subject", "severity": ui.status_col("Severity"),
                                               "signal_type": ui.enum_col("Signal"), "workspace_name": "Workspace",
                                               "observed_at": "Observed", "detail": st.column_config.TextColumn(
                                                   "Detail", width="large")}, key="dash_signals_table")
    with rules_tab, guarded("alert events"):
        if st.session_state.get("state_error"):
            ui.empty_state("Alert history is unavailable while the state store is down.",
                           st.session_state["state_error"], icon=":material/cloud_off:")
        else:
            events = store.alert_events(clients.state_engine(), shell.user_id(), limit=50)
            open_events = [e for e in events if e.is_open]
            if open_events:
                ui.table(alerts_view.event_rows(open_events), tz=tz, key="dash_open_events",
                         columns=alerts_view.event_columns())
            else:
                ui.empty_state("No alert rule is firing.", "Rules are evaluated by the alert job; manage them "
                                                          "in Settings.", icon=":material/notifications_off:")
            closed = [e for e in events if not e.is_open]
            if closed:
                with st.expander(f"History ({len(closed)} resolved)"):
                    ui.table(alerts_view.event_rows(closed), tz=tz, key="dash_event_history",
                             columns=alerts_view.event_columns())

    left, right = st.columns([3, 2])
    with left:
        st.subheader("Cost trend", anchor=False)
        with guarded("the cost trend"):
            rows = hub.cost_trend(run, f)
            ui.chart(charts.stacked_area(rows, x="usage_date", y="list_cost", by="workspace_name", money=True),
                     key="dash_cost_trend")
            st.caption(f"Daily list cost per workspace, {f.label.lower()} (complete UTC days).")
    with right:
        st.subheader("Job outcomes", anchor=False)
        with guarded("job outcomes"):
            out = hub.job_outcomes(run, f)
            ui.chart(charts.donut(out.labels, out.values, colors={"Succeeded": palette.color("ok"), "Failed": palette.color("critical"),
                                          "Other (canceled, skipped)": palette.color("not_measured")},
                                  center=f"{out.rate:.1f} %" if out.rate is not None else None),
                     key="dash_job_outcomes")
            st.caption(f"{out.runs:,} runs in the period.")

overview()

st.subheader("Quick actions", anchor=False)
ask, centers = st.columns([3, 2])
with ask:
    st.caption("Ask the agents")
    for i, question in enumerate(hub.SUGGESTED_QUESTIONS):
        if st.button(question, key=f"dash_ask_{i}", icon=":material/forum:", width="stretch"):
            st.session_state["chat_prefill"] = question
            st.switch_page("pages/chat.py")
with centers:
    st.caption("Open a center")
    for path in ("pages/cost.py", "pages/jobs.py", "pages/security.py", "pages/reliability.py"):
        spec = navigation.spec_for(path)
        st.page_link(path, label=spec.title, icon=spec.icon)
