"""Typed relations between one answer's findings (graph.relations): each rule on rows built here,
then end to end over the demo account."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from health_monitor.graph.relations import RULES, is_schema_change, relations, with_tables
from health_monitor.graph.service import ask
from health_monitor.graph.state import AgentReport, Finding

FAIL = {"start_time": datetime(2027, 3, 9, 4, 10), "workspace_id": "77", "workspace_name": "west",
        "job_id": "9001", "job_name": "load_ledger", "count": 2,
        "error_message": "[DELTA_FAILED_TO_MERGE_FIELDS] Failed to merge fields 'qty' and 'qty'"}
OTHER_FAIL = {**FAIL, "job_id": "9002", "job_name": "load_ledger", "workspace_id": "78",
              "error_message": "Py4JJavaError: connection reset"}

#: Lineage of job 9001 as the lineage tool returns it: it writes fin.core.ledger from fin.raw.entries;
#: fin.core.ledger feeds fin.rep.pnl (job 9100), which feeds fin.rep.board (job 9200).
LINEAGE = {"9001": [
    {"direction": "upstream", "hops": 1, "source_table_full_name": "fin.raw.entries",
     "target_table_full_name": "fin.core.ledger", "job_id": "9001", "writer_name": "load_ledger"},
    {"direction": "upstream", "hops": 1, "source_table_full_name": "fin.raw.fx",
     "target_table_full_name": "fin.core.ledger", "job_id": "5555", "writer_name": "fx_sync"},
    {"direction": "downstream", "hops": 1, "source_table_full_name": "fin.core.ledger",
     "target_table_full_name": "fin.rep.pnl", "job_id": "9100", "writer_name": "pnl"},
    {"direction": "downstream", "hops": 2, "source_table_full_name": "fin.rep.pnl",
     "target_table_full_name": "fin.rep.board", "job_id": "9200", "writer_name": "board"},
]}


def finding(agent: str, tool: str, rows: list[dict], title: str = "T") -> Finding:
    return Finding(agent=agent, title=title, summary="s", severity="high", tools=[tool], rows=rows)


def reports(*findings: Finding) -> dict[str, AgentReport]:
    out: dict[str, AgentReport] = {}
    for f in findings:
        out.setdefault(f.agent, AgentReport(agent=f.agent)).findings.append(f)
    return out


class Lineage:
    """The Gold lookup, on rows built here; records what it was asked."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, dict]] = []

    def __call__(self, tool: str, args: dict) -> list[dict]:
        self.asked.append((tool, args))
        return LINEAGE.get(str(args.get("job")), [])


def rule(name: str):
    return next(r for r in RULES if r.name == name)


def test_a_cost_driver_and_failures_join_on_the_job_id_not_the_name():
    driver = {"driver_type": "job", "driver_id": "9001", "driver_name": "load_ledger", "workspace_id": "77",
              "usage_date": date(2027, 3, 9), "list_cost": 2400.0, "baseline_cost": 800.0, "pct_change": 200.0}
    found = relations(reports(finding("cost", "get_top_cost_drivers", [driver]),
                              finding("performance", "get_failed_jobs", [OTHER_FAIL, FAIL])),
                      rules=[rule("spike_and_failures")])
    assert len(found) == 1  # 9002 has the same name but is another job
    assert "`load_ledger` (id 9001)" in found[0].text and "$2,400" in found[0].text and "+200%" in found[0].text
    assert "failed twice" in found[0].text


def test_a_workspace_spike_joins_failures_in_that_workspace_on_that_day():
    spike = {"workspace_id": "77", "workspace_name": "west", "usage_date": date(2027, 3, 9), "list_cost": 5100.0,
             "pct_change": 140.0}
    found = relations(reports(finding("cost", "get_cost_anomalies", [spike]),
                              finding("reliability", "get_failed_jobs", [FAIL, OTHER_FAIL])),
                      rules=[rule("spike_and_failures")])
    assert [r.text.split(" is in")[0] for r in found] == ["the west spike on 2027-03-09 ($5,100, +140% against its "
                                                           "7-day average)"]
    other_day = {**spike, "usage_date": date(2027, 3, 1)}
    assert relations(reports(finding("cost", "get_cost_anomalies", [other_day]),
                             finding("reliability", "get_failed_jobs", [FAIL])), rules=[rule("spike_and_failures")]) == []


