"""The embedded warehouse missing, corrupt or locked: tools and the graph answer with a readable
message (no traceback), the CLI prints one line, and once the files are back the *same* warehouse
answers again with the data intact."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from health_monitor.graph.context import resolve_context
from health_monitor.graph.service import ask
from health_monitor.tools.executor import ToolExecutor
from health_monitor.warehouse.duckdb_backend import DuckDBWarehouse

from health_monitor.core.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "Which jobs failed in the last 24 hours?"
FILES = ("system.duckdb", "gold.duckdb")


def _readable(message: str | None) -> None:
    assert message and message.strip()
    assert "Traceback" not in message and "File \"" not in message
    assert len(message) < 600, message


def _check_broken(data: Path) -> None:
    wh = DuckDBWarehouse(data / "system.duckdb", data / "gold.duckdb")
    try:
        res = ToolExecutor(wh, Settings(data_dir=data)).run("get_failed_jobs", {"hours": 24})
        assert not res.ok
        _readable(res.error)
        ctx = resolve_context(settings=Settings(data_dir=data), warehouse=wh, llm=None, open_missing=False)
        answer = ask(QUESTION, context=ctx, persist=False)
        _readable(answer.answer)
        assert "can't read" in answer.answer.lower() or "could not" in answer.answer.lower() \
            or "failed" in answer.answer.lower(), answer.answer
    finally:
        wh.close()


def _garbage(path: Path, size: int = 64 * 1024) -> None:
    path.write_bytes(os.urandom(size))


BREAKS = {
    "no files": lambda d, src: None,
    "no system.duckdb": lambda d, src: shutil.copy2(src / "gold.duckdb", d / "gold.duckdb"),
    "no gold.duckdb": lambda d, src: shutil.copy2(src / "system.duckdb", d / "system.duckdb"),
    "garbage system.duckdb": lambda d, src: (_garbage(d / "system.duckdb"),
                                             shutil.copy2(src / "gold.duckdb", d / "gold.duckdb")),
    "garbage gold.duckdb": lambda d, src: (shutil.copy2(src / "system.duckdb", d / "system.duckdb"),
                                           _garbage(d / "gold.duckdb")),
    "truncated gold.duckdb": lambda d, src: (shutil.copy2(src / "system.duckdb", d / "system.duckdb"),
                                             (d / "gold.duckdb").write_bytes((src / "gold.duckdb").read_bytes()[:12288])),
}


@pytest.mark.parametrize("fault", list(BREAKS))
def test_a_broken_warehouse_gives_readable_errors_then_recovers(fault, demo_dir, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    BREAKS[fault](data, demo_dir)
    _check_broken(data)
    # The app keeps one warehouse: repairing the files (a rebuild renames them into place) heals it.
    wh = DuckDBWarehouse(data / "system.duckdb", data / "gold.duckdb")
    try:
        assert not ToolExecutor(wh, Settings(data_dir=data)).run("get_failed_jobs").ok
        for name in FILES:
            tmp = data / f".{name}.tmp"
            shutil.copy2(demo_dir / name, tmp)
            os.replace(tmp, data / name)
        res = ToolExecutor(wh, Settings(data_dir=data)).run("get_failed_jobs", {"hours": 24})
        assert res.ok and res.row_count > 0, res.error
    finally:
        wh.close()


@pytest.mark.parametrize("fault", ["no files", "garbage gold.duckdb"])
def test_the_cli_prints_one_readable_line(fault, demo_dir, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    BREAKS[fault](data, demo_dir)
    env = {**os.environ, "HM_DATA_DIR": str(data), "HM_DATABASE_URL": f"sqlite:///{tmp_path / 'state.sqlite'}"}
    for argv in (["tools", "run", "get_failed_jobs"], ["ask", QUESTION]):
        proc = subprocess.run([sys.executable, "-m", "health_monitor.cli", *argv], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=180)
        out = proc.stdout + proc.stderr
        assert "Traceback" not in out, out[-1500:]
        assert out.strip(), argv


HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])            # read-write: takes DuckDB's exclusive file lock
con.execute("create table if not exists main.holder_probe as select 1 as x")
print("ready", flush=True)
time.sleep(600)
"""


def test_a_file_held_read_write_by_another_process(demo_copy, demo_dir):
    data = demo_copy(*FILES)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(data / "gold.duckdb")], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready", holder.stderr.read()
        _check_broken(data)
    finally:
        holder.terminate()
        holder.wait(timeout=30)
    time.sleep(0.2)
    wh = DuckDBWarehouse(data / "system.duckdb", data / "gold.duckdb")
    original = DuckDBWarehouse(demo_dir / "system.duckdb", demo_dir / "gold.duckdb")
    try:
        sql = "select count(*) as n from main.health_monitor.fact_job_run"
        assert wh.query(sql).scalar() == original.query(sql).scalar() > 0  # data intact
        assert ToolExecutor(wh, Settings(data_dir=data)).run("get_failed_jobs", {"hours": 24}).ok
    finally:
        wh.close()
        original.close()
