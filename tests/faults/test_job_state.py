"""The bundle's alert job reads the app's state: the same Lakebase instance and database, and it fails
loudly when it finds no rule to evaluate (before: a fresh SQLite file, 0 rules, exit 0)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from health_monitor.db.engine import lakebase_target, make_engine

from health_monitor.cli import build_parser, main
from health_monitor.core.settings import Settings, get_settings

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = yaml.safe_load((ROOT / "databricks.yml").read_text())


def _job_settings(monkeypatch) -> Settings:
    """The settings the alert job's task runs with (its ``--set`` pairs applied, variables resolved)."""
    params = BUNDLE["resources"]["jobs"]["alert_evaluation"]["tasks"][0]["python_wheel_task"]["parameters"]
    names = {"resources.database_instances.state.name": "var.database_instance",
             "resources.secret_scopes.state_key.name": "var.secret_scope"}

    def default(ref: str) -> str:
        ref = names.get(ref, ref)
        return str(BUNDLE["variables"][ref.removeprefix("var.")].get("default", "lookup-id"))

    resolved = [re.sub(r"\$\{([^}]+)\}", lambda m: default(m.group(1)), p) for p in params]
    args = build_parser().parse_args(resolved)
    for key in ("HM_DATABASE_URL", "PGHOST", "DATABRICKS_APP_NAME"):
        monkeypatch.delenv(key, raising=False)
    for pair in args.overrides:  # what cli.apply_overrides does, undone after the test
        key, _, value = pair.partition("=")
        monkeypatch.setenv(f"HM_{key.upper()}", value)
    assert args.expect_rules, "the job must fail when it finds no rule"
    return Settings()


def test_the_alert_job_reads_the_apps_lakebase_database(monkeypatch):
    settings = _job_settings(monkeypatch)
    app = BUNDLE["resources"]["apps"]["health_monitor_app"]
    database = next(r["database"] for r in app["resources"] if r["name"] == "database")
    assert settings.lakebase_instance == BUNDLE["resources"]["database_instances"]["state"]["name"].replace(
        "${var.database_instance}", BUNDLE["variables"]["database_instance"]["default"])
    assert settings.pgdatabase == database["database_name"]
    assert settings.state_secret_scope == BUNDLE["variables"]["secret_scope"]["default"]

    class FakeWorkspace:  # what databricks-sdk answers for the instance and the job's principal
        database = SimpleNamespace(get_database_instance=lambda name: SimpleNamespace(
            read_write_dns=f"{name}.database.cloud.databricks.com", state="AVAILABLE"))
        current_user = SimpleNamespace(me=lambda: SimpleNamespace(user_name="job-sp-application-id"))

    target = lakebase_target(settings, client=FakeWorkspace())
    engine = make_engine(target, token_provider=lambda: "token")
    try:
        assert engine.url.host == "health-monitor-state.database.cloud.databricks.com"
        assert engine.url.database == database["database_name"] and engine.url.username == "job-sp-application-id"
        assert engine.dialect.name == "postgresql"  # never a fresh SQLite file
    finally:
        engine.dispose()


def test_evaluating_zero_rules_when_rules_are_expected_exits_non_zero(demo_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HM_DATA_DIR", str(demo_dir))
    monkeypatch.setenv("HM_DATABASE_URL", f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    get_settings.cache_clear()
    try:
        assert main(["alerts", "evaluate", "--format", "json", "--expect-rules"]) == 3
        err = capsys.readouterr().err
        assert "no enabled alert rule" in err and "fresh.sqlite" in err
        assert main(["alerts", "evaluate", "--format", "json"]) == 0  # without the flag: a quiet no-op, as before
        assert main(["alerts", "evaluate", "--format", "json", "--expect-rules", "--install-defaults"]) == 0
    finally:
        get_settings.cache_clear()


def test_a_lakebase_instance_without_a_host_is_a_clear_error():
    from health_monitor.db.errors import StateUnavailable

    client = SimpleNamespace(database=SimpleNamespace(get_database_instance=lambda name: SimpleNamespace(
        read_write_dns=None, state="STARTING")))
    with pytest.raises(StateUnavailable, match="has no host yet"):
        lakebase_target(Settings(lakebase_instance="hm-state"), client=client)
