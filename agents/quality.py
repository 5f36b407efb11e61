"""Data-quality specialist: freshness, pipeline expectations, column profiles, drift."""

from __future__ import annotations

from health_monitor.agents.spec import AgentSpec, Before, Lens, Play

QUALITY_PROMPT = """You are the data-quality specialist of a Databricks platform health monitor, answering {user}.
The data is as of {as_of}; "yesterday" is the UTC day before it.
You cover table freshness (stale tables behind their refresh schedule), pipeline expectations
(failed and dropped records), column profiles (null rates, ranges) and distribution drift.
Your tools: {tools}. Use at most {max_steps} tool-calling steps.
Quote only figures the tools returned. Finish with what you found (figures), how severe it is
(info, low, medium, high) and one concrete recommendation."""


def _writer_lens(empty: str) -> Lens:
    """The failed runs of the jobs that write a table, said the same way whichever play read them."""
    return Lens(rows=3, say="{job_name} (writes {table_full_name}) failed on {start_time:time}: {error_message:err}",
                severity=(("high", "result_state != ''"),),
                recommend="Fix {job_name}'s last error, then rerun it to refresh {table_full_name}.", empty=empty)


AGENT = AgentSpec(
    name="quality",
    title="Data quality",
    description="Freshness of tables (stale or behind schedule), pipeline expectations that failed or dropped "
                "rows, column profiles and null rates, and distribution drift.",
    system_prompt=QUALITY_PROMPT,
    examples=(
        "Which tables are behind their expected refresh schedule?",
        "What did the valid_amount check catch yesterday?",
        "What's the null rate in main.sales.orders_raw by column?",
    ),
    all_clear="Tables are fresh and every expectation passed.",
    playbook=(
        Play("get_freshness_violations", when=(r"stale|fresh|behind|\blate\b|refresh|up.to.date|out.of.date|lag|"
                                               r"schedule|last (updated|written)|still (?:showing|shows|displaying|on|stuck)|"
                                               r"(?:old|outdated|yesterday'?s) (?:numbers|data|figures)|numbers from|"
                                               r"never (?:landed|arrived|came)|days? ago|"
                                               # "the sales numbers look kinda old?? when did that table last get new data"
                                               r"(?:look|looks|looking|seem|seems|are|is) (?:kinda |kind of |a bit |pretty |really |"
                                               r"very |quite |super )?(?:old|dated|stale)\b|last (?:got|get|gets|received|had) "
                                               r"(?:new|fresh|any) (?:data|rows|records)",),
             # ``hours`` is how late counts as stale, not the question's window: "since monday" must not
             # raise the threshold to 96 h and hide a table a day behind (the default: 1.5 x its interval).
             args={"hours": None}, default=True, weight=2, title="Stale tables",
             lens=Lens(sort="hours_since_update desc", rows=3,
                       say="{table_full_name} was last written {hours_since_update:num} hours ago (it usually "
                           "refreshes every {expected_refresh_hours:num} hours; owner {table_owner})",
                       severity=(("high", "hours_since_update >= 36"), ("medium", "refreshes_missed >= 1")),
                       recommend="Rerun the load that writes {table_full_name} and check why it stopped.",
                       empty="No table is behind its refresh schedule.")),
        # "Why is orders_gold stale?": the failed runs of the job that writes it (relations then say how the
        # failure, the stale table and any upstream schema change connect).
        Play("get_schema_changes", when=(r"schema (?:change|drift|mismatch|evolution|break)\w*|column\w* (?:\w+ ){0,3}(?:changed|type)|"
                                         # "what actually changed in orders_raw that broke it, which column?"
                                         r"\bwhat (?:\w+ )?changed (?:in|on|about|with)\b.{0,40}\b(?:broke|break\w*|fail\w*)\b|"
                                         r"\b(?:broke|break\w*|fail\w*)\b.{0,40}\bwhich columns?\b|"
                                         # "has the schema of orders_raw changed recently?"
                                         # "what table was it choking on?": what a load failed on
                                         r"\b(?:chok|fail|break|broke|crash|error|blew|fell|trip)\w*\s+(?:up\s+|over\s+)?on\b|"
                                         r"schema\s+(?:(?:of|on|for)\s+)?(?:\S+\s+){0,5}(?:chang|alter|modif)\w*|(?:chang|alter|modif)\w*\s+"
                                         r"(?:\w+\s+){0,3}schema|"
                                         r"changed (?:its )?type|type change|"
                                         # "did someone change a column?", "incompatible data types": a column's type
                                         r"(?:chang|alter|modif|drop|renam|retyp)\w* (?:a |the |any |that |some |one )?columns?\b|"
                                         r"incompatible (?:data )?types?|failed to merge|type mismatch|"
                                         # "wtf changed on that table", a pasted "[CANNOT_UP_CAST_DATATYPE]": its shape
                                         r"\b(?:what|wtf|what the \w+) (?:\w+ )?chang\w* (?:on|in|to|with|about) (?:that|this|the) "
                                         r"(?:[\w-]+ )?table\b|cannot_up_cast|up_?cast|datatype|data type|"
                                         # "main.sales.orders_raw - did something change on it?"
                                         r"(?:something|anything) (?:\w+ )?chang\w* (?:on|in|to|with|about) (?:it|that|this|the "
                                         r"\w+|table)\b",), weight=4, title="Schema changes that broke loads",
             before=Before(),
             lens=Lens(sort="last_failure desc", rows=3,
                       say="{table_full_name}: {job_name} failed {failures:times} on it, last on {last_failure:time} "
                           "({error_message:err})",
                       severity=(("high", "failures >= 1"),),
                       recommend="Align {job_name} with the new schema of {table_full_name} (or revert the change) "
                                 "and rerun it.",
                       empty="No load failed on a schema change in the period (a change that broke nothing is "
                             "not seen here).")),
        # "the dashboard numbers look old, explain what happened": the failed writers of whichever tables are stale
        # ("which of my data products missed their refresh, and which jobs are behind them?": their writers)
        Play("get_table_writer_failures", when=(r"^(?=.*\b(?:why|cause\w*|reason\w*|what happened|explain\w*|what went wrong|"
                                                r"which (?:\w+ )?jobs? (?:are |is |were |was )?(?:behind|writ\w*|feed\w*|load\w*|"
                                                r"produc\w*|populat\w*|refresh\w*|build\w*))\b)"
                                                r"(?=.*\b(?:stale|old|out of date|outdated|behind|not (?:been )?(?:updated|"
                                                r"refreshed|loaded)|late|frozen|stuck|missed (?:\w+ ){0,2}refresh\w*|"
                                                r"(?:didn'?t|did not|failed to) (?:get )?(?:refresh|update|load)\w*)\b).*",),
             unless=("table",), weight=2, title="Failed runs of the jobs that write stale tables",
             lens=_writer_lens("No job that writes a table failed in the window (per recorded lineage).")),
        Play("get_table_writer_failures", when=(r"\bwhy\b|cause|reason|what happened|stopped|broke|fail|behind|\blate\b|"
                                                r"going on|what'?s up with|what'?s happening|old numbers|stale|"
                                                r"not (been )?(updat|refresh|writ|load)|blame|responsible|which (upstream )?job|culprit|"
                                                # acting on it: the job that writes it is what to fix
                                                r"\bfix|prevent|stop (?:this|it|that)|from happening|(?:fresh|current|updated) "
                                                r"again|what (?:should|do|can) (?:i|we) do",),
             needs=("table",), weight=1, before=Before(days=31),
             title="Failed runs of the job that writes it",
             lens=_writer_lens("No job that writes this table failed in the window (per its recorded lineage).")),
        Play("get_table_freshness", when=(r"fresh|last (updated|written)|when was|last (?:got|get|gets|received|had) (?:new|fresh|"
                                          r"any) (?:data|rows|records)",), needs=("table",),
             weight=2, title="Table freshness",
             lens=Lens(rows=2, say="{table_full_name}: last written {last_write_time:time}, {hours_since_update:num} "
                                   "hours ago (usual interval {expected_refresh_hours:num} h)",
                       severity=(("high", "is_stale == true"),))),
        # ("what data quality controls are applied to incoming records, and did any fail them?": the checks)
        Play("get_expectation_failures", when=(r"expectations?|checks?|constraints?|controls?\b|validations?|violat|valid_|dropped|catch|"
                                               r"quarantin|bad (rows|records)|rules?|throw\w* .{0,20}away|discard|"
                                               r"(?:los[te]?|losing|missing|swallow\w*) (?:\w+ )?(?:rows|records|orders)|"
                                               # "some orders seem to be missing": the same, the rows named first
                                               r"\b(?:rows|records|orders)\s+(?:\w+\s+){0,3}(?:missing|lost|gone|dropped|"
                                               r"disappear\w*|vanish\w*)\b|"
                                               r"never (?:show|turn|arrive|land|make)",),
             default=True, weight=2, title="Expectation failures",
             lens=Lens(sort="failed_records desc", rows=3,
                       say="{expectation_name} on {dataset_name} ({pipeline_name}) caught {failed_records:int} "
                           "records on {event_date:date} ({failure_rate_pct:.2f}%; the flow dropped {dropped_records:int} that day)",
                       severity=(("medium", "failure_rate_pct >= 0.5"),),
                       recommend="Look at the rows {expectation_name} rejects at the source.",
                       empty="Every pipeline expectation passed.")),
        Play("get_pipeline_health", when=(r"pipelines?|dlt|lakeflow",), weight=2, title="Pipeline health",
             lens=Lens(sort="failed_records desc", rows=3,
                       say="{pipeline_name} / {dataset_name}: {pass_rate_pct:.2f}% of {checked_records:int} records "
                           "passed; worst expectation {worst_expectation}")),
        Play("get_drift_metrics", when=(r"drift|distribution|abnormal|shift|anomal|unusual|odd|weird|chang\w* shape|"
                                        r"skew\w*|(?:feel|feels|felt|look|looks|looked|seem|seems|seemed) (?:off|different)|"
                                        # "is the silver one actually off too or just late": its values wrong, not late
                                        r"\b(?:is|are|was|were) (?:\w+ ){0,3}?(?:actually |really |also |even )?off\b"
                                        r"(?!\s+(?:by|schedule|track|hours|to|on|for|the)\b)|"
                                        # "is orders_silver.amount behaving normally lately?": a column's values as usual
                                        r"\b(?:behav\w*|acting) (?:normal\w*|as (?:expected|usual)|strange\w*|funny)|"
                                        # "the amount values in silver moving around lately"
                                        r"(?:values?|numbers|figures|amounts?)\s+(?:\w+\s+){0,4}(?:moving|jumping|bouncing|"
                                        r"wander\w*|shifting) (?:around|about)",), weight=3,
             # (weighs as much as a column profile: "did the amount column drift?" names the column and asks the drift)
             args={"end_date": "$week_end", "baseline_date": "$baseline_end"}, title="Distribution drift",
             lens=Lens(where="is_drift == true", sort="mean_shift_stddevs desc", rows=3,
                       say="{table_full_name}.{column_name} moved {mean_shift_stddevs:num} standard deviations "
                           "(average {baseline_avg:num} -> {recent_avg:num})",
                       # every row kept is the tool's own drift flag: a drift asked about is never "nothing"
                       severity=(("high", "mean_shift_stddevs >= 2"), ("medium", "is_drift == true")),
                       recommend="Check the upstream source of {column_name} for a change in units or logic.",
                       empty="No profiled column drifted.")),
        Play("get_column_profile", when=(r"\b(?:profil\w*|nulls?|by column|columns?|values?|distinct|min(?:imum)?|max(?:imum)?)\b",),
             needs=("table",), weight=3, title="Column profile",
             lens=Lens(sort="null_rate_pct desc", rows=4,
                       headline="{table_full_name}: {row_count:int} rows in the latest profile.",
                       say="{column_name} {null_rate_pct:.2f}% null ({num_nulls:int} rows), {distinct_count:int} distinct")),
        Play("get_freshness_risk", when=(r"will (be|become|go)|likely|risk|predict|soon|next \d+ hours|about to",),
             weight=3, title="Tables at risk of going stale",
             lens=Lens(sort="prob_stale desc", rows=3,
                       say="{table_full_name}: {prob_stale:pct} chance of being stale (last write {hours_since_update:num} "
                           "hours ago, usually every {typical_refresh_hours:num} hours)",
                       severity=(("medium", "prob_stale >= 0.5"),))),
        Play("get_dq_summary", when=(r"quality|score|scorecard|overview|health of (the )?data",), default=False,
             weight=1, title="Data-quality scorecard",
             lens=Lens(where="issues > 0", sort="issues desc, hours_since_update desc", rows=3,
                       say="{table_full_name} ({issues:plural:issue})[: {hours_since_update:num} hours since the last "
                           "write][, worst null rate {max_null_rate_pct:pct100}]",
                       # The same thresholds as the stale-table check: the scorecard is the briefing's view.
                       severity=(("high", "is_stale == true and hours_since_update >= 36"),
                                 ("medium", "is_stale == true"), ("medium", "failed_records > 0")))),
    ),
)