def test_a_job_cost_and_its_failures_join_on_the_job_id():
    cost = {"job_id": "9001", "job_name": "load_ledger", "list_cost": 730.5, "runs": 30, "failed_runs": 4}
    found = relations(reports(finding("cost", "get_job_costs", [cost]), finding("performance", "get_failed_jobs", [FAIL])),
                      rules=[rule("job_cost_and_failures")])
    assert len(found) == 1 and "cost $730 " in found[0].text and "4 of its 30 runs failed" in found[0].text
    healthy = {**cost, "failed_runs": 0}
    assert relations(reports(finding("cost", "get_job_costs", [healthy]), finding("performance", "get_failed_jobs", [FAIL])),
                     rules=[rule("job_cost_and_failures")]) == []


def test_a_stale_table_joins_the_failed_job_that_writes_it_and_the_schema_change_upstream():
    stale = {"table_full_name": "fin.core.ledger", "hours_since_update": 30.0}
    lookup = Lineage()
    found = relations(reports(finding("quality", "get_freshness_violations", [stale]),
                              finding("performance", "get_failed_jobs", [FAIL])), lookup,
                      rules=[rule("stale_table_and_writer")])
    assert lookup.asked == [("get_table_lineage", {"job": "9001"})]
    (rel,) = found
    assert rel.text.startswith("`fin.core.ledger` is 30 h stale because job `load_ledger` (id 9001)")
    # The schema change is upstream of what *this* job reads, not fx_sync's source.
    assert "schema change" in rel.text and "`fin.raw.entries`" in rel.text and "fin.raw.fx" not in rel.text


def test_a_stale_table_someone_else_writes_is_not_blamed_on_the_failed_job():
    stale = {"table_full_name": "fin.rep.pnl", "hours_since_update": 30.0}
    assert relations(reports(finding("quality", "get_freshness_violations", [stale]),
                             finding("performance", "get_failed_jobs", [FAIL])), Lineage(),
                     rules=[rule("stale_table_and_writer")]) == []


def test_without_a_schema_error_only_the_writer_is_named():
    stale = {"table_full_name": "fin.core.ledger", "hours_since_update": 30.0}
    plain = {**FAIL, "error_message": "Py4JJavaError: connection reset"}
    (rel,) = relations(reports(finding("quality", "get_freshness_violations", [stale]),
                               finding("performance", "get_failed_jobs", [plain])), Lineage(),
                       rules=[rule("stale_table_and_writer")])
    assert "schema" not in rel.text and "id 9001" in rel.text
    assert is_schema_change("[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column ... cannot be resolved")
    assert not is_schema_change("torch.OutOfMemoryError: CUDA out of memory")


def test_a_failed_job_names_what_it_breaks_downstream_and_the_finding_keeps_those_tables():
    failed = finding("performance", "get_failed_jobs", [FAIL])
    rep = reports(failed)
    (rel,) = relations(rep, Lineage(), rules=[rule("failure_downstream")])
    assert rel.text.startswith("job `load_ledger` (id 9001) writes `fin.core.ledger`")
    assert "`fin.rep.pnl`, `fin.rep.board` downstream" in rel.text
    # its error is a schema change, so what it reads upstream is named too
    assert rel.text.endswith("Its error is a schema change in what it reads upstream: `fin.raw.entries`.")
    updated = with_tables(rep, [rel])
    assert updated["performance"].findings[0].entities["table"] == ["fin.core.ledger", "fin.rep.pnl", "fin.rep.board",
                                                                    "fin.raw.entries"]
    (plain,) = relations(reports(finding("performance", "get_failed_jobs", [{**FAIL, "error_message": "timeout"}])),
                         Lineage(), rules=[rule("failure_downstream")])
    assert "schema" not in plain.text


def test_a_job_without_recorded_lineage_and_findings_without_rows_connect_nothing():
    assert relations(reports(finding("performance", "get_failed_jobs", [OTHER_FAIL])), Lineage()) == []
    assert relations(reports(finding("cost", "get_cost_anomalies", []), finding("performance", "get_failed_jobs", []))) == []


def test_the_rows_stay_out_of_what_is_stored_and_sent_to_an_llm():
    f = finding("performance", "get_failed_jobs", [FAIL])
    assert "rows" not in f.model_dump() and "rows" not in AgentReport(agent="p", findings=[f]).model_dump()


# -- end to end over the demo ---------------------------------------------------------------------

def test_demo_stale_table_failed_writer_schema_change_and_downstream(demo_context):
    a = ask("is orders_gold stale, and did any job fail?", context=demo_context)
    link = a.answer.split("**How these connect:**")[1].split("\n\n")[0]
    assert "`main.sales.orders_gold`" in link and "`nightly_etl`" in link and "schema change" in link
    assert "`main.sales.orders_raw`" in link  # the upstream table its error names
    assert "`main.analytics.daily_revenue`" in link  # downstream of it
    assert any(c["tool"] == "get_table_lineage" for c in a.tool_calls) and "get_table_lineage" in a.answer


