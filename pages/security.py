"""Security Center: event KPIs, events by service and action, ML anomaly flags, recent audit events.
Refreshes every 30 seconds."""

import streamlit as st
from health_monitor.ui import actions_view, charts, highlights, navigation, palette, security, shell
from health_monitor.ui import components as ui
from health_monitor.ui.cache import cached_runner
from health_monitor.ui.errors import guarded

shell.require_app()
SPEC = navigation.spec_for("pages/security.py")

ui.page_header("Security Center", "Sign-ins, permissions, tokens and access to sensitive data from the audit log.")


@st.fragment(run_every=shell.refresh_every(SPEC.refresh_s))
def body() -> None:
    f, tz = shell.filters(), shell.tz()
    run = cached_runner(SPEC.refresh_s)
    rows = []
    with guarded("events that need review"):
        rows = security.events(run, f)
        ui.highlights(highlights.security_events(rows, security.pii_tables(run)), key="sec_highlight")
    with guarded("the security figures"):
        ui.kpi_row(security.kpis(run, f))

    left, right = st.columns(2)
    with left:
        st.subheader("Events by service", anchor=False)
        with guarded("events by service"):
            ui.chart(charts.bars(security.count_by(rows, "service_name"), label="service_name", value="events"),
                     key="sec_by_service")
    with right:
        st.subheader("Events by action", anchor=False)
        with guarded("events by action"):
            ui.chart(charts.bars(security.count_by(rows, "action_name"), label="action_name", value="events",
                                 color=palette.LEVELS["low"].color), key="sec_by_action")

    st.subheader("Anomalies (ML)", anchor=False)
    with guarded("access anomalies"):
        flagged = security.anomalies(run, f)
        if flagged:
            ui.table(flagged, tz=tz, key="sec_anomalies", columns={
                "principal": "Principal", "event_date": "Day", "source_ip": "IP",
                "anomaly_score": ui.number_col("Score", "%.1f"), "reasons": "Signals",
                "explanation": st.column_config.TextColumn("Why", width="large")})
        else:
            ui.empty_state("The anomaly model flags nothing unusual.", icon=":material/verified_user:")

    st.subheader("Security events, most severe first", anchor=False)
    with guarded("recent audit events"):
        ui.table(security.events_first(rows), tz=tz, key="sec_events", height=380, empty="No security events in the period.", columns={
            "event_type": ui.enum_col("Event"), "severity": ui.status_col("Severity"), "principal": "Principal",
            "event_time": "Time", "securable_full_name": "Object", "detail": st.column_config.TextColumn(
                "Detail", width="medium"), "source_ip_address": "IP", "action_name": "Action",
            "workspace_name": "Workspace", "is_after_hours": st.column_config.CheckboxColumn("After hours")})


body()
actions_view.render_center("security")
