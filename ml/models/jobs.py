"""Jobs and performance: failure risk, duration / SLA-breach forecast, compute bottlenecks."""

from __future__ import annotations

from dataclasses import dataclass

from health_monitor.ml.base import InsufficientData, Model, Output, pct
from health_monitor.ml.stats import (
    as_categories,
    binom_surprises,
    days_since,
    decayed_before_groups,
    mape,
    norm_sf,
    safe_auc,
)

RECENT_DAYS = 3
SURPRISE_P = 0.01


#: the string keys of a run; categorical in the models (see :func:`_keyed`)
RUN_KEYS = ("workspace_id", "workspace_name", "job_id", "job_name", "run_id", "result_state")


def _keyed(frame):
    return as_categories(frame, RUN_KEYS)


def _sort_codes(column):
    """Integer codes ordered as the values (missing last, as ``sort_values`` puts them)."""
    import numpy as np
    import pandas as pd

    if isinstance(column.dtype, pd.CategoricalDtype):
        codes, n = column.cat.codes.to_numpy(np.int64), len(column.cat.categories)
    else:
        codes, uniques = pd.factorize(column, sort=True)
        codes, n = codes.astype(np.int64), len(uniques)
    return np.where(codes < 0, n, codes)


def _prepare_runs(frame):
    """Runs in (job, start time, run) order with ``fail`` as 0/1."""
    import numpy as np
    import pandas as pd

    runs = _keyed(frame)
    start = pd.to_datetime(runs["start_time"])
    stamp = start.to_numpy("datetime64[ns]").view(np.int64)
    stamp = np.where(start.isna().to_numpy(), np.iinfo(np.int64).max, stamp)
    keys = (_sort_codes(runs["run_id"]), stamp, _sort_codes(runs["job_id"]))
    runs = runs.assign(start_time=start, fail=runs["is_failure"].astype(bool).astype(float))
    if _in_order(*reversed(keys)):  # the prepared features and every time slice of them already are
        return runs.reset_index(drop=True)
    return runs.take(np.lexsort(keys)).reset_index(drop=True)


def _in_order(*keys) -> bool:
    """True when the rows are sorted by ``keys`` (most significant first): one linear pass."""
    import numpy as np

    if len(keys[0]) < 2:
        return True
    tied = np.ones(len(keys[0]) - 1, dtype=bool)
    for key in keys:
        step = np.diff(key)
        if (tied & (step < 0)).any():
            return False
        tied &= step == 0
    return True


def _breaches(runs):
    """1.0 / 0.0 per run for an SLA breach, NaN where it was not measured."""
    import pandas as pd

    return pd.to_numeric(runs["is_sla_breach"].astype("boolean"), errors="coerce").astype("float64").to_numpy()


def _runs_per_day(runs, cutoff) -> dict[str, float]:
    import pandas as pd

    recent = runs[runs["start_time"] >= pd.Timestamp(cutoff) - pd.Timedelta(days=7)]
    return (recent.groupby("job_id").size() / 7.0).to_dict()


@dataclass
class FailureState:
    half_life_days: float
    prior_strength: float
    global_rate: float
    prior_runs: float = 20.0


