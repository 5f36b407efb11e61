"""The demo build transpiles the whole catalog's SQL into the data folder: a later process runs any
tool without importing sqlglot."""

from __future__ import annotations

import json
import subprocess
import sys


def test_the_demo_leaves_every_catalog_text_compiled(demo_dir):
    code = ("import json, sys\n"
            "from health_monitor.tools.executor import catalog_sql\n"
            "from health_monitor.warehouse.duckdb_backend import DuckDBWarehouse\n"
            f"wh = DuckDBWarehouse({str(demo_dir / 'system.duckdb')!r}, {str(demo_dir / 'gold.duckdb')!r})\n"
            "texts = catalog_sql()\n"
            "for t in texts:\n"
            "    wh.sql_cache.compile(t, 'duckdb', wh.names)\n"
            "print(json.dumps([len(texts), 'sqlglot' in sys.modules]))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    count, imported = json.loads(out.stdout)
    assert count > 79 and not imported
