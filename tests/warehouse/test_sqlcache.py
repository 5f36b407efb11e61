"""The transpiled-SQL cache: the same text and parameters as sqlglot, kept across processes, ignored
when the rules or sqlglot change, harmless when the folder is read-only."""

from __future__ import annotations

import json
import subprocess
import sys

from health_monitor.warehouse import sqlcache
from health_monitor.warehouse.dialect import prepare, referenced_params
from health_monitor.warehouse.names import NameMap
from health_monitor.warehouse.sqlcache import SqlCache

DUCK = NameMap.for_duckdb()
SQL = ("select workspace_id, date_add(usage_date, :days) as d from main.health_monitor.fact_usage_daily "
       "where usage_date >= :start_date and sku_name = :sku")


def test_compiled_equals_the_dialect(tmp_path):
    compiled = SqlCache(tmp_path / "c.json").compile(SQL, "duckdb", DUCK)
    assert compiled.text == prepare(SQL, "duckdb", DUCK)
    assert compiled.params == referenced_params(SQL) == {"days", "start_date", "sku"}
    databricks = NameMap.for_databricks("cat", "sch")
    assert SqlCache().compile(SQL, "databricks", databricks).text == prepare(SQL, "databricks", databricks)


def test_a_new_process_reads_the_file_without_sqlglot(tmp_path):
    path = tmp_path / "c.json"
    expected = SqlCache(path).compile(SQL, "duckdb", DUCK)
    code = ("import json, sys\n"
            "from health_monitor.warehouse.names import NameMap\n"
            "from health_monitor.warehouse.sqlcache import SqlCache\n"
            f"c = SqlCache({str(path)!r}).compile({SQL!r}, 'duckdb', NameMap.for_duckdb())\n"
            "print(json.dumps([c.text, sorted(c.params), 'sqlglot' in sys.modules]))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [expected.text, sorted(expected.params), False]


def test_other_names_are_another_entry(tmp_path):
    cache = SqlCache(tmp_path / "c.json")
    duck = cache.compile(SQL, "duckdb", DUCK)
    other = cache.compile(SQL, "databricks", NameMap.for_databricks("cat", "sch"))
    assert "cat.sch.fact_usage_daily" in other.text and "cat.sch" not in duck.text


def test_a_stale_or_broken_file_is_rewritten(tmp_path, monkeypatch):
    path = tmp_path / "c.json"
    SqlCache(path).compile(SQL, "duckdb", DUCK)
    stored = json.loads(path.read_text())
    # Entries written under other rules (a changed dialect.py or sqlglot) must not be served.
    poisoned = {"fingerprint": "0" * 16, "entries": {k: ["select 'stale'", []] for k in stored["entries"]}}
    path.write_text(json.dumps(poisoned))
    assert SqlCache(path).compile(SQL, "duckdb", DUCK).text == prepare(SQL, "duckdb", DUCK)
    assert json.loads(path.read_text())["fingerprint"] == sqlcache.fingerprint()
    path.write_text("{not json")
    assert SqlCache(path).compile(SQL, "duckdb", DUCK).text == prepare(SQL, "duckdb", DUCK)


def test_an_unwritable_folder_keeps_it_in_memory(tmp_path):
    cache = SqlCache(tmp_path / "missing-dir" / "c.json")
    assert cache.compile(SQL, "duckdb", DUCK).text == prepare(SQL, "duckdb", DUCK)
    assert not (tmp_path / "missing-dir").exists()


def test_a_missing_demo_leaves_its_folder_untouched(tmp_path):
    import pytest
    from health_monitor.warehouse.duckdb_backend import DuckDBWarehouse

    from health_monitor.core.errors import DemoNotBuilt

    wh = DuckDBWarehouse(tmp_path / "system.duckdb", tmp_path / "gold.duckdb")
    with pytest.raises(DemoNotBuilt):
        wh.query(SQL, {"days": 1, "start_date": "2026-01-01", "sku": "x"})
    assert list(tmp_path.iterdir()) == []
