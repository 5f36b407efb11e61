"""Extras resolve beside the core install: ``pip install '.[databricks]'`` changes none of its versions."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow
CORE = ("langgraph", "langchain-core", "streamlit", "numpy", "pandas", "pyarrow", "pydantic", "sqlalchemy",
        "duckdb", "databricks-sdk", "databricks-sql-connector", "plotly", "scikit-learn")


def _name(n: str) -> str:
    return n.lower().replace("_", "-")


@pytest.mark.parametrize("extra", ["databricks", "openai", "serving", "mcp"])
def test_extra_keeps_the_core_versions(extra, tmp_path):
    report = tmp_path / "report.json"
    out = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--report", str(report),
                          f"{ROOT}[{extra}]"], capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stderr[-2000:]
    would = {_name(i["metadata"]["name"]): i["metadata"]["version"] for i in json.loads(report.read_text())["install"]}
    changed = {}
    for dist in CORE:
        if dist in would:
            changed[dist] = (metadata.version(dist), would[dist])
    assert not changed, f"'.[{extra}]' would change core versions: {changed}"
    assert not any(n in would for n in ("databricks-connect", "pyspark")), sorted(would)
