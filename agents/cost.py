"""Cost specialist: spend by day, workspace, SKU, product, user, team; spikes and what drove them."""

from __future__ import annotations

from health_monitor.agents.spec import AgentSpec, Compare, Lens, Play

from health_monitor.core.phrases import NOT_OUR_FAILING, SPEND_TRACED_TO_OWNER

COST_PROMPT = """You are the cost specialist of a Databricks platform health monitor, answering {user}.
The data is as of {as_of}; "yesterday" means the UTC day before that, "today" the part of the day up to it.
Money is USD at list price from system.billing.usage joined to list prices.
Your tools: {tools}. Use at most {max_steps} tool-calling steps; prefer one well-chosen call per question.
For a spike, find the day and workspace first (anomalies), then what drove it (top cost drivers).
Quote only figures the tools returned. Finish with what you found (figures), how severe it is
(info, low, medium, high) and one concrete recommendation."""

#: "looks nuts", "through the roof", "what's going on": surprise at a figure asks what changed and why.
SURPRISE = (r"\b(?:nuts|crazy|insane|wild|mad|ridiculous|absurd|outrageous|huge|massive|weird\w*|odd|strange|funky|"
            r"whack|wack|bonkers|janky|sus|out of whack|messed up|(?:look|looks|looked|seem|seems|seemed) off|"
            r"fishy|off the scale|out of (?:the )?ordinary|out of line)\b|through the roof|"
            r"off the charts|going on|what happened|blew up|explod\w*|skyrocket\w*|ballooned|\bwtf\b|\bwth\b")
SPIKE = (r"spike|jump|anomal|unusual|surge|\bhigh(er)?\b|increase|went up|rose|why|unexpected|abnormal|outliers?|"
         # "which workspaces are spending more than normal?": above their usual level
         r"\b(?:more|above|over) (?:than )?(?:the |their |its )?(?:normal|usual|typical|expected)\b|"
         # "someone says production spend doubled yesterday - true?": a claimed jump, checked against the usual level
         r"\b(?:doubl|tripl|quadrupl)(?:ed|ing|e)\b|"
         # "the one spend number I should worry about": what stands out against its usual level
         r"worr(?:y|ied|ying)|concern\w*|alarm\w*|red flags?|"
         # "the variance on its spend yesterday against its normal daily run-rate": the deviation from its baseline
         r"\bvariance\b|(?:against|compared (?:with|to)|versus|vs\.?) (?:(?:its|their|the|our|a) )?(?:[\w-]+ ){0,2}(?:normal|usual|"
         r"typical|average|avg|mean)\b|"
         r"odd one out|stands? out|sticks? out|deviat\w*|baseline|above (?:the |its |our )?(?:\w+ )?(?:average|avg|normal|"
         r"usual|mean)|" + SURPRISE)
#: "what if we had halved the GPU training, what would the bill have been": a change imagined for a line item
WHAT_IF = (r"what if|\bif (?:we|i|they) (?:had |would have )?(?:halv|cut|doubl|reduc|drop|stopp?|turn|skipp?|mov)\w*|"
           r"\bhalv(?:ed|ing|e)\b")
DRIVERS = (r"driv|drove|behind|cause|biggest|line item|top|what (made|drove)|breakdown|break (?:it|that|this) down|jump|spike|why|"
           # the line item the what-if changes
           + WHAT_IF + r"|"
           r"push\w* (?:\w+ ){0,4}up|spiky|drill\w* (?:into|down)|accounts? for|above (?:the |its )?(?:\w+ )?average|bulk of|most of the (?:delta|increase|jump|difference|change|growth)|"
           r"\b(eat|eats|eating|hog\w*|consum\w*|burn\w*)\b|"
           # "the ml-workspace line looks way bigger than the other days, is that bad or normal?": a spike, and its why
           r"(?:bigger|higher|larger|taller) than (?:the |all the |any )?(?:other days|usual|normal|the rest)|"
           r"\b(?:bad|normal|expected) or (?:bad|normal|expected)\b|" + SURPRISE)
