"""``health-monitor bench``: measure the build, the tools, the graph and the app; compare with goals.

Each section is a module returning :class:`health_monitor.bench.stats.Section` (figures with their
goal and met / not met, plus notes); :func:`health_monitor.bench.runner.run_bench` runs them, and
:mod:`health_monitor.bench.report` writes ``bench-results/bench-<scale>.json`` and ``.md``.

| module | measures |
|---|---|
| ``demo_build`` | demo build time and file sizes at a scale |
| ``tool_latency`` | every catalog tool's p50/p95 on DuckDB |
| ``graph_latency`` | offline answer latency, first streamed token, orchestration overhead (fake LLM) |
| ``prebuilt`` | the same specialists and fake LLM through ``langgraph_supervisor.create_supervisor`` |
| ``llm_path`` | the LLM path with a fixed-latency fake endpoint: answer p50/p95, LLM calls and orchestration overhead per turn |
| ``pages`` | each page's time to content in headless Chromium; the app's RSS |
| ``load`` | concurrent conversations through one graph and one state store |

Benchmarks measure; tests check behaviour. Nothing here asserts a number.
"""
