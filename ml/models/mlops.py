"""MLOps: input drift of the health monitor's own models, and when to retrain them."""

from __future__ import annotations

import json
from dataclasses import dataclass

from health_monitor.ml.base import STATUS_INSUFFICIENT, InsufficientData, Model, Output, pct
from health_monitor.ml.drift import day_types, is_drift, ks, matched_reference, mean_shift, psi

LIVE_DAYS = 3
SEGMENT_Z = 5.0
SEGMENT_MIN_CHANGE = 0.10
DECAY_FLOOR = 0.05  # metric units
DECAY_LIMIT = 0.20
MAX_AGE_DAYS = 30


def readable(x: float) -> str:
    """3 significant figures people read without scientific notation: 1,860 / 23.4 / 0.512."""
    if abs(x) >= 100:
        return f"{x:,.0f}"
    return f"{x:.3g}" if abs(x) < 10 else f"{x:.1f}"


def monitored(models) -> list[str]:
    """The models whose inputs the MLOps family watches (every model with drift features)."""
    return [n for n, m in models.items() if m.drift_features and not m.monitors_models]


def _registry(ctx):
    import pandas as pd

    reg = ctx.prior_registry
    if reg is None or reg.empty:
        if ctx.store.exists("ml_model_registry"):
            reg = ctx.read_file("model_registry.sql")
        else:
            return pd.DataFrame(columns=["model_name", "trained_at", "status"])
    reg = reg.copy()
    reg["trained_at"] = pd.to_datetime(reg["trained_at"])
    return reg[~reg["model_name"].isin(["model_drift_detector", "retraining_trigger"])]


def _active(reg, cutoff):
    import pandas as pd

    ok = reg[(reg["status"] != STATUS_INSUFFICIENT) & (reg["trained_at"] <= pd.Timestamp(cutoff))]
    return ok.sort_values("trained_at").groupby("model_name").tail(1)


def _live_rows(model: Model, ctx, cutoff):
    return model.live_features(ctx, cutoff, LIVE_DAYS)


@dataclass
class DriftState:
    live_days: int = LIVE_DAYS


