"""Data Quality: freshness, pipeline expectations, distribution drift and the per-table summary."""

import streamlit as st
from health_monitor.ui import charts, highlights, navigation, quality, shell
from health_monitor.ui import components as ui
from health_monitor.ui.cache import cached_runner
from health_monitor.ui.errors import guarded

shell.require_app()
SPEC = navigation.spec_for("pages/quality.py")

ui.page_header("Data Quality", "Is the data fresh, valid and stable?")


@st.fragment(run_every=shell.refresh_every(SPEC.refresh_s))
def body() -> None:
    f, tz = shell.filters(), shell.tz()
    run = cached_runner(SPEC.refresh_s)
    gaps = quality.gaps(run, f)
    with guarded("stale tables"):
        ui.highlights(highlights.stale_tables(quality.stale(run, f)), key="dq_highlight")
    with guarded("the quality figures"):
        ui.kpi_row(quality.kpis(run, f))

    st.subheader("Stale tables", anchor=False)
    with guarded("stale tables"):
        rows = quality.stale(run, f)
        if rows:
            ui.table(rows, tz=tz, key="dq_stale", columns={
                "table_full_name": "Table", "last_write_time": "Last update",
                "hours_since_update": ui.number_col("Hours since", "%.0f"),
                "expected_refresh_hours": ui.number_col("Usual interval (h)", "%.0f"),
                "refreshes_missed": ui.number_col("Refreshes missed", "%.1f"), "table_owner": "Owner"})
        else:
            ui.empty_state("Every table is fresh.", icon=":material/check_circle:", gap=gaps["stale"])

    st.subheader("Expectation failures", anchor=False)
    with guarded("expectation failures"):
        exp = quality.expectations(run, f)
        if gaps["expectations"] and not exp:
            ui.not_measured(gaps["expectations"])
        else:
            fig = charts.lines(quality.failure_rate_by_day(exp), x="event_date", y="failure_rate_pct",
                               by="expectation", suffix=" %")
            ui.chart(fig, key="dq_expectations")
            st.caption("Share of records failing each pipeline expectation, per day.")

    st.subheader("Distribution drift", anchor=False)
    with guarded("drift metrics"):
        ui.table(quality.drift(run, f), key="dq_drift", gap=gaps["drift"], columns={
            "table_full_name": "Table", "column_name": "Column", "is_drift": st.column_config.CheckboxColumn("Drift"),
            "baseline_avg": ui.number_col("Baseline mean", "%.2f"), "recent_avg": ui.number_col("Recent mean", "%.2f"),
            "mean_shift_stddevs": ui.number_col("Shift (σ)", "%.2f"),
            "null_rate_change_pct": ui.pct_col("Null-rate change"),
            "distinct_change_pct": ui.pct_col("Distinct change")})

    with st.expander("Quality summary per table"), guarded("the table summary"):
        ui.table(quality.summary(run, f), key="dq_summary", columns={
            "table_full_name": "Table", "issues": ui.number_col("Issues"),
            "is_stale": st.column_config.CheckboxColumn("Stale"),
            "hours_since_update": ui.number_col("Hours since update", "%.0f"),
            "expectation_pass_rate_pct": ui.pct_col("Expectations passed"),
            "max_null_rate_pct": ui.pct_col("Max null rate"), "table_owner": "Owner"})


body()
