"""Every registered page renders on the demo without an exception or an error panel."""

from __future__ import annotations

import json

import pytest
from health_monitor.ui.navigation import PAGES, check


def test_page_registry_is_consistent() -> None:
    from pathlib import Path

    check()
    root = Path(__file__).resolve().parents[2]
    on_disk = {f"pages/{p.name}" for p in (root / "pages").glob("*.py") if not p.name.startswith("_")}
    assert {p.path for p in PAGES} == on_disk, "every page script is registered once, and only those"
    assert sum(p.default for p in PAGES) == 1


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_page_renders_without_errors(app, spec) -> None:
    app.switch_page(spec.path).run()
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]
    assert [h.value for h in app.header] == [spec.title if spec.url_path != "chat" else "Ask the agents"]


def test_dashboard_shows_kpis_and_charts(app) -> None:
    labels = [m.label for m in app.metric]
    assert labels == ["Spend yesterday", "Job success rate", "Active workspaces", "Security events"]
    spend = app.metric[0]
    assert spend.value.startswith("$") and spend.delta.startswith("+")  # the demo's cost jump yesterday
    charts = app.get("plotly_chart")
    assert len(charts) == 2
    spec = json.loads(charts[0].proto.spec)
    names = {t["name"] for t in spec["data"]}
    assert {"production", "ml-workspace", "analytics"} <= names


def test_cost_center_says_list_or_net_and_shows_anomaly(app) -> None:
    app.switch_page("pages/cost.py").run()
    assert any("List-price figures" in c.value for c in app.caption)
    tables = app.dataframe
    anomalies = next(t.value for t in tables if "z_score" in t.value.columns)
    assert "ml-workspace" in set(anomalies["workspace_name"])


def test_filters_round_trip_through_preferences(app_env) -> None:
    """What the sidebar saves (``Filters.to_pref``) comes back as the same filters for the next session.
    (AppTest re-runs only the page script after the first run, so the sidebar is exercised in the
    browser suite.)"""
    from datetime import date

    from health_monitor.db import make_engine, migrate
    from health_monitor.ui import store
    from health_monitor.ui.filters import Filters, resolve

    from health_monitor.core.settings import get_settings

    engine = make_engine(get_settings())
    migrate(engine)
    chosen = Filters(date(2026, 1, 1), date(2026, 1, 10), "production", "custom", date(2026, 1, 15))
    store.save_preferences(engine, "tester@company.com", filters=chosen.to_pref())
    prefs = store.preferences(engine, "tester@company.com")
    assert resolve(prefs.filters, date(2026, 1, 15)) == chosen


def test_governance_draws_lineage_back_to_system_tables(app) -> None:
    app.switch_page("pages/governance.py").run()
    specs = [json.loads(c.proto.spec) for c in app.get("plotly_chart")]
    texts = {t for s in specs for trace in s["data"] for t in (trace.get("hovertext") or [])}
    assert any(t.startswith("system.billing.") for t in texts)