class ModelDriftDetector(Model):
    """Input drift of each health-monitor model: its last 3 days of features vs its training reference.

    Method: the registry keeps, for each version, statistics of the last four weeks of its training
    rows (for detectors: the rows the detector itself considered normal), overall and per segment
    (e.g. per workspace), each also split into weekdays and weekends. The live rows are the model's
    features of the last 3 days; they are compared with the reference mixed in the same weekday /
    weekend proportions (three weekdays against the reference weekdays), so the weekly rhythm of
    the platform does not read as drift. Overall, a
    feature drifts when the small-sample-corrected PSI exceeds 0.25 *and* the KS test rejects at
    1 %; per segment (few rows), when the live mean is more than 5 standard errors and at least 10 %
    away from the reference mean. Metric: recall on live windows shifted by 3 reference standard
    deviations, and the flag rate on the unshifted ones.
    """

    name = "model_drift_detector"
    family = "mlops"
    description = "Input-feature drift (PSI / KS / mean shift) of each health-monitor model"
    feature_sql = "model_registry.sql"
    time_column = "trained_at"
    grain = "event"
    min_days = 1
    valid_days = 0
    primary_metric = "recall_injected"
    output = Output("ml_model_drift", """monitored_model string, monitored_version bigint, feature string,
        segment string, n_reference bigint, n_live bigint, reference_mean double, live_mean double, psi double,
        ks_stat double, ks_p double, mean_shift_z double, is_drift boolean, explanation string""")

    monitors_models = True  # every monitored model is trained first

    def features(self, ctx):
        return _registry(ctx)

    def check(self, history, cutoff):
        if history.empty or (history["status"] == STATUS_INSUFFICIENT).all():
            raise InsufficientData("no trained model versions to monitor")

    def split(self, history, cutoff):
        return history, history

    def train(self, data, cutoff, ctx):
        return DriftState()

    def _compare(self, ctx, cutoff, shift_sd: float = 0.0):
        import numpy as np
        import pandas as pd

        rows = []
        for rec in _active(_registry(ctx), cutoff).to_dict("records"):
            model = ctx.models.get(rec["model_name"])
            stats = json.loads(rec.get("feature_stats") or "{}")
            if model is None or not stats.get("features"):
                continue
            live = _live_rows(model, ctx, cutoff)
            if live is None or live.empty:
                continue
            kinds = day_types(live[model.time_column])
            by_type = stats.get("day_types") or {}
            for feat, pooled in stats["features"].items():
                if feat not in live.columns:
                    continue
                ref = matched_reference(pooled, {k: v[feat] for k, v in by_type.items() if feat in v}, kinds)
                # injected shifts are in pooled standard deviations (comparable across versions)
                values = live[feat].astype(float).to_numpy() + shift_sd * pooled["std"]
                p, (d, kp), z = psi(ref, values), ks(ref, values), mean_shift(ref, values)
                drift = is_drift(p, kp)
                rows.append({"monitored_model": model.name, "monitored_version": rec.get("version"), "feature": feat,
                             "segment": "all", "n_reference": ref["n"], "n_live": int(np.isfinite(values).sum()),
                             "reference_mean": ref["mean"], "live_mean": float(np.nanmean(values)), "psi": p,
                             "ks_stat": d, "ks_p": kp, "mean_shift_z": z, "is_drift": drift})
            seg_col = model.segment_column
            for seg, feats in (stats.get("segments") or {}).items():
                if not seg_col or seg_col not in live.columns:
                    continue
                in_seg = (live[seg_col].astype(str) == seg).to_numpy()
                part = live[in_seg]
                if len(part) < 2:
                    continue
                label = str(part[f"{seg_col.replace('_id', '_name')}"].iloc[-1]) if \
                    f"{seg_col.replace('_id', '_name')}" in part.columns else seg
                seg_types = (stats.get("segment_day_types") or {}).get(seg) or {}
                for feat, pooled in feats.items():
                    if feat not in part.columns:
                        continue
                    ref = matched_reference(pooled, {k: v[feat] for k, v in seg_types.items() if feat in v},
                                            kinds[in_seg])
                    if not ref.get("std"):
                        continue
                    values = part[feat].astype(float).to_numpy() + shift_sd * pooled["std"]
                    n = int(np.isfinite(values).sum())
                    live_mean = float(np.nanmean(values))
                    z = (live_mean - ref["mean"]) / (ref["std"] / np.sqrt(max(n, 1)))
                    change = live_mean / ref["mean"] - 1 if ref["mean"] else 0.0
                    drift = bool(abs(z) > SEGMENT_Z and abs(change) >= SEGMENT_MIN_CHANGE)
                    rows.append({"monitored_model": model.name, "monitored_version": rec.get("version"),
                                 "feature": feat, "segment": label, "n_reference": ref["n"], "n_live": n,
                                 "reference_mean": ref["mean"], "live_mean": live_mean, "psi": None, "ks_stat": None,
                                 "ks_p": None, "mean_shift_z": float(z), "is_drift": drift})
        return pd.DataFrame(rows)

    def evaluate(self, state, train, valid, cutoff, ctx):
        clean = self._compare(ctx, cutoff)
        shifted = self._compare(ctx, cutoff, shift_sd=3.0)
        if clean.empty:
            return {"recall_injected": None}
        return {"recall_injected": float(shifted["is_drift"].mean()), "flag_rate_live": float(clean["is_drift"].mean()),
                "features_monitored": int(len(clean))}

    def score(self, state, history, cutoff, ctx):
        out = self._compare(ctx, cutoff)
        if out.empty:
            return out
        texts = []
        for r in out.itertuples():
            where = "" if r.segment == "all" else f" in {r.segment}"
            change = (r.live_mean / r.reference_mean - 1) if r.reference_mean else 0.0
            base = (f"{r.monitored_model}: {r.feature}{where} averaged {readable(r.live_mean)} over the last {LIVE_DAYS} "
                    f"days vs {readable(r.reference_mean)} in training ({'+' if change >= 0 else '-'}{pct(change)}")
            base += f", PSI {r.psi:.2f}, KS p={r.ks_p:.3g})" if r.segment == "all" else f", {r.mean_shift_z:+.1f} standard errors)"
            texts.append(("DRIFT: " if r.is_drift else "") + base)
        out["explanation"] = texts
        return out.sort_values(["is_drift", "monitored_model"], ascending=[False, True], ignore_index=True)


