"""Streamlit building blocks every screen uses: header, KPI cards, tables, charts, empty states."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import streamlit as st
from health_monitor.ui import charts, palette
from health_monitor.ui.formatting import (
    MISSING,
    humanize,
    label,
    missing,
    printf,
    tidy_text,
    to_local,
    tz_label,
)
from health_monitor.ui.kpi import Kpi
from health_monitor.ui.safe_text import escape

from health_monitor.core import measured


@dataclass(frozen=True)
class Col:
    """A column spec resolved against the data in :func:`table` (money precision, status colours)."""

    kind: str  # money | status | enum
    label: str
    help: str | None = None


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


def empty_state(message: str, hint: str | None = None, icon: str = ":material/inbox:", *,
                gap: str | None = None) -> None:
    """An empty section's message; ``gap`` ("not measured: why; how") replaces it: nothing found is
    not the same as nothing measurable."""
    if gap:
        not_measured(gap)
        return
    st.info(message + (f"  \n{hint}" if hint else ""), icon=icon)


def not_measured(gap: str) -> None:
    """The section cannot be measured on this account: why, and how to enable it."""
    st.info(f"**Not measured.** {escape(measured.why(gap))}", icon=":material/visibility_off:")


def chart(fig: Any, *, key: str | None = None) -> None:
    st.plotly_chart(fig, config=charts.CONFIG, key=key, width="stretch")


def highlights(items: Sequence[Any], *, key: str) -> None:
    """The incidents a center must show first: one bordered callout each (severity pill, what, detail)."""
    if not items:
        return
    per_row = min(len(items), 3)
    for start in range(0, len(items), per_row):
        cols = st.columns(per_row)
        for i, (col, h) in enumerate(zip(cols, items[start:start + per_row], strict=False)):
            with col, st.container(border=True, key=f"{key}_{start + i}"):
                # titles and details quote the account's data (names, SQL text): shown as typed
                st.markdown(f"{palette.pill(h.severity)} **{escape(h.title)}**")
                st.caption(escape(h.detail))


def _display(value: Any, tz: str | None) -> Any:
    if isinstance(value, datetime):
        return to_local(value, tz)
    return None if missing(value) else value


def _resolve(c: str, spec: Any, rows: Sequence[Mapping[str, Any]], tz: str | None) -> Any:
    if isinstance(spec, Col):
        if spec.kind == "money":
            top = max((abs(float(r[c])) for r in rows if not missing(r.get(c))), default=0.0)
            return st.column_config.NumberColumn(spec.label, help=spec.help,
                                                 format="$%,.0f" if top >= 1000 else "$%,.2f")
        return st.column_config.TextColumn(spec.label, help=spec.help)
    if spec is None or isinstance(spec, str):
        name = spec or humanize(c)
        if any(isinstance(r.get(c), datetime) for r in rows[:50]):
            return st.column_config.DatetimeColumn(name, format="YYYY-MM-DD HH:mm", help=f"Time in {tz_label(tz)}")
        return st.column_config.Column(name)
    return spec


def table(rows: Sequence[Mapping[str, Any]], *, columns: Mapping[str, Any] | None = None, tz: str | None = None,
          height: int | str = "auto", key: str | None = None, empty: str = "Nothing to show for this period.",
          gap: str | None = None) -> None:
    """Rows as a full-width table. ``columns`` maps each column to show (in order) to a label, a :class:`Col`
    (money, status, enum) or an ``st.column_config`` object; datetimes are shown in ``tz``. Missing values
    show as "—", status cells carry the severity palette's tint, enum values read as words."""
    if not rows:
        empty_state(empty, gap=gap)
        return
    import pandas as pd

    order = list(columns) if columns else list(rows[0])
    specs = {c: (columns or {}).get(c) for c in order}
    config = {c: _resolve(c, specs[c], rows, tz) for c in order}
    labelled = {c for c, sp in specs.items() if isinstance(sp, Col) and sp.kind in ("status", "enum")}
    # Typed columns (numbers, times, flags) keep None: Arrow needs one type per column. Text gets "—".
    numeric = {c for c in order if c not in labelled and any(isinstance(r.get(c), (int, float, date, bool))
                                                               for r in rows)}
    data = []
    for r in rows:
        out = {}
        for c in order:
            v = _display(r.get(c), tz)
            if c in labelled:
                v = label(v) if v is not None else MISSING
            elif v is None and c not in numeric:
                v = MISSING
            elif isinstance(v, str):
                v = tidy_text(v)
            out[c] = v
        data.append(out)
    # A number column with gaps shows as right-aligned text: Streamlit draws a missing number as "None".
    for c in order:
        conf = config[c]
        kind = (conf.get("type_config") or {}).get("type") if isinstance(conf, dict) else None
        if c in numeric and kind in (None, "number") and any(missing(d[c]) for d in data) and not any(
                isinstance(d[c], (date, datetime)) for d in data):
            fmt = (conf.get("type_config") or {}).get("format") if isinstance(conf, dict) else None
            for d in data:
                d[c] = printf(fmt, d[c])
            config[c] = st.column_config.TextColumn(conf.get("label") if isinstance(conf, dict) else humanize(c),
                                                    help=conf.get("help") if isinstance(conf, dict) else None,
                                                    alignment="right")
            numeric.discard(c)
    # Same for a time column with gaps: written out in the user's zone, "—" where there is no time.
    for c in order:
        if any(isinstance(d[c], datetime) for d in data) and any(d[c] is None for d in data):
            for d in data:
                d[c] = d[c].strftime("%Y-%m-%d %H:%M") if isinstance(d[c], datetime) else MISSING
            conf = config[c]
            config[c] = st.column_config.TextColumn(conf.get("label") if isinstance(conf, dict) else humanize(c),
                                                    help=f"Time in {tz_label(tz)}")
            numeric.discard(c)
    frame = pd.DataFrame(data, columns=order)
    status = [c for c, sp in specs.items() if isinstance(sp, Col) and sp.kind == "status"]
    # Missing numbers and times show "—" (the Styler's display value), not Streamlit's grey "None".
    shown: Any = frame.style.format(na_rep=MISSING, subset=[c for c in order if c in numeric])
    if status:
        shown = shown.map(palette.cell_style, subset=status)
    st.dataframe(shown, hide_index=True, column_config=config, height=height, key=key, width="stretch")


