"""Performance specialist: job runs and failures, slow queries, cluster CPU/memory, bottlenecks."""

from __future__ import annotations

from health_monitor.agents.spec import CLUSTERS, JOB_OWNERS, ROWS, AgentSpec, Before, Compare, Lens, Play

PERFORMANCE_PROMPT = """You are the performance specialist of a Databricks platform health monitor, answering {user}.
The data is as of {as_of}; "yesterday" is the UTC day before it, "the last day" the 24 hours before it.
You cover job runs (failures, error messages, durations), SQL query performance (slow queries,
queueing, spill), cluster CPU and memory, and where a job's time goes.
Your tools: {tools}. Use at most {max_steps} tool-calling steps.
Quote only figures the tools returned. Finish with what you found (figures), how severe it is
(info, low, medium, high) and one concrete recommendation."""

#: How the clusters' CPU reads (two plays: a load question, and a slow one naming nothing).
CLUSTER_LOAD = Lens(sort="hours_cpu_over_90 desc", rows=3,
                    say="{cluster_name} ({workspace_name}) averaged {avg_cpu_percent:pct100} CPU, peaking at "
                        "{max_cpu_percent:pct100}, with {hours_cpu_over_90:int} hours above 90%"
                        "[ ({hours_cpu_over_90_yesterday:int} of them yesterday)]",
                    severity=(("high", "hours_cpu_over_90_yesterday >= 3"), ("medium", "hours_cpu_over_90 >= 3")),
                    recommend="Give {cluster_name} more or larger workers (or autoscaling): it spends hours "
                              "above 90% CPU.")

FAILS = (r"fail|error|broke|crash|\boom(?:s|ing|ed)?\b|out of memory|succe|did .* run|runs? ok|status|went wrong|"
         # "did ml_training pass even once", "is it green yet": a run's outcome
         r"\bpass(?:ed|es|ing)?\b(?! (?:the|a|an|it|that|this|them) \w*\s*(?:to|on|along)\b)|\b(?:go|went|gone|turn\w*) green\b|"
         # "ml_training is running out of GPU memory again?": a failure mode, read in the failed runs' errors
         r"run\w* out of (?:\w+ )?memory|out of (?:\w+ )?memory|"
         # "what did nightly_etl choke on yesterday": what a run failed on
         r"\bchok\w* on\b|\btrip\w* (?:up )?(?:on|over)\b|"
         # "nightly_etl died ~02:15", "it blew up", a pasted "AnalysisException": a run that ended badly
         r"\b(?:died|dies|dead|blew up|bombed|tanked|keeled over|fell over|falls over|falling over|exception)\b|\w+exception\b|"
         # "which tasks didn't finish properly last night?", "stopped working": runs that did not complete
         r"\b(?:did ?n'?t|did not|never|wouldn'?t|failed to) (?:finish|complete|land|run|succeed)|\bstop(?:ped|s)? working\b")
WAREHOUSE_DAYS = Lens(sort="start_date desc", rows=3,
                      say="{warehouse_name} on {start_date:date}: {statements:int} statements by {users:int} users"
                          "[, p95 {p95_duration_seconds:dur}][, {queued_statements:int} queued]")
#: How people say "slow" without the word ("the dashboards crawl", "queries keep timing out").
#: A figure moved by something ("which jobs dragged that down the most"): the jobs behind it, not slow ones.
LOWERED = r"\b(?:dragg|pull|brought|bring|drove|knock)\w* (?:that|it|this|the (?:\w+ )?(?:rate|number|score|average)) down\b"
SLOW = (rf"slow\w*|sluggish|laggy|\blag\b|crawl\w*|tak\w* (?:forever|ages)|tim(?:ing|es?) out|hang\w*|(?!{LOWERED})\bdrag\w*|bogged|"
        r"molasses|gasping|spun and spun|spinning")

