"""Rendering of signals (``get_active_alerts``) and stored alert events, shared by the Hub and Settings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st
from health_monitor.ui import palette
from health_monitor.ui.formatting import label, tidy_text, when
from health_monitor.ui.formatting import text as cut
from health_monitor.ui.safe_text import escape


def badge(severity: str | None) -> str:
    """The severity as a status pill in the shared palette (``:red-badge[High]``)."""
    return palette.pill(severity or "info")


def signal_label(signal_type: str | None) -> str:
    return label(signal_type or "signal")


def signal_list(rows: Sequence[Mapping[str, Any]], tz: str, page_for: Any, limit: int = 8) -> None:
    """One line per signal: severity, what, subject, detail, when, and a link to the screen to drill into."""
    for i, r in enumerate(rows[:limit]):
        with st.container(border=True, key=f"signal_{i}"):
            text, link = st.columns([6, 1], vertical_alignment="center")
            ws = r.get("workspace_name")
            where = f" · {ws}" if ws and ws != r.get("subject") else ""
            # subject, workspace and detail are the account's data: shown as typed, never as Markdown
            text.markdown(f"{badge(r.get('severity'))} **{escape(signal_label(r.get('signal_type')))}**: "
                          f"{escape(r.get('subject') or '–')}{escape(where)}")
            text.caption(f"{when(r.get('observed_at'), tz)} · {escape(tidy_text(cut(r.get('detail'), 160)))}")
            link.page_link(page_for(str(r.get("signal_type") or "")), label="Open", icon=":material/arrow_forward:")
    if len(rows) > limit:
        st.caption(f"{len(rows) - limit} more signal(s) in the table below.")


def event_columns() -> dict[str, Any]:
    """Alert-event tables: the rule and its state first, then what and when."""
    from health_monitor.ui import components as ui

    return {"rule": "Rule", "status": ui.status_col("Status"), "severity": ui.status_col("Severity"),
            "subject": "Subject", "value": ui.number_col("Value", "%,.2f"),
            "threshold": ui.number_col("Threshold", "%,.2f"), "last_seen": "Last seen", "first_seen": "First seen",
            "message": st.column_config.TextColumn("Message", width="large")}


def event_rows(events: Sequence[Any]) -> list[dict[str, Any]]:
    return [{"status": "open" if e.is_open else "resolved", "severity": e.severity, "rule": e.rule_name,
             "subject": e.subject, "value": e.value, "threshold": e.threshold, "first_seen": e.first_seen_at,
             "last_seen": e.last_seen_at, "message": e.message} for e in events]
