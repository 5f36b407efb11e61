"""A snapshot of the graph's wiring (draw_mermaid, subgraphs expanded). Intentional changes:
``HM_UPDATE_SNAPSHOTS=1 pytest tests/graph/test_graph_shape.py`` and review the diff."""

from __future__ import annotations

import os
from pathlib import Path

SNAPSHOT = Path(__file__).parent / "snapshots" / "graph.mmd"


def test_graph_shape_matches_snapshot(compiled_graph):
    drawn = compiled_graph.get_graph(xray=1).draw_mermaid()
    if os.environ.get("HM_UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(drawn)
    assert drawn == SNAPSHOT.read_text(), "graph wiring changed: review and update the snapshot"


def test_supervisor_is_the_entry_and_fans_out_to_every_specialist(compiled_graph):
    g = compiled_graph.get_graph()
    edges = {(e.source, e.target) for e in g.edges}
    assert ("__start__", "supervisor") in edges and ("synthesize", "propose_actions") in edges
    assert ("propose_actions", "__end__") in edges
    agents = ["cost", "security", "performance", "reliability", "quality", "mlops", "governance", "optimization"]
    for name in agents:
        assert ("supervisor", name) in edges and (name, "synthesize") in edges
    assert ("supervisor", "synthesize") in edges
    assert "supervisor" not in agents


def test_import_graph_connects_nothing():
    import subprocess
    import sys

    code = ("import sys; import graph; from graph import build_graph; "
            "assert 'streamlit' not in sys.modules; assert 'duckdb' not in sys.modules; "
            "assert 'sqlalchemy' not in sys.modules; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "ok", out.stderr


def test_notebook_invoke_with_resolved_context(settings):
    """``from graph import build_graph`` + ``resolve_context()`` (settings from HM_* env): no Streamlit."""
    import pytest
    from health_monitor.graph import build_graph, resolve_context

    from health_monitor.core.errors import ConfigError

    g = build_graph()
    ctx = resolve_context()
    try:
        out = g.invoke({"question": "Did nightly_etl fail yesterday?"}, context=ctx)
    finally:
        ctx.warehouse.close()
    assert "nightly_etl" in out["answer"] and out["plan"].agents == ["performance"]
    assert set(out) >= {"answer", "plan", "findings", "tool_calls"}
    with pytest.raises(ConfigError, match="context=graph.resolve_context"):
        g.invoke({"question": "x"})