def money_col(label: str, help: str | None = None) -> Col:
    """Dollars with thousands separators; cents only when every value in the column is under $1,000."""
    return Col("money", label, help)


def status_col(label: str, help: str | None = None) -> Col:
    """A status or severity word, shown as words on the palette's tint (FAILED -> "Failed", red)."""
    return Col("status", label, help)


def enum_col(label: str, help: str | None = None) -> Col:
    """A raw enum value shown as words (ALL_PURPOSE -> "All purpose"), no colour."""
    return Col("enum", label, help)


def number_col(label: str, fmt: str = "%,.0f", help: str | None = None) -> Any:
    return st.column_config.NumberColumn(label, format=fmt, help=help)


def pct_col(label: str, help: str | None = None) -> Any:
    return st.column_config.NumberColumn(label, format="%.1f %%", help=help)


def progress_col(label: str, help: str | None = None, max_value: float = 100, color: str | None = None) -> Any:
    """A share as a bar. Colour by meaning: ``palette.color("ok")`` for availability, a warning colour for
    risk; never the theme's red by default (a red bar reads as an alarm)."""
    return st.column_config.ProgressColumn(label, format="%.1f %%", min_value=0, max_value=max_value, help=help,
                                           color=color or palette.LEVELS["low"].color)


def notice_unavailable(message: str) -> None:
    st.caption(f":material/info: {message}")