#: Money spent on runs that failed ("waste on job runs that failed", "what did the crashes cost us").
FAILED_RUN_MONEY = (r"\b" + NOT_OUR_FAILING + r"(?:fail(?:ed|ing|ures?)?|crash\w*|errored|broken|died|oom(?:s|ing|ed|'d)?|out of memory)\b.{0,40}\b(?:cost(?:s|ing)?|money|spend|spent|waste\w*|"
                    r"burn\w*|pay|paid|dollars?)\b|\b(?:cost(?:s|ing)?|money|spend|spent|waste\w*|burn\w*|pay|paid|dollars?)\b"
                    r".{0,60}\b" + NOT_OUR_FAILING + r"(?:fail(?:ed|ing|ures?)|crash(?:ed|es)|errored|oom(?:s|ing|ed)?|out of memory)\b")
#: "... or just expected training load?": whether a rise is the work it should be
EXPECTED_OR_NOT = (r"\bor (?:is it |it'?s )?(?:just |simply |only )?(?:the )?(?:expected|normal|usual|legit\w*|regular|planned) "
                   r"(?:[\w-]+ ){0,2}(?:load|usage|use|spend|work|growth|activity|traffic)\b")
DRIVER_LENS = Lens(say="{driver_name} ({driver_type} in {workspace_name}, {sku_name}) cost {list_cost:money}, "
                       "{pct_change:spct} against its 7-day average of {baseline_cost:money}",
                   sort="list_cost desc", rows=3,
                   severity=(("high", "pct_change >= 40 and list_cost >= 500"),
                             ("medium", "pct_change >= 20 and list_cost >= 200")),
                   recommend="Review {driver_name}: its compute ({sku_name}) is the largest line item.")

WORKSPACE_SPEND = Lens(group="workspace_name", sum=("list_cost", "dbus", "jobs_cost", "all_purpose_cost", "sql_cost",
                                                   "gpu_cost", "serverless_cost", "untagged_cost", "serving_cost"),
                       sort="list_cost desc", rows=5,
                       headline="{total_list_cost:money} in all over the period.",
                       say="{workspace_name} {list_cost:money} (jobs {jobs_cost:money}, all-purpose "
                           "{all_purpose_cost:money}, SQL {sql_cost:money})")

BUDGET_STATUS = Lens(sort="projected_pct_of_budget desc", rows=3,
                     # (the budget model counts complete days: the month so far up to yesterday, today forecast)
                     say="{workspace_name}: {mtd_cost:money} spent this month up to yesterday, projected {projected_cost:money} "
                         "against a {monthly_budget_usd:money} budget ({projected_pct_of_budget:pct100}, {status})",
                     severity=(("high", "is_at_risk == true"),),
                     recommend="{workspace_name} is on course to exceed its budget: {explanation:long}")

WAREHOUSE_SPEND = Lens(say="{warehouse_name} ({warehouse_size}, auto-stop {auto_stop_minutes:int} min) {list_cost:money}",
                       sort="list_cost desc", rows=3)

#: Spend per `team` tag.
TEAM_SPEND = Lens(say="{team}{team:unless:no team tag} {list_cost:money} ({pct_of_total:pct100})", sort="list_cost desc", rows=5)

#: The spend forecast, per workspace with its 95 % interval.
FORECAST = Lens(group="workspace_name", sum=("predicted_cost", "lower_cost", "upper_cost"), sort="predicted_cost desc",
                rows=5, headline="Forecast for {first_forecast_date:date} to {last_forecast_date:date} "
                                 "({count:plural:day}) from the dbu_usage_forecaster model.",
                say="{workspace_name} about {predicted_cost:money} (95% interval {lower_cost:money} to "
                    "{upper_cost:money})")

