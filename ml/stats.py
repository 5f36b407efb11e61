"""Small numeric helpers shared by the models (numpy/scipy only, imported lazily by callers)."""

from __future__ import annotations

import math
from typing import Any


def decayed_before(t_days, x, half_life_days: float):
    """Time-decayed sums *before* each row of one series sorted by time.

    Returns ``(S, W)``: ``S[i] = sum_{j<i} x[j] * 0.5 ** ((t[i] - t[j]) / h)`` and ``W`` the same with
    ``x = 1``. Vectorised through cumulative sums of exponentially re-based weights.
    """
    import numpy as np

    t = np.asarray(t_days, dtype="float64")
    x = np.asarray(x, dtype="float64")
    if t.size == 0:
        return np.zeros(0), np.zeros(0)
    e = np.exp2((t - t.max()) / half_life_days)
    scale = np.where(e > 0, 1.0 / np.maximum(e, 1e-300), 0.0)
    cx = np.cumsum(x * e) - x * e
    cw = np.cumsum(e) - e
    return cx * scale, cw * scale


def decayed_before_groups(t_days, x, codes, half_life_days: float):
    """:func:`decayed_before` for many series at once: rows sorted by ``codes`` (contiguous groups,
    e.g. one per job) then time. Per-group cumulative sums (pandas' grouped cumsum) keep each
    series' re-basing local, so precision is that of one series, and one pass replaces a Python
    loop over the groups."""
    import numpy as np
    import pandas as pd

    t = np.asarray(t_days, dtype="float64")
    x = np.asarray(x, dtype="float64")
    if t.size == 0:
        return np.zeros(0), np.zeros(0)
    keys = pd.Series(np.asarray(codes))
    top = pd.Series(t).groupby(keys).transform("max").to_numpy()
    e = np.exp2((t - top) / half_life_days)
    scale = np.where(e > 0, 1.0 / np.maximum(e, 1e-300), 0.0)
    cx = pd.Series(x * e).groupby(keys).cumsum().to_numpy() - x * e
    cw = pd.Series(e).groupby(keys).cumsum().to_numpy() - e
    return cx * scale, cw * scale


def decayed_at(t_days, x, at_day: float, half_life_days: float) -> tuple[float, float]:
    """``(S, W)`` of all rows as seen at time ``at_day`` (the next, unseen row)."""
    import numpy as np

    t = np.asarray(t_days, dtype="float64")
    w = np.exp2(-(at_day - t) / half_life_days)
    return float(np.sum(w * np.asarray(x, dtype="float64"))), float(np.sum(w))


def days_since(ts, origin) -> Any:
    """Timestamps -> float days since ``origin`` (pandas Series or array)."""
    import pandas as pd

    return (pd.to_datetime(ts) - pd.Timestamp(origin)).dt.total_seconds().to_numpy() / 86400.0


def binom_surprise(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p): how unlikely ``k`` events in ``n`` trials are at rate ``p``."""
    if k <= 0 or n <= 0:
        return 1.0
    from scipy.stats import binom

    return float(binom.sf(k - 1, n, min(max(p, 1e-6), 1 - 1e-6)))


def safe_auc(y, p) -> float | None:
    import numpy as np

    y = np.asarray(y)
    if y.size == 0 or y.min() == y.max():
        return None
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, p))


def prf(y_true, y_pred) -> dict[str, float | None]:
    """Precision, recall and F1 of boolean arrays (None when undefined)."""
    import numpy as np

    y_true, y_pred = np.asarray(y_true, bool), np.asarray(y_pred, bool)
    tp = int(np.sum(y_true & y_pred))
    fp = int(np.sum(~y_true & y_pred))
    fn = int(np.sum(y_true & ~y_pred))
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = (2 * precision * recall / (precision + recall)) if precision and recall else (0.0 if tp + fp and tp + fn else None)
    return {"precision": precision, "recall": recall, "f1": f1, "false_positive_rate":
            fp / max(int(np.sum(~y_true)), 1)}


def mape(actual, predicted) -> float | None:
    import numpy as np

    a, p = np.asarray(actual, dtype="float64"), np.asarray(predicted, dtype="float64")
    keep = np.isfinite(a) & np.isfinite(p) & (np.abs(a) > 1e-9)
    if not keep.any():
        return None
    return float(np.mean(np.abs(a[keep] - p[keep]) / np.abs(a[keep])))


def robust_scale(values, floor: float) -> tuple[float, float]:
    """(median, 1.4826 * MAD) of finite values, the scale floored at ``floor``."""
    import numpy as np

    v = np.asarray(values, dtype="float64")
    v = v[np.isfinite(v)]
    if v.size == 0:
        return 0.0, floor
    med = float(np.median(v))
    mad = float(np.median(np.abs(v - med))) * 1.4826
    return med, max(mad, floor)


def binom_surprises(k, n, p):
    """:func:`binom_surprise` over arrays (one call, not one per job)."""
    import numpy as np
    from scipy.stats import binom

    k, n = np.asarray(k), np.asarray(n)
    p = np.clip(np.asarray(p, dtype=float), 1e-6, 1 - 1e-6)
    with np.errstate(invalid="ignore"):
        out = binom.sf(k - 1, n, p)
    return np.where((k <= 0) | (n <= 0), 1.0, out)


def norm_sf(z: float) -> float:
    return 0.5 * math.erfc(z / math.sqrt(2))


def rng(seed: int = 7):
    import numpy as np

    return np.random.default_rng(seed)


def as_categories(frame, columns):
    """``frame`` with its string key ``columns`` as categoricals (sorted categories, so codes sort as
    the strings do): models that sort, group and slice the same rows many times per training then
    move integer codes instead of Arrow strings."""
    import pandas as pd

    keys = {c: pd.Categorical(frame[c]) for c in columns
            if c in frame.columns and not isinstance(frame[c].dtype, pd.CategoricalDtype)}
    return frame.assign(**keys) if keys else frame
