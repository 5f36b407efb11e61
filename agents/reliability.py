"""Reliability specialist: availability and outages, incidents, SLAs, MTBF/MTTR, service health."""

from __future__ import annotations

import dataclasses

from health_monitor.agents.spec import JOB_OWNERS, ROWS, AgentSpec, Before, Compare, Lens, Play

RELIABILITY_PROMPT = """You are the reliability specialist of a Databricks platform health monitor, answering {user}.
The data is as of {as_of}; "yesterday" is the UTC day before it.
You cover SQL warehouse availability and outages, incidents, SLA breaches, mean time between failures
and to recover, job success rates and the health of services (warehouses, jobs, serving endpoints).
Your tools: {tools}. Use at most {max_steps} tool-calling steps.
Quote only figures the tools returned. Finish with what you found (figures), how severe it is
(info, low, medium, high) and one concrete recommendation."""

#: A job's failed runs, grouped, with the cause in each error message.
FAILED_RUNS = Lens(group="job_name", sort="count desc", rows=3, say="{job_name} failed {count:times} ({error_message:err})",
                   severity=(("high", "count >= 3"),))

OUTAGES = Lens(sort="start_time desc", rows=3,
               say="{warehouse_name} was down {duration_minutes:num} min from {start_time:time}",
               severity=(("high", "duration_minutes >= 60"), ("medium", "duration_minutes >= 10")),
               empty="No warehouse outage in the period.")

#: Warehouse availability over the window (a named job's reliability is its runs instead).
UPTIME = Play("get_uptime_metrics", when=(r"uptime|availab|\bup\b|downtime|healthy|health|\b(is|was) .{0,25} down\b|"
                                         r"stable|stability|unstable|reliab\w*|error budget|\bslos?\b|nines\b",),
              default=True, unless=("job",), weight=2, title="Availability",
              compare=Compare("Warehouse outage time", total="outage_minutes", unit="minutes"),
              lens=Lens(sort="availability_pct", rows=3,
                        say="{warehouse_name} ({workspace_name}) {availability_pct:.2f}% available over "
                            "{days:int} days, {outages:plural:outage} totalling {outage_minutes:num} min",
                        severity=(("high", "availability_pct < 99"), ("medium", "availability_pct < 99.9")),
                        recommend="Check {warehouse_name}'s outage events and consider a second cluster "
                                  "(max_clusters > 1) for failover.", recommend_when="outages > 0"))

