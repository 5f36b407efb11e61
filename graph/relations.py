"""How one answer's findings connect: typed relations joined on ids and Gold lineage, never on names.

Each :class:`Rule` names the kinds of finding it joins (kinds are the tools that produced them), the
Gold relation it uses and the sentence it writes. The joins:

* a cost spike and failures: the cost driver's job id is the failed runs' job id
  (``fact_usage_daily.job_id`` = ``fact_job_run.job_id``), or the failures ran in the spiking workspace
  on the spike's day (``workspace_id`` and date);
* a job's cost and its failures: the same job id;
* a stale table and the failed job that writes it: the failed run's job id is the writer of the
  table's lineage edges (``fact_lineage.job_id``), and when that run's error is a schema change the
  tables it reads (lineage upstream of the table) are named;
* a failed job and what it breaks: the tables it writes and their consumers downstream (up to 3 hops).

Lineage comes through the ``get_table_lineage`` tool (bound parameters, like every other read), called
once per failed job. Sentences quote only row values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from health_monitor.graph.figures import day, error, money, number, render, signed_pct100
from health_monitor.graph.nlp.entities import THREE_PART_PATTERN
from health_monitor.graph.state import AgentReport, Finding

from health_monitor.core.dates import as_date

#: Finding kinds: which tools' findings are what.
SPIKE = frozenset({"get_cost_anomalies"})
DRIVERS = frozenset({"get_top_cost_drivers"})
JOB_COST = frozenset({"get_job_costs"})
#: Failed runs with their job id (any job, or the jobs that write a named table).
FAILURE = frozenset({"get_failed_jobs", "get_table_writer_failures", "get_job_failure_reasons"})
STALE = frozenset({"get_freshness_violations", "get_table_freshness", "get_dq_summary"})

LINEAGE_TOOL = "get_table_lineage"
#: At most this many failed jobs get a lineage lookup in one answer (the most severe first).
MAX_LOOKUPS = 3
#: Downstream tables named in one sentence (the rest are counted).
MAX_TABLES = 4

#: Error classes and phrases that mean the data's schema changed under the job (Delta / Spark).
SCHEMA_CHANGE_ERRORS = ("DELTA_FAILED_TO_MERGE_FIELDS", "DELTA_SCHEMA_CHANGED", "DELTA_SCHEMA_MISMATCH",
                        "_SCHEMA_MISMATCH", "SCHEMA_NOT_FOUND", "UNRESOLVED_COLUMN", "CANNOT_UP_CAST",
                        "schema mismatch", "schema change", "changed type")

#: (tool, args) -> rows: how the relations step reads Gold (the graph passes the tool executor).
Lookup = Callable[[str, dict[str, Any]], list[dict[str, Any]]]


@dataclass
class Facts:
    """The rows of one answer's findings, by kind, plus the lineage read for its failed jobs."""

    findings: list[Finding]
    lookup: Lookup | None = None
    lineage: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def rows(self, kind: frozenset[str]) -> list[tuple[Finding, dict[str, Any]]]:
        return [(f, r) for f in self.findings if kind & set(f.tools) for r in f.rows]

    def failures(self) -> list[tuple[Finding, dict[str, Any]]]:
        seen, out = set(), []
        for f, r in self.rows(FAILURE):
            if r.get("job_id") and r["job_id"] not in seen:
                seen.add(r["job_id"])
                out.append((f, r))
        return out

    def stale(self) -> list[tuple[Finding, dict[str, Any]]]:
        return [(f, r) for f, r in self.rows(STALE)
                if r.get("table_full_name") and r.get("is_stale", True) not in (False, 0)]

    def lineage_of(self, job_id: str) -> list[dict[str, Any]]:
        """Lineage from the tables ``job_id`` writes (read once per job, at most MAX_LOOKUPS jobs)."""
        if job_id not in self.lineage:
            if self.lookup is None or len(self.lineage) >= MAX_LOOKUPS:
                return []
            self.lineage[job_id] = self.lookup(LINEAGE_TOOL, {"job": job_id})
        return self.lineage[job_id]

    def writes(self, job_id: str) -> list[dict[str, Any]]:
        """Edges the job itself writes (its lineage writer is this job id)."""
        return [e for e in self.lineage_of(job_id)
                if e.get("direction") == "upstream" and e.get("hops") == 1 and str(e.get("job_id")) == str(job_id)]

    def downstream(self, job_id: str) -> list[str]:
        edges = sorted((e for e in self.lineage_of(job_id) if e.get("direction") == "downstream"),
                       key=lambda e: (e.get("hops") or 0, str(e.get("target_table_full_name"))))
        return list(dict.fromkeys(str(e["target_table_full_name"]) for e in edges))


@dataclass
class Relation:
    rule: str
    text: str
    #: Tables the relation named (kept on the failure finding so "what does that break" follow-ups resolve).
    tables: list[str] = field(default_factory=list)
    finding: Finding | None = None