def test_demo_cost_jump_and_failures_of_the_same_job(demo_context):
    a = ask("why are costs up and jobs failing?", context=demo_context)
    link = a.answer.split("**How these connect:**")[1].split("\n\n")[0]
    assert "`ml_training`" in link and "cost jump" in link


def test_demo_what_does_that_break_downstream_after_a_failure(demo_context):
    first = ask("which jobs failed?", context=demo_context)
    second = ask("what does that break downstream?", context=demo_context, conversation_id=first.conversation_id)
    assert [c["args"].get("table_name") for c in second.tool_calls
            if c["tool"] == "get_table_lineage" and c["agent"] == "governance"] == ["main.sales.orders_gold"]
    assert "main.analytics.daily_revenue" in second.answer and "main.ml.features_customer" in second.answer
    assert "quality" in second.agents  # what the failure broke downstream: which tables it left stale


def test_a_job_tied_to_the_jump_by_its_own_cost_is_not_repeated_for_its_workspace():
    driver = {"driver_type": "job", "driver_id": "9001", "workspace_id": "77", "usage_date": date(2027, 3, 9),
              "list_cost": 2400.0, "baseline_cost": 800.0, "pct_change": 200.0}
    spike = {"workspace_id": "77", "workspace_name": "west", "usage_date": date(2027, 3, 9), "list_cost": 5100.0,
             "pct_change": 140.0}
    found = relations(reports(finding("cost", "get_top_cost_drivers", [driver]),
                              finding("cost", "get_cost_anomalies", [spike], title="Spike"),
                              finding("performance", "get_failed_jobs", [FAIL])), rules=[rule("spike_and_failures")])
    assert len(found) == 1 and "cost jump" in found[0].text


def test_after_a_failed_tool_call_the_relations_read_no_more_lineage(compiled_graph, fake_context):
    from graph_fakes import DEMO_ROWS, FakeExecutor

    rows = {**DEMO_ROWS, "get_failed_jobs": [{**FAIL, "count": None}]}
    ex = FakeExecutor(rows, fail={"get_cost_anomalies"})
    a = ask("Why are costs high and jobs failing?", context=fake_context(None, executor=ex), graph=compiled_graph,
            persist=False)
    assert "get_failed_jobs" in [t for t, _ in ex.calls] and "get_table_lineage" not in [t for t, _ in ex.calls]
    ok = FakeExecutor(rows)
    ask("Why are costs high and jobs failing?", context=fake_context(None, executor=ok), graph=compiled_graph,
        persist=False)
    assert ("get_table_lineage", {"job": "9001"}) in [(t, {k: v for k, v in args.items() if v}) for t, args in ok.calls]
    assert a.answer


@pytest.mark.parametrize("question", [
    "why is orders_gold stale?",
    "main.sales.orders_gold looks out of date, what caused that",
    "orders_gold is behind schedule - what happened?",
])
def test_demo_why_a_named_table_is_stale_reads_its_writer_and_connects(demo_context, question):
    """Asking why a table is late, without naming any job: the quality specialist reads the failed runs of
    the job that writes it (lineage), and the answer connects them."""
    a = ask(question, context=demo_context)
    calls = [c for c in a.tool_calls if c["tool"] == "get_table_writer_failures"]
    assert calls and calls[0]["args"]["table"] == "main.sales.orders_gold"
    link = a.answer.split("**How these connect:**")[1].split("\n\n")[0]
    assert "`nightly_etl`" in link and "`main.sales.orders_gold`" in link


def test_failure_reasons_connect_like_failed_runs():
    reasons = {"workspace_name": "west", "job_id": "9001", "job_name": "load_ledger", "termination_code": "RUN_ERROR",
               "error_message": FAIL["error_message"], "failures": 2, "last_failure": datetime(2027, 3, 9, 4, 10)}
    (rel,) = relations(reports(finding("performance", "get_job_failure_reasons", [reasons])), Lineage(),
                       rules=[rule("failure_downstream")])
    assert rel.text.startswith("job `load_ledger` (id 9001) writes `fin.core.ledger`") and "fin.raw.entries" in rel.text


def test_a_schema_change_names_the_table_its_error_names():
    named = {**FAIL, "error_message": "[DELTA_FAILED_TO_MERGE_FIELDS] incompatible types while reading fin.raw.fx: "
                                      "schema mismatch"}
    (rel,) = relations(reports(finding("performance", "get_failed_jobs", [named])), Lineage(),
                       rules=[rule("failure_downstream")])
    assert rel.text.endswith("Its error is a schema change in what it reads upstream: `fin.raw.fx`.")
