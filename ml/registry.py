"""The one list of the health monitor's models.

Adding a model means adding its class here; nothing registers itself by being imported. The MLOps
models come last: they monitor every model listed before them.
"""

from __future__ import annotations

from functools import lru_cache

from health_monitor.ml.base import REQUIRED, Model
from health_monitor.ml.models.cost import BudgetAlerter, CostAnomalyDetector, DbuUsageForecaster
from health_monitor.ml.models.jobs import JobDurationForecaster, JobFailurePredictor
from health_monitor.ml.models.mlops import ModelDriftDetector, RetrainingTrigger
from health_monitor.ml.models.quality import DriftDetector, FreshnessPredictor
from health_monitor.ml.models.reliability import BottleneckDetector, IncidentClassifier, UptimePredictor
from health_monitor.ml.models.security import AccessAnomalyDetector, BreachRiskScorer, UserBehaviorAnalyzer

MODEL_CLASSES: tuple[type[Model], ...] = (
    CostAnomalyDetector, DbuUsageForecaster, BudgetAlerter,
    JobFailurePredictor, JobDurationForecaster,
    DriftDetector, FreshnessPredictor,
    UptimePredictor, IncidentClassifier, BottleneckDetector,
    AccessAnomalyDetector, BreachRiskScorer, UserBehaviorAnalyzer,
    ModelDriftDetector, RetrainingTrigger,
)


def build(classes: tuple[type[Model], ...]) -> dict[str, Model]:
    """One instance per class, by name; a missing attribute or a duplicate name is a programming error."""
    out: dict[str, Model] = {}
    for cls in classes:
        for attr in REQUIRED:
            if not getattr(cls, attr, None):
                raise TypeError(f"{cls.__name__} must set `{attr}`")
        if cls.name in out:
            raise TypeError(f"model {cls.name!r} listed twice ({type(out[cls.name]).__name__}, {cls.__name__})")
        out[cls.name] = cls()
    return out


@lru_cache(maxsize=1)
def _models() -> dict[str, Model]:
    return build(MODEL_CLASSES)


def all_models() -> dict[str, Model]:
    """Every model, by name, in the order of :data:`MODEL_CLASSES` (a copy: callers may not edit it)."""
    return dict(_models())
