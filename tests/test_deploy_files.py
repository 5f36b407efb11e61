"""app.yaml and databricks.yml are valid: typed bundle resources (databricks-bundles), and every
job's parameters are a command our own CLI accepts."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from databricks.bundles.apps import App
from databricks.bundles.database_instances import DatabaseInstance
from databricks.bundles.jobs import Job

from health_monitor.cli import build_parser
from health_monitor.core.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = yaml.safe_load((ROOT / "databricks.yml").read_text())
APP_YAML = yaml.safe_load((ROOT / "app.yaml").read_text())


def test_bundle_top_level_and_targets():
    assert BUNDLE["bundle"]["name"] == "health_monitor"
    assert set(BUNDLE["targets"]) == {"dev", "prod"}
    assert BUNDLE["targets"]["dev"]["mode"] == "development" and BUNDLE["targets"]["dev"]["default"] is True
    assert BUNDLE["targets"]["prod"]["mode"] == "production"
    used = {part.split("}")[0] for part in (ROOT / "databricks.yml").read_text().split("${var.")[1:]}
    assert used <= set(BUNDLE["variables"]), f"undeclared variables: {used - set(BUNDLE['variables'])}"


@pytest.mark.parametrize("key", sorted(BUNDLE["resources"]["jobs"]))
def test_jobs_are_valid_bundle_jobs_running_our_cli(key):
    job = Job.from_dict(BUNDLE["resources"]["jobs"][key])  # raises on unknown or missing fields
    assert job.tasks and job.permissions
    parser = build_parser()
    for task in job.tasks:
        wheel = task.python_wheel_task
        assert wheel.package_name == "health_monitor" and wheel.entry_point == "health-monitor"
        args = parser.parse_args([str(p) for p in wheel.parameters])
        assert callable(args.func), f"{key}/{task.task_key}: {wheel.parameters} is not a runnable command"


def test_expected_jobs_exist():
    assert {"gold_build", "model_training", "alert_evaluation", "sql_deployment"} <= set(BUNDLE["resources"]["jobs"])
    schedule = BUNDLE["resources"]["jobs"]["alert_evaluation"]["schedule"]
    assert schedule["timezone_id"] == "UTC" and schedule["pause_status"] == "UNPAUSED"


def test_app_resource_and_app_yaml_agree():
    app = App.from_dict(BUNDLE["resources"]["apps"]["health_monitor_app"])
    DatabaseInstance.from_dict(BUNDLE["resources"]["database_instances"]["state"])
    resource_keys = {r.name for r in app.resources}
    assert {"sql-warehouse", "serving-endpoint", "database"} <= resource_keys
    assert APP_YAML["command"][:3] == ["streamlit", "run", "app.py"] and (ROOT / "app.py").exists()
    for entry in APP_YAML["env"]:
        assert set(entry) in ({"name", "value"}, {"name", "valueFrom"}), entry
        if "valueFrom" in entry:
            assert entry["valueFrom"] in resource_keys, f"{entry['name']} reads an undeclared resource"
        if entry["name"].startswith("HM_"):
            assert entry["name"][3:].lower() in Settings.model_fields, f"{entry['name']} is not a setting"


def test_apps_requirements_install_the_extras_the_deployed_app_uses():
    """Apps installs requirements.txt: the app reads Model Serving and keeps approvals in Lakebase."""
    lines = [ln.strip() for ln in (ROOT / "requirements.txt").read_text().splitlines()
             if ln.strip() and not ln.startswith("#")]
    assert len(lines) == 1 and lines[0].startswith(".[")
    extras = set(lines[0][2:-1].split(","))
    assert {"databricks", "postgres"} <= extras
    assert "HM_LAKEBASE_INSTANCE" in {e["name"] for e in APP_YAML["env"]}  # state (and approvals) in Lakebase
