"""The state one training run shares between models: the store, the data's instant, caches, results."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from health_monitor.ml.base import sql_text

if TYPE_CHECKING:
    import pandas as pd
    from health_monitor.ml.store import Store


@dataclass
class RunContext:
    store: Store
    as_of: datetime  # naive UTC
    artefact_dir: Path | None = None
    #: feature frames by SQL file name (several models share one query)
    _features: dict[str, pd.DataFrame] = field(default_factory=dict)
    #: what each model produced this run: name -> {"state", "features", "versions", "predictions"}
    results: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: registry rows written before this run (for versions and for the MLOps models)
    prior_registry: pd.DataFrame | None = None

    def features(self, sql_file: str) -> pd.DataFrame:
        if sql_file not in self._features:
            self._features[sql_file] = self.read(sql_text(sql_file))
        return self._features[sql_file]

    def read(self, sql: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
        """Run Databricks SQL; ``:as_of`` (timestamp) and ``:as_of_date`` are always available."""
        merged = {"as_of": self.as_of, "as_of_date": self.as_of.date(), **(params or {})}
        return self.store.read(sql, merged)

    def read_file(self, sql_file: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
        return self.read(sql_text(sql_file), params)
