"""Feature statistics kept at training time, and the drift measures that compare live data to them.

The registry stores, per numeric feature, ``n``, mean, std and 21 quantiles (0, 5, ..., 100 %) of
the training rows. That is enough for both measures without keeping the training data:

* **PSI** over the training quintiles (5 bins of 20 %): ``sum((live - ref) * ln(live / ref))``.
  Few bins keep the noise of a small live window low (the expected PSI of an unchanged
  distribution is about ``(bins - 1) / n_live``); we subtract that expectation so a short window
  does not read as drift.
* **KS**: the largest gap between the live empirical CDF and the training CDF interpolated from the
  quantiles, with its asymptotic p-value for the live sample size.

Like is compared with like: platform activity has a strong weekly rhythm (weekends are quiet), so a
live window of three weekdays read against a reference that includes weekends would always look
shifted. The statistics are therefore also kept per *day type* (weekday / weekend), and
:func:`matched_reference` builds, for each comparison, the reference mixture with the same share
of weekday and weekend rows as the live window.
"""

from __future__ import annotations

import math
from typing import Any

QUANTILES = [i / 20 for i in range(21)]
PSI_BINS = 5
PSI_DRIFT = 0.25  # conventional: < 0.1 stable, 0.1-0.25 moderate, > 0.25 significant
KS_ALPHA = 0.01


def feature_stats(frame, columns) -> dict[str, Any]:
    """``{column: {n, mean, std, quantiles}}`` for the numeric ``columns`` present in ``frame``."""
    import numpy as np

    out: dict[str, Any] = {}
    for col in columns:
        if col not in frame.columns:
            continue
        values = frame[col].astype("float64").to_numpy()
        values = values[np.isfinite(values)]
        if values.size == 0:
            continue
        out[col] = {"n": int(values.size), "mean": float(values.mean()), "std": float(values.std()),
                    "quantiles": [float(q) for q in np.quantile(values, QUANTILES)]}
    return out


REFERENCE_DAYS = 28
MAX_SEGMENTS = 50


DAY_TYPES = ("weekday", "weekend")


def day_types(times):
    """``"weekday"`` / ``"weekend"`` (Saturday, Sunday; UTC) for each timestamp or date."""
    import numpy as np
    import pandas as pd

    dow = pd.to_datetime(pd.Series(times)).dt.dayofweek.to_numpy()
    return np.where(dow >= 5, "weekend", "weekday")


def _by_day_type(frame, columns, kinds) -> dict[str, Any]:
    return {k: feature_stats(frame[kinds == k], columns) for k in DAY_TYPES if (kinds == k).any()}


def reference_stats(frame, columns, time_column: str, segment_column: str | None = None) -> dict[str, Any]:
    """Statistics of the last ``REFERENCE_DAYS`` of the training rows, overall and per segment,
    each also split by day type (weekday / weekend).

    Only the recent part of the training window is the reference, so a slow trend does not read as
    drift; ``{"features": {...}, "segments": {segment: {...}}, "day_types": {"weekday": {...}, ...},
    "segment_day_types": {segment: {"weekday": {...}, ...}}}``.
    """
    import pandas as pd

    if frame.empty or not columns:
        return {"features": {}, "segments": {}, "day_types": {}, "segment_day_types": {}}
    t = pd.to_datetime(frame[time_column])
    keep = (t >= t.max().normalize() - pd.Timedelta(days=REFERENCE_DAYS - 1)).to_numpy()
    recent = frame[keep].reset_index(drop=True)
    kinds = day_types(t[keep])
    out = {"features": feature_stats(recent, columns), "segments": {},
           "day_types": _by_day_type(recent, columns, kinds), "segment_day_types": {}}
    if segment_column and segment_column in recent.columns:
        groups = recent.groupby(segment_column).indices
        if len(groups) <= MAX_SEGMENTS:
            for k, idx in groups.items():
                part = recent.iloc[idx]
                out["segments"][str(k)] = feature_stats(part, columns)
                out["segment_day_types"][str(k)] = _by_day_type(part, columns, kinds[idx])
    return out


