"""The feature SQL files (``ml/sql/*.sql``, Databricks SQL with bound parameters)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent / "sql"


@lru_cache(maxsize=64)
def sql_text(name: str) -> str:
    return (SQL_DIR / name).read_text()
