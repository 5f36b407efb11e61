"""The bench's LLM-path section measures what it says: every turn through the real graph and
graph.llm against the fixed-latency fake, no fallback, overhead = wall time minus LLM and SQL time."""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_llm_path_section_reports_latency_and_overhead(demo_dir):
    from health_monitor.warehouse.duckdb_backend import DuckDBWarehouse

    from health_monitor.bench.llm_path import llm_path
    from health_monitor.core.settings import Settings

    questions = [{"id": "s", "question": "Any failed logins yesterday?", "agents": ["security"]},
                 {"id": "m", "question": "Why are costs high and jobs failing?", "agents": ["cost", "reliability"]}]
    wh = DuckDBWarehouse(demo_dir / "system.duckdb", demo_dir / "gold.duckdb")
    try:
        section = llm_path(questions, warehouse=wh, settings=Settings(data_dir=demo_dir), latency_s=0.05)
    finally:
        wh.close()
    figures = {f.name: f for f in section.figures}
    assert figures["turns with a fallback"].value == 0
    assert [d["llm_calls"] for d in section.details] == [4, 6]  # route, (call + close) per agent, answer
    assert [d["agents"] for d in section.details] == [["security"], ["cost", "reliability"]]
    for d in section.details:
        assert 0 <= d["overhead_ms"] < d["ms"] and d["ms"] >= d["llm_calls"] * 50 * 0.5
    assert figures["LLM-path answer latency p95"].value >= figures["LLM-path answer latency p50"].value
