"""Optimization advisor: turns the account's data into savings and right-sizing recommendations, each
with an estimated monthly saving (idle or oversized clusters and warehouses, jobs on all-purpose
compute, long auto-stop, untagged spend, serverless candidates)."""

from __future__ import annotations

from health_monitor.agents.spec import AgentSpec, Lens, Play

from health_monitor.core.phrases import SPEND_TRACED_TO_OWNER

OPTIMIZATION_PROMPT = """You are the optimization advisor of a Databricks platform health monitor, answering {user}.
The data is as of {as_of}; savings are estimated from the last 30 days at list price.
You find savings and right-sizing: idle or oversized all-purpose clusters and SQL warehouses, jobs on
all-purpose compute that jobs compute would run cheaper, long auto-termination/auto-stop, untagged
spend, and jobs that would suit serverless.
Your tools: {tools}. Use at most {max_steps} tool-calling steps.
Quote only figures the tools returned, including each recommendation's estimated monthly saving.
Finish with the recommendations ranked by saving, and the total."""

AGENT = AgentSpec(
    name="optimization",
    title="Optimization",
    description="Savings and right-sizing advice with an estimated monthly saving: idle or oversized clusters "
                "and warehouses, jobs on all-purpose compute, long auto-stop, untagged spend, serverless candidates.",
    system_prompt=OPTIMIZATION_PROMPT,
    examples=(
        "What cost optimization opportunities do we have?",
        "Which clusters are idle most of the time?",
        "Estimate monthly savings if we moved reports to jobs compute",
    ),
    all_clear="No savings opportunity above the noise: compute is sized and stopped well.",
    playbook=(
        Play("get_savings_recommendations", when=(r"sav(e|es|ing|ings)|optimi|opportunit|recommend|cheaper|cut|"
                                                  r"reduce|lower|trim|waste|on the table",), default=True, weight=2,
             args={"top_n": "$top_n|10"}, title="Savings opportunities",
             lens=Lens(sort="estimated_monthly_saving desc", rows=5,
                       headline="About {total_estimated_monthly_saving:money} a month could be saved across {n:plural:"
                                "recommendation}.",
                       say="{resource_name} ({category}, {workspace_name}): save about "
                           "{estimated_monthly_saving:money}/month — {recommendation:clip}",
                       severity=(("medium", "estimated_monthly_saving >= 500"), ("low", "estimated_monthly_saving > 0")),
                       recommend="Start with {resource_name} (about {estimated_monthly_saving:money}/month): "
                                 "{recommendation:long}",
                       empty="No savings opportunity found.")),
        Play("get_savings_recommendations", when=(r"all.?purpose|jobs compute|job clusters?|reports?|interactive|"
                                                  # "which of them are on the wrong compute type for what they do"
                                                  r"(?:wrong|right|best|cheaper|correct) (?:compute|cluster|instance) "
                                                  r"(?:type|kind|tier)s?|"
                                                  r"scheduled (?:work|jobs?|stuff|runs?)|"
                                                  r"moved? .* jobs|(?:cheaper|save|savings?|options?)\b.{0,30}\bjobs?\b|"
                                                  r"\bjobs?\b.{0,30}\b(?:cheaper|savings?)",), weight=3,
             args={"category": "jobs_on_all_purpose"}, title="Jobs on all-purpose compute",
             lens=Lens(sort="estimated_monthly_saving desc", rows=3,
                       headline="Moving these jobs to jobs compute would save about "
                                "{total_estimated_monthly_saving:money} a month.",
                       say="{resource_name} ({workspace_name}): about {estimated_monthly_saving:money}/month — "
                           "{recommendation:long}",
                       severity=(("medium", "estimated_monthly_saving >= 100"),),
                       recommend="Run {resource_name} on a job cluster (jobs compute) instead of all-purpose compute: "
                                 "about {estimated_monthly_saving:money} a month less.")),
        # "Which jobs should move to serverless": the advisor's serverless candidates, not the serverless share.
        Play("get_savings_recommendations", when=(r"(?:move|moved|moving|migrat\w*|switch\w*|convert\w*|go|put|"
                                                  r"candidates?|suit\w*|should|could|would|fit)\b.{0,30}\bserverless|"
                                                  r"serverless\b.{0,20}\b(?:candidates?|migrat\w*|instead|help\w*|"
                                                  r"work|fit|save)",),
             weight=4, args={"category": "serverless_candidate"}, title="Serverless candidates",
             lens=Lens(sort="estimated_monthly_saving desc", rows=3,
                       headline="Moving these jobs to serverless would save about "
                                "{total_estimated_monthly_saving:money} a month.",
                       say="{resource_name} ({workspace_name}): about {estimated_monthly_saving:money}/month — "
                           "{recommendation:clip}",
                       severity=(("medium", "estimated_monthly_saving >= 500"), ("low", "estimated_monthly_saving > 0")),
                       recommend="Start with {resource_name}: {recommendation:long}",
                       empty="No job looks like a serverless candidate.")),
        Play("get_idle_clusters", when=(r"idle|unused|underutili|underused|zombie|left running|clusters?|use out of|doing nothing|"
                                        # "compute that's switched on but not doing any work"
                                        r"(?:not|n't) (?:actually |really |even )?doing (?:any|much|real) (?:\w+ )?work|"
                                        r"(?:up|on|running) (?:basically |pretty much )?(?:all day|24/7|around the clock)",),
             weight=3, title="Idle clusters",
             lens=Lens(where="idle_pct >= 50", sort="idle_pct desc", rows=3,
                       say="{cluster_name} ({workspace_name}, owner {owned_by}) was idle {idle_pct:pct100} of its "
                           "{hours_running:num} running hours (auto-termination {auto_termination_minutes:int} min, "
                           "{list_cost:money} in the period)",
                       severity=(("medium", "idle_pct >= 70"),),
                       recommend="Lower {cluster_name}'s auto-termination to 20-30 minutes.",
                       empty="No all-purpose cluster is idle most of the time.")),
        Play("get_autotermination_settings", when=(r"auto.?(stop|termination|terminate)|never stops?|stop settings",),
             weight=3, title="Auto-stop settings",
             lens=Lens(where="assessment != ok", sort="idle_minutes_before_stop desc", rows=3,
                       say="{resource_name} ({resource_type}) waits {idle_minutes_before_stop:int} min before "
                           "stopping ({assessment}; {list_cost_30d:money} in 30 days)")),
        Play("get_warehouse_load_by_hour", when=(r"warehouses?|oversiz|right.?siz|too big|downsiz|night",),
             weight=2, title="Warehouse load by hour",
             lens=Lens(group="warehouse_name", sum=("list_cost", "statements", "queued_statements"), sort="list_cost desc",
                       rows=2,
                       say="{warehouse_name} ({warehouse_size}, auto-stop {auto_stop_minutes:int} min): "
                           "{list_cost:money} for {statements:int} statements over the period")),
        Play("get_savings_recommendations", when=(r"warehouses?|oversiz|right.?siz",), weight=2,
             args={"category": "warehouse_rightsizing"}, title="Warehouse right-sizing",
             lens=Lens(sort="estimated_monthly_saving desc", rows=2,
                       say="{resource_name}: about {estimated_monthly_saving:money}/month — {recommendation:clip}",
                       severity=(("medium", "estimated_monthly_saving >= 500"), ("low", "estimated_monthly_saving > 0")),
                       recommend="Right-size {resource_name} (about {estimated_monthly_saving:money}/month): "
                                 "{recommendation:long}")),
        Play("get_untagged_spend", when=(rf"untagged|tags?|attribution|{SPEND_TRACED_TO_OWNER}",), weight=2, title="Untagged spend",
             lens=Lens(sort="untagged_cost desc", rows=3, where="untagged_cost > 0",
                       say="{workspace_name} {untagged_cost:money} untagged ({untagged_pct:pct100} of its spend)")),
        Play("get_serverless_spend", when=(r"serverless",), weight=2, title="Serverless share",
             lens=Lens(sort="list_cost desc", rows=3,
                       say="{workspace_name}: {serverless_pct:pct100} serverless of {list_cost:money}")),
    ),
)
