"""The warehouse interface every reader uses: bound parameters in, typed rows out."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from health_monitor.warehouse.names import Target


@dataclass
class QueryResult:
    """Rows of one statement (dicts, column order kept), capped at ``max_rows``."""

    columns: list[str]
    rows: list[dict[str, Any]]
    elapsed_ms: float
    truncated: bool = False
    types: list[str] = field(default_factory=list)

    def to_pandas(self):  # noqa: ANN201 - pandas is imported lazily
        import pandas as pd

        return pd.DataFrame(self.rows, columns=self.columns)

    def scalar(self, default: Any = None) -> Any:
        return next(iter(self.rows[0].values())) if self.rows else default


class Warehouse(Protocol):
    """Anything that runs Databricks-dialect SQL with bound ``:name`` parameters."""

    target: Target

    def query(self, sql: str, params: Mapping[str, Any] | None = None, *,
              max_rows: int | None = None) -> QueryResult: ...

    def close(self) -> None: ...


class Stopwatch:
    def __init__(self) -> None:
        self.start = time.perf_counter()

    @property
    def ms(self) -> float:
        return (time.perf_counter() - self.start) * 1000.0


def only_used(params: Mapping[str, Any] | None, used: set[str] | frozenset[str]) -> dict[str, Any]:
    """DuckDB refuses unused bound names; Databricks ignores them. Pass only what the SQL uses."""
    params = dict(params or {})
    missing = used - params.keys()
    if missing:
        raise ValueError(f"SQL parameter(s) not supplied: {', '.join(sorted(missing))}")
    return {k: v for k, v in params.items() if k in used}
