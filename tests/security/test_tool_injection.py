"""SQL- and prompt-injection payloads through every string parameter of every tool.

For each payload: the call is ``ok`` or refused by validation (never a SQL error); DuckDB runs only
the tool's own prepared SQL (plus the executor's as-of and name-lookup statements), with the payload
bound, never spliced into the text; and no extra rows come back: a name parameter answers like a
benign unknown name (empty, with a message); a substring filter returns only rows holding the text.
"""

from __future__ import annotations

import pytest
from health_monitor.tools.executor import AS_OF_SQL, DEGRADED_SQL, ToolExecutor
from health_monitor.tools.lookups import LOOKUPS
from health_monitor.tools.registry import get_registry
from health_monitor.warehouse.dialect import NameMap, prepare
from security_payloads import PROMPT_INJECTION, SQL_INJECTION

BENIGN = "zzq-benign-unknown-value"


def _string_params(tool) -> list[str]:
    out = []
    for pname, info in tool.params.public_fields().items():
        ann = str(info.annotation)
        if "str" in ann and "Literal" not in ann:
            out.append(pname)
    return out


TOOLS_WITH_TEXT = [t for t in get_registry() if _string_params(t)]


def _allowed_sql(tool) -> set[str]:
    names = NameMap.for_duckdb()
    allowed = {tool.sql_text, AS_OF_SQL, DEGRADED_SQL}  # the executor's own fixed, parameter-free reads
    for kind in tool.name_params.values():
        allowed |= {LOOKUPS[kind].exists_sql, LOOKUPS[kind].suggest_sql}
    return {prepare(sql, "duckdb", names) for sql in allowed}


def _holds(row: dict, text: str) -> bool:
    needle = text.strip().lower()
    return any(needle in str(v).lower() for v in row.values() if v is not None)


@pytest.fixture(scope="module")
def executor(recording_warehouse, settings_module):
    return ToolExecutor(recording_warehouse, settings_module)


@pytest.fixture(scope="module")
def settings_module(demo_dir):
    from health_monitor.core.settings import Settings

    return Settings(data_dir=demo_dir)


def test_the_corpus_covers_many_parameters():
    pairs = [(t.name, p) for t in TOOLS_WITH_TEXT for p in _string_params(t)]
    assert len(pairs) >= 30, pairs


def test_the_generator_planted_injection_text_in_the_audit_log(planted_injections):
    text = " | ".join(planted_injections).lower()
    assert len(planted_injections) >= 3, planted_injections
    assert "ignore previous instructions" in text and "drop table" in text


@pytest.mark.parametrize("tool", TOOLS_WITH_TEXT, ids=lambda t: t.name)
def test_payloads_are_bound_never_executed(tool, executor, recording_warehouse, planted_injections):
    allowed = _allowed_sql(tool)
    corpus = SQL_INJECTION + PROMPT_INJECTION + planted_injections
    problems = []
    for pname in _string_params(tool):
        benign = executor.run(tool.name, {pname: BENIGN})
        assert benign.ok, benign.error
        is_name = pname in tool.name_params
        for payload in corpus:
            recording_warehouse.executed.clear()
            res = executor.run(tool.name, {pname: payload})
            ran = list(recording_warehouse.executed)
            where = f"{tool.name}({pname}={payload!r})"
            if not res.ok:
                if "invalid arguments" not in (res.error or ""):
                    problems.append(f"{where}: failed with {res.error}")
                if any(stmt not in allowed for stmt in ran):
                    problems.append(f"{where}: refused but ran other SQL")
                continue
            foreign = [stmt for stmt in ran if stmt not in allowed]
            if foreign:
                problems.append(f"{where}: ran SQL that is not the tool's own: {foreign[0][:120]!r}")
            spliced = [stmt for stmt in ran if payload.strip() and payload.strip() in stmt
                       and not any(payload.strip() in a for a in allowed)]
            if spliced:
                problems.append(f"{where}: the payload appears inside an executed statement")
            if is_name:
                if res.rows or benign.rows:
                    problems.append(f"{where}: {res.row_count} rows for a name that matches nothing "
                                    f"(benign unknown value: {benign.row_count})")
                elif not (res.message or "").startswith("No "):
                    problems.append(f"{where}: no 'No ... matches' message ({res.message!r})")
            else:
                extra = [r for r in res.rows if not _holds(r, payload)]
                if len(res.rows) > benign.row_count and extra:
                    problems.append(f"{where}: {len(extra)} extra row(s) not holding the text, e.g. {extra[0]}")
    assert not problems, "\n".join(problems[:20])


def test_the_warehouse_is_read_only_and_intact(recording_warehouse):
    """After the corpus: the Gold tables are all there and the attachments are read-only."""
    gold = recording_warehouse.query(
        "select count(*) as n from main.health_monitor.fact_usage_daily").scalar()
    assert gold and gold > 0
    with pytest.raises(Exception, match="(?i)read.only|cannot|not allowed|Query failed"):
        recording_warehouse.query("delete from main.health_monitor.dim_user")
