"""The screens' numbers agree with each other, and preferences do not change what the user did not touch.

Services run without Streamlit over the shared demo (a plain runner), as the pages call them."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime

import pytest
from health_monitor.ui import cost, hub, jobs, metrics, refresh, security
from health_monitor.ui.data import make_runner
from health_monitor.ui.filters import resolve

AS_OF = date(2026, 1, 15)
#: Every screen service and the pure helpers they use: importable with no Streamlit at all.
SERVICES = ("hub", "cost", "jobs", "security", "reliability", "quality", "governance", "mlops", "chat", "data",
            "filters", "formatting", "kpi", "charts", "metrics", "refresh", "navigation", "palette", "highlights",
            "answer_parts")


@pytest.fixture(scope="module")
def run(warehouse):
    from health_monitor.tools.executor import ToolExecutor

    from health_monitor.core.settings import Settings

    return make_runner(ToolExecutor(warehouse, Settings()))


@pytest.mark.parametrize("name", SERVICES)
def test_service_imports_without_streamlit(name: str) -> None:
    code = (f"import sys\nimport health_monitor.ui.{name}\n"
            "bad = sorted(m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.'))\n"
            "assert not bad, bad[:5]\nprint('clean')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "clean" in out.stdout, out.stderr[-2000:]


@dataclass
class Prefs:
    refresh_seconds: int = 300
    updated_at: datetime | None = None


def test_page_defaults_hold_until_the_user_chooses_a_refresh() -> None:
    never = Prefs()
    assert refresh.interval(30, never) == 30 and refresh.interval(900, never) == 900
    # The first save of a filter writes "each page's default", never the store's 300 s default.
    saved = Prefs(**refresh.first_save_fields(never), updated_at=datetime(2026, 1, 1))
    assert refresh.interval(30, saved) == 30 and refresh.interval(60, saved) == 60
    assert refresh.first_save_fields(saved) == {}
    # An explicit choice slows pages down (never speeds them up); 0 switches refresh off.
    chosen = Prefs(refresh_seconds=300, updated_at=datetime(2026, 1, 1))
    assert refresh.interval(30, chosen) == 300 and refresh.interval(900, chosen) == 900
    assert refresh.interval(30, Prefs(0, datetime(2026, 1, 1))) is None
    assert refresh.interval(None, never) is None
    assert refresh.describe(30) == "every 30 seconds" and refresh.describe(300) == "every 5 minutes"


@pytest.mark.parametrize("workspace", ["ml-workspace", "production", None])
def test_cost_by_sku_adds_up_to_spend_for_the_workspace(run, workspace) -> None:
    f = resolve({"period": 7, "workspace": workspace}, AS_OF)
    b = cost.Basis(False, "")
    spend = sum(float(r.get("list_cost") or 0) for r in cost.daily(run, f))
    skus = cost.by_sku(run, f, b)
    assert skus and spend > 0
    assert sum(r["cost"] for r in skus) == pytest.approx(spend, rel=0.005)


@pytest.mark.parametrize("workspace", [None, "production"])
def test_the_same_kpi_agrees_across_pages(run, workspace) -> None:
    f = resolve({"period": 30, "workspace": workspace}, AS_OF)
    on_hub = {k.label: k.value for k in hub.kpis(run, f, AS_OF)}
    on_security = {k.label: k.value for k in security.kpis(run, f)}
    on_jobs = {k.label: k.value for k in jobs.kpis(run, f)}
    assert on_hub["Security events"] == on_security["Security events"]
    assert on_hub["Job success rate"] == on_jobs["Job success rate"]
    assert int(on_security["Security events"].replace(",", "")) == len(security.events(run, f))
    # Every KPI shown under one label on two pages comes from the one registry.
    shared = set(on_hub) & (set(on_security) | set(on_jobs))
    assert shared <= set(metrics.KPIS), shared


def test_the_scenario_incidents_are_found_by_general_rules(run) -> None:
    from health_monitor.ui import governance, highlights

    f = resolve({"period": 30}, AS_OF)
    as_of = datetime(2026, 1, 15, 9, 0)
    slow = highlights.slow_queries(run, f, as_of)
    assert slow and "18 min" in slow[0].title and "bi-warehouse" in slow[0].title and "2.0 TB" in slow[0].detail
    hot = highlights.hot_clusters(run, f)
    assert hot and hot[0].subject == "prod-etl-cluster" and hot[0].severity == "high"
    over = highlights.budgets(run, f)
    assert [b.subject for b in over] == ["ml-workspace"]
    sec = highlights.security_events(security.events(run, f), security.pii_tables(run))
    titles = " | ".join(h.title for h in sec)
    assert "no expiry" in titles and "main.crm.customers" in titles
    grants = governance.pii_grants_with_changes(run, f)
    assert (grants[0]["table_full_name"], grants[0]["grantee"], grants[0]["recent"]) == \
        ("main.crm.customers", "contractors", "new grant")
    # The workspace filter applies to the highlights too.
    dev = resolve({"period": 30, "workspace": "dev"}, AS_OF)
    assert not highlights.budgets(run, dev) and not highlights.slow_queries(run, dev, as_of)


def test_the_quiet_account_raises_no_highlight(quiet_demo_dir) -> None:
    from health_monitor.tools.executor import ToolExecutor
    from health_monitor.ui import highlights
    from health_monitor.warehouse.duckdb_backend import DuckDBWarehouse

    from health_monitor.core.settings import Settings

    wh = DuckDBWarehouse(quiet_demo_dir / "system.duckdb", quiet_demo_dir / "gold.duckdb")
    try:
        quiet = make_runner(ToolExecutor(wh, Settings()))
        f = resolve({"period": 30}, AS_OF)
        assert not highlights.slow_queries(quiet, f, datetime(2026, 1, 15, 9, 0))
        assert not highlights.hot_clusters(quiet, f)
    finally:
        wh.close()


def test_stale_data_banner_only_when_a_day_behind() -> None:
    as_of = datetime(2026, 1, 15, 9, 0)
    assert refresh.stale_notice(as_of, datetime(2026, 1, 16, 8, 0)) is None
    note = refresh.stale_notice(as_of, datetime(2026, 1, 18, 9, 0))
    assert note and "3 days old" in note and "2026-01-15 09:00" in note


def test_follow_ups_name_what_the_answer_was_about(run) -> None:
    from health_monitor.ui import answer_parts

    f = resolve({"period": 7}, AS_OF)
    rows = cost.anomalies(run, f, cost.Basis(False, ""))
    asks = answer_parts.follow_ups("Why did costs jump yesterday?", ["cost"], rows)
    assert len(asks) == 3 and len(set(asks)) == 3
    assert any("ml-workspace" in q for q in asks), asks
    # no subject in the rows: only templates without placeholders, never a literal "{workspace}"
    plain = answer_parts.follow_ups("Any failed logins?", ["security"], [])
    assert len(plain) == 3 and not any("{" in q for q in plain)
    pts = answer_parts.series(cost.daily(run, f))
    assert pts is not None and pts[0] == "usage_date" and len(pts[2]) >= 7
    assert answer_parts.series([{"workspace_name": "a", "list_cost": 1.0}]) is None
    table = answer_parts.compact(rows)
    assert table and list(table[0])[0] == "workspace_name" and len(table[0]) <= 6


def test_follow_ups_never_offer_the_question_just_asked_in_other_words() -> None:
    from health_monitor.ui import answer_parts

    rows = [{"table_full_name": "main.sales.orders_gold", "hours_since_update": 58.0}]
    asks = answer_parts.follow_ups("why is orders_gold stale?", ["quality"], rows)
    assert asks and not any(q.lower().startswith("why is main.sales.orders_gold stale") for q in asks), asks


def test_follow_ups_stay_on_the_job_the_question_named() -> None:
    from health_monitor.ui import answer_parts

    rows = [{"job_name": "ml_training", "failures": 3}, {"job_name": "nightly_etl", "failures": 1}]
    asks = answer_parts.follow_ups("why did nightly_etl fail?", ["performance"], rows)
    named = [q for q in asks if "ml_training" in q or "nightly_etl" in q]
    assert named and all("nightly_etl" in q for q in named), asks
    # a question naming no job keeps the ranked rows' first
    assert answer_parts.subjects(rows, "which jobs failed?")["job"] == "ml_training"


def test_follow_ups_stay_on_the_job_the_answer_was_about_when_the_question_said_it() -> None:
    """"just rerun it for me" answered about nightly_etl suggested questions about ml_training (first row)."""
    from health_monitor.ui import answer_parts

    rows = [{"job_name": "ml_training", "failures": 3}, {"job_name": "nightly_etl", "failures": 1}]
    answer = ("I don't rerun anything from the chat ... nightly_etl, and what to do:\n\n**Recommendation:** Fix it.\n\n"
              "Last 24 hours: nightly_etl (production) failed once.")
    asks = answer_parts.follow_ups("just rerun it for me", ["performance"], rows, answer=answer)
    named = [q for q in asks if "ml_training" in q or "nightly_etl" in q]
    assert named and all("nightly_etl" in q for q in named), asks


def test_follow_ups_never_presume_a_state_the_answer_did_not_find() -> None:
    """A drift answer about orders_silver offered "Why is orders_silver stale?" for a table that was fresh."""
    from health_monitor.ui import answer_parts

    rows = [{"table_full_name": "main.sales.orders_silver", "column_name": "amount", "drift_score": 0.4}]
    asks = answer_parts.follow_ups("is orders_silver.amount behaving normally?", ["quality"], rows)
    assert asks and not any(re.search(r"\bwhy is\b.*\bstale\b|\bwhich columns\b.*\bdrifted\b", q, re.I) for q in asks), asks
