"""Streamlit entry point (placeholder until the screens land): the Gold tables and their row counts."""

import re

import streamlit as st

from health_monitor.settings import get_settings
from warehouse import HealthMonitorError, open_warehouse

st.set_page_config(page_title="Health Monitor", page_icon=":material/monitor_heart:", layout="wide")
st.title("Health Monitor")


@st.cache_resource
def _warehouse():
    return open_warehouse(get_settings())


try:
    tables = _warehouse().query(
        "select table_name from information_schema.tables where table_catalog = 'gold' order by table_name"
    )
    # Table names come from the catalog, not from a user; still, only plain identifiers are counted.
    names = [r["table_name"] for r in tables.rows if re.fullmatch(r"[a-z_][a-z0-9_]*", r["table_name"])]
    rows = [{"table": n, "rows": _warehouse().query(f"select count(*) as n from main.health_monitor.{n}").scalar()}
            for n in names]
    st.dataframe(rows, hide_index=True)
except HealthMonitorError as e:
    st.error(str(e))