class JobFailurePredictor(Model):
    """Probability that a job's next run fails, and that it fails at least once in the next 24 hours.

    Method: a time-decayed Beta-Bernoulli rate per job. Each run's failure probability is the
    job's decayed failure count over its decayed run count, shrunk towards the job's long-run rate
    (itself shrunk towards the account's). The half-life and the shrinkage strength are learned by
    minimising log-loss on the training runs. Why not XGBoost: ordinary failures here are rare and
    nearly independent, so a tree model learns "about 2 %" and cannot react to a regime change it
    never saw in training (three CUDA out-of-memory failures in a row); a decayed rate reacts to
    the evidence within a run or two, is calibrated by construction and explains itself ("3 of the
    last 4 runs failed"). A binomial test of the last three days against the long-run rate marks a
    job as *elevated* only when its recent failures are unlikely by chance.
    Metrics: AUC, Brier score and log-loss of one-step-ahead predictions on the validation week.
    """

    name = "job_failure_predictor"
    family = "reliability"
    description = "Risk that each job's next run (and next 24 hours) fails"
    feature_sql = "job_runs.sql"
    time_column = "start_time"
    grain = "event"
    primary_metric = "auc"
    drift_features = ("duration_seconds", "fail")
    output = Output("ml_job_failure_risk", """workspace_id string, workspace_name string, job_id string,
        job_name string, last_run_time timestamp, runs_per_day double, recent_runs bigint, recent_failures bigint,
        consecutive_failures bigint, baseline_failure_rate double, failure_prob_next_run double,
        failure_prob_24h double, risk_ratio double, surprise_p double, is_elevated boolean, last_error string,
        explanation string""")

    def prepare(self, frame):
        return _prepare_runs(frame) if len(frame) else frame

    def _probabilities(self, runs, state: FailureState, prepared: tuple | None = None):
        """(sorted runs, one-step-ahead failure probability of each); ``prepared`` is the result of
        :meth:`_prepare` for ``runs`` (the training grid search reuses it)."""
        import pandas as pd

        runs, t_all, fail, codes = prepared or self._prepare(runs)
        s, w = decayed_before_groups(t_all, fail, codes, state.half_life_days)
        keys = pd.Series(codes)
        n_all = keys.groupby(keys).cumcount().to_numpy(float)
        f_all = pd.Series(fail).groupby(keys).cumsum().to_numpy() - fail
        base = (f_all + state.prior_runs * state.global_rate) / (n_all + state.prior_runs)
        return runs, (s + state.prior_strength * base) / (w + state.prior_strength)

    @staticmethod
    def _prepare(frame):
        runs = _prepare_runs(frame)
        t_all = days_since(runs["start_time"], runs["start_time"].min())
        return runs, t_all, runs["fail"].to_numpy(), runs.groupby("job_id", sort=False).ngroup().to_numpy()

    def train(self, data, cutoff, ctx):
        import numpy as np

        prepared = self._prepare(data)
        runs = prepared[0]
        if runs["job_id"].nunique() == 0:
            raise InsufficientData("no job runs")
        global_rate = float(np.clip(runs["fail"].mean(), 0.005, 0.5))
        best, best_loss = None, np.inf
        y = runs["fail"].to_numpy()
        for h in (1.0, 3.0, 7.0):
            for a in (2.0, 8.0):
                state = FailureState(h, a, global_rate)
                _, p = self._probabilities(runs, state, prepared)
                p = np.clip(p, 1e-4, 1 - 1e-4)
                loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
                if loss < best_loss:
                    best, best_loss = state, loss
        return best

    def evaluate(self, state, train, valid, cutoff, ctx):
        import numpy as np
        import pandas as pd

        full = pd.concat([train, valid], ignore_index=True)
        runs, p = self._probabilities(full, state)
        is_valid = runs["run_id"].isin(set(valid["run_id"])).to_numpy() & (runs["start_time"] >= pd.Timestamp(
            self.valid_start(cutoff))).to_numpy()
        y, pv = runs["fail"].to_numpy()[is_valid], np.clip(p[is_valid], 1e-4, 1 - 1e-4)
        return {"auc": safe_auc(y, pv), "brier": float(np.mean((pv - y) ** 2)) if y.size else None,
                "log_loss": float(-np.mean(y * np.log(pv) + (1 - y) * np.log(1 - pv))) if y.size else None,
                "failure_rate": float(y.mean()) if y.size else None, "validation_runs": int(y.size),
                "half_life_days": state.half_life_days, "prior_strength": state.prior_strength}

    def score(self, state, history, cutoff, ctx):
        import numpy as np
        import pandas as pd

        runs = _prepare_runs(history)
        if runs.empty:
            return pd.DataFrame()
        origin = runs["start_time"].min()
        at = (pd.Timestamp(cutoff) - origin).total_seconds() / 86400.0
        per_day = _runs_per_day(runs, cutoff)
        # Every job at once: decayed sums, counts, streaks and last rows as grouped aggregates.
        x = runs["fail"].to_numpy(float)
        w = np.exp2(-(at - days_since(runs["start_time"], origin)) / state.half_life_days)
        recent = (runs["start_time"] >= pd.Timestamp(cutoff) - pd.Timedelta(days=RECENT_DAYS)).to_numpy()
        pos = runs.groupby("job_id", sort=False).cumcount().to_numpy()
        parts = pd.DataFrame({"job_id": runs["job_id"].to_numpy(), "s": w * x, "w": w, "fails": x, "k": x * recent,
                              "n_recent": recent.astype(float), "last_ok": np.where(x < 1, pos, -1)})
        agg = parts.groupby("job_id", sort=True).agg(s=("s", "sum"), w=("w", "sum"), fails=("fails", "sum"),
                                                     n=("fails", "size"), k=("k", "sum"),
                                                     n_recent=("n_recent", "sum"), last_ok=("last_ok", "max"))
        last = runs.groupby("job_id", sort=True).tail(1).set_index("job_id").loc[agg.index]
        errors = runs[(runs["fail"] > 0) & runs["error_message"].notna()]
        last_errors = errors.groupby("job_id", sort=True)["error_message"].last()
        prior = state.prior_runs * state.global_rate
        k, n = agg["k"].to_numpy().round().astype(int), agg["n_recent"].to_numpy().round().astype(int)
        base = (agg["fails"].to_numpy() - k + prior) / (agg["n"].to_numpy() - n + state.prior_runs)
        p_all = (agg["fails"].to_numpy() + prior) / (agg["n"].to_numpy() + state.prior_runs)
        p_next = (agg["s"].to_numpy() + state.prior_strength * p_all) / (agg["w"].to_numpy() + state.prior_strength)
        rates = np.array([per_day.get(j, 0.0) for j in agg.index])
        p24 = 1 - (1 - p_next) ** np.maximum(rates, 1.0 / 7)
        surprise = binom_surprises(k, n, base)
        streak = agg["n"].to_numpy() - 1 - agg["last_ok"].to_numpy()
        elevated = (surprise < SURPRISE_P) & (k >= 2) & (p_next >= 2 * base)
        last_error = [last_errors.get(j) for j in agg.index]
        texts = []
        for i in range(len(agg)):
            why = (f"{k[i]} of the last {n[i]} runs failed in {RECENT_DAYS} days (long-run rate {pct(base[i])})"
                   if n[i] else "no runs in the last 3 days")
            if streak[i] >= 2:
                why += f"; {streak[i]} failures in a row"
            if last_error[i]:
                why += f"; last error: {str(last_error[i])[:80]}"
            texts.append(f"next-run failure risk {pct(p_next[i])}, {pct(p24[i])} within 24 h: " + why)
        frame = pd.DataFrame({
            "workspace_id": last["workspace_id"].to_numpy(), "workspace_name": last["workspace_name"].to_numpy(),
            "job_id": agg.index.to_numpy(), "job_name": last["job_name"].to_numpy(),
            "last_run_time": last["start_time"].to_numpy(), "runs_per_day": rates, "recent_runs": n,
            "recent_failures": k, "consecutive_failures": streak, "baseline_failure_rate": base,
            "failure_prob_next_run": p_next, "failure_prob_24h": p24, "risk_ratio": p_next / np.maximum(base, 1e-6),
            "surprise_p": surprise, "is_elevated": elevated,
            "last_error": [None if e is None else str(e) for e in last_error], "explanation": texts})
        return frame.sort_values("failure_prob_24h", ascending=False, ignore_index=True)


