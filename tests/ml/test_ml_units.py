"""Units: the drift measures, the registry merge, the model catalogue."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def test_fifteen_models_registered_with_docstrings():
    from health_monitor.ml.registry import all_models

    models = all_models()
    assert len(models) == 15
    for name, m in models.items():
        assert m.name == name and (type(m).__doc__ or "").count("\n") >= 3
        assert m.output.table.startswith("ml_")


def test_psi_and_ks_stay_quiet_on_same_distribution_and_fire_on_a_shift():
    from health_monitor.ml.drift import feature_stats, is_drift, ks, psi

    r = np.random.default_rng(0)
    ref = feature_stats(pd.DataFrame({"x": r.normal(0, 1, 2000), "c": r.poisson(0.2, 2000)}), ["x", "c"])
    same = r.normal(0, 1, 60)
    assert not is_drift(psi(ref["x"], same), ks(ref["x"], same)[1])
    counts = r.poisson(0.2, 60)
    assert not is_drift(psi(ref["c"], counts), ks(ref["c"], counts)[1])
    shifted = r.normal(1.5, 1, 60)
    assert is_drift(psi(ref["x"], shifted), ks(ref["x"], shifted)[1])


def test_registry_versions_and_active_status():
    from health_monitor.ml.registry_table import merge_versions

    t = pd.Timestamp("2026-01-15 09:00")
    rows = [{"model_name": "m", "trained_at": t - pd.Timedelta(days=d), "status": "ok"} for d in (14, 7, 0)]
    reg = merge_versions(pd.DataFrame(), rows)
    assert list(reg["version"]) == [1, 2, 3] and list(reg["status"]) == ["archived", "archived", "active"]
    again = merge_versions(reg, [{"model_name": "m", "trained_at": t, "status": "ok"}])
    assert len(again) == 3  # retraining at the same cutoff replaces that version


def test_decayed_sums_match_the_definition():
    from health_monitor.ml.stats import decayed_before

    t = np.array([0.0, 1.0, 3.0])
    x = np.array([1.0, 0.0, 1.0])
    s, w = decayed_before(t, x, 1.0)
    assert np.allclose(w, [0, 0.5, 0.25 + 0.125]) and np.allclose(s, [0, 0.5, 0.125])


def _weekly_rhythm(days: int, rng):
    """Daily rows with a weekday level of 100 and a weekend level of 40 (noise 5)."""
    dates = pd.date_range("2025-12-01", periods=days, freq="D")
    level = np.where(dates.dayofweek >= 5, 40.0, 100.0)
    return pd.DataFrame({"d": np.repeat(dates, 20), "x": np.repeat(level, 20) + rng.normal(0, 5, days * 20)})


def test_drift_compares_weekdays_with_reference_weekdays():
    from health_monitor.ml.drift import day_types, is_drift, ks, matched_reference, psi, reference_stats

    r = np.random.default_rng(1)
    stats = reference_stats(_weekly_rhythm(35, r), ["x"], "d")
    assert set(stats["day_types"]) == {"weekday", "weekend"}
    live = _weekly_rhythm(3, r).assign(d=lambda f: f["d"] + pd.Timedelta(days=35))  # Mon-Wed
    kinds = day_types(live["d"])
    assert set(kinds) == {"weekday"}
    pooled = stats["features"]["x"]
    assert is_drift(psi(pooled, live["x"]), ks(pooled, live["x"])[1])  # the false alarm being fixed
    ref = matched_reference(pooled, {k: v["x"] for k, v in stats["day_types"].items()}, kinds)
    assert not is_drift(psi(ref, live["x"]), ks(ref, live["x"])[1])
    assert is_drift(psi(ref, live["x"] + 15), ks(ref, live["x"] + 15)[1])  # a real shift still shows


def test_matched_reference_mixes_day_types_in_the_live_proportions():
    from health_monitor.ml.drift import feature_stats, matched_reference

    r = np.random.default_rng(2)
    wd = feature_stats(pd.DataFrame({"x": r.normal(100, 5, 4000)}), ["x"])["x"]
    we = feature_stats(pd.DataFrame({"x": r.normal(40, 5, 4000)}), ["x"])["x"]
    mixed = matched_reference(wd, {"weekday": wd, "weekend": we}, np.array(["weekday"] * 3 + ["weekend"]))
    assert abs(mixed["mean"] - (0.75 * 100 + 0.25 * 40)) < 1
    assert mixed["quantiles"] == sorted(mixed["quantiles"])
    assert 40 < mixed["quantiles"][4] < 60 and mixed["quantiles"][6] > 85  # 20 % / 30 % quantiles
    # an old registry entry without day types, or a day type missing from the reference: pooled
    assert matched_reference(wd, None, np.array(["weekend"])) is wd
    assert matched_reference(wd, {"weekday": wd}, np.array(["weekend"])) is wd


def test_metric_decay_is_bounded_when_the_earlier_score_was_near_perfect():
    from health_monitor.ml.models.mlops import RetrainingTrigger

    base, worse = RetrainingTrigger._decay([1e-7, 2e-7, 0.02], lower_is_better=True)
    assert base == pytest.approx(1.5e-7)
    assert worse == pytest.approx(0.4, rel=0.01)  # 0.02 above ~0, over the 0.05 floor: 40 % worse, not 1e7 %
    _, same = RetrainingTrigger._decay([0.9, 0.9, 0.9], lower_is_better=False)
    assert same == 0


def test_grouped_decayed_sums_equal_one_series_at_a_time():
    from health_monitor.ml.stats import decayed_before, decayed_before_groups

    rng = np.random.default_rng(0)
    sizes = rng.integers(1, 40, 30)
    codes = np.repeat(np.arange(30), sizes)
    t = np.concatenate([np.sort(rng.random(n) * 90) for n in sizes])
    x = rng.random(len(t))
    s, w = decayed_before_groups(t, x, codes, 3.0)
    for c in range(30):
        i = codes == c
        s0, w0 = decayed_before(t[i], x[i], 3.0)
        np.testing.assert_allclose(s[i], s0, rtol=1e-12)
        np.testing.assert_allclose(w[i], w0, rtol=1e-12)


def test_runs_come_out_in_job_time_run_order_whatever_order_they_come_in():
    from health_monitor.ml.models.jobs import _prepare_runs

    rng = np.random.default_rng(7)
    n = 400
    frame = pd.DataFrame({"job_id": rng.choice(["b", "a", "c", None], n), "run_id": [f"r{i:04d}" for i in range(n)],
                          "start_time": pd.Timestamp("2026-01-01") + pd.to_timedelta(rng.integers(0, 50, n), unit="h"),
                          "is_failure": rng.random(n) < 0.2})
    expected = frame.sort_values(["job_id", "start_time", "run_id"], ignore_index=True)
    for shuffled in (frame, frame.sample(frac=1, random_state=1), expected):
        out = _prepare_runs(shuffled)
        assert out["run_id"].astype(str).tolist() == expected["run_id"].tolist()
        assert out["fail"].tolist() == expected["is_failure"].astype(float).tolist()
    # already in order (a prepared frame or a time slice of one): the same rows come back
    again = _prepare_runs(_prepare_runs(frame))
    assert again["run_id"].astype(str).tolist() == expected["run_id"].tolist()


def test_drift_explanations_read_numbers_without_scientific_notation():
    from health_monitor.ml.models.mlops import readable

    assert [readable(x) for x in (1860.4, 23.43, 0.5123, -1573.0)] == ["1,860", "23.4", "0.512", "-1,573"]
