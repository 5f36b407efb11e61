"""Job Operations: run KPIs, the last 24 hours as a timeline, failure reasons, recent runs and the jobs
the ML model flags as at risk. Refreshes every minute."""

import streamlit as st
from health_monitor.ui import actions_view, charts, highlights, jobs, navigation, palette, shell
from health_monitor.ui import components as ui
from health_monitor.ui.cache import cached_runner
from health_monitor.ui.errors import guarded

shell.require_app()
SPEC = navigation.spec_for("pages/jobs.py")

ui.page_header("Job Operations", "Lakeflow job runs: reliability, SLAs and what failed.")


@st.fragment(run_every=shell.refresh_every(SPEC.refresh_s))
def body() -> None:
    f, tz = shell.filters(), shell.tz()
    run = cached_runner(SPEC.refresh_s)
    with guarded("slow queries and busy clusters"):
        as_of, _ = shell.as_of()
        ui.highlights(highlights.slow_queries(run, f, as_of) + highlights.hot_clusters(run, f), key="jobs_highlight")
    with guarded("the job figures"):
        ui.kpi_row(jobs.kpis(run, f))

    st.subheader("Last 24 hours", anchor=False)
    with guarded("the run timeline"):
        runs = jobs.recent_runs(run, f)
        local = jobs.localized(runs, tz)
        ui.chart(charts.timeline(local, start="start_time", end="end_time", lane="job_name", state="result_state",
                                 hover=("workspace_name", "duration_minutes", "run_id")), key="jobs_timeline")
        st.caption(f"One bar per run, coloured by result; times in {tz}.")

    left, right = st.columns(2)
    reasons = []
    with left:
        st.subheader("Failures by job", anchor=False)
        with guarded("failures by job"):
            reasons = jobs.failure_reasons(run, f)
            ui.chart(charts.bars(jobs.failures_by(reasons, "job_name"), label="job_name", value="failures",
                                 color=palette.color("critical"), top=10), key="jobs_fail_by_job")
    with right:
        st.subheader("Failures by cause", anchor=False)
        with guarded("failures by cause"):
            ui.chart(charts.bars(jobs.failures_by(reasons, "termination_code"), label="termination_code",
                                 value="failures", color=palette.color("medium"), top=10),
                     key="jobs_fail_by_code")
    with guarded("failure messages"), st.expander("Failure messages", expanded=bool(reasons)):
        ui.table(reasons, tz=tz, key="jobs_reasons", empty="No failures in the period.", columns={
            "job_name": "Job", "failures": ui.number_col("Failures"), "termination_code": ui.enum_col("Code"),
            "last_failure": "Last failure", "workspace_name": "Workspace",
            "error_message": st.column_config.TextColumn("Error", width="large",
                                                         help="The full message shows on hover")})

    st.subheader("Recent runs", anchor=False)
    with guarded("recent runs"):
        ui.table(runs, tz=tz, key="jobs_runs", height=360, empty="No runs in the last 24 hours.", columns={
            "job_name": "Job", "result_state": ui.status_col("Result"), "start_time": "Started",
            "duration_minutes": ui.number_col("Minutes", "%.1f"), "is_sla_breach": st.column_config.CheckboxColumn(
                "SLA breach"), "workspace_name": "Workspace", "compute_type": ui.enum_col("Compute"),
            "list_cost": ui.money_col("Cost"), "run_id": "Run id"})

    st.subheader("Jobs at risk (ML)", anchor=False)
    with guarded("at-risk jobs"):
        rows = jobs.at_risk(run, f)
        if rows:
            ui.table(rows, tz=tz, key="jobs_at_risk", columns={
                "job_name": "Job", "risk_pct": ui.progress_col(
                    "Risk (24 h)", help="Chance of a failure or an SLA breach in the next 24 hours",
                    color=palette.color("medium")), "workspace_name": "Workspace",
                "failure_pct": ui.pct_col("Failure"), "sla_pct": ui.pct_col("SLA breach"),
                "recent_failures": ui.number_col("Recent failures"),
                "explanation": st.column_config.TextColumn("Why", width="large")})
        else:
            ui.empty_state("No job is predicted to fail or breach its SLA.")


body()
actions_view.render_center("jobs")
