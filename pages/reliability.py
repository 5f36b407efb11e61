"""Reliability: availability of SQL warehouses, outages, incidents, repair times and service health."""

import streamlit as st
from health_monitor.ui import actions_view, charts, highlights, navigation, palette, reliability, shell
from health_monitor.ui import components as ui
from health_monitor.ui.cache import cached_runner
from health_monitor.ui.errors import guarded

shell.require_app()
SPEC = navigation.spec_for("pages/reliability.py")

ui.page_header("Reliability", "Uptime, outages and incidents across warehouses, jobs and serving.")


@st.fragment(run_every=shell.refresh_every(SPEC.refresh_s))
def body() -> None:
    f, tz = shell.filters(), shell.tz()
    run = cached_runner(SPEC.refresh_s)
    with guarded("warehouse outages"):
        ui.highlights(highlights.outages(reliability.outages(run, f)), key="rel_highlight")
    with guarded("the reliability figures"):
        ui.kpi_row(reliability.kpis(run, f))

    st.subheader("Service health", anchor=False)
    with guarded("service health"):
        ui.table(reliability.service_health(run, f), key="rel_health", columns={
            "service_name": "Service", "status": ui.status_col("Status"), "service_type": ui.enum_col("Type"),
            "availability_pct": ui.progress_col("Availability", color=palette.color("ok")),
            "error_rate_pct": ui.pct_col("Error rate"), "workspace_name": "Workspace",
            "latency_p95_ms": ui.number_col("p95 latency (ms)"), "detail": "Detail"})

    left, right = st.columns(2)
    with left:
        st.subheader("Warehouse availability", anchor=False)
        with guarded("warehouse availability"):
            up = reliability.uptime(run, f)
            ui.chart(charts.bars(up, label="warehouse_name", value="outage_minutes", color=palette.color("critical")),
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
                     "subject": "Subject", "severity": ui.status_col("Severity"), "incident_type": ui.enum_col("Type"),
                     "last_seen": "Last seen", "workspace_name": "Workspace", "occurrences": ui.number_col("Count"),
                     "detail": st.column_config.TextColumn("Detail", width="large")})

    st.subheader("Warehouse outages", anchor=False)
    with guarded("warehouse outages"):
        ui.table(reliability.outages(run, f), tz=tz, key="rel_outages", empty="No outages in the period.", columns={
            "warehouse_name": "Warehouse", "event_type": ui.enum_col("Event"), "start_time": "Start",
            "end_time": "End", "workspace_name": "Workspace", "duration_minutes": ui.number_col("Minutes", "%.0f")})


body()
actions_view.render_center("reliability")
