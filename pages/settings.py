"""Settings: your profile, alert rules, users and roles (admins), notification integrations."""

import streamlit as st
from health_monitor.ui import actions_view, clients, settings_view, shell
from health_monitor.ui import components as ui
from health_monitor.ui.errors import guarded

shell.require_app()
ui.page_header("Settings", "Your profile, alert rules, who can do what, and where notifications go.")

engine, problem = clients.engine_or_problem()
if engine is None:
    st.error(f"Settings are stored in the state database, which is unavailable right now ({problem}). "
             "Try again in a minute; the dashboards keep working meanwhile.", icon=":material/cloud_off:")
else:
    profile_tab, rules_tab, roles_tab, integrations_tab, actions_tab = st.tabs(
        ["Profile", "Alert rules", "Users & roles", "Integrations", "Actions"])
    with profile_tab, guarded("your profile"):
        settings_view.profile(engine)
    with rules_tab, guarded("alert rules"):
        settings_view.rules(engine)
    with roles_tab, guarded("users and roles"):
        settings_view.roles(engine)
    with integrations_tab, guarded("integrations"):
        settings_view.integrations(engine)
    with actions_tab, guarded("actions"):
        actions_view.render_settings_tab(engine)
