"""Proposing actions after an answer reads what the turn already knows: one executor (its as-of and
degraded-model reads) and each distinct query once per turn."""

from __future__ import annotations

from health_monitor.actions.lookup import Lookup

from health_monitor.core.settings import Settings


class CountingWarehouse:
    def __init__(self, inner):
        self.inner, self.sql = inner, []
        self.target, self.names = inner.target, inner.names

    def query(self, sql, params=None, **kwargs):
        self.sql.append(" ".join(sql.split()))
        return self.inner.query(sql, params, **kwargs)


def test_a_repeated_read_runs_once_per_lookup(warehouse, demo_dir):
    counted = CountingWarehouse(warehouse)
    lookup = Lookup(counted, Settings(data_dir=demo_dir))
    sql = "select workspace_id from main.health_monitor.dim_workspace where workspace_name = :name"
    first = lookup.rows(sql, {"name": "ml-workspace"})
    first.append({"workspace_id": "mutated by a caller"})
    assert lookup.rows(sql, {"name": "ml-workspace"}) == first[:-1] != []
    assert lookup.one(sql, {"name": "analytics"}) != first[0]
    assert len(counted.sql) == 2
    Lookup(counted, Settings(data_dir=demo_dir)).rows(sql, {"name": "ml-workspace"})  # a new turn reads again
    assert len(counted.sql) == 3


def test_proposing_reuses_the_turns_executor(warehouse, demo_dir):
    from types import SimpleNamespace

    from health_monitor.graph import adapters
    from health_monitor.graph.approval import propose_actions
    from health_monitor.graph.context import RunContext
    from health_monitor.graph.findings import entities_of
    from health_monitor.graph.state import Finding

    counted = CountingWarehouse(warehouse)
    ctx = RunContext(user_id="u@x", settings=Settings(data_dir=demo_dir), warehouse=counted)
    # What the specialist's tool call did earlier in the turn.
    rows = adapters.run_tool(ctx, "get_savings_recommendations", {"top_n": 4}).rows
    counted.sql.clear()
    finding = Finding(agent="optimization", title="Savings", summary="s", tools=["get_savings_recommendations"], severity="medium",
                      entities=entities_of(rows))
    out = propose_actions({"findings": {"optimization": SimpleNamespace(findings=[finding])}},
                          SimpleNamespace(context=ctx))
    assert out.get("actions"), out
    assert not [s for s in counted.sql if s.startswith("select as_of, as_of_date from")]
