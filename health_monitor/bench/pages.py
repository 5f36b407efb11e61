"""Each page's time to content and time to settle in headless Chromium (``ui.browser_probe``), one
chat question, and the Streamlit process's memory (RSS and peak) after visiting every page."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from health_monitor.bench.stats import Section, p50_p95
from health_monitor.ui import browser_probe
from health_monitor.ui import browser_probe as bp

CONTENT_GOAL_S = 1.0
SETTLED_GOAL_S = 2.5


def rss_mib(pid: int) -> tuple[float | None, float | None]:
    """(current RSS, peak RSS) of a process in MiB from /proc (None where unavailable)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None, None
    values = {}
    for line in status.splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values.get("VmRSS"), values.get("VmHWM")


def unavailable_reason() -> str | None:

    if not (Path(browser_probe.CHROMIUM).exists() or shutil.which("chromium")):
        return f"Chromium not found at {browser_probe.CHROMIUM}"
    try:
        import playwright  # noqa: F401
        import streamlit  # noqa: F401
    except ImportError as e:
        return f"{e.name} is not installed"
    return None


def page_times(data_dir: Path, *, quick: bool = False, chat_question: str | None = "Why did costs jump yesterday?") -> Section:
    section = Section("pages", "Pages in headless Chromium (desktop; phone too in the full run)")
    try:
        reason = unavailable_reason()
    except ImportError as e:
        reason = f"ui.browser_probe is not available ({e})"
    if reason:
        return section.skip(reason)

    viewports: dict[str, Any] = {"desktop": bp.DESKTOP} if quick else {"desktop": bp.DESKTOP, "phone": bp.PHONE}
    with tempfile.TemporaryDirectory(prefix="hm_bench_app_") as tmp:
        env = {"HM_DATABASE_URL": f"sqlite:///{Path(tmp) / 'state.sqlite'}", "HM_LLM_PROVIDER": "offline"}
        try:
            with bp.AppServer(Path(data_dir), env=env, log_path=Path(tmp) / "streamlit.log") as app:
                # First visits right after the server started (cold caches), then the warmed pass.
                first = bp.probe_pages(app.url, viewports={"desktop": bp.DESKTOP}, warm=False)
                timings = bp.probe_pages(app.url, viewports=viewports)
                chat = bp.ask_in_chat(app.url, chat_question) if chat_question else None
                rss, peak = rss_mib(app.proc.pid) if app.proc else (None, None)
        except Exception as e:  # noqa: BLE001 - the app not starting is a finding, not a crash
            log = Path(tmp) / "streamlit.log"
            tail = log.read_text().strip().splitlines()[-3:] if log.exists() else []
            return section.skip(f"the app did not start ({e}) {' | '.join(tail)}")
    for t in first:
        section.details.append({"page": t.title, "viewport": "desktop (first visit)", "content_s": t.content_s,
                                "settled_s": t.settled_s, "exceptions": t.exceptions, "error": t.error})
    cold = [t for t in first if t.content_s is not None]
    if cold:
        section.add("first visit after start: slowest time to content", max(t.content_s for t in cold), unit="s",
                    goal=CONTENT_GOAL_S, detail=max(cold, key=lambda t: t.content_s).title)
        section.add("first visit after start: slowest time to settle",
                    max(t.settled_s or 1e9 for t in cold), unit="s", goal=SETTLED_GOAL_S,
                    detail=max(cold, key=lambda t: t.settled_s or 1e9).title)
    content = [t.content_s * 1000 for t in timings if t.content_s is not None]
    settled = [t.settled_s * 1000 for t in timings if t.settled_s is not None]
    for t in timings:
        section.details.append({"page": t.title, "viewport": t.viewport, "content_s": t.content_s,
                                "settled_s": t.settled_s, "exceptions": t.exceptions, "overflow_px": t.overflow_px,
                                "error": t.error,
                                "met": bool(t.content_s is not None and t.content_s < CONTENT_GOAL_S
                                            and t.settled_s is not None and t.settled_s < SETTLED_GOAL_S)})
    worst_content = max(timings, key=lambda t: t.content_s if t.content_s is not None else 1e9)
    worst_settled = max(timings, key=lambda t: t.settled_s if t.settled_s is not None else 1e9)
    failed = [f"{t.title} ({t.viewport}): {t.error}" for t in timings if t.error]
    section.add("pages probed", len(timings), unit="")
    section.add("slowest time to content", None if failed and not content else worst_content.content_s,
                unit="s", goal=CONTENT_GOAL_S, detail=f"{worst_content.title} ({worst_content.viewport})")
    section.add("slowest time to settle", None if failed and not settled else worst_settled.settled_s,
                unit="s", goal=SETTLED_GOAL_S, detail=f"{worst_settled.title} ({worst_settled.viewport})")
    if content:
        c50, c95 = p50_p95(content)
        s50, s95 = p50_p95(settled or [0.0])
        section.add("time to content p50 (warm)", c50, goal=CONTENT_GOAL_S * 1000, detail=f"p95 {c95} ms")
        section.add("time to settle p50 (warm)", s50, goal=SETTLED_GOAL_S * 1000, detail=f"p95 {s95} ms")
    section.add("pages that failed to load", len(failed), unit="", goal=0, op="<=", detail="; ".join(failed[:4]))
    if chat is not None:
        section.add("chat: first answer text in the browser", chat.first_text_s, unit="s",
                    detail=chat.error or f"done {chat.done_s} s")
    section.add("Streamlit process RSS", rss, unit="MiB", detail=f"peak {peak:.0f} MiB" if peak else "")
    return section
