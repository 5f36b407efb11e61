"""The shared demo turned into another kind of account: a copy whose Gold lacks what a real account may
lack (no SLA declared, no refresh interval known, a degraded source). Tests read it through the real
warehouse and tool executor."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb


def account_copy(demo_dir: Path, dest: Path, statements: Iterable[str]) -> Path:
    """``demo_dir``'s files copied to ``dest`` with ``statements`` run on its Gold."""
    for name in ("system.duckdb", "gold.duckdb"):
        shutil.copyfile(demo_dir / name, dest / name)
    with duckdb.connect(str(dest / "gold.duckdb")) as con:
        for sql in statements:
            con.execute(sql)
    return dest


@contextlib.contextmanager
def executor_on(folder: Path) -> Iterator[Any]:
    """A tool executor over ``folder``'s warehouse, closed afterwards."""
    from health_monitor.tools.executor import ToolExecutor
    from health_monitor.warehouse.duckdb_backend import DuckDBWarehouse

    from health_monitor.core.settings import Settings

    wh = DuckDBWarehouse(folder / "system.duckdb", folder / "gold.duckdb")
    try:
        yield ToolExecutor(wh, Settings(data_dir=folder))
    finally:
        wh.close()
