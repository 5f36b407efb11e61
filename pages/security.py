"""Security Center: event KPIs, events by service and action, ML anomaly flags, recent audit events.
Refreshes every 30 seconds."""

import streamlit as st
from health_monitor.ui import actions_view, charts, navigation, security, shell
from health_monitor.ui import components as ui
from health_monitor.ui.data import cached_runner
from health_monitor.ui.errors import guarded

shell.require_app()
SPEC = navigation.spec_for("pages/security.py")

ui.page_header("Security Center", "Sign-ins, permissions, tokens and access to sensitive data from the audit log.")


@st.fragment(run_every=shell.refresh_every(SPEC.refresh_s))
def body() -> None:
    f, tz = shell.filters(), shell.tz()
    run = cached_runner(SPEC.refresh_s)
    with guarded("the security figures"):
        ui.kpi_row(security.kpis(run, f))

    rows = []
    left, right = st.columns(2)
    with left:
        st.subheader("Events by service", anchor=False)
        with guarded("events by service"):
            rows = security.events(run, f)
            ui.chart(charts.bars(security.count_by(rows, "service_name"), label="service_name", value="events"),
                     key="sec_by_service")
    with right:
        st.subheader("Events by action", anchor=False)
        with guarded("events by action"):
            ui.chart(charts.bars(security.count_by(rows, "action_name"), label="action_name", value="events",
                                 color="#9467bd"), key="sec_by_action")

    st.subheader("Anomalies (ML)", anchor=False)
    with guarded("access anomalies"):
        flagged = security.anomalies(run, f)
        if flagged:
            ui.table(flagged, tz=tz, key="sec_anomalies", columns={
                "event_date": "Day", "principal": "Principal", "source_ip": "IP",
                "anomaly_score": ui.number_col("Score", "%.1f"), "reasons": "Signals",
                "explanation": st.column_config.TextColumn("Why", width="large")})
        else:
            ui.empty_state("The anomaly model flags nothing unusual.", icon=":material/verified_user:")

    st.subheader("Recent security events", anchor=False)
    with guarded("recent audit events"):
        ui.table(rows, tz=tz, key="sec_events", height=380, empty="No security events in the period.", columns={
            "event_time": "Time", "severity": "Severity", "event_type": "Event", "principal": "Principal",
            "source_ip_address": "IP", "action_name": "Action", "securable_full_name": "Object",
            "workspace_name": "Workspace", "detail": st.column_config.TextColumn("Detail", width="medium"),
            "is_after_hours": st.column_config.CheckboxColumn("After hours")})


body()
actions_view.render_center("security")
