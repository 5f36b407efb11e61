"""MLOps: the health monitor's own models: performance, input drift, training history, inference."""

import streamlit as st
from health_monitor.ui import charts, highlights, mlops, navigation, palette, shell
from health_monitor.ui import components as ui
from health_monitor.ui.cache import cached_runner
from health_monitor.ui.errors import guarded

shell.require_app()
SPEC = navigation.spec_for("pages/mlops.py")

ui.page_header("MLOps", "The models behind forecasts, anomaly flags and at-risk predictions.")


@st.fragment(run_every=shell.refresh_every(SPEC.refresh_s))
def body() -> None:
    f, tz = shell.filters(), shell.tz()
    run = cached_runner(SPEC.refresh_s)
    with guarded("model drift"):
        ui.highlights(highlights.drifting_models(mlops.drift(run, f)), key="ml_highlight")
    with guarded("the model figures"):
        ui.kpi_row(mlops.kpis(run, f))

    inf: list = []
    left, right = st.columns(2)
    with left:
        st.subheader("Live versions", anchor=False)
        with guarded("model performance"):
            ui.table(mlops.performance(run, f), tz=tz, key="ml_perf", empty="No model metrics recorded yet.",
                     columns={"model_name": "Model", "version": ui.number_col("Version"), "metric_name": "Metric",
                              "metric_value": ui.number_col("Value", "%.3f"), "trained_at": "Trained",
                              "training_rows": ui.number_col("Rows")})
    with right:
        st.subheader("Inference", anchor=False)
        with guarded("inference metrics"):
            inf = mlops.inference(run, f)
            ui.chart(charts.bars(inf, label="model_name", value="avg_latency_ms", color=palette.LEVELS["low"].color), key="ml_latency")
            st.caption("Average inference latency per model (ms).")

    st.subheader("Input drift", anchor=False)
    with guarded("model drift"):
        rows = mlops.drift(run, f)
        if rows:
            ui.chart(charts.bars(mlops.drift_by_model(rows), label="model_name", value="psi", color=palette.color("medium")),
                     key="ml_drift_chart")
        ui.table(rows, tz=tz, key="ml_drift", empty="No drift measured yet.", columns={
            "model_name": "Model", "is_drift": st.column_config.CheckboxColumn("Drift"), "feature": "Feature",
            "segment": "Segment", "psi": ui.number_col("PSI", "%.3f"), "mean_shift_z": ui.number_col("Shift (z)", "%.2f"),
            "retrain_due": st.column_config.CheckboxColumn("Retrain due"),
            "explanation": st.column_config.TextColumn("Why", width="large")})

    with st.expander("Training history"), guarded("training history"):
        ui.table(mlops.training(run, f), tz=tz, key="ml_training", height=320, empty="No training runs yet.",
                 columns={"trained_at": "Trained", "model_name": "Model", "version": ui.number_col("Version"),
                          "status": ui.status_col("Status"), "primary_metric": "Metric",
                          "primary_metric_value": ui.number_col("Value", "%.3f"),
                          "training_rows": ui.number_col("Rows"), "train_seconds": ui.number_col("Seconds", "%.1f")})
    with st.expander("Inference by endpoint"), guarded("inference by endpoint"):
        ui.table(inf, tz=tz, key="ml_inference", columns={
            "model_name": "Model", "endpoint_name": "Endpoint", "requests": ui.number_col("Requests"),
            "errors": ui.number_col("Errors"), "avg_latency_ms": ui.number_col("Avg ms", "%.1f"),
            "p95_latency_ms": ui.number_col("p95 ms", "%.1f"), "last_measured": "Last measured"})


body()
