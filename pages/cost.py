"""Cost Center: spend KPIs, trend with the ML forecast band, SKU and workspace splits, anomalies,
budgets and savings recommendations. Refreshes every 5 minutes."""

import streamlit as st
from health_monitor.ui import actions_view, charts, clients, cost, highlights, navigation, palette, shell
from health_monitor.ui import components as ui
from health_monitor.ui.cache import cached_runner
from health_monitor.ui.errors import guarded
from health_monitor.ui.formatting import money

shell.require_app()
SPEC = navigation.spec_for("pages/cost.py")
basis = cost.basis(clients.settings())

ui.page_header("Cost Center", basis.text)


@st.fragment(run_every=shell.refresh_every(SPEC.refresh_s))
def body() -> None:
    f, tz = shell.filters(), shell.tz()
    run = cached_runner(SPEC.refresh_s)
    with guarded("budget status"):
        ui.highlights(highlights.budgets(run, f), key="cost_highlight")
    with guarded("the cost figures"):
        ui.kpi_row(cost.kpis(run, f, basis))

    left, right = st.columns([3, 2])
    with left:
        st.subheader("Daily cost and forecast", anchor=False)
        with guarded("the cost trend"):
            history = cost.complete_days(run, f)
            fc = cost.Forecast([], False)
            note = None
            try:
                fc = cost.forecast(run, f, basis.net)
            except Exception as e:  # noqa: BLE001 - the forecast is optional: say why it is missing
                note = str(e)
            ui.chart(charts.trend_with_forecast(history, x="usage_date", y=basis.col("list_cost"), forecast=fc.rows,
                                                fx="date", fy="forecast", lo="lower" if fc.has_band else None,
                                                hi="upper" if fc.has_band else None), key="cost_trend")
            st.caption("Total cost per complete UTC day" + (", with the ML forecast and its range" if fc.rows
                                                             else "") + (f". {note}" if note else "."))
    with right:
        st.subheader("Cost by SKU", anchor=False)
        with guarded("cost by SKU"):
            ui.chart(charts.bars(cost.by_sku(run, f, basis), label="sku_name", value="cost", money=True, top=8),
                     key="cost_by_sku")
            st.caption(f"Top SKUs, {f.label.lower()}.")

    st.subheader("Budgets", anchor=False)
    with guarded("budget status"):
        rows = cost.budgets(run, f)
        if rows:
            ui.table(rows, tz=tz, key="cost_budgets", columns={
                "workspace_name": "Workspace", "status": ui.status_col("Status"),
                "projected_pct_of_budget": ui.progress_col(
                    "Projected share", help="Projected month spend as a share of the budget", max_value=150,
                    color=palette.color("medium")),
                "monthly_budget_usd": ui.money_col("Budget"), "mtd_cost": ui.money_col("Month to date"),
                "projected_cost": ui.money_col("Projected"), "prob_exceed_pct": ui.pct_col("Chance over"),
                "explanation": st.column_config.TextColumn("Why", width="large")})
        else:
            ui.empty_state("No budgets to show.", "Budgets appear once the budget model has scored them.")

    st.subheader("Cost by workspace", anchor=False)
    with guarded("cost by workspace"):
        ui.table(cost.by_workspace(run, f, basis), key="cost_ws_table", columns={
            "workspace": "Workspace", "cost": ui.money_col("Cost"), "share_pct": ui.progress_col("Share"),
            "change_pct": ui.pct_col("Change", help="vs the previous period of the same length"),
            "dbus": ui.number_col("DBUs"), "jobs_cost": ui.money_col("Jobs"),
            "sql_cost": ui.money_col("SQL"), "all_purpose_cost": ui.money_col("All-purpose"),
            "serving_cost": ui.money_col("Serving"), "gpu_cost": ui.money_col("GPU"),
            "untagged_cost": ui.money_col("Untagged", help="Spend with no cost-attribution tag")})

    st.subheader("Anomalies", anchor=False)
    with guarded("cost anomalies"):
        rows = cost.anomalies(run, f, basis)
        if rows:
            ui.table(rows, tz=tz, key="cost_anomalies", columns={
                "workspace_name": "Workspace", "usage_date": "Day", "cost": ui.money_col("Cost"),
                "baseline": ui.money_col("7-day avg"), "pct_change": ui.pct_col("Change"),
                "z_score": ui.number_col("z-score", "%.1f")})
        else:
            ui.empty_state("No cost anomalies in the period.", "A workspace-day is flagged when it is well above "
                                                               "its trailing 7-day average.")

    st.subheader("Savings recommendations", anchor=False)
    with guarded("savings recommendations"):
        recs, total = cost.savings(run, f, basis)
        if recs:
            st.metric("Estimated saving per month", money(total, precise=True), border=False,
                      help="Sum of the estimated monthly savings of the recommendations below.")
            ui.table(recs, key="cost_savings", columns={
                "resource_name": "Resource", "saving": ui.money_col("Saving / month"),
                "recommendation": st.column_config.TextColumn("Recommendation", width="large"),
                "category": ui.enum_col("Category"), "workspace_name": "Workspace",
                "cost_30d": ui.money_col("Cost (30 d)")})
        else:
            ui.empty_state("No savings found: compute looks right-sized.")
        actions_view.render_savings(clients.engine_or_problem()[0])


body()
actions_view.render_center("cost")
