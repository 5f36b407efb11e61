"""Streamlit entry point: page config, identity, shared session keys, shared sidebar filters, then the
page the user chose (``st.navigation`` over the registry in :mod:`ui.navigation`).

Run: ``streamlit run app.py`` (``make run``). Layout and data live in ``pages/`` and ``ui/``.
"""

import streamlit as st
from health_monitor.ui import navigation, shell
from health_monitor.ui.errors import show_error
from health_monitor.ui.identity import IdentityUnavailable

st.set_page_config(page_title="Health Monitor", page_icon=":material/monitor_heart:", layout="wide",
                   initial_sidebar_state="auto")

try:
    shell.init_session()
except IdentityUnavailable as e:
    show_error(e, "your identity")
    st.stop()

# Streamlit draws captions (and metric delta notes) as text at 60 % opacity: #828180 on white, 3.9:1,
# below WCAG AA's 4.5:1. Full opacity with a darker grey keeps them quiet but readable (7:1).
st.markdown("<style>[data-testid='stCaptionContainer'] {opacity: 1 !important; color: #565a61 !important;}"
            " [data-testid='stCaptionContainer'] * {color: #565a61 !important;}</style>", unsafe_allow_html=True)

navigation.check()
sections: dict[str, list] = {}
for spec in navigation.PAGES:
    sections.setdefault(spec.section, []).append(
        st.Page(spec.path, title=spec.title, icon=spec.icon, url_path=spec.url_path, default=spec.default))
page = st.navigation(sections)
shell.sidebar()
page.run()
