"""Local servers for channel tests: an HTTP server capturing JSON posts and an SMTP server capturing mail.

Everything listens on 127.0.0.1 on a free port; nothing leaves the machine.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from capture_servers import CapturingHTTP, CapturingSMTP, free_port, make_tls_files, start_http, start_smtp  # noqa: E402,F401


@pytest.fixture
def http_server():
    capture, stop = start_http()
    yield capture
    stop()


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory) -> tuple[Path, Path]:
    return make_tls_files(tmp_path_factory)


@pytest.fixture
def smtp_plain():
    controller, capture = start_smtp()
    yield capture
    controller.stop()


@pytest.fixture
def smtp_tls(tls_files):
    controller, capture = start_smtp(tls=tls_files, password="s3cretSMTPpass")
    yield capture
    controller.stop()


# --- end to end: the demo account, a private state database, real local channel servers ---------------

SLACK_PATH = "/services/T0E2E/B0E2E/e2eSlackSecretToken"
PD_KEY = "e2ePagerDutyRoutingKey0123456789"


@pytest.fixture(scope="session")
def demo_dir(demo_dir):
    """The shared demo, or the folder named by ``HM_TEST_ALERTS_DEMO_DIR`` (a fresher build, a larger scale)."""
    import os

    folder = os.environ.get("HM_TEST_ALERTS_DEMO_DIR")
    return Path(folder) if folder else demo_dir


@pytest.fixture
def alert_settings(demo_dir, tmp_path, http_server, smtp_plain):
    """Settings over the shared demo, a SQLite state file in ``tmp_path`` and every channel pointing at the
    local capture servers (fast retries). ``ops@company.com`` owns the install's rules (``HM_ALERT_OWNER``):
    its rules may use the install's channels; any other user's rules only their own integrations."""
    from cryptography.fernet import Fernet

    from health_monitor.core.settings import Settings

    return Settings(data_dir=demo_dir, database_url=f"sqlite:///{tmp_path / 'state.sqlite'}",
                    state_secret_key=Fernet.generate_key().decode(), alert_base_url="https://hm.example.test",
                    alert_slack_webhook_url=http_server.url + SLACK_PATH, alert_pagerduty_routing_key=PD_KEY,
                    alert_pagerduty_events_url=f"{http_server.url}/v2/enqueue", alert_smtp_host=smtp_plain.host,
                    alert_smtp_port=smtp_plain.port, alert_smtp_starttls="never",
                    alert_email_to="secops@company.com", alert_retries=1, alert_backoff_s=0.01,
                    alert_allowed_hosts=http_server.url, alert_owner="ops@company.com")


@pytest.fixture
def state_engine(alert_settings):
    """The migrated state engine of ``alert_settings``."""
    from health_monitor.db import make_engine, migrate

    engine = make_engine(alert_settings)
    migrate(engine)
    yield engine
    engine.dispose()
