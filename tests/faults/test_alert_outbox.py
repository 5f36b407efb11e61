"""The notification outbox: an alert is delivered exactly once even when the evaluator is killed between
storing the event and sending it, or a channel raises; deliveries are bounded in time.

Deliveries go to a local capture server; the assertions count the posts it received per alert.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "alerts"))

from capture_servers import Blackhole, start_http  # noqa: E402
from health_monitor.alerts.channels import ChannelConfig, ChannelNotifier  # noqa: E402
from health_monitor.alerts.evaluate import run_evaluation  # noqa: E402
from health_monitor.alerts.rules import parse_rule  # noqa: E402
from health_monitor.alerts.sql_store import SqlAlertStore  # noqa: E402
from health_monitor.db import make_engine, migrate, session_scope  # noqa: E402
from health_monitor.db import repositories as repo  # noqa: E402

from health_monitor.core.settings import Settings  # noqa: E402

NOW = datetime(2026, 1, 15, 9, tzinfo=timezone.utc)
JOBS = [f"job_{i}" for i in range(8)]
ROWS = [{"job_name": j, "start_time": "2026-01-15"} for j in JOBS]
DEFINITION = {"name": "Any failure", "owner": "ops@company.com", "channels": ["slack"], "comparator": ">=",
              "threshold": 1, "measure": {"tool": "get_failed_jobs", "value": {"aggregate": "count",
                                                                                "subject": "job_name"}}}

#: One evaluation in its own process; ``kill_at`` > 0 SIGKILLs the process on that send (before it goes out).
SCRIPT = textwrap.dedent('''
    import os, signal, sys, threading
    from datetime import datetime, timezone
    from health_monitor.alerts.channels import ChannelConfig, ChannelNotifier
    from health_monitor.alerts.evaluate import run_evaluation
    from health_monitor.alerts.rules import parse_rule
    from health_monitor.alerts.sql_store import SqlAlertStore
    from health_monitor.core.settings import Settings
    from health_monitor.db import make_engine, session_scope
    from health_monitor.db import repositories as repo

    db, url, kill_at, workers = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    engine = make_engine(Settings(database_url="sqlite:///" + db))
    with session_scope(engine) as s:
        [record] = repo.list_rules(session=s, user_id="ops@company.com")
    rule = parse_rule({**record.definition, "id": record.id})
    real = ChannelNotifier(ChannelConfig(slack_webhook_url=url + "/services/T/B/outbox", allowed_hosts=[url],
                                         retries=0))
    calls, lock = [0], threading.Lock()

    class KillOnSend:
        def send(self, channel, note):
            with lock:
                calls[0] += 1
                if kill_at and calls[0] >= kill_at:
                    os.kill(os.getpid(), signal.SIGKILL)
            return real.send(channel, note)

    rows = [{"job_name": "job_%d" % i, "start_time": "2026-01-15"} for i in range(8)]
    report = run_evaluation([rule], lambda tool, params: rows, SqlAlertStore(engine), KillOnSend(),
                            datetime(2026, 1, 15, 9, tzinfo=timezone.utc), workers=workers)
    print(report.rules_evaluated, len(report.deliveries))
''')


@pytest.fixture
def capture():
    server, stop = start_http()
    yield server
    stop()


@pytest.fixture
def state(tmp_path):
    db = tmp_path / "state.sqlite"
    engine = make_engine(Settings(database_url=f"sqlite:///{db}"))
    migrate(engine)
    with session_scope(engine) as s:
        record = repo.create_rule(session=s, user_id="ops@company.com", name="Any failure", definition=DEFINITION)
    yield db, engine, parse_rule({**record.definition, "id": record.id})
    engine.dispose()


def _run(script: Path, db: Path, url: str, kill_at: int, workers: int = 8) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(script), str(db), url, str(kill_at), str(workers)],
                          capture_output=True, text=True, timeout=120, env={**os.environ})


def _posts_per_alert(capture) -> Counter:
    return Counter(body["text"].split("(")[1].split(")")[0] for _, body in capture.requests)


@pytest.mark.slow
@pytest.mark.parametrize(("kill_at", "workers"), [(1, 8), (4, 1)], ids=["before-any-send", "after-three-sends"])
def test_a_kill_between_storing_and_sending_loses_no_alert_and_sends_none_twice(tmp_path, state, capture,
                                                                                kill_at, workers):
    db, engine, _ = state
    script = tmp_path / "evaluate_once.py"
    script.write_text(SCRIPT)
    killed = _run(script, db, capture.url, kill_at, workers)
    assert killed.returncode == -9, killed.stderr  # SIGKILL: no cleanup, no finally
    before = len(capture.requests)
    assert before == kill_at - 1
    with session_scope(engine) as s:  # the events were committed with their pending deliveries
        assert len(repo.list_events(session=s, user_id="ops@company.com", open_only=True)) == 8
    rerun = _run(script, db, capture.url, 0)
    assert rerun.returncode == 0, rerun.stderr
    assert _posts_per_alert(capture) == Counter(JOBS)  # every alert exactly once
    again = _run(script, db, capture.url, 0)
    assert again.returncode == 0 and len(capture.requests) == 8


def test_a_send_that_raises_is_retried_next_run_and_sent_once(state, capture):
    _, engine, rule = state
    real = ChannelNotifier(ChannelConfig(slack_webhook_url=capture.url + "/services/T/B/raise",
                                         allowed_hosts=[capture.url], retries=0))
    calls = Counter()
    lock = threading.Lock()

    class Flaky:
        def send(self, channel, note):
            with lock:
                calls["n"] += 1
                n = calls["n"]
            if n % 4:  # 6 of the first 8 sends raise, as in the finding
                raise RuntimeError("channel bug")
            return real.send(channel, note)

    first = run_evaluation([rule], lambda t, p: ROWS, SqlAlertStore(engine), Flaky(), NOW)
    assert sum(o.action == "fire" for o in first.outcomes) == 8
    assert sum(d.ok for d in first.deliveries) == 2 and len(first.deliveries) == 8
    assert all("RuntimeError while sending" in d.error for d in first.failed_deliveries)
    second = run_evaluation([rule], lambda t, p: ROWS, SqlAlertStore(engine), real, NOW)
    assert len(second.deliveries) == 6 and all(d.ok and d.retry for d in second.deliveries)
    assert _posts_per_alert(capture) == Counter(JOBS)
    third = run_evaluation([rule], lambda t, p: ROWS, SqlAlertStore(engine), real, NOW)
    assert third.deliveries == [] and len(capture.requests) == 8


def test_an_unconfigured_channel_is_abandoned_not_retried_every_run(state):
    _, engine, rule = state
    notifier = ChannelNotifier(ChannelConfig())  # no Slack webhook at all
    first = run_evaluation([rule], lambda t, p: ROWS, SqlAlertStore(engine), notifier, NOW)
    assert len(first.deliveries) == 8 and all("not configured" in d.error for d in first.deliveries)
    second = run_evaluation([rule], lambda t, p: ROWS, SqlAlertStore(engine), notifier, NOW)
    assert second.deliveries == []
    with session_scope(engine) as s:
        statuses = {d.status for e in repo.list_events(session=s, user_id="ops@company.com")
                    for d in repo.list_deliveries(session=s, event_id=e.id)}
    assert statuses == {"pending", "abandoned"}


def test_deliveries_to_a_webhook_that_never_answers_run_concurrently_within_the_budget(state):
    _, engine, rule = state
    hole = Blackhole()
    try:
        url = f"http://127.0.0.1:{hole.port}"
        notifier = ChannelNotifier(ChannelConfig(slack_webhook_url=url + "/services/T/B/hang", allowed_hosts=[url],
                                                 http_timeout_s=1.0, retries=3, backoff_s=0.1, deadline_s=2.0))
        started = time.monotonic()
        report = run_evaluation([rule], lambda t, p: ROWS, SqlAlertStore(engine), notifier, NOW, budget_s=4.0)
        elapsed = time.monotonic() - started
    finally:
        hole.close()
    # one after another this was 8 x (4 attempts x 1 s + pauses); now all 8 together, each within 2 s
    assert elapsed < 4.0, elapsed
    assert len(report.deliveries) == 8 and not any(d.ok for d in report.deliveries)
    assert all("ReadTimeout" in d.error for d in report.deliveries)


def test_one_webhook_that_never_answers_is_given_up_at_the_send_deadline():
    from health_monitor.alerts.channels.http import post_json

    hole = Blackhole()
    try:
        url = f"http://127.0.0.1:{hole.port}"
        config = ChannelConfig(allowed_hosts=[url], http_timeout_s=10.0, retries=3, backoff_s=1.0, deadline_s=2.0)
        started = time.monotonic()
        result = post_json(url + "/services/T/B/hang", {"text": "hi"}, config=config)
        elapsed = time.monotonic() - started
    finally:
        hole.close()
    assert not result.ok and elapsed < 3.5, elapsed  # before: 4 attempts x 10 s + pauses = 48 s
    assert "ReadTimeout" in result.error
