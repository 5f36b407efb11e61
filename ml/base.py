"""What a model *is*: a name, a feature query over Gold, train / evaluate / score, one output table.

Every model subclasses :class:`Model`; the one list of models is :data:`ml.registry.MODEL_CLASSES`
(explicit, never registration by import side effect). The orchestration in :mod:`ml.train` is the same for all:

    features = ctx.features(model.feature_sql)          # one query, as of the data's instant
    for cutoff in cutoffs:                              # as_of - 28d, -21d, -14d, -7d, as_of
        history = model.history(features, cutoff)      # rows knowable at the cutoff
        train, valid = model.split(history, cutoff)    # time-based: the last ``valid_days`` validate
        metrics = model.evaluate(model.train(train, ...), valid, ...)
        state = model.train(history, cutoff)          # refit on all of it
        predictions = model.score(state, history, cutoff, ctx)

A model that cannot learn from what it is given raises :class:`InsufficientData` (too few days, a
constant series, an empty table); the registry records ``status = 'insufficient data'`` with the
reason, and the tools repeat it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from health_monitor.ml.errors import BUDGET_SETTING, InsufficientData, OverBudget

if TYPE_CHECKING:  # pandas is imported lazily (CLI start-up time)
    import pandas as pd
    from health_monitor.ml.context import RunContext

__all__ = ["BUDGET_SETTING", "STATUS_INSUFFICIENT", "STATUS_OK", "InsufficientData", "Model", "Output", "OverBudget",
           "Trained", "money", "pct"]

STATUS_OK = "ok"
STATUS_INSUFFICIENT = "insufficient data"


@dataclass(frozen=True)
class Output:
    """A Gold prediction table: ``main.health_monitor.<table>`` with Databricks-typed columns.

    ``columns`` is ``"name type, name type, ..."``; every output also gets ``scored_by`` (the
    model's name), ``scored_by_version`` and ``scored_at`` (added by the orchestration).
    """

    table: str
    columns: str

    @property
    def schema(self) -> list[tuple[str, str]]:
        cols = [c.strip() for c in re.split(r",\s*(?![^<]*>)", self.columns) if c.strip()]
        pairs = [tuple(c.split(None, 1)) for c in cols]
        return [(n, t.strip()) for n, t in pairs] + [
            ("scored_by", "string"), ("scored_by_version", "bigint"), ("scored_at", "timestamp")]


@dataclass
class Trained:
    """What one training at one cutoff produced."""

    state: Any
    metrics: dict[str, float | None] = field(default_factory=dict)
    training_rows: int = 0
    feature_stats: dict[str, Any] = field(default_factory=dict)


class Model:
    """Base of every model. Subclasses set the class attributes and implement train/evaluate/score."""

    name: ClassVar[str]
    family: ClassVar[str]  # the specialist agent that reads its predictions
    description: ClassVar[str]
    feature_sql: ClassVar[str]  # a file in ml/sql (Databricks SQL; parameter :as_of)
    time_column: ClassVar[str]
    output: ClassVar[Output]
    #: "day": rows are whole days (a cutoff keeps days strictly before its date); "event": timestamps.
    grain: ClassVar[str] = "day"
    min_days: ClassVar[int] = 14
    valid_days: ClassVar[int] = 7
    #: Numeric features whose training distribution is kept for drift checks (model_drift_detector).
    drift_features: ClassVar[tuple[str, ...]] = ()
    #: Drift is also measured per segment (e.g. per workspace) when set.
    segment_column: ClassVar[str | None] = None
    #: Models whose results this one reads in the same run (trained first).
    depends_on: ClassVar[tuple[str, ...]] = ()
    #: True for the MLOps models: they read every monitored model's results, so train after them.
    monitors_models: ClassVar[bool] = False
    #: The output column holding the day a prediction is about, when the table keeps one row per
    #: entity and day (incremental scoring replaces only the new days); None: a snapshot table.
    day_column: ClassVar[str | None] = None
    primary_metric: ClassVar[str] = ""
    #: True when a lower primary metric is better (MAPE, Brier score).
    lower_is_better: ClassVar[bool] = False

    # -- data ----------------------------------------------------------------------------------
    def features(self, ctx: RunContext) -> pd.DataFrame:
        return self.prepare(ctx.features(self.feature_sql))

    def prepare(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Column derivations on the feature frame that need no history (default: none)."""
        return frame

    def live_features(self, ctx: RunContext, cutoff: datetime, days: int) -> pd.DataFrame:
        """Feature rows of the ``days`` before ``cutoff`` (drift checks); the window is cut in the engine."""
        import pandas as pd

        until = self._bound(cutoff)
        frame = ctx.window(self.feature_sql, self.time_column, until - pd.Timedelta(days=days), until)
        return self.prepare(frame)

    def _bound(self, cutoff: datetime):
        import pandas as pd

        ts = pd.Timestamp(cutoff).tz_localize(None) if pd.Timestamp(cutoff).tzinfo else pd.Timestamp(cutoff)
        return ts.normalize() if self.grain == "day" else ts

    def history(self, features: pd.DataFrame, cutoff: datetime) -> pd.DataFrame:
        """Rows knowable at ``cutoff`` (whole days before it for daily grain)."""
        import pandas as pd

        if features.empty:
            return features
        t = pd.to_datetime(features[self.time_column])
        return features[t < self._bound(cutoff)].reset_index(drop=True)

    def check(self, history: pd.DataFrame, cutoff: datetime) -> None:
        """Raise :class:`InsufficientData` unless ``history`` spans ``min_days`` distinct days."""
        import pandas as pd

        if history.empty:
            raise InsufficientData("no rows in the feature table")
        days = pd.to_datetime(history[self.time_column]).dt.normalize().nunique()
        if days < self.min_days:
            raise InsufficientData(f"only {days} day(s) of history (need {self.min_days})")

    def split(self, history: pd.DataFrame, cutoff: datetime) -> tuple[pd.DataFrame, pd.DataFrame]:
        import pandas as pd

        edge = self._bound(cutoff) - pd.Timedelta(days=self.valid_days)
        t = pd.to_datetime(history[self.time_column])
        return history[t < edge].reset_index(drop=True), history[t >= edge].reset_index(drop=True)

    def valid_start(self, cutoff: datetime) -> datetime:
        return self._bound(cutoff).to_pydatetime() - timedelta(days=self.valid_days)

    def reference(self, train: pd.DataFrame, state: Any) -> pd.DataFrame:
        """The training rows whose feature statistics are the drift reference (default: all)."""
        return train

    # -- the model -----------------------------------------------------------------------------
    def train(self, data: pd.DataFrame, cutoff: datetime, ctx: RunContext) -> Any:
        raise NotImplementedError

    def evaluate(self, state: Any, train: pd.DataFrame, valid: pd.DataFrame, cutoff: datetime,
                 ctx: RunContext) -> dict[str, float | None]:
        raise NotImplementedError

    def score(self, state: Any, history: pd.DataFrame, cutoff: datetime, ctx: RunContext) -> pd.DataFrame:
        raise NotImplementedError


REQUIRED = ("name", "family", "description", "feature_sql", "time_column", "output", "primary_metric")


Explainer = Callable[..., str]


def pct(x: float) -> str:
    """``0.453`` -> ``"45 %"`` (signless; callers say above/below)."""
    return f"{abs(x) * 100:.0f} %"


def money(x: float) -> str:
    return f"${x:,.0f}"
