"""The MLOps history in Gold: the model registry, validation metrics and inference latency.

``ml_model_registry`` - one row per (model, version). A version is one training at one data cutoff;
re-training at the same cutoff replaces that version (so re-running ``health-monitor train`` on the
same data is idempotent) and a later cutoff adds one. ``status`` is ``active`` (the version the
predictions come from), ``archived`` (an earlier version) or ``insufficient data`` (training refused;
``status_reason`` says why).

``ml_model_metrics`` - the same metrics in long form (one row per model, version, metric), which is
what a chart or ``get_model_performance`` reads. Because version *k+1* is validated on the week after
version *k*'s cutoff, this history doubles as the live performance of each deployed version.

``ml_inference_metrics`` - one row per scoring call: rows scored and wall-clock latency.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    from health_monitor.ml.store import Store

REGISTRY_TABLE = "ml_model_registry"
METRICS_TABLE = "ml_model_metrics"
INFERENCE_TABLE = "ml_inference_metrics"

REGISTRY_SCHEMA = [
    ("model_name", "string"), ("version", "bigint"), ("family", "string"), ("description", "string"),
    ("trained_at", "timestamp"), ("data_start", "timestamp"), ("data_end", "timestamp"),
    ("training_rows", "bigint"), ("validation_rows", "bigint"), ("primary_metric", "string"),
    ("primary_metric_value", "double"), ("metrics", "string"), ("feature_stats", "string"),
    ("artefact_path", "string"), ("prediction_table", "string"), ("status", "string"),
    ("status_reason", "string"), ("train_seconds", "double"), ("mlflow_run_id", "string"),
    ("registered_at", "timestamp"),
]
METRICS_SCHEMA = [
    ("model_name", "string"), ("version", "bigint"), ("trained_at", "timestamp"), ("split", "string"),
    ("metric_name", "string"), ("metric_value", "double"), ("is_primary", "boolean"),
]
INFERENCE_SCHEMA = [
    ("model_name", "string"), ("model_version", "bigint"), ("endpoint_name", "string"), ("mode", "string"),
    ("scored_at", "timestamp"), ("rows_scored", "bigint"), ("latency_ms", "double"),
    ("latency_per_1k_rows_ms", "double"),
]

ACTIVE, ARCHIVED = "active", "archived"


def endpoint_name(model_name: str) -> str:
    """The serving endpoint a health-monitor model is published on (``hm-cost-anomaly-detector``)."""
    return "hm-" + model_name.replace("_", "-")


def read_prior(store: Store) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(registry, inference) rows already in Gold (empty frames when the tables do not exist)."""
    import pandas as pd

    frames = []
    for table, schema in ((REGISTRY_TABLE, REGISTRY_SCHEMA), (INFERENCE_TABLE, INFERENCE_SCHEMA)):
        cols = [c for c, _ in schema]
        if store.exists(table):
            frame = store.read(f"select * from main.health_monitor.{table}")
            frames.append(frame[[c for c in cols if c in frame.columns]])
        else:
            frames.append(pd.DataFrame(columns=cols))
    return frames[0], frames[1]


def merge_versions(prior: pd.DataFrame, new_rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Prior rows + this run's, one row per (model, trained_at); versions renumbered in time order;
    the newest trained (non-insufficient) version of each model is ``active``."""
    import pandas as pd

    new = pd.DataFrame(new_rows)
    for name, _ in REGISTRY_SCHEMA:
        if name not in new.columns:
            new[name] = None
    if new.empty:
        return prior
    frame = new if prior.empty else pd.concat([prior, new], ignore_index=True)
    frame["trained_at"] = pd.to_datetime(frame["trained_at"])
    frame = frame.drop_duplicates(["model_name", "trained_at"], keep="last")
    frame = frame.sort_values(["model_name", "trained_at"]).reset_index(drop=True)
    frame["version"] = frame.groupby("model_name").cumcount() + 1
    ok = frame["status"] != "insufficient data"
    frame.loc[ok, "status"] = ARCHIVED
    latest_ok = frame["trained_at"].where(ok).groupby(frame["model_name"]).transform("max")
    frame.loc[ok & (frame["trained_at"] == latest_ok), "status"] = ACTIVE
    return frame


def metrics_long(registry: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for rec in registry.to_dict("records"):
        for name, value in json.loads(rec.get("metrics") or "{}").items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                rows.append({"model_name": rec["model_name"], "version": rec["version"],
                             "trained_at": rec["trained_at"], "split": "validation", "metric_name": name,
                             "metric_value": float(value), "is_primary": name == rec["primary_metric"]})
    return pd.DataFrame(rows, columns=[c for c, _ in METRICS_SCHEMA])


def write_all(store: Store, registry: pd.DataFrame, inference: pd.DataFrame) -> None:
    store.replace(REGISTRY_TABLE, registry, REGISTRY_SCHEMA)
    store.replace(METRICS_TABLE, metrics_long(registry), METRICS_SCHEMA)
    store.replace(INFERENCE_TABLE, inference, INFERENCE_SCHEMA)


def version_of(registry: pd.DataFrame, model_name: str, trained_at) -> int | None:
    import pandas as pd

    hit = registry[(registry["model_name"] == model_name) & (registry["trained_at"] == pd.Timestamp(trained_at))]
    return int(hit["version"].iloc[0]) if len(hit) else None
