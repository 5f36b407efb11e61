"""Governance: table lineage as a graph, grants on PII tables, tables missing descriptions, compliance."""

import streamlit as st
from health_monitor.ui import actions_view, charts, governance, navigation, shell
from health_monitor.ui import components as ui
from health_monitor.ui.cache import cached_runner
from health_monitor.ui.errors import guarded

shell.require_app()
SPEC = navigation.spec_for("pages/governance.py")

ui.page_header("Governance", "Where data comes from, who can read sensitive tables, and what is undocumented.")

f, tz = shell.filters(), shell.tz()
run = cached_runner(SPEC.refresh_s)
grants: list = []
with guarded("grants on sensitive tables"):
    grants = governance.pii_grants_with_changes(run, f)
    ui.highlights(governance.new_grant_highlights(grants), key="gov_highlight")
with guarded("the governance figures"):
    ui.kpi_row(governance.kpis(run, f))

st.subheader("Lineage", anchor=False)
with guarded("table lineage"):
    tables = governance.lineage_tables(governance.lineage(run))
    if not tables:
        ui.empty_state("No lineage recorded yet.", "Lineage appears once jobs read and write Unity Catalog tables.")
    else:
        table = st.selectbox("Table", tables, key="gov_lineage_table")
        edges = governance.lineage(run, table)
        ui.chart(charts.lineage_graph(edges, focus=table), key="gov_lineage")
        st.caption("Upstream sources on the left; system tables in green, the chosen table in red.")

st.subheader("Grants on PII tables", anchor=False)
with guarded("grants on sensitive tables"):
    ui.table(grants, tz=tz, key="gov_pii_grants", empty="No PII-tagged tables.", columns={
        "table_full_name": "Table", "grantee": "Grantee", "recent": ui.status_col(
            "Change", help="New grant: added by a permission change in the audit log of the last 30 days"),
        "privilege_type": "Privilege", "granted_at": "Granted", "grantor": "Granted by",
        "inherited_from": "Inherited from"})

st.subheader("Catalogs and schemas", anchor=False)
with guarded("the catalog inventory"):
    ui.table(governance.inventory(run), tz=tz, key="gov_inventory", empty="No Unity Catalog tables recorded.",
             columns={"table_catalog": "Catalog", "table_schema": "Schema", "tables": ui.number_col("Tables"),
                      "views": ui.number_col("Views"), "undocumented": ui.number_col("Undocumented"),
                      "pii_tables": ui.number_col("PII"), "owners": ui.number_col("Owners"),
                      "last_altered": "Last change"})

st.subheader("Missing descriptions", anchor=False)
with guarded("tables missing descriptions"):
    ui.table(governance.undocumented(governance.metadata(run)), key="gov_undocumented",
             empty="Every table has a description.", columns={
                 "table_full_name": "Table", "table_owner": "Owner", "gaps": "Gaps",
                 "is_pii": st.column_config.CheckboxColumn("PII")})

st.subheader("Compliance controls", anchor=False)
with guarded("the compliance report"):
    ui.table(governance.compliance(run), key="gov_compliance", columns={
        "control": "Control", "status": ui.status_col("Status"), "control_id": "Id",
        "findings": ui.number_col("Findings"), "evidence": st.column_config.TextColumn("Evidence", width="large")})
actions_view.render_center("governance")
