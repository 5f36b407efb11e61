"""Every screen in headless Chromium at desktop and phone sizes, light and dark: the scenario's incidents on
the first screen (no scrolling), no "None"/"nan" cell, no exception box; and the sidebar filter changing
the figures of a page consistently (and the same KPI agreeing across pages).

Run one page at a time on a shared machine: ``pytest tests/browser/test_screens.py -k cost``.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from health_monitor.ui import browser_probe as probe
from health_monitor.ui.navigation import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

COMBOS = [(vp, theme) for theme in ("light", "dark") for vp in ("desktop", "phone")]
#: What each screen must show without scrolling (the demo scenario, docs/demo-scenario.md).
FIRST_SCREEN = {
    "dashboard": ["Spend yesterday"],
    "chat": [],
    "cost": ["Budget overrun ahead: ml-workspace"],
    "jobs": ["18 min on bi-warehouse", "prod-etl-cluster"],
    "security": ["no expiry", "contractors"],
    "reliability": ["etl-warehouse down"],
    "quality": ["main.sales.orders_gold"],
    "mlops": ["cost_anomaly_detector"],
    "governance": ["contractors"],
    "settings": [],
}
BAD_CELLS_JS = """() => [...document.querySelectorAll('[data-testid="stDataFrame"] td, [data-testid="stDataFrame"] th')]
    .map(c => c.innerText.trim()).filter(t => /^(none|nan|nat|null|undefined)$/i.test(t))"""
FIRST_SCREEN_JS = """(needle) => {
  const walker = document.createTreeWalker(document.querySelector('[data-testid="stMain"]'), NodeFilter.SHOW_TEXT);
  let n; while ((n = walker.nextNode())) {
    if (!n.textContent.includes(needle)) continue;
    const el = n.parentElement; const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight) return true;
  }
  return false; }"""


@pytest.fixture(scope="module")
def server(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    if not Path(probe.CHROMIUM).exists():
        pytest.skip(f"no Chromium at {probe.CHROMIUM} (scripts/install-system-deps.sh installs it)")
    pytest.importorskip("playwright.sync_api")
    state = tmp_path_factory.mktemp("screens-state")
    env = {"HM_DATABASE_URL": f"sqlite:///{state / 'state.sqlite'}", "HM_LOCAL_USER": "screens@company.com",
           "HM_LLM_PROVIDER": "offline"}
    with probe.AppServer(demo_dir, env=env, log_path=state / "streamlit.log") as app:
        yield app


@pytest.fixture(scope="module")
def tabs(server):
    """One warmed browser tab per (viewport, theme); the theme is the browser's prefers-color-scheme."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = probe.launch(p)
        out = {}
        for vp, theme in COMBOS:
            ctx = browser.new_context(viewport=dict(getattr(probe, vp.upper())), color_scheme=theme)
            page = ctx.new_page()
            probe.measure_page(page, f"{server.url}/", title="warm-up", viewport=vp, timeout_s=90)
            out[(vp, theme)] = page
        yield out
        browser.close()


def _background(page) -> tuple[int, int, int]:
    rgb = page.evaluate("() => getComputedStyle(document.querySelector('[data-testid=\"stMain\"]')"
                        ".closest('.stApp') || document.body).backgroundColor")
    return tuple(int(x) for x in re.findall(r"\d+", rgb)[:3])


@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.url_path)
def test_screen_shows_its_incidents_first_and_no_empty_cells(spec, tabs, server) -> None:
    problems = []
    for (vp, theme), page in tabs.items():
        t = probe.measure_page(page, f"{server.url}/{spec.url_path}", title=spec.title, viewport=vp, timeout_s=90)
        where = f"{spec.title} ({vp}, {theme})"
        if t.error or t.exceptions:
            problems.append(f"{where}: {t.error or f'{t.exceptions} exception box(es)'}")
            continue
        # highlights render right after the fragment's first chunk, and a refreshing fragment redraws:
        # give a busy machine a few seconds before calling an incident missing
        deadline = time.monotonic() + 15
        while True:
            missing = [n for n in FIRST_SCREEN[spec.url_path] if not page.evaluate(FIRST_SCREEN_JS, n)]
            if not missing or time.monotonic() > deadline:
                break
            page.wait_for_timeout(500)
        if missing:
            problems.append(f"{where}: not on the first screen: {missing}")
        bad = page.evaluate(BAD_CELLS_JS)
        if bad:
            problems.append(f"{where}: {len(bad)} table cell(s) showing {sorted(set(bad))}")
        dark = sum(_background(page)) < 3 * 128
        if dark != (theme == "dark"):
            problems.append(f"{where}: the app did not follow the browser's {theme} scheme")
        if vp == "phone" and t.overflow_px > 0:
            problems.append(f"{where}: {t.overflow_px} px horizontal overflow")
    assert not problems, "\n".join(problems)


def _pick(page, label: str, option: str) -> None:
    box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text=label)
    box.click()
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_timeout(500)
    page.wait_for_function(probe.SETTLED_JS, timeout=90_000)


def _metric(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def _money(text: str) -> float:
    x = float(re.sub(r"[^\d.]", "", text))
    return x * 1000 if text.endswith("k") else x * 1e6 if text.endswith("M") else x


def test_the_workspace_filter_moves_every_cost_figure_together(tabs, server) -> None:
    page = tabs[("desktop", "light")]
    probe.measure_page(page, f"{server.url}/cost", title="Cost Center", viewport="desktop", timeout_s=90)
    before = _metric(page, "Spend")
    _pick(page, "Period", "Last 7 days")
    _pick(page, "Workspace", "ml-workspace")
    spend = _money(_metric(page, "Spend"))
    assert _metric(page, "Spend") != before
    skus = page.evaluate("""() => { const el = document.querySelector('.st-key-cost_by_sku .js-plotly-plot');
        return el ? el.data.flatMap(t => t.x || []).reduce((a, b) => a + Number(b), 0) : null; }""")
    assert skus is not None and skus == pytest.approx(spend, rel=0.01), (skus, spend)
    # the same KPI on two pages agrees under the same filter
    probe.measure_page(page, f"{server.url}/", title="Hub", viewport="desktop", timeout_s=90)
    on_hub = _metric(page, "Security events")
    probe.measure_page(page, f"{server.url}/security", title="Security", viewport="desktop", timeout_s=90)
    assert _metric(page, "Security events") == on_hub
    # pages that apply no filter show none
    probe.measure_page(page, f"{server.url}/settings", title="Settings", viewport="desktop", timeout_s=90)
    assert page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').count() == 0
    _reset = page  # leave the shared tab on a page with filters for the next test
    probe.measure_page(_reset, f"{server.url}/cost", title="Cost", viewport="desktop", timeout_s=90)
    _pick(_reset, "Workspace", "All workspaces")
    _pick(_reset, "Period", "Last 30 days")
