"""Figures, goals and percentiles: the shapes every bench section returns."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q`` (0-100) percentile by linear interpolation (numpy's default); 0.0 for no values."""
    data = sorted(float(v) for v in values)
    if not data:
        return 0.0
    if len(data) == 1:
        return data[0]
    pos = (len(data) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def p50_p95(values: Sequence[float]) -> tuple[float, float]:
    return round(percentile(values, 50), 1), round(percentile(values, 95), 1)


@dataclass
class Figure:
    """One measured number. ``goal`` is an upper bound in the same unit (None: reported, no goal)."""

    name: str
    value: float | None
    unit: str = "ms"
    goal: float | None = None
    #: How the value compares with the goal: "<" (value < goal) or "<=".
    op: str = "<"
    detail: str = ""

    @property
    def met(self) -> bool | None:
        if self.goal is None or self.value is None:
            return None
        return self.value < self.goal if self.op == "<" else self.value <= self.goal

    @property
    def goal_text(self) -> str:
        return "" if self.goal is None else f"{self.op} {self.goal:g} {self.unit}".strip()

    @property
    def verdict(self) -> str:
        return {True: "met", False: "NOT MET", None: ""}[self.met]

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["value"] = None if self.value is None else round(float(self.value), 3)
        out["met"] = self.met
        return out


@dataclass
class Section:
    """One part of the bench: its figures, free-form details (per tool, per page...) and notes."""

    name: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    details: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: bool = False
    seconds: float = 0.0

    def add(self, *args: Any, **kwargs: Any) -> Figure:
        fig = Figure(*args, **kwargs)
        self.figures.append(fig)
        return fig

    def skip(self, why: str) -> Section:
        self.skipped = True
        self.notes.append(f"skipped: {why}")
        return self

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "skipped": self.skipped, "seconds": round(self.seconds, 2),
                "figures": [f.to_dict() for f in self.figures], "details": self.details, "notes": self.notes}


def union_ms(spans: Sequence[tuple[float, float]], start: float, end: float) -> float:
    """Milliseconds of ``[start, end]`` covered by at least one span (perf_counter seconds)."""
    clipped = sorted((max(a, start), min(b, end)) for a, b in spans if b > start and a < end)
    total, cur_a, cur_b = 0.0, None, None
    for a, b in clipped:
        if cur_b is None or a > cur_b:
            if cur_b is not None:
                total += cur_b - cur_a
            cur_a, cur_b = a, b
        else:
            cur_b = max(cur_b, b)
    if cur_b is not None:
        total += cur_b - cur_a
    return total * 1000.0
