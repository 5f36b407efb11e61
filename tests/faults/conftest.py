"""Fixtures of the fault tests: copies of the demo files to break, and a throwaway PostgreSQL
cluster (initdb + pg_ctl in a temp dir, run as the ``postgres`` user when we are root) that a test
may stop, start and re-password. The shared server at 127.0.0.1:5432 is never touched here."""

from __future__ import annotations

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
from sqlalchemy import create_engine, text


@pytest.fixture
def demo_copy(demo_dir: Path, tmp_path: Path):
    """``demo_copy(*names)``: a fresh folder holding copies of the named demo files."""

    def make(*names: str) -> Path:
        target = tmp_path / f"data-{uuid.uuid4().hex[:6]}"
        target.mkdir()
        for name in names:
            shutil.copy2(demo_dir / name, target / name)
        return target

    return make


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A private PostgreSQL cluster with one SCRAM-authenticated superuser ``hm``."""

    def __init__(self, root: Path, password: str) -> None:
        self.root, self.data, self.port, self.password = root, root / "data", _free_port(), password
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
        engine = create_engine(self.url, connect_args={"password": self.password})
        try:
            with engine.begin() as conn:
                conn.execute(text(f"alter role hm password '{new}'"))
        finally:
            engine.dispose()
        self.password = new


@pytest.fixture(scope="module")
def pg_cluster() -> Iterator[Cluster]:
    if not shutil.which("initdb") or not shutil.which("pg_ctl"):
        pytest.skip("initdb/pg_ctl are not on PATH")
    root = Path(tempfile.mkdtemp(prefix="hm_fault_pg_"))
    cluster = None
    try:
        cluster = Cluster(root, password=f"tok-{uuid.uuid4().hex}")
        cluster.start()
        yield cluster
    finally:
        try:
            if cluster is not None and cluster.running():
                cluster.stop()
        finally:
            shutil.rmtree(root, ignore_errors=True)
