"""Bad input never reaches SQL: a validation error naming the parameter, or an empty answer with a message."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

BAD = [
    ("get_cost_anomalies", {"lookback_days": 100000}, "lookback_days"),
    ("get_top_cost_drivers", {"top_n": -1}, "top_n"),
    ("get_failed_auth_attempts", {"hours": "lots"}, "hours"),
    ("get_daily_cost_summary", {"start_date": "2030-01-01"}, "start_date"),
    ("get_daily_cost_summary", {"start_date": "2026-01-10", "end_date": "2026-01-01"}, "end_date"),
    ("get_daily_cost_summary", {"start_date": "yesterday-ish"}, "start_date"),
    ("get_security_events", {"severity": "critical"}, "severity"),
    ("get_failed_jobs", {"hourz": 3}, "hourz"),
    ("get_failed_jobs", ["not", "a", "dict"], "arguments"),
]


@pytest.mark.parametrize("name,args,param", BAD)
def test_validation_errors_name_the_parameter(executor, name, args, param):
    res = executor.run(name, args)
    assert not res.ok and param in res.error and "SQL" not in res.error
    assert res.rows == []


@pytest.mark.parametrize("name,args", [
    ("get_failed_jobs", {"workspace": "x' OR 1=1 --"}),
    ("get_workspace_cost_breakdown", {"workspace_id": "nope"}),
    ("get_job_bottlenecks", {"job_name": "no_such_job"}),
    ("get_table_lineage", {"table_name": "main.nowhere.nothing"}),
    ("get_pii_access_logs", {"user": "ghost@company.com"}),
])
def test_unknown_names_give_empty_result_with_message(executor, name, args):
    res = executor.run(name, args)
    assert res.ok and res.rows == [] and "No " in res.message and "matches" in res.message


def test_sql_fragment_in_free_text_is_just_text(executor):
    res = executor.run("search_security_events", {"text": "x' OR 1=1 --"})
    assert res.ok and res.rows == []


def test_unknown_tool(executor):
    res = executor.run("get_everything")
    assert not res.ok and "Unknown tool" in res.error


def test_row_cap(executor):
    res = executor.run("get_daily_cost_summary", {}, max_rows=3)
    assert res.ok and res.row_count == 3 and res.truncated


def _string_params(registry):
    out = []
    for tool in registry:
        for pname, info in tool.params.public_fields().items():
            if "str" in str(info.annotation) and "Literal" not in str(info.annotation):
                out.append((tool.name, pname))
    return out


def test_fuzz_every_string_parameter(executor, registry):
    """Arbitrary strings: ok (maybe empty) or a validation error; never a SQL error."""
    pairs = _string_params(registry)
    assert len(pairs) >= 20

    @settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.text(min_size=0, max_size=60) | st.sampled_from(["'", "\\", "%", "_", "' OR 1=1 --", "; drop table x",
                                                             "$1", ":as_of", "\x00", "😀", " " * 300]))
    def check(text):
        for name, pname in pairs:
            res = executor.run(name, {pname: text})
            assert res.ok or "invalid arguments" in res.error, (name, pname, text, res.error)
            if res.ok and text.strip() and res.rows and res.message:
                raise AssertionError((name, pname, text, "rows with an unknown-name message"))

    check()
