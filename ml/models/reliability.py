"""Reliability and performance: warehouse uptime, incident categories, compute bottlenecks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from health_monitor.ml.base import InsufficientData, Model, Output, pct
from health_monitor.ml.stats import prf, rng, robust_scale


@dataclass
class UptimeState:
    rate_per_day: dict[str, float] = field(default_factory=dict)
    mean_outage_s: dict[str, float] = field(default_factory=dict)
    prior_rate: float = 0.01
    prior_days: float = 30.0


class UptimePredictor(Model):
    """Outage risk and expected availability of each SQL warehouse over the next 7 and 30 days.

    Method: outages as a Poisson process per warehouse with a Gamma prior (the fleet's rate,
    worth 30 days), and the warehouse's mean outage length (fleet mean when it has none). From
    them: P(at least one outage in 7 days) = 1 - exp(-7 * rate) and expected availability =
    1 - rate * mean length / 86400. Why not a classifier: outages are rare events (a handful a
    quarter); a rate with a prior is the model that data can support.
    Metric: Brier score of "an outage in the validation week" per warehouse, and the absolute
    error of the predicted vs actual availability.
    """

    name = "uptime_predictor"
    family = "reliability"
    description = "Outage probability and expected availability per SQL warehouse"
    feature_sql = "warehouse_uptime.sql"
    time_column = "usage_date"
    min_days = 14
    primary_metric = "brier"
    lower_is_better = True
    drift_features = ("outage_seconds", "running_seconds")
    output = Output("ml_uptime_forecast", """warehouse_id string, warehouse_name string, workspace_name string,
        outages_90d bigint, outage_rate_per_30d double, prob_outage_7d double, prob_outage_30d double,
        expected_availability double, month_to_date_availability double, last_outage_date date, explanation string""")

    def train(self, data, cutoff, ctx):
        days = data.groupby("warehouse_id")["usage_date"].nunique()
        outages = data.groupby("warehouse_id")["outages"].sum()
        fleet = float(outages.sum() / max(days.sum(), 1))
        state = UptimeState(prior_rate=max(fleet, 1e-3))
        lengths = data[data["outages"] > 0]
        fleet_len = float(lengths["outage_seconds"].sum() / max(lengths["outages"].sum(), 1)) if len(lengths) else 3600.0
        for wh in days.index:
            state.rate_per_day[wh] = float((outages[wh] + state.prior_days * state.prior_rate)
                                           / (days[wh] + state.prior_days))
            lw = lengths[lengths["warehouse_id"] == wh]
            state.mean_outage_s[wh] = float(lw["outage_seconds"].sum() / lw["outages"].sum()) if len(lw) else fleet_len
        return state

    def evaluate(self, state, train, valid, cutoff, ctx):
        import math

        import numpy as np

        errs, av_err = [], []
        for wh, g in valid.groupby("warehouse_id"):
            rate = state.rate_per_day.get(wh, state.prior_rate)
            p = 1 - math.exp(-rate * len(g))
            errs.append((p - float(g["outages"].sum() > 0)) ** 2)
            exp_av = 1 - rate * state.mean_outage_s.get(wh, 3600) / 86400
            av_err.append(abs(exp_av - float(g["availability"].mean())))
        return {"brier": float(np.mean(errs)) if errs else None,
                "availability_mae": float(np.mean(av_err)) if av_err else None}

    def score(self, state, history, cutoff, ctx):
        import math

        import pandas as pd

        h = history.copy()
        h["usage_date"] = pd.to_datetime(h["usage_date"])
        month_start = pd.Timestamp(cutoff).normalize().replace(day=1)
        rows = []
        for wh, g in h.groupby("warehouse_id"):
            rate = state.rate_per_day.get(wh, state.prior_rate)
            mtd = g[g["usage_date"] >= month_start]
            last = g.loc[g["outages"] > 0, "usage_date"].max()
            exp_av = 1 - rate * state.mean_outage_s.get(wh, 3600) / 86400
            mtd_av = float(1 - mtd["outage_seconds"].sum() / (86400 * len(mtd))) if len(mtd) else None
            why = (f"{int(g['outages'].sum())} outage(s) in {g['usage_date'].nunique()} days"
                   + (f", last on {last:%Y-%m-%d}" if pd.notna(last) else "")
                   + f"; {pct(1 - math.exp(-7 * rate))} chance of an outage in the next 7 days"
                   + (f"; month-to-date availability {mtd_av * 100:.2f} %" if mtd_av is not None else ""))
            rows.append({"warehouse_id": wh, "warehouse_name": g["warehouse_name"].iloc[-1],
                         "workspace_name": g["workspace_name"].iloc[-1], "outages_90d": int(g["outages"].sum()),
                         "outage_rate_per_30d": rate * 30, "prob_outage_7d": 1 - math.exp(-7 * rate),
                         "prob_outage_30d": 1 - math.exp(-30 * rate), "expected_availability": exp_av,
                         "month_to_date_availability": mtd_av,
                         "last_outage_date": last.date() if pd.notna(last) else None, "explanation": why})
        return pd.DataFrame(rows)


# -- incident classification -------------------------------------------------------------------

#: Seed rules: category -> pattern. They label the training texts; the classifier generalises.
CATEGORY_RULES = {
    "resource_exhaustion": r"out of memory|oom|insufficient.*capacity|no capacity|gc overhead|disk full|quota",
    "schema_change": r"schema|merge fields|incompatible data type|column .* changed type|cannot resolve",
    "missing_object": r"not[_ ]found|does not exist|cannot be found",
    "infrastructure": r"spot_instance|terminated unexpectedly|driver has stopped|executorlost|launch_failure|"
                      r"cloud_provider|unavailable|connection reset|timed? ?out|network",
    "code_error": r"syntax|parse|divide_by_zero|division by zero|nullpointer|typeerror|valueerror|assert",
    "permission": r"permission|denied|unauthori[sz]ed|forbidden|403|401",
}
OTHER = "other"


def _labels(texts):
    """:func:`rule_label` of each text, each distinct text matched once."""
    unique = texts.drop_duplicates()
    return texts.map(dict(zip(unique, (rule_label(x) for x in unique), strict=True)))


def _predict_distinct(model, texts, proba: bool = False):
    """The pipeline's predictions for ``texts``, computed once per distinct text."""
    import numpy as np

    values = np.asarray(texts, dtype=object)
    unique, inverse = np.unique(values, return_inverse=True)
    out = model.predict_proba(list(unique)) if proba else model.predict(list(unique))
    return out[inverse.ravel()]