def matched_reference(overall: dict[str, Any] | None, by_type: dict[str, dict[str, Any]] | None,
                      live_kinds) -> dict[str, Any] | None:
    """The reference of one feature matched to the live rows' weekday / weekend mix.

    ``overall`` is the feature's pooled statistics, ``by_type`` its statistics per day type (may be
    missing: registries written before day types were kept), ``live_kinds`` the day type of each
    live row. The result is the mixture ``sum_k w_k F_k`` with ``w_k`` the live share of day type
    ``k`` (quantiles by inverting the mixture CDF; mean and standard deviation of the mixture).
    Falls back to ``overall`` when a day type the live rows need has no reference.
    """
    import numpy as np

    kinds = np.asarray(live_kinds)
    if not by_type or kinds.size == 0:
        return overall
    weights = {k: float(np.mean(kinds == k)) for k in DAY_TYPES if (kinds == k).any()}
    if any(k not in by_type or not by_type[k].get("n") for k in weights):
        return overall
    parts = [(w, by_type[k]) for k, w in weights.items()]
    if len(parts) == 1:
        return parts[0][1]
    mean = sum(w * r["mean"] for w, r in parts)
    second = sum(w * (r["std"] ** 2 + r["mean"] ** 2) for w, r in parts)
    grid = np.unique(np.concatenate([np.asarray(r["quantiles"], dtype="float64") for _, r in parts]))
    cdf = sum(w * _ref_cdf(r["quantiles"], grid) for w, r in parts)
    cdf = np.maximum.accumulate(np.clip(cdf, 0.0, 1.0))
    cdf[-1] = 1.0  # the grid ends at the pooled maximum
    # invert the piecewise-linear CDF (point masses - ties in discrete features - stay point masses)
    quantiles = []
    for q in QUANTILES:
        i = min(int(np.searchsorted(cdf, q - 1e-12, side="left")), grid.size - 1)
        if i == 0 or cdf[i] <= cdf[i - 1]:
            quantiles.append(float(grid[i]))
        else:
            frac = (q - cdf[i - 1]) / (cdf[i] - cdf[i - 1])
            quantiles.append(float(grid[i - 1] + min(max(frac, 0.0), 1.0) * (grid[i] - grid[i - 1])))
    return {"n": int(sum(r["n"] for _, r in parts)), "mean": float(mean),
            "std": float(np.sqrt(max(second - mean ** 2, 0.0))), "quantiles": quantiles}


def _ref_cdf(quantiles: list[float], x):
    import numpy as np

    q = np.asarray(quantiles, dtype="float64")
    p = np.asarray(QUANTILES)
    # collapse ties so interp sees strictly increasing x: keep the largest p at each value
    uq, idx = np.unique(q[::-1], return_index=True)
    up = p[::-1][idx]
    return np.interp(x, uq, up, left=0.0, right=1.0)


def psi(ref: dict[str, Any], live) -> float:
    """Bias-corrected PSI of ``live`` (1-D array) against the stored reference statistics."""
    import numpy as np

    live = np.asarray(live, dtype="float64")
    live = live[np.isfinite(live)]
    if live.size == 0:
        return 0.0
    step = (len(QUANTILES) - 1) // PSI_BINS
    edges = np.unique(np.asarray(ref["quantiles"])[::step][1:-1])
    ref_cdf = np.concatenate([[0.0], _ref_cdf(ref["quantiles"], edges), [1.0]])
    ref_p = np.diff(ref_cdf)
    # a value equal to an edge belongs below it: the reference CDF at an edge is P(X <= edge)
    counts = np.bincount(np.searchsorted(edges, live, side="left"), minlength=len(edges) + 1)
    live_p = counts / live.size
    eps = 1e-4
    ref_p, live_p = np.clip(ref_p, eps, None), np.clip(live_p, eps, None)
    raw = float(np.sum((live_p - ref_p) * np.log(live_p / ref_p)))
    return max(0.0, raw - (len(ref_p) - 1) / live.size)


def ks(ref: dict[str, Any], live) -> tuple[float, float]:
    """(KS statistic, p-value) of ``live`` against the reference CDF."""
    import numpy as np

    live = np.sort(np.asarray(live, dtype="float64"))
    live = live[np.isfinite(live)]
    n = live.size
    if n == 0:
        return 0.0, 1.0
    # compare right-continuous CDFs at the live values (exact for discrete features, which are common
    # here: counts of failures or events)
    xs = np.unique(live)
    f_live = np.searchsorted(live, xs, side="right") / n
    d = float(np.max(np.abs(f_live - _ref_cdf(ref["quantiles"], xs))))
    from scipy.stats import kstwo

    return d, float(kstwo.sf(d, n))


def mean_shift(ref: dict[str, Any], live) -> float:
    """Live mean minus training mean, in training standard deviations."""
    import numpy as np

    live = np.asarray(live, dtype="float64")
    live = live[np.isfinite(live)]
    if live.size == 0 or not ref.get("std"):
        return 0.0
    return float((live.mean() - ref["mean"]) / ref["std"])


def is_drift(psi_value: float, ks_p: float) -> bool:
    """Both tests must agree: a large distribution change that is also unlikely by chance."""
    return psi_value > PSI_DRIFT and ks_p < KS_ALPHA


def finite(x: Any) -> float | None:
    """A float that JSON can carry (NaN and inf become None)."""
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None
