"""The KPI card model services return (rendered by :func:`ui.components.kpi_row`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kpi:
    """One card: ``value`` already formatted; ``delta`` like ``+12.0 %`` (None: no delta);
    ``inverse`` when a rise is bad (cost, failures); ``help`` explains the figure and its window."""

    label: str
    value: str
    delta: str | None = None
    help: str | None = None
    inverse: bool = False
    delta_description: str | None = None
