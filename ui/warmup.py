"""Warm the shared caches once per server process, in the background, so the first visitor of each
center does not pay for the first tool calls (DuckDB page-in, SQL compile, the cached runners)."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from typing import Any

import streamlit as st
from health_monitor.ui import clients

log = logging.getLogger("health_monitor.ui")


def _calls(as_of_date: Any) -> list[tuple[str, dict[str, Any]]]:
    """The tool calls the first screens make with the default filters (last 30 days, all workspaces)."""
    start = as_of_date - timedelta(days=29)
    prev = start - timedelta(days=30)
    return [("get_daily_cost_summary", {"start_date": start, "end_date": as_of_date}),
            ("get_daily_cost_summary", {"start_date": prev, "end_date": start - timedelta(days=1)}),
            ("get_job_success_rate", {"days": 30}), ("get_job_success_rate", {"days": 60}),
            ("get_security_events", {"start_date": start, "end_date": as_of_date}),
            ("get_active_alerts", {}), ("get_budget_status", {}), ("get_resource_utilization", {}),
            ("get_slow_queries", {"threshold_seconds": 600}), ("get_incident_summary", {"days": 30}),
            ("get_service_health", {}), ("get_dq_summary", {"days": 30}), ("get_freshness_violations", {}),
            ("get_access_grants", {}), ("get_metadata_quality", {}), ("get_model_drift", {})]


@st.cache_resource(show_spinner=False)
def start() -> threading.Thread:
    """Run the first screens' tool calls once in a daemon thread (warms DuckDB and the executor's caches;
    the page-level ``st.cache_data`` fills on first use). Returns the thread (tests may join it)."""

    executor = clients.executor()

    def run() -> None:
        try:
            _, as_of_date = executor.as_of()
            for name, args in _calls(as_of_date):
                if name in executor.registry:
                    executor.run(name, args)
        except Exception as e:  # noqa: BLE001 - warming is best effort
            log.info("cache warm-up stopped: %s", e)

    thread = threading.Thread(target=run, name="hm-warm-caches", daemon=True)
    thread.start()
    return thread