class RetrainingTrigger(Model):
    """Decides per model whether a retrain is due: input drift, metric decay, age, or missing data.

    Method: a model is due when model_drift_detector reports drifting inputs, when its primary
    validation metric (which, version after version, is the live performance of the version
    before) is more than 20 % worse than the mean of its earlier versions, or when it is older than
    30 days. Metric: backtested precision - of the past versions the decay rule would have
    retrained, the share whose next version did improve the metric.
    """

    name = "retraining_trigger"
    family = "mlops"
    description = "Whether each model needs retraining (drift, metric decay, age)"
    feature_sql = "model_registry.sql"
    time_column = "trained_at"
    grain = "event"
    min_days = 1
    valid_days = 0
    primary_metric = "decay_precision"
    depends_on = ("model_drift_detector",)
    monitors_models = True
    output = Output("ml_retraining_decisions", """model_name string, active_version bigint, trained_at timestamp,
        versions bigint, days_since_training double, primary_metric string, latest_value double, baseline_value double,
        decay_pct double, drifting_features bigint, retrain_due boolean, reason string, explanation string""")

    def features(self, ctx):
        return _registry(ctx)

    def check(self, history, cutoff):
        if history.empty:
            raise InsufficientData("no model versions registered")

    def split(self, history, cutoff):
        return history, history

    def train(self, data, cutoff, ctx):
        return DriftState()

    @staticmethod
    def _decay(values, lower_is_better: bool):
        import numpy as np

        vals = [v for v in values if v is not None and np.isfinite(v)]
        if len(vals) < 2:
            return None, None
        latest, base = vals[-1], float(np.mean(vals[:-1]))
        # Metrics live on 0..1-ish scales (AUC, F1, Brier, MAPE): a floor on the denominator keeps a
        # near-perfect earlier score (Brier 1e-7) from turning a small change into "17,912,777 % worse".
        denominator = max(abs(base), DECAY_FLOOR)
        worse = (latest - base) / denominator if lower_is_better else (base - latest) / denominator
        return base, worse

    def evaluate(self, state, train, valid, cutoff, ctx):
        hits = total = 0
        for name, g in _registry(ctx).groupby("model_name"):
            model = ctx.models.get(name)
            vals = g.sort_values("trained_at")["primary_metric_value"].tolist()
            for k in range(2, len(vals) - 1):
                _, worse = self._decay(vals[: k + 1], model.lower_is_better if model else False)
                if worse is not None and worse > DECAY_LIMIT and vals[k + 1] is not None:
                    total += 1
                    better = vals[k + 1] < vals[k] if (model and model.lower_is_better) else vals[k + 1] > vals[k]
                    hits += int(better)
        return {"decay_precision": hits / total if total else None, "decisions_backtested": total}

    def score(self, state, history, cutoff, ctx):
        import pandas as pd

        drift = ctx.results.get("model_drift_detector", {}).get("predictions")
        drifting = drift[drift["is_drift"]].groupby("monitored_model")["feature"].nunique() \
            if drift is not None and len(drift) else pd.Series(dtype=float)
        reg = _registry(ctx)
        rows = []
        for name, g in reg.groupby("model_name"):
            model = ctx.models.get(name)
            g = g.sort_values("trained_at")
            ok = g[g["status"] != STATUS_INSUFFICIENT]
            if ok.empty:
                reason = g["status_reason"].iloc[-1] if "status_reason" in g else "insufficient data"
                rows.append({"model_name": name, "versions": len(g), "retrain_due": True,
                             "reason": "insufficient data",
                             "explanation": f"{name} has never trained: {reason}; retrain when data arrives"})
                continue
            last = ok.iloc[-1]
            age = (pd.Timestamp(cutoff) - last["trained_at"]).total_seconds() / 86400
            base, worse = self._decay(ok["primary_metric_value"].tolist(), model.lower_is_better if model else False)
            n_drift = int(drifting.get(name, 0))
            reasons = []
            if n_drift:
                reasons.append(f"input drift in {n_drift} feature(s)")
            if worse is not None and worse > DECAY_LIMIT:
                reasons.append(f"{last['primary_metric']} {pct(worse)} worse than earlier versions")
            if age > MAX_AGE_DAYS:
                reasons.append(f"trained {age:.0f} days ago")
            due = bool(reasons)
            value = last["primary_metric_value"]
            rows.append({"model_name": name, "active_version": last.get("version"), "trained_at": last["trained_at"],
                         "versions": len(ok), "days_since_training": age, "primary_metric": last["primary_metric"],
                         "latest_value": value, "baseline_value": base, "decay_pct": worse,
                         "drifting_features": n_drift, "retrain_due": due, "reason": "; ".join(reasons) or "none",
                         "explanation": (f"retrain {name}: " + "; ".join(reasons)) if due else
                         f"{name} v{last.get('version')} is current ({len(ok)} trainings; "
                         f"{last['primary_metric']} {value if value is None or pd.isna(value) else round(float(value), 3)})"})
        return pd.DataFrame(rows)
