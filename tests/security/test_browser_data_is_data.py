"""Data is data, in a real browser: a job name carrying a Markdown link and an image, rendered by the
alert list and the chat transcript in headless Chromium, shows as text; no link to the planted host is
live and the browser fetches nothing from it (a local capture server counts the requests)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest
from capture_servers import free_port, start_http

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCRIPT = textwrap.dedent('''
    import os
    import streamlit as st
    from health_monitor.ui import alerts_view, chat_view

    evil = os.environ["EVIL"]
    job = f"nightly [click me]({evil}/link) ![pixel]({evil}/pixel.png) **ALL CLEAR** visit {evil}/bare"
    rows = [{"severity": "high", "signal_type": "job_failure", "subject": job, "workspace_name": "prod",
             "detail": f"failed 3 times ![tracker]({evil}/detail.png) [details]({evil}/detail)",
             "observed_at": None}]
    alerts_view.signal_list(rows, "UTC", page_for=lambda t: "https://docs.databricks.com")
    chat_view.render_entry({"role": "assistant", "content": f"The failing job is {job}.\\n\\n**2** failures.",
                            "tool_calls": [{"agent": "jobs", "tool": "get_failed_jobs", "ok": False,
                                            "args": {"job_name": job}, "error": f"no job ![e]({evil}/err.png)"}]})
    st.write("rendered")
''')


@pytest.fixture
def evil():
    capture, stop = start_http()
    yield capture
    stop()


@pytest.fixture
def page_server(tmp_path, evil):
    from health_monitor.ui import browser_probe as probe

    if not Path(probe.CHROMIUM).exists():
        pytest.skip(f"no Chromium at {probe.CHROMIUM}")
    pytest.importorskip("playwright.sync_api")
    script = tmp_path / "planted.py"
    script.write_text(SCRIPT)
    port = free_port()
    env = {**os.environ, "EVIL": evil.url, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    env.pop("DATABRICKS_APP_NAME", None)
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
                             "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--server.fileWatcherType", "none"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                break
        except OSError:
            time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def test_a_planted_markdown_link_and_image_render_as_text(page_server, evil):
    from health_monitor.ui import browser_probe as probe
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = probe.launch(p)
        try:
            page = browser.new_page()
            page.goto(page_server)
            page.get_by_text("rendered").wait_for(timeout=60_000)
            page.wait_for_timeout(1000)  # give any image the chance to load
            text = page.inner_text("[data-testid='stMain']")
            hrefs = page.eval_on_selector_all("a", "els => els.map(e => e.href)")
            srcs = page.eval_on_selector_all("img", "els => els.map(e => e.src)")
        finally:
            browser.close()
    assert "nightly click me pixel **ALL CLEAR**" in text  # the name as typed: asterisks shown, not bold
    assert "failed 3 times tracker details" in text
    assert not [h for h in hrefs if evil.url in h], hrefs
    assert not [s for s in srcs if evil.url in s], srcs
    assert evil.gets == []  # the browser fetched nothing from the planted host