@dataclass
class DurationState:
    half_life_days: float
    sigma_floor: float = 0.05
    breach_half_life_days: float = 3.0
    prior_strength: float = 10.0


class JobDurationForecaster(Model):
    """Duration of each job's next run, its spread, and the risk of breaching the job's SLA.

    Method: the next run's log-duration is the job's time-decayed mean log-duration (half-life
    learned on the training runs by mean absolute error); its spread is the decayed standard
    deviation. The SLA-breach probability blends the normal tail ``P(duration > SLA)`` with the
    job's decayed recent breach rate (a Beta prior centred on the tail probability), so a job that
    just breached several times is at risk even if its typical run is well inside the SLA. Why not
    an LSTM: a job's duration is a level plus noise with occasional shifts; a decayed mean tracks
    the level with one parameter, needs no GPU and no long sequences (weekly jobs have ~13 runs).
    Metrics: MAPE and median APE on the validation week's successful runs; Brier score of the
    breach probability on jobs with an SLA.
    """

    name = "job_duration_forecaster"
    family = "performance"
    description = "Next-run duration per job and the risk of missing its SLA"
    feature_sql = "job_runs.sql"
    time_column = "start_time"
    grain = "event"
    primary_metric = "mape"
    lower_is_better = True
    drift_features = ("duration_seconds",)
    output = Output("ml_job_duration_forecast", """workspace_id string, workspace_name string, job_id string,
        job_name string, last_run_time timestamp, runs_per_day double, last_duration_seconds double,
        predicted_duration_seconds double, p90_duration_seconds double, sla_seconds double,
        recent_sla_breaches bigint, recent_runs bigint, sla_breach_prob_next_run double, sla_breach_prob_24h double,
        surprise_p double, is_sla_risk boolean, explanation string""")

    def prepare(self, frame):
        return _prepare_runs(frame) if len(frame) else frame

    def _series(self, runs):
        import numpy as np

        ok = runs[(runs["result_state"] == "SUCCEEDED") & (runs["duration_seconds"] > 0)].copy()
        ok["log_d"] = np.log(ok["duration_seconds"].astype(float))
        return ok

    def _prepare(self, runs):
        ok = self._series(_prepare_runs(runs)).reset_index(drop=True)
        t_all = days_since(ok["start_time"], ok["start_time"].min())
        return ok, t_all, ok["log_d"].to_numpy(), ok.groupby("job_id", sort=False).ngroup().to_numpy()

    def _predict_rows(self, runs, h: float, prepared: tuple | None = None):
        """Successful runs with ``mu``: the decayed mean log duration of the job's earlier runs;
        ``prepared`` (from :meth:`_prepare`) lets the training grid search sort only once."""
        import numpy as np

        ok, t_all, log_d, codes = prepared or self._prepare(runs)
        s, w = decayed_before_groups(t_all, log_d, codes, h)
        with np.errstate(invalid="ignore", divide="ignore"):
            mu = np.where(w > 1e-9, s / np.maximum(w, 1e-12), np.nan)
        return ok.assign(mu=mu)

    def train(self, data, cutoff, ctx):
        import numpy as np

        prepared = self._prepare(data)
        if prepared[0].empty:
            raise InsufficientData("no successful runs with a duration")
        best, best_err = None, np.inf
        for h in (1.0, 3.0, 7.0, 14.0, 30.0):
            ok = self._predict_rows(data, h, prepared)
            err = np.nanmean(np.abs(ok["log_d"] - ok["mu"]))
            if err < best_err:
                best, best_err = DurationState(h), err
        return best

    def evaluate(self, state, train, valid, cutoff, ctx):
        import numpy as np
        import pandas as pd

        full = pd.concat([train, valid], ignore_index=True)
        ok = self._predict_rows(full, state.half_life_days)
        v = ok[(ok["start_time"] >= pd.Timestamp(self.valid_start(cutoff))) & ok["mu"].notna()]
        actual, pred = v["duration_seconds"].to_numpy(float), np.exp(v["mu"].to_numpy(float))
        ape = np.abs(actual - pred) / actual if len(v) else np.array([])
        scored = self.score(state, train, self.valid_start(cutoff), ctx)
        sla_jobs = scored[scored["sla_seconds"].notna()] if len(scored) else scored
        brier = None
        if len(sla_jobs):
            vv = _prepare_runs(valid)
            rate = pd.Series(_breaches(vv), index=vv.index).groupby(vv["job_id"]).mean().rename("rate").dropna()
            joined = sla_jobs.set_index("job_id")["sla_breach_prob_next_run"].to_frame().join(rate, how="inner")
            if len(joined):
                brier = float(np.mean((joined["sla_breach_prob_next_run"] - joined["rate"]) ** 2))
        return {"mape": mape(actual, pred), "median_ape": float(np.median(ape)) if ape.size else None,
                "validation_runs": int(len(v)), "sla_brier": brier, "half_life_days": state.half_life_days}

    def score(self, state, history, cutoff, ctx):
        import numpy as np
        import pandas as pd

        runs = _prepare_runs(history)
        ok = self._series(runs)
        if ok.empty:
            return pd.DataFrame()
        origin = runs["start_time"].min()
        at = (pd.Timestamp(cutoff) - origin).total_seconds() / 86400.0
        per_day = _runs_per_day(runs, cutoff)
        recent_edge = pd.Timestamp(cutoff) - pd.Timedelta(days=7)
        # Every job at once: decayed moments of the successful runs' log duration ...
        wd = np.exp2(-(at - days_since(ok["start_time"], origin)) / state.half_life_days)
        log_d = ok["log_d"].to_numpy(float)
        mom = pd.DataFrame({"job_id": ok["job_id"].to_numpy(), "s": wd * log_d, "s2": wd * log_d ** 2, "w": wd,
                            "last_d": ok["duration_seconds"].to_numpy(float)}).groupby("job_id", sort=True).agg(
            s=("s", "sum"), s2=("s2", "sum"), w=("w", "sum"), last_d=("last_d", "last"))
        mom = mom[mom["w"] >= 1e-9]
        # ... and of every run's SLA breaches (decayed, last 7 days, before); a run whose breach was
        # not measured weighs nothing: it is neither a breach nor a run inside the SLA
        breach = _breaches(runs)
        measured = np.isfinite(breach).astype(float)
        b = np.nan_to_num(breach)
        wb = measured * np.exp2(-(at - days_since(runs["start_time"], origin)) / state.breach_half_life_days)
        recent = (runs["start_time"] >= recent_edge).to_numpy() * measured
        br = pd.DataFrame({"job_id": runs["job_id"].to_numpy(), "sb": wb * b, "wb": wb, "b": b, "m": measured,
                           "k": b * recent, "n": recent, "sla": runs["sla_seconds"].to_numpy(float)}).groupby(
            "job_id", sort=True).agg(sb=("sb", "sum"), wb=("wb", "sum"), b=("b", "sum"), size=("m", "sum"),
                                     k=("k", "sum"), n=("n", "sum"), sla=("sla", "last")).loc[mom.index]
        last = runs.groupby("job_id", sort=True).tail(1).set_index("job_id").loc[mom.index]
        mu = (mom["s"] / mom["w"]).to_numpy()
        sigma = np.maximum(np.sqrt(np.maximum((mom["s2"] / mom["w"]).to_numpy() - mu * mu, 0.0)), state.sigma_floor)
        sla = br["sla"].to_numpy()
        has_sla = np.isfinite(sla) & (sla > 0)
        p90 = np.exp(mu + 1.2816 * sigma)
        tail = np.array([norm_sf((np.log(s_) - m) / sd) if ok_ else np.nan
                         for s_, m, sd, ok_ in zip(sla, mu, sigma, has_sla, strict=True)])
        p_next = (br["sb"].to_numpy() + state.prior_strength * tail) / (br["wb"].to_numpy() + state.prior_strength)
        k, n = br["k"].to_numpy().round().astype(int), br["n"].to_numpy().round().astype(int)
        base = (br["b"].to_numpy() - k + 0.5) / (br["size"].to_numpy() - n + 1.0)
        surprise = np.where(has_sla, binom_surprises(k, n, np.maximum(base, np.nan_to_num(tail))), np.nan)
        rates = np.array([per_day.get(j, 0.0) for j in mom.index])
        p24 = 1 - (1 - p_next) ** np.maximum(rates, 1.0 / 7)
        risk = has_sla & (((k >= 2) & (surprise < SURPRISE_P)) | (p90 > np.where(has_sla, sla, np.inf)))
        texts = []
        for i in range(len(mom)):
            why = f"expected {np.exp(mu[i]) / 60:.1f} min (p90 {p90[i] / 60:.1f} min)"
            if has_sla[i]:
                why += (f"; SLA {sla[i] / 60:.0f} min breached {k[i]} time(s) in 7 days ({n[i]} runs); "
                        f"breach risk {pct(p_next[i])} per run, {pct(p24[i])} within 24 h")
            texts.append(why)
        return pd.DataFrame({
            "workspace_id": last["workspace_id"].to_numpy(), "workspace_name": last["workspace_name"].to_numpy(),
            "job_id": mom.index.to_numpy(), "job_name": last["job_name"].to_numpy(),
            "last_run_time": last["start_time"].to_numpy(), "runs_per_day": rates,
            "last_duration_seconds": mom["last_d"].to_numpy(), "predicted_duration_seconds": np.exp(mu),
            "p90_duration_seconds": p90, "sla_seconds": np.where(has_sla, sla, np.nan),
            "recent_sla_breaches": np.where(has_sla, k, np.nan), "recent_runs": np.where(has_sla, n, np.nan),
            "sla_breach_prob_next_run": np.where(has_sla, p_next, np.nan),
            "sla_breach_prob_24h": np.where(has_sla, p24, np.nan), "surprise_p": surprise, "is_sla_risk": risk,
            "explanation": texts})
