"""Plotly figure builders for the screens: plain data in, a ``go.Figure`` out (no Streamlit).

Every figure shares one look (:func:`_style`): no title (the page's subheader names it), tight
margins, a horizontal legend under the plot (fits a phone), hover labels with units.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

import plotly.graph_objects as go
from health_monitor.ui.formatting import label

PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf"]
STATE_COLORS = {"SUCCEEDED": "#2ca02c", "SUCCESS": "#2ca02c", "FAILED": "#d62728", "ERROR": "#d62728",
                "TIMED_OUT": "#ff7f0e", "TIMEDOUT": "#ff7f0e", "CANCELED": "#7f7f7f", "CANCELLED": "#7f7f7f",
                "SKIPPED": "#bcbd22", "RUNNING": "#1f77b4"}
SEVERITY_COLORS = {"critical": "#7f0000", "high": "#d62728", "medium": "#ff7f0e", "low": "#bcbd22",
                   "info": "#1f77b4", "warning": "#ff7f0e"}
#: Config passed to st.plotly_chart: no mode bar (it covers the plot on a phone), no scroll zoom.
CONFIG = {"displayModeBar": False, "scrollZoom": False, "responsive": True}

Rows = Sequence[Mapping[str, Any]]


def _style(fig: go.Figure, *, height: int = 320, money: bool = False, legend: bool = True) -> go.Figure:
    fig.update_layout(
        height=height, margin={"l": 8, "r": 8, "t": 16, "b": 8}, hovermode="closest",
        showlegend=legend, legend={"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0, "title": None},
        xaxis={"title": None, "automargin": True}, yaxis={"title": None, "automargin": True},
    )
    if money:
        fig.update_yaxes(tickprefix="$", tickformat="~s")
    return fig


def empty(message: str = "No data for this period") -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font={"size": 14})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _style(fig, height=220, legend=False)


def _group(rows: Rows, x: str, y: str, by: str | None) -> dict[str, tuple[list[Any], list[float]]]:
    sums: dict[str, dict[Any, float]] = defaultdict(lambda: defaultdict(float))
    for r in rows:
        if r.get(x) is None:
            continue
        sums[str(r.get(by) or "other") if by else y][r[x]] += float(r.get(y) or 0.0)
    return {k: (sorted(v), [v[t] for t in sorted(v)]) for k, v in sums.items()}


def stacked_area(rows: Rows, *, x: str, y: str, by: str, money: bool = False, height: int = 320) -> go.Figure:
    """One filled area per ``by`` value, stacked (daily cost per workspace)."""
    if not rows:
        return empty()
    groups = _group(rows, x, y, by)
    order = sorted(groups, key=lambda k: -sum(groups[k][1]))
    fig = go.Figure()
    for i, name in enumerate(order):
        xs, ys = groups[name]
        fig.add_trace(go.Scatter(x=xs, y=ys, name=name, stackgroup="one", mode="lines",
                                 line={"width": 1, "color": PALETTE[i % len(PALETTE)]},
                                 hovertemplate=f"{name}<br>%{{x|%b %d}}: " + ("$%{y:,.0f}" if money else "%{y:,.1f}")
                                 + "<extra></extra>"))
    return _style(fig, height=height, money=money)


def trend_with_forecast(history: Rows, *, x: str, y: str, forecast: Rows = (), fx: str = "date",
                        fy: str = "forecast", lo: str | None = "lower", hi: str | None = "upper",
                        money: bool = True, height: int = 340, name: str = "Actual") -> go.Figure:
    """A total line over time, plus a dashed forecast with its band when ``forecast`` rows are given."""
    if not history and not forecast:
        return empty()
    totals = _group(history, x, y, None).get(y, ([], []))
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=totals[0], y=totals[1], name=name, mode="lines+markers",
                             line={"color": PALETTE[0], "width": 2}, marker={"size": 4},
                             hovertemplate="%{x|%b %d}: " + ("$%{y:,.0f}" if money else "%{y:,.1f}")
                             + "<extra>" + name + "</extra>"))
    if forecast:
        pts = sorted((r[fx], r) for r in forecast if r.get(fx) is not None)
        xs = [p[0] for p in pts]
        if lo and hi and all(p[1].get(lo) is not None and p[1].get(hi) is not None for p in pts):
            fig.add_trace(go.Scatter(x=xs + xs[::-1], y=[p[1][hi] for p in pts] + [p[1][lo] for p in pts][::-1],
                                     fill="toself", fillcolor="rgba(255,127,14,0.18)", line={"width": 0},
                                     name="Forecast range", hoverinfo="skip"))
        fig.add_trace(go.Scatter(x=xs, y=[p[1].get(fy) for p in pts], name="Forecast", mode="lines",
                                 line={"color": PALETTE[1], "width": 2, "dash": "dash"},
                                 hovertemplate="%{x|%b %d}: " + ("$%{y:,.0f}" if money else "%{y:,.1f}")
                                 + "<extra>Forecast</extra>"))
    return _style(fig, height=height, money=money)


def bars(rows: Rows, *, label: str, value: str, horizontal: bool = True, money: bool = False, top: int = 10,
         color: str | None = None, colors: Mapping[str, str] | None = None, height: int | None = None,
         text: bool = True) -> go.Figure:
    """Bars of ``value`` per ``label`` (largest first, ``top`` of them)."""
    data = sorted(((short_label(str(r.get(label))), float(r.get(value) or 0)) for r in rows),
                  key=lambda p: -p[1])[:top]
    if not data:
        return empty()
    names, values = [d[0] for d in data], [d[1] for d in data]
    fmt = (lambda v: f"${v:,.0f}") if money else (lambda v: f"{v:,.0f}" if v >= 10 or v == int(v) else f"{v:,.2f}")
    marker_colors = [(colors or {}).get(n, color or PALETTE[0]) for n in names]
    hover = "%{y}: " if horizontal else "%{x}: "
    hover += ("$%{x:,.0f}" if money else "%{x:,}") if horizontal else ("$%{y:,.0f}" if money else "%{y:,}")
    if horizontal:
        trace = go.Bar(y=names[::-1], x=values[::-1], orientation="h", marker_color=marker_colors[::-1],
                       text=[fmt(v) for v in values[::-1]] if text else None, textposition="auto",
                       hovertemplate=hover + "<extra></extra>", cliponaxis=False)
    else:
        trace = go.Bar(x=names, y=values, marker_color=marker_colors, text=[fmt(v) for v in values] if text else None,
                       textposition="auto", hovertemplate=hover + "<extra></extra>")
    fig = go.Figure(trace)
    fig = _style(fig, height=height or max(220, 34 * len(names) + 60), legend=False)
    if money:
        fig.update_xaxes(tickprefix="$", tickformat="~s") if horizontal else fig.update_yaxes(tickprefix="$",
                                                                                                tickformat="~s")
    return fig


def donut(labels: Iterable[str], values: Iterable[float], *, colors: Mapping[str, str] | None = None,
          height: int = 300, center: str | None = None) -> go.Figure:
    pairs = [(str(lbl), float(v or 0)) for lbl, v in zip(labels, values, strict=False) if v]
    if not pairs:
        return empty()
    names = [p[0] for p in pairs]
    fig = go.Figure(go.Pie(labels=names, values=[p[1] for p in pairs], hole=0.55, sort=False,
                           marker={"colors": [(colors or {}).get(n, PALETTE[i % len(PALETTE)])
                                              for i, n in enumerate(names)]},
                           textinfo="none" if center else "percent", hovertemplate="%{label}: %{value:,} (%{percent})<extra></extra>"))
    if center:
        fig.add_annotation(text=center, showarrow=False, font={"size": 16})
    return _style(fig, height=height)


def timeline(rows: Rows, *, start: str, end: str, lane: str, state: str, hover: Sequence[str] = (),
             height: int | None = None) -> go.Figure:
    """A Gantt-style timeline: one bar per run from ``start`` to ``end`` in the lane of its ``lane``,
    coloured by ``state``. Uses base+duration bars so no pandas is needed."""
    runs = [r for r in rows if isinstance(r.get(start), datetime)]
    if not runs:
        return empty("No runs in this window")
    lanes = sorted({str(r.get(lane)) for r in runs})
    fig = go.Figure()
    for st in sorted({str(r.get(state)) for r in runs}):
        pick = [r for r in runs if str(r.get(state)) == st]
        ends = [r.get(end) if isinstance(r.get(end), datetime) else r[start] + timedelta(minutes=1) for r in pick]
        ms = [max((e - r[start]).total_seconds() * 1000.0, 60_000.0) for r, e in zip(pick, ends, strict=True)]
        custom = [[str(r.get(h, "")) for h in hover] for r in pick]
        tip = "<br>".join(f"{h.replace('_', ' ')}: %{{customdata[{i}]}}" for i, h in enumerate(hover))
        fig.add_trace(go.Bar(base=[r[start] for r in pick], x=ms, y=[str(r.get(lane)) for r in pick],
                             orientation="h", name=st.title(), marker_color=STATE_COLORS.get(st.upper(), "#9467bd"),
                             customdata=custom, hovertemplate=f"%{{y}} ({st.lower()})<br>{tip}<extra></extra>"))
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(type="date")
    fig.update_yaxes(categoryorder="array", categoryarray=lanes[::-1])
    return _style(fig, height=height or max(260, 22 * len(lanes) + 90))


def lineage_graph(edges: Rows, *, source: str = "source_table_full_name", target: str = "target_table_full_name",
                  focus: str | None = None, height: int = 420) -> go.Figure:
    """A left-to-right network of table lineage: columns by depth from the sources, one node per table."""
    pairs = sorted({(str(e[source]), str(e[target])) for e in edges if e.get(source) and e.get(target)
                    and e[source] != e[target]})
    if not pairs:
        return empty("No lineage recorded for this table")
    nodes = sorted({n for p in pairs for n in p})
    parents: dict[str, set[str]] = defaultdict(set)
    for s, t in pairs:
        parents[t].add(s)
    depth: dict[str, int] = {}

    def level(n: str, seen: frozenset[str] = frozenset()) -> int:
        if n not in depth:
            ps = [p for p in parents.get(n, ()) if p not in seen]
            depth[n] = 0 if not ps else 1 + max(level(p, seen | {n}) for p in ps)
        return depth[n]

    for n in nodes:
        level(n)
    columns: dict[int, list[str]] = defaultdict(list)
    for n in nodes:
        columns[depth[n]].append(n)
    pos: dict[str, tuple[float, float]] = {}
    for d, names in columns.items():
        for i, n in enumerate(sorted(names)):
            pos[n] = (float(d), (i - (len(names) - 1) / 2.0))
    ex: list[float | None] = []
    ey: list[float | None] = []
    for s, t in pairs:
        ex += [pos[s][0], pos[t][0], None]
        ey += [pos[s][1], pos[t][1], None]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=ex, y=ey, mode="lines", line={"width": 1.2, "color": "#9aa5b1"}, hoverinfo="skip",
                             showlegend=False))
    for s, t in pairs:  # arrow heads at 80 % of each edge
        (x0, y0), (x1, y1) = pos[s], pos[t]
        fig.add_annotation(x=x0 + 0.8 * (x1 - x0), y=y0 + 0.8 * (y1 - y0), ax=x0 + 0.7 * (x1 - x0),
                           ay=y0 + 0.7 * (y1 - y0), xref="x", yref="y", axref="x", ayref="y", showarrow=True,
                           arrowhead=2, arrowsize=1.2, arrowwidth=1.2, arrowcolor="#9aa5b1", text="")
    colors = [PALETTE[3] if n == focus else (PALETTE[2] if n.startswith("system.") else PALETTE[0]) for n in nodes]
    fig.add_trace(go.Scatter(x=[pos[n][0] for n in nodes], y=[pos[n][1] for n in nodes], mode="markers+text",
                             text=[_short(n) for n in nodes], textposition="top center", hovertext=nodes,
                             hoverinfo="text", marker={"size": 14, "color": colors, "line": {"width": 1,
                                                                                                "color": "#fff"}},
                             textfont={"size": 11}, showlegend=False))
    span = max(len(v) for v in columns.values())
    fig.update_xaxes(visible=False, range=[-0.5, max(depth.values()) + 0.5])
    fig.update_yaxes(visible=False, range=[-(span / 2.0) - 0.2, span / 2.0 + 0.2])
    return _style(fig, height=max(height, 70 * span + 80), legend=False)


def short_label(text: str, limit: int = 28) -> str:
    """Axis labels that fit a phone: ``PREMIUM_JOBS_SERVERLESS_COMPUTE_US_EAST_1`` -> ``JOBS_SERVERLESS_COMPUTE…``."""
    text = re.sub(r"^PREMIUM_|^ENTERPRISE_|^STANDARD_", "", text)
    text = re.sub(r"_(US|EU|AP|CA|SA|UK|AU)_[A-Z]+_\d+$", "", text)
    if text.isupper() and "_" in text:  # an enum (JOBS_COMPUTE), not a name someone chose (ml_training)

        text = label(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short(name: str) -> str:
    """``main.sales.orders_gold`` -> ``sales.orders_gold`` (labels stay short on small screens)."""
    parts = name.split(".")
    return ".".join(parts[-2:]) if len(parts) > 2 else name


def lines(rows: Rows, *, x: str, y: str, by: str, suffix: str = "", height: int = 320) -> go.Figure:
    """One line per ``by`` value (e.g. failure rate per expectation per day)."""
    if not rows:
        return empty()
    fig = go.Figure()
    for i, name in enumerate(sorted({str(r.get(by)) for r in rows})):
        pts = sorted((r[x], r.get(y)) for r in rows if str(r.get(by)) == name and r.get(x) is not None)
        fig.add_trace(go.Scatter(x=[p[0] for p in pts], y=[p[1] for p in pts], name=name, mode="lines",
                                 line={"color": PALETTE[i % len(PALETTE)], "width": 2},
                                 hovertemplate="%{x|%b %d}: %{y:,.2f}" + suffix + "<extra>" + name + "</extra>"))
    fig = _style(fig, height=height)
    if suffix:
        fig.update_yaxes(ticksuffix=suffix)
    return fig