def _failure_values(r: dict[str, Any]) -> dict[str, Any]:
    last = r.get("start_time") or r.get("last_failure")
    return {"job": r.get("job_name") or r.get("job_id"), "job_id": r.get("job_id"),
            "ws": r.get("workspace_name") or r.get("workspace_id"),
            "failures": r.get("count") or r.get("failures") or 1, "when": day(last) if last else "recent",
            "error": error(r.get("error_message"), 120)}


def spike_and_failures(facts: Facts) -> list[Relation]:
    """A spending job, or a spiking workspace on the day, whose job runs failed."""
    out, out_rows = [], []
    failures = facts.failures()
    for _, d in facts.rows(DRIVERS):
        if str(d.get("driver_type")) != "job":
            continue
        for g, r in failures:
            if d.get("driver_id") and str(d["driver_id"]) == str(r["job_id"]):
                v = {**_failure_values(r), "cost": money(d.get("list_cost")), "pct": signed_pct100(d.get("pct_change")),
                     "base": money(d.get("baseline_cost")), "day": day(d.get("usage_date") or "")}
                out_rows.append(r)
                out.append(Relation("spike_and_failures", render(
                    "job `{job}` (id {job_id}) is both the cost jump, {cost} ({pct} against its 7-day average of "
                    "{base}), and the failures: it failed {failures:times} (last error: {error}); failed runs and "
                    "their retries are billed, so fixing it should also bring the spend down.", v), finding=g))
    linked = {str(r["job_id"]) for r in out_rows}
    for _, a in facts.rows(SPIKE):
        spike_day = as_date(a.get("usage_date"))
        for g, r in failures:
            if str(r["job_id"]) in linked:  # already tied to the jump by its own cost
                continue
            if not a.get("workspace_id") or str(a["workspace_id"]) != str(r.get("workspace_id")):
                continue
            if spike_day is None or as_date(r.get("start_time")) not in (spike_day, None):
                continue
            v = {**_failure_values(r), "cost": money(a.get("list_cost")), "pct": signed_pct100(a.get("pct_change")),
                 "day": day(spike_day)}
            out.append(Relation("spike_and_failures", render(
                "the {ws} spike on {day} ({cost}, {pct} against its 7-day average) is in the workspace where job "
                "`{job}` (id {job_id}) failed {failures:times} that day; failed runs and their retries are "
                "billed there too.", v), finding=g))
    return out


def job_cost_and_failures(facts: Facts) -> list[Relation]:
    """A job's cost and its failures, by job id."""
    out = []
    for _, c in facts.rows(JOB_COST):
        for g, r in facts.failures():
            if c.get("job_id") and str(c["job_id"]) == str(r["job_id"]) and (c.get("failed_runs") or 0) > 0:
                v = {**_failure_values(r), "cost": money(c.get("list_cost")), "runs": c.get("runs"),
                     "failed": c.get("failed_runs")}
                out.append(Relation("job_cost_and_failures", render(
                    "job `{job}` (id {job_id}) cost {cost} over the period and {failed} of its {runs} runs failed "
                    "(last error: {error}): the failed runs were billed too.", v), finding=g))
    return out


def is_schema_change(error: Any) -> bool:
    text = str(error or "")
    return any(k.lower() in text.lower() for k in SCHEMA_CHANGE_ERRORS)


def changed_tables(error: Any, sources: list[str]) -> list[str]:
    """Where a schema change came from: the tables its error names ("while reading main.sales.orders_raw"),
    else what the job reads (its lineage sources)."""
    named = list(dict.fromkeys(t.lower() for t in THREE_PART_PATTERN.findall(str(error or ""))))
    return named or sources


def stale_table_and_writer(facts: Facts) -> list[Relation]:
    """A stale table and the failed job that writes it (and, on a schema-change error, what it reads)."""
    out = []
    stale = {str(r["table_full_name"]): r for _, r in facts.stale()}
    if not stale:
        return out
    for g, r in facts.failures():
        edges = [e for e in facts.writes(str(r["job_id"])) if str(e.get("target_table_full_name")) in stale]
        for table in dict.fromkeys(str(e["target_table_full_name"]) for e in edges):
            hours = stale[table].get("hours_since_update")
            v = {**_failure_values(r), "table": table,
                 "stale": f"{number(hours)} h stale" if isinstance(hours, (int, float)) else "stale"}
            text = render("`{table}` is {stale} because job `{job}` (id {job_id}), which writes it, failed "
                          "(last on {when}).", v)
            sources = [str(e["source_table_full_name"]) for e in edges if str(e["target_table_full_name"]) == table]
            if is_schema_change(r.get("error_message")) and sources:
                sources = changed_tables(r.get("error_message"), sources)
                text = text[:-1] + render("; its error is a schema change ({error}) in what it reads upstream: "
                                          "{sources}.", {**v, "sources": ", ".join(f"`{s}`" for s in sources)})
            out.append(Relation("stale_table_and_writer", text, tables=[table, *sources], finding=g))
    return out


