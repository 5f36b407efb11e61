"""An SLA breach that was not measured (no SLA at the time, no duration) stays unknown: it is
neither a breach nor a run inside the SLA, in the feature SQL and in the duration forecaster."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from health_monitor.ml.models.jobs import JobDurationForecaster
from health_monitor.ml.queries import sql_text
from health_monitor.ml.store import DuckDBStore


def test_job_runs_sql_keeps_an_unmeasured_sla_breach_null(demo_dir: Path, tmp_path: Path):
    shutil.copyfile(demo_dir / "gold.duckdb", tmp_path / "gold.duckdb")
    con = duckdb.connect(str(tmp_path / "gold.duckdb"))
    try:
        # one run of a job with an SLA whose duration (hence breach) is unknown
        run_id = con.execute("select run_id from health_monitor.fact_job_run where is_sla_breach is not null "
                             "and not is_failure order by run_id limit 1").fetchone()[0]
        con.execute("update health_monitor.fact_job_run set is_sla_breach = null, duration_seconds = null "
                    "where run_id = ?", [run_id])
        frame = DuckDBStore(con, catalog="gold").read(sql_text("job_runs.sql"), {"as_of": datetime(2100, 1, 1)})
    finally:
        con.close()
    row = frame[frame["run_id"] == run_id]
    assert len(row) == 1
    assert pd.isna(row["is_sla_breach"].iloc[0])
    # measured runs keep their value
    assert frame["is_sla_breach"].notna().sum() > 0


def _runs(unmeasured_recent: int) -> pd.DataFrame:
    """One job with a 10-minute SLA: a run every 6 hours for 20 days at ~5 minutes, two recent
    breaches, and ``unmeasured_recent`` recent runs whose duration (and breach) is unknown."""
    as_of = datetime(2026, 3, 1)
    rows = []
    for i in range(80):
        t = as_of - timedelta(hours=6 * (80 - i))
        breach = i in (77, 78)
        rows.append({"workspace_id": "w", "workspace_name": "ws", "job_id": "j1", "job_name": "nightly",
                     "run_id": f"r{i:03d}", "start_time": t, "duration_seconds": 900.0 if breach else 290.0 + i % 7,
                     "result_state": "SUCCEEDED", "is_failure": False, "is_sla_breach": breach,
                     "sla_seconds": 600.0, "error_message": None})
    for i in range(unmeasured_recent):
        rows.append({"workspace_id": "w", "workspace_name": "ws", "job_id": "j1", "job_name": "nightly",
                     "run_id": f"u{i:03d}", "start_time": as_of - timedelta(hours=1 + 3 * i), "duration_seconds": None,
                     "result_state": "SUCCEEDED", "is_failure": False, "is_sla_breach": None, "sla_seconds": 600.0,
                     "error_message": None})
    frame = pd.DataFrame(rows)
    frame["is_sla_breach"] = frame["is_sla_breach"].astype("boolean")
    return frame.sort_values("start_time", ignore_index=True)


def test_duration_forecaster_counts_only_measured_runs_towards_the_sla():
    model = JobDurationForecaster()
    as_of = datetime(2026, 3, 1)
    state = model.train(_runs(0), as_of, None)
    measured = model.score(state, _runs(0), as_of, None).iloc[0]
    with_unknown = model.score(state, _runs(12), as_of, None).iloc[0]
    assert measured["recent_sla_breaches"] == with_unknown["recent_sla_breaches"] == 2
    # unknown runs are not "runs inside the SLA": they neither dilute the rate nor count as runs
    assert with_unknown["recent_runs"] == measured["recent_runs"]
    assert with_unknown["sla_breach_prob_next_run"] == pytest.approx(measured["sla_breach_prob_next_run"], rel=1e-9)
    assert with_unknown["surprise_p"] == pytest.approx(measured["surprise_p"], rel=1e-9)
