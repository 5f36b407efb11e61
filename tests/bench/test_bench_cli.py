"""``health-monitor bench``: the smoke run writes well-formed results (structure, not numbers), and
the small pieces (percentiles, goal verdicts, span unions, the fake LLM's script) behave."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from health_monitor.bench.report import to_markdown, to_text
from health_monitor.bench.stats import Figure, Section, percentile, union_ms

ROOT = Path(__file__).resolve().parents[2]
FIGURE_KEYS = {"name", "value", "unit", "goal", "op", "detail", "met"}


def test_percentiles_and_goals():
    assert percentile([], 95) == 0.0
    assert percentile([5], 50) == 5
    assert percentile(list(range(1, 101)), 50) == pytest.approx(50.5)
    assert percentile([10, 20, 30, 40], 95) == pytest.approx(38.5)
    assert Figure("x", 99, goal=100).met is True
    assert Figure("x", 100, goal=100).met is False
    assert Figure("x", 0.6, unit="x", goal=0.6, op="<=").met is True
    assert Figure("x", None, goal=1).met is None and Figure("x", 5).met is None


def test_union_of_spans_counts_overlaps_once():
    spans = [(0.0, 1.0), (0.5, 1.5), (2.0, 2.5), (-1.0, 0.1)]
    assert union_ms(spans, 0.0, 3.0) == pytest.approx(2000.0)
    assert union_ms([], 0.0, 1.0) == 0.0


def test_reports_show_every_figure_with_its_verdict():
    s = Section("tools", "Tool latency")
    s.add("slowest tool p95", 150.0, goal=100.0, detail="get_x")
    s.add("tools measured", 10, unit="")
    md = to_markdown({"scale": 1.0, "quick": True}, [s])
    assert "| slowest tool p95 | 150 ms | < 100 ms | NOT MET | get_x |" in md
    assert "0 of 1 goals met" in md
    assert "NOT MET" in to_text({"scale": 1.0}, [s])


def test_the_fake_llm_scripts_both_graphs():
    from langchain_core.messages import HumanMessage, SystemMessage, ToolMessage

    from health_monitor.bench.fakes import PREBUILT_SUPERVISOR_PROMPT, scripted_model

    model = scripted_model({"Q?": ["cost", "security"]}, latency_s=0)
    route = model.invoke([SystemMessage("You route questions about ..."), HumanMessage("Q?")])
    assert route.tool_calls[0]["args"]["agents"] == ["cost", "security"]
    first = model.invoke([SystemMessage(PREBUILT_SUPERVISOR_PROMPT), HumanMessage("Q?")])
    assert first.tool_calls[0]["name"] == "transfer_to_cost"
    after = model.invoke([SystemMessage(PREBUILT_SUPERVISOR_PROMPT), HumanMessage("Q?"),
                          ToolMessage("ok", tool_call_id="t1", name="transfer_to_cost")])
    assert after.tool_calls[0]["name"] == "transfer_to_security"


@pytest.mark.slow
def test_quick_bench_writes_well_formed_results(demo_dir, tmp_path):
    env = {**os.environ, "HM_DATA_DIR": str(demo_dir), "HM_DATABASE_URL": f"sqlite:///{tmp_path / 'state.sqlite'}"}
    proc = subprocess.run([sys.executable, "-m", "health_monitor.cli", "bench", "--quick", "--format", "json",
                           "--out", str(tmp_path / "out")], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    printed = json.loads(proc.stdout)
    written = json.loads((tmp_path / "out" / "bench-1.json").read_text())
    md = (tmp_path / "out" / "bench-1.md").read_text()
    assert printed["sections"] == written["sections"]
    assert written["meta"]["quick"] is True and written["meta"]["scale"] == 1
    assert {"goals", "met", "not_met", "skipped"} <= set(written["summary"])
    names = [s["name"] for s in written["sections"]]
    assert names[0] == "demo" and {"tools", "training", "graph", "prebuilt", "llm", "pages"} <= set(names)
    for section in written["sections"]:
        assert {"name", "title", "skipped", "seconds", "figures", "details", "notes"} <= set(section)
        for fig in section["figures"]:
            assert FIGURE_KEYS <= set(fig), fig
            assert fig["met"] in (True, False, None)
        if not section["skipped"]:
            assert section["figures"], section["name"]
    tools = next(s for s in written["sections"] if s["name"] == "tools")
    assert len(tools["details"]) >= 50 and all({"tool", "p50_ms", "p95_ms", "met"} <= set(d) for d in tools["details"])
    for name in ("graph", "prebuilt"):
        section = next(s for s in written["sections"] if s["name"] == name)
        assert not section["skipped"], section["notes"]
    assert "| figure | value | goal | result | detail |" in md and "## Summary" in md