AGENT = AgentSpec(
    name="reliability",
    title="Reliability",
    description="Availability and uptime of SQL warehouses, outages, incidents, SLA breaches, MTBF and MTTR, "
                "job success rates and the health of services.",
    system_prompt=RELIABILITY_PROMPT,
    examples=(
        "What's the availability of etl-warehouse over the last 7 days?",
        "List SLA misses for hourly_ingest",
        "What's the MTBF for the production workspace?",
    ),
    all_clear="Everything was up: no outage, incident or SLA breach.",
    playbook=(
        JOB_OWNERS,  # "who owns nightly_etl?": the job's creator and run-as identity
        Play("get_incident_summary", when=(r"incidents?|what happened|went wrong|problems?|issues?|highlights?|paged|"
                                           r"pages|woken|woke|on-?call|"
                                           r"summary|overview|"
                                           r"monday|tuesday|wednesday|thursday|friday|saturday|sunday",),
             default=True, weight=2, title="Incidents",
             lens=Lens(sort="severity_rank desc", rows=4,
                       say="{incident_date:date}: {incident_type} on {subject} ({workspace_name}, {severity}), "
                           "{occurrences:times} — {detail:clip}",
                       severity=(("high", "severity == high"), ("medium", "severity == medium")),
                       empty="No incidents in the period.")),
        UPTIME,
        # "did the nightly_etl failure dent the production uptime number?": uptime said outright is the warehouses'
        # uptime, a job named beside it or not
        dataclasses.replace(UPTIME, when=(r"\buptime\b|\bavailability\b|\bdowntime\b",), default=False, unless=(),
                            weight=3),
        Play("get_warehouse_outages", when=(r"outages?|\b(is|was|went|go(es)?|been|goes) down\b|downtime|unavailab|"
                                            # "was etl-warehouse down?", "how long for?": the outage, when and how long
                                            r"\b(?:was|were|went) .{0,25} down\b|\bhow long (?:for|was it|were they|did it last)\b|"
                                            r"(?:was ?n[o']t|were ?n[o']t|not|stopped|won'?t|would ?n[o']t) (?:\w+ )?"
                                            r"(?:loading|working|responding|reachable|connecting)|unreachable|offline|"
                                            r"(?:could ?n[o']t|could not|can'?t|cannot|unable to|nobody could|no ?one could) "
                                            r"(?:connect|reach|load|get in|log ?in)|(?:dragg\w*|brought|pulled|"
                                            r"bring\w*) (?:it|that|this|us|them|the number) down|"
                                            # "the incident register: each incident's start, end, duration and service"
                                            r"\bincident (?:register|log|list|history|record|timeline)s?\b|\b(?:each|every|all) "
                                            r"incidents?\b[^.?!]{0,60}\b(?:start|end|duration|affected)",),
             weight=2,
             title="Outages", before=Before(), lens=OUTAGES),
        # "MTBF for etl-warehouse": a warehouse's failures are its outages (the MTBF tool counts job runs per workspace)
        Play("get_warehouse_outages", when=(r"mtbf|mttr|mean time|between failures|to recover|recovery",),
             needs=("warehouse",), weight=3, title="Outages of that warehouse", lens=OUTAGES),
        Play("get_sla_breaches", when=(r"\bsl[ao]s?\b|service[- ]levels?(?: (?:commitments?|agreements?|objectives?|targets?))?|breach|blow (?:it|them|through)|blew (?:it|them|through)|blown|\blate\b|\bmiss(ed|es|ing)?\b|deadline|\bwindow\b|on time|"
                                       r"(?:ran|runs?|running|going) (?:too )?(?:long|over)|overr[au]n\w*|took too long|"
                                       # "it's supposed to be fresh within 15 min": the target it is held to
                                       r"\b(?:supposed|meant|expected|ought) to (?:be (?:fresh|updated|refreshed|current|loaded|"
                                       r"landed|done)|land|finish|complete|arrive)\b|\bkeep(?:ing)? up\b",), weight=3,
             title="SLA breaches", before=Before(), compare=Compare("SLA breaches", total=ROWS, unit="int"),
             lens=Lens(group="job_name", sort="count desc", rows=3,
                       say="{job_name} missed its {sla_seconds:dur} SLA {count:times}, the last run "
                           "{over_by_seconds:dur} over",
                       severity=(("high", "count >= 4"), ("medium", "count >= 1")),
                       recommend="Find what slows {job_name} down (its bottleneck tasks) or revisit its SLA.",
                       empty="No job missed its SLA in the period.")),
        Play("get_mtbf_mttr", when=(r"mtbf|mttr|mean time|between failures|to recover|recovery",), weight=3,
             title="MTBF and MTTR", compare=Compare("Job failure rate", total="failures", per="runs", unit="pct100"),
             lens=Lens(sort="failures desc", rows=3,
                       say="{workspace_name}: MTBF {mtbf_hours:num} hours, MTTR {mttr_minutes:num} min "
                           "({failures:int} failures in {runs:int} runs, {success_rate_pct:pct100} success)")),
        Play("get_service_health", when=(r"services?|health|healthy|status|degraded",), weight=2,
             title="Service health",
             lens=Lens(where="status != healthy", sort="availability_pct", rows=3,
                       say="{service_type} {service_name} is {status}: {availability_pct:pct100} available, "
                           "{error_rate_pct:pct100} errors ({detail:clip})",
                       severity=(("medium", "status == degraded"),),
                       empty="Every service is healthy.")),
        Play("get_job_success_rate", when=(r"success rate|failure rate|flaky|reliab|stable|stability",
                                           r"fail\w*\b.*\bcompare\b"), weight=2,
             title="Job success rates", compare=Compare("Job failure rate", total="failed", per="runs",
                                                        unit="pct100"),
             lens=Lens(where="failed > 0", sort="failure_rate_pct desc", rows=3,
                       say="{job_name}: {success_rate_pct:pct100} success over {runs:plural:run}",
                       severity=(("high", "success_rate_pct < 80"), ("medium", "success_rate_pct < 95")))),
        Play("get_failed_jobs", when=(r"fail|error|broke|crash",), title="Failed job runs", before=Before(needs=("job",)),
             lens=FAILED_RUNS),
        # "did nightly_etl blow its SLA? root cause in one sentence": what broke the job, beside whether it was late
        Play("get_failed_jobs", when=(r"root cause|what caused|cause of|\bwhy\b",), needs=("job",), title="Failed job runs",
             lens=FAILED_RUNS),
        Play("get_at_risk_jobs", when=(r"at risk|likely to (fail|miss)|will (fail|miss)|predict|next 24|risk",),
             weight=3, title="Jobs at risk",
             lens=Lens(where="is_at_risk == true", sort="risk_24h desc", rows=3,
                       say="{job_name}: {failure_prob_24h:pct} failure and {sla_breach_prob_24h:pct} SLA-breach "
                           "risk in the next 24 hours",
                       empty="No job's failure or SLA risk is elevated.")),
        Play("get_job_duration_trend", when=(r"trend|getting|over time",), needs=("job",), title="Job trend",
             lens=Lens(sort="run_date desc", rows=3,
                       say="{run_date:date}: {runs:int} runs, {failed:int} failed, {sla_breaches:int} SLA breaches")),
    ),
)
