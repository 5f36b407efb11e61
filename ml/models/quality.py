"""Data quality: column distribution drift and table freshness risk."""

from __future__ import annotations

from dataclasses import dataclass, field

from health_monitor.ml.base import InsufficientData, Model, Output, pct
from health_monitor.ml.stats import as_categories, prf, rng

LIVE_DAYS = 7
BASELINE_DAYS = 28


def _normal_psi(mu_b: float, sd_b: float, mu_l: float, sd_l: float, bins: int = 10) -> float:
    """PSI between two normal approximations over the baseline's deciles."""
    import numpy as np
    from scipy.special import ndtr, ndtri  # plain ufuncs: much faster than scipy.stats.norm

    sd_b, sd_l = max(sd_b, 1e-9), max(sd_l, 1e-9)
    edges = mu_b + sd_b * ndtri(np.linspace(0, 1, bins + 1)[1:-1])
    cdf_l = np.concatenate([[0.0], ndtr((edges - mu_l) / sd_l), [1.0]])
    p_l = np.clip(np.diff(cdf_l), 1e-4, None)
    p_b = np.full(bins, 1.0 / bins)
    return float(np.sum((p_l - p_b) * np.log(p_l / p_b)))


def _column_stats(frame):
    """Row-weighted mean and pooled (within- plus between-day) std per (table, column), vectorised.

    Sums by integer key codes (``np.bincount``): the detector asks for ~130 windows per training,
    and a pandas group-by per window was most of its time."""
    import numpy as np
    import pandas as pd

    f = frame[frame["avg"].notna()]
    if f.empty:
        return pd.DataFrame()
    tables, t_names = _codes(f["table_full_name"])
    columns, c_names = _codes(f["column_name"])
    keys, group = np.unique(tables * len(c_names) + columns, return_inverse=True)
    w = f["row_count"].fillna(1).clip(lower=1).to_numpy(float)
    avg = f["avg"].to_numpy(float)

    def total(values):
        return np.bincount(group, weights=values, minlength=len(keys))

    sw = total(w)
    mean = total(w * avg) / sw
    between = np.clip(total(w * avg * avg) / sw - mean ** 2, 0, None)
    within = total(w * f["stddev"].fillna(0).to_numpy(float) ** 2) / sw
    return pd.DataFrame({"table_full_name": t_names[keys // len(c_names)],
                         "column_name": c_names[keys % len(c_names)], "mean": mean,
                         "std": np.sqrt(within + between),
                         "null_rate": total(w * f["null_rate"].fillna(0).to_numpy(float)) / sw,
                         "windows": np.bincount(group, minlength=len(keys))})


def _codes(column):
    """(integer code per row, the sorted distinct values) of a string column."""
    import numpy as np
    import pandas as pd

    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(np.int64), np.asarray(column.cat.categories, dtype=object)
    codes, uniques = pd.factorize(column, sort=True)
    return codes.astype(np.int64), np.asarray(uniques, dtype=object)


@dataclass
class DriftState:
    threshold_psi: float = 0.2
    reference: dict = field(default_factory=dict)


class DriftDetector(Model):
    """Distribution drift of table columns: the last 7 days of profile windows vs the 28 before.

    Method: from the daily profile metrics (mean, standard deviation, null rate, row count) each
    column's baseline and live distributions are approximated as normals (pooled within- and
    between-day variance) and compared with the population stability index over the baseline's
    deciles, plus the shift of the mean in baseline standard deviations and the change of the null
    rate. The PSI threshold is learned: the 99th percentile of the same statistic between
    consecutive weeks of the training data, never below 0.2 (the usual "significant" level).
    Why not a classifier two-sample test: only aggregated profile metrics exist (no raw rows),
    which is exactly what PSI on a normal approximation needs.
    Metrics: precision / recall on validation columns whose live week is shifted by one baseline
    standard deviation (half of them, fixed seed).
    """

    name = "drift_detector"
    family = "quality"
    description = "Distribution drift per table column from the monitoring profile metrics"
    feature_sql = "table_profile.sql"
    time_column = "window_start"
    min_days = 21
    primary_metric = "f1"
    drift_features = ("avg", "null_rate", "row_count")
    output = Output("ml_data_drift", """table_full_name string, column_name string, baseline_mean double,
        live_mean double, baseline_std double, live_std double, mean_shift_pct double, mean_shift_sd double,
        psi double, baseline_null_rate double, live_null_rate double, is_drift boolean, severity string,
        explanation string""")

    def prepare(self, frame):
        return as_categories(frame, ("table_full_name", "column_name"))

    def _windows(self, frame, end):
        import pandas as pd

        t = pd.to_datetime(frame["window_start"])
        live = frame[(t >= end - pd.Timedelta(days=LIVE_DAYS)) & (t < end)]
        base = frame[(t >= end - pd.Timedelta(days=LIVE_DAYS + BASELINE_DAYS)) & (t < end - pd.Timedelta(days=LIVE_DAYS))]
        return base, live

    def _compare(self, base, live, threshold):
        import pandas as pd

        b, lv = _column_stats(base), _column_stats(live)
        if b.empty or lv.empty:
            return pd.DataFrame()
        m = b.merge(lv, on=["table_full_name", "column_name"], suffixes=("_b", "_l"))
        m["psi"] = [_normal_psi(r.mean_b, r.std_b, r.mean_l, r.std_l) for r in m.itertuples()]
        m["mean_shift_sd"] = (m["mean_l"] - m["mean_b"]) / m["std_b"].where(m["std_b"] > 0)
        m["mean_shift_pct"] = (m["mean_l"] - m["mean_b"]) / m["mean_b"].abs().where(m["mean_b"].abs() > 0)
        m["is_drift"] = (m["psi"] > threshold) | ((m["null_rate_l"] - m["null_rate_b"]).abs() > 0.05)
        return m

    def train(self, data, cutoff, ctx):
        import numpy as np
        import pandas as pd

        t = pd.to_datetime(data["window_start"])
        end = t.max().normalize() + pd.Timedelta(days=1)
        values = []
        for k in range(1, 6):
            base, live = self._windows(data, end - pd.Timedelta(days=7 * k))
            m = self._compare(base, live, 1e9)
            values += list(m["psi"]) if len(m) else []
        if not values:
            raise InsufficientData("not enough profile windows for a baseline and a live week")
        return DriftState(threshold_psi=max(0.2, float(np.quantile(values, 0.99))))

    def evaluate(self, state, train, valid, cutoff, ctx):
        import pandas as pd

        full = pd.concat([train, valid], ignore_index=True)
        end = pd.Timestamp(cutoff).normalize()
        base, live = self._windows(full, end)
        if live.empty or base.empty:
            return {"f1": None}
        clean = self._compare(base, live, state.threshold_psi)
        stats = _column_stats(base).set_index(["table_full_name", "column_name"])
        r = rng(3)
        keys = list(stats.index)
        chosen = {k for k, flag in zip(keys, r.random(len(keys)) < 0.5, strict=True) if flag}
        shifted = live.copy()
        mask = [(a, b) in chosen for a, b in zip(shifted["table_full_name"], shifted["column_name"], strict=True)]
        shifted.loc[mask, "avg"] = [v + stats.loc[(a, b), "std"] for a, b, v in
                                    shifted.loc[mask, ["table_full_name", "column_name", "avg"]].itertuples(index=False)]
        m = self._compare(base, shifted, state.threshold_psi)
        truth = [(a, b) in chosen for a, b in zip(m["table_full_name"], m["column_name"], strict=True)]
        out = prf(truth, m["is_drift"])
        out["flag_rate_untouched"] = float(clean["is_drift"].mean()) if len(clean) else None
        out["threshold_psi"] = state.threshold_psi
        return out

    def score(self, state, history, cutoff, ctx):
        import pandas as pd

        end = pd.Timestamp(cutoff).normalize()
        base, live = self._windows(history, end)
        m = self._compare(base, live, state.threshold_psi)
        if m.empty:
            return m
        texts, sev = [], []
        for r in m.itertuples():
            s = "high" if r.psi > 2 * state.threshold_psi else "medium" if r.is_drift else "none"
            sev.append(s)
            direction = "up" if (r.mean_shift_pct or 0) >= 0 else "down"
            texts.append(f"{r.table_full_name}.{r.column_name}: mean {r.mean_l:,.2f} vs {r.mean_b:,.2f} baseline "
                         f"({direction} {pct(r.mean_shift_pct or 0)}, {abs(r.mean_shift_sd or 0):.1f} sd), spread "
                         f"{r.std_l:,.2f} vs {r.std_b:,.2f}; PSI {r.psi:.2f} (threshold {state.threshold_psi:.2f})"
                         + ("; DRIFT" if r.is_drift else ""))
        out = m.rename(columns={"mean_b": "baseline_mean", "mean_l": "live_mean", "std_b": "baseline_std",
                                "std_l": "live_std", "null_rate_b": "baseline_null_rate",
                                "null_rate_l": "live_null_rate"})
        out["severity"], out["explanation"] = sev, texts
        return out.sort_values("psi", ascending=False, ignore_index=True)


# -- freshness ---------------------------------------------------------------------------------

HORIZONS = (6, 12, 24, 48)


@dataclass
class FreshnessState:
    median_gap: dict[str, float]
    ratios: list[float]  # pooled gap / median-gap ratios (the lateness distribution)


def _gaps(frame):
    """Refreshes in time order per table; ``gap_h`` (hours since the table's previous refresh, bursts
    of writes counted once) comes from the engine (``table_writes.sql``) and only looks back, so
    any time slice of the rows keeps the same gaps."""
    import pandas as pd

    f = frame.assign(event_time=pd.to_datetime(frame["event_time"]))
    return f.sort_values(["table_full_name", "event_time"], kind="stable").reset_index(drop=True)


class FreshnessPredictor(Model):
    """Probability that each table is (or becomes) stale within the next 6/12/24/48 hours.

    Method: a renewal model of refreshes. Each table's typical gap between writes is its median
    gap; the *shape* of lateness (gap / median gap) is learned from all tables' history. With
    ``e`` hours since the last write, the chance of still having no write at ``e + h`` is the
    empirical survival ``S((e + h) / m) / S(e / m)``; the table is stale when the gap exceeds 1.5x
    its typical refresh interval (the Gold definition). Why not a survival regression (Cox): tables
    differ mainly by their schedule, which the per-table median captures; the pooled empirical
    lateness keeps real-world tails without a parametric assumption.
    Metric: median absolute percentage error of the predicted (median) gap for the validation
    week's actual gaps, and the Brier score of "written within 24 h" at the validation start.
    """

    name = "freshness_predictor"
    family = "quality"
    description = "Risk that tables miss their refresh schedule (stale) within the next hours"
    feature_sql = "table_writes.sql"
    time_column = "event_time"
    grain = "event"
    min_days = 7
    primary_metric = "gap_median_ape"
    lower_is_better = True
    drift_features = ("gap_h",)
    output = Output("ml_freshness_risk", """table_full_name string, last_write_time timestamp,
        hours_since_update double, typical_refresh_hours double, is_stale_now boolean, prob_stale_6h double,
        prob_stale_12h double, prob_stale_24h double, prob_stale_48h double, expected_next_write timestamp,
        explanation string""")

    def prepare(self, frame):
        return _gaps(frame) if len(frame) else frame

    def train(self, data, cutoff, ctx):
        import numpy as np

        g = _gaps(data).dropna(subset=["gap_h"])
        g = g[g["gap_h"] > 0.05]
        med = g.groupby("table_full_name")["gap_h"].median()
        med = med[g.groupby("table_full_name").size() >= 3]
        if med.empty:
            raise InsufficientData("no table has three refreshes to learn a schedule from")
        ratios = (g["gap_h"] / g["table_full_name"].map(med)).dropna()
        return FreshnessState(med.to_dict(), sorted(float(r) for r in np.clip(ratios, 0, 50)))

    def _survival(self, state, x):
        import numpy as np

        r = np.asarray(state.ratios)
        return (np.sum(r > x) + 0.5) / (len(r) + 1.0)

    def evaluate(self, state, train, valid, cutoff, ctx):
        import numpy as np
        import pandas as pd

        full = _gaps(pd.concat([train, valid], ignore_index=True))
        v = full[(full["event_time"] >= pd.Timestamp(self.valid_start(cutoff))) & full["gap_h"].notna()]
        v = v[v["table_full_name"].isin(state.median_gap)]
        if v.empty:
            return {"gap_median_ape": None}
        pred = v["table_full_name"].map(state.median_gap)
        ape = (v["gap_h"] - pred).abs() / v["gap_h"].clip(lower=0.1)
        start = pd.Timestamp(self.valid_start(cutoff))
        scored = self._score(state, _gaps(train), start)
        nxt = full[(full["event_time"] >= start) & (full["event_time"] < start + pd.Timedelta(hours=24))]
        written = set(nxt["table_full_name"])
        brier = None
        if len(scored):
            p_write = 1 - scored["p_nowrite_24"]
            y = scored["table_full_name"].isin(written).astype(float)
            brier = float(np.mean((p_write - y) ** 2))
        return {"gap_median_ape": float(ape.median()), "write_24h_brier": brier, "validation_gaps": int(len(v))}

    def _score(self, state, history, cutoff):
        import pandas as pd

        last = history.groupby("table_full_name")["event_time"].max()
        rows = []
        now = pd.Timestamp(cutoff)
        for table, m in state.median_gap.items():
            if table not in last.index:
                continue
            e = (now - last[table]).total_seconds() / 3600
            s_now = self._survival(state, e / m)
            row = {"table_full_name": table, "last_write_time": last[table], "hours_since_update": e,
                   "typical_refresh_hours": m, "is_stale_now": e > 1.5 * m}
            for h in HORIZONS:
                p_nowrite = min(1.0, self._survival(state, (e + h) / m) / s_now)
                row[f"p_nowrite_{h}"] = p_nowrite
                row[f"prob_stale_{h}h"] = 1.0 if row["is_stale_now"] else (p_nowrite if e + h > 1.5 * m else 0.0)
            row["expected_next_write"] = last[table] + pd.Timedelta(hours=m) if e < m else now + pd.Timedelta(hours=m * 0.25)
            rows.append(row)
        return pd.DataFrame(rows)

    def score(self, state, history, cutoff, ctx):
        out = self._score(state, history, cutoff)
        if out.empty:
            return out
        out["explanation"] = [
            (f"STALE: last written {r.hours_since_update:.0f} h ago, usually every {r.typical_refresh_hours:.0f} h"
             if r.is_stale_now else
             f"last written {r.hours_since_update:.0f} h ago, usually every {r.typical_refresh_hours:.0f} h; "
             f"{pct(r.prob_stale_24h)} chance of being stale within 24 h")
            for r in out.itertuples()]
        return out.sort_values(["is_stale_now", "prob_stale_24h"], ascending=False, ignore_index=True)
