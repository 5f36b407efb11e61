"""Fixtures of the fault tests: copies of the demo files to break, and a throwaway PostgreSQL
cluster (initdb + pg_ctl in a temp dir, run as the ``postgres`` user when we are root) that a test
may stop, start and re-password. The shared server at 127.0.0.1:5432 is never touched here."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_support import PgCluster, throwaway_cluster


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


@pytest.fixture(scope="module")
def pg_cluster() -> Iterator[PgCluster]:
    """A private cluster for this module: its tests stop, restart and re-password it."""
    with throwaway_cluster("hm_fault_pg_") as cluster:
        yield cluster
