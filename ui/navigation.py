"""The page registry: every screen once, in order, with its section. ``app.py`` builds
``st.navigation`` from it; nothing else lists pages (``pages/`` is not auto-discovered)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    path: str
    title: str
    icon: str
    section: str
    url_path: str
    #: Seconds between automatic refreshes (also the TTL of the page's cached data); None = static.
    refresh_s: int | None = None
    default: bool = False
    #: The shared sidebar filters this page applies (the sidebar shows only these): period, workspace.
    filters: tuple[str, ...] = ("period", "workspace")

    @property
    def url(self) -> str:
        """The path after the app's base URL ("" for the default page: Streamlit serves it at the root)."""
        return "" if self.default else self.url_path


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/dashboard.py", "Dashboard Hub", ":material/dashboard:", "Overview", "dashboard", 30, True),
    PageSpec("pages/chat.py", "Ask the agents", ":material/forum:", "Overview", "chat", filters=()),
    PageSpec("pages/cost.py", "Cost Center", ":material/payments:", "Centers", "cost", 300),
    PageSpec("pages/jobs.py", "Job Operations", ":material/work_history:", "Centers", "jobs", 60),
    PageSpec("pages/security.py", "Security Center", ":material/shield:", "Centers", "security", 30),
    PageSpec("pages/reliability.py", "Reliability", ":material/monitor_heart:", "Centers", "reliability", 60),
    PageSpec("pages/quality.py", "Data Quality", ":material/fact_check:", "Centers", "quality", 300, filters=("period",)),
    PageSpec("pages/mlops.py", "MLOps", ":material/model_training:", "Centers", "mlops", 300, filters=("period",)),
    PageSpec("pages/governance.py", "Governance", ":material/account_tree:", "Centers", "governance", 900, filters=()),
    PageSpec("pages/settings.py", "Settings", ":material/settings:", "Admin", "settings", filters=()),
)


def check(pages: tuple[PageSpec, ...] = PAGES) -> None:
    """Refuse duplicate paths/URLs and anything but exactly one default page."""
    problems = []
    for attr in ("path", "url_path", "title"):
        values = [getattr(p, attr) for p in pages]
        dupes = sorted({v for v in values if values.count(v) > 1})
        if dupes:
            problems.append(f"duplicate {attr}: {', '.join(dupes)}")
    if sum(p.default for p in pages) != 1:
        problems.append("exactly one page must be the default")
    if problems:
        raise ValueError("page registry: " + "; ".join(problems))


def spec_for(path: str) -> PageSpec:
    return next(p for p in PAGES if p.path == path)


def spec_titled(title: str) -> PageSpec | None:
    return next((p for p in PAGES if p.title == title), None)
