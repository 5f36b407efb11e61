"""Train and score every model into Gold: ``train_all(data_dir, models=None, progress=True)``.

For each model (dependencies first) the orchestration reads its features once, then trains at
several data cutoffs - ``as_of - 28d, -21d, -14d, -7d`` and ``as_of`` - on only the rows knowable
at each cutoff. Every cutoff is a real training (time-based split, validation metrics, refit,
scoring with its latency logged); the registry keeps one version per cutoff, so the training
history the MLOps agent reads is true. A model that already has history in the registry is
trained at ``as_of`` only (the scheduled retrain). Only the ``as_of`` version's predictions are
written to its prediction table.

Backends: embedded DuckDB writes into a copy of ``gold.duckdb`` renamed into place at the end
(:func:`warehouse.build.atomic_duckdb`); Databricks reads and writes through the SQL warehouse
(:class:`ml.store.DatabricksStore`). MLflow logging happens only when the full ``mlflow`` package
is installed (the ``databricks`` extra) and the backend is Databricks.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from health_monitor.ml.base import STATUS_INSUFFICIENT, InsufficientData, Model, OverBudget
from health_monitor.ml.context import RunContext
from health_monitor.ml.drift import finite, reference_stats
from health_monitor.ml.models.mlops import monitored
from health_monitor.ml.profile import Profiler
from health_monitor.ml.registry import all_models
from health_monitor.ml.registry_table import (
    INFERENCE_SCHEMA,
    INFERENCE_TABLE,
    endpoint_name,
    merge_versions,
    read_prior,
    write_all,
)

from health_monitor.core.errors import ConfigError, HealthMonitorError, WarehouseUnavailable

BACKFILL_DAYS = (28, 21, 14, 7)


@dataclass
class ModelReport:
    name: str
    status: str
    version: int | None = None
    metric: str = ""
    value: float | None = None
    train_seconds: float = 0.0
    training_rows: int = 0
    versions_trained: int = 0
    reason: str = ""


@dataclass
class TrainReport:
    as_of: datetime | None = None
    seconds: float = 0.0
    models: dict[str, ModelReport] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = []
        for r in self.models.values():
            value = "-" if r.value is None else f"{r.value:.3f}"
            extra = f"  ({r.reason})" if r.reason else ""
            out.append(f"{r.name:<26} {r.status:<18} v{r.version or '-':<3} {r.metric:<22} {value:>8}  "
                       f"{r.train_seconds:6.2f}s  {r.versions_trained} cutoff(s){extra}")
        return out


def resolve(names: Sequence[str] | None) -> list[Model]:
    """The models to train, dependencies first; unknown names raise a ConfigError listing the known."""
    models = all_models()
    wanted = list(models) if not names else list(dict.fromkeys(names))
    unknown = [n for n in wanted if n not in models]
    if unknown:
        raise ConfigError(f"Unknown model(s) {', '.join(unknown)}; choose from {', '.join(models)}.")
    order: list[str] = []

    def visit(n: str) -> None:
        if n in order:
            return
        deps = list(models[n].depends_on) + (monitored(models) if models[n].monitors_models else [])
        for dep in deps:
            if dep in wanted:
                visit(dep)
        order.append(n)

    for n in wanted:
        visit(n)
    return [models[n] for n in order]


def cutoffs_for(model: Model, prior, as_of: datetime) -> list[datetime]:
    has_history = not prior.empty and (prior["model_name"] == model.name).any()
    if has_history:
        return [as_of]
    return [as_of - timedelta(days=d) for d in BACKFILL_DAYS] + [as_of]


def train_model(model: Model, ctx: RunContext, cutoffs: list[datetime]) -> dict[str, Any]:
    """Train ``model`` at each cutoff; return registry rows, inference rows and the final predictions."""
    import pandas as pd

    out: dict[str, Any] = {"registry": [], "inference": [], "predictions": None, "state": None,
                           "reason": "", "seconds": 0.0}
    try:
        features = model.features(ctx)
    except OverBudget as e:
        features, out["reason"], out["over_budget"] = None, str(e), True
    except (InsufficientData, WarehouseUnavailable) as e:  # a missing Gold table is missing data
        features, out["reason"] = None, str(e)
    for cutoff in cutoffs:
        final = cutoff == cutoffs[-1]
        row = {"model_name": model.name, "family": model.family, "description": model.description,
               "trained_at": cutoff, "primary_metric": model.primary_metric,
               "prediction_table": f"main.health_monitor.{model.output.table}",
               "registered_at": datetime.now(timezone.utc).replace(tzinfo=None)}
        t0 = time.perf_counter()
        try:
            if features is None:
                raise InsufficientData(out["reason"])
            history = model.history(features, cutoff)
            if history.empty and not final:
                continue  # nothing existed yet at this cutoff
            model.check(history, cutoff)
            train, valid = model.split(history, cutoff)
            if train.empty or valid.empty:
                raise InsufficientData(f"no rows on one side of the time split at {cutoff:%Y-%m-%d}")
            state_eval = model.train(train, model.valid_start(cutoff), ctx)
            metrics = model.evaluate(state_eval, train, valid, cutoff, ctx)
            state = model.train(history, cutoff, ctx)
            seconds = time.perf_counter() - t0
            t1 = time.perf_counter()
            predictions = model.score(state, history, cutoff, ctx)
            latency_ms = (time.perf_counter() - t1) * 1000
        except InsufficientData as e:
            out["reason"] = str(e)
            out["seconds"] += time.perf_counter() - t0
            row.update(status=STATUS_INSUFFICIENT, status_reason=str(e), training_rows=0, validation_rows=0,
                       metrics="{}", feature_stats="{}", train_seconds=time.perf_counter() - t0)
            out["registry"].append(row)
            if final:
                out["predictions"], out["state"] = None, None
            continue
        out["seconds"] += seconds
        clean = {k: finite(v) for k, v in metrics.items()}
        stats = reference_stats(model.reference(train, state_eval), model.drift_features, model.time_column, model.segment_column)
        row.update(status="ok", status_reason="", training_rows=len(history), validation_rows=len(valid),
                   data_start=pd.to_datetime(history[model.time_column]).min(),
                   data_end=pd.to_datetime(history[model.time_column]).max(),
                   primary_metric_value=clean.get(model.primary_metric), metrics=json.dumps(clean),
                   feature_stats=json.dumps(stats), train_seconds=seconds,
                   artefact_path=_save_artefact(ctx.artefact_dir, model.name, cutoff, state))
        out["registry"].append(row)
        out["inference"].append({"model_name": model.name, "endpoint_name": endpoint_name(model.name),
                                 "mode": "batch", "scored_at": cutoff, "rows_scored": len(predictions),
                                 "latency_ms": latency_ms,
                                 "latency_per_1k_rows_ms": latency_ms / max(len(predictions), 1) * 1000})
        if final:
            out["predictions"], out["state"], out["reason"] = predictions, state, ""
            out["feature_stats"] = stats
    return out


@contextlib.contextmanager
def _single_threaded() -> Iterator[None]:
    """BLAS / OpenMP pools limited to one thread while the models train.

    The fits are small (thousands of rows); on a busy 2-core machine a multi-threaded pool spends
    most of its wall time waiting for a descheduled worker at each synchronisation, so one thread
    is several times faster in wall-clock time and no slower in CPU time.
    """
    try:
        # scikit-learn's OpenMP runtime is loaded first: a limit covers only the pools already loaded,
        # and k-means left at two threads on a busy machine burns several times the CPU it needs
        import sklearn.utils._openmp_helpers  # noqa: F401
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl ships with scikit-learn
        yield
        return
    with threadpool_limits(limits=1):
        yield


def _save_artefact(folder: Path | None, name: str, cutoff: datetime, state: Any) -> str | None:
    if folder is None:
        return None
    target = folder / name / f"{cutoff:%Y%m%dT%H%M}.pkl"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, target)
    return str(target)


def run(ctx: RunContext, models: list[Model], *, progress: bool = True) -> TrainReport:
    """Train ``models`` in order on ``ctx`` and write registry, metrics, inference and predictions.

    Memory stays bounded by what one model needs: a feature frame is dropped once no later model
    of the run reads it, and each model's predictions are written as soon as it has trained (kept
    only when a later model reads them).
    """
    from tqdm import tqdm

    report = TrainReport(as_of=ctx.as_of)
    t_all = time.perf_counter()
    prior_registry, prior_inference = read_prior(ctx.store)
    ctx.prior_registry = prior_registry
    if not ctx.models:
        ctx.models = all_models()
    ctx.plan([m.feature_sql for m in models])
    needed_later = {d for m in models for d in m.depends_on}
    registry_rows: list[dict[str, Any]] = []
    inference_rows: list[dict[str, Any]] = []
    bar = tqdm(models, desc="train", unit="model", disable=not progress)
    for model in bar:
        bar.set_postfix_str(model.name)
        with _model_span(ctx, model.name) as span, _single_threaded():
            result = train_model(model, ctx, cutoffs_for(model, prior_registry, ctx.as_of))
            ctx.release(model.feature_sql)
            registry_rows += result["registry"]
            inference_rows += result["inference"]
            # Models later in the order (model_drift_detector, retraining_trigger) read the registry so far.
            ctx.prior_registry = merge_versions(prior_registry, registry_rows)
            version = _final_version(ctx.prior_registry, model.name, ctx.as_of)
            _write_predictions(ctx, model, result["predictions"], version)
            if span is not None and result.get("over_budget"):
                span.status = "over budget"
        if model.name not in needed_later:
            result["predictions"] = None
        ctx.results[model.name] = result
        report.models[model.name] = _model_report(model, result, ctx.prior_registry, version, ctx.as_of)
    registry = merge_versions(prior_registry, registry_rows)
    inference = _merge_inference(prior_inference, inference_rows, registry)
    write_all(ctx.store, registry, inference)
    _log_mlflow(ctx, registry, models)
    report.seconds = time.perf_counter() - t_all
    return report


@contextlib.contextmanager
def _model_span(ctx: RunContext, name: str) -> Iterator[Any]:
    if ctx.profiler is None:
        yield None
        return
    with ctx.profiler.span("model", name) as span:
        yield span


def _write_predictions(ctx: RunContext, model: Model, frame, version: int | None) -> None:
    import pandas as pd

    if frame is None:
        frame = pd.DataFrame(columns=[c for c, _ in model.output.schema])
    else:
        frame = frame.assign(scored_by=model.name, scored_by_version=version, scored_at=ctx.as_of)
    ctx.store.replace(model.output.table, frame, model.output.schema)


def _model_report(model: Model, result: dict[str, Any], registry, version: int | None, as_of: datetime) -> ModelReport:
    import pandas as pd

    status_row = registry[(registry["model_name"] == model.name) & (registry["trained_at"] == pd.Timestamp(as_of))]
    status = status_row["status"].iloc[0] if len(status_row) else STATUS_INSUFFICIENT
    if result.get("over_budget"):
        status = "over budget"
    metric_value = status_row["primary_metric_value"].iloc[0] if len(status_row) else None
    return ModelReport(
        name=model.name, status=status, version=version, metric=model.primary_metric,
        value=None if metric_value is None or pd.isna(metric_value) else float(metric_value),
        train_seconds=result["seconds"],
        training_rows=int(status_row["training_rows"].fillna(0).iloc[0]) if len(status_row) else 0,
        versions_trained=len(result["registry"]), reason=result["reason"])


def _final_version(registry, name: str, as_of: datetime) -> int | None:
    import pandas as pd

    hit = registry[(registry["model_name"] == name) & (registry["trained_at"] == pd.Timestamp(as_of))]
    return int(hit["version"].iloc[0]) if len(hit) else None


def _merge_inference(prior, rows, registry):
    import pandas as pd

    new = pd.DataFrame(rows)
    if not new.empty:
        new["scored_at"] = pd.to_datetime(new["scored_at"])
        versions = registry[["model_name", "trained_at", "version"]].rename(
            columns={"trained_at": "scored_at", "version": "model_version"})
        new = new.merge(versions, on=["model_name", "scored_at"], how="left")
    if prior.empty:
        return new
    if new.empty:
        return prior
    frame = pd.concat([prior, new], ignore_index=True)
    frame["scored_at"] = pd.to_datetime(frame["scored_at"])
    return frame.drop_duplicates(["model_name", "scored_at", "mode"], keep="last").reset_index(drop=True)


# -- MLflow (optional) -------------------------------------------------------------------------

def full_mlflow_installed() -> bool:
    """True only for the full ``mlflow`` package (the ``databricks`` extra), not ``mlflow-skinny``."""
    from importlib import metadata

    try:
        metadata.distribution("mlflow")
    except metadata.PackageNotFoundError:
        return False
    return True


def _log_mlflow(ctx: RunContext, registry, models: list[Model]) -> None:
    if ctx.store.target != "databricks" or not full_mlflow_installed():
        return
    import mlflow

    mlflow.set_tracking_uri("databricks")
    mlflow.set_experiment("/Shared/health-monitor-models")
    for model in models:
        rows = registry[(registry["model_name"] == model.name) & (registry["status"] == "active")]
        if rows.empty:
            continue
        rec = rows.iloc[-1]
        with mlflow.start_run(run_name=f"{model.name}-v{rec['version']}"):
            mlflow.set_tags({"model_name": model.name, "family": model.family, "version": str(rec["version"])})
            for key, value in json.loads(rec["metrics"] or "{}").items():
                if value is not None:
                    mlflow.log_metric(key, value)
            mlflow.log_param("training_rows", int(rec["training_rows"] or 0))
            if rec.get("artefact_path"):
                mlflow.log_artifact(rec["artefact_path"])


# -- entry points ------------------------------------------------------------------------------

AS_OF_SQL = "select max(as_of) as as_of from main.health_monitor.meta_build"


def _as_of(store) -> datetime:
    import pandas as pd

    if not store.exists("meta_build"):
        raise HealthMonitorError("Gold is not built (no main.health_monitor.meta_build): run `health-monitor gold build` "
                                 "or `health-monitor demo` first.")
    value = store.read(AS_OF_SQL)["as_of"].iloc[0]
    ts = pd.Timestamp(value)
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    return ts.to_pydatetime()


@contextlib.contextmanager
def open_store(data_dir: Path | None, settings=None, *, spark=None) -> Iterator[tuple[Any, Path | None]]:
    """(store, artefact folder) for the configured backend; DuckDB commits by renaming on exit."""
    from health_monitor.core.settings import get_settings

    s = settings or get_settings()
    if spark is not None:
        from health_monitor.ml.store import SparkStore
        from health_monitor.warehouse.dialect import NameMap

        names = (NameMap.for_databricks(s.gold_catalog, s.gold_schema, s.event_log_table)
                 if s.warehouse_backend == "databricks" else NameMap.for_spark())
        yield SparkStore(spark, names), Path(data_dir or s.data_dir) / "models"
        return
    if s.warehouse_backend == "databricks":
        from health_monitor.ml.store import DatabricksStore
        from health_monitor.warehouse import open_warehouse

        wh = open_warehouse(s)
        try:
            yield DatabricksStore(wh), Path(data_dir or s.data_dir) / "models"
        finally:
            wh.close()
        return
    from health_monitor.ml.store import DuckDBStore
    from health_monitor.warehouse.build import atomic_duckdb

    folder = Path(data_dir) if data_dir else s.data_dir
    gold, system = folder / "gold.duckdb", folder / "system.duckdb"
    if not gold.exists():
        raise HealthMonitorError(f"No Gold file at {gold}: run `health-monitor demo` (or `health-monitor gold build`) first.")
    attach = system if system.exists() else None
    with atomic_duckdb(gold, attach_system=attach, copy_existing=True) as con:
        # With the system tables attached the temp copy is catalog ``gold`` (as in a Gold build);
        # Gold alone (hand-made test files) it is ``target``.
        yield (DuckDBStore(con, catalog="gold" if attach else "target", memory_limit_mb=s.ml_engine_memory_mb),
               folder / "models")


def train_all(data_dir: Path | str | None = None, *, models: Sequence[str] | None = None,
              progress: bool = True, settings=None, profiler: Profiler | None = None,
              spark=None) -> TrainReport:
    """Train and score ``models`` (default: all of them) into Gold; what ``health-monitor demo`` calls.

    With ``spark`` (a SparkSession, as in the bundle's training job) the feature SQL runs on Spark
    and the prediction tables are written through it.
    """
    return _with_context(run, data_dir, models, progress=progress, settings=settings, profiler=profiler,
                         spark=spark)


# -- incremental scoring -----------------------------------------------------------------------

def _load_artefact(path: str | None) -> Any:
    if not path or not Path(path).exists():
        return None
    with open(path, "rb") as fh:
        return pickle.load(fh)  # noqa: S301 - our own artefact folder, written by _save_artefact


def _last_scored_day(ctx: RunContext, model: Model):
    import pandas as pd

    if not model.day_column or not ctx.store.exists(model.output.table):
        return None
    value = ctx.read(f"select max({model.day_column}) as last_day from main.health_monitor.{model.output.table}",
                     label=f"{model.output.table} (last scored day)")["last_day"].iloc[0]
    return None if value is None or pd.isna(value) else pd.Timestamp(value).normalize()


def score_model(model: Model, ctx: RunContext, registry) -> dict[str, Any]:
    """Score ``model``'s active version as of ``ctx.as_of``; a day-keyed table gets only the days
    after its last scored day (the last scored day itself again: it may have been partial)."""
    import pandas as pd

    active = registry[(registry["model_name"] == model.name) & (registry["status"] == "active")]
    if active.empty:
        return {"reason": "no trained version: run `health-monitor train` first", "rows": 0, "version": None}
    rec = active.sort_values("trained_at").iloc[-1]
    state = _load_artefact(rec.get("artefact_path"))
    if state is None:
        return {"reason": f"the artefact of v{int(rec['version'])} is missing: run `health-monitor train`",
                "rows": 0, "version": int(rec["version"])}
    since = _last_scored_day(ctx, model)
    if model.day_column and since is not None:
        # only the new days come back from the engine (their features carry their own look-back)
        history = model.prepare(ctx.window(model.feature_sql, model.time_column, since, model._bound(ctx.as_of)))
    else:
        history = model.history(model.features(ctx), ctx.as_of)
    t0 = time.perf_counter()
    predictions = model.score(state, history, ctx.as_of, ctx)
    latency_ms = (time.perf_counter() - t0) * 1000
    version = int(rec["version"])
    if predictions is None or predictions.empty:
        predictions = pd.DataFrame(columns=[c for c, _ in model.output.schema])
    frame = predictions.assign(scored_by=model.name, scored_by_version=version, scored_at=ctx.as_of)
    if model.day_column and since is not None:
        day = pd.to_datetime(frame[model.day_column])
        frame = frame[day >= since]
        ctx.store.replace_days(model.output.table, frame, model.output.schema, model.day_column, since.date())
    else:
        ctx.store.replace(model.output.table, frame, model.output.schema)
    return {"reason": "", "rows": len(frame), "version": version, "latency_ms": latency_ms,
            "since": None if since is None else since.date(), "predictions": predictions}


def score_run(ctx: RunContext, models: list[Model], *, progress: bool = True) -> TrainReport:
    """The frequent job: no training; every model's active version scores what is new."""
    from tqdm import tqdm

    report = TrainReport(as_of=ctx.as_of)
    t_all = time.perf_counter()
    registry, prior_inference = read_prior(ctx.store)
    ctx.prior_registry = registry
    if not ctx.models:
        ctx.models = all_models()
    ctx.plan([m.feature_sql for m in models])
    rows: list[dict[str, Any]] = []
    for model in tqdm(models, desc="score", unit="model", disable=not progress):
        t0 = time.perf_counter()
        with _model_span(ctx, model.name), _single_threaded():
            try:
                result = score_model(model, ctx, registry)
            except (InsufficientData, WarehouseUnavailable) as e:
                result = {"reason": str(e), "rows": 0, "version": None}
            ctx.release(model.feature_sql)
        ctx.results[model.name] = {"predictions": result.pop("predictions", None)}
        since = result.get("since")
        report.models[model.name] = ModelReport(
            name=model.name, status="scored" if not result["reason"] else "not scored", version=result["version"],
            metric="rows", value=float(result["rows"]), train_seconds=time.perf_counter() - t0,
            reason=result["reason"] or (f"days from {since:%Y-%m-%d}" if since else "all rows"))
        if not result["reason"]:
            rows.append({"model_name": model.name, "model_version": result["version"],
                         "endpoint_name": endpoint_name(model.name), "mode": "incremental", "scored_at": ctx.as_of,
                         "rows_scored": result["rows"], "latency_ms": result["latency_ms"],
                         "latency_per_1k_rows_ms": result["latency_ms"] / max(result["rows"], 1) * 1000})
    inference = _append_inference(prior_inference, rows)
    ctx.store.replace(INFERENCE_TABLE, inference, INFERENCE_SCHEMA)
    report.seconds = time.perf_counter() - t_all
    return report


def _append_inference(prior, rows):
    import pandas as pd

    new = pd.DataFrame(rows)
    if new.empty:
        return prior
    frame = new if prior.empty else pd.concat([prior, new], ignore_index=True)
    frame["scored_at"] = pd.to_datetime(frame["scored_at"])
    return frame.drop_duplicates(["model_name", "scored_at", "mode"], keep="last").reset_index(drop=True)


def score_all(data_dir: Path | str | None = None, *, models: Sequence[str] | None = None,
              progress: bool = True, settings=None, profiler: Profiler | None = None,
              spark=None) -> TrainReport:
    """Incremental scoring of ``models`` (default: all) with their active versions; no training."""
    return _with_context(score_run, data_dir, models, progress=progress, settings=settings, profiler=profiler,
                         spark=spark)


def _with_context(step: Any, data_dir: Path | str | None, models: Sequence[str] | None, *, progress: bool,
                  settings: Any, profiler: Profiler | None, spark: Any) -> TrainReport:
    """Open the store (embedded, Databricks or Spark), build the run context and run ``step`` in it."""
    from health_monitor.core.settings import get_settings

    s = settings or get_settings()
    chosen = resolve(models)
    if profiler is not None:
        profiler.start()
    try:
        with open_store(Path(data_dir) if data_dir else None, s, spark=spark) as (store, artefacts):
            ctx = RunContext(store=store, as_of=_as_of(store), artefact_dir=artefacts, models=all_models(),
                             feature_budget_mb=s.ml_feature_memory_mb or None, profiler=profiler)
            return step(ctx, chosen, progress=progress)
    finally:
        if profiler is not None:
            profiler.stop()
