"""Fixtures for graph tests: a compiled graph over the real catalog, and a context factory with fakes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def compiled_graph():
    from health_monitor.graph.builder import build_graph
    from health_monitor.tools.registry import get_registry

    return build_graph(tools=get_registry())


@pytest.fixture
def fake_context():
    """``fake_context(parser_table, rows=..., llm=..., **settings)`` -> a RunContext with canned tools."""
    from graph_fakes import AS_OF, DEMO_ROWS, FakeExecutor, fixed_parser
    from health_monitor.graph.context import RunContext

    from health_monitor.core.settings import Settings

    def make(table, *, rows=None, llm=None, executor=None, **settings):
        ex = executor or FakeExecutor(DEMO_ROWS if rows is None else rows)
        parser = None if table is None else fixed_parser(table)  # None: the real parser (graph.nlp)
        return RunContext(user_id="tester@company.com", settings=Settings(**settings), parser=parser,
                          as_of=AS_OF, llm=llm, extras={"executor": ex})

    return make


@pytest.fixture(scope="module")
def demo_context(demo_dir, tmp_path_factory):
    """A run context over the shared demo with a private SQLite conversation store (module-scoped)."""
    from health_monitor.graph.adapters import open_engine
    from health_monitor.graph.context import resolve_context
    from health_monitor.warehouse.duckdb_backend import DuckDBWarehouse

    from health_monitor.core.settings import Settings

    state = tmp_path_factory.mktemp("state") / "state.sqlite"
    settings = Settings(data_dir=demo_dir, database_url=f"sqlite:///{state}", llm_provider="offline")
    wh = DuckDBWarehouse(demo_dir / "system.duckdb", demo_dir / "gold.duckdb")
    engine = open_engine(settings)
    ctx = resolve_context(settings=settings, warehouse=wh, engine=engine, user_id="tester@company.com")
    yield ctx
    wh.close()
    engine.dispose()
