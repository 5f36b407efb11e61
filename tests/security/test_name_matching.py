"""Bad names are refused: a name parameter is matched literally (``%`` and ``_`` are characters, not
wildcards) and an empty or whitespace-only name is an error, not "everything"."""

from __future__ import annotations

import pytest
from health_monitor.tools.executor import ToolExecutor


@pytest.fixture(scope="module")
def executor(warehouse, demo_dir):
    from health_monitor.core.settings import Settings

    return ToolExecutor(warehouse, Settings(data_dir=demo_dir))


def test_a_wildcard_table_name_matches_no_table(executor):
    everything = executor.run("get_table_lineage", {})
    assert everything.ok and len(everything.rows) > 10
    for wildcard in ("%", "_%", "%orders%", "main.%"):
        res = executor.run("get_table_lineage", {"table_name": wildcard})
        assert res.ok and res.rows == [], (wildcard, len(res.rows))  # before: "%" returned all the edges


def test_a_real_name_with_an_underscore_still_matches_literally(executor):
    full = executor.run("get_table_lineage", {"table_name": "main.sales.orders_gold"})
    short = executor.run("get_table_lineage", {"table_name": "orders_gold"})
    assert full.ok and full.rows and short.rows == full.rows
    assert executor.run("get_table_lineage", {"table_name": "orders_gol_"}).rows == []
    assert executor.run("get_table_lineage", {"table_name": "orders%gold"}).rows == []


@pytest.mark.parametrize("tool", ["get_table_lineage", "get_access_grants", "get_column_lineage"])
@pytest.mark.parametrize("blank", ["", "   ", "\t"])
def test_an_empty_or_blank_name_is_an_error(executor, tool, blank):
    res = executor.run(tool, {"table_name": blank})
    assert not res.ok and "empty or only spaces" in res.error and res.rows == []
