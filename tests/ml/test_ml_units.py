"""Units: the drift measures, the registry merge, the model catalogue."""

from __future__ import annotations

import numpy as np
import pandas as pd


def test_fifteen_models_registered_with_docstrings():
    from ml.base import all_models

    models = all_models()
    assert len(models) == 15
    for name, m in models.items():
        assert m.name == name and (type(m).__doc__ or "").count("\n") >= 3
        assert m.output.table.startswith("ml_")


def test_psi_and_ks_stay_quiet_on_same_distribution_and_fire_on_a_shift():
    from ml.drift import feature_stats, is_drift, ks, psi

    r = np.random.default_rng(0)
    ref = feature_stats(pd.DataFrame({"x": r.normal(0, 1, 2000), "c": r.poisson(0.2, 2000)}), ["x", "c"])
    same = r.normal(0, 1, 60)
    assert not is_drift(psi(ref["x"], same), ks(ref["x"], same)[1])
    counts = r.poisson(0.2, 60)
    assert not is_drift(psi(ref["c"], counts), ks(ref["c"], counts)[1])
    shifted = r.normal(1.5, 1, 60)
    assert is_drift(psi(ref["x"], shifted), ks(ref["x"], shifted)[1])


def test_registry_versions_and_active_status():
    from ml.registry_table import merge_versions

    t = pd.Timestamp("2026-01-15 09:00")
    rows = [{"model_name": "m", "trained_at": t - pd.Timedelta(days=d), "status": "ok"} for d in (14, 7, 0)]
    reg = merge_versions(pd.DataFrame(), rows)
    assert list(reg["version"]) == [1, 2, 3] and list(reg["status"]) == ["archived", "archived", "active"]
    again = merge_versions(reg, [{"model_name": "m", "trained_at": t, "status": "ok"}])
    assert len(again) == 3  # retraining at the same cutoff replaces that version


def test_decayed_sums_match_the_definition():
    from ml.stats import decayed_before

    t = np.array([0.0, 1.0, 3.0])
    x = np.array([1.0, 0.0, 1.0])
    s, w = decayed_before(t, x, 1.0)
    assert np.allclose(w, [0, 0.5, 0.25 + 0.125]) and np.allclose(s, [0, 0.5, 0.125])