def _fit_weighted(union, unique: list[str], counts) -> None:
    """Fit each TF-IDF vectoriser of ``union`` on the distinct texts with the IDF of the full corpus
    (every text ``counts`` times): smooth IDF = ln((1 + n) / (1 + df)) + 1 with weighted df."""
    import numpy as np

    union.fit(unique)
    n = float(np.sum(counts))
    for _, vec in union.transformer_list:
        present = (vec.transform(unique) != 0).astype(float)
        df = np.asarray(present.T @ counts).ravel()
        vec.idf_ = np.log((1.0 + n) / (1.0 + df)) + 1.0


def rule_label(text: str | None) -> str:
    t = (text or "").lower()
    for cat, pattern in CATEGORY_RULES.items():
        if re.search(pattern, t):
            return cat
    return OTHER


class IncidentClassifier(Model):
    """Category of each failure (job runs, queries) from its error text: resource exhaustion,
    schema change, missing object, infrastructure, code error, permission.

    Method: seed rules (regular expressions an operator can read) label the training texts; a
    TF-IDF (word and character n-grams) + logistic-regression classifier learns from them and
    labels texts no rule matches (new phrasings), with its probability as the confidence. Why not
    a transformer: error messages are short, formulaic and domain-specific; n-grams separate them
    well, train in milliseconds and need no model download.
    Metric: macro-F1 of the classifier against the seed labels on the validation week's failures
    (how well it has learned the taxonomy), and the share of texts only the classifier could label.
    """

    name = "incident_classifier"
    family = "reliability"
    description = "Category and severity of each job / query failure, from its error message"
    feature_sql = "failures.sql"
    time_column = "occurred_at"
    grain = "event"
    min_days = 7
    primary_metric = "macro_f1"
    drift_features = ()
    output = Output("ml_incident_classes", """incident_id string, source string, subject string,
        workspace_name string, occurred_at timestamp, category string, confidence double, labelled_by string,
        severity string, error_message string, explanation string""")

    def train(self, data, cutoff, ctx):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import FeatureUnion, make_pipeline

        texts = data["error_message"].fillna("").astype(str)
        texts = texts[texts.str.len() > 0]
        labels = _labels(texts)
        known = labels != OTHER
        if known.sum() < 5 or labels[known].nunique() < 2:
            raise InsufficientData("fewer than five categorised error messages to learn from")
        vec = FeatureUnion([("w", TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True)),
                            ("c", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=1, sublinear_tf=True))])
        model = make_pipeline(vec, LogisticRegression(max_iter=1000, C=5.0))
        # Error messages repeat (thousands of failures, a few hundred distinct texts): the vectoriser
        # and the classifier see each distinct text once, weighted by its count - the same IDF and
        # the same objective as fitting on every text, a fraction of the work.
        counts = texts[known].value_counts(sort=False)
        unique = counts.index.tolist()
        _fit_weighted(vec, unique, counts.to_numpy(float))
        model.steps[-1][1].fit(vec.transform(unique), [rule_label(t) for t in unique],
                               sample_weight=counts.to_numpy(float))
        return model

    def evaluate(self, state, train, valid, cutoff, ctx):
        from sklearn.metrics import f1_score

        texts = valid["error_message"].fillna("").astype(str)
        texts = texts[texts.str.len() > 0]
        if texts.empty:
            return {"macro_f1": None}
        labels = _labels(texts)
        known = labels != OTHER
        pred = _predict_distinct(state, texts[known]) if known.any() else []
        return {"macro_f1": float(f1_score(labels[known], pred, average="macro")) if known.any() else None,
                "unlabelled_share": float((~known).mean()), "validation_failures": int(len(texts))}

    def score(self, state, history, cutoff, ctx):
        import numpy as np
        import pandas as pd

        h = history.copy()
        h["occurred_at"] = pd.to_datetime(h["occurred_at"])
        h = h[h["occurred_at"] >= pd.Timestamp(cutoff) - pd.Timedelta(days=30)].reset_index(drop=True)
        if h.empty:
            return h
        texts = h["error_message"].fillna("").astype(str)
        rules = _labels(texts)
        proba = _predict_distinct(state, texts, proba=True)
        classes = np.asarray(state.classes_)
        learned, conf = classes[proba.argmax(axis=1)], proba.max(axis=1)
        use_rule = rules != OTHER
        h["category"] = np.where(use_rule, rules, np.where(texts.str.len() > 0, learned, OTHER))
        h["confidence"] = np.where(use_rule, 1.0, np.where(texts.str.len() > 0, conf, 0.0))
        h["labelled_by"] = np.where(use_rule, "rule", np.where(texts.str.len() > 0, "classifier", "none"))
        counts = h.groupby(["subject", "category"])["incident_id"].transform("count")
        h["severity"] = np.where(counts >= 3, "high", np.where(counts == 2, "medium", "low"))
        h["explanation"] = [f"{c.replace('_', ' ')} ({lb}, {cf:.0%}): {n} such failure(s) of {s} in 30 days"
                            for c, lb, cf, n, s in zip(h["category"], h["labelled_by"], h["confidence"], counts,
                                                       h["subject"], strict=True)]
        return h.sort_values("occurred_at", ascending=False, ignore_index=True)


