"""Bounded waits on the state database: a PostgreSQL that accepts connections and never answers, or a
statement that runs forever, is a clear error within the configured timeout, never a hang."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).parent.parent / "alerts"))

from capture_servers import Blackhole  # noqa: E402
from health_monitor.db import make_engine, session_scope  # noqa: E402
from health_monitor.db.errors import StateUnavailable  # noqa: E402

from health_monitor.core.settings import Settings  # noqa: E402


def _within(seconds: float, fn):  # noqa: ANN001, ANN202
    """(finished, result-or-exception) of ``fn()`` in a daemon thread, waiting at most ``seconds``."""
    box: dict = {}

    def run() -> None:
        try:
            box["result"] = fn()
        except BaseException as e:  # noqa: BLE001 - handed back to the test
            box["result"] = e

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    return not thread.is_alive(), box.get("result")


def test_a_postgres_that_accepts_and_never_answers_fails_within_the_timeout():
    hole = Blackhole()
    settings = Settings(database_url=f"postgresql+psycopg2://hm@127.0.0.1:{hole.port}/state",
                        state_connect_timeout_s=2)
    engine = make_engine(settings)

    def touch() -> None:
        with session_scope(engine) as s:
            s.execute(text("select 1"))

    try:
        started = time.monotonic()
        finished, result = _within(15, touch)  # before: no connect_timeout, a hang of minutes
        elapsed = time.monotonic() - started
    finally:
        hole.close()
        engine.dispose()
    assert finished, "still waiting after 15 s"
    assert isinstance(result, StateUnavailable) and elapsed < 8, (result, elapsed)
    assert "did not answer in time" in str(result)


@pytest.mark.postgres
def test_a_statement_that_runs_forever_is_cancelled_by_the_statement_timeout():
    from pg_support import PG_URL

    engine = make_engine(Settings(database_url=PG_URL, state_statement_timeout_s=1))

    def sleep() -> None:
        with session_scope(engine) as s:
            s.execute(text("select pg_sleep(30)"))

    try:
        started = time.monotonic()
        finished, result = _within(15, sleep)
        elapsed = time.monotonic() - started
    finally:
        engine.dispose()
    assert finished and isinstance(result, StateUnavailable) and elapsed < 6, (result, elapsed)
    assert "did not answer in time" in str(result)
