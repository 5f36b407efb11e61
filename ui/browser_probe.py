"""Open the app's pages in headless Chromium and measure them: time to content, time to settle,
exception boxes, horizontal overflow, screenshots. Used by ``tests/browser`` and ``health-monitor bench``.

    with AppServer(data_dir) as app:
        timings = probe_pages(app.url, screenshot_dir=Path("artifacts/screenshots"))
    write_timings(timings, Path("artifacts/page_timings.json"))

*Time to content* = from navigation start to the first main content element being visible (a KPI card,
chart, table, chat input, tabs or notice). *Settled* = the script run is over and every Plotly chart
has drawn. Chromium is Debian's (``/usr/bin/chromium``); never ``playwright install``.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from health_monitor.ui.navigation import PAGES

from health_monitor.core.errors import first_line

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("HM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
CONTENT = ('[data-testid="stMain"] :is([data-testid="stMetric"], [data-testid="stPlotlyChart"], '
           '[data-testid="stDataFrame"], [data-testid="stChatInput"], [data-testid="stTabs"], '
           '[data-testid="stAlert"], [data-testid="stChatMessage"])')
#: True once no script run is in progress and every Plotly chart on the page has drawn its SVG.
SETTLED_JS = """() => {
  if (document.querySelector('[data-testid="stStatusWidget"] [data-testid="stStatusWidgetRunningIcon"]')) return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]');
  for (const c of charts) { if (!c.querySelector('.main-svg')) return false; }
  return document.querySelector('[data-testid="stMain"] h2') !== null;
}"""


@dataclass
class PageTiming:
    title: str
    url: str
    viewport: str
    theme: str = "light"
    content_s: float | None = None
    settled_s: float | None = None
    exceptions: int = 0
    overflow_px: int = 0
    screenshot: str | None = None
    error: str | None = None


@dataclass
class ChatProbe:
    question: str
    answer: str = ""
    first_text_s: float | None = None
    done_s: float | None = None
    tool_statuses: int = 0
    exceptions: int = 0
    error: str | None = None
    screenshot: str | None = None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class AppServer:
    """``streamlit run app.py`` as a subprocess on a free port against ``data_dir``."""

    data_dir: Path
    port: int = 0
    env: Mapping[str, str] = field(default_factory=dict)
    log_path: Path | None = None
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> AppServer:
        self.port = self.port or free_port()
        env = {**os.environ, "HM_DATA_DIR": str(self.data_dir), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
               **self.env}
        env.pop("DATABRICKS_APP_NAME", None)
        log = open(self.log_path, "w") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
             "--server.port", str(self.port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with code {self.proc.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.__exit__(None, None, None)
        raise TimeoutError(f"streamlit did not answer on {self.url} within 60 s")

    def __exit__(self, *exc: Any) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def _wait_settled(page: Any, timeout_s: float) -> None:
    page.wait_for_function(SETTLED_JS, timeout=timeout_s * 1000, polling=50)


def full_screenshot(page: Any, path: Path) -> str:
    """The whole page: Streamlit scrolls inside its main section, so grow the viewport to fit it first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = page.evaluate("""() => { const m = document.querySelector('[data-testid="stMain"]');
        return m ? m.scrollHeight : document.documentElement.scrollHeight; }""")
    if height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 12000)})
        page.wait_for_timeout(400)  # let Plotly re-layout at the new size (screenshots only)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return str(path)


def measure_page(page: Any, url: str, *, title: str, viewport: str, screenshot: Path | None = None,
                 timeout_s: float = 30.0) -> PageTiming:
    """Navigate to ``url`` and time it (``page`` is a Playwright page with the viewport already set)."""
    t = PageTiming(title=title, url=url, viewport=viewport)
    try:
        started = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.locator(CONTENT).first.wait_for(state="visible", timeout=timeout_s * 1000)
        t.content_s = round(time.perf_counter() - started, 3)
        _wait_settled(page, timeout_s)
        t.settled_s = round(time.perf_counter() - started, 3)
        t.exceptions = page.locator('[data-testid="stException"]').count()
        t.overflow_px = int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))
        if screenshot is not None:
            t.screenshot = full_screenshot(page, screenshot)
    except Exception as e:  # noqa: BLE001 - a probe reports, it does not crash the run
        t.error = f"{e.__class__.__name__}: {first_line(e)}"
    return t


