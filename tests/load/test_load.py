"""20 concurrent conversations x 10 turns through one compiled graph and the real PostgreSQL
(127.0.0.1:5432/test, a private schema dropped afterwards): no error, every message stored exactly
once and in order; the latency percentiles are printed (the bench's ``--load-pg`` records them)."""

from __future__ import annotations

import pytest
from health_monitor.db import make_engine, migrate
from health_monitor.graph.builder import build_graph
from health_monitor.tools.registry import get_registry
from pg_support import PG_URL, private_schema

from health_monitor.bench.load import run_load
from health_monitor.bench.stats import p50_p95
from health_monitor.core.settings import Settings

pytestmark = [pytest.mark.slow, pytest.mark.postgres]
CONVERSATIONS, TURNS = 20, 10


@pytest.fixture
def pg_engine(tmp_path):
    with private_schema("hm_load") as schema:
        engine = make_engine(Settings(data_dir=tmp_path, database_url=PG_URL, state_schema=schema),
                             pool_size=CONVERSATIONS, max_overflow=5)
        migrate(engine)
        yield engine
        engine.dispose()


def test_concurrent_conversations(pg_engine, warehouse, demo_dir, capsys):
    graph = build_graph(tools=get_registry())
    result = run_load(engine=pg_engine, warehouse=warehouse, settings=Settings(data_dir=demo_dir),
                      conversations=CONVERSATIONS, turns=TURNS, graph=graph)
    p50, p95 = p50_p95(result.latencies_ms)
    w50, w95 = p50_p95(result.warm_latencies_ms)
    with capsys.disabled():
        print(f"\nload: {result.turns} turns in {result.wall_s:.1f} s "
              f"({result.turns / result.wall_s:.1f} turns/s); latency p50 {p50:.0f} ms, p95 {p95:.0f} ms; "
              f"after the first turn p50 {w50:.0f} ms, p95 {w95:.0f} ms")
    assert not result.errors, result.errors[:5]
    assert result.turns == CONVERSATIONS * TURNS
    assert len(result.sent) == CONVERSATIONS and all(len(pairs) == TURNS for _, pairs in result.sent.values())
    assert not result.problems, result.problems[:5]
