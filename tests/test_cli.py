"""The console script: every bad input of the foundation issue gets one line, exit code 2, and
leaves nothing half-written."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from health_monitor.cli import main
from health_monitor.core.settings import get_settings


@pytest.fixture(autouse=True)
def _fresh_settings(monkeypatch):
    # `--set` writes HM_* into os.environ (that is its job in a CLI process): restore it afterwards
    # so no override leaks into other tests on this worker.
    saved = dict(os.environ)
    for key in [k for k in os.environ if k.startswith("HM_") or k.startswith("DATABRICKS_")]:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("DATABRICKS_CONFIG_FILE", "/nonexistent/.databrickscfg")
    get_settings.cache_clear()
    yield
    os.environ.clear()
    os.environ.update(saved)
    get_settings.cache_clear()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize("scale", ["0", "-1", "abc", "nan"])
def test_bad_scale(capsys, tmp_path, scale):
    code, _, err = run(capsys, "demo", "--scale", scale, "--data-dir", str(tmp_path / "d"))
    assert code == 2 and "--scale" in one_line_error(err)
    assert not (tmp_path / "d").exists()


def test_unparseable_as_of(capsys, tmp_path):
    code, _, err = run(capsys, "demo", "--as-of", "next tuesday-ish", "--data-dir", str(tmp_path / "d"))
    assert code == 2 and "--as-of" in one_line_error(err)
    assert not (tmp_path / "d").exists()


def test_unwritable_data_dir(capsys, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):  # root ignores the mode bits: use a path under a file instead
            target = tmp_path / "a-file"
            target.write_text("x")
            target = target / "data"
        else:
            target = locked / "data"
        code, _, err = run(capsys, "demo", "--data-dir", str(target), "--no-train")
    finally:
        locked.chmod(0o700)
    assert code == 2 and "HM_DATA_DIR" in one_line_error(err)
    assert list(locked.iterdir()) == []


def test_missing_demo_files(capsys, tmp_path):
    code, _, err = run(capsys, "--set", f"data_dir={tmp_path}", "tools", "run", "get_daily_cost_summary")
    assert code == 2 or "health-monitor demo" in err + _
    code, _, err = run(capsys, "--set", f"data_dir={tmp_path}", "gold", "build")
    assert code == 2 and "health-monitor demo" in one_line_error(err)


def test_corrupt_system_file(capsys, tmp_path):
    (tmp_path / "system.duckdb").write_bytes(b"this is not a duckdb file" * 100)
    code, _, err = run(capsys, "--set", f"data_dir={tmp_path}", "gold", "build")
    assert code == 2 and "demo" in one_line_error(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["system.duckdb"]  # no half-written gold


def test_databricks_backend_without_credentials(capsys, tmp_path):
    code, _, err = run(capsys, "--set", "warehouse_backend=databricks", "--set", "databricks_warehouse_id=abc",
                       "--set", f"data_dir={tmp_path}", "gold", "build")
    assert code == 2 and "credentials" in one_line_error(err).lower()


def test_unknown_setting_override(capsys):
    code, _, err = run(capsys, "--set", "no_such_setting=1", "demo")
    assert code == 2 and "KEY=VALUE" in one_line_error(err)


def test_gold_print_sql_for_databricks(capsys, tmp_path):
    code, out, _ = run(capsys, "--set", "warehouse_backend=databricks", "--set", "gold_catalog=ops",
                       "--set", "gold_schema=hm", "gold", "build", "--print-sql")
    assert code == 0
    out = re.sub(r"/\*.*?\*/", "", out, flags=re.S)  # header comments may name the default schema
    assert "create schema if not exists ops.hm" in out.lower()
    assert "ops.hm.fact_usage" in out.lower() and "system.billing.usage" in out.lower()
    assert "main.health_monitor" not in out.lower()


def test_demo_if_missing_is_idempotent(capsys, demo_dir: Path):
    before = {p.name: p.stat().st_mtime_ns for p in demo_dir.glob("*.duckdb")}
    code, out, _ = run(capsys, "demo", "--if-missing", "--data-dir", str(demo_dir))
    assert code == 0 and "already built" in out
    assert before == {p.name: p.stat().st_mtime_ns for p in demo_dir.glob("*.duckdb")}


def test_gold_build_on_duckdb(capsys, tmp_path, demo_dir: Path):
    import shutil

    shutil.copyfile(demo_dir / "system.duckdb", tmp_path / "system.duckdb")
    code, out, err = run(capsys, "--set", f"data_dir={tmp_path}", "gold", "build")
    assert code == 0, err
    assert "Gold built in" in out and "tables" in out
    assert (tmp_path / "gold.duckdb").exists()


@pytest.mark.parametrize("argv, command", [
    (["ask", "why?"], "ask"),
    (["--set", "data_dir=/x", "deploy-sql", "--apply"], "deploy_sql"),
    (["--set=data_dir=/x", "tools", "run", "t"], "tools"),
    (["--help"], None),
    (["no-such-command"], None),
])
def test_only_the_invoked_command_is_loaded(argv, command):
    from health_monitor.cli import build_parser, invoked_command

    assert invoked_command(argv) == command
    if command:  # its parser alone parses its arguments
        assert build_parser(command).parse_args(argv).command == command.replace("_", "-")


def test_an_unknown_command_still_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        main(["no-such-command"])
    assert "deploy-sql" in capsys.readouterr().err


@pytest.mark.slow
def test_demo_if_missing_rebuilds_a_demo_built_by_other_code(capsys, tmp_path: Path, demo_dir: Path):
    import shutil

    from health_monitor.demo import DIGEST_FILE, is_current

    for name in ("system.duckdb", "gold.duckdb"):
        shutil.copyfile(demo_dir / name, tmp_path / name)
    (tmp_path / DIGEST_FILE).write_text("an-older-one")
    code, out, _ = run(capsys, "demo", "--if-missing", "--no-train", "--data-dir", str(tmp_path))
    assert code == 0 and "another version" in out and "demo built" in out
    assert is_current(tmp_path)
