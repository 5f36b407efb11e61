"""The approval card in headless Chromium: ask, see the card, approve, see the audit trail in Settings.
Screenshots go to artifacts/screenshots/actions-*.png (or ``HM_ACTIONS_SHOTS``)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from health_monitor.ui import browser_probe as probe

from tests.actions.conftest import ADMIN

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("HM_ACTIONS_SHOTS", ROOT / "artifacts" / "screenshots"))


@pytest.fixture
def server(demo_dir: Path, tmp_path: Path):
    if not Path(probe.CHROMIUM).exists():
        pytest.skip(f"no Chromium at {probe.CHROMIUM}")
    pytest.importorskip("playwright.sync_api")
    data = tmp_path / "data"
    data.mkdir()
    for name in ("system.duckdb", "gold.duckdb"):
        shutil.copyfile(demo_dir / name, data / name)
    env = {"HM_DATABASE_URL": f"sqlite:///{tmp_path / 'state.sqlite'}", "HM_LOCAL_USER": ADMIN,
           "HM_ADMIN_USERS": ADMIN, "HM_LLM_PROVIDER": "offline"}
    with probe.AppServer(data, env=env, log_path=tmp_path / "streamlit.log") as app:
        yield app


def test_approval_card_in_the_browser(server) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = probe.launch(p)
        try:
            page = browser.new_context(viewport=probe.DESKTOP).new_page()
            page.goto(f"{server.url}/chat", wait_until="commit")
            box = page.locator('[data-testid="stChatInput"] textarea')
            box.wait_for(state="visible", timeout=60_000)
            probe._wait_settled(page, 60)
            box.fill("where can we save money?")
            box.press("Enter")
            page.get_by_text("Proposed action").first.wait_for(timeout=240_000)
            probe._wait_settled(page, 120)
            assert page.locator('[data-testid="stException"]').count() == 0
            card = page.locator('[class*="st-key-actions_card_"]', has_text="auto-termination").first
            card.wait_for(timeout=60_000)  # the card's body can arrive a moment after its header
            assert "Estimated saving" in card.inner_text()
            probe.full_screenshot(page, SHOTS / "actions-card.png")
            page.get_by_role("button", name="Approve").first.click()
            page.get_by_text("Done on the demo account").first.wait_for(timeout=120_000)
            probe._wait_settled(page, 60)
            probe.full_screenshot(page, SHOTS / "actions-approved.png")

            page.goto(f"{server.url}/settings", wait_until="commit")
            page.get_by_role("tab", name="Actions").wait_for(timeout=60_000)
            page.get_by_role("tab", name="Actions").click()
            page.get_by_text("Actions taken").first.wait_for(timeout=60_000)
            probe._wait_settled(page, 60)
            probe.full_screenshot(page, SHOTS / "actions-settings.png")
        finally:
            browser.close()
