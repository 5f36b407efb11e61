"""A cold ``health-monitor ask`` keeps heavy packages off its path (issue 12: first line < 2 s,
finished < 3 s; the bench measures the times, this checks what is imported, in a fresh process).

Before its first line it has read the warehouse only: no LangGraph, LangChain, SQLAlchemy (numpy
is there: DuckDB's Arrow export imports it).
By its end it has still not imported what only building needs: sqlglot (SQL is transpiled when the
demo is built), Alembic (the store is already at head), scikit-learn, pandas, scipy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

BEFORE_FIRST_LINE = ("langgraph", "langchain_core", "langsmith", "sqlalchemy", "alembic", "sqlglot", "pandas",
                     "sklearn")
NEVER = ("sqlglot", "alembic", "mako", "sklearn", "pandas", "scipy", "streamlit", "mlflow")

PROBE = """
import json, sys
heavy_first = {before!r}
never = {never!r}
loaded = lambda names: sorted({{m.split(".")[0] for m in sys.modules}} & set(names))
seen = {{}}

class Watch:
    def __init__(self, inner):
        self.inner = inner
    def write(self, text):
        if text.strip() and "line" not in seen:
            seen["line"], seen["loaded"] = text.strip(), loaded(heavy_first)
        return self.inner.write(text)
    def flush(self):
        self.inner.flush()

sys.stderr = Watch(sys.stderr)
from health_monitor.cli import main
code = main(["ask", {question!r}])
with open({report!r}, "w") as f:
    json.dump({{"code": code, "first_line": seen.get("line"), "before_first_line": seen.get("loaded"),
               "at_end": loaded(never)}}, f)
"""


def _prepared_store_and_sql(settings) -> None:
    """What a second run finds: the store at head and the answer path's SQL transpiled."""
    from health_monitor.graph.adapters import open_engine

    from health_monitor.demo import precompile_sql

    open_engine(settings).dispose()
    precompile_sql(settings.system_db_path, settings.gold_db_path)


def test_cold_ask_imports(settings, tmp_path):
    _prepared_store_and_sql(settings)
    report = tmp_path / "report.json"
    code = PROBE.format(before=BEFORE_FIRST_LINE, never=NEVER, question="Why did costs jump yesterday?",
                        report=str(report))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "HM_LLM_PROVIDER": "offline"})
    assert out.returncode == 0, out.stderr
    result = json.loads(report.read_text())
    assert result["code"] == 0 and "cost" in out.stdout.lower(), out.stdout + out.stderr
    assert result["first_line"].startswith("> reading the embedded demo account, data as of ")
    assert result["before_first_line"] == []
    assert result["at_end"] == []
