"""PostgreSQL for tests: a private schema on the shared server, and throwaway clusters.

The shared server (127.0.0.1:5432, database ``test``) is never reconfigured: each test gets its own
schema, dropped afterwards. Tests that stop, restart or re-password PostgreSQL use a throwaway
cluster made with ``initdb`` + ``pg_ctl`` in a temp dir. Outside CI an unreachable server skips the
PostgreSQL tests; in CI (``CI`` set) it fails them, so a broken server cannot pass as green.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text

PG_URL = os.environ.get("HM_TEST_PG_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")


def pg_admin() -> Engine:
    """An autocommit engine on the shared server, or skip (fail in CI) when it is unreachable."""
    engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as error:  # noqa: BLE001 - any driver error means "not reachable"
        engine.dispose()
        message = f"PostgreSQL at {PG_URL} is not reachable: {error}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return engine


@contextlib.contextmanager
def private_schema(prefix: str) -> Iterator[str]:
    """A unique schema name on the shared server, dropped (with everything in it) afterwards."""
    admin = pg_admin()
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    try:
        yield schema
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'drop schema if exists "{schema}" cascade'))
        admin.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgCluster:
    """A private PostgreSQL cluster with one SCRAM-authenticated superuser ``hm``."""

    def __init__(self, root: Path, password: str) -> None:
        self.root, self.data, self.port, self.password = root, root / "data", free_port(), password
        self._as_postgres = os.geteuid() == 0  # initdb refuses to run as root
        pwfile = root / "pw"
        pwfile.write_text(password + "\n")
        if self._as_postgres:
            shutil.chown(root, "postgres")
            shutil.chown(pwfile, "postgres")
        self._run("initdb", "-D", str(self.data), "--auth=scram-sha-256", "-U", "hm", f"--pwfile={pwfile}",
                  "-E", "UTF8", "--no-sync")

    @property
    def url(self) -> str:
        return f"postgresql+psycopg2://hm@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        kwargs: dict[str, Any] = {"user": "postgres"} if self._as_postgres else {}
        subprocess.run(args, check=True, capture_output=True, timeout=60, cwd=self.root, **kwargs)

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-w", "-t", "30", "-o",
                  f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "-t", "30", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def set_password(self, new: str) -> None:
        """Rotate the role's password (what an expiring OAuth token looks like to the engine).
        ALTER ROLE takes no bind parameter for the password; ``new`` is test-generated."""
        engine = create_engine(self.url, connect_args={"password": self.password})
        try:
            with engine.begin() as conn:
                conn.execute(text(f"alter role hm password '{new}'"))
        finally:
            engine.dispose()
        self.password = new


@contextlib.contextmanager
def throwaway_cluster(prefix: str = "hm_pg_") -> Iterator[PgCluster]:
    """A started private cluster in a short temp path (the socket lives there), removed afterwards."""
    if not shutil.which("initdb") or not shutil.which("pg_ctl"):
        pytest.skip("initdb/pg_ctl are not on PATH")
    root = Path(tempfile.mkdtemp(prefix=prefix))
    cluster = None
    try:
        cluster = PgCluster(root, password=f"tok-{uuid.uuid4().hex}")
        cluster.start()
        yield cluster
    finally:
        try:
            if cluster is not None and cluster.running():
                cluster.stop()
        finally:
            shutil.rmtree(root, ignore_errors=True)
