"""One-way floors, read from the imports with ``ast``: a new cycle or back-edge fails here.

Floors, bottom up: ``core`` (settings, base errors) < ``warehouse``, ``db`` < ``tools``, ``ml`` <
``agents``, ``alerts``, ``actions`` < ``graph`` < ``ui`` < ``top`` (the CLI, its commands, the bench).
A package imports only from floors strictly below its own.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from . import importgraph as g

FLOORS = {"core": 0, "warehouse": 1, "db": 1, "tools": 2, "ml": 2, "agents": 3, "alerts": 3, "actions": 3,
          "graph": 4, "ui": 5, "top": 6}
#: third-party packages worth deferring to the function that needs them (import time or optional extra)
HEAVY = {"duckdb", "sqlalchemy", "alembic", "psycopg2", "streamlit", "plotly", "sklearn", "scipy", "statsmodels",
         "pandas", "pyarrow", "numpy", "pyspark", "mlflow", "databricks", "sqlglot", "langgraph", "langchain_core",
         "langchain_openai", "databricks_langchain", "httpx", "pydantic_settings", "yaml", "mcp", "playwright"}


def test_every_package_has_a_floor():
    assert {g.package_of(m) for m in g.modules()} <= set(FLOORS)


def test_packages_import_only_downwards():
    back = sorted({(e.source, e.target, e.line) for e in g.edges()
                   if g.package_of(e.source) != g.package_of(e.target)
                   and FLOORS[g.package_of(e.target)] >= FLOORS[g.package_of(e.source)]})
    assert not back, "imports that go up or sideways between packages:\n" + "\n".join(
        f"  {s}:{line} -> {t}" for s, t, line in back)


def test_no_circular_imports_between_files():
    assert g.cycles(list(g.edges())) == []


def test_function_local_imports_only_defer_a_heavy_dependency():
    """A local import of our own module hides an edge; it is allowed only when it keeps a heavy package
    (or an optional extra) out of the importing module's import time."""
    hidden = []
    for e in g.edges():
        if e.local and not ((g.closure(e.target) - g.closure(e.source)) & HEAVY):
            hidden.append(f"  {e.source}:{e.line} -> {e.target}")
    assert not hidden, "move these imports to the top of their module:\n" + "\n".join(sorted(set(hidden)))


@pytest.mark.parametrize("package", ["tools", "warehouse", "graph", "db", "agents", "ml", "alerts"])
def test_layers_below_the_screens_never_import_streamlit(package):
    loaders = sorted(m for m in g.modules() if g.package_of(m) == package and "streamlit" in g.closure(m))
    assert not loaders


def test_notebook_import_from_a_folder_with_its_own_tools_and_graph(tmp_path):
    """In a notebook the notebook's folder comes first on sys.path; ours must not be shadowed."""
    for name in ("tools", "graph", "db", "agents"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text("raise ImportError('the user folder was imported')\n")
    code = ("import sys; from health_monitor.graph import build_graph; assert callable(build_graph); "
            "print(sorted(m for m in ('streamlit', 'duckdb', 'sqlalchemy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                         env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
