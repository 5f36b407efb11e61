"""Streamlit entry point: page config, identity, shared session keys, the sidebar filters the chosen
page applies, a stale-data banner, then the page (``st.navigation`` over the registry in
:mod:`ui.navigation`).

Run: ``streamlit run app.py`` (``make run``). Layout and data live in ``pages/`` and ``ui/``.
"""

import streamlit as st
from health_monitor.ui import navigation, shell, theme, warmup
from health_monitor.ui.errors import show_error
from health_monitor.ui.identity import IdentityUnavailable

st.set_page_config(page_title="Health Monitor", page_icon=theme.FAVICON, layout="wide",
                   initial_sidebar_state="auto")
theme.apply()

try:
    shell.init_session()
except IdentityUnavailable as e:
    show_error(e, "your identity")
    st.stop()

theme.follow_preference(shell.prefs().theme)
warmup.start()
navigation.check()
sections: dict[str, list] = {}
for spec in navigation.PAGES:
    sections.setdefault(spec.section, []).append(
        st.Page(spec.path, title=spec.title, icon=spec.icon, url_path=spec.url_path, default=spec.default))
page = st.navigation(sections)
shell.sidebar(navigation.spec_titled(page.title))
shell.stale_banner()
page.run()