AGENT = AgentSpec(
    name="performance",
    title="Performance",
    description="Job runs and failures with their error messages, slow or long-running SQL queries, "
                "cluster CPU and memory, queueing on SQL warehouses and job bottlenecks.",
    system_prompt=PERFORMANCE_PROMPT,
    examples=(
        "Which jobs failed in the last 24 hours?",
        "Top five queries by duration over the last 7 days",
        "What has CPU utilisation on prod-etl-cluster looked like?",
    ),
    all_clear="Jobs and queries ran normally: no failures or slow statements stand out.",
    playbook=(
        JOB_OWNERS,  # "who owns nightly_etl?": the job's creator and run-as identity
        # ("did it at least finish yesterday?": if it did not, the failure and its error are the answer)
        Play("get_failed_jobs", when=(FAILS, r"\bdid\b[^?.]{0,40}\b(?:finish|complete|succeed|run ok)"),
             default=True, weight=2, title="Failed job runs",
             # (a named job, or a workspace: "did it even finish?" after yesterday's ml-workspace bill, when it failed today)
             before=Before(needs=("job|workspace",)),
             lens=Lens(group="job_name", sort="count desc", rows=3,
                       say="{job_name} ({workspace_name}) failed {count:times}, last at {end_time:time}; last error: "
                           "{error_message:err} ({termination_code})",
                       severity=(("high", "count >= 3"), ("medium", "count >= 1")),
                       recommend="Fix {job_name} first: {error_message:err}",
                       empty="No job run failed in the period.")),
        Play("get_job_runs", when=(r"succe|finish\w*|complet\w*|did .* run|those runs|how (did|many) .* run|runs? (ok|status)|\bpass(?:ed)? "
                                   r"(?:even )?once\b",),
             title="Job runs", lens=Lens(group="job_name", sum=("list_cost",), sort="count desc", rows=3,
                                         say="{job_name} ran {count:times}: {is_success:int} succeeded"
                                             "[, {is_sla_breach:int} over SLA], {list_cost:money} of compute")),
        Play("get_job_success_rate", when=(r"failure rate|success rate|fail (the )?most|most fail|highest fail|"
                                           r"flaky|most often|worst jobs?|" + LOWERED, r"fail\w*\b.*\bcompare\b"), weight=3,
             title="Job failure rates", compare=Compare("Job failure rate", total="failed", per="runs",
                                                        unit="pct100"),
             lens=Lens(where="failed > 0", sort="failure_rate_pct desc", rows=4,
                       say="{job_name}: {failure_rate_pct:pct100} of {runs:int} runs failed ({failed:int})",
                       severity=(("high", "failure_rate_pct >= 20"), ("medium", "failure_rate_pct >= 5")),
                       empty="No job failed in the period.")),
        # "what's the actual error msg": the whole message, not its first words
        Play("get_job_failure_reasons", when=(r"\b(?:actual|full|exact|whole|complete|entire|raw) (?:error|exception|stack ?trace|"
                                              r"traceback|message|msg)\b|\b(?:error|exception) (?:msg|message|text) in full\b",),
             weight=6, title="Error messages",
             lens=Lens(sort="failures desc", rows=3,
                       say="{job_name}: {failures:int} x {termination_code}, last at {last_failure:time}: "
                           "{error_message:long}")),
        Play("get_job_failure_reasons", when=(r"why .*fail|reasons?|root cause|error messages?|what went wrong",),
             weight=2, title="Why jobs failed",
             lens=Lens(sort="failures desc", rows=3,
                       say="{job_name}: {failures:int} x {termination_code} ({error_message:err})")),
        Play("get_slow_queries", when=(r"slow\w* (quer|qry|statement|sql)|(quer|qry|statement|sql)\w* .{0,30}slow|slowst|"
                                       # "the dashboard took forever to load; was the warehouse choking on something?"
                                       r"took (?:forever|ages|minutes)|forever to (?:load|run|refresh)|"
                                       # (not "did the cluster underneath choke as well?": the compute's load)
                                       r"(?<!cluster )(?<!clusters )(?<!underneath )(?<!beneath )(?<!node )chok\w*(?! on\b)|crawl\w*|"
                                       # "someone ran a report today that took nearly twenty minutes"
                                       r"\b(?:reports?|quer(?:y|ies)|dashboards?|statements?)\b (?:\w+ ){0,3}?took (?:nearly |almost |"
                                       r"about |over |more than |around |like )?(?:\w+[- ]?){1,2} ?(?:minutes|mins|hours|hrs)\b|"
                                       r"long.?running (quer|statement)|slowest|latency|laggy|heav(?:y|iest) (?:stuff|quer\w*|"
                                       r"work\w*|lift\w*|hitters?|users?)|hog\w*|monster|"
                                       # "who's running the giant scans on bi-warehouse": the statements reading the most
                                       r"(?:giant|huge|massive|enormous|big|large|full[- ]table) (?:table )?scans?|"
                                       # dashboards and BI reports are SQL statements on a warehouse
                                       rf"(?:dashboards?|reports?|\bbi\b|warehouse)\b.{{0,40}}(?:{SLOW})|(?:{SLOW}) "
                                       r"(?:\w+ ){0,2}(?:dashboards?|reports?|warehouse|quer)",),
             weight=2,
             title="Slow queries",
             lens=Lens(sort="duration_seconds desc", rows=3,
                       say="{duration_minutes:num} min on {warehouse_name} by {executed_by}, reading "
                           "{read_gb:gb} ({statement_type})",
                       severity=(("medium", "duration_seconds >= 900"),),
                       recommend="Review the slowest statement's plan (reads of {read_gb:gb} suggest a missing "
                                 "filter or partition pruning).",
                       empty="No statement ran longer than 5 minutes.")),
        # "the largest scans", "who keeps running 3TB scans": ranked by data read, which need not be the longest
        Play("get_top_queries", when=(r"\bscans?\b|\b\d+(?:\.\d+)? ?(?:tb|gb|pb)\b|"
                                      r"\b(?:largest|biggest|heaviest|hungriest)\s+(?:\w+\s+)?(?:quer(?:y|ies)|statements?|reads?)\b|"
                                      r"\bmost data\b|"
                                      # "who ran it" then "how much data": what the query read
                                      r"how much data|\b(?:data|bytes|gb|tb|terabytes?) (?:read|scanned)\b",),
             args={"rank_by": "read"}, weight=2, title="Largest scans",
             lens=Lens(sort="read_gb desc", rows=5,
                       say="{read_gb:gb} read by {executed_by} on {warehouse_name} in {duration_minutes:num} min")),
        Play("get_top_queries", when=(r"quer(y|ies)|statements?|longest",),
             title="Longest queries",
             lens=Lens(sort="duration_minutes desc", rows=5,
                       say="{duration_minutes:num} min on {warehouse_name} by {executed_by} ({read_gb:gb} read)")),
        Play("get_resource_utilization", when=(r"\bcpu\b|memory|utili[sz]|bottleneck|pressure|\bhot\b|saturat|\bmelt\w*|"
                                               r"overload\w*|struggl\w*|busy|pegged|maxed|flat out|red[- ]?lin\w*|"
                                               r"(?:at|hit|hitting) 100|strain\w*|stress(?:ed)?\b|under (?:heavy |high |a lot of )?load|chok\w*|gasp\w*|"
                                               # "how hard is it being pushed? do we need a bigger one?", "close to the limit"
                                               r"\bhow hard\b|\bbeing pushed\b|\bpushed (?:hard|to the limit)\b|\bbigger (?:one|cluster|"
                                               r"node|instance|size)s?\b|(?:close|near) to (?:the |its )?(?:limit|capacity|max\w*)|busiest|"
                                               r"(?:was|were|is|are|got) (?:\w+ )?(?:swamped|slammed|hammered|overwhelmed)",),
             weight=2, title="Cluster CPU and memory", lens=CLUSTER_LOAD),
        # "which clusters do we have", "what runtime are our clusters on", "any GPU clusters": the inventory of compute
        Play("get_clusters", when=(r"\b(?:which|what|list|all|every|each|inventory of|how many|our) (?:\w+ ){0,2}clusters?\b"
                                   r"(?! (?:is|are|was|were) (?:idle|slow|busy|hot|struggling|saturated))|"
                                   r"\b(?:runtime|dbr|spark) versions?\b|\bnode types?\b|\binstance types?\b|"
                                   r"\bgpu (?:clusters?|compute|nodes?|machines?)\b|\bwho (?:owns|created|made|set up) "
                                   r"(?:\w+ ){0,2}clusters?\b",), weight=2,
             args={"compute": "$compute"}, title="Clusters", lens=CLUSTERS),
        # "the ETL was slow" naming no job, query or warehouse: the compute it ran on comes first
        Play("get_resource_utilization", when=(SLOW, r"taking (?:so )?long"),
             unless=("job", "warehouse", "cluster"), title="Cluster CPU and memory", lens=CLUSTER_LOAD),
        # "the infra problem that made the ETL crawl": the compute under the job, whatever the job
        Play("get_resource_utilization", when=(r"\binfra\w*|hardware|capacity|resources?\b|compute (?:problem|issue)|"
                                               r"the (?:box|machine|node|host|server)s? (?:it|they) runs? on|"
                                               # "is the cluster behind it just too small?"
                                               r"the (?:cluster|compute|box|machine|node)s? (?:behind|under(?:neath)?|running|"
                                               r"powering) (?:it|that|this|them)\b|too small|under-?sized|under-?powered|"
                                               # "did the cluster underneath choke as well?", "the underlying cluster"
                                               r"the (?:cluster|compute|box|machine|node)s? (?:underneath|beneath)\b|"
                                               r"\bthe underlying (?:cluster|compute|box|machine|node)s?\b",),
             weight=2, title="Cluster CPU and memory", lens=CLUSTER_LOAD),
        Play("get_cluster_cpu_history", when=(r"\bcpu\b|memory|utili[sz]|looked like|history|over time|strain\w*|"
                                              r"overload\w*|\bmelt\w*|busy|what'?s up|going on|doing|status|looking|"
                                              # "prod-etl-cluster wasn't the reason the ETL crawled?": its load then
                                              rf"reason|cause|culprit|to blame|because|{SLOW}",),
             needs=("cluster",), weight=3, title="CPU history",
             lens=Lens(sort="max_cpu_percent desc", rows=2,
                       headline="{cluster_name} peaked at {max_cpu_percent:pct100} CPU at {hour:time} "
                                "({n} hours of data).",
                       say="peak {max_cpu_percent:pct100} CPU at {hour:time} (average {avg_cpu_percent:pct100}, "
                           "memory {max_mem_percent:pct100})",
                       severity=(("high", "max_cpu_percent >= 90"),))),
        Play("get_job_bottlenecks", when=(rf"bottleneck|where .* time|which task|{SLOW}|taking (so )?long|"
                                          r"why .* (slow|long)|(?:which|what)\s+(?:\w+\s+)?(?:cluster|compute)s?\s+(?:\w+\s+){0,6}(?:ran|runs|run)\b|"
                                          r"the (?:cluster|compute|box|machine|node)s? (?:it|they|that) "
                                          r"(?:runs?|ran|is running|was running) on|"
                                          # "the cluster that runs that ETL, was it overloaded?"
                                          r"the (?:cluster|compute|box|machine|node)s? (?:that|which) (?:runs?|ran|is running|"
                                          r"executes?) (?:it|that|this|them|those)\b",),
             needs=("job",), weight=3, title="Where the job's time goes",
             lens=Lens(sort="pct_of_job_time desc", rows=3,
                       say="{job_name} task {task_key}: {pct_of_job_time:pct100} of the job's time, p95 "
                           "{p95_duration_seconds:dur}, busiest cluster {busiest_cluster} peaking at "
                           "{max_cpu_percent:pct100} CPU")),
        Play("get_job_duration_trend", when=(r"slower|getting (slow|long)|duration|trend|how long",),
             needs=("job",), weight=2, title="Job duration trend",
             lens=Lens(sort="run_date desc", rows=3,
                       say="{run_date:date}: {runs:int} runs, {failed:int} failed, average {avg_duration_seconds:dur}")),
        # "bi-warehouse utilisation at night": a named warehouse's own load, not the clusters'.
        Play("get_warehouse_utilization", when=(r"utili[sz]|\bload\b|busy|night|idle|usage|quer(?:y|ies) (?:volume|counts?|growth|"
                                                r"numbers)|(?:number|volume|count) of (?:quer|statement)|how many (?:quer|statement)",),
             needs=("warehouse",),
             weight=3, title="SQL warehouse load", lens=WAREHOUSE_DAYS),
        # "the BI warehouse gets sluggish": its daily load beside the slow statements, never before them
        Play("get_warehouse_utilization", when=(SLOW,), needs=("warehouse",), title="SQL warehouse load",
             lens=WAREHOUSE_DAYS),
        Play("get_warehouse_utilization", when=(r"queu|concurren|warehouse load|busy|capacity",), weight=2,
             title="SQL warehouse load",
             lens=Lens(group="warehouse_name", sum=("statements", "queued_statements", "failed_statements"),
                       sort="queued_statements desc", rows=3,
                       say="{warehouse_name}: {statements:int} statements, {queued_statements:int} queued at capacity, "
                           "{failed_statements:int} failed")),
        Play("get_query_errors", when=(r"query errors?|failed (quer|statement)|quer(y|ies) fail",), weight=3,
             title="Query errors",
             lens=Lens(sort="failures desc", rows=3,
                       say="{failures:int} x on {warehouse_name} by {executed_by}: {error_message:err}")),
        Play("get_sla_breaches", when=(r"\bsl[ao]s?\b|breach",), title="SLA breaches", before=Before(),
             compare=Compare("SLA breaches", total=ROWS, unit="int"),
             lens=Lens(group="job_name", sort="count desc", rows=3,
                       say="{job_name} exceeded its {sla_seconds:dur} SLA {count:times}",
                       severity=(("medium", "count >= 2"),), empty="No job run breached its SLA.")),
        Play("get_at_risk_jobs", when=(r"at risk|likely to (fail|miss)|will (fail|miss)|predict|next 24|risk",),
             weight=3, title="Jobs at risk",
             lens=Lens(where="is_at_risk == true", sort="risk_24h desc", rows=3,
                       say="{job_name} ({workspace_name}): {failure_prob_24h:pct} chance of failing in the next "
                           "24 hours{explanation:colon}",
                       severity=(("medium", "failure_prob_24h >= 0.5"),),
                       empty="No job's failure or SLA risk is elevated.")),
        Play("get_job_costs", when=(r"expensive|cost(s|ly)? of (the )?jobs?|job costs?",),
             title="Job cost",
             lens=Lens(sort="list_cost desc", rows=3,
                       say="{job_name}[ {list_cost:money}] over {runs:plural:run} ({failed_runs:int} failed)[; {cost_note}]")),
    ),
)
