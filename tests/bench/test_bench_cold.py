"""The cold ``ask`` measurement: real new processes, their lines in order, their own CPU time; the
figures are medians with the goals of issue 12 (structure, never numbers)."""

from __future__ import annotations

from health_monitor.bench.cold import ColdRun, add_cold_figures, cold_runs
from health_monitor.bench.stats import Section


def test_a_cold_run_is_timed_line_by_line(settings):
    (run,) = cold_runs(settings, runs=1, question="Which jobs failed yesterday?")
    assert run.exit_code == 0
    assert run.routing_ms is not None and 0 < run.first_line_ms <= run.routing_ms <= run.total_ms
    assert run.cpu_s > 0 and run.peak_rss_mib > 0


def test_figures_are_medians_against_the_goals():
    runs = [ColdRun(first_line_ms=f, routing_ms=f + 500, total_ms=f + 1000, cpu_s=1.0 + f / 1000,
                    peak_rss_mib=200, exit_code=0, load_1m=0.5) for f in (300.0, 900.0, 600.0)]
    section = Section("graph", "x")
    add_cold_figures(section, runs)
    figures = {f.name: f for f in section.figures}
    assert figures["cold `health-monitor ask`: first line"].value == 600.0
    assert figures["cold `health-monitor ask`: first line"].met is True
    assert figures["cold `health-monitor ask`: finished"].value == 1600.0
    assert figures["cold `health-monitor ask`: routing printed"].value == 1100.0
    assert figures["cold `health-monitor ask`: CPU time"].value == 1.6
    assert "load average 0.50-0.50" in figures["cold `health-monitor ask`: finished"].detail
    assert len(section.details) == 3 and not section.notes
