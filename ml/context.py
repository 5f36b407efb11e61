"""The state one training run shares between models: the store, the data's instant, caches, results."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from health_monitor.ml.queries import sql_text

if TYPE_CHECKING:
    import pandas as pd
    from health_monitor.ml.profile import Profiler
    from health_monitor.ml.store import Store

#: The setting that bounds one feature frame in Python (``HM_ML_FEATURE_MEMORY_MB``).
BUDGET_SETTING = "HM_ML_FEATURE_MEMORY_MB"


def canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in one order whatever order the engine returned them in (a parallel aggregation has
    none): the models draw validation samples by position, so training is deterministic only on
    ordered rows."""
    if len(frame) < 2:
        return frame
    return frame.sort_values(list(frame.columns), kind="stable", na_position="last", ignore_index=True)


@dataclass
class RunContext:
    store: Store
    as_of: datetime  # naive UTC
    artefact_dir: Path | None = None
    #: every model of the catalogue by name (the MLOps models monitor the others)
    models: Mapping[str, Any] = field(default_factory=dict)
    #: the most memory one feature frame may take in Python; None: unbounded
    feature_budget_mb: float | None = None
    profiler: Profiler | None = None
    #: feature frames by SQL file name, kept only while a model still to train needs them
    _features: dict[str, pd.DataFrame] = field(default_factory=dict)
    _users: Counter = field(default_factory=Counter)
    _windows: dict[tuple, pd.DataFrame] = field(default_factory=dict)
    #: what each model produced this run: name -> {"state", "predictions", ...}
    results: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: registry rows written before this run (for versions and for the MLOps models)
    prior_registry: pd.DataFrame | None = None
    #: rows every read of this run brought into Python
    rows_read: int = 0

    def plan(self, sql_files: list[str]) -> None:
        """The feature files the models of this run will ask for, one entry per model."""
        self._users = Counter(sql_files)

    def features(self, sql_file: str) -> pd.DataFrame:
        if sql_file not in self._features:
            self._features[sql_file] = canonical(self.read(sql_text(sql_file), label=sql_file, bounded=True))
        return self._features[sql_file]

    def window(self, sql_file: str, column: str, since: Any, until: Any) -> pd.DataFrame:
        """Rows of ``sql_file`` with ``since <= column < until``: from the frame while it is held, else
        from the engine (only the window comes back); cached for the run (windows are small)."""
        import pandas as pd

        key = (sql_file, column, pd.Timestamp(since), pd.Timestamp(until))
        if key not in self._windows:
            held = self._features.get(sql_file)
            if held is not None:
                t = pd.to_datetime(held[column]) if len(held) else pd.Series([], dtype="datetime64[ns]")
                self._windows[key] = held[(t >= key[2]) & (t < key[3])].reset_index(drop=True)
            else:
                sql = (f"select * from (\n{sql_text(sql_file)}\n) as feature_rows "
                       f"where {column} >= :window_since and {column} < :window_until")
                self._windows[key] = canonical(self.read(sql, {"window_since": key[2].to_pydatetime(),
                                                               "window_until": key[3].to_pydatetime()},
                                                         label=f"{sql_file} (window)", bounded=True))
        return self._windows[key]

    def release(self, sql_file: str) -> None:
        """One model is done with ``sql_file``: drop the frame once no later model needs it."""
        self._users[sql_file] -= 1
        if self._users[sql_file] <= 0:
            self._features.pop(sql_file, None)

    def read(self, sql: str, params: dict[str, Any] | None = None, *, label: str = "query",
             bounded: bool = False) -> pd.DataFrame:
        """Run Databricks SQL; ``:as_of`` (timestamp) and ``:as_of_date`` are always available.

        ``bounded`` reads stop with :class:`~health_monitor.ml.base.OverBudget` once the frame
        passes ``feature_budget_mb``.
        """
        merged = {"as_of": self.as_of, "as_of_date": self.as_of.date(), **(params or {})}
        limit = int(self.feature_budget_mb * 2 ** 20) if bounded and self.feature_budget_mb else None
        with self._span(label) as span:
            frame = self.store.read(sql, merged, max_bytes=limit, label=label)
            if span is not None:
                span.rows = len(frame)
                span.frame_bytes = int(frame.memory_usage(deep=True).sum())
        self.rows_read += len(frame)
        return frame

    def read_file(self, sql_file: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
        return self.read(sql_text(sql_file), params, label=sql_file)

    @contextlib.contextmanager
    def _span(self, label: str) -> Iterator[Any]:
        if self.profiler is None:
            yield None
            return
        with self.profiler.span("query", label) as span:
            yield span
