"""The executor's per-key cache of warehouse reads (as-of, degraded models, coverage counts)."""

from __future__ import annotations

import pytest
from health_monitor.tools.executor import Recent


def test_a_value_is_read_once_per_key_until_it_expires(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr("health_monitor.tools.executor.time.monotonic", lambda: clock[0])
    reads = []
    cache = Recent(60.0)

    def read():
        reads.append(1)
        return len(reads)

    assert cache.get("as_of", read) == 1 and cache.get("as_of", read) == 1
    assert cache.get(("coverage", "select 1"), read) == 2  # another key is read on its own
    clock[0] += 61
    assert cache.get("as_of", read) == 3


def test_a_failed_read_is_not_kept():
    cache = Recent(60.0)

    def broken():
        raise RuntimeError("warehouse down")

    with pytest.raises(RuntimeError):
        cache.get("degraded", broken)
    assert cache.get("degraded", lambda: {}) == {}
