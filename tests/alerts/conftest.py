"""Local servers for channel tests: an HTTP server capturing JSON posts and an SMTP server capturing mail.

Everything listens on 127.0.0.1 on a free port; nothing leaves the machine.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import socket
import ssl
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest


@dataclass
class CapturingHTTP:
    """Records every POST (path, JSON body); answers the queued statuses first, then ``default``."""

    url: str = ""
    requests: list[tuple[str, dict]] = field(default_factory=list)
    queue: list[int] = field(default_factory=list)
    default: int = 200
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self) -> int:
        with self.lock:
            return self.queue.pop(0) if self.queue else self.default

    def bodies(self, path_prefix: str = "/") -> list[dict]:
        return [body for path, body in self.requests if path.startswith(path_prefix)]


@pytest.fixture
def http_server():
    capture = CapturingHTTP()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            capture.requests.append((self.path, body))
            status = capture.answer()
            payload = b"ok" if status < 400 else b"server unhappy"
            self.send_response(status)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):  # keep test output quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    capture.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield capture
    server.shutdown()
    server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (skips when ``cryptography`` is missing)."""
    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    folder = tmp_path_factory.mktemp("tls")
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@dataclass
class CapturingSMTP:
    host: str
    port: int
    messages: list[tuple[str, list[str], str]] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)


def _start_smtp(*, tls: tuple[Path, Path] | None = None, password: str | None = None):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    capture = CapturingSMTP("127.0.0.1", free_port())

    class Handler:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
            capture.messages.append((envelope.mail_from, list(envelope.rcpt_tos),
                                     envelope.content.decode("utf8", errors="replace")))
            return "250 Message accepted"

    def authenticator(server, session, envelope, mechanism, auth_data):
        user, given = auth_data.login.decode(), auth_data.password.decode()
        capture.logins.append((user, mechanism))
        return AuthResult(success=given == password, handled=False)

    kwargs: dict = {}
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(str(tls[0]), str(tls[1]))
        kwargs.update(tls_context=context, require_starttls=True)
    if password is not None:
        kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=bool(tls))
    controller = Controller(Handler(), hostname=capture.host, port=capture.port, **kwargs)
    controller.start()
    return controller, capture


@pytest.fixture
def smtp_plain():
    controller, capture = _start_smtp()
    yield capture
    controller.stop()


@pytest.fixture
def smtp_tls(tls_files):
    controller, capture = _start_smtp(tls=tls_files, password="s3cretSMTPpass")
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
    local capture servers (fast retries)."""
    from cryptography.fernet import Fernet

    from health_monitor.core.settings import Settings

    return Settings(data_dir=demo_dir, database_url=f"sqlite:///{tmp_path / 'state.sqlite'}",
                    state_secret_key=Fernet.generate_key().decode(), alert_base_url="https://hm.example.test",
                    alert_slack_webhook_url=http_server.url + SLACK_PATH, alert_pagerduty_routing_key=PD_KEY,
                    alert_pagerduty_events_url=f"{http_server.url}/v2/enqueue", alert_smtp_host=smtp_plain.host,
                    alert_smtp_port=smtp_plain.port, alert_smtp_starttls="never",
                    alert_email_to="secops@company.com", alert_retries=1, alert_backoff_s=0.01)


@pytest.fixture
def state_engine(alert_settings):
    """The migrated state engine of ``alert_settings``."""
    from health_monitor.db import make_engine, migrate

    engine = make_engine(alert_settings)
    migrate(engine)
    yield engine
    engine.dispose()
