"""``health-monitor train --profile``: wall time, peak resident memory and rows read per step.

A background thread samples the process's resident set size (``/proc/self/statm``, else
``resource``) every few milliseconds while at least one span is open; each open span keeps the
highest sample it saw, so a model's span includes the feature queries nested in it.
"""

from __future__ import annotations

import contextlib
import os
import resource
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
SAMPLE_SECONDS = 0.005


def rss_bytes() -> int:
    """Resident set size of this process now (Linux), else the peak so far."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


def cpu_seconds() -> float:
    """User + system CPU time of this process so far (every thread): a busy machine inflates wall
    time, not this."""
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def peak_rss_bytes() -> int:
    """The highest resident set size this process has had (kernel's count)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


@dataclass
class Span:
    kind: str  # "model" or "query"
    name: str
    parent: str | None = None
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # user + system time of the whole process (all threads) in the span
    start_rss: int = 0
    peak_rss: int = 0
    rows: int = 0
    frame_bytes: int = 0
    status: str = ""


@dataclass
class Profiler:
    spans: list[Span] = field(default_factory=list)
    _open: list[Span] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _thread: threading.Thread | None = None
    _stop: threading.Event = field(default_factory=threading.Event)

    def _sample(self) -> None:
        while not self._stop.wait(SAMPLE_SECONDS):
            now = rss_bytes()
            with self._lock:
                for s in self._open:
                    s.peak_rss = max(s.peak_rss, now)

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._sample, name="hm-profile", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            self._thread = None

    @contextlib.contextmanager
    def span(self, kind: str, name: str) -> Iterator[Span]:
        now = rss_bytes()
        parent = self._open[-1].name if self._open else None
        s = Span(kind, name, parent, start_rss=now, peak_rss=now)
        with self._lock:
            self._open.append(s)
            self.spans.append(s)
        t0, c0 = time.perf_counter(), cpu_seconds()
        try:
            yield s
        finally:
            s.seconds = time.perf_counter() - t0
            s.cpu_seconds = cpu_seconds() - c0
            end = rss_bytes()
            with self._lock:
                s.peak_rss = max(s.peak_rss, end)
                self._open.remove(s)

    def lines(self) -> list[str]:
        mb = 2 ** 20
        out = [f"{'step':<44} {'seconds':>8} {'CPU s':>7} {'peak RSS MB':>12} {'+MB':>7} {'rows to Python':>15} {'frame MB':>9}"]
        for s in self.spans:
            label = s.name if s.kind == "model" else f"  {s.name}"
            out.append(f"{label:<44} {s.seconds:8.2f} {s.cpu_seconds:7.2f} {s.peak_rss / mb:12.0f} {(s.peak_rss - s.start_rss) / mb:7.0f} "
                       f"{s.rows:15,d} {s.frame_bytes / mb:9.1f}" + (f"  {s.status}" if s.status else ""))
        out.append(f"process peak RSS: {peak_rss_bytes() / mb:,.0f} MB")
        return out

    def as_dicts(self) -> list[dict]:
        return [{"kind": s.kind, "name": s.name, "parent": s.parent, "seconds": s.seconds, "cpu_seconds": s.cpu_seconds,
                 "peak_rss_mb": s.peak_rss / 2 ** 20, "delta_rss_mb": (s.peak_rss - s.start_rss) / 2 ** 20,
                 "rows": s.rows, "frame_mb": s.frame_bytes / 2 ** 20, "status": s.status} for s in self.spans]
