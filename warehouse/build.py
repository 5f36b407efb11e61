"""Writing embedded DuckDB files safely: build into a temporary file, then rename into place.

Readers (the app, the CLI) keep reading the old file until the rename; a failed or interrupted
build leaves the old file untouched and no half-written one behind.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
from health_monitor.warehouse.base import only_used
from health_monitor.warehouse.dialect import (
    DUCKDB_GOLD_CATALOG,
    DUCKDB_SYSTEM_CATALOG,
    NameMap,
    prepare,
    referenced_params,
)

from health_monitor.core.errors import ConfigError


def ensure_writable_dir(path: Path) -> Path:
    """Create ``path`` if needed and prove we can write there, or raise a ConfigError."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".probe-"):
            pass
    except OSError as e:
        raise ConfigError(f"Data dir {path} is not writable ({e.strerror}). Set HM_DATA_DIR to a writable folder.") from e
    return path


@contextlib.contextmanager
def atomic_duckdb(target: Path, *, attach_system: Path | None = None, copy_existing: bool = False,
                  threads: int | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a connection whose default catalog is a temp copy of ``target``; rename on success.

    The temp file is attached as ``gold`` when ``attach_system`` is given (a Gold build: the system
    tables are attached read-only as ``system_tables``) and is the default catalog either way.
    ``copy_existing`` starts from the current file (adding tables, e.g. ML predictions, to Gold).
    """
    ensure_writable_dir(target.parent)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-", suffix=".duckdb")
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    if copy_existing and target.exists():
        shutil.copyfile(target, tmp)
    con = duckdb.connect(":memory:")
    try:
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        con.execute("SET TimeZone = 'UTC'")
        alias = DUCKDB_GOLD_CATALOG if attach_system else "target"
        con.execute(f"ATTACH '{tmp}' AS {alias}")
        con.execute(f"USE {alias}")
        if attach_system:
            con.execute(f"ATTACH '{attach_system}' AS {DUCKDB_SYSTEM_CATALOG} (READ_ONLY)")
        yield con
        con.execute("CHECKPOINT")
        con.close()
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(Exception):
            con.close()
        for leftover in (tmp, tmp.with_suffix(".duckdb.wal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        raise


def run_sql(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> None:
    """Run Databricks-dialect SQL (one or more statements) on a build connection."""
    text = prepare(sql, "duckdb", NameMap.for_duckdb())
    bound = only_used(params, referenced_params(sql)) if params else {}
    if bound:
        con.execute(text, bound)
    else:
        con.execute(text)
