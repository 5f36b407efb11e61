"""Streamlit building blocks every screen uses: header, KPI cards, tables, charts, empty states."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import streamlit as st
from health_monitor.ui import charts
from health_monitor.ui.formatting import humanize, to_local, tz_label
from health_monitor.ui.kpi import Kpi


def page_header(title: str, caption: str | None = None) -> None:
    st.header(title, anchor=False)
    if caption:
        st.caption(caption)


def kpi_row(kpis: Sequence[Kpi]) -> None:
    """KPI cards in a row (2 per row on a phone: Streamlit stacks columns on narrow screens)."""
    for col, k in zip(st.columns(len(kpis)), kpis, strict=True):
        with col:
            st.metric(k.label, k.value, delta=k.delta, help=k.help, border=True,
                      delta_color="inverse" if k.inverse else "normal",
                      delta_description=k.delta_description if k.delta else None)


def empty_state(message: str, hint: str | None = None, icon: str = ":material/inbox:") -> None:
    st.info(message + (f"  \n{hint}" if hint else ""), icon=icon)


def chart(fig: Any, *, key: str | None = None) -> None:
    st.plotly_chart(fig, config=charts.CONFIG, key=key, width="stretch")


def table(rows: Sequence[Mapping[str, Any]], *, columns: Mapping[str, Any] | None = None, tz: str | None = None,
          height: int | str = "auto", key: str | None = None, empty: str = "Nothing to show for this period.") -> None:
    """Rows as a table. ``columns`` maps each column to show (in order) to a label or an
    ``st.column_config`` object; datetimes are shown in ``tz``."""
    if not rows:
        empty_state(empty)
        return
    import pandas as pd

    order = list(columns) if columns else list(rows[0])
    data = [{c: to_local(r.get(c), tz) if isinstance(r.get(c), datetime) else r.get(c) for c in order}
            for r in rows]
    config: dict[str, Any] = {}
    for c in order:
        spec = (columns or {}).get(c)
        if spec is None or isinstance(spec, str):
            label = spec or humanize(c)
            if any(isinstance(r.get(c), datetime) for r in rows[:20]):
                config[c] = st.column_config.DatetimeColumn(label, format="YYYY-MM-DD HH:mm",
                                                            help=f"Time in {tz_label(tz)}")
            else:
                config[c] = st.column_config.Column(label)
        else:
            config[c] = spec
    st.dataframe(pd.DataFrame(data, columns=order), hide_index=True, column_config=config, height=height,
                 key=key, width="stretch")


def money_col(label: str, help: str | None = None) -> Any:
    return st.column_config.NumberColumn(label, format="dollar", help=help)


def number_col(label: str, fmt: str = "localized", help: str | None = None) -> Any:
    return st.column_config.NumberColumn(label, format=fmt, help=help)


def pct_col(label: str, help: str | None = None) -> Any:
    return st.column_config.NumberColumn(label, format="%.1f %%", help=help)


def progress_col(label: str, help: str | None = None, max_value: float = 100) -> Any:
    return st.column_config.ProgressColumn(label, format="%.1f %%", min_value=0, max_value=max_value, help=help)


def notice_unavailable(message: str) -> None:
    st.caption(f":material/info: {message}")
