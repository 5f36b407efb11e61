"""Local capture servers (HTTP posts, SMTP mail and logins) shared by the alert, security and fault tests.

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
    #: Paths of GET requests (an image or link the browser fetched).
    gets: list[str] = field(default_factory=list)
    queue: list[int] = field(default_factory=list)
    default: int = 200
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self) -> int:
        with self.lock:
            return self.queue.pop(0) if self.queue else self.default

    def bodies(self, path_prefix: str = "/") -> list[dict]:
        return [body for path, body in self.requests if path.startswith(path_prefix)]


def start_http(reply: bytes | None = None):
    """A capturing HTTP server: ``(capture, stop)``; ``reply`` overrides the response body."""
    capture = CapturingHTTP()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            capture.requests.append((self.path, body))
            status = capture.answer()
            payload = reply if reply is not None else (b"ok" if status < 400 else b"server unhappy")
            self.send_response(status)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_GET(self):  # noqa: N802 (http.server's name)
            capture.gets.append(self.path)
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):  # keep test output quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    capture.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()

    return capture, stop


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_tls_files(tmp_path_factory) -> tuple[Path, Path]:
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


def start_smtp(*, tls: tuple[Path, Path] | None = None, password: str | None = None):
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


class Blackhole:
    """Accepts TCP connections and never sends a byte (a hung webhook, a hung database)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)

    def close(self) -> None:
        self.sock.close()
        for c in self.conns:
            c.close()