def failure_downstream(facts: Facts) -> list[Relation]:
    """A failed job, the tables it writes and what reads them downstream."""
    out = []
    for g, r in facts.failures()[:MAX_LOOKUPS]:
        edges = facts.writes(str(r["job_id"]))
        written = list(dict.fromkeys(str(e["target_table_full_name"]) for e in edges))
        if not written:
            continue
        below = [t for t in facts.downstream(str(r["job_id"])) if t not in written]
        sources = [s for s in dict.fromkeys(str(e.get("source_table_full_name") or "") for e in edges)
                   if s and s not in written]
        v = {**_failure_values(r), "written": ", ".join(f"`{t}`" for t in written),
             "below": ", ".join(f"`{t}`" for t in below[:MAX_TABLES])
             + (f" and {len(below) - MAX_TABLES} more" if len(below) > MAX_TABLES else ""),
             "sources": ", ".join(f"`{s}`" for s in sources[:MAX_TABLES])}
        text = render("job `{job}` (id {job_id}) writes {written}; ", v) + (
            render("while it fails, {below} downstream read stale data.", v) if below
            else "nothing downstream reads it in the recorded lineage.")
        named = changed_tables(r.get("error_message"), sources) if is_schema_change(r.get("error_message")) else []
        v["sources"] = ", ".join(f"`{s}`" for s in named[:MAX_TABLES])
        if named:
            # The error says the input changed shape: name what the job reads, where the change came from.
            text += render(" Its error is a schema change in what it reads upstream: {sources}.", v)
        out.append(Relation("failure_downstream", text, tables=written + below + named, finding=g))
    return out


def prefetch(facts: Facts) -> None:
    """Read the lineage of the failed jobs the rules may ask about side by side (one read each, in
    parallel like a specialist's tool calls), so an answer with failures pays one read's latency."""
    jobs = [str(r["job_id"]) for _, r in facts.failures()[:MAX_LOOKUPS] if str(r["job_id"]) not in facts.lineage]
    if facts.lookup is None or not jobs:
        return
    lookup = facts.lookup
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        found = list(pool.map(lambda job: lookup(LINEAGE_TOOL, {"job": job}), jobs))
    facts.lineage.update(zip(jobs, found, strict=True))


@dataclass(frozen=True)
class Rule:
    name: str
    #: The finding kinds the rule joins (all must be present in the answer).
    kinds: tuple[frozenset[str], ...]
    #: The Gold relation behind the join (documentation; tests read the rule by name).
    join: str
    connect: Callable[[Facts], list[Relation]]


RULES: tuple[Rule, ...] = (
    Rule("spike_and_failures", (DRIVERS | SPIKE, FAILURE),
         "cost driver job_id = failed run job_id; or spike workspace_id = failed run workspace_id on the spike day",
         spike_and_failures),
    Rule("job_cost_and_failures", (JOB_COST, FAILURE), "job cost job_id = failed run job_id", job_cost_and_failures),
    Rule("stale_table_and_writer", (STALE, FAILURE),
         "fact_lineage.job_id (writer of the stale table) = failed run job_id; lineage sources of that edge",
         stale_table_and_writer),
    Rule("failure_downstream", (FAILURE,),
         "fact_lineage written by the failed job, then downstream up to 3 hops", failure_downstream),
)


def relations(reports: dict[str, AgentReport], lookup: Lookup | None = None,
              rules: Iterable[Rule] = RULES) -> list[Relation]:
    """Every relation the rules find among the findings of one answer (each sentence once)."""
    findings = [f for r in reports.values() for f in r.findings]
    tools = {t for f in findings for t in f.tools}
    facts = Facts(findings, lookup)
    if lookup is not None and FAILURE & tools:
        prefetch(facts)
    out: dict[str, Relation] = {}
    for rule in rules:
        if all(kind & tools for kind in rule.kinds):
            for rel in rule.connect(facts):
                out.setdefault(rel.text, rel)
    return list(out.values())


def with_tables(reports: dict[str, AgentReport], found: list[Relation]) -> dict[str, AgentReport]:
    """The reports whose findings gained the tables a relation named (first), for follow-ups."""
    changed: dict[str, AgentReport] = {}
    for rel in found:
        if rel.finding is None or not rel.tables:
            continue
        report = changed.get(rel.finding.agent) or reports.get(rel.finding.agent)
        if report is None:
            continue
        findings = []
        for f in report.findings:
            if f is rel.finding or (f.title == rel.finding.title and f.tools == rel.finding.tools):
                tables = list(dict.fromkeys([*f.entities.get("table", []), *rel.tables]))
                f = f.model_copy(update={"entities": {**f.entities, "table": tables}})
            findings.append(f)
        changed[rel.finding.agent] = report.model_copy(update={"findings": findings})
    return changed


__all__ = ["RULES", "Facts", "Relation", "Rule", "is_schema_change", "relations", "with_tables"]