AGENT = AgentSpec(
    name="cost",
    title="Cost",
    description="Spend and DBUs by day, workspace, SKU, product, user, team or tag; cost spikes and their "
                "drivers; month-to-date, budgets and forecasts.",
    system_prompt=COST_PROMPT,
    examples=(
        "How much did ml-workspace cost yesterday?",
        "What drove the cost jump yesterday?",
        "Spend by SKU for the last 30 days",
        "Forecast production's bill for next month",
    ),
    all_clear="Spend is in its normal range: no workspace stands out.",
    playbook=(
        # "how much money did we waste last week on compute for job runs that failed?": the failed runs' own bill
        Play("get_failed_run_cost", when=(FAILED_RUN_MONEY,), weight=6, title="What failed runs cost",
             lens=Lens(sort="failed_cost desc", rows=4,
                       headline="Failed job runs cost {total_failed_cost:money} ({total_failed_runs:int} failed runs).",
                       say="{job_name} ({workspace_name}): {failed_runs:plural:failed run}[ for {failed_cost:money}]"
                           "[ ({failed_share:pct} of its run cost)][; {cost_note}]",
                       severity=(("medium", "failed_cost >= 500"),),
                       recommend="Fix {job_name} first: its failed runs cost the most ({last_error:err}).",
                       empty="No job run failed in the period, so no compute went to failed runs.")),
        Play("get_cost_anomalies", when=(SPIKE,), default=True, weight=2,
             title="Cost spike",
             lens=Lens(say="{workspace_name} spent {list_cost:money} on {usage_date:date}, {pct_change:spct} "
                           "against its 7-day average of {baseline_cost:money}",
                       sort="pct_change desc", rows=2,
                       severity=(("high", "pct_change >= 40"), ("medium", "pct_change >= 20")),
                       recommend="Look at what drove {workspace_name}'s spend on {usage_date:date} and set a "
                                 "budget alert on it.",
                       empty="No workspace's daily spend jumped out of its normal range.")),
        # "is it an anomaly I should investigate or just expected training load?": what drove it says which
        Play("get_top_cost_drivers", when=(EXPECTED_OR_NOT,), weight=3, title="Top cost drivers", lens=DRIVER_LENS),
        Play("get_top_cost_drivers", when=(DRIVERS,), weight=2, title="Top cost drivers", lens=DRIVER_LENS),
        # "split it by workspace" names its grouping: it outranks a team or chargeback reading
        Play("get_daily_cost_summary", when=(r"(?:by|per|each|every|for each) workspaces?|workspace by workspace|"
                                             r"(?:across|over|for|in) all (?:the |our )?workspaces|\btotal (?:spend|bill|cost)?\s*"
                                             r"(?:across|over|for) (?:all|every|the whole)\b|"
                                             # "which of our workspaces burns the most money?": the workspaces ranked
                                             r"\b(?:which|what) (?:(?:one )?of (?:our|the|my|all|these|those) )?workspaces? "
                                             r"(?:\w+ ){0,2}?(?:burn|spend|cost|eat|consum|us|cheap|expensive|pric)\w*"
                                             r"(?= [^.?!]{0,25}\b(?:most|least|highest|lowest|biggest|smallest)\b|"
                                             r"\w*(?:est|iest)\b)|\b(?:most|least) (?:expensive|costly) workspaces?\b|"
                                             r"\b(?:costliest|priciest|cheapest|biggest-spending) workspaces?\b",),
             weight=7, title="Spend by workspace", compare=Compare("Spend", total="list_cost"), lens=WORKSPACE_SPEND),
        # ...and the bill it changes, for the same period (graph.whatif says both)
        Play("get_daily_cost_summary", when=(WHAT_IF,), weight=3, title="Spend by workspace",
             compare=Compare("Spend", total="list_cost"), lens=WORKSPACE_SPEND),
        # ("going up? by how much": the size of a change, the comparison's)
        Play("get_daily_cost_summary", when=(r"(?<!by )how much|cost|spend|spent|bill|dbu",), default=True,
             title="Spend by workspace", compare=Compare("Spend", total="list_cost"), lens=WORKSPACE_SPEND),
        Play("get_cost_period_comparison", when=(r"compar|week over week|vs\.?|versus|highlight|trend|change|"
                                                 r"last week|previous|creep\w*|grow\w*|climb\w*|going up|rising|"
                                                 r"ballooning|(?:just |only )?noise\b",
                                                 # "going up?? by how much": the size of the change, asked outright
                                                 # (not "by how much?" after a budget: the overrun, the budget's)
                                                 r"\b(?:going up|rising|ris(?:en|es)|gr[eo]w\w*|climb\w*|increas\w*|jump\w*|creep\w*|"
                                                 r"up)\b[^.!]{0,30}\bby how much\b|\bhow much (?:more|higher|bigger)\b"),
             # Its periods are the last N days and the N before; a labelled comparison window is
             # answered by the compared plays instead (graph.planner.comparison_slots).
             unless=("compare_start",), title="Period over period",
             lens=Lens(say="{workspace_name} {list_cost:money} ({pct_change:spct} against the previous period's "
                           "{previous_list_cost:money}{previous_partial:if:, per recorded day: the billing history "
                           "starts inside that period})", sort="list_cost desc", rows=5,
                       severity=(("medium", "pct_change >= 20 and delta_cost >= 500"),))),
        Play("get_cost_by_sku", when=(r"\bskus?\b",), weight=3, compare=Compare("Spend", total="list_cost"), title="Spend by SKU",
             lens=Lens(say="{sku_name} {list_cost:money} ({pct_of_total:pct100} of the total)", sort="list_cost desc",
                       rows=5, headline="{total_list_cost:money} across {n} SKUs.")),
        Play("get_cost_by_user", when=(r"\b(users?|who(?!(?:'s| is| are) (?:\w+ )?(?:growing|grow|rising|climbing|increasing|"
                                        r"up\b|going up|shrinking|down\b|outliers?|odd one|worst|biggest|top\b|winner|culprit|"
                                        r"most expensive|highest|cheapest))|principals?|people|identit\w*|person)\b",), weight=2,
             title="Spend by identity",
             lens=Lens(say="{run_as} {list_cost:money} across {jobs:int} jobs", sort="list_cost desc", rows=5)),
        Play("get_cost_by_team", when=(r"(?<!workspace\s)(?<!workspace\s\s)\bteams?\b|chargeback|showback|department",), weight=3,
             compare=Compare("Spend", total="list_cost"), title="Spend by team", lens=TEAM_SPEND),
        # "spend by department for the showback deck": a department is a team tag to some and a workspace to others,
        # so both groupings are shown unless a team is named
        Play("get_daily_cost_summary", when=(r"department|\bdept|showback|business units?|divisions?",), unless=("team",),
             weight=3, title="Spend by workspace", compare=Compare("Spend", total="list_cost"), lens=WORKSPACE_SPEND),
        # "the analytics unit is up again": a team the question names, by whatever word
        Play("get_cost_by_team", when=(r"\bunits?\b|\bdivisions?\b|\bbu\b|\borg\b|\bsquad\b",), needs=("team",), weight=3,
             compare=Compare("Spend", total="list_cost"), title="Spend by team", lens=TEAM_SPEND),
        Play("get_cost_by_tag", when=(r"cost.?cent(er|re)|\bprojects?\b(?! (?:that|it|this|them|those|spend|costs?|the (?:spend|"
                                      r"costs?|bill|month))\b)|\btag (key|value)",), weight=2,
             args={"tag_key": "$tag_key|team"}, title="Spend by tag",
             lens=Lens(say="{tag_key}={tag_value} {list_cost:money}", sort="list_cost desc", rows=5)),
        Play("get_cost_by_product", when=(r"\bproducts?\b|categor|serverless vs|by service|by (?:type|kind) of (?:charge|spend|"
                                             r"cost|usage|compute)|(?:split|broken down|breakdown|grouped) (?:\w+ )?by (?:type|kind)",), weight=2,
             compare=Compare("Spend", total="list_cost"), title="Spend by product",
             lens=Lens(say="{billing_origin_product} {list_cost:money} ({pct_of_total:pct100})",
                       sort="list_cost desc", rows=5)),
        Play("get_untagged_spend", when=(rf"untagged|attribut|{SPEND_TRACED_TO_OWNER}|without (a |any )?tags?|missing tags?|no tags?|not tagged|"
                                                   # "which team is the least disciplined about tagging their spend?"
                                                   r"\btagg(?:ing|ed) (?:their|its|our|the) (?:spend|costs?|usage|resources|"
                                                   r"clusters|jobs|compute)\b|(?:disciplined|sloppy|bad|lazy|careless) (?:about|at|"
                                                   r"with) (?:\w+ )?tagging\b|"
                                                   r"tagged (?:properly|correctly|right|fully)|(?:properly|correctly|fully) tagged|"
                                                   # "every charge must carry a cost-center tag": the rule that untagged
                                                   # spend breaks
                                                   r"(?:must|should|has to|have to|needs? to) (?:carry|have|bear|include) (?:a|an|the|"
                                                   r"its)? ?(?:[\w-]+ )?tags?\b|cost[- ]allocation|"
                                                   r"(?:is|are|was|were) ?n[o']t tagged|(?:isn|aren|wasn|weren)'?t tagged|"
                                                   r"mapped to (?:a |any )?(?:cost.?cent\w*|team|owner)|"
                                                   # "is its spend even tagged to a team or is it just a black hole"
                                                   r"tagged to (?:a |any |the )?(?:cost.?cent\w*|team|owner|project)|black hole|"
                                                   r"can'?t (be )?charge|(?:no|without|missing) (?:a |any )?(?:[\w-]+ ){0,2}"
                                                   r"tags?|unallocated|(?:can'?t|cannot|unable to) (?:be )?(?:trac|tie|map|"
                                                   r"allocat|assign)\w*|(?:which|what) (?:team|project|department) to (?:charge|bill)|"
                                                   r"who to (?:charge|bill)|(?:isn|aren|wasn|weren)'?t (?:labell?ed|assigned|"
                                                   r"allocated|owned)|(?:is|are|was|were) not (?:labell?ed|assigned|allocated|"
                                                   r"owned)|unlabell?ed|unowned|ownerless|(?:without|no|lacks?|lacking) "
                                                   r"(?:an? |any )?(?:owner|label|cost.?cent\w*|team)s?\b",), weight=5,
             title="Untagged spend",
             lens=Lens(say="{workspace_name} {untagged_cost:money} untagged ({untagged_pct:pct100} of its spend)",
                       where="untagged_cost > 0", sort="untagged_cost desc", rows=3,
                       severity=(("medium", "untagged_pct >= 20"),),
                       recommend="Enforce a team/cost_center tag with a compute policy in {workspace_name}.",
                       empty="All spend carries a cost-attribution tag.")),
        # ("what are the GPU training runs costing us": the jobs that train, by their cost)
        Play("get_job_costs", when=(r"\bjobs?\b|expensive|line item|biggest|\b(?:gpu |training |etl |batch |nightly )+"
                                    r"(?:runs?|workloads?|pipelines?)\b",),
             args={"top_n": "$top_n|5"}, title="Most expensive jobs",
             lens=Lens(say="{job_name} ({workspace_name})[ {list_cost:money}] over {runs:plural:run} "
                           "({failed_runs:int} failed[, {list_cost_per_run:money} a run])[; {cost_note}]",
                       sort="list_cost desc", rows=3,
                       severity=(("medium", "failed_runs >= 3"),))),
        Play("get_job_costs", when=(r"cost|spend|spent|expensive|bill|how much",), needs=("job",), weight=3,
             args={"top_n": "$top_n|5"}, title="Job cost",
             lens=Lens(sort="list_cost desc", rows=2,
                       say="{job_name} ({workspace_name})[ cost {list_cost:money}] over {runs:plural:run} "
                           "({failed_runs:int} failed[, {list_cost_per_run:money} a run])[; {cost_note}]")),
        # "which user generated the most SQL warehouse consumption? I'll allocate bi-warehouse on that": a shared
        # warehouse's spend shared out by who ran statements on it
        Play("get_warehouse_cost_by_user", when=(r"\b(?:users?|who|principals?|people|identit\w*|persons?|analysts?|"
                                                  r"teams?)\b.{0,80}\bwarehouses?\b|\bwarehouses?\b.{0,80}\b(?:by|per|for each|"
                                                  r"each) (?:user|principal|person|identity|analyst)\b|\bwarehouses?\b.{0,60}\b"
                                                  r"(?:allocat\w*|showback|chargeback|split|share[sd]? out|attribut\w*)\b|"
                                                  r"\b(?:allocat\w*|showback|chargeback|attribut\w*)\b.{0,60}\bwarehouses?\b",),
             weight=4, args={"warehouse": "$warehouse", "top_n": "$top_n|10"}, title="Warehouse spend by user",
             lens=Lens(say="{executed_by} {allocated_cost:money} of {warehouse_name} ({pct_of_warehouse:pct100} of its "
                           "statement time, {statements:int} statements)", sort="allocated_cost desc", rows=5,
                       empty="No SQL statements ran on a warehouse with spend in the period.")),
        Play("get_warehouse_costs", when=(r"\bwarehouses?\b",), title="SQL warehouse spend",
             lens=WAREHOUSE_SPEND),
        # "bi-warehouse vs etl-warehouse spend": the warehouses named are the question
        Play("get_warehouse_costs", when=(r"cost|spend|spent|bill|how much|\$|side by side|\bvs\b|versus|compar\w*",),
             needs=("warehouse",), weight=4, title="SQL warehouse spend",
             lens=WAREHOUSE_SPEND),
        Play("get_monthly_cost_summary", when=(r"monthly|month.to.date|mtd|month over month|forecast|next month|"
                                               r"run.?rate|project(?:ed|ion|ions|ing)\b|on course|on track|\bbill\b",), weight=2,
             args={"months": "$months|2"}, title="Month to date and forecast",
             lens=Lens(derive=(("run_rate", "list_cost / days * 30"), ("daily", "list_cost / days")),
                       sort="month desc", rows=3, where="days > 0",
                       say="{workspace_name}: {list_cost:money} in the {days:int} days of the month starting "
                           "{month:date} ({daily:money} a day, a 30-day run rate of {run_rate:money})",
                       recommend="At the current daily rate next month would be about {run_rate:money} for "
                                 "{workspace_name}; compare it with the budget.")),
        Play("get_cost_forecast", when=(r"\bproject (?:that|it|this|them|those|spend|costs?|the (?:spend|costs?|bill))\b|"
                                        r"\b(?:best|worst)[- ]case\b|"
                                        r"forecast|extrapolat|predict|project(?:ed|ion|ions|ing)\b|expect|will (we )?"
                                        r"spend|where (?:do|will|would) we (?:land|end up)|if nothing changes|"
                                        r"at this (?:rate|pace)|trajectory",), weight=3, args={"days": "$horizon_days|30"},
             title="Spend forecast",
             lens=FORECAST),
        # "what do we spend next month?": a window ahead of the data (the parser's horizon; "a review next week" is
        # when the asker meets, and reads no window)
        Play("get_cost_forecast", when=(r"cost|spend|bill|how much|\$|budget|run[- ]?rate",), needs=("horizon_days",),
             weight=3, args={"days": "$horizon_days|30"}, title="Spend forecast",
             lens=FORECAST),
        # "budget vs actual per workspace, which ones are tracking over?": the budgets' status, whatever else is said
        Play("get_budget_status", when=(r"\bbudgets? (?:vs\.?|versus|against|compared (?:to|with)) actuals?\b|\bactuals? "
                                        r"(?:vs\.?|versus|against) (?:the )?budgets?\b|\btracking (?:over|under|ahead|above|"
                                        r"below)\b|\bover (?:the |their |its )?budgets?\b",),
             weight=8, title="Budget status", lens=BUDGET_STATUS),
        Play("get_budget_status", when=(r"budget|on (course|track)|exceed|overspend|over budget|(?:monthly |spend\w* )?caps?\b|"
                                        r"bust\w*|blow (?:through |past )?(?:its|the|their|our)|allowance|limit for the month",),
             weight=3, title="Budget status", lens=BUDGET_STATUS),
        Play("get_serverless_spend", when=(r"serverless",), title="Serverless spend",
             lens=Lens(say="{workspace_name} {serverless_cost:money} serverless ({serverless_pct:pct100})",
                       sort="serverless_cost desc", rows=3)),
        Play("get_endpoint_costs", when=(r"endpoint|serving|inference",), title="Model Serving spend",
             lens=Lens(say="{endpoint_name} ({workspace_name}) {list_cost:money}", sort="list_cost desc", rows=3)),
        Play("get_sku_cost_trend", when=(r"\bgpu\b|photon|trend",), needs=("sku",), title="SKU trend",
             lens=Lens(group="sku_name", sum=("list_cost", "dbus"), sort="list_cost desc", rows=3,
                       say="{sku_name} {list_cost:money} over the period")),
        Play("get_workspace_cost_breakdown", when=(r"breakdown|split|by product|where .* (go|going)|made up",),
             needs=("workspace",), weight=2, title="Workspace breakdown",
             lens=Lens(say="{workspace_name}: {billing_origin_product} / {sku_name} {list_cost:money} "
                           "({pct_of_workspace:pct100} of the workspace)",
                       sort="list_cost desc", rows=4)),
    ),
)