# -- bottlenecks -------------------------------------------------------------------------------

@dataclass
class BottleneckState:
    centre: dict[str, float] = field(default_factory=dict)
    scale: dict[str, float] = field(default_factory=dict)
    fleet_scale: float = 1.0


class BottleneckDetector(Model):
    """Clusters saturated for hours: CPU above 90 % for longer than is normal for that cluster.

    Method: per cluster-day, the hours with peak CPU above 90 %; each cluster's usual level is its
    median and MAD over the training days (fleet MAD as the floor). A day is a bottleneck when it
    has at least 3 hot hours and is more than 4 robust standard deviations above the cluster's
    norm. Why not a multivariate anomaly model: saturation is one well-understood signal; an
    explicit rule on it is what an operator would check, and it names the hours.
    Metrics: precision / recall on validation cluster-days into which 4-8 hot hours are injected.
    """

    name = "bottleneck_detector"
    family = "performance"
    description = "Compute bottlenecks: clusters saturated (CPU > 90 %) for unusually many hours"
    feature_sql = "node_util.sql"
    time_column = "usage_date"
    day_column = "usage_date"
    min_days = 14
    primary_metric = "f1"
    drift_features = ("avg_cpu", "hot_hours", "avg_mem")
    output = Output("ml_bottlenecks", """usage_date date, workspace_id string, cluster_id string,
        cluster_name string, hot_hours bigint, avg_cpu double, peak_cpu double, avg_mem double, usual_hot_hours double,
        score double, is_bottleneck boolean, explanation string""")

    def train(self, data, cutoff, ctx):
        if data["hours"].sum() == 0:
            raise InsufficientData("no node utilisation samples")
        state = BottleneckState(fleet_scale=robust_scale(data["hot_hours"], 0.5)[1])
        for cid, g in data.groupby("cluster_id"):
            c, s = robust_scale(g["hot_hours"], 0.5)
            state.centre[cid], state.scale[cid] = c, max(s, state.fleet_scale)
        return state

    def _flag(self, state, rows):

        centre = rows["cluster_id"].map(state.centre).fillna(0.0).to_numpy(float)
        scale = rows["cluster_id"].map(state.scale).fillna(state.fleet_scale).to_numpy(float)
        x = rows["hot_hours"].fillna(0).to_numpy(float)
        z = (x - centre) / scale
        return z, (x >= 3) & (z > 4)

    def evaluate(self, state, train, valid, cutoff, ctx):
        if valid.empty:
            return {"f1": None}
        _, clean = self._flag(state, valid)
        r = rng(9)
        injected = r.random(len(valid)) < 0.1
        rows = valid.copy()
        rows.loc[injected, "hot_hours"] = rows.loc[injected, "hot_hours"] + r.integers(4, 9, injected.sum())
        _, flags = self._flag(state, rows)
        out = prf(injected, flags)
        out["flag_rate_untouched"] = float(clean.mean())
        return out

    def score(self, state, history, cutoff, ctx):
        import pandas as pd

        h = history.copy()
        h["usage_date"] = pd.to_datetime(h["usage_date"])
        h = h[h["usage_date"] >= h["usage_date"].max() - pd.Timedelta(days=13)].reset_index(drop=True)
        z, flag = self._flag(state, h)
        h["score"], h["is_bottleneck"] = z, flag
        h["usual_hot_hours"] = h["cluster_id"].map(state.centre).fillna(0.0)
        h["explanation"] = [
            (f"BOTTLENECK: {r.cluster_name} above 90 % CPU for {int(r.hot_hours)} h on {r.usage_date:%Y-%m-%d} "
             f"(usually {r.usual_hot_hours:.0f} h); average CPU {r.avg_cpu:.0f} %") if r.is_bottleneck else
            f"{r.cluster_name}: {int(r.hot_hours)} h above 90 % CPU (usual {r.usual_hot_hours:.0f} h)"
            for r in h.itertuples()]
        return h.sort_values(["is_bottleneck", "score"], ascending=False, ignore_index=True)
