"""Keys that survive restarts: a secret that cannot be decrypted disables that one integration with a
clear message, every other rule is still evaluated and notified; the deployed app refuses a throwaway key;
``check_key`` says what ``doctor`` should report."""

from __future__ import annotations

import pytest
from capture_servers import start_http
from cryptography.fernet import Fernet
from health_monitor.alerts import service
from health_monitor.db import make_engine, migrate, session_scope
from health_monitor.db import repositories as repo
from health_monitor.db.crypto import SecretBox, check_key
from health_monitor.db.errors import StateError

from health_monitor.core.settings import Settings


@pytest.fixture
def capture():
    server, stop = start_http()
    yield server
    stop()


@pytest.fixture
def env(demo_dir, tmp_path, capture):
    settings = Settings(data_dir=demo_dir, database_url=f"sqlite:///{tmp_path / 'state.sqlite'}",
                        state_secret_key=Fernet.generate_key().decode(), alert_allowed_hosts=capture.url,
                        alert_retries=0)
    engine = make_engine(settings)
    migrate(engine)
    yield settings, engine
    engine.dispose()


def _slack(engine, user, url, box) -> None:
    with session_scope(engine) as s:
        repo.create_integration(session=s, user_id=user, channel="slack", secrets={"webhook_url": url}, box=box)


def test_one_undecryptable_secret_disables_only_its_integration(env, capture, warehouse):
    settings, engine = env
    _slack(engine, "alice@company.com", f"{capture.url}/services/ALICE/hook", SecretBox.from_settings(settings))
    _slack(engine, "bob@company.com", f"{capture.url}/services/BOB/hook", SecretBox(Fernet.generate_key()))  # old key
    for user in ("alice@company.com", "bob@company.com"):
        service.save_rule(engine, user, service.propose_from_text("tell me on slack when stale tables appear", user))
    report = service.evaluate_all(settings, engine=engine, warehouse=warehouse)
    assert report.rules_evaluated == 2  # before: StateError, exit 2, no rule evaluated
    assert [p for p, _ in capture.requests] == ["/services/ALICE/hook"]
    problem = next(e["error"] for e in report.errors if e["rule"] == "(integration)")
    assert "bob@company.com" in problem and "cannot be decrypted" in problem
    bob = next(d for d in report.deliveries if not d.ok)
    assert "cannot be decrypted" in bob.error  # the page and the log say why Bob got nothing
    ok, message = check_key(settings, engine)
    assert not ok and "cannot decrypt 1 of 2" in message


def test_inside_an_app_a_missing_key_is_an_error_not_a_throwaway_key_file(tmp_path):
    settings = Settings(data_dir=tmp_path, state_secret_key=None, databricks_app_name="health-monitor")
    with pytest.raises(StateError, match="HM_STATE_SECRET_KEY"):
        SecretBox.from_settings(settings)
    assert not (tmp_path / "state.key").exists()
    ok, message = check_key(settings)
    assert not ok and "lost on restart" in message


def test_check_key_reports_a_bad_key_and_a_key_file_in_tmp(tmp_path):
    ok, message = check_key(Settings(data_dir=tmp_path, state_secret_key="not-a-fernet-key"))
    assert not ok and "HM_STATE_SECRET_KEY is not a Fernet key" in message
    ok, message = check_key(Settings(data_dir="/tmp/hm-key-check-test", state_secret_key=None))
    assert not ok and "temporary folder" in message
    good = Settings(data_dir=tmp_path, state_secret_key=Fernet.generate_key().decode())
    assert check_key(good) == (True, "integration-secret key from HM_STATE_SECRET_KEY")


def test_the_deployed_app_reads_the_key_from_a_databricks_secret():
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parents[2]
    app = yaml.safe_load((root / "app.yaml").read_text())
    key = next(e for e in app["env"] if e["name"] == "HM_STATE_SECRET_KEY")
    bundle = yaml.safe_load((root / "databricks.yml").read_text())
    resources = bundle["resources"]["apps"]["health_monitor_app"]["resources"]
    secret = next(r for r in resources if r["name"] == key["valueFrom"])
    assert secret["secret"]["permission"] == "READ" and secret["secret"]["key"]
    assert "secret_scopes" in bundle["resources"]
    job = bundle["resources"]["jobs"]["alert_evaluation"]["tasks"][0]["python_wheel_task"]["parameters"]
    assert any(p.startswith("state_secret_scope=") for p in job)
