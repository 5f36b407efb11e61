"""``health-monitor doctor``: all ok on the demo; a missing schema or an unreachable warehouse says how to fix."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from health_monitor.cli import main


def run(capsys, monkeypatch, data_dir: Path, *argv: str, **env: str) -> tuple[int, str, str]:
    from health_monitor.core.settings import get_settings

    monkeypatch.setenv("HM_DATA_DIR", str(data_dir))
    # the key file would sit in a temporary folder here, which doctor rightly warns about: give it a real key
    monkeypatch.setenv("HM_STATE_SECRET_KEY", "q9fZ0s2b4yq3m9W0s5kR1n8XhT6vJ2cL4pE7aG1dU3o=")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    try:
        code = main(["doctor", *argv])
    finally:
        get_settings.cache_clear()
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def account(demo_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the demo (system + Gold) that a test may damage."""
    for name in ("system.duckdb", "gold.duckdb"):
        shutil.copyfile(demo_dir / name, tmp_path / name)
    return tmp_path


def test_demo_is_all_ok(capsys, monkeypatch, account: Path):
    code, out, err = run(capsys, monkeypatch, account)
    assert code == 0, out + err
    lines = [line for line in out.splitlines() if not line.startswith(" ")]
    assert lines and all(line.startswith("ok ") for line in lines), out
    for check in ("warehouse", "system.billing", "system.lakeflow", "gold", "llm", "state database",
                  "alert channels"):
        assert any(f"  {check} " in f" {line} " for line in lines), check


def test_json_format(capsys, monkeypatch, account: Path):
    code, out, _ = run(capsys, monkeypatch, account, "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["ok"] is True
    assert {c["status"] for c in doc["checks"]} == {"ok"}
    assert {"check", "status", "message", "fix"} <= set(doc["checks"][0])


def test_missing_schema_prints_the_enable_command(capsys, monkeypatch, account: Path):
    con = duckdb.connect(str(account / "system.duckdb"))
    con.execute("drop table ai_gateway.usage")  # optional (Beta): warn
    con.execute("drop table billing.usage")  # required: fail
    con.close()
    code, out, _ = run(capsys, monkeypatch, account)
    assert code == 1
    billing = next(line for line in out.splitlines() if "system.billing" in line)
    assert billing.startswith("fail") and "usage" in billing
    assert "databricks system-schemas enable <metastore-id> billing" in out
    assert "GRANT USE SCHEMA, SELECT ON SCHEMA system.billing" in out
    gateway = next(line for line in out.splitlines() if "system.ai_gateway" in line)
    assert gateway.startswith("warn") and "not measured" in gateway


def test_unreachable_warehouse_is_one_failing_line(capsys, monkeypatch, tmp_path: Path):
    for var in ("DATABRICKS_HOST", "DATABRICKS_TOKEN", "DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET"):
        monkeypatch.delenv(var, raising=False)
    code, out, err = run(capsys, monkeypatch, tmp_path, HM_WAREHOUSE_BACKEND="databricks",
                         HM_DATABRICKS_WAREHOUSE_ID="abc123", HM_DATABRICKS_HOST="https://127.0.0.1:9",
                         HM_DATABRICKS_TIMEOUT_S="2", DATABRICKS_CONFIG_FILE=str(tmp_path / "none.cfg"))
    assert code == 1
    assert "Traceback" not in out + err
    failing = [line for line in out.splitlines() if line.startswith("fail")]
    assert len(failing) == 1 and "warehouse" in failing[0] and "not checked" in failing[0]
    assert not any("system." in line or line.split()[1:2] == ["gold"] for line in out.splitlines())