def probe_pages(base_url: str, *, pages: Iterable[Any] | None = None, viewports: Mapping[str, Mapping[str, int]]
                | None = None, screenshot_dir: Path | None = None, warm: bool = True,
                timeout_s: float = 30.0, themes: Iterable[str] = ("light",)) -> list[PageTiming]:
    """Every registered page in every viewport and theme (the browser's ``prefers-color-scheme``, which the
    app follows). ``warm`` first loads the hub once (server-side caches and the browser's JS bundle), as a
    returning user would have them; ``warm=False`` measures first visits."""
    from playwright.sync_api import sync_playwright

    pages = list(pages or PAGES)
    viewports = viewports or {"desktop": DESKTOP}
    out: list[PageTiming] = []
    with sync_playwright() as p:
        browser = launch(p)
        try:
            for theme in themes:
                for vp_name, vp in viewports.items():
                    context = browser.new_context(viewport=dict(vp), color_scheme=theme)
                    page = context.new_page()
                    if warm:
                        measure_page(page, f"{base_url}/", title="warm-up", viewport=vp_name, timeout_s=60)
                    for spec in pages:
                        shot = (screenshot_dir / f"{theme}-{vp_name}-{spec.url_path}.png" if screenshot_dir
                                else None)
                        t = measure_page(page, f"{base_url}/{spec.url}", title=spec.title, viewport=vp_name,
                                         screenshot=shot, timeout_s=timeout_s)
                        t.theme = theme
                        out.append(t)
                    context.close()
        finally:
            browser.close()
    return out


#: The streamed answer is on screen: a markdown block with words inside the assistant's message, not the
#: "Answered by ..." line or the tool-call statuses above it.
_ANSWER_SHOWN = """() => { const m = document.querySelectorAll('[data-testid="stChatMessage"]');
    if (m.length < 2) return false;
    return [...m[1].querySelectorAll('[data-testid="stMarkdown"]')].some(e =>
        !e.closest('[data-testid="stExpander"]') && !e.innerText.trim().startsWith('Answered by')
        && e.innerText.trim().length > 20);
    }"""


def ask_in_chat(base_url: str, question: str, *, screenshot: Path | None = None, timeout_s: float = 90.0,
                viewport: Mapping[str, int] = DESKTOP, theme: str = "light") -> ChatProbe:
    """Open the chat page, ask ``question``, wait for the streamed answer to finish."""
    from playwright.sync_api import sync_playwright

    probe = ChatProbe(question=question)
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_context(viewport=dict(viewport), color_scheme=theme).new_page()
            page.goto(f"{base_url}/chat", wait_until="commit")
            box = page.locator('[data-testid="stChatInput"] textarea')
            box.wait_for(state="visible", timeout=30_000)
            _wait_settled(page, 30)
            box.fill(question)
            started = time.perf_counter()
            box.press("Enter")
            page.wait_for_function(_ANSWER_SHOWN, timeout=timeout_s * 1000, polling=50)
            probe.first_text_s = round(time.perf_counter() - started, 3)
            _wait_settled(page, timeout_s)
            probe.done_s = round(time.perf_counter() - started, 3)
            # Streamlit reruns once the answer is stored and, for a moment, shows only the tool statuses:
            # read and photograph the answer after that rerun has drawn it again
            page.wait_for_function(_ANSWER_SHOWN, timeout=timeout_s * 1000, polling=50)
            probe.answer = page.locator('[data-testid="stChatMessage"]').nth(1).inner_text()
            probe.tool_statuses = page.locator('[data-testid="stChatMessage"] [data-testid="stExpander"]').count()
            probe.exceptions = page.locator('[data-testid="stException"]').count()
            if screenshot is not None:
                probe.screenshot = full_screenshot(page, screenshot)
        except Exception as e:  # noqa: BLE001
            probe.error = f"{e.__class__.__name__}: {first_line(e)}"
        finally:
            browser.close()
    return probe


def write_timings(timings: Iterable[PageTiming], path: Path, chat: ChatProbe | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"pages": [asdict(t) for t in timings]}
    if chat is not None:
        body["chat"] = asdict(chat)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(body, indent=2))
    return body


def summary(timings: Iterable[PageTiming]) -> str:
    lines = [f"{'page':<18} {'viewport':<8} {'content s':>9} {'settled s':>9} {'overflow':>8}  notes"]
    for t in timings:
        note = t.error or (f"{t.exceptions} exception box(es)" if t.exceptions else "")
        lines.append(f"{t.title:<18} {t.viewport:<8} {t.content_s if t.content_s is not None else '-':>9} "
                     f"{t.settled_s if t.settled_s is not None else '-':>9} {t.overflow_px:>8}  {note}")
    return "\n".join(lines)


if __name__ == "__main__":  # python -m health_monitor.ui.browser_probe DATA_DIR [OUT_DIR]
    data = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("HM_DATA_DIR", "hm_data"))
    out_dir = Path(sys.argv[2] if len(sys.argv) > 2 else ROOT / "artifacts")
    with AppServer(data, log_path=out_dir / "streamlit.log") as app:
        result = probe_pages(app.url, viewports={"desktop": DESKTOP, "phone": PHONE},
                             screenshot_dir=out_dir / "screenshots")
        chat = ask_in_chat(app.url, "Why did costs jump yesterday?", screenshot=out_dir / "screenshots" / "chat-answer.png")
    write_timings(result, out_dir / "page_timings.json", chat)
    print(summary(result))
    print(f"chat: first text {chat.first_text_s} s, done {chat.done_s} s, {chat.tool_statuses} tool status(es)"
          f"{', error: ' + chat.error if chat.error else ''}")
