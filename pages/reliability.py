"""Reliability: availability of SQL warehouses, outages, incidents, repair times and service health."""

import streamlit as st
from health_monitor.ui import actions_view, charts, navigation, reliability, shell
from health_monitor.ui import components as ui
from health_monitor.ui.data import cached_runner
from health_monitor.ui.errors import guarded

shell.require_app()
SPEC = navigation.spec_for("pages/reliability.py")

ui.page_header("Reliability", "Uptime, outages and incidents across warehouses, jobs and serving.")


@st.fragment(run_every=shell.refresh_every(SPEC.refresh_s))
def body() -> None:
    f, tz = shell.filters(), shell.tz()
    run = cached_runner(SPEC.refresh_s)
    with guarded("the reliability figures"):
        ui.kpi_row(reliability.kpis(run, f))

    st.subheader("Service health", anchor=False)
    with guarded("service health"):
        ui.table(reliability.service_health(run, f), key="rel_health", columns={
            "status": "Status", "service_type": "Type", "service_name": "Service", "workspace_name": "Workspace",
            "availability_pct": ui.progress_col("Availability"), "error_rate_pct": ui.pct_col("Error rate"),
            "latency_p95_ms": ui.number_col("p95 latency (ms)"), "detail": "Detail"})

    left, right = st.columns(2)
    with left:
        st.subheader("Warehouse availability", anchor=False)
        with guarded("warehouse availability"):
            up = reliability.uptime(run, f)
            ui.chart(charts.bars(up, label="warehouse_name", value="outage_minutes", color="#d62728"),
                     key="rel_outage_min")
            st.caption("Outage minutes per SQL warehouse in the period.")
    with right:
        st.subheader("Time between failures", anchor=False)
        with guarded("MTBF and MTTR"):
            ui.table(reliability.mtbf(run, f), key="rel_mtbf", columns={
                "workspace_name": "Workspace", "runs": ui.number_col("Runs"), "failures": ui.number_col("Failures"),
                "mtbf_hours": ui.number_col("MTBF (h)", "%.1f"), "mttr_minutes": ui.number_col("MTTR (min)", "%.0f"),
                "success_rate_pct": ui.pct_col("Success")})

    st.subheader("Incidents", anchor=False)
    with guarded("incidents"):
        ui.table(reliability.incidents_in(run, f), tz=tz, key="rel_incidents", height=340,
                 empty="No incidents in the period.", columns={
                     "last_seen": "Last seen", "severity": "Severity", "incident_type": "Type", "subject": "Subject",
                     "workspace_name": "Workspace", "occurrences": ui.number_col("Count"),
                     "detail": st.column_config.TextColumn("Detail", width="large")})

    st.subheader("Warehouse outages", anchor=False)
    with guarded("warehouse outages"):
        ui.table(reliability.outages(run, f), tz=tz, key="rel_outages", empty="No outages in the period.", columns={
            "start_time": "Start", "end_time": "End", "warehouse_name": "Warehouse", "workspace_name": "Workspace",
            "event_type": "Event", "duration_minutes": ui.number_col("Minutes", "%.0f")})


body()
actions_view.render_center("reliability")
