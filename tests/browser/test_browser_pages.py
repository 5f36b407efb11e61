"""The app in headless Chromium: every page on a desktop and a 390x844 phone, one chat question,
the sidebar filter surviving a reload. Screenshots go to artifacts/screenshots/, timings to
artifacts/page_timings.json (the probe lives in ui/browser_probe.py so `health-monitor bench` reuses it)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from health_monitor.ui import browser_probe as probe
from health_monitor.ui.navigation import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
SHOTS = ARTIFACTS / "screenshots"


@pytest.fixture(scope="module")
def server(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    if not Path(probe.CHROMIUM).exists():
        pytest.skip(f"no Chromium at {probe.CHROMIUM} (scripts/install-system-deps.sh installs it)")
    pytest.importorskip("playwright.sync_api")
    state = tmp_path_factory.mktemp("browser-state")
    env = {"HM_DATABASE_URL": f"sqlite:///{state / 'state.sqlite'}", "HM_LOCAL_USER": "browser@company.com"}
    ARTIFACTS.mkdir(exist_ok=True)
    with probe.AppServer(demo_dir, env=env, log_path=ARTIFACTS / "streamlit-browser-test.log") as app:
        yield app


@pytest.fixture(scope="module")
def timings(server) -> list[probe.PageTiming]:
    if SHOTS.exists():
        shutil.rmtree(SHOTS)
    result = probe.probe_pages(server.url, viewports={"desktop": probe.DESKTOP, "phone": probe.PHONE},
                               screenshot_dir=SHOTS, timeout_s=60)
    probe.write_timings(result, ARTIFACTS / "page_timings.json")
    print("\n" + probe.summary(result))
    return result


def test_every_page_shows_content_without_exceptions(timings) -> None:
    assert {t.title for t in timings} == {p.title for p in PAGES}
    problems = [f"{t.viewport} {t.title}: {t.error or f'{t.exceptions} exception box(es)'}" for t in timings
                if t.error or t.exceptions or t.content_s is None]
    assert not problems, problems
    assert all(Path(t.screenshot).exists() for t in timings)
    # generous bounds for a shared CI box; the targets (1 s content, 2.5 s settled) are in page_timings.json
    slow = [f"{t.viewport} {t.title}: {t.content_s} s" for t in timings if t.content_s > 10]
    assert not slow, slow


def test_phone_viewport_has_no_horizontal_overflow(timings) -> None:
    wide = [f"{t.title}: {t.overflow_px} px" for t in timings if t.viewport == "phone" and t.overflow_px > 0]
    assert not wide, wide


def test_chat_question_streams_an_answer(server, timings) -> None:
    chat = probe.ask_in_chat(server.url, "Why did costs jump yesterday?", screenshot=SHOTS / "chat-answer.png",
                             timeout_s=180)
    assert chat.error is None, chat.error
    assert chat.exceptions == 0
    assert "ml-workspace" in chat.answer
    assert chat.tool_statuses >= 1
    path = ARTIFACTS / "page_timings.json"
    body = json.loads(path.read_text())
    body["chat"] = {k: getattr(chat, k) for k in ("question", "first_text_s", "done_s", "tool_statuses")}
    path.write_text(json.dumps(body, indent=2))


def test_workspace_filter_survives_a_reload(server) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = probe.launch(p)
        try:
            page = browser.new_context(viewport=probe.DESKTOP).new_page()
            page.goto(f"{server.url}/cost")
            box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text="Workspace")
            box.click()
            page.get_by_role("option", name="production").click()
            page.wait_for_function(probe.SETTLED_JS, timeout=60_000)
            page.reload()
            page.wait_for_function(probe.SETTLED_JS, timeout=60_000)
            shown = box.evaluate("e => [e.innerText, ...[...e.querySelectorAll('input')].map(i => i.value)].join(' ')")
            assert "production" in shown, shown
        finally:
            browser.close()
