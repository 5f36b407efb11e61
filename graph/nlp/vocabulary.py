"""Domain vocabulary: weighted cue phrases per specialist, and entity-kind hints.

The router adds these to the lexical classifier's probabilities. A cue is a regular expression matched
on the lower-cased question (word boundaries added here); its weight says how strongly it points at the
domain (1.0: on its own enough; 0.3: a hint). Stems (``fail\\w*``) absorb inflections; the classifier's
character n-grams absorb typos, so cues stay precise rather than exhaustive.
"""

from __future__ import annotations

import re
from functools import lru_cache

from health_monitor.agents.registry import AGENT_NAMES
from health_monitor.graph.kinds import KINDS
from health_monitor.graph.nlp.honest import ASKER_CONTEXT

from health_monitor.core.phrases import (
    FIGURE_NOUNS,
    NOT_OUR_FAILING,
    OWNER_OF_SPEND,
    PEOPLE_USING,
    REPORTING_PEOPLE,
    SPEND_TRACED_TO_OWNER,
)

#: The specialists, in presentation order: the agents' registry is the only list.
DOMAINS: tuple[str, ...] = AGENT_NAMES

#: "what did the outage cost us in availability": a price paid in something other than money.
FIGURATIVE = r"(?! (?:us |me )?in (?:availability|uptime|downtime|time|minutes|hours|slas?|reliability))"

#: domain -> {regex: weight}.
#: "where exactly did it break", "did the thing that loads it break?": whether and where a run failed (what it
#: breaks downstream is lineage's). One phrase for the router's cue and the follow-up moves (graph.nlp.followup).
IT_BROKE = (r"\b(?:where|when|why|how) (?:exactly )?(?:did|does) (?:it|that|this|they|the [\w-]+) (?:\w+ )?break\b|"
            r"\bdid (?:the|its) [\w\s-]{1,40}? break\b(?!\s+(?:anything|something|stuff|downstream|other))")

#: A model described by what it does ("the thing that predicts costs", "the tool which forecasts our spend"): the
#: question is about the model, whatever area its words name (graph.nlp.router gives it a model's weight).
DESCRIBED_MODEL = (r"\b(?:thing|things|model|models|tool|bot|algorithm|ai|ml)\b (?:that|which|who) (?:\w+ )?(?:predicts?|"
                   r"forecasts?|detects?|flags?|scores?|classif(?:y|ies)|spots?|catches)\b|"
                   # "that anomaly detector thing that watches our bill": a model named by what it is and watches
                   r"\b(?:detector|predictor|forecaster|classifier|scorer)s? (?:thing|model|bot|tool)?\s*(?:that|which) "
                   r"(?:\w+ )?(?:watch(?:es)?|monitors?|guards?|checks?|tracks?|looks? at)\b")

DOMAIN_CUES: dict[str, dict[str, float]] = {
    "cost": {
        # "why is ml-workspace over plan?": spend against the budget, in a controller's words
        r"\b(?:over|above|under|below|against|vs\.?|versus|ahead of|behind) (?:the )?(?:plan|planned (?:spend|budget)|"
        r"budgeted (?:amount|spend)?|forecast)\b(?! (?:to|for) )|\bplan variance\b|\bvariance (?:to|against|vs\.?) "
        r"(?:plan|budget)\b": 1.0,
        # "did we still get billed for the downtime?": what an outage or idle time cost
        r"\b(?:billed|charged|invoiced|pay|paid|paying)\s+(?:\w+\s+){0,2}(?:for|during)\s+(?:the\s+|that\s+|its\s+)?(?:downtime|"
        r"outage|idle (?:time|hours)|time (?:it|they) (?:was|were) (?:down|idle))\b": 1.0,
        # "every charge must carry a cost-center tag", "cost-allocation control": spend tied to its owner by tags
        r"\b(?:charges?|spend|costs?|usage|bills?|line items?)\s+(?:must|should|has to|have to|needs? to|is required to|are "
        r"required to)\s+(?:carry|have|bear|include|be tagged with)\s+(?:a|an|the|its)?\s*(?:cost[- ]cent\w*|team|owner|project|"
        r"department|business unit|chargeback)\b|\bcost[- ]allocation\b": 1.0,
        # "and yesterday vs the 7 day avg for the whole workspace?": a day's spend against its weekly baseline
        r"\b(?:vs\.?|versus|against|compared (?:to|with)) (?:the |its |our )?(?:7|seven)[- ]day (?:avg|average|baseline|mean)\b": 0.8,
        # "ok, and yesterday's total across all workspaces?": a period's total, said bare, is its bill
        r"\b(?:yesterday|today|(?:this|last) (?:week|month|quarter|year))'?s total\b(?! (?:number|count|of|failures?|runs?|"
        r"errors?|queries|logins?|rows?|records?|downtime|outages?)\b)": 0.9,
        # "which workspace blew up yesterday?" (of the bill): a workspace that blows up is its spend
        r"\bworkspaces? (?:\w+ )?(?:blew|blown|blowing) up\b": 1.0,
        # "what would that untagged amount be ...": a sum of money without tags
        r"\buntagged (?:amount|spend|spending|costs?|dollars|money|usage|share|portion|part)\b": 1.0,
        # "what would that untagged amount be at our discounted rate rather than list?": the price paid against list
        r"\b(?:discount(?:ed)?|negotiated|contract(?:ed)?|committed|effective) (?:\w+ )?(?:rates?|prices?|pricing)\b|"
        r"\b(?:at|vs\.?|versus|rather than|instead of|than) (?:the |our )?list(?: prices?| rates?)?\b": 1.0,
        # "a quick summary of money and security stuff": the money side, said as a topic of its own
        r"\bmoney\b(?= (?:and|&|\+|/|,) (?:\w+ ){0,2}(?:stuff|things?|side|bits?)\b)|\b(?:summary|overview|update|recap|"
        r"picture|state|status|rundown) (?:of|on) (?:the |our )?money\b|\bmoney (?:stuff|side|things?|situation|picture)\b": 1.0,
        # "and what did that come to for ml-workspace yesterday?": the amount a figure came to
        r"\b(?:what|how much) (?:did|does|do|will|would) (?:that|it|this|they|those|these|the (?:\w+ )?(?:bill|total|figure|"
        r"spend|charges?)) (?:all )?(?:come|add) (?:to|up to)\b": 1.0,
        # "why is daily_report one of the pricier jobs?": what a thing costs, compared
        r"\b(?:pricier|priciest|costlier|costliest|more expensive|most expensive)\b": 1.0,
        # "size the committed-use discount off the run-rate", "how fast are we burning the DBU commit": a spend commitment
        r"\brun[- ]?rate\b|\bcommitted[- ]use\b|\b(?:dbu|spend|capacity|annual|yearly|databricks) commit(?:ment)?s?\b|"
        r"\bcommit(?:ment)?s? (?:drawdown|draw-down|burn[- ]?down|consumption|utili[sz]ation|discount)\b|\bpre-?purchas\w*\b": 1.0,
        # "which clusters are missing the cost attribution tag?", "tag coverage": spend that cannot be attributed
        r"\b(?:missing|without|lack\w*) (?:the |a |any |their |its )?(?:cost[- ]?(?:attribution|center|centre|allocation)|"
        r"team|owner|project) tags?\b|\btag coverage\b": 1.0,
        # "which job accounts for the overrun?", "the month-to-date total I should accrue": the budget's overrun, the accrual
        r"\b(?:budget )?overrun\b(?! (?:its |the |their )?(?:sla|deadline|window|schedule|time))|\bover ?spend\w*\b|"
        # ("the month-to-date uptime": a period of another figure, not the spend)
        r"\b(?:month[- ]to[- ]date|mtd)\b(?! (?:uptime|availability|failures?|incidents?|outages?|slas?|error rate|"
        r"success rate|reliability))|\baccru(?:e|al|als|ed|ing)\b": 1.0,
        # "how much is analytics up?" (a workspace's name reads as nothing): how much its spend rose
        r"\bhow much (?:is|are|has|was|did) (?:it |that |spend |the bill |the spend )?(?:up|go up|gone up)\b": 0.9,
        # "avg $ per run for ml_training", "what do we pay per query on bi-warehouse", "unit-cost view": unit economics
        r"(?:\$|\bcosts?|\bpay(?:ing)?|\bspend(?:ing)?|\bdollars?|\bdbus?)\s+(?:\w+\s+){0,2}per\s+(?:query|queries|run|runs|statement|"
        r"job run|user|execution|row|gb|tb|seat|head|model|prediction|request)\b|\bper[- ](?:query|run|user|request) (?:cost|spend|"
        r"price)\b|\bunit[- ]costs?\b|\bunit economics\b|\bcost per\b": 1.0,
        # "which job or which type of compute is behind that increase": the increase's drivers
        r"\b(?:which|what) (?:job|workload|cluster|sku|kind of compute|type of compute)\b.{0,40}\b(?:behind|driving|caus\w*) "
        r"(?:it|that|this|the (?:increase|spike|jump|rise))\b": 1.0,
        # "what's all that doing to the workspace's total for the month?": the month's bill
        r"\b(?:total|bill|spend|run[- ]?rate|invoice)\b (?:for|of|this) (?:the |this )?month\b|\bmonth(?:'s|ly) (?:total|bill|"
        r"invoice)\b": 0.9,
        # "what would we save if we turned the dev workspace off?", "where would the bill land": a what-if's spend
        r"\bwhat would (?:we|it|that|this|they) (?:\w+ )?(?:save|cost)\b|\bwhere would (?:the |our )?(?:[\w-]+ ){0,2}(?:bill|spend|"
        r"costs?|total) land\b|\bwhat would (?:the |our )?(?:[\w-]+ ){0,2}(?:bill|spend|costs?|total) (?:be|have been|look like)\b": 1.0,
        # "would a bigger node have been cheaper than eating 3 retries?": what each costs, set side by side
        r"\b(?:cheaper|pricier|costlier|more expensive|less expensive) than\b": 1.0,
        # "and the cheapest one?", "which workspace is the cheapest": a ranking by spend, from the other end
        r"\bthe (?:cheapest|least (?:expensive|costly)|lowest[- ](?:cost|spend)\w*)(?: (?:one|ones|workspaces?|jobs?|teams?|"
        r"warehouses?|skus?|users?|clusters?|endpoints?|projects?|products?))?(?=\s*(?:[?.!,;]|$|\b(?:of|in|on|by|and|so far|this|"
        r"last|yesterday)\b))": 1.0,
        # "spread the untagged bit pro-rata over the tagged teams": a chargeback's allocation of spend
        r"\bpro[- ]?rat(?:a|ed|e)\b|\bapportion\w*|\b(?:spread|split|allocat\w*|distribut\w*) (?:\w+ ){0,4}(?:over|across|"
        r"among|between) (?:the )?(?:\w+ ){0,2}(?:teams?|workspaces?|departments?|cost cent\w+|business units?|projects?)\b|"
        r"\buntagged (?:bit|part|portion|share|remainder|rest|amount|chunk|slice)\b": 1.0,
        # "how has consumption trended by team": DBU consumption (a table's readers are lineage's "consumers")
        r"\bconsumption\b(?! (?:of|by) (?:the |that |this |our )?(?:tables?|data\w*|views?|reports?|dashboards?)\b)": 0.8,
        # "a month-end projection for the whole account", "cost per successful run of nightly_etl"
        r"\bmonth[- ]end (?:projection|forecast|estimate|close|landing)\b|\b(?:projection|forecast|estimate) (?:for|of) (?:the )?"
        r"month[- ]end\b|\bcost (?:per|of (?:a|each|every)) (?:\w+ )?(?:run|job|query|execution|statement)s?\b|"
        r"\bper[- ]run cost\b|\bprojected (?:close|landing|finish|total|spend|bill|month[- ]end)\b": 1.0,
        # "the main problems with money, people getting into things they shouldn't, and stuff that broke"
        r"\b(?:problems?|issues?|trouble) with (?:the |our )?money\b|\bmoney[- ](?:problems?|issues?|wise)\b": 1.0,
        # "did we keep paying for it while it was down? the cost impact of the outage": money during an event
        r"\bcost (?:impact|implications?|consequences?)\b|\b(?:keep|kept|still|continue\w*) (?:\w+ )?pay(?:ing)? for\b|"
        r"\b(?:billed|charged) (?:for it )?(?:during|while)\b": 1.0,
        # "analytics up ~12%?? someone explain": a workspace's figure moved by a share is its spend
        # (a place's name is masked out: "analytics up ~12%" reads "up ~12%" at the start)
        r"(?:\bworkspace |^\W*|[.;!?]\s*)(?:is |was |went |got |spend |cost |bill )?(?:up|down|higher|lower) (?:by )?"
        r"(?:~|about |like |almost )?\d+(?:\.\d+)?\s?%": 0.9,
        # "put a $ figure on the failed ones": what something cost, in money
        r"\b(?:put|attach|stick) an? (?:\$|dollar|money|cost|price) (?:figure |number |value |amount |tag )?on\b|"
        r"\$ ?(?:figures?|numbers?|amounts?|values?|impact)\b|\bdollar (?:figures?|amounts?|impact|value)\b": 1.0,
        # "production is basically flat day to day, confirm with daily figures": a workspace's spend over days
        r"\bdaily figures\b|\b(?:basically|pretty|really|actually|completely|totally|mostly) flat\b|\bflat day[- ]to[- ]day\b": 0.8,
        # "did the outage depress production spend", "ml-workspace spiked yesterday": a change in spend
        r"\b(?:depress\w*|dent\w*|lower\w*|raise\w*|inflat\w*|bump\w*) (?:\w+ ){0,2}(?:spend|spending|costs?|bill)\b|"
        # (a workspace reads as nothing to the router: "ml-workspace spiked yesterday" opens with the verb)
        r"^(?:spiked|jumped|surged|shot up|doubled|tripled|ballooned)\b": 1.0,
        # "extrapolate both to end of next quarter": a forecast of spend
        r"\bextrapolat\w*": 0.8,
        # "what's eating it?" after the budget: what consumes the money
        r"\bwhat(?:'s| is| was) (?:eating|eating up|burning through|chewing through|using up|consuming|sucking up|"
        r"draining) (?:it|that|them|the (?:budget|money|spend|credits?))\b": 1.0,
        # ("which outages cost us the most": the outages' harm; a warehouse that is down bills nothing)
        rf"(?<!outages )(?<!outage )(?<!downtime )(?<!incidents )(?:costs?|costing){FIGURATIVE}|"
        r"costly": 0.8, r"spend\w*|spent": 0.8,
        # "is the GPU training spend actually something to worry about?": a judgement of the spend itself
        r"\b(?:spend\w*|costs?|bill|dbus?)\b (?:\w+[\w-]* ){0,4}?(?:something to worry about|worth worrying about|"
        r"(?:a )?(?:concern|worry)\b|concerning|worrying|alarming)": 1.0, r"dbus?": 0.8, r"skus?": 0.9,
        r"bill(s|ing|ed)?|invoices?|invoiced|charged (?:for|us)": 0.9, r"(?<!error )(?<!errors )(?<!downtime )(?<!latency )(?<!availability )(?<!reliability )(?<!slo )(?<!outage )(?<!uptime )"
        r"(?<!error-)budget\w*(?! (?:a |the |some |more )?(?:fix|time|effort|hours|days|sprint|capacity|headcount))"
        # ("how much downtime is left in the budget at 99.9?": an error budget, said by its target)
        r"(?! (?:at|of|for) 9\d(?:\.\d+)?\b)": 0.9, r"(?<!failure rate )(?<!error rate )(?<!failure )(?<!latency )(?<!uptime )(?<!availability )(?<!drift )forecast\w*|run[- ]rate": 0.8, r"project(?:ed|ion)s? (?:\w+ ){0,2}(?:month(?:[- ]end)?|quarter|year|spend|bill)|month[- ]end (?:spend|bill|total|number)": 0.8, r"expensive": 0.6, r"pric(?:ey|ier|iest)|costl(?:ier|iest)|more expensive|dearer": 0.9,
        # "which workspace moved most vs last month", "variance commentary": a change in spend, FinOps' words
        r"\bwhich (?:workspaces?|teams?|skus?|products?|line items?) (?:\w+ )?(?:moved|grew|jumped|rose|changed|shifted|"
        r"swung|dropped|fell) (?:the )?most\b|\bvariance (?:commentary|analysis|report|explanation|notes?)\b|"
        # "every job that ran this month with its cost", "how much of yesterday would go away": money
        r"\bwith (?:its|their|the) (?:\w+ )?(?:costs?|spend|dbus?|price|dollar (?:cost|amount)s?)\b|"
        r"\bhow much of (?:yesterday|today|last (?:week|month|quarter)|this (?:week|month|quarter)|the (?:day|week|month|bill))\b|"
        r"\bhow much (?:of (?:\w+ ){0,2})?(?:would|will|could|might) (?:go away|disappear|come off|drop off)\b": 1.2,
        # "roughly how many $ did the failed runs waste": money
        r"\bhow many (?:\$|dollars|bucks|euros?|€|£|pounds)": 1.2,
        # "are we paying for all those dead GPU runs?", "a cost-per-user number": money, whatever it paid for
        r"\b(?:are|were|am|is) (?:we|i|you|they) (?:still |even |actually |really )?paying (?:for|on)\b|"
        r"\bpaying for (?:all |those |these |the |that |them\b|it\b)|"
        r"\b(?:cost|spend|dbus?|dollars?)[- ]per[- ](?:user|head|person|seat|team|engineer|analyst|query|run|job|row|"
        r"customer)s?\b": 1.2,
        # "how much compute did we throw away on failed runs": money, whatever it was spent on
        r"how much (?:compute|money|cash|dbus?|spend)\b": 1.2,
        # "how much did that waste?": what something that happened already cost (saving is ahead, not this)
        rf"how much (?:\w+ ){{0,2}}(?:did|has|have|had) (?:that|it|this|those|they|these|all that) (?:\w+ )?(?:wast|burn|cost)\w*"
        rf"{FIGURATIVE}|how much (?:was|got|has been|have we) (?:\w+ )?(?:wasted|burn[te]d?|thrown away)": 1.2,
        r"cost drivers?|top drivers?|line items?": 1.0, r"dollars?|money": 0.5, r"\$+": 0.8,
        r"chargeback|showback": 0.9, r"\b(?:running|runs?|ran) hot\b": 0.8,
        # "analytics is up like 12%": a figure up by a share, the spend unless the question says otherwise
        r"\b(?:is|are|was|were|went|'s) up (?:like |about |around |roughly |by |nearly |almost )?\d+(?:\.\d+)? ?(?:%|percent)|"
        # "is it normal that the ml workspace jumped like 45% yesterday?": a place's figure up by a share, its spend
        r"\b(?:jumped|spiked|rose|grew|climbed|shot up|surged|doubled|ballooned) (?:by )?(?:like |about |around |roughly |"
        r"nearly |almost |over )?\d+(?:\.\d+)? ?(?:%|percent)": 1.0,
        r"\b(?:gpu (?:vs\.?|versus|or|and) cpu|cpu (?:vs\.?|versus|or|and) gpu)\b": 0.8,
        # "is model serving a meaningful chunk of the bill?": a share of the spend
        r"(?:chunk|share|portion|fraction|slice|part|percent(?:age)?|%) of (?:the |our |total |all )?(?:\w+ )?"
        r"(?:bill|spend|costs?|budget|invoice)\b": 1.2,
        # "trying to put a price on flakiness": what it costs
        r"put (?:a |an )?(?:price|dollar (?:figure|amount)|cost|number) on|price tag|"
        r"(?:what'?s|what is|how much is) (?:it|that|this|prod|\w+) (?:running|costing|setting) (?:us|me)\b": 1.0,
        # "analytics is growing, no? what is driving it": a place's footprint growing, and what drives it
        r"(?:is|are|keeps?|kept|been|getting) (?:\w+ )?(?:growing|creeping(?: up)?|climbing|ballooning|going up|rising|"
        r"bigger)\b": 0.5,
        r"(?:what(?:'s| is| are)?|who(?:'s| is)?) (?:\w+ )?(?:driv\w*|push\w* up) (?:it|that|this|the (?:increase|growth|rise|"
        r"jump|climb))\b": 0.6,
        # "how is the analytics workspace trending?": a workspace's course is its spend's (its runs say their outcome)
        r"\bhow(?:'s| is| are| has| have)\s+(?:the\s+|our\s+)?(?:\w+\s+)?(?:workspaces?|account|env(?:ironment)?s?)\s+"
        r"(?:been\s+)?trend\w*": 1.0,
        # "spend split by type of charge", "the bill broken down by product": a breakdown of the spend
        r"(?:spend\w*|costs?|bill|billing|charges?|money|dbus?) (?:\w+ ){0,2}(?:split|broken down|breakdown|grouped|bucketed|"
        r"sliced) (?:\w+ )?(?:by|per|into)\b|by (?:type|kind|category) of (?:charge|spend|cost|usage|compute)\b": 1.0,
        # "why did ml-workspace jump yesterday?": a workspace that jumps is its spend (a place's name reads as nothing)
        r"\bworkspaces? (?:\w+ )?(?:jump|jumped|jumps|jumping|spike|spiked|spikes|spiking|climb|climbed|surg\w*|balloon\w*|"
        r"shot up|went up|doubled|tripled)\b|\b(?:why|when|how much|how come) (?:did|has|have|does|is) (?:the |our )?(?:workspaces? )?"
        r"(?:jump|jumped|spike|spiked|climb|climbed|surge|surged|balloon|ballooned|shoot up|shot up|go up|gone up|double|"
        r"doubled)\b": 1.0,
        # "were we effectively paying for etl-warehouse while it was down?": what the compute cost in the meantime
        r"\bpa(?:ying|id|y) for (?:\w+ ){0,3}(?:while|when|during) (?:it|they|that) (?:was|were|is|are) (?:down|offline|broken|"
        r"idle|unavailable)\b": 1.0,
        # "the serverless vs classic compute split this quarter": the bill's mix of compute types
        r"\b(?:serverless|classic|photon|spot|on[- ]demand|gpu|jobs compute|all[- ]purpose|sql)(?: compute)? (?:vs\.?|versus|or|and|"
        r"/) (?:\w+ ){0,2}(?:compute )?(?:split|mix|share|breakdown|ratio|proportion)\b|\b(?:split|mix|ratio) (?:of )?(?:spend |"
        r"compute |costs? )?between (?:serverless|classic|photon|spot|gpu|jobs|all[- ]purpose)": 1.0,
        # "anything costing more than it should?": spend above what it ought to be
        r"cost(?:ing|s)? (?:us )?more than (?:it |they |we |that )?(?:should|ought|needs? to)|paying too much|overpay\w*": 1.0,
        # "is all this Databricks money worth it?", "analytics up 12%??": spend's value, a change in percent
        r"worth (?:it|the (?:money|cost|spend|price))|value for (?:the )?money|\broi\b|"
        r"(?:all )?(?:this|that|the|our) (?:\w+ )?money": 0.9, r"\b(?:up|down)\s+(?:by\s+)?(?:about\s+)?\d+(?:\.\d+)?\s*%": 0.6, r"how much money|throw\w* (?:money|cash|dollars|budget|\$\S*) away|throw\w* away (?:money|cash|dollars)|"
        r"money (?:on|for)": 0.9, rf"(?<!outages )(?<!outage )(?<!downtime )(?<!incidents )cost(?:ing)? (?:us|me|the company){FIGURATIVE}|"
        r"what did .{0,40}\bcost\b": 1.0, r"(jump|spike|increase)\w*": 0.25, r"pay(ing)?|paid": 0.5, r"burn(?:ed|t|ing|s)?(?! (?:through |down )?(?:the |our |its |that |this |much of the )?(?:error|downtime|slo) budget)": 0.6,
        rf"how much (?:\w+ ){{0,4}}(?:burn\w*|cost|set us back|run us){FIGURATIVE}": 1.0,
        # "if nothing changes, where do we land by quarter end": a spend projection in FinOps words
        r"where (?:do|will|would|are|should) we (?:land|end up)|land(?:ing)? (?:at|by) (?:the )?(?:end|month|quarter|year)": 0.9,
    },
    "security": {
        # "anything our DPO should know about access to customer data?": reads of personal data that happened
        r"\b(?:know|worry|worried|concern\w*|anything|unusual|odd|suspicious|heads?-up) (?:\w+ ){0,3}about (?:the |any )?"
        r"access(?:es)? to (?:the |our )?(?:customer|personal|pii|sensitive|patient|employee|client) (?:data|records|info\w*|"
        r"tables?)\b": 1.0,
        # "analyst hammering crm.customers all week": a person's heavy reads of a table, from the audit log
        r"\b(?:user|analyst|contractor|someone|somebody|anyone|anybody|person|guy|admin|intern|service principal)s?\s+"
        r"(?:\w+\s+)?(?:hammer\w*|pound\w*|slamm\w*|scrap\w*|bulk[- ]read\w*|pulling\s+(?:everything|all)\s+from)\s+"
        r"(?:on\s+)?(?:the\s+)?table\b": 1.0,
        # "heavy PII reads on crm.customers": who read the sensitive data, from the audit log
        r"\b(?:pii|sensitive(?: data)?|personal data|customer data) (?:reads?|access(?:es)?|lookups?|queries|pulls?|"
        r"downloads?|exports?)\b|\breads? (?:of|on|from) (?:the )?(?:pii|sensitive)\b": 1.0,
        # "user@company.com was active between 02:00 and 04:00 yesterday": what a person did, from the audit log
        r"\b(?:user|principal|account|admin|contractor|analyst)s?\s+(?:was|were|has been|had been|is|been)\s+(?:\w+\s+)?"
        r"(?:active|logged in|signed in|online)\s+(?:between|from|during|at|around|overnight|late|after hours|in the night)\b": 1.0,
        # "did it ever get in successfully?" after failed logins: a login that worked
        r"\b(?:get|got|gets|getting|make it|made it) in (?:\w+ )?(?:succes+ful+y|at all|eventually|in the end)\b|"
        r"\bsucces+ful+(?:ly)? (?:log ?ins?|logins?|sign[- ]?ins?|logged in|signed in|auth\w*)\b|"
        r"\b(?:log|logged|sign|signed) ?in succes+ful+y\b": 1.0,
        # "analyst@ hitting crm.customers a lot this wk - how many reads, normal?": how heavily a table is read, by whom
        r"\bhow many (?:\w+ )?(?:reads|accesses|lookups)\b|\b(?:hitting|hammering|pounding|reading|querying|pulling from|"
        r"accessing) (?:the |that |this |our )?(?:[\w.-]+ )?table (?:a lot|heavily|hard|so much|that much|constantly|nonstop|"
        r"all day)\b": 1.0,
        # "exact timestamp admin granted SELECT on X": when a grant was made is an audit-log event
        r"\b(?:exact |precise )?(?:timestamp|time|date|moment|when)\b(?: exactly)? (?:\w+ ){0,3}?(?:granted|gave|revoked|"
        r"changed (?:the )?(?:permissions?|grants?|access))\b": 1.0,
        # "any sev-high detections today?", "does it smell like bulk exfil?": a SOC's words for alerts and data theft
        r"\bexfil\b|(?<!anomaly )(?<!anomalies )(?<!drift )(?<!outlier )(?<!fraud )(?<!change )\bdetections\b|"
        r"\b(?:sev|severity)[- ]?(?:high|crit\w*|1)\b (?:\w+ )?(?:detections?|alerts?|events?|findings?|hits?)\b": 1.0,
        # "itemise every action user@ performed between 02:00 and 04:00": that person's audit trail
        r"\b(?:every|each|all(?: the)?) (?:actions?|things?|events?|commands?|activit(?:y|ies)|operations?)\s+(?:that\s+)?(?:\S+\s+)?"
        r"(?:performed|did|ran|executed|took|carried out|made)\b": 1.0,
        # "is our customers' private information safe?": the protection of personal data
        r"\b(?:customers?'?|personal|private|sensitive|confidential) (?:data|information|info|records)(?:'s)? (?:is |are )?"
        r"(?:really |actually |still )?(?:safe|secure|protected|exposed|at risk)\b": 1.0,
        # "the analyst keeps opening the customers table over and over": repeated reads of one table
        r"\bkeeps? (?:on )?(?:opening|reading|querying|accessing|pulling|hitting|downloading|exporting|selecting from)\b|"
        r"\b(?:opening|reading|querying|accessing|pulling|hitting|downloading) (?:[\w.]+ ){0,4}(?:over and over|again and again|"
        r"repeatedly|non-?stop)\b": 1.0,
        # "the board wants one slide on 'are we safe'": the security posture in a board's words
        r"\bare we (?:safe|secure|protected|exposed|at risk|hackable)\b|\bhow (?:safe|secure) (?:are we|is (?:the|our) "
        r"(?:platform|account|data|estate))\b": 0.9,
        # "are we leaking money or data anywhere?", "any data exfiltration?": data leaving, in plain words
        r"\bleak\w* (?:\w+ (?:or|and) )?(?:any |our |the |some |customer |personal |sensitive )*(?:data|pii|secrets?|credentials?)\b|"
        r"\bdata (?:leaks?|leakage|exfiltration|breach(?:es)?)\b|\bexfiltrat\w*": 1.0,
        # "who's running it and how often? that table is PII": reads of a sensitive table, by whom
        r"\b(?:that|the|this) table (?:is|holds|has|contains) (?:\w+ )?(?:pii|sensitive|personal|confidential)\b": 1.0,
        # "is it bad that admin@ gave the contractors group SELECT on the customers table?": a grant someone made
        r"\b(?:gave|give|given|giving) (?:the )?(?!me\b|us\b|you\b)(?:[\w-]+ ){1,3}(?:select|modify|read|write|all privileges|"
        r"access)\b": 1.0,
        # "any staff accounts doing stuff in the middle of the night?": people active at night
        r"\b(?:accounts?|users?|people|staff|employees|someone|anyone|anybody|humans?)\b.{0,30}\b(?:doing|active|logg\w* in|"
        r"working|on the platform)\b.{0,30}\b(?:middle of the night|at night|overnight|after hours|in the small hours)\b": 1.0,
        # "has that grant been exercised since? did any member of that group actually query the table?"
        r"\bgrant (?:been |was |has been )?(?:exercised|used)\b|\b(?:any|a) (?:member|one|user|person)s? (?:of|from|in) "
        r"(?:that|the|this) group\b.{0,30}\b(?:query|queried|read|access\w*|use|used|touch\w*)\b": 1.0,
        # "that grant on the customers table: who issued it and when?": its author, in the audit log
        r"\bwho (?:issued|made|created|added|approved|put in|snuck in|sneaked in) (?:it|that|this|them|the grant)\b|"
        r"\b(?:someone|somebody) (?:snuck|sneaked|slipped|slid) (?:it |that |this )?in\b": 1.0,
        # "who's hammering the crm customers tbl?": who reads a table heavily
        r"\bwho(?:'s| is| are| has been| have been)?\s+(?:been\s+)?(?:hammering|hitting|pounding|reading|querying|scanning)\s+"
        r"(?:the\s+|that\s+|this\s+|our\s+)?(?:[\w.-]+\s+){0,3}?tables?\b": 1.0,
        # "the list of the reads of the customers table last week: user and number of reads": who read it, how often
        r"\b(?:list|log|history|record|overview)s? of (?:(?:of )?the )?(?:reads|accesses|access events)\b|\bnumber of (?:reads|"
        r"accesses)\b": 1.0,
        # "has the contractors group touched any other tables?": what a principal actually read, in the audit log
        r"\b(?:has|have|did) (?:the |that |this )?(?:[\w-]+ ){0,2}(?:group|user|team|account|principal|service principal|"
        r"they|he|she) (?:\w+ )?(?:touched|accessed|read|queried|opened|used)\b": 1.0,
        # "were they messing with the pipeline tables?": someone tampering with things, in the audit log
        r"\b(?:mess(?:ing|ed)? (?:around )?with|tamper\w* with|fiddl\w* with|poking (?:around )?(?:at|in)|tinker\w* with|"
        r"meddl\w* with)\b": 0.9,
        # "wk summary pls - whats broken, whats expensive, whats risky": the risks are security's
        r"\bwhat(?:'?s| is| looks)? (?:most |the most )?risky\b|\b(?:any|biggest|top|main) (?:security )?risks?\b(?! (?:of|to|that|if|in "
        r"(?:the |our )?(?:budget|forecast|plan|migration|release)))": 1.0,
        # "wie heeft de afgelopen week het vaakst de klantentabel gelezen?": who read it, the verb last (Dutch, German)
        r"\bwho (?:has|have|had) (?!(?:\w+ )?(?:access|permissions?|rights|grants?|privileges?)\b)(?:[\w.@-]+\s+){2,12}?"
        r"(?:read|queried|accessed|opened)\s*[?.!]*\s*$": 1.0,
        # "whether any customer data was exposed", "the repeated reading of the customer table by one analyst"
        r"\b(?:customer|personal|sensitive|pii|private) (?:data|records|info\w*) (?:was |were |got |been |has been |have been )?"
        r"(?:exposed|leaked|exfiltrated|compromised)\b|\brepeated (?:reads?|reading|access\w*|quer\w*|downloads?)\b": 1.0,
        # "which principals performed GRANT operations in the last 30 days": the grant events and who ran them
        r"\b(?:perform\w*|ran|run|runs|running|did|do|does|made|make|execut\w*|issu\w*|carr\w* out)\s+(?:any\s+|the\s+)?"
        r"(?:grant|revoke)s?\s+(?:operations?|statements?|commands?|actions?|events?)\b": 1.0,
        # "people getting into things they shouldn't": access beyond what is allowed
        r"\b(?:getting|get|got|going|went) (?:into|at|to) (?:things|stuff|data|places|tables) (?:they|he|she|people) "
        r"(?:shouldn'?t|should not|aren'?t (?:allowed|supposed) to)\b": 1.0,
        # "is anyone using the system at weird times, like when everybody should be asleep?": after-hours activity
        # ("hourly_ingest keeps paging me at weird hours": the asker's pager, not someone's activity)
        r"\b(?:using|use|uses|logg\w* (?:in|on)|log(?:s|ging)? (?:in|on)|active|accessing|access\w*|online|querying|reading|"
        r"on (?:the )?(?:system|platform|account))\b.{0,30}\b(?:at|during|in) (?:odd|strange|weird|unusual|ungodly|funny|"
        r"crazy) (?:hours|times)\b|\bwhen (?:everybody|everyone|people|we|nobody|no ?one)(?:'s| is| are| should be| would be)? "
        r"(?:asleep|sleeping|in bed|offline|at home)\b": 1.0,
        # "anything dangerous today? hacking, leaked passwords": threats in plain words
        r"\bdangerous\b|\bhack(?:ed|ing|ers?)?\b|\bleak(?:ed|s)? (?:passwords?|credentials?|keys?|tokens?|secrets?)\b": 0.9,
        # "the top 5 risks to put in front of the CISO": the security officer's risks
        r"\b(?:ciso|cso|chief (?:information )?security officer|security officer|soc team|security team)\b": 0.8,
        # "how many ppl actually use the platform": the people seen using it (the principals in the audit log)
        PEOPLE_USING: 1.0,
        # "grouped by user, with the number of accesses per user": access events counted, not the grants
        r"\bnumber of (?:accesses|reads|queries|logins|access events)\b|\b(?:accesses|reads|access events) (?:per|by) "
        r"(?:user|person|principal|account)\b": 1.0,
        # "any queries from them yet?" (of a group just granted access): what that principal did
        r"\b(?:queries|reads|access|activity|logins?) (?:from|by) (?:them|those|that group|the group|him|her|that user|"
        r"that account|group)\b": 0.9,
        # "were the grants on the customers table changed lately?": access changes, in the audit log
        r"\b(?:permissions?|grants?|privileges?|acls?|rights)\b.{0,60}\b(?:been )?(?:changed|modified|altered|edited|updated)\b": 1.0,
        # "did admin give access to someone lately?": a grant made, an audit event
        r"\b(?:gave|given|handed|granted) (?:out )?(?:\w+ )?(?:grants?|rights|permissions?|access|privileges?) to\b": 0.8,
        # "who CAN read it vs who actually DID": the reads that happened, beside the grants
        r"\bwho (?:actually|really|in fact) (?:did|does|do)\b": 0.8,
        # "is it normal that my reports hit main.crm.customers that often?": how often a table is read, by whom
        r"\b(?:hit|hits|hitting|query|queries|querying|queried|read|reads|reading|touch\w*|pull\w*|access\w*) "
        r"(?:the |that |this |our )?(?:[\w.-]+ ){1,2}(?:that|so|this) (?:often|much|frequently|many times)\b": 0.8,
        # "every permission change (GRANT / REVOKE) with who did it and when": the audit trail of access changes
        r"\bpermission changes?\b|\b(?:chang|modif|alter|edit)\w* (?:any |the |some |their |its |those |his |her )?(?:permissions?|privileges?|acls?)\b|\bgrants? ?(?:/|and|or|&) ?revokes?\b|\bwho did it and when\b": 1.0,
        # "the top readers of PII-tagged tables": who read sensitive data, not who may
        r"\breaders? of (?:the |our |any )?(?:[\w-]+ ){0,2}?(?:pii|sensitive|personal|customer|confidential)(?:-\w+)?": 1.0,
        # "... and what was the user doing": a person's activity
        r"\bwhat (?:was|were|is|are|has|have) (?:the |that |this )?(?:user|person|guy|account|principal|she|he|they|people) "
        r"(?:\w+ )?(?:doing|been doing|up to|been up to)\b|\bwhat (?:did|does|do|has|have) (?:they|he|she|that person|the person|"
        r"the user|that user|this person|the guy|that guy|them) (?:\w+ )?(?:run|ran|execute|executed|query|queried|do|done|touch|"
        r"touched)\b|"
        # "show me what that user was doing": the same, asked as an embedded question
        r"\bwhat (?:the |that |this )?(?:user|person|guy|account|principal|they|he|she|people) (?:was|were|is|are|has been|"
        r"have been|had been) (?:doing|up to)\b": 1.0,
        # "every grant admin@ made this week", "privileges she handed out": changes in the audit trail, by their actor
        r"\b(?:grants?|privileges?|permissions?)\b(?:\s+\S+){0,3}\s+(?:made|handed out|gave|issued|granted|given out)\b|"
        r"\b(?:handed|gave|given|giving) out (?:\w+ ){0,2}(?:grants?|privileges?|permissions?|access)\b": 1.0,
        # "is that the same person who keeps opening the customers table?": who reads a table
        r"(?<!\bcan )(?<!\bcould )(?<!\bmay )\b(?:who|whoever|person|someone|somebody|anyone|anybody|user|people|they|he|she)\b"
        r"(?:(?!\b(?:can|could|may|able|allowed|permitted|entitled)\b).){0,25}\b(?:keeps? |kept |has been |have been |"
        r"is |was |were )?(?:open(?:s|ed|ing)?|read(?:s|ing)?|quer(?:y|ies|ied|ying)|access(?:es|ed|ing)?|pull(?:s|ed|ing)?|"
        r"hit(?:s|ting)?|touch(?:es|ed|ing)?)\b.{0,25}\b(?:tables?|datasets?)\b": 1.0,
        r"log ?ins?|logged in|sign[- ]?ins?|signed (?:in|on)\b|last (?:signed|logged|sign|log)[- ]?(?:in|on)\b": 0.9, r"auth\w*|401s?|403s?|mfa|password\w*": 0.8,
        # "pull the audit trail for the contractors grant": the events themselves, whatever they are about
        r"\baudit (?:trail|history|events?|records?)\b": 1.0,
        # "who ran querys on crm.customers saturday nite": who read a table (the audit log), not how fast
        r"\bwho (?:\w+ )?(?:ran|run|runs|running|fired|issued|executed|did) (?:any |the )?quer(?:y|ys|ies) "
        r"(?:on|against|over|from|in|of) (?:the )?(?:[\w-]+ )?(?:tables?|views?|datasets?|<table>|\w+\.\w+)": 1.0,
        # "our audit sample is drawn from it": what the audit uses, not the audit log
        r"(?<!before the )(?<!for the )(?<!ahead of the )(?<!before our )(?<!for our )(?<!ahead of our )(?<!for an )"
        r"audit\w*(?! (?:sample|samples|report|reports|binder|pack|deck|season|prep|team|committee|deadline|evidence|"
        r"items?|points?|sections?|controls?|requirements?|scope|questions?|refs?|(?:item|point|section|control) \d|"
        r"findings?|workpapers?|folder|request|requests|population|scope|period|fieldwork|war room|room|meeting|"
        r"call)\b)": 0.7, r"pii|sensitive|personal (?:info\w*|data)|confidential": 0.6, r"(access|accessed|read|looked at)": 0.3,
        r"tokens?|pats?": 0.8, r"denied|unauthori[sz]ed|forbidden": 0.9, r"after[- ]?h(?:ou)?rs|off[- ]h(?:ou)?rs": 1.0,
        r"outside (normal )?(working|business) hours|(?<!it )(?<!them )(?<!down )(?<!off )(?<!esp\. )(?<!especially )(?<!mostly )(?<!load )(?<!cost )(?<!spend )(?<!costs )(?<!bill )at night(?!,? when (?:\w+ )?(?:nobody|no ?one|nothing))|[0-9]+ ?am": 0.8,
        r"threats?|suspicious|sketchy|shady|fishy|dodgy|intrusion|brute force|hack\w*|(?:data|security) breach\w*|"
        # (not "any budget that is likely to be breached": a limit overrun, not an intrusion)
        r"(?<!budget )(?<!budgets )(?<!limit )(?<!sla )(?<!threshold )(?<!quota )(?<!cap )"
        r"(?<!be )(?<!been )(?<!get )(?<!gets )(?<!being )breached|breach of(?! (?:the |its |our |a )?(?:budget|sla|limit|"
        r"threshold|quota|cap|target|slo)s?\b)|compromis\w*|"
        r"exfiltrat\w*": 0.9, r"(?<!budget )(?<!sla )(?<!slo )breach(es)?(?! (?:of )?(?:the |its |our |a )?(?:budget|sla|slo|"
        r"limit|threshold|quota|cap|target)s?\b)": 0.5,
        # "who actually read them": use of access, not the permission to (governance)
        # (not "too long given how it's actually used": how a cluster is used, not who read what)
        r"(?<!can )(?<!could )(?<!may )(?<!how it's )(?<!how its )(?<!how it is )(?<!how they're )(?<!how they are )"
        # (nor "given how little it actually gets used": how much a thing is used)
        r"(?<!little it )(?<!much it )(?<!often it )(?<!rarely it )(?<!seldom it )(?<!little they )(?<!often they )"
        r"(?:actually|really|in fact|truly|ever) (?:\w+ ){0,2}(?:read|accessed|queried|opened|"
        r"used|looked at|touched|"
        r"pull\w*)(?!\s+(?:(?:its|their) (?:data |rows )?)?from\b)": 1.0,
        r"pull\w* (?:\w+ ){0,2}(?:customer|pii|personal|sensitive|private) (?:data|records|rows|info\w*)|"
        r"no business (?:seeing|accessing|reading|looking)|should ?n[o']t (?:have )?(?:seen|accessed|read|looked at)|snoop\w*|"
        r"(?:pull\w*|read\w*|query\w*|select\w*) from (?:the |that |our )?(?:\w+ ){0,2}(?:pii|customer|sensitive|personal)|"
        r"more than (?:they |he |she |anyone )?(?:ought to|should|needs? to)": 1.0,
        # "keeps hitting the PII customer table", "been pulling from them a lot"
        r"(?<!nobody )(?<!no one )(?<!noone )(?:keeps?|kept|been|is|are) (?:hitting|hammering|reading|querying|"
        # ("are the existing ones pulling their weight": worth what they cost, an idiom)
        r"pulling(?! (?:the |that |this |our )?(?:\w+ )?(?:numbers?|figures?|totals?|averages?|bill|spend|costs?|rates?|"
        r"scores?|trend) (?:up|down))(?! (?:their|its|his|her|our|your|my) (?:own )?weight)|accessing)|(?:hit|hits|hitting|"
        r"hammer\w*) (?:the |that |our |those )?(?:\w+ ){0,2}(?:pii|customer|sensitive|personal)\w*": 1.0,
        # "anyone pulling from it unusually often?": reads of the thing the conversation is on, more than usual
        r"\b(?:reading|querying|pulling from|accessing|hitting|reads|queries|pulls from|accesses)\s+(?:it|that|them|those|this)\s+"
        r"(?:unusually|suspiciously|abnormally|weirdly|oddly|way too|far too|too)\s+(?:often|much|many times|frequently)\b": 1.0,
        # "is this same person also reading the customer table a lot": use of access, said of a person
        r"\b(?:also|still|again|been) (?:reading|accessing|querying|pulling)\b|\breading (?:\w+ ){0,4}(?:a lot|heavily|"
        r"so much|constantly|all the time)": 1.0,
        # "block it at the firewall": a defence against an address or an account
        r"firewall\w*|block\w* (?:it|that|this|them|those|the (?:ip|address|user|account)s?)\b|block ?list\w*|"
        r"deny ?list\w*|allow ?list\w*|ip (?:ban|block)\w*": 1.0,
        r"security|secure": 0.9, r"principals?|service principal": 0.6, r"risky|anomalous user": 0.6,
        r"who (did|does|has done)|what (else )?(has|did) .{0,30} (do|done)": 0.4,
        r"severity|alerts?": 0.3, r"(?:hi|high)[- ]?sev\w*|sev[- ]?[12]\b": 0.8,
        r"who (?:last |most recently |recently |just |actually |originally )?(?:changed|altered|modified|dropped|deleted|"
        r"renamed|disabled|enabled|edited|reconfigured|touched)": 0.9,
        # "who gave the contractors access, and when": an action in the audit log, not only today's grants
        r"(?:who|someone|somebody|anyone|anybody) (?:actually |really |exactly |even )?(?:gave|give|gives|granted|grant|grants|"
        r"added|issued|handed) (?:\w+ ){0,5}"
        r"(?:access|permissions?|rights|grants?|"
        r"select|modify)": 1.0,
        r"(?:did|has|have) (?:anyone|anybody|someone|somebody) (?:\w+ )?(?:read|access|quer|look|log)\w*|"
        r"(?:did|has|have) (?:anyone|anybody|someone|somebody) (?:\w+ )?(?:change|modif|touch|alter|grant|disabl)\w* "
        r"(?:\w+ ){0,2}(?:permissions?|settings?|config\w*|grants?|access|roles?|passwords?|tokens?)|"
        r"been (?:reading|accessing|querying|looking at|poking)|"
        r"(?:unusual|odd|strange|weird|suspicious|unexpected) (?:\w+ )?(?:read|access|quer|login|activit)\w*|"
        r"anyone unusual|pull\w* (?!(?:its|their) )(?:\w+ )?(?:rows|data|records) (?:out|from)|(?:export|download|dump)\w* (?:\w+ )?"
        r"(?:rows|data|records|tables?)": 0.9,
        # "who is reading the customers table so often": use of access, as it happens
        # ("which workspace is pulling the number up": a figure raised, not data read)
        r"(?:who(?:'s| is| are)|is anyone|is somebody|are people) (?:\w+ ){0,2}(?:reading|accessing|querying|"
        r"pulling(?! (?:the |that |this |our )?(?:\w+ )?(?:numbers?|figures?|totals?|averages?|bill|spend|costs?|rates?|"
        r"scores?|trend) (?:up|down))|hitting|downloading|exporting)": 1.0,
        r"access anomal\w*|anomalous (?:access|logins?|activity|reads?)|unusual access|"
        # "who granted contractors read on it?", "what was granted and by whom": the grant event in the audit log
        r"\bwho (?:granted|gave|issued|handed out|approved|signed off|sanctioned|authori[sz]ed|okay?e?d|green-?lit)\b|\bgranted (?:\w+ ){0,3}by whom\b|\bby whom\b|\bby who\b(?=\s*(?:[?.!,;]|$))|"
        # "when was the contractors grant added": the moment of the grant event, in the audit log
        r"\bwhen (?:was|were|did|had) (?:the |that |this |those |these )?(?:[\w.@-]+ ){0,3}(?:grants?|permissions?|privileges?|"
        r"access|rights) (?:get |got |first )?(?:added|created|made|given|issued|put in|set up|granted|handed out)\b|"
        # "exact timestamp of admin@ granting SELECT on it": the moment of the event, in the audit log
        r"\b(?:timestamp|time|date|moment|when exactly)\b (?:of|that|when) (?:\S+ )?(?:grant\w*|revok\w*|gave|giving|"
        r"chang\w* (?:the )?(?:grants?|permissions?))|\bexact (?:time|timestamp|date) (?:of|that|when)\b": 1.0,
        # "is someone mining crypto on our dime?": compute hijacked, a security incident before a cost one
        r"\bcrypto ?(?:currency )?min(?:ing|ers?)\b|\bmining (?:crypto|bitcoin|monero|coins?)\b|\bcryptojack\w*": 1.0,
        # "someone granted stuff on crm.customers recently?": that it happened, and who did it
        r"\b(?:someone|somebody|anyone|anybody|did (?:someone|somebody|anyone|anybody)) (?:\w+ )?(?:grant|granted|gave|handed|"
        r"revoked|changed (?:the )?(?:grants?|permissions?))\b|"
        r"\bhand\w* out (?:\w+ ){0,3}(?:grants?|access|permissions?)\b": 1.0,
        # "the contractors grant - was that approved?": whether a change went through approval (who made it, when)
        r"(?:was|were|is) (?:that|it|this|the (?:grant|change|access)) (?:\w+ )?(?:approved|authori[sz]ed|signed off|"
        r"sanctioned|sanctioned)\b": 1.0,
        # a pasted "GRANT SELECT ON TABLE x TO y" and "who ran it": the statement's author is in the audit log
        r"\b(?:grant|revoke) [\w ,]{1,40}? on\s+(?:(?:table|schema|catalog)\s+)?\S+\s+(?:to|from) .{0,120}?\bwho (?:ran|executed|issued|"
        r"did|submitted|made|typed)\b|\bwho (?:ran|executed|issued|submitted|made) (?:it|that|this)\b.{0,200}?\b(?:grant|revoke) "
        r"[\w ,]{1,40}? on\s+(?:(?:table|schema|catalog)\s+)?\S+\s+(?:to|from)\b": 1.0,
        # "did anyone ALTER the raw table before the load broke?": who did it is in the audit log
        r"(?:did|has|have) (?:anyone|anybody|someone|somebody) (?:\w+ )?(?:alter|modif|drop|renam|delet|truncat)\w*": 1.0,
        # "who has read main.crm.customers this week": reads that happened (the audit log), not who may read
        r"\bwho(?: has| have| had)? (?:been )?(?:read(?!\s+(?:access|permissions?|rights|privileges?))|queried|accessed|"
        r"opened|touched|pulled from|looked at)\b": 1.0,
    },
    "performance": {
        # "how hard is prod-etl-cluster being pushed?", "how close to the limit is our busiest cluster?": its load
        r"\bhow hard (?:is|are|was|were) (?:[\w-]+ ){1,3}(?:being )?(?:pushed|worked|hit|loaded|running)\b|"
        r"\b(?:close|near) to (?:the |its |their |our )?(?:limit|capacity|max\w*|ceiling)\b|"
        r"\bbusiest (?:cluster|warehouse|node|machine)s?\b": 1.0,
        # "could bad data explain yesterday's ETL failure?": a run that failed, named as such
        r"\b(?:etl|job|pipeline|load|ingest|batch|nightly|training)(?:'s)? (?:run )?failures?\b": 1.0,
        # "why do our reports on bi-warehouse take forever today? who is blocking everything?": slow work, its blocker
        r"\b(?:take|takes|taking|took)\b.{0,60}\bforever\b|\bwho(?:'s| is| was) (?:blocking|hogging|clogging)\b": 0.9,
        # "does anyone actually hammer it during the day?": load on the thing the conversation is about
        r"\b(?:hammer\w*|pound\w*|load\w*|us(?:e|es|ing))\s+(?:it|them|the warehouse|the cluster)\s+(?:hard\s+|much\s+|a lot\s+)?"
        r"(?:during|in|over|throughout)\s+the\s+(?:day|night|week|business hours|daytime|working day)\b": 1.0,
        # "is nightly_etl the reason orders_gold is stale?": a job's runs as the suspected cause (masked to its kind)
        r"\b(?:is|was) (?:the |that |this )?(?:[\w-]+ )?job (?:really |actually )?(?:the|a) (?:reason|cause|culprit|problem)\b|"
        r"\bjob\s+(?:is |was )?(?:to blame|responsible for)\b": 1.0,
        # "is the production cluster maxing out?": its load at the limit
        r"\bmax(?:es|ing)? out\b": 1.0,
        # "autoscaling on prod clusters - are we hitting max workers a lot?": clusters at their autoscaling ceiling
        r"\b(?:hitting|hit|hits|reaching|reached|reach|maxing out|maxed out|at|pinned at|stuck at) (?:the |its |their )?"
        r"max(?:imum)? (?:number of )?(?:workers|nodes|executors|cluster size)\b|\bautoscal\w* (?:to|at|up to) (?:the |its |their )?"
        r"(?:max\w*|ceiling|limit|cap)\b": 1.0,
        # "is it going to happen again tonight?" of a failed nightly run: whether the next run is at risk
        # (the night's word may be read off as the window: "is it going to happen again" stays)
        r"\b(?:is it|will it|is this|could it|might it|would it) (?:\w+ )?(?:going to |gonna |likely to |about to )?"
        r"(?:happen|fail|break|crash)\w* again\b": 0.8,
        # "how much does it cost and how often does it fail?", "how often do they break": how often its runs fail
        r"\bhow (?:often|many times|frequently) (?:does|do|did|has|have|is|are) (?:it|they|this|that|those|these|the job|"
        r"the pipeline|the workflow|the run) (?:\w+ )?(?:fail\w*|break\w*|broken|crash\w*|die|died|error\w*)\b": 1.0,
        # "did any of our critical data processing break this week?", "any failure in the critical data processes?"
        r"\b(?:processing|processes|workloads?|batch (?:jobs?|runs?|loads?))\b (?:\w+ )?(?:break|broke|broken|fail\w*|crash\w*|"
        r"die|died|error\w*|go down|went down)\b|\b(?:failures?|fail\w*|breaks?|breakage|crash\w*|errors?) (?:in|of|on|with) "
        r"(?:the |our |any )?(?:\w+ ){0,3}(?:processes|processing|workloads?)\b": 1.0,
        # "is the prod-etl-cluster too small?", "big enough for next quarter's load": capacity against the load
        r"\b(?:too small|undersized|under-?provisioned|not big enough|big enough|too weak|struggling to keep up)\b": 1.0,
        # "what did ml_training cost, and is it even succeeding?", "or is it just failing?": its runs' outcome
        r"\b(?:is|are) (?:it|they|that|those) (?:just |even |still |actually |really )?(?:succeed(?:ing|ed)?|passing|failing|"
        r"crashing|erroring|completing|finishing)\b|\brun (?:anything|something|stuff) (?:heavy|big|huge|expensive|long)\b": 1.0,
        # "did anything stop working?": runs that failed, in plain words
        r"\b(?:stop(?:ped|s)?|quit|ceased?) (?:working|running)\b": 1.0,
        # "how heavily is bi-warehouse used?": its load
        r"\bhow (?:heavily|intensively|busy|hard) (?:is|are|was|were) (?:\S+ ){0,3}(?:being )?(?:used|loaded|hit|worked)\b": 0.9,
        # "did the nightly load land?": whether the job that loads it finished (its data arriving is quality's)
        r"\b(?:did|has|have|is|was) (?:the |our |my |today'?s |yesterday'?s )?(?:\w+ )?(?:load|batch|extract|refresh|ingest|"
        r"etl|import)s? (?:actually |already |finally |even )?(?:land|landed|finish|finished|complete|completed|done)\b": 1.0,
        # "did it even work?", "did they at least run?": whether the runs succeeded
        r"\b(?:is|are|was|were) (?:the |its |their )?(?:\w+ ){0,3}?(?:workload|job|jobs|runs?|pipeline|training|load)s? "
        r"(?:behind (?:it|that|this|them|the)(?: \w+)? )?(?:actually |even |still |really )?(?:succeed(?:ing|ed)?|working|passing)\b": 1.0,
        r"(?<!what )(?<!which )\bdid (?:it|they|that|those|these|the (?:job|jobs|run|runs|pipeline|training|load|refresh)) (?:even |actually |at least |"
        # ("what metrics did that run log?": the run said as a noun, then what it did)
        r"really |finally )?(?:work|run|succeed|finish|complete|pass)\b(?! (?:log|produce|write|record|use|take|show|return|output|"
        r"report|cost|save|store|emit|generate|track|read)\w*\b)": 1.0,
        # "is prod-etl-cluster saturated?", "is the warehouse maxed out": a resource at its limit
        r"\bsaturat\w*\b|\bmaxed[- ]out\b|\bpegged\b|"
        # "the cluster was pinned all night": its CPU at the limit
        r"\b(?:clusters?|cpus?|nodes?|drivers?|warehouses?|it|they|was|were) (?:\w+ )?pinned\b(?! (?:messages?|posts?|tabs?|"
        r"versions?|dependenc\w*|packages?|to (?:the |a )?(?:top|version)))|\b(?:running |is |are )at (?:full )?capacity\b|\bcpu[- ]bound\b": 1.0,
        # "someone ran select * on a 3TB model this morning": a heavy query, quoted
        r"\bselect \*|\b(?:ran|run|running|fired off|kicked off) (?:a |an |some )?(?:huge |massive |big |full )?(?:select|scan|"
        r"full scan|cross join)\b": 0.9,
        # "at what hours of the day do we have the most load on the SQL warehouses?": load by hour (capacity planning)
        r"\b(?:the )?(?:most|peak|highest|heaviest) (?:load|traffic|concurrency|queu\w*)\b|\bpeak (?:hours?|times?|load|"
        r"concurrency)\b|\bbusiest (?:hours?|times?|time of day|part of the day)\b": 1.0,
        # "etl dead?": a job or a load that failed, in one word
        r"\b(?:etl|jobs?|pipelines?|loads?|ingests?|runs?|batch|loaders?)\s+(?:is |are |looks? |seems? )?(?:dead|died|borked|"
        r"kaput|toast|hosed)\b": 1.0,
        # "is the job that trains our big models healthy?": a job, said by what it does
        r"\b(?:the |our |that )?(?:job|pipeline|workflow|task)s? (?:that|which) (?:\w+ )?(?:trains?|retrains?|builds?|loads?|"
        r"refresh\w*|scores?|feeds?|fills?|writes?)\b": 1.0,
        # "why is it stale - what broke upstream of it?": the failed run upstream that left it behind
        r"\b(?:what|which \w+|something|anything) (?:broke|failed|crashed|went wrong|errored|died)\b[^.?!]{0,12}\bupstream\b": 1.0,
        # "was the nightly_etl failure caused by an upstream change?": why a run failed
        r"\b(?:failure|crash|failed run)s?\s+(?:was\s+|were\s+)?(?:caused|triggered)\s+by\b|\bcaused (?:the |that |this )?"
        r"(?:[\w-]+\s+)?(?:failure|crash)\b": 1.0,
        # "sat above 90% CPU for hours": a compute's load, by its figure
        r"\b(?:above|over|at|near|pegged at|maxed at|hit|hitting|around) \d{2,3} ?% (?:cpu|memory|mem|ram|utili[sz]ation|load)\b|"
        r"\b(?:cpu|memory|utili[sz]ation) (?:was |is |at |above |over |of |near )*\d{2,3} ?%": 1.0,
        # "who ran it" then "how much data": what the query read
        r"\bhow much data\b(?! (?:(?:do|did|does|is|was|are|were) (?:we|they|it|you) )?(?:store|stored|storing|keep|kept|have|"
        r"retain\w*|hold|own|lose|lost))": 1.0,
        # "did last night's sales data refresh actually go through?", "the monster query", "any slowdown overnight"
        r"\b(?:refresh|load|run|job|etl|sync|ingest|import|export|batch)\w* (?:\w+ )?(?:go|went|gone|get|got) through\b|"
        r"\b(?:monster|huge|giant|massive|runaway|killer|largest|biggest|heaviest) (?:quer(?:y|ies)|scans?)\b|"
        r"\b\d+(?:\.\d+)? ?(?:tb|gb|pb|terabytes?|gigabytes?) (?:quer(?:y|ies)|scans?)\b|\bslow-?downs?\b": 1.0,
        # "did the payments job pass this morning?": whether a run succeeded
        r"\b(?:did|has|have|does) (?:the |that |it |this |our )?(?:[\w-]+ )?(?:job|run|pipeline|workflow|load|etl)s? "
        r"(?:pass|succeed|go green|finish|complete)\w*\b": 1.0,
        # "is nightly_etl green now or still red?": a job's status light (masked to its kind)
        r"\b(?:is|are|was|were)\s+(?:the\s+|that\s+|it\s+|this\s+|our\s+)?(?:[\w-]+\s+)?(?:job|run|pipeline|workflow|load|etl|dag)s?"
        r"\s+(?:\w+\s+)?(?:green|red|passing|failing)\b|\b(?:green|red)\s+(?:\w+\s+)?or\s+(?:still\s+)?(?:red|green)\b": 1.0,
        # "our overnight data refresh broke yesterday": a run that broke
        r"\b(?:refresh|reload|load|etl|sync|ingest\w*|import|batch|pipeline|workflow|dag)s?\s+(?:\w+\s+)?(?:broke|broken|crashed|"
        r"died|blew up|bombed|fell over|errored)\b": 1.0,
        # "bi-warehouse bill looks fat" then "who's hammering it": who loads the compute
        r"\bwho(?:'s| is| are| has been| have been)? (?:been )?(?:hammering|pounding|thrashing|hogging|maxing out|flooding) "
        r"(?:it|that|this|them|the (?:warehouse|cluster|endpoint)s?)\b": 1.0,
        # "were any jobs failing around the time of the 401s?": job failures, set beside another event
        r"\b(?:were|was|are|is) (?:any |the |our )?(?:jobs?|runs?|pipelines?) (?:\w+ )?(?:failing|failed|erroring|broken)\b": 1.0,
        # "one of the production computers was overloaded yesterday, running at the limit for hours": a cluster's load
        r"\boverload(?:ed|ing)?\b|\b(?:running|working|ran|run) (?:at|near) (?:the |its |full )?(?:limit|capacity|max(?:imum)?)\b|"
        r"\bmaxed out\b|\bpegged\b": 0.9,
        # "what exactly was the error?": a run's failure message
        r"\bwhat (?:exactly |actually )?(?:was|is|were) the (?:actual |exact |real )?(?:error|errors|error message|error msg|"
        r"failure reason|exception|stack ?trace)\b": 0.9,
        # "vs a job cluster": a kind of compute, not a job's runs
        # "vs a job cluster": a kind of compute; "<job> running on all-purpose compute": the compute it runs on, not its runs
        # ("is that normal for their job": a person's occupation, not a Databricks job)
        r"(?<!for their )(?<!for his )(?<!for her )(?<!of their )(?<!of his )(?<!of her )(?<!part of the )jobs?(?![ -](?:clusters?|compute))(?!\s+(?:jobs?\s+)?(?:runs?|running|ran|is running|is on|sits? on|on)\s+(?:on\s+)?"
        r"(?:an?\s+|the\s+|our\s+)?(?:[\w-]+\s+){0,2}?(?:all[- ]?purpose|interactive|shared|jobs?\s+(?:compute|clusters?)|"
        r"serverless|classic|spot|photon|gpu|pricey|expensive|costly|cheap\w*|premium))": 0.45,
        # "runs on an all-purpose cluster" says what compute a job uses (the advisor's), not how its runs went
        r"(?:runs?|ran|running)(?! hot\b)(?! on (?:an? |the |our )?(?:[\w-]+ ){0,2}?(?:all[- ]purpose|interactive|jobs? (?:compute|clusters?)|"
        r"serverless|shared|spot|photon|gpu|classic|wrong|right|cheap\w*|expensive|pricey|costly))": 0.35,
        # "the failed logins": sign-in attempts, the security log's, not runs
        # ("... must carry a cost-center tag. Where are we failing that?": a rule not met, no run)
        NOT_OUR_FAILING + r"fail\w*(?! (?:log ?ins?|logons?|sign[- ]?ins?|auth\w*|password\w*|credentials?|mfa|2fa|(?:its |the |their |any )?"
        r"(?:freshness|quality|dq|expectations?|validations?))\b)|\bwe(?:'re| are)? fail\w*(?! (?:that|this|it|the (?:control|"
        r"policy|rule|standard|requirement|test|audit))\b)|errors?(?![- ]budgets?)|errored|erroring|oom": 0.55,
        # "the nightly thing that loads the sales data, it did not work good?": a run that failed
        r"\b(?:did|does|do|has|have|is|was)(?:n'?t| not) (?:work|run|finish|complete|succeed)\w*"
        r"(?: (?:good|well|right|properly|correctly|ok|okay))?\b|\bdid ?n[o']?t (?:work|run)\b": 0.8,
        r"\b(?:thing|process|script|load|routine)s? (?:that|which) (?:loads?|fills?|writes?|builds?|refresh\w*|"
        r"populates?)\b": 0.6,
        # "what was that person querying and how much data did it read": the statements and what they scanned
        r"\bwhat (?:was|were|is|are|has|have) (?:\w+ ){1,3}(?:been )?querying\b|\bhow much data (?:did|does|do|has|have) "
        r"(?:it|they|that|the query|the statement|he|she) (?:\w+ )?"
        r"(?:read|scan)\w*": 1.0,
        # "will tonight's run fix it by itself": the job's next run
        r"\b(?:tonight|tomorrow)'?s (?:run|load|batch|job)\b|\bthe next (?:run|scheduled run)\b|"
        r"\b(?:run|rerun|load|batch) (?:will |would |should )?(?:fix|sort|clear|recover|catch)\w* (?:it|this|that|the|itself|up)\b": 0.9,
        # "query volume growth on bi-warehouse": how many statements a warehouse runs
        r"quer(?:y|ies) (?:volume|counts?|load|growth|numbers)|(?:number|volume|count) of (?:quer(?:y|ies)|statements)|"
        r"how many (?:quer(?:y|ies)|statements)": 1.0,
        # "what do I rerun and in what order": job runs to start again
        r"\bre-?run\w*|\bre-?trigger\w*": 0.6,
        # "is ml_training still OOMing": a run dying of memory
        r"\boom(?:ing|ed|s|'?d)\b|out of (?:gpu |cuda |driver )?memory|oom[- ]?kill\w*": 1.0, r"broke|broken(?! down (?:by|per|into|for|across))|die|dies|died|dying|bomb(ed|s)?( out)?": 0.8,
        # "where exactly did it break": where the run failed (what it breaks downstream is lineage's)
        IT_BROKE: 1.0,
        # ("ml-workspace blew up overnight $$", "the bill blew up": money that jumped, not a run)
        r"crash\w*|(?<!spend )(?<!costs )(?<!cost )(?<!bill )(?<!budget )(?<!workspace )bl[eo]w(s|n)? up(?!(?: \w+){0,2} (?:spend|costs?|"
        r"bill|budget|dbus?|money|\$)(?:\W|$))|f[ae]ll(?:s|en|ing)? over|keel\w* over|breaking (?:stuff|things)": 1.0,
        r"(?:has|have|did|had) (?:\w+ ){0,3}(?:gone|go|went) through|(?:run|ran|load\w*) (?:ok|fine|successfully)": 0.9,
        r"maxed(?: out)?|pegged|at (?:the|its) limit|flat out|red[- ]?lin\w*": 0.7,
        # "should we be worried about the training job?": a job's health, asked as a worry
        r"(?:worr\w*|concern\w*|nervous|scared) (?:about|for|with) (?:the |that |this |our |those )?(?:\w+ ){0,2}"
        r"(?:jobs?|runs?|workflows?|etl|loads?|batch\w*)": 0.9,
        # "was it actually CPU-bound yesterday", "which ones are pegged": compute at its limit
        r"cpu[- ]bound|memory[- ]bound|pegged|maxed[- ]out|red[- ]?lin\w*|(?:clusters?|cpus?|nodes?|drivers?|executors?|machines?|box(?:es)?|gpus?|warehouses?)\b.{0,15}running hot": 1.0,
        # "the 18 min monster on bi-warehouse this morning": a long-running query or run, by its duration
        r"\b\d+(?:\.\d+)?\s*(?:-\s*)?(?:min(?:ute)?s?|hours?|hrs?|h)\s+(?:monster|beast|query|queries|one|thing|run|"
        r"statement|select|scan)\b": 1.0,
        # "who's running the heavy stuff on it": the heaviest queries and who runs them
        r"who(?:'s| is| are)? (?:running|firing|submitting|kicking off|launching|hammering \w+ with) (?:\w+ ){0,3}"
        r"(?:heavy|big|huge|giant|massive|enormous|large|expensive|long|slow|monster)|heavy (?:stuff|queries|workloads|lifting)|"
        # "who's running the giant scans on bi-warehouse": the heaviest queries, by the data they read
        r"(?:giant|huge|massive|enormous|full[- ]table|big|large) (?:table )?scans?": 1.0,
        # "was prod-etl-cluster also melting": a cluster overloaded, in slang
        r"\bmelt(?:ing|ed|s|down)\b|\boverload\w*": 0.8,
        # "is anything broken?": what is failing now, asked in plain words
        r"(?:anything|something|stuff|what(?:'?s| is)?) (?:\w+ )?(?:broken|failing|on fire|falling over)"
        r"(?! (?:its |the |their |any )?(?:freshness|quality|dq|expectations?|validations?)\b)|"
        r"(?:did|has|have) (?:anything|something|stuff) (?:\w+ )?(?:break|broke|broken|fail|failed|crash\w*|blow up|blew up)|"
        r"\b(?:anything|something) (?:break|broke|fail|failed|crash\w*|die|died|blow up|blew up)\b": 1.0,
        r"slow\w*|slower|sluggish|laggy|crawl\w*|latency|duration|durations|long(est)?[- ]running|taking so long|took": 0.6,
        # ("which jobs dragged that down": what lowered a figure, not a slow run)
        r"dragg\w*(?! (?:that|it|this|them|the (?:\w+ )?(?:rate|number|score|figure|average)|(?:our|the) \w+) down)|bogged down|grind\w* to|chok\w*|tak\w* (?:forever|ages)|timing out|under-?sized|under-?provisioned|"
        r"too small|not big enough": 0.8,
        # "what's the failure rate on the jobs that eat the most dbus": how often runs fail, whatever else is asked
        r"\b(?:failure|success|error|fail|pass) rates?\b": 1.0,
        # "which DBR versions are still in use, anything near EOL?": the clusters' runtimes (the cluster inventory)
        r"\b(?:dbr|databricks runtime|runtime|spark) versions?\b|\bdbr\b|\bnear (?:its |their )?eol\b|"
        r"\bend[- ]of[- ](?:life|support)\b|\bnode types?\b|\binstance types?\b": 1.0,
        # "how much data did it chew through": what a query scanned
        r"\bhow much data (?:did|does|do|has|have|will) (?:it|that|this|they|the \w+|my \w+) (?:\w+ )?(?:read|scan\w*|chew\w*|"
        r"process\w*|touch\w*|pull\w*|crunch\w*)|\bchew\w* through (?:\w+ )?(?:data|rows|bytes|tb|gb|terabytes)\b": 1.0,
        # "my dashboard refresh hung forever", "reports load so slowly": the queries behind them
        r"(?:dashboards?|reports?|charts?)(?: refresh(?:es)?)? (?:\w+ ){0,3}(?:hung|hang\w*|slow\w*|sluggish|lag\w*|"
        r"tim(?:e|es|ed|ing) out|tak\w* (?:forever|ages)|won'?t load|spinning)": 1.0,
        # "is prod-etl-cluster big enough for the next few months?": its load now, against its size
        # "someone ran a report today that took nearly twenty minutes": a slow statement
        r"\b(?:reports?|quer(?:y|ies)|dashboards?|statements?|notebooks?)\b (?:\w+ ){0,3}?took (?:nearly |almost |about |over |"
        r"more than |around |like )?(?:\w+[- ]?){1,2} ?(?:minutes|mins|hours|hrs|seconds|secs)\b|"
        # "work that failed and had to be redone": failed runs and their retries
        r"\bfail\w* and (?:\w+ ){0,3}(?:redone|rerun|re-run|retried|repeated|restarted)\b|"
        r"\b(?:had|needed) to be (?:redone|rerun|re-run|retried|restarted)\b|"
        r"big enough|capacity planning|headroom|room to grow|"
        # "is ETL cluster capacity part of the problem?": the compute's size against its load
        r"\b(?:clusters?|warehouses?|compute|nodes?|executors?) capacity\b|\bcapacity (?:of|on) (?:the )?(?:[\w-]+ )?"
        r"(?:clusters?|warehouses?|compute)\b": 1.0,
        r"quer(y|ies)": 0.5, r"bottlenecks?": 1.0,
        r"(?:longest|slowest|heaviest|biggest|largest|most expensive) (?:\w+ ){0,2}quer(?:y|ies)": 1.0,
        # "split ml-workspace spend GPU vs CPU": the compute types the bill is split by, not a CPU's load
        r"(?<!gpu vs )(?<!gpu vs\. )(?<!gpu versus )(?<!gpu or )(?<!gpu and )cpu(?! (?:vs\.?|versus|or|and) gpu)|memory|"
        r"utili[sz]ation|gpu utili[sz]ation": 0.7,
        r"succe\w*|complete[d]?|finish\w*": 0.4, r"perf\w*": 0.7, r"spill\w*|(?<!event in the )(?<!alert in the )(?<!ticket in the )(?<!item in the )(?<!in my )queu\w*": 0.6,
        r"retr(y|ies)|timed out|timeouts?": 0.5, r"struggl\w*|under (?:heavy )?(?:load|pressure)|overwhelm\w*|being worked|how (?:hard|busy)|workload": 0.8,
        # "model drift + training fails": the training runs are job runs
        r"(?:re)?training (?:\w+ ){0,2}(?:fail\w*|crash\w*|died|dies|broke\w*|errors?|oom\w*|ran out of memory)|(?:failed|failing|crashed|broken) "
        r"(?:\w+ )?(?:re)?training": 1.0,
        # a pasted error: AnalysisException, OutOfMemoryError, a traceback
        r"[a-z]+(?:exception|error)|traceback|stack ?trace": 0.6,
        # "pasting from the run log: `AnalysisException ...`": a run's failure, quoted from its log
        r"(?:from|in|of) (?:the |a |my )?(?:run|job|driver|task|executor) logs?|(?:paste|pasted|pasting|snippet) (?:\w+ ){0,4}"
        r"(?:error|exception|stack ?trace|traceback|run|log)": 1.0,
        # "whether the training job is ok": how a run went, asked in plain words
        r"(?:is|are|was|were) (?:it |they |that |those )?(?:ok|okay|alright|fine|working)": 0.25,
        # "is that training job even working": a job's health, asked in plain words
        r"(?:jobs?|runs?|workflows?|pipelines?) (?:\w+ ){0,2}(?:working|healthy|ok|okay|fine|succeed\w*|finish\w*|"
        r"complet\w*|dying|died|broken|stuck)": 0.9,
        # "and did it even succeed today?": how its run went
        # ("what did they run at 3am" asks what a person did: security's)
        r"(?<!what )(?<!which )(?:did|does|do) (?:it|they|that|those) (?:\w+ ){0,2}(?:finish|complete|succeed|run)\b"
        r"(?! (?:log|produce|write|record|use|take|show|return|output|report|cost|save|store|emit|generate|track|read)\w*\b)": 1.0,
    },
    "reliability": {
        # "did we lose any production time this month?": downtime
        r"\b(?:lose|lost|losing) (?:any |much |some |a lot of )?(?:production |prod )?(?:time|hours|uptime|availability)\b"
        r"(?! (?:on|to|with|in|over|because|chasing|debugging)\b)": 0.9,
        # "is the hourly feed keeping up? it's supposed to be fresh within 15 min": a target a feed is held to (its SLA)
        r"\b(?:supposed|meant|expected|ought) to (?:be (?:fresh|updated|refreshed|current|loaded|landed|done)|land|finish|"
        r"complete|arrive) (?:within|every|inside|in under|by)\b|\b(?:feeds?|ingest\w*|loads?)\b[^.?!]{0,30}\b(?:keeping|"
        r"keep|kept) up\b": 0.8,
        # "is the ETL process performing within its service levels?": its SLAs
        r"\bservice[- ]levels?\b": 1.0,
        # "whether things stayed up", "'Run exceeded expected duration threshold of 15m'": uptime and SLAs
        r"\b(?:did|does|do|whether|if) (?:things|it|everything|everything else|services?|systems?|prod|production|the platform|"
        r"warehouses?) (?:stay|stayed) up\b(?! (?:\w+ )?(?:before|until|till) )|\b(?:everything|things|services?|systems?|prod) (?:stayed|stays|stay) up\b"
        r"(?! (?:all|the whole|overnight|for nothing|idle))|\bexceeded (?:the |its )?(?:expected )?(?:duration|runtime|run time) "
        r"(?:threshold|limit|sla)\b|\bduration threshold\b": 1.0,
        # "success rate and on-time percentage for each": how often runs finish within their schedule
        r"\bon[- ]time (?:rate|percentage|percent|%|ratio|share|delivery|completion)\b|\b(?:percent|percentage|share|%) "
        r"(?:of runs )?on[- ]time\b": 1.0,
        # "three bullets: spend trend, anything down, any security fire": an outage now
        r"\b(?:anything|something|is \w+|what(?:'?s| is)|whats) (?:still |currently )?down\b(?! (?:from|by|on|in|compared|vs|versus|"
        r"against|\d|\$|week|month))": 0.9,
        # "what would you fix first so it doesn't happen again": keeping an incident from recurring
        r"\b(?:so|to make sure|make sure|ensure|to ensure) (?:that )?(?:it|this|that|the outage|the incident) (?:does ?n'?t|does not|"
        r"won'?t|will not|never) (?:happen|occur|recur)s? again\b|\b(?:keep|stop|prevent) (?:it|this|that) from (?:happening|"
        r"recurring) again\b": 1.0,
        # "is the BI warehouse healthy?", "meeting its service-level commitments": a resource's state, its SLA
        r"\b(?:is|are) (?:the )?(?:[\w-]+ )?(?:warehouses?|clusters?|endpoints?) (?:healthy|ok|okay|running fine|available)\b|"
        # "is the production workspace up and healthy this month?": a place's availability
        r"\b(?:is|are|was|were)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+)?(?:workspaces?|platform|environment|prod|production)\s+"
        r"(?:up|available|online)(?:\s+and\s+(?:healthy|running|ok|okay|stable))?\b|"
        r"\bservice[- ]level (?:commitments?|agreements?|objectives?|targets?|promises?)\b": 1.0,
        # "is the feed late?", "the hourly load keeps running late": a job's runs against its schedule
        r"\b(?:feeds?|ingests?|ingestion|loads?|syncs?|jobs?|pipelines?|runs?)\b (?:\w+ ){0,2}(?:late|running late|delayed|"
        r"behind schedule)\b": 1.0,
        r"(?<!freshness )slas?|slos?|sla miss\w*": 1.0, r"uptime|availab\w*|downtime|(?<!so it )(?<!ok it )(?<!spend )(?<!spending )(?<!cost )(?<!costs )(?<!bill )"
        # ("if its auto-termination went down to 15 min": a setting lowered, not an outage)
        r"(?<!number )(?<!numbers )(?<!total )(?<!figure )(?:is|was|went|go(?:es)?|goes|going|been) down"
        r"(?! (?:to|by|from) (?:about |around |only )?\d)": 0.9,
        # (not "is warehouse spend down this week?": a figure that fell)
        r"(?:is|was|were|went|been) (?!(?:\w+ )?(?:spend|spending|costs?|bills?|usage|dbus?|numbers?|figures?|totals?|prices?|"
        r"rates?|latency|errors?|failures?|revenue)\b)(?:\w+[-_]?\w* ){1,2}down\b(?! (?:by|from|to|\d|\$))": 0.7,
        # "was a sql warehouse down last wk?": compute that was out
        # ...and "was the reporting system down at some point last week?": the thing users work on, by its plain name
        r"\b(?:warehouse|cluster|endpoint|workspace|service|system|platform|dashboards?|reporting|bi tool|app)s?\s+"
        r"(?:(?:was|were|is|are|went|been|go(?:es|ing)?)\s+)?"
        r"(?:down|offline|unavailable|unreachable)\b(?!\s+(?:by|from|to|\d|\$))": 1.0,
        # "every tile said the warehouse was unavailable", "sometimes 30+ min behind": an outage or a late run
        # "my team had a couple of hours where nothing would load": an outage, as users saw it
        r"\bnothing (?:would|will|did|could|was going to) (?:load|open|work|come up|respond)\b|\b(?:wouldn'?t|would not|didn'?t|"
        r"did not|couldn'?t) (?:even )?load (?:at all|for (?:hours|an hour|a while))\b|"
        r"\bunavailable\b|\bunreachable\b|\b\d+\+?\s*(?:min|mins|minutes|hours?|hrs?|h)\b (?:\w+ )?(?:behind|late)\b": 0.9,
        # "and is etl-warehouse up right now": whether it is available at the moment
        r"\b(?:is|are) (?!(?:it|that|this|they|spend|cost|usage|the (?:spend|cost|bill|usage))\b)(?:[\w<>]+[-_]?[\w<>]* ){1,2}"
        r"(?:back )?(?:up|online|reachable|responding)(?: and running)?(?: (?:right now|now|currently|at the moment|again|yet))?"
        r"\s*(?:[?.!,;]|$)": 0.9,
        # "was prod actually up the whole month?": uptime over a period
        # ("spend has been creeping up all week": a figure rising, not a thing staying up)
        r"\b(?:is|was|were|been|stay\w*|remain\w*) (?!(?:\w+ )?(?:creep|crept|go|gone|going|climb|trend|tick|shoot|shot|ramp|"
        r"drift|inch|edg|mov|jump|spik|risen|rising|gon)\w* up\b)(?:\w+ ){0,2}up (?:the whole|all|the entire|for the whole|"
        r"for the entire) "
        r"(?:month|week|day|time|night|quarter|weekend)\b(?!,? (?:for nothing|doing (?:\w+ ){0,2}nothing|idle|sitting idle|with (?:nobody|no one|"
        r"nothing)|with (?:almost |nearly |hardly |barely |next to |very )?(?:no|zero|few|little|hardly any) (?:queries|users|load|"
        r"traffic|work|jobs|statements|activity|use|usage|requests)|for no reason|(?:serving|running for|used by|answering) (?:\w+ )?(?:nobody|no one|nothing|noone)))": 1.0,
        # "did that take anything down", "the ingest misses": an outage or a missed deadline
        # (not "bring it back down": a figure lowered again)
        r"\b(?:took|take|takes|taking|taken|knock\w*|bring|brought) (?!(?:\w+ )?back down\b)(?:\w+ ){0,2}(?:down|offline)\b|"
        r"\b(?:sla|ingest|load|deadline)\s+miss(?:es|ed)?\b": 1.0,
        r"outages?|(?<!security )(?<!sec )(?<!securty )incidents?(?! (?:channel|room|bridge|call|commander|slack|chat|doc|window|"
        r"timeline|period|hours?|night|thread|ticket|notes?|log|war ?room|responders?|team)\b)": 1.0, r"mtbf|mttr|mean time (between|to)": 1.2,
        # "are there reliability problems in production that could cost us": the area named with what is asked of it
        r"\breliability (?:problems?|issues?|risks?|concerns?|troubles?|gaps?|incidents?|side|picture|track record)\b": 1.0,
        r"reliab\w*|stab(le|ility)|flaky|dependab\w*|trustworth\w*": 0.9,
        # "any jobs that have been unreliable": runs that fail now and then
        r"\bunreliab\w*|\bnot (?:very |that |too |so )?reliable\b|\bundependable\b": 0.9,
        # "is the thing even healthy / up, like a readiness check": whether it serves
        r"\b(?:readiness|liveness) (?:checks?|probes?)\b": 1.0, r"health(y)?": 0.4, r"late|delayed": 0.4,
        # "has hourly_ingest been late recently?": runs that miss their time
        r"\b(?:has|have|had) (?:\w+ )?been (?:\w+ )?(?:late|delayed)\b|\bbehind schedule\b": 1.0,
        # "hourly_ingest keeps running late": runs that miss their time (an SLA), not slow code
        r"(?:running|finish\w*|landing|completing|coming in|runs?|ran) late\b(?! (?:last night|tonight|this (?:morning|evening|afternoon)))": 1.0,
        r"recover\w*|restore\w*|error budget": 0.6, r"\berror budgets?\b|\bslo burn\b": 1.0,
        # "anything page-worthy in the last 24 hours": what would have paged the on-call
        r"page[- ]?worthy|worth (?:a )?pag(?:e|ing)|pageable": 1.0,
        r"(?:miss\w*|bl[eo]w\w*(?: past| through)?|overr?a[nr]\w*|exceed\w*|went over|go(?:es)? over|broke|"
        r"(?:run|runs|ran|running|gone|went|go|goes|going) (?:past|beyond|over)) "
        r"(?:its|the|their|our|a) (?:[\w-]+ ){0,3}(?:window|deadline|target|slot|slas?)|lands? late": 1.0,
        # "does it keep its deadline?": whether runs land in time
        r"\b(?:keep|keeps|kept|keeping|meet|meets|met|meeting|make|makes|made|making|hit|hits|hitting) (?:its|the|their|our) "
        r"(?:[\w-]+ ){0,2}(?:deadlines?|slas?|slos?|windows?|time slots?)\b": 1.0,
        r"99(?:\.\d+)?\s*%?|(?:inside|within|under|above|below|meet\w*|hit\w*|miss\w*) (?:our |the |an? )?"
        r"(?:slo|uptime|availability) (?:target|goal|objective)": 1.0,
        r"(?<!stay )(?<!stays )(?<!stayed )(?<!left )(?<!keep )(?<!kept )r[au]n(?:s|ning)? (?:too )?long|overran|overrun\w*|"
        r"woken up|paged|pager": 0.9,
        # "how long was it out for?": the length of an outage
        r"how long (?:was|were|is|has) (?:it|that|they|the \w+|[\w-]+) (?:been )?(?:out|down|offline|unavailable|dark)\b":
            1.0,
        r"nines|9s|keep (?:\w+ )?(?:its|their|the|our) promises?|supposed to (?:land|finish|complete|arrive|be done)|"
        r"(?:keep|kept|stay|stayed|staying) (?:\w+ )?up\b(?! (?:forever|for ever|for (?:hours|days|ages)|all (?:day|night|"
        r"weekend)|24/7|after|when|while|even|before|until|till|idle))|on time": 0.9,
        r"how much of the time|percent(?:age)? of the time|(?:up|available) (?:\w+ ){0,2}(?:of the time|% of)|"
        r"how long (?:\w+ ){0,6}(?:to|until) (?:\w+ ){0,4}(?:fix|recover|restore|repair|running again|working again|"
        r"back)|running again|working again|time to (?:fix|recover|restore|repair)": 1.0,
    },
    "quality": {
        # "order amounts look totally different from a few weeks ago": a column's values drifting
        r"\b(?:amounts?|values?|numbers?|figures?|totals?|distributions?)\b (?:\w+ ){0,2}(?:look|looks|looking|seem|seems|are|is) "
        r"(?:totally |completely |very |quite |really )?(?:different|off|weird) (?:from|than|to|vs\.?|compared (?:to|with))\b": 1.0,
        # "does that mean the tables after it are wrong now?": the data's state, said plainly
        r"\b(?:tables?|data|numbers|figures|reports?|dashboards?)\b (?:\w+ ){0,3}(?:are|is|be|were|was) (?:now |still |all )?"
        r"(?:wrong|incorrect|bad|stale|out of date|outdated|corrupt\w*|garbage)\b": 1.0,
        # "some orders seem to be missing from the daily totals ... is something filtering them out?": rows a check drops
        r"\b(?:rows?|records?|orders?|transactions?|entries|lines)\b (?:\w+ ){0,3}(?:missing|gone|disappear\w*|vanish\w*|"
        r"dropped|lost) (?:from|in|out of) (?:the |our )?(?:[\w-]+ ){0,2}(?:totals?|tables?|reports?|counts?|sums?|data|gold|"
        r"silver|dashboards?)\b|\b(?:filter\w*|drop\w*|throw\w*|weed\w*) (?:them|those|these|rows|records|orders) out\b": 1.0,
        # "did the nightly_etl failure hit our downstream reporting data?": what a failure left stale or wrong downstream
        r"\b(?:hit|hits|affect\w*|impact\w*|hurt|reach\w*|touch\w*|leave|left)\s+(?:our\s+|the\s+|any\s+)?(?:downstream\s+)"
        r"(?:reporting\s+|report\s+|dashboard\s+)?(?:data|tables?|reports?|dashboards?|numbers)\b|"
        # "how healthy is our revenue data flow end to end?": the data's own health along its path
        r"\bhow healthy (?:is|are) (?:our|the) (?:[\w-]+ ){0,2}(?:data|pipelines?|data flows?|feeds?|tables?)\b": 1.0,
        # "model drift vs data drift: any in orders_silver?": the data's own drift (a table's columns), beside a model's
        # (not "drift in the input data" of a model: its features)
        r"\bdata[- ]drift\b(?! (?:of|in|on|for) (?:the |our |any |its |their )?(?:models?|inputs?|features?|predictions?))|"
        r"\bdrift\w* (?:in|on|of) (?:the )?(?:tables?|columns?)\b|"
        # "is anything in the source tables shifting too": the data's own distribution moving
        # (not "or is its input data drifting on us?" of a model: its features, mlops's)
        r"\b(?<!its )(?<!their )(?<!model's )(?<!input )(?:source |upstream |input |raw )?(?:tables?|columns?|data)\b (?:\w+ ){0,2}"
        r"(?:shifting|drifting|shifted)\b": 1.0,
        # "is orders_gold safe to send to finance this morning or should i hold the report": can its figures go out
        r"\b(?:safe|ok|okay|good|fine|ready|reliable enough) to (?:send|publish|ship|release|circulate|distribute|report on|"
        r"present|go out)\b|\bshould (?:i|we) (?:hold|delay|pull) (?:off on |back )?(?:the |that |this |my |our )?(?:report|"
        r"numbers|figures|dashboard|e-?mail|deck)\b": 1.0,
        # "Revenue in the dashboard looks wrong. Is that bad data?": figures that look wrong (the data behind them)
        # ("the anomaly flags on my cost dashboard look off": a model's flags, not the data)
        r"\bbad data\b|^(?![^.?!]*\b(?:flags?|alerts?|predictions?|scores?|forecasts?|anomal\w*)\b)[^.?!]*?"
        r"\b(?:numbers?|figures?|revenue|totals?|dashboards?|reports?|kpis?|metrics)\b[^.?!]{0,30}\b(?:looks?|"
        r"looked|seems?|seemed) (?:wrong|off|weird|broken|funny|too (?:low|high))\b": 1.0,
        # "when was it last written, and by what?": a table's last write (its freshness)
        r"\blast (?:written|written to|modified|loaded|landed|refreshed)\b": 1.0,
        # "does it affect the revenue numbers people will see this morning?": figures downstream of a break
        r"\b(?:affect|affects|affected|impact|impacts|impacted) (?:the |our |my |their )?(?:[\w-]+ ){0,2}(?:numbers|figures|"
        r"dashboards?|reports?|kpis)\b": 1.0,
        # "did any tests fail on the silver model yesterday?": a table's data tests (its expectations), in dbt's words
        r"\btests? (?:\w+ ){0,2}(?:fail\w*|pass\w*|broke|break\w*|went red|red)\b[^.?!]{0,20}\b(?:on|for|against|in) "
        r"(?:the |our |that |this )?(?:[\w-]+ )?(?:tables?|models?|datasets?|sources?)\b|\b(?:dbt|not_null|unique|"
        r"accepted_values|relationships) tests?\b": 1.0,
        # "its supposed to be fresh within 15 min", "needs to be updated every hour": a freshness target
        r"\b(?:supposed|meant|expected|ought) to be (?:fresh|updated|refreshed|current|up to date|loaded|landed)\b|"
        r"\b(?:needs?|has|have) to be (?:fresh|updated|refreshed|current|up to date|loaded|landed) (?:within|every|inside|"
        r"in under|by)\b|\b(?:feeds?|dashboards?|data|tables?|ingest\w*|loads?)\b[^.?!]{0,30}\b(?:keeping|keep|kept) up\b": 1.0,
        # "and what did that do downstream? gold table ok?": the state of a table is its freshness and its checks
        r"\btables? (?:(?:is|are|look|looks|still) )?(?:ok|okay|fine|healthy|alright|all right|in good shape|sane|good)\b"
        r"(?!\s+(?:to|for)\b)": 1.0,
        # "biggest data quality issue" names the area itself (a bare "quality" may be a model's)
        r"\bdata[- ]quality\b": 1.0,
        # "died, something about schema on orders_raw: what changed?", "did that hold up the data our models retrain on?"
        r"\b(?:something|anything|an? (?:error|issue|problem|failure)) (?:about|with|on|in) (?:the |a )?schema\b|"
        r"\bhold(?:ing|s)? (?:up|back) (?:the |our )?(?:\w+ ){0,2}(?:data|tables?|features|numbers|refresh\w*)\b": 1.0,
        # "the accuracy or timeliness of the downstream reporting data": the data's own qualities
        r"\b(?:data |data's )(?:accuracy|timeliness|completeness|correctness|integrity)\b|\btimeliness\b|"
        r"\b(?:accuracy|completeness|correctness|integrity)(?: (?:or|and) \w+)? of (?:the |our |its |their |that |this )?(?:\w+ ){0,3}"
        r"(?:data|tables?|reports?|reporting|numbers|figures|records|rows|dashboards?)\b": 1.0,
        # "are the numbers people rely on actually correct?": whether the data is right
        r"\b(?:are|is) (?:the |our |these |those )?(?:numbers|figures|data|metrics|kpis|reports?|dashboards?)\b[^?.]{0,30}"
        r"\b(?:correct|right|accurate|trustworthy|reliable|wrong)\b": 1.0,
        # "what's broken in data, jobs and spend": the data's own state, listed beside other areas
        r"\b(?:broken|wrong|off|bad|stale|late|missing) (?:in|with) (?:the |our )?data\b": 1.0,
        # "so is the big orders table behind because of that?": the data late (not "the table behind the dashboard")
        r"\b(?:is|are|was|were) (?:the |our |my )?(?:\w+ ){0,3}(?:tables?|data|numbers|dashboards?|reports?|figures)\s+"
        r"(?:still |so |way |badly |now )?behind\b(?! (?:the|a|an|it|this|that|our|these|those|them)\b)": 1.0,
        # "did the nightly load actually land?", "have the numbers come in yet?": whether the data arrived
        r"\b(?:did|has|have|is|was) (?:the |our |my |today'?s |yesterday'?s )?(?:\w+ )?(?:load|data|feed|numbers|tables?|batch|"
        r"extract|files?)s? (?:actually |already |finally |even )?(?:land|landed|arrive[d]?|show(?:n|ed)? up|come in|came in)\b": 0.9,
        # "did the failure lose or corrupt any rows in orders_gold?", "any data loss?": the data's integrity
        r"\b(?:lose|lost|losing|corrupt\w*|mangl\w*|truncat\w*|duplicat\w*)(?: or (?:lose|lost|corrupt\w*|duplicat\w*|drop\w*))? "
        r"(?:any |the |some |our |its |their )?(?:rows|records|data)\b|\bdata (?:loss|corruption)\b|"
        r"\b(?:rows|records|data) (?:(?:got|get|were|was) )?(?:lost|corrupted|mangled|duplicated)\b": 1.0,
        # "did that column shift recently?", "did the silver orders amount column drift too?": a column's values
        r"\bcolumns?\b.{0,30}\b(?:drift|shift)\w*|\b(?:drift|shift)\w*\b.{0,20}\bcolumns?\b": 1.0,
        # "is something weird going on with the order amounts feeding it?": the data's values
        r"\b(?:something|anything) (?:weird|odd|wrong|off|strange|funny|fishy) (?:going on )?(?:with|in) (?:the )?(?:[\w-]+ ){0,2}"
        r"(?:amounts?|values?|columns?|fields?|figures|records|rows)\b": 1.0,
        # "anything failing freshness or quality checks", "df['amount'].describe() today vs a week ago": the data's checks
        # and a column's profile
        r"\bfail\w* (?:their |its |the |any )?(?:freshness|quality|dq|data[- ]quality|expectations?|validations?)\b|"
        r"\w*(?:\[[^\]]*\])*\.(?:describe|value_counts|hist|quantile)\(\)": 1.0,
        # "what's broken in the sales pipeline", "what happened to the sales data this week": a data pipeline's state
        r"\b(?:broken|wrong|failing|stuck) (?:in|with) (?:the |our )?(?:\w+ )?pipelines?\b|\bpipelines? (?:is |are )?(?:broken|"
        r"failing|stuck)\b": 0.9,
        r"\bwhat(?:'s| has| is)? happen(?:ed|ing) (?:to|with) (?:the |our )?(?:\w+ )?(?:data|tables?|numbers|figures|datasets?)\b": 1.0,
        # "did yesterday's orders make it into silver, or is everything stuck at raw?": data moving through its layers
        r"\bmake it (?:into|to|through to) (?:the )?(?:silver|gold|bronze|staging|curated|reporting)\b|\bstuck (?:at|in) "
        r"(?:the )?(?:raw|bronze|silver|staging|landing)\b|\b(?:land|landed|arrive\w*) in (?:the )?(?:silver|gold|bronze)\b": 1.0,
        r"fresh\w*(?! (?:ones|models?|versions?|checkpoints?)\b)|(?<!models go )(?<!model goes )(?<!models get )(?<!model gets )(?<!models going )(?<!models getting )"
        r"(?<!model going )(?<!model getting )(?<!models grow )(?<!models become )stale\w*"
        # "stale perms I can revoke": access nobody uses, not old data
        r"(?!\s+(?:perms|permissions?|grants?|access|accounts?|tokens?|users?|credentials?|keys?|secrets?|privileges?|roles?)\b)"
        r"|up to date|out of date|"
        r"lag(?:s|ged|ging)? (?:behind|by)|lagging|(?:data|replication) lag": 1.0,
        # "whether the data our reports rely on can be trusted": the data's own quality, not the platform's uptime
        r"\b(?:data|numbers|figures|tables?)\b (?:\w+ ){0,5}(?:be |is |are )?(?:trusted|trustworthy|trust ?able|relied on)\b|"
        r"\btrust (?:the |our |this |that |these |those )?(?:[\w-]+ ){0,2}?(?<!it )(?<!they )(?<!which )(?:data|numbers|figures|tables?|reports?|dashboards?)\b": 1.0,
        # "any data we can't trust right now?": data the asker cannot rely on (a relative clause after the data)
        r"\b(?:data|numbers|figures|tables?|datasets?)\s+(?:that\s+|which\s+)?(?:we|i|you|people|anyone|they|users)\s+"
        r"(?:can'?t|cannot|can not|shouldn'?t|should not|don'?t|do not|couldn'?t)\s+(?:fully\s+|really\s+)?(?:trust|rely on|believe)\b": 1.0,
        # "how far behind is it now" (said of a table): how stale it is
        r"\bhow far behind\b": 0.8,
        # "the gold orders table looks like it's from two days ago": how old what it shows is
        r"\b(?:looks?|seems?|feels?) (?:like )?(?:it'?s|its|they'?re|they are|it is) from (?:like |about )?(?:\w+ ){1,3}ago\b": 1.0,
        # "the amounts in the middle one, do they look weird lately?": a column's values drifting
        r"\b(?:amounts?|values|columns?|distributions?|averages?|nulls?)\b.{0,30}\b(?:look|looks|looking|seem|seems|been|"
        r"acting|behaving|been acting|been behaving)\s+(?:weird|odd|off|strange|wrong|funny|skewed|shifted|wonky|normal(?:ly)?|abnormal(?:ly)?|as (?:expected|usual))\b|"
        # "suddenly way bigger or smaller than they normally are": values off their usual range
        r"\b(?:way |much |suddenly )*(?:bigger|smaller|higher|lower|larger)(?: or (?:bigger|smaller|higher|lower))? than "
        r"(?:they|it) (?:normally|usually|typically) (?:are|is)\b": 0.9,
        # "tables whose data is more than a day behind": stale by that much
        r"\b(?:more than |over |at least |about |almost )?(?:a|an|one|two|three|\d+) (?:full )?(?:days?|hours?|weeks?) "
        r"(?:behind|old|stale|out of date)\b": 1.0,
        # "main.sales.orders_raw - did something change on it?": a change to a table's shape
        r"(?:did|has|have) (?:something|anything) (?:\w+ )?chang\w* (?:on|in|to|with|about) (?:it|that|this|the \w+|table)\b|"
        # "wtf changed on that table": what changed in its shape
        r"\b(?:what|wtf|what the \w+) (?:\w+ )?chang\w* (?:on|in|to|with|about) (?:that|this|the) (?:[\w-]+ )?table\b":
            1.0,
        # "the tables before it in the chain, are those also old?": their age, in plain words
        r"\b(?:are|is|were|was) (?:those|these|they|them|the (?:\w+ )?(?:ones?|tables?)) (?:also |still |all |too )?"
        r"(?:old|outdated|behind)\b": 0.9,
        # "which table downstream is old now": a table's age, in plain words
        r"(?:is|are|now|gone|went|got|looks?|seems?) (?:\w+ )?(?:old(?! news| hat| story| habits?)|outdated|ancient|"
        r"prehistoric|dated)": 0.8,
        # "how long has it been sitting there without an update"
        r"without (?:an? |any )?(?:update|refresh|new (?:data|rows|records))|(?:no|zero) (?:new )?(?:updates?|refresh\w*) "
        r"(?:since|for|in)": 1.0,
        # "is the gold one even current at the moment?": whether a table is fresh
        r"\b(?:is|are|was|were)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}(?:even\s+|still\s+)?current\b(?!\s+(?:spend|cost|month|budget|run|"
        r"rate|quarter|year|week|state))": 1.0,
        # "the gold table - how old is it at this point": a table's age, asked
        r"how old (?:is|are|was|were) (?:it|they|that|this|those|these|the \w+)|how (?:many )?(?:hours|days) old": 1.0,
        # "tables that stopped updating", "no longer refreshed": freshness, in plain words
        r"(?:stopped|stop|stops|quit|no longer|not|never|n't|haven't|hasn't) (?:been |being )?(?:updat\w*|refresh\w*|"
        r"written)|(?:data|rows|numbers|table|orders|records|events|files) (?:\w+ ){0,2}(?:didn't|did not|hasn't|has not|never|"
        r"not) (?:\w+ )?(?:load|land|arrive|show up)\w*|still (?:showing|shows|displaying|displays|stuck on|on) (?:\w+ ){0,3}"
        r"(?:numbers|data|figures|values|totals)|"
        # "my revenue dashboard numbers stopped moving two days ago": figures frozen, the data behind them stale
        r"\b(?:numbers|figures|data|values|totals|dashboards?|reports?|charts?|kpis?) (?:\w+ ){0,4}?(?:stopped|stop|haven'?t|have not|"
        r"hasn'?t|has not|aren'?t|are not|isn'?t|is not|don'?t|doesn'?t) (?:been )?(?:moving|moved|changing|changed|ticking|"
        r"budging|budged|going up)\b": 1.0,
        # "check result_state in ..." asks to look; "the quality checks", "checks failed" are expectations
        r"expectations?|(?<!please )(?<!pls )(?<!can you )(?<!could you )(?<!and )(?<!to )checks?(?! (?:the |in |on |if |whether |"
        r"that |this |what |who |how |for |out |result_|it\b|both\b|them\b|these\b|those\b|each\b|everything\b|again\b))|constraints?|violations?(?! of (?:it|that|this|them|the (?:policy|rule|control|standard)|(?:our|the|that|"
        r"this) (?:[\w-]+ )?polic(?:y|ies)))(?! (?:would|will|does|do|did|could|might) (?:it|that|this|they|the (?:policy|rule|"
        r"control|standard))\b)": 0.7, r"data[- ]quality|dq|quality|validat\w*": 0.9,
        r"drift\w*": 0.4, r"shift\w* in|(?:distribution|value|mean|average) shift\w*": 0.8,
        # "my model uses orders_silver.amount as a feature. has that distribution shifted?": the column's drift
        r"\bhas (?:that|the|this|its) (?:\w+ )?distribution (?:\w+ )?(?:shifted|changed|moved|drifted)\b|"
        r"\b(?:column|feature)'?s? distribution (?:\w+ )?(?:shifted|changed|moved|drifted)\b": 1.0, r"(?<!-> )(?<!->)(?<!= )(?<!comment is )(?<!description is )nulls?|missing values": 0.8, r"profil\w*|distribution|histogram|outliers?": 0.8,
        r"duplicat\w*|row counts?|completeness|quarantin\w*|dropped (rows|records)|bad records": 0.8,
        r"drop\w* (?:\w+ )?(?:rows|records)|(?:rows|records) (?:were |got |being )?(?:dropped|lost|missing)|"
        r"(?:throw\w*|toss\w*|discard\w*|los\w*|swallow\w*|filter\w*) (?:\w+ ){0,2}(?:rows|records|orders|events)|"
        r"(?:rows|records|orders|events) (?:\w+ ){0,2}(?:never|don'?t|do not|did ?n[o']t) (?:show|turn|make it|arrive|land)": 0.9,
        # "is the table behind?"; a job's runs behind schedule are late runs (reliability), not old data
        r"(?<!dashboard )(?<!dashboards )(?<!report )refresh\w*|last updated|\b(?:its|their|the) last (?:update|refresh|load|write)\b|(?<!broken )(?<!broken or )(?:fall\w*|fell|running|is|are|was|were|got|gotten) behind|"
        r"\b(?:is|are|was|were) (?!the job|the run)(?:\w+ ){1,2}behind\b(?! (?:schedule|by|on))|"
        r"(?<!job )(?<!jobs )(?<!run )(?<!runs )(?<!broken or )behind (?:schedule|by)": 0.6,
        # "whether the order amount values we train on have shifted lately": a column's distribution moving
        r"\b(?:values?|amounts?|distributions?|columns?)\b (?:\w+ ){0,5}(?:have |has )?(?:shifted|drifted|skewed|"
        r"changed shape)\b": 1.0,
        # "is the table orders_gold still late?": a table's data late (a job's late runs are reliability's)
        r"\b(?:tables?|datasets?|data|views?)\b (?:\w+ ){0,2}(?:is|are|was|were|still|running|looks?|seems?) (?:still |"
        r"again |now )?(?:late|behind|lagging)\b": 1.0,
        r"how old (?:is|are) (?:the |that |this |our )?(?:data|numbers|figures|rows|tables?|dashboard)|"
        r"how (?:fresh|current|recent|up to date) (?:is|are)|age of the data|data (?:is|are) (?:\w+ )?old": 1.0,
        r"(?:has ?n[o']t|have ?n[o']t|not) (?:been )?(?:refreshed|updated|loaded|landed)|when it should": 1.0, r"abnormal|invalid values?": 0.5, r"columns?": 0.6,
        r"(?:data )?pipelines?": 0.5,
        r"schema (?:change|drift|evolution|mismatch|break)\w*|chang\w* (?:the |its |their )?(?:schema|column types?)|"
        # "did the schema of orders_raw change recently?"
        r"\bschema of (?:the )?(?:\w+ ){0,4}(?:chang|drift|evolv|break|mutat)\w*|"
        # "was a type change on orders_raw what broke the job?"
        r"\b(?:data ?)?type (?:change|changes|changed|mismatch\w*|flip\w*)\b|"
        r"column types?|new columns?|dropped columns?": 1.0,
        r"same (?:\w+ )?(?:numbers|totals|figures|values|data) (?:for|since)|(?:numbers|totals|figures|data|dashboards?) "
        r"(?:\w+ ){0,2}(?:frozen|stuck|not moved|hasn'?t moved|haven'?t moved|not changed|hasn'?t changed)": 1.0,
        # "why is the dashboard showing old numbers", "is orders_gold current?"
        r"(?:old|outdated|stale) (?:numbers|data|figures|results|values|rows)|outdated|"
        # ("still showing yesterday's numbers" is old data; "anything odd in yesterday's numbers" is not)
        r"(?:show\w*|still|display\w*|stuck on|with only) (?:yesterday'?s|last week'?s) (?:numbers|data|figures|results|values|rows)|"
        r"(?:numbers|data|figures|dashboards?|reports?) (?:\w+ ){0,5}(?:old(?! news| hat| story| habits?)|outdated|not (?:updat|refresh)\w*)|"
        r"(?:is|are) (?:[\w.]+ ){1,3}(?:current|up-to-date)\s*(?:[?,;]|$|and\b|or\b)": 1.0,
        # "our orders report came up completely blank", "the dashboard shows no new numbers": the data behind it stopped
        r"(?:reports?|dashboards?|charts?|boards?|numbers|figures|kpis?|tiles?|widgets?) (?:\w+ ){0,7}?(?:blank|empty|"
        r"show(?:s|ed|ing)? (?:no|nothing|zero)|(?:has|have) no (?:new )?(?:data|numbers|rows)|no new (?:data|numbers|figures|rows)|"
        r"stopped updating|(?:is|are|was|were) missing)\b|"
        # "about 1% of orders are just missing from the report compared to the source": rows lost on the way
        r"(?:orders?|rows?|records?|events?|transactions?|customers?|\d+ ?%)(?: of (?:the |our )?\w+)? (?:are |is |were |"
        r"was )?(?:just |simply )?(?:missing|gone|disappear\w*|vanish\w*) (?:from|in|between)\b|\bwhere do they go\b|"
        # "when will the gold data be back?": when the table is fresh again
        r"\bwhen (?:will|would|do|does) (?:the |our |my )?(?:[\w-]+ ){0,2}(?:data|tables?|numbers|figures|dashboards?|reports?) "
        r"(?:be |get |look )?(?:back|fresh|updated|current|fixed|ready|available|right|correct|caught up)\b|"
        # "when the numbers will be right again" (said inside a sentence)
        r"\bwhen (?:the |our |my )?(?:[\w-]+ ){0,2}(?:data|tables?|numbers|figures|dashboards?|reports?) (?:will|would|should) "
        r"(?:be |get |look )?(?:back|fresh|updated|current|fixed|ready|right|correct|caught up)\b|"
        # "dashboards ok today?": the data behind them, fresh and right
        r"^\W*(?:are |is )?(?:the |my |our )?(?:dashboards?|reports?)(?: \w+)? (?:ok|okay|fine|good|healthy|working|"
        r"up to date|alright)\b": 1.0,
        # "the numbers look off": wrong-looking data, said plainly
        r"(?:numbers?|values?|figures?|totals?|amounts?|counts?|data|rows?) (?:look|looks|looking|seem|seems|are|is) "
        r"(?:\w+ )?(?:off|wrong|weird|odd|strange|funny|suspicious|broken)": 0.9,
    },
    "mlops": {
        # "training job failed, gpu bill up, drift alerts...": the models' drift monitoring (a table's own drift is
        # named with its table or column)
        r"\bdrift (?:alerts?|alarms?|warnings?|flags?|scores?)\b(?! (?:on|for|in|of) (?:the |our |a )?(?:\w+ )?(?:tables?|columns?|"
        r"data ?sets?)\b)": 0.9,
        # "for the leadership update: is the AI healthy?": the models, in a manager's words
        r"\b(?:the|our) (?:ai|a\.i\.|ml)(?: stuff| thing| side| models?)? (?:is |are )?(?:still )?(?:healthy|working|ok|okay|fine|"
        r"behaving|performing|accurate|drifting|broken)\b|\bis (?:the|our) (?:ai|a\.i\.) (?:\w+ )?(?:healthy|working|ok|okay|fine)\b": 1.0,
        # "the thing that predicts costs", "the tool which flags odd logins": a model, by what it does
        DESCRIBED_MODEL: 1.0,
        # "can we still trust it, or is its input data drifting on us?": a model's inputs moving
        r"\b(?:its|their|the model'?s?) inputs?(?: data| features?)? (?:is |are |has been |have been )?(?:drift\w*|shift\w*)": 1.0,
        # "is the drift in that column going to mess with any of our models?": the models fed by the data
        r"\b(?:mess\w* (?:up|with)|affect\w*|impact\w*|hurt\w*|throw\w* off|skew\w*|break\w*|degrad\w*|poison\w*) "
        r"(?:any of |all of |some of |one of )?(?:our |the |my |their |its )?(?:ml |machine learning |production |deployed |"
        r"trained )?models\b(?![^.?!]{0,25}\bdbt\b)": 1.0,
        # "put their serving latency next to that cost": how fast the served models answer
        r"\b(?:serving|inference|endpoint|model|prediction) latenc\w*|\blatenc\w* (?:of|on|for) (?:the |our )?(?:serving|"
        r"endpoints?|models?)\b": 1.2,
        # "broke all my downstream models", "our dbt models": tables built by SQL, not ML models
        r"(?<!downstream )(?<!dbt )(?<!sql )(?<!staging )(?<!mart )(?<!semantic )(?<!dimensional )(?<!data )(?<!gold )(?<!silver )"
        r"(?<!bronze )(?<!reporting )(?<!star )"
        r"(?<!orders )(?<!finance )(?<!financial )(?<!pricing )(?<!revenue )(?<!budget )(?<!spreadsheet )(?<!excel )(?<!incremental )(?<!_ )models?"
        # ("my model contract", "los modelos incrementales de dbt")
        r"(?!\s+(?:contracts?|incremental\w*)\b)(?![^.?!]{0,25}\bdbt\b)": 0.8, r"model versions?|versions?": 0.4, r"endpoints?|serving(?! (?:up )?(?:old|stale|outdated|wrong|bad|cached|yesterday'?s|last week'?s|the same|"
        r"incomplete|partial|empty|duplicate\w*) (?:data|numbers|rows|figures|results|records))"
        # ("stays up all night serving basically nobody": a warehouse's users, not model serving)
        r"(?! (?:\w+ )?(?:nobody|no one|noone|nothing|anyone|anybody|(?:\w+ )?users|(?:\w+ )?dashboards|(?:\w+ )?queries)\b)|served(?! (?:old|stale|"
        r"outdated|wrong|cached) (?:data|numbers|rows|figures|results))": 0.8,
        r"inference|predictions?|predictor": 0.9, r"retrain\w*|training|trained": 0.7,
        r"mlflow|mlops|registered|registry|champion|challenger": 0.9, r"model drift|input drift": 1.0,
        # what serving costs is the MLOps specialist's figure too (it holds the endpoint costs)
        r"(?:endpoints?|serving|models?) (?:\w+ ){0,3}cost\w*|cost\w* (?:of|for) (?:the |our )?(?:serving|endpoints?|models?)": 1.0,
        # ("the accuracy or timeliness of the reporting data" is the data's, not a model's)
        r"(?<!data )accuracy(?!(?: (?:or|and) \w+)? of (?:the |our |its |their |that |this )?(?:\w+ ){0,3}(?:data|tables?|reports?|"
        r"reporting|numbers|figures|records|rows|dashboards?|kpis|metrics)\b)|precision|recall|auc|f1": 0.8,
        r"feature (store|table|drift)": 0.6,
        # "the ML stuff" is the models as often as the ML workspace's bill: a lean, not the topic
        r"(?:ml|ai|machine learning) (?:thing|stuff|system|tool|bits?|side|piece)": 0.6,
        # "anything on the ML side that's broken": the models' health
        r"\b(?:ml|ai|machine learning) (?:side|stuff|things?|models?|systems?|bits?)\b.{0,20}\b(?:broken|failing|down|wrong|"
        r"off|unhealthy|drifting|stale|degraded)\b": 1.3,
        # "is the AI stuff costing more than it should, and is it behaving itself?": the models' own health
        r"\b(?:ai|a\.i\.|ml|machine learning) (?:stuff|things?|side|models?|bits?|systems?)\b.{0,60}\b(?:behaving|behaves|"
        r"misbehaving)\b": 1.0,
        # "is the AI thing getting slower when it gives answers?": how fast the served models answer
        r"\b(?:slow\w*|faster|quicker|latenc\w*|lag\w*|takes? (?:\w+ )?(?:long|ages|forever))\b.{0,40}\b(?:gives?|giving|gave|"
        r"returns?|returning|serves?|serving|spits? out|comes? back with) (?:\w+ )?(?:answers?|predictions?|responses?|scores?)\b": 1.0,
    },
    "governance": {
        # "is the customer PII still open to contractors?": who may read it, the grants
        r"\b(?:still |now )?(?:open|exposed|visible|available|accessible|readable) to (?:the )?(?:contractors?|group|groups|"
        r"everyone|everybody|interns?|vendors?|externals?|third[- ]parties|outsiders|[\w-]+ (?:group|team))\b": 1.0,
        # "list the current grantees of main.crm.customers": who holds grants on it
        r"\bgrantees?\b|\bgrant[- ]holders?\b|\bwho holds (?:\w+ )?(?:grants?|privileges?|permissions?)\b": 1.0,
        # "building a data dictionary; some tables have no explanation of what they are": tables without descriptions
        r"\bdata dictionar(?:y|ies)\b|\b(?:no|missing|without|lack\w*) (?:an? |any )?(?:explanation|description|docs?|"
        r"documentation|comments?)s? (?:(?:written |jotted )?down )?(?:of|for|about|on) what (?:they|it|each one|each) (?:are|is|"
        r"holds?|contains?|means?)\b|"
        # "which of our data has no explanation written down?": data nobody described
        r"\b(?:data|tables?|datasets?|columns?)\b.{0,30}\b(?:no|missing|without|lack\w*) (?:an? |any )?(?:explanation|description|"
        r"docs?|documentation|definition)s? (?:written|jotted)(?: down)?\b": 1.0,
        # "which tables have no tags at all?": tables' classification tags, not spend's cost tags
        r"\b(?:tables?|datasets?|schemas?|columns?|catalogs?) (?:that |which )?(?:have|has|with|carry|carrying|are missing|"
        r"missing|lacking|lack) (?:no|zero|any|missing)? ?(?:\w+ )?tags?\b|\buntagged (?:tables?|datasets?|columns?)\b": 1.0,
        # "is that table even supposed to be sensitive?": how it is classified (tags), not who read it
        r"\b(?:supposed|meant|classified|marked|labell?ed) (?:to be |as )?(?:sensitive|pii|confidential|restricted|personal)\b": 1.0,
        # "which of our tables hold PII?": where personal data sits (its readers are security's)
        r"\b(?:which|what) (?:of (?:our|the) )?tables? (?:hold|holds|contain|contains|have|has|store|stores|carry|carries) "
        r"(?:any )?(?:pii|personal|sensitive|private)\b": 1.0,
        # "convince me nobody outside the core team can read the PII table": who is able to (a permission), not who did
        r"\b(?:who|nobody|no ?one|anyone|anybody|everyone|everybody|somebody|someone|(?:which|what) (?:users|groups|people|"
        r"principals|accounts))\b(?: [\w'-]+){0,5}? (?:can|could|is able to|are able to|may) (?:still |actually |even )?"
        r"(?:read|see|query|access|select from|write to|modify|open)\b(?! (?:yesterday|last|this|today))|"
        r"\b(?:can|could) (?:anyone|anybody|someone|somebody|everyone|people|users|groups)\b(?: [\w'-]+){0,4}? (?:still |actually )?"
        r"(?:read|see|query|access|select from|write to|modify)\b(?! (?:yesterday|last|this|today))": 1.0,
        # "what is system.billing.usage even used for here": what reads it
        r"\bwhat (?:is|are) (?:[\w.-]+ ){1,3}(?:even |actually |really )?used (?:for|by)\b": 1.0,
        # "who outside the core team can read customer PII?": who may read, with words between
        r"\bwho\b(?: [\w-]+){1,4} can (?:read|see|query|access|select)\b": 1.0,
        # "which service principals can read PII tables?": who may read, by the grants
        r"\b(?:which|what) (?:[\w-]+ ){0,2}(?:users?|groups?|principals?|accounts?|people|teams?|identities) (?:can|could|"
        r"are able to|are allowed to|may|have (?:the )?(?:right|permission) to) (?:\w+ )?(?:read|query|select|access|see|write|"
        r"modify)\b": 1.0,
        # "whether each table has a description": its documentation
        r"\b(?:has|have|had|having|with|without|lacks?|lacking|gets?|got|carr\w*) (?:a |an |any |no |proper |decent )?"
        r"(?:descriptions?|comments?|docs|documentation|docstrings?)\b(?! (?:field|box|column) (?:of|in) (?:the )?(?:job|alert))": 1.0,
        # "which of those have no docs?": documentation is descriptions
        r"\b(?:no|missing|without|lack\w*|need|write) (?:the )?(?:docs|documentation|docs? blocks?)\b": 1.0,
        # "principals currently holding SELECT (or higher) on main.crm.customers": who holds a privilege on a table
        r"\b(?:holding|holds?|having|has|have|with) (?:select|modify|all privileges|read|write)(?: \(?or (?:higher|above|more)\)?)? "
        r"(?:on|to)\b": 1.0,
        # "who's allowed to spin up GPU clusters": who may create compute
        r"\b(?:allowed|permitted|able|entitled) to (?:spin up|create|launch|start|provision)\b|\bwho can (?:spin up|create|"
        r"launch|provision) (?:\w+ ){0,2}(?:clusters?|warehouses?|compute)\b": 1.0,
        # "trace how billing data moves from the system table into the reporting layer, naming each intermediate object"
        r"\btrace (?:how|where) (?:\w+ ){0,3}(?:moves?|flows?|goes|travels?|gets)\b|\bintermediate (?:objects?|tables?|steps?|"
        r"layers?)\b|\bdata flows?\b": 1.0,
        # "any outsiders with access on that one?": who from outside holds a grant
        r"\b(?:outsiders?|externals?|external (?:users?|people|parties|accounts?|folks)|third[- ]part(?:y|ies)|vendors?) "
        r"(?:\w+ ){0,2}(?:with|have|has|having|holding|got) (?:\w+ )?(?:access|grants?|permissions?)\b": 1.0,
        # "anything to worry about from a privacy standpoint?": who can see personal data and whether it is tagged
        r"\bprivacy\b|\bdata protection\b|\bgdpr\b": 0.9,
        # "tables nobody bothered to document", "tables without docs": missing descriptions
        r"\b(?:tables?|datasets?|models?|columns?)\b.{0,30}\b(?:nobody|no ?one|never)\b.{0,20}\bdocument\w*|"
        r"\b(?:tables?|datasets?|columns?) (?:without|with no|missing|lacking) (?:any )?(?:docs?|documentation|comments?)\b|"
        r"\b(?:docs?|documentation) (?:gaps?|coverage|debt)\b": 1.2,
        # "is that table even documented properly?", "are those columns described at all": whether it has descriptions
        r"\b(?:is|are|was|were) (?:(?:it|they|that|this|those|these|the|our|its)\s+)?(?:[\w.-]+\s+){0,2}?(?:even |properly |"
        r"actually |really |at all |fully )?(?:documented|described|commented)\b|\b(?:documented|described|commented) "
        r"(?:properly|correctly|well|at all|anywhere)\b": 1.0,
        # "who currently holds read on that table", "the full entitlement list": its grants
        r"\b(?:holds?|holding|has|have|having|with|got) (?:read|select|write|modify|manage|owner(?:ship)?|all privileges)"
        r"(?: access| rights?| permissions?)? (?:on|to)\b|\bentitlements?\b": 1.0,
        # "which tables have PII": where sensitive data lives (its classification), beside who reads it
        r"(?:which|what|any) (?:\w+ )?tables? (?:have|has|hold|holds|contain|contains|carry|carries|store|stores) "
        r"(?:any )?(?:pii|personal|sensitive)": 1.0,
        # "the principals that can read main.crm.customers": who may read it (its grants)
        r"(?:principals|users|groups|people|accounts|identities) (?:that|who|which) (?:can|could|may|are able to) "
        r"(?:read|query|select|access|see)\b": 1.0,
        # "revoke it, or is there a policy way to handle contractors?": taking a grant back, or governing access by
        # policy (a row filter, a column mask, a tag-based policy) instead of grant by grant
        r"\brevok(?:e|es|ed|ing)\b(?! (?:\w+ )?(?:tokens?|pats?|keys?|secrets?|sessions?|certs?|certificates?)\b)|"
        r"\bpolicy (?:way|approach|route|option|instead)\b|\b(?:access|abac|tag[- ]based|row[- ]level|column[- ]level|"
        r"masking|governance) polic(?:y|ies)\b|\b(?:row filters?|column masks?|masking rules?)\b": 0.8,
        # "should we take away his access": a grant to revoke
        r"take (?:away|back) (?:\w+ ){0,2}(?:access|permissions?|rights|grants?|privileges?)|"
        r"(?:pull|remove|cut off) (?:his|her|their|that|the|its) (?:\w+ )?(?:access|permissions?|rights|grants?)": 1.0,
        # "an upstream column type change" is a cause, not a lineage question
        r"lineage|(?<!broke )(?<!failed )(?<!wrong )(?<!changed )(?<!happened )(?<!bug )(?<!bugs )(?<!problem )(?<!issue )(?<!error )upstream(?! (?:\w+ ){0,2}(?:changes?|fail\w*|errors?|crash\w*|broke|break\w*|died|schema|columns?|types?|problems?|issues?|outages?|bugs?|"
        r"late|delay\w*|landed|arrived|slow|(?:are |is |went |gone |look(?:s|ing)? )?(?:stale|outdated|behind)))|"
        r"downstream(?! (?:teams?|users?|people|folks|stakeholders|customers|colleagues|analysts))"
        # ("is that why the downstream feature tables landed late": their lateness, caused upstream)
        r"(?! (?:[\w-]+ ){0,3}(?:landed|land|arrived|refreshed|were|was|look|looks|looked|seem|seems|seemed) (?:late|stale|"
        r"delayed|behind|off|wrong|weird|odd|broken|funny))|"
        # "what depends on it"; "finance depends on it" is a team's reliance, not lineage
        r"(?<!credits )(?<!credit )(?<!payments )(?<!bonuses )(?<!contracts )(?<!finance )(?<!business )(?<!we )(?<!they )(?<!team )(?<!people )(?<!everyone )(?<!scientists )(?<!analysts )"
        r"(?<!engineers )(?<!users )(?<!folks )(?<!customers )(?<!teams )(?<!stakeholders )(?<!colleagues )(?<!i )"
        r"(?<!you )(?<!it )(?<!'it )(?<!that )depend(?!ab)\w*|consumes?|reads from": 1.0,
        # "the provenance of the data of orders_gold": where it comes from, its lineage
        r"\bprovenance\b|\bdata origin\b|\borigin of (?:the |its |this |that )?data\b": 1.0,
        # "what feeds the gold table?": its sources
        r"\b(?:what|which \w+) (?:feeds?|fills?|populates?|loads?(?: into)?|writes? (?:to|into))\b|"
        # "which jobs failed, and did any of them write to financial tables?": what the named jobs write
        r"\b(?:did|do|does) (?:any|either|one|some|all|none|each) of (?:them|those|these|the \w+) (?:write|load|feed|populate)s? "
        r"(?:in)?to\b": 1.0,
        # "does system.billing.usage feed anything in gold? trace it": what it feeds
        r"\b(?:does|do|did) (?:\w[\w.]* ){1,3}feed (?:anything|something|any|into|other)\b|\bwhat does (?:\w[\w.]* ){1,3}feed\b|"
        r"\btrace (?:it|that|this|them)(?: (?:back|through|for me|down))?\b": 1.0,
        # "where does the usage fact table actually pull from?": its sources
        r"where (?:does|do|did) .{0,50}\b(?:pull|read|load|source|get)\w* (?:its |their )?(?:data |rows )?from\b|"
        # "which tables does that gold table pull from?": the same, asked of which tables
        r"\b(?:what|which) (?:\w+ )?(?:tables?|sources?|datasets?) (?:does|do|did) .{0,50}\b(?:pull|read|load|draw|take|"
        r"source|get|build|come)\w* (?:its |their )?(?:data |rows )?from\b": 1.0,
        # "walk me through the chain from the raw table up to gold", "raw -> gold": a lineage path
        r"\b(?:chain|path|flow|hops?) (?:\w+ ){0,2}from\b|\s(?:->|→|=>)\s": 1.0,
        # "which tables has nobody read in 90 days? archive candidates", "heaviest readers of orders_gold": a table's use
        r"(?<!on the )(?:tables?|datasets?)\b.{0,30}\b(?:nobody|no ?one)\b.{0,15}\b(?:read|reads|uses?|used|touch\w*|quer\w*|open\w*)\b|"
        r"(?:tables?|datasets?)\b.{0,20}\b(?:haven'?t|hasn'?t|have not|has not|never|not)\s+(?:been\s+)?(?:read|used|touched|"
        r"queried|opened)\b|"
        r"(?:nobody|no ?one) (?:has |have |even )?(?:\w+ )?(?:read|uses?|used|touch\w*|queried|opened) (?:\w+ )?"
        r"(?:tables?|datasets?)|(?:unused|unread|orphan\w*|abandoned) tables?|(?:want|need|plan\w*|looking|going) to "
        r"archive|archiv\w* candidates?|candidates? (?:for|to) (?:archiv|deprecat|retir|drop|delet)\w*|(?:heaviest|top|"
        r"biggest|main|frequent|regular) (?:readers|consumers)|readers? of": 1.0,
        r"blast radius|impact analysis|if (?:i|we) (?:drop|delete|remove|rename|deprecate)\w*(?! (?:its |the |our |that )?"
        r"(?:auto[- ]?\w+|timeout|idle|setting|size|price|count|number|min\w*|max\w*|limit|threshold|retention)\b)"
        r"(?![^.?!]{0,50}\bto (?:like |about |around |roughly )?\d)|"
        r"what (?:would|will|could) break": 1.0,
        r"get\w* (?:its|their) data from|where does .{0,80}\b(?:come|get\w*) .{0,20}\bfrom|(?:up|down) the chain|"
        # "which tables does it write to": what a job or pipeline writes, lineage's
        r"\bwhich (?:tables|datasets) (?:does|do|did) (?:it|they|that|this|the \w+|[\w-]+) (?:\w+ )?(?:write|load|populate|fill|"
        r"feed|update)\w*|\bwhat (?:does|do|did) (?:it|they|that|this|[\w-]+) (?:write|load|populate)\w* (?:to|into)\b|"
        # "where do the cost numbers originally come from? what's the very first source": lineage back to the start
        r"\boriginally (?:come|came|comes|coming) from\b|\b(?:very )?first source\b|"
        # "trace where orders_gold comes from" (not "where did they come from", said of logins)
        r"\bwhere (?:the |that |this |our )?[\w.-]+ (?:table |data |rows |numbers |figures )?comes? from\b|"
        # "the usage table: what is it built from? fed straight from the system tables?"
        r"\b(?:built|derived|sourced|fed|loaded|populated) (?:\w+ )?from\b": 1.0,
        # ("can every dollar be traced back to an owning team?": spend's attribution, not lineage)
        rf"trac\w* (?:\w+ ){{0,6}}back(?! to {OWNER_OF_SPEND})|(?:original|ultimate|upstream|raw) sources?|back to (?:its|the|their) sources?|"
        # ("which workspace is that coming from?": which of a place or an owner, not lineage)
        # ("are those untagged charges coming from": a sum of money's origin, its drivers)
        r"end[- ]to[- ]end lineage|(?<!which )(?<!what )(?:is|are) (?!(?:(?:most|much|all|some|part|the bulk) of )?(?:that|it|this|(?:the|those|these|our|that|this) "
        r"(?:\w+ )?(?:spend|cost|costs|money|bill|charges?|dollars|dbus?|jump|spike|increase)) (?:all |mostly |mainly )?coming "
        r"from)(?:\w+ ){0,6}coming from": 1.0,
        r"grants?|granted|privileges?|permissions?|modify|select on": 0.7,
        r"who (?:has|can) (?:access|see)|who can read|access review\w*|recertif\w*|"
        # "who outside the core team can currently read the customer PII table?"
        r"\bwho (?:(?!did|has|had|was|were|is|are)\w+ ){1,4}(?:can|could|may|is able to|are able to) (?:currently |still |actually |now )?"
        r"(?:read|see|query|access|select from|open)\b|"
        r"what (?:can|could|may) (?:\w+ ){0,3}(?:actually )?(?:read|see|access|query|touch)": 1.0,
        r"(?:able|allowed|permitted|entitled) to (?:read|see|query|access|write|modify|use|select|look at|view|open)": 1.0,
        # "read access" is a permission; "who has read the table" (past tense) is an access question
        r"(?:read|write|select|modify|admin|owner) (?:access|permissions?|rights|privileges?)|"
        r"who (?:else )?(?:has|have|can|could) (?:\w+ )?(?:access|select|query|see|write|modify)\b|"
        r"who (?:else |all |exactly |actually |now |currently )?(?:can|could) (?:\w+ )?read\b|"
        # "other jobs or pipelines reading main.sales.orders_raw": what reads the table, in its lineage
        r"\b(?:jobs?|pipelines?|processes|notebooks?|dashboards?|tables?|consumers?) (?:that )?(?:are |is )?(?:reading|read|"
        r"reads|consum\w*|depend\w* on|built on|fed by|feeding off) (?:from )?(?:the |that |this )?table\b|"
        # "whether anyone outside the company can see customer data": who is able to, by the grants
        r"\b(?:anyone|anybody|someone|somebody|people|users|any (?:users?|groups?|externals?|contractors?|vendors?))"
        r" (?:\w+ ){0,4}(?:can|could|is able to|are able to) (?:still )?(?:see|read|access|view|query|get at|open)\b|"
        # "which jobs or pipelines write into orders silver": the table's writers, in the lineage
        r"\b(?:which|what) (?:jobs?|pipelines?|processes?|notebooks?|tasks?)(?: or (?:jobs?|pipelines?|notebooks?))? "
        r"(?:\w+ )?(?:write|writes|load|loads|populate|populates|feed|feeds|fill|fills)(?: in)?(?:to| into)?\b|"
        # "who's reading our PII tables, and should they be?": whether the access is warranted, an access review
        r"\bshould (?:they|he|she|that (?:user|group|person)|those (?:users|people|groups)) (?:still )?(?:be|have)\b|"
        # "is anyone still using main.sales.orders_silver": a table's readers (its usage)
        r"\b(?:is|are|was|does|do) (?:anybody|anyone|someone|somebody) (?:even |actually |still )?(?:us(?:e|ing)|read(?:ing)?|"
        r"query(?:ing)?|touch(?:ing)?) (?:the |that |this )?(?:[\w-]+ ){0,2}(?:tables?|views?)\b|"
        # "which of those hold personal data": the tables classified as PII
        r"\b(?:hold|holds|holding|contain\w*|carr(?:y|ies)|stor(?:e|es|ing)|have|has) (?:any )?(?:personal|sensitive|pii|"
        r"customer personal) (?:data|info\w*|fields?|columns?)\b|"
        # "contractors can now see customer data?": a permission someone has, newly or still
        r"(?<!\bi )(?<!\bwe )(?<!\byou )(?:can|could) (?:now|still|suddenly|apparently|actually|really) (?:see|read|access|query|view|open)\b|"
        # "check what the contractors group can actually see": what a principal's grants let it read
        r"\bwhat (?!(?:can|could|i|we|you)\b)(?:\w+ ){1,3}(?:can|could|is able to|are able to) (?:actually |really |currently )?"
        r"(?:see|read|access|query|view)\b|"
        # "what can that principal actually get at?", "what could automation-sp reach": what its grants let it touch
        r"\bwhat (?:can|could) (?:that |this |the |our )?(?!(?:we|i|you)\b)(?:[\w.@-]+\s+){1,3}?(?:actually |really |currently |even )?"
        r"(?:get at|get into|reach|touch|see|read|access|query|view|open)\b|"
        # "ppl w/ access to pii tbls + who gave it to them": who holds access, and who granted it
        r"(?:people|ppl|users|principals|folks|accounts|groups|anyone|everyone|everybody) (?:w/|with|that have|who have|"
        r"having) (?:\w+ )?access\b|who (?:gave|granted|handed) (?:it|them|that|this|access)\b": 1.0,
        r"owners?|owns|owned|ownership|comments?|descriptions?|undocumented|metadata|documentation": 0.7,
        r"tags?|tagged|classification": 0.5,
        # "PII-looking columns in tables NOT tagged as PII": classification of sensitive data
        r"(?:marked|tagged|flagged|labell?ed|classified) (?:as )?(?:sensitive|pii|personal|confidential|restricted)|"
        r"(?:pii|sensitive|personal|confidential)[- ](?:tagged|flagged|labell?ed|classified)\b|"
        r"(?:does|do|is there|are there) (?:it|that|this|they|the table|any) (?:\w+ )?(?:contain|have|hold|carry|store|include)"
        r"\w* (?:any )?(?:pii|personal|sensitive)|"
        r"(?:pii|sensitive|personal)[- ](?:looking|like) (?:columns?|data|fields?)|(?:not|un|isn'?t|aren'?t) ?tagged (?:as )?"
        r"(?:pii|sensitive|personal)|(?:columns?|fields?) (?:\w+ ){0,3}(?:emails?|phone|ssn|names?|addresses)": 1.0, r"personal (?:info\w*|data)|locked down|who can see": 0.7, r"(?<!sla )(?<!slo )(?<!schedule )complian\w*|soc ?2|gdpr|hipaa|pci( dss)?|iso ?27001|audit readiness": 1.0,
        # ("fix the orders_raw schema": a table's columns, not a catalog's schema)
        r"governance|catalog|(?<!smth )(?<!something )(?<!table )(?<!table's )schemas?(?! (?:change|drift|evolution|mismatch|related|issue|problem|error|thing|break))|unity catalog|retention|mask\w*|"
        r"row filters?": 0.7,
    },
    "optimization": {
        # "should it run on a different kind of compute?": a cheaper or better fitting compute type
        r"\b(?:different|other|another|cheaper|better|right|wrong) (?:kind|type|sort|class) of compute\b|\brun (?:it |this |that |them )?"
        r"on (?:a )?(?:different|cheaper|other|another) (?:kind of |type of )?(?:compute|cluster|warehouse)\b": 1.0,
        # "what does it cost today vs what it would cost on jobs compute?": the same work priced on cheaper compute
        r"\bwhat (?:it|they|that|this|each|the \w+) would cost (?:on|with|using|under|if (?:we|it|they) (?:moved|switched|ran))\b|"
        r"\b(?:would|could|will) cost (?:\w+ ){0,2}on (?:jobs?|serverless|job|spot) compute\b": 1.0,
        # "share of uptime at near-zero CPU": running time that did nothing (idle compute)
        r"\b(?:running time|uptime)\b (?:\w+ ){0,2}(?:at|with|under) (?:near[- ]?zero|zero|low|no|minimal) (?:cpu|load|"
        r"utili[sz]ation)\b": 1.0,
        # "is it bigger than what we actually need?": sized beyond its load
        r"\b(?:bigger|larger|more|beefier) than (?:what )?(?:we|they|it|you|anyone) (?:actually |really |even )?(?:need|use)s?\b": 1.0,
        # "leadership wants 10% off the data platform bill. where would you start?": a saving target to find
        r"\b\d+ ?(?:%|percent|per ?cent) (?:off|cut|reduction|less|lower|savings?)\b|\b(?:cut|trim|shave|take|reduce|lower|"
        r"bring down) (?:\w+ ){0,4}?(?:by )?\d+ ?(?:%|percent|per ?cent)\b": 1.0,
        # "how quickly could we bank that?", "can we bank those savings this quarter": realise a saving found
        r"\bbank (?:that|this|it|those|these|the (?:\w+ )?(?:savings?|money|win))\b|\b(?:quick win|config change or|"
        r"(?:a |one )?(?:simple |quick |just a )?config(?:uration)? change)\b.{0,40}\b(?:bigger|larger|real|proper) "
        r"(?:project|effort|piece of work)\b": 1.0,
        # "daily_report: is it set up the cheap way or not?": whether it runs on the cheaper compute
        r"\b(?:set ?up|configured|running|run|built) (?:the |in the )?(?:cheap|cheapest|cheaper|cost[- ]?effective|efficient|"
        r"expensive|pricey|costly|wasteful) way\b": 1.0,
        # "can every dollar of our spend be traced back to an owning team?": spend attributed to its owners (tags)
        SPEND_TRACED_TO_OWNER: 1.0,
        # "where are we paying for computing power we simply don't use?": capacity nobody uses
        r"\b(?:compute|computing(?: power)?|capacity|clusters?|warehouses?|machines|nodes|resources|gpus?)\b (?:that )?(?:we|they|"
        r"people|teams?|anyone|anybody) (?:\w+ )?(?:don'?t|do not|never|barely|hardly|rarely) (?:even )?use\b": 1.0,
        # "analytics-adhoc: keep it or kill it?": whether a resource is worth what it costs
        r"\b(?:keep|retain) (?:it|them|that|this|these|those|the \w+) (?:or|vs\.?|versus) (?:kill|drop|shut|turn|delete|"
        r"decommission|retire|remove|get rid of|switch)\w*\b|\b(?:kill|decommission|retire|get rid of|shut down) "
        r"(?:it|them|that one|this one)\s*\?": 1.0,
        # "is the bi-warehouse sized correct?", "right-sized?": the size against what is used
        r"\b(?:sized|provisioned) (?:correct(?:ly)?|right|properly|appropriately|well|ok)\b|\bright-?siz\w*|"
        # "are our SQL warehouses appropriately sized for their load?": the same, the adverb first
        r"\b(?:correctly|properly|appropriately|adequately|sensibly|reasonably|badly|poorly)[- ](?:sized|provisioned)\b|"
        r"\boversized\b": 1.0,
        # "what does it cost to keep the dashboard database running overnight when nobody is using it?": idle compute
        r"\b(?:running|on|up|idle|awake|alive)\b(?:\s+[\w-]+){0,3}\s+(?:when|while|if|even though) (?:nobody|no ?one|no-one)"
        r"(?:'s| is| are)? (?:even |actually |really )?(?:using|uses|on|touching|querying|working)\b|"
        # "compute nobody is actually using", "clusters no one has touched in weeks": idle capacity
        r"\b(?:compute|clusters?|warehouses?|endpoints?|machines?|resources?|capacity|nodes?|gpus?) (?:that )?(?:nobody|no ?one|"
        r"no-one)(?:'s| is| are| has| have)? (?:even |actually |really |ever )?(?:using|uses|used|touching|touched|querying)\b": 1.0,
        # "and which ones are doing basically nothing?": idle compute
        r"\bdoing (?:basically |pretty much |practically |absolutely |next to )?nothing\b|\bsitting (?:around )?doing nothing\b": 1.0,
        # "three concrete ways to bring the Databricks bill down next quarter": levers to lower the spend
        r"\b(?:ways?|ideas?|options?|levers?|steps?|things? (?:we|i) (?:can|could) do) to (?:cut|reduce|lower|trim|shrink|"
        r"bring down|bring (?:the |our )?(?:\w+ ){0,2}(?:bill|spend|costs?) down)\b|\bbring (?:the |our )?(?:\w+ ){0,2}"
        r"(?:bill|spend|costs?) down\b": 1.0,
        # "how much of that could we have avoided?", "low saturation but we still pay for them around the clock": waste
        r"\bhow much of (?:it|that|this|them|those) (?:could|might|should) (?:we|i|they|you) have (?:avoided|saved|prevented)\b|"
        r"\blow (?:saturation|utili[sz]ation|usage|load)\b|\b(?:still )?pay(?:ing)? for (?:them|it|those|that) (?:around the clock|"
        r"24/7|all (?:day|night)|when (?:idle|nobody|no ?one))": 1.0,
        # "are we paying for capacity we don't need?", "over-provisioned warehouses": capacity beyond the load
        r"\bpay(?:ing)? for (?:\w+ )?(?:capacity|compute|clusters?|nodes?|dbus?|headroom|size) (?:that )?(?:we (?:don'?t|do not|"
        r"never) (?:\w+ )?(?:need|use)|(?:nobody|no ?one) (?:\w+ )?(?:needs|uses|touches))\b|\bover-?provision\w*|\bover-?sized?\b": 1.0,
        # "where can we claw some of that back": savings
        r"\bclaw (?:\w+ ){0,4}back\b|\bclaw-?backs?\b": 1.0,
        # "how do i make our bill smaller lol": savings
        r"\bmake (?:our |the |my )?(?:bill|spend|costs?|invoice) (?:smaller|lower|cheaper|go down)\b|\b(?:shrink|trim|reduce|"
        r"lower|cut) (?:our |the |my )?(?:bill|invoice)\b": 1.0,
        # "which clusters were running hot and which ones were basically asleep?": idle compute
        r"\b(?:clusters?|warehouses?|compute|nodes?|machines?|ones|they|it|resources?|endpoints?)\b (?:\w+ ){0,3}?"
        r"(?:basically |mostly |just )?(?:asleep|sleeping|dozing|napping)\b": 1.0,
        # "what can we do to bring it back within budget without stopping model training?": savings to meet a budget
        r"\b(?:bring|get|keep|pull) (?:it|that|this|them|costs?|spend\w*|the (?:spend|bill|costs?)) (?:back )?(?:with)?in(?:side)? "
        r"(?:the |our |its )?budget\b|\b(?:bring|get|pull|put|drive|push|steer) (?:it|that|this|them|costs?|spend|"
        r"the (?:spend|bill|costs?)) back (?:under|below|to|within|in line with) (?:the |our |its )?budget\b": 1.0,
        # "what levers do we have?", "which levers can we pull": the means to lower the spend
        r"\b(?:what|which|any|the|our) (?:\w+ )?levers? (?:do|can|could|would|should|are there|have|might|we)\b|\bpull (?:\w+ )?"
        r"levers?\b": 0.9,
        # "is it running on the wrong (pricier) kind of compute?": the compute type a workload should use
        r"\b(?:wrong|pricier|pricey|expensive|costlier|right|cheaper|best|better) (?:\(?[\w-]+\)? ){0,2}(?:kind|type|sort|class|"
        r"flavou?r) of (?:compute|clusters?|machines?|nodes?|instances?|warehouses?)\b|\b(?:on|using) (?:the )?(?:wrong|pricier|pricey|"
        r"overpriced) (?:compute|clusters?|machines?|nodes?)\b": 1.0,
        # "which cost-saving measures could we book", "is any of it avoidable?" (of the spend just shown): savings
        r"\bcost[- ]?(?:sav\w*|cutting|reduction|avoidance)\b|\b(?:savings?|cost[- ]cutting) (?:measures?|opportunit\w*|levers?|"
        r"initiatives?|ideas?|options?|candidates?)\b|\b(?:any|much|how much|some|part|which|what share|what part) of (?:it|that|"
        r"this|them|those|the (?:spend|bill|costs?)) (?:\w+ ){0,2}avoidable\b": 1.0,
        # "any spend we could have avoided": the savings the advisor finds
        r"\b(?:spend|spending|cost|costs|money|dbus?|compute)\b (?:\w+ ){0,3}(?:could|might|should)(?: we| i| you| they)? "
        r"have (?:been )?"
        r"(?:avoided|saved|cut|prevented|skipped)\b|\bavoidable (?:spend|costs?|compute|dbus?)\b": 1.0,
        # "how much would that knock off the month's total": what a fix would save
        r"knock\w* (?:\w+ ){0,2}off|shave\w* (?:\w+ ){0,2}off|take\w* (?:\w+ ){0,2}off the (?:bill|total)": 1.0,
        # "what we leave on the table each month if nobody touches it": savings not taken
        r"\b(?:leav\w*|left)\b.{0,25}\bon the table\b|\bmoney (?:we'?re )?(?:wasting|burning)\b": 1.2,
        r"sav(e|es|ed|ing|ings)": 1.0, r"optimi[sz]\w*": 1.0, r"idle|unused|underutili[sz]ed|underused": 1.0,
        # "I use it once a week and it seems to stay up forever": compute left running after its work is done
        r"\b(?:stays?|stayed|staying|left|sits?|sitting|keeps? running|running|is up|are up) (?:\w+ ){0,2}?(?:up |on |running )?"
        r"(?:forever|for ever|for (?:hours|days|ages) after|all (?:day|night|weekend)(?: long)? (?:for|with|after)|24/7 for)\b|"
        # "warehouses or clusters here that stay running too long": compute left on past its work (its auto-stop)
        r"\b(?:stays?|stayed|staying|left|keeps?|kept|remains?|remained) (?:on|up|running|alive) (?:for )?(?:too long|way too long|"
        r"longer than (?:needed|necessary|it should|they should))\b|"
        r"\bnever (?:shuts?|turns?|spins?|scales?) (?:\w+ )?(?:down|off)\b|"
        # "how long does it stay up before auto-terminating": the idle time its auto-stop allows
        r"\b(?:stays?|stayed|staying|remains?|keeps? running|runs?) (?:up |on |running |idle )?(?:\w+ ){0,2}?(?:before|until|till) "
        r"(?:it )?(?:auto-?terminat\w*|auto-?stop\w*|shut\w* (?:down|off)|terminat\w*|turns? off|spins? down)|"
        # "does bi-warehouse cost more than it should overnight when nobody's looking": money spent on nothing
        r"\b(?:cost|costs|costing|spend\w*|pay\w*|burn\w*) more than (?:it|they|we|that|this) (?:really )?(?:should|needs?|ought)\b|"
        r"\bwhen nobody'?s (?:looking|using|watching|around|on)\b|\bwhen no ?one'?s (?:looking|using|around|on)\b": 1.0,
        # "is that adhoc cluster even being used?": use of compute that may sit idle
        r"\b(?:is|are) (?:that|this|those|the|our) (?:[\w-]+ ){0,3}(?:clusters?|warehouses?|endpoints?|compute|box(?:es)?|"
        r"machines?) (?:\w+ )?(?:even|actually|ever|really) (?:being )?used\b": 1.0,
        # "up all week doing basically nothing": running idle
        r"\b(?:up|on|running) (?:all|the whole) (?:day|night|week|weekend|month) (?:long )?doing (?:\w+ ){0,2}nothing\b": 1.0,
        # "should I scale bi-warehouse down overnight? what does the load look like after hours"
        # "what's the single dumbest thing we're paying for rn": spend with nothing to show for it
        r"\b(?:dumbest|stupidest|silliest|most wasteful|most pointless|most useless|worst value)\b (?:\w+ ){0,2}(?:we'?re |we are |"
        r"we )?(?:paying|spending|burning|running)\b": 1.0,
        # "would resizing the warehouse actually help?", "what if we shrank it at night?": the size of the compute
        r"\bresiz\w*(?! events?\b| actions?\b| calls?\b)|\bshr[iau]nk\w*": 1.0,
        r"\bscal\w* (?:\w+[\w-]* ){0,2}down\b|\bquiet hours\b|\bdown-?siz\w*|\b(?:smaller|bigger|larger) (?:warehouse|cluster|size|"
        r"t-shirt size)\b": 1.0,
        r"\bsized wrong(?:ly)?\b|\bwrong(?:ly)?[- ]sized?\b|\bmis-?sized\b|\bthe wrong size\b|"
        r"oversized?|over-?provisioned|right[- ]?siz\w*|downsiz\w*|upsiz\w*|undersized?|sized (?:right|correctly|properly|"
        r"appropriately|well|sensibly|reasonably|ok|okay|for (?:that|this|the|its) (?:kind of )?(?:load|workload|usage|traffic))|siz(?:e|ing) (?:it |them |that )?(?:up|down)|too big|too small|(?:ask|asking|request\w*) for (?:a )?(?:bigger|larger) (?:one|size|warehouse|cluster|instance)|(?<!is that )(?<!is this )(?<!be )overkill|(?:bigger|larger) than (?:it |we |they )?"
        r"(?:needs?|needed|necessary|required)|more (?:capacity|compute|nodes) than (?:it |we |they )?need\w*": 1.0,
        r"auto[- ]?(?:stop\w*|terminat\w*)|autotermination|auto[- ]?term\b": 1.0,
        # "what if it auto-terminated after 15 minutes? what does that buy us per month?": what a change saves
        r"\bwhat (?:does|would|will|could) (?:that|it|this|the change) (?:buy|save|get|gain) (?:us|me)\b": 1.0, r"all[- ]purpose|interactive clusters?": 0.7,
        r"jobs compute|job clusters?|serverless|spot|photon": 0.6,
        r"(?:runs?|ran|running) on (?:an? |the |our )?(?:[\w-]+ ){0,2}?['\"“‘]?(?:all[- ]purpose|interactive)|"
        # "runs on the pricey interactive machines instead of the cheap batch ones": the compute type, against another
        r"(?:all[- ]purpose|interactive) (?:\w+ )?(?:machines|compute|clusters?|boxes|nodes|vms) (?:\w+ )?(?:instead of|vs\.?|"
        r"versus|rather than|over|not)\b|all[- ]purpose\W{0,3} "
        r"(?:instead of|vs\.?|versus|rather than|or) \W{0,3}jobs?\b": 1.0,
        # "is the report job running on compute that is too expensive? worth switching?": the compute a job runs on
        r"(?:runs?|ran|running) on (?:\w+ ){0,2}(?:compute|clusters?|machines|instances?) (?:that(?:'s| is) )?(?:too |very |so )?"
        r"(?:expensive|pricey|costly)|(?:runs?|ran|running) on (?:too |very |so )?(?:expensive|pricey|costly) "
        r"(?:compute|clusters?|machines|instances?)|worth (?:switching|moving|migrating|changing)\b": 1.0,
        r"(?:right|wrong|best|cheapest|correct|appropriate) (?:kind|type|sort|size) of (?:compute|cluster|warehouse)s?|"
        r"(?:right|wrong|best|cheaper|cheapest|correct) (?:compute|cluster|instance|node|warehouse) (?:type|kind|size|tier)s?|"
        r"\boverpa(?:y|ys|ying|id)\b|"
        r"(?:compute|cluster|instance) types? (?:\w+ ){0,3}(?:right|wrong|cheaper)": 1.0,
        # "how much of dev spend has no cost tag": spend nobody can be charged for, the advisor's untagged spend
        r"\b(?:spend\w*|spent|costs?|bills?|dbus?|charges?|dollars)\b[^.?!]{0,30}?\b(?:has|have|had|with|carr\w*|"
        r"bears?|gets?)? ?(?:no|without|missing|lacking) (?:a |any )?(?:cost[- ]?(?:cent(?:er|re) |attribution |allocation )?|"
        r"team |owner |project |chargeback )?tags?\b": 1.2,
        # spend without cost tags ("NOT tagged as PII" is a table's classification, governance's)
        r"(?:untagged|without tags|missing (cost )?tags|(?:is|are|was|were) ?n[o']t tagged|(?:isn|aren|wasn|weren)'?t tagged)"
        r"(?! (?:as|with) (?:pii|sensitive|personal|confidential|restricted|gdpr)\b)(?! (?:tables?|datasets?|columns?|schemas?|"
        r"catalogs?|views?)\b)": 1.0,
        r"(?:no|without|missing) (?:a |any )?(?:[\w-]+ ){0,2}tags?|unattributed|unallocated|(?:can'?t|cannot|could ?n'?t|"
        r"unable to) (?:be )?(?:trace|tie|map|allocate|assign|attribute)\w* (?:\w+ ){0,3}to (?:a |any )?(?:\w+ )?"
        r"(?:team|project|owner|cost[- ]cent\w*|business unit|department)": 1.0,
        # (not "before I cut the release": a release branch; not "the legend keeps getting cut off")
        r"(?<!was )(?<!is )(?<!were )(?<!are )(?<!visibly )(?<!much )(?<!any )(?<!noticeably )(cut(?!-?over)|reduce|lower|trim|shrink)\w*(?! off\b)(?! over\b)(?! (?:the |a |an |our |this )?(?:release|branch|build|tag|rc|version)s?\b)": 0.7, r"(?:switch|turn|shut)\w* (?!it |that |this |them )(?:\w+ )?(?:off|down)": 0.9,
        # "switch it off": whatever "it" is (a model, a job) decides the area; a hint of savings only
        r"(?:switch|turn|shut)\w* (?:it|that|this|them) (?:off|down)": 0.4, r"(?<!the )cheap(?:er|est)|\bthe cheapest(?= (?:\w+ )?(?:way|option|setup|compute|instance|node|choice|alternative|plan|"
        r"approach|config\w*|tier|route|size|type|kind)s?\b)|less expensive|cost[- ]effective|wast\w*|zombie|left running": 0.9,
        r"efficien\w*|opportunit\w*|recommendations?": 0.5,
        r"burn\w* (?:through )?(?:[\w-]+ )?(?:cash|money|dollars|budget)|money pits?|sitting (?:there|around)|sits? (?:there|around|idle)|doing nothing|"
        r"to do nothing|(?:not|n't) (?:actually |really |even )?doing (?:any|much|real) (?:\w+ )?work|(?:switched|turned|left) on but|"
        r"(?:cost|costing|paying|spending|burning) (?:\w+ ){0,2}for nothing|(?:spend|pay|burn) less|nobody uses?|"
        r"no ?one (?:even )?uses?|not (?:even )?(?:being )?used|still (?:up|running|on)\b|(?:is|are|was) (?:anybody|anyone|"
        r"someone|somebody) (?:even |actually |still )?using(?! (?:the |that |this |our )?(?:tables?|views?|workspace|system|"
        r"platform|account|databricks)\b)|"
        r"(?:getting|get|gets) (?:\w+ ){0,3}use out of|"
        # "the cluster is up basically all day": always on, so is it used
        r"(?:up|on|running) (?:basically |pretty much |practically |almost )?(?:all day|24/7|24x7|around the clock|"
        r"nonstop|non-stop|all the time|all night)|nobody'?s? (?:\w+ )?(?:using|running|querying)|"
        r"(?:when|while) (?:nobody|no ?one)(?:'s| is| was)? (?:on|around|using|there)\b": 0.9,
        r"throw\w* (?:\w+ )?(?:money|cash|dollars) (?:away|down the drain)|stop paying for|(?:things|stuff) (?:we )?could (?:stop|"
        r"cut|turn off|drop)|quick(?:est)? wins?|easiest wins?|cheap(?:est)? wins?|easy wins?|low[- ]hanging fruit|bring (?:it|that|this|them|costs?|spend|the bill) down|lower the bill": 1.0,
        r"bleed\w* (?:money|cash)|\bplug\b|leak\w*|money down the drain|(?:pull|bring|get|rein) (?:it|that|this|them|"
        r"spend|costs?) (?:back )?(?:in line|under control|in)\b": 1.0,
        # "can we do anything to bring it back down?": the spend lowered again
        r"\bbring (?:it|that|this|them|spend|costs?|the (?:bill|spend|costs?)) back down\b": 1.0,
    },
}

#: The words people use for each area as a whole: "anything security-wise", "on the cost front", "reliability
#: stuff" ask for that area by name, as precisely as any cue.
AREA_WORDS: dict[str, str] = {
    "cost": r"cost|spend|spending|money|budget|billing|finops", "security": r"security|sec|infosec|secops",
    "performance": r"perf|performance", "reliability": r"reliability|uptime|availability|sre",
    "quality": r"data[- ]quality|quality|dq", "mlops": r"mlops|model", "governance": r"governance|compliance",
    "optimization": r"savings|optimi[sz]ation",
}
#: One word standing for an area in a list of asks ("for standup: cost, jobs, security"): a clause of only
#: that word asks for the area.
AREA_ITEMS: dict[str, str] = {
    "cost": r"costs?|spend(?:ing)?|money|budgets?|bill(?:ing)?|\$+", "security": r"security|sec|logins?|auth|audit",
    "performance": r"jobs?|job runs|runs|queries|perf|performance|clusters", "reliability": r"uptime|availability|"
    r"outages?|slas?|reliability|incidents", "quality": r"freshness|data qual(?:ity)?|dq|quality|expectations|data",
    "mlops": r"(?:ml )?models?|mlops|serving|endpoints", "governance": r"grants|permissions|lineage|governance|"
    r"docs|documentation", "optimization": r"savings|waste|optimi[sz]ation|idle clusters",
}
for _domain, _words in AREA_WORDS.items():
    DOMAIN_CUES[_domain][rf"(?:{_words})[- ](?:wise|related|ish|adjacent|flavou?red)|(?:on the )?(?:{_words}) (?:stuff|side|front|things|view|angle|"
                         r"perspective)"] = 1.0
_AREA_ITEM = {d: rf"^\W*(?:(?:and |or )?(?:in|on|for|about|around|across|from) )?(?:the |our |any |an? )?(?:{w})"
                 rf"(?: (?:view|side|angle|perspective|stuff|front|things))?\W*$"
              for d, w in {**AREA_ITEMS, **{d: f"{AREA_ITEMS[d]}|{AREA_WORDS[d]}" for d in AREA_ITEMS}}.items()}
for _domain, _item in _AREA_ITEM.items():
    DOMAIN_CUES[_domain][_item] = 1.0


def area_item(clause: str) -> str | None:
    """The area a clause names by one word ("jobs", "the uptime"), if it is only that."""
    low = clause.lower().strip()
    return next((d for d, p in _AREA_ITEM.items() if re.match(p, low)), None)

#: General knowledge, not this account's data ("the capital of estonia", "precision vs recall? interview tmrw", "the
#: typical GDPR fine if emails leaked"): declined whatever area words it holds.
GENERAL_KNOWLEDGE = re.compile(
    # "what is the legal retention period for invoices in France?": the law, not this account's data
    # (not "is our audit log retention long enough for SOX's legal retention period?": this account's logs)
    r"^(?![^\n]*\b(?:tables?|data|logs?|audit|system|databricks|catalog|schemas?|workspaces?)\b)[^\n]*?"
    r"\b(?:legal|statutory|mandatory|regulatory)\s+(?:retention|storage|archiving|keeping)\s+(?:period|duration|time|requirement)s?\b|"
    r"\bhow long (?:must|should|do|does|are) (?:we|i|you|companies|a company|businesses|firms) (?:\w+ )?(?:keep|retain|store|archive)"
    r" (?:invoices|receipts|payslips|contracts|tax records|employee records|paper\w*)\b|"
    # "what's the difference between LGPD and GDPR on consent?": two laws compared, not this account's compliance
    r"^(?![^\n]*\b(?:our|we|us|tables?|logs?|account|workspaces?|catalog|controls?|databricks)\b)[^\n]*?"
    r"\b(?:differ\w*|compare[sd]?|comparison|contrast)\b[^\n]{0,30}\b(?:gdpr|lgpd|ccpa|cpra|hipaa|sox|pci(?: dss)?|dsgvo|rgpd|"
    r"pipeda|nis ?2|dora|glba|ferpa)\b\s+(?:and|&|vs\.?|versus|or|to|from|with)\s+(?:the\s+)?(?:gdpr|lgpd|ccpa|cpra|hipaa|sox|"
    r"pci(?: dss)?|dsgvo|rgpd|pipeda|nis ?2|dora|glba|ferpa)\b|"
    r"^(?![^\n]*\b(?:our|we|us|tables?|logs?|account|workspaces?|catalog|controls?|databricks)\b)[^\n]*?"
    r"\b(?:gdpr|lgpd|ccpa|cpra|hipaa|sox|pci(?: dss)?|dsgvo|rgpd|pipeda|nis ?2|dora|glba|ferpa)\s+(?:differ\w*|compares?)\s+"
    r"(?:from|to|with)\s+(?:the\s+)?(?:gdpr|lgpd|ccpa|cpra|hipaa|sox|pci(?: dss)?|dsgvo|rgpd|pipeda|nis ?2|dora|glba|ferpa)\b|"
    # "why does learning-rate warmup help so much when training transformers?": machine-learning theory, not this account
    r"^(?![^\n]*\b(?:our|my|we|this account|workspace|job|endpoint|registered)\b)[^\n]*?\b(?:why|how) (?:(?:does|do|is|are|would) )?"
    r"(?:the )?(?:learning[- ]rate|lr|warm-?up|dropout|batch ?norm\w*|layer ?norm\w*|attention|self-attention|adam\w*|momentum|"
    r"weight decay|residual connections?|gradient (?:clipping|descent)|backprop\w*|label smoothing|early stopping)\b|"
    r"\bexplain (?:to me )?(?:how|why) (?:transformers?|attention|backprop\w*|gradient descent|dropout|batch ?norm\w*|"
    r"learning[- ]rate (?:warm-?up|schedules?))\b|"
    # "which EUR/USD rate for the month-end accrual?", "Databricks' share price after the IPO": markets, not the account
    r"\b(?:eur|usd|gbp|chf|jpy|cad|aud|brl|inr)\s*/\s*(?:eur|usd|gbp|chf|jpy|cad|aud|brl|inr)\b|\b(?:fx|forex|exchange|"
    r"currency|conversion) rates?\b(?![^.?!]{0,40}\b(?:in|of|on|for) (?:our|the) (?:bill|invoice|spend|usage|costs?)\b)|"
    r"\b(?:share|stock|equity) prices?\b|\b(?:ipo|market cap(?:itali[sz]ation)?|valuation of (?:databricks|snowflake|the company))\b|"
    # "the procedure to notify a data breach to the CNIL within 72 hours": a regulator's process, not the account
    r"\b(?:procedure|process|steps?|how|deadline|rules?)\b[^.?!]{0,40}\b(?:notify|notif\w+|report|declare)\w*\b[^.?!]{0,40}"
    r"\b(?:breach\w*|violation\w*)\b[^.?!]{0,40}\b(?:cnil|ico|garante|aepd|bfdi|anpd|dpc|regulators?|supervisory authorit\w*|"
    r"data protection authorit\w*|authorit(?:y|ies))\b|"
    # "a good regex for validating German IBANs": a coding chore, not this account's data
    r"\b(?:regex|regexp|regular expression)\b.{0,40}\b(?:for|to) (?:validat|match|pars|extract|check)\w*|"
    # "can you recommend a good Portuguese-English dictionary for compliance terms?": a reading list, not the account
    r"\brecommend (?:me |us )?(?:a|an|some|any) (?:good |great |decent )?(?:[\w-]+ ){0,3}(?:dictionar(?:y|ies)|books?|courses?|"
    r"podcasts?|textbooks?|glossar(?:y|ies)|certifications?|bootcamps?|papers?|articles?|blog ?posts?|blogs?|"
    r"tutorials?|videos?|talks?|newsletters?|reading)\b|"
    # "the exact wording of Article 17 GDPR", "quote section 164.312": a law's own text, not this account's compliance
    r"\b(?:wording|text|verbatim|quote)\b (?:of |from )?(?:the )?(?:article|art\.|section|§|clause|recital|paragraph)\s*\d|"
    r"\bquote (?:me |us )?(?:the )?(?:text of )?(?:article|art\.|section|§|recital)\s*\d|"
    # the weather anywhere ("what was the weather in Frankfurt the night of the outage?")
    r"\b(?:what|how) (?:was|is|'s|will be) the weather\b|\bweather (?:forecast|report) for\b|"
    r"\bwill it (?:rain|snow|be (?:sunny|cold|hot|warm|windy))\b|\bis it (?:raining|snowing)\b|"
    r"\b(?:capital (?:city )?of (?!the (?:account|platform|workspace))|who won the|settl\w* (?:an? |the )?"
    r"(?:argument|bet|debate|dispute))|"
    r"\b(?:(?:job |an? )?interview (?:tomorrow|tmrw|today|prep|next week)|(?:for|before|ahead of|prepping for|"
    r"preparing for) (?:an? |my |the )?(?:job )?interview\b|"
    r"not about our (?:stuff|account|data|platform)|general (?:q|question)\b)|"
    # "nothing to do w databricks, just need it fast": said to be outside this account
    r"\bnothing to do w(?:ith|/)? (?:databricks|this account|the platform|our (?:data )?platform)\b|"
    r"\b(?:fines?|penalt(?:y|ies))\b.{0,25}\b(?:gdpr|hipaa|ccpa|dsgvo|rgpd|lgpd)\b|"
    # a regulator's fines or a lawyer's view
    r"\b(?:gdpr|hipaa|ccpa|sox|pci|regulators?'?s?|regulatory|statutory)\b.{0,30}\b(?:fines?|penalt(?:y|ies)|"
    r"lawsuits?|damages)\b|\b(?:fines?|penalt(?:y|ies))\b.{0,20}\b(?:under|for breaching|for violating) "
    r"(?:the )?(?:gdpr|hipaa|ccpa)\b|\blegal advice\b|"
    # "the CET1 minimum capital requirement under Basel III": a banking rule's figure, not this account's
    r"\b(?:basel (?:ii|iii|iv|2|3|4)|cet ?1|tier[- ]1 capital|capital (?:requirements?|ratios?|adequacy)|solvency ii|"
    r"liquidity coverage ratio)\b|"
    # "Kannst du mir eine Datenschutzerklärung ... formulieren?": a privacy notice to write, in either word order
    r"\b(?:write|draft|compose|formulate)\b.{0,60}\bprivacy (?:notice|policy|statement)\b|\bprivacy (?:notice|policy|"
    r"statement)\b.{0,60}\b(?:write|draft|compose|formulate)\b|"
    # "what is the current ECB deposit rate?": a central bank's figure, not this account's
    r"\b(?:ecb|central bank|federal reserve|fed funds|euribor|libor|sofr|prime rate)\b|\b(?:deposit|interest|mortgage|"
    r"inflation) rates?\b|"
    # "I need a legal view: does seven years satisfy the storage limitation principle under Article 5(1)(e)?"
    r"\blegal (?:view|opinion|interpretation|assessment|reading|position|counsel)s?\b|"
    r"\bsatisf\w* (?:the )?(?:[\w-]+ ){0,3}(?:principle|requirement|article|obligation)s? (?:under|of|in) (?:the )?"
    r"(?:article|art\.|gdpr|lgpd|ccpa|hipaa|dsgvo|rgpd)\b|"
    # modelling advice ("help me tune xgboost, max_depth vs eta?"): a data scientist's craft, not this account's data
    r"\b(?:help me |how (?:do|should|would) (?:i|we) |how to |best way to )(?:tune|pick|choose|set|configure)\b.{0,40}"
    r"\b(?:xgboost|lightgbm|catboost|hyper-?parameters?|learning rate|max_depth|eta|batch size|epochs?|regulari[sz]ation)\b|"
    # "an excel formula that sums column B when column A says 'paid'": spreadsheet craft, not this account
    r"\b(?:excel|google sheets?|spreadsheet|libreoffice|numbers app) (?:formula|function|macro|pivot)s?\b|"
    r"\b(?:vlookup|xlookup|hlookup|sumifs?|countifs?|averageifs?|index[- ]match)\b|"
    # "the difference between ISO 27001 certification and a SOC 2 Type II report": what two standards are, not this account
    r"\bdifference between (?:an? |the )?(?:iso|soc|gdpr|hipaa|pci|sox|ccpa|nist|fedramp|lgpd|dsgvo|rgpd|cis)\b[^.?!]{0,40}"
    r"\b(?:and|vs\.?|versus) (?:an? |the )?(?:iso|soc|gdpr|hipaa|pci|sox|ccpa|nist|fedramp|lgpd|dsgvo|rgpd|cis)\b|"
    # "how do I fine-tune a BERT model with LoRA in PyTorch?": how to code a model, not this account's models
    r"\b(?:help me |how (?:do|should|would|can) (?:i|we|you) |how to |best way to |walk me through (?:how to )?)"
    r"(?:fine-?tune|train|implement|build|code|write|quantize|distil+)\b.{0,60}\b(?:in|with|using) "
    r"(?:pytorch|torch|tensorflow|keras|jax|hugging ?face|transformers|scikit-learn|sklearn|lora|peft|deepspeed)\b|"
    # "what's the best password manager to roll out, 1password or bitwarden?": a product choice, not this account's data
    r"\b(?:best|which|good|recommend\w*)\b.{0,30}\bpassword managers?\b|\b(?:1password|bitwarden|lastpass|keepass|dashlane)\b"
    r".{0,20}\bor\b.{0,20}\b(?:1password|bitwarden|lastpass|keepass|dashlane)\b|"
    # "a sane on-call rotation for a 6 person team", "reset my macbook password", "rewrite this pandas to polars": advice,
    # a device's login, code to rewrite: not this account's data
    r"\bon-?call rotations?\b|\b(?:reset|change|recover|forgot)\b.{0,25}\b(?:macbook|mac|laptop|windows|iphone|android|phone|"
    r"wifi|wi-fi|gmail|personal)\b.{0,25}\b(?:password|login|pin|passcode)\b|\brewrite (?:this|that|the|my) (?:\w+ )?"
    r"(?:pandas|polars|python|code|script|function|notebook)\b.{0,20}\b(?:to|in|into|as) (?:polars|pandas|pyspark|spark|sql|"
    r"python|rust|scala)\b|"
    # "draft the breach notification letter we would send to policyholders": a letter to write, not data
    r"\b(?:draft|write)\b.{0,40}\b(?:notification letter|letter|press release|announcement) (?:we|to|for)\b|"
    # "what's a sensible SLO for a self-hosted kafka cluster in general?": a rule of thumb, not this account's data
    r"\b(?:sensible|reasonable|good|typical|standard|usual|recommended|industry[- ]standard)\s+(?:slos?|slas?|slis?|uptime "
    r"targets?|availability targets?|error budgets?)\s+(?:for|on)\s+(?:a|an|any)\b|"
    # "can you recommend a good learning-rate schedule for fine-tuning a BERT model?": the same craft, asked for advice
    r"\b(?:recommend|suggest|what(?:'?s| is) (?:a )?(?:good|the best)|which)\b.{0,30}\b(?:learning[- ]rate(?: schedules?)?|"
    r"warm-?up (?:steps|schedule)|optimi[sz]ers?|batch sizes?|dropout|loss functions?|tokeni[sz]ers?|architectures?)\b"
    r".{0,40}\b(?:for|when) (?:fine[- ]?tun\w*|train\w*|pre-?train\w*)\b|"
    # a product's feature explained ("what's the snowflake equivalent of a delta merge"), coding help ("how do I pivot a
    # pandas dataframe"): a manual's or a tutorial's answer, not this account's data
    r"\bwhat(?:'?s| is| would be| are) (?:the )?(?:[\w-]+ )?equivalents? (?:of|to|for)\b|"
    r"\bhow (?:do|can|would|should|to) (?:i |we |you |one )?(?:\w+ ){0,4}(?:an? |the |my |our )?(?:pandas|polars|numpy|"
    r"pyspark|spark|r) (?:dataframe|df|series|array|tibble)s?\b|"
    # "what is the legal deadline to answer a data-subject request under the LGPD": a lawyer's answer
    r"\b(?:legal|statutory|regulatory) (?:deadline|time ?limit|period|requirement|obligation)s?\b|"
    r"\bdeadlines? (?:under|in|for|of) (?:the )?(?:gdpr|lgpd|ccpa|hipaa|dsgvo|rgpd)\b|"
    # "Tu peux me rédiger une clause de sous-traitance article 28 RGPD ...": a clause of a legal text, whatever it is for
    r"\b(?:write|draft|compose|word)\s+(?:me\s+|us\s+)?(?:a|an|the|our|some)\s+(?:[\w-]+\s+){0,2}clauses?\b|"
    # "whats the best way to run dbt tests in github actions": how to set up another tool, the tool's own manual
    r"\b(?:best way to |how (?:do|can|should|would) (?:i|we|you) |how to )(?:\w+ ){0,2}?(?:run|set ?up|configure|install|"
    r"deploy|wire|hook up|integrate|trigger)\b.{0,60}\b(?:in|with|on|using|via|from|inside) (?:github actions|gitlab(?: ci)?|"
    r"jenkins|circleci|azure (?:devops|pipelines)|bitbucket pipelines|travis(?: ci)?|argo ?(?:cd|workflows)|airflow|dagster|"
    r"prefect|kubernetes|k8s|docker(?: compose)?|terraform|helm)\b|"
    # "write me a pytorch training loop", "write a terraform module": code to write, not this account's data
    r"\b(?:write|code|generate|give) (?:me |us )?(?:a |an |some )?(?:\w+ ){0,2}(?:training loops?|scripts?|functions?|classes|"
    r"snippets?|dockerfiles?|terraform(?: modules?)?|unit tests?|regex(?:es)?)\b(?! (?:that|which) (?:ran|run|failed|reads?))|"
    # signed documents and board papers: a company's records, not the platform's
    r"\b(?:representation letters?|board minutes|minutes of the board|signed (?:\w+ ){0,2}(?:letters?|contracts?|attestations?))\b|"
    # "draft my mid-year review notes for the platform lead": an HR review of a person
    r"\b(?:write|draft|prepare|do)\s+(?:up\s+)?(?:my|our|the|a|an|his|her|their)\s+(?:[\w'-]+\s+){0,2}(?:performance|perf|"
    r"annual|yearly|quarterly|mid-?year|year-end)\s+reviews?(?:\s+notes?)?\b|"
    # "the burn rate / runway slide for the board": the company's cash, not this account's spend
    r"\b(?:cash )?runway\b(?! (?:of|for|on|left on) (?:the |our )?(?:budget|credits?|commit\w*|dbus?|contract))|"
    # "translate this paragraph of our GDPR policy into English": a translation chore
    r"\btranslat\w*\b.{0,50}\b(?:paragraph|passage|text|sentence|policy|clause|document|e-?mail|message|letter|notice|"
    r"page|website|banner)s?\b|"
    r"\b(?:paragraph|passage|sentence|clause)s?\b.{0,50}\btranslat\w*|"
    # "draft the privacy notice for our website": a lawyer's or a writer's text for the public, not this account's data
    r"\b(?:write|draft|compose|word|prepare|create)\s+(?:me\s+|us\s+)?(?:a|an|the|our|some)\s+(?:[\w-]+\s+){0,2}"
    r"(?:privacy (?:notice|policy|statement|banner)|cookie (?:banner|policy|notice)|terms (?:of (?:service|use)|and conditions)|"
    r"t&cs|data processing agreement|consent (?:form|banner|text|wording)|(?:legal )?disclaimer)s?\b|"
    # "draft the data retention clause for our privacy policy": a clause of a legal text
    r"\b(?:write|draft|compose|word|prepare)\s+(?:me\s+|us\s+)?(?:a|an|the|our|some)\s+(?:[\w-]+\s+){0,3}(?:clauses?|"
    r"wording|language|paragraphs?|sections?)\s+(?:for|of|in|to)\s+(?:a|an|the|our|my)\s+(?:[\w-]+\s+){0,2}(?:polic(?:y|ies)|"
    r"contracts?|agreements?|notices?|terms|dpa|msa|sla document)\b",
    re.IGNORECASE)
#: Words that mark a request as something else (a joke about costs is still a joke): a penalty on every domain.
OFF_TOPIC_CUES = re.compile(r"\b(?:jokes?|funny|poem|haiku|limerick|song|"
                            # ("ok long story: ...", "long story short": how the asker tells it)
                            r"(?<!long )(?<!whole )(?<!same )(?<!full )(?<!value )(?<!adoption )(?<!success )(?<!savings )story(?! short)|recipe|weather|riddle|wi-?fi|printers?|"
                            r"cafeteria|meeting rooms?|conference rooms?|restaurants?|coffee|pizza|sushi|"
                            # a meal is small talk, but "sluggish after lunch" is a time of day
                            r"(?<!after )(?<!before )(?<!since )(?<!during )(?<!past )(?<!until )(?<!by )(?<!at )(?<!over )(?<!around )"
                            r"(?:lunch|dinner|breakfast)|"
                            r"parking|movies?|football|soccer|birthday|outlook|inbox|laptop|vpn|jira|"
                            # a team's headcount, unless it counts the people using the platform ("headcount q: how many
                            # ppl actually use the platform?")
                            r"(?<!when )(?<!while )(?<!though )(?<!but )(?<!and )headcount(?! (?:did ?n'?t|did not|has ?n'?t|has not|stayed|was flat|is flat))"
                            r"(?![^.?!]{0,60}\b(?:use|using|active|log(?:ged)? in|on (?:the )?platform|per user))|"
                            r"servicenow|zendesk|yubikeys?|hardware (?:security )?keys?|"
                            # "ne1 kno a gd ramen spot nr the office": lunch plans
                            r"(?:team )?drinks|happy hour|ramen|noodles?|tacos?|burgers?|sandwich(?:es)?|bakery|brunch|pho|sushi bar|food trucks?|"
                            r"(?:spot|place|bar|pub|cafe|café) (?:near|nr|close to|by) (?:the |our )?office|"
                            # "forecast Q4 bookings for EMEA + top 5 deals at risk": the sales pipeline, not the platform
                            r"bookings|deals? (?:at risk|in the pipeline|slipping)|sales pipeline|quota attainment|win rates?|"
                            r"closed[- ]won|closed[- ]lost|"
                            # "a spreadsheet for my household budget": the asker's own money, not this account's
                            r"\b(?:household|personal|family|home|wedding|vacation|holiday|grocery) (?:budget|finances?|expenses?|"
                            r"spending)\b|\bspreadsheet templates?\b|"
                            # "post the accrual JE to NetSuite": bookkeeping in the ledger, not this account's data
                            r"netsuite|quickbooks|xero|\bpost (?:the |an? |this |that )?(?:\w+ )?(?:je|journal entry|journal)\b|"
                            # "a good book on managing a team of analysts": reading advice
                            r"(?:a good|recommend (?:a|some|me a)|any good) (?:books?|podcasts?|courses?)|"
                            r"calendar(?! (?:days?|weeks?|months?|quarters?|years?))|"
                            r"hiring (?:plan|case)|recruit\w*|"
                            # travel and the weather ("will the auditors' flight be delayed by snow?", "a thunderstorm")
                            r"thunderstorms?|hurricanes?|tornado\w*|heat ?waves?|"
                            r"(?<!in-)(?<!in )flights?|airports?|airlines?|snow(?:fall|storms?)?|blizzards?|hotels?|"
                            r"train (?:tickets?|strikes?)|visas?)\b|"
                            r"\bout of (?:pure )?curiosity\b|" + GENERAL_KNOWLEDGE.pattern + "|"
                            # a writing task ("draft a polite email to the auditors"), not a question about the data
                            r"\b(?:write|draft|compose|word)\s+(?:me\s+|us\s+)?(?:a|an|the|our|some|my)\s+(?:[\w-]+\s+){0,3}"
                            r"(?:e-?mail|letter|notice|memo|essay|blog|tweet|post|speech|announcement|press release|"
                            r"job (?:ad|description|posting)|contract|cover letter|invitation|apology|thank you note|"
                            r"narrative|template|slides?|slide deck|deck|presentation|agenda|minutes|justification|agreement|"
                            r"business case|proposal|(?:retention |security |hr )?polic(?:y|ies)|runbook|handbook|"
                            r"(?:on-?call )?(?:rota|rotation|roster|schedule)|holiday cover|"
                            r"(?:performance |annual |yearly |mid-?year )?review|appraisal|reference)s?\b|"
                            # code to write, not a question about the account
                            r"\b(?:write|give|generate|code|draft)\s+(?:me\s+|us\s+)?(?:a|an|some|the)\s+(?:[\w-]+\s+){0,3}"
                            r"(?:loop|script|function|class|snippet|regex|regular expression|program|dockerfile|"
                            r"terraform|unit tests?|macro|udf|dag|cron(?: expression)?|crontab(?: entry| line)?|makefile|ya?ml file|"
                            r"one-?liner|bash script|shell script|powershell script|(?:sigma|yara|snort|suricata|detection|"
                            r"firewall|iptables|waf|edr) rule|"
                            r"bash command|shell command)s?\b|"
                            # an HR review of a person, not of the platform's performance
                            r"\bwrite (?:up )?(?:my|our|the|his|her|their) (?:[\w'-]+ ){0,2}(?:performance|perf|annual|yearly|"
                            r"quarterly|mid-?year) reviews?\b|"
                            r"\b(?:performance|perf|annual|yearly|mid-?year) reviews? (?:for|of) (?:one of )?(?:my|our|a|an|the)"
                            r"\s+(?:\w+\s+)?(?:sres?|engineers?|team ?mates?|reports?|employees?|staff|colleagues?|"
                            r"developers?|analysts?|interns?|people)\b|\bappraisals?\b",
                            re.IGNORECASE)
OFF_TOPIC_PENALTY = 0.4
#: A chore asked of the assistant as its opening verb ("book a room for the budget review"): declined whatever data
#: words follow, which only say what the chore is about. (A writing task about the data still gets the data.)
CHORE = re.compile(r"^\W*(?:(?:hey|hi|hello|ok|okay|so|also|please|pls|plz|can you|could you|would you|will you|can u|"
                   r"could u|i need you to|i'?d like you to)\W+)*(?:"
                   r"(?:book|reserve)\s+(?:me\s+|us\s+)?(?:a|an|the|our|my)\s+(?:[\w'-]+\s+){0,2}"
                   r"(?:room|meeting|call|flight|hotel|table|desk|slot|retro|retrospective|review|sync|standup|stand-up|"
                   r"demo|session|workshop|1:1|one-on-one|offsite|lunch|dinner)s?\b|"
                   # "send the invite to the platform team"
                   r"(?:send|forward)\s+(?:out\s+)?(?:the|an?|my|our)\s+(?:[\w'-]+\s+){0,2}(?:invites?|invitations?|calendar)\b|"
                   r"(?:reset|unlock|change)\s+my\s+(?:[\w'-]+\s+){0,2}(?:password|account|login|pin)s?\b|"
                   # "how do I reset a clinician's Epic Hyperspace password?": a helpdesk task in another system
                   r"how\s+(?:do|can|should|would)\s+(?:i|we)\s+(?:reset|unlock|recover|change)\s+(?:a|an|the|my|our|his|her|their|"
                   r"someone'?s|[\w-]+'s)\s+(?:[\w'-]+\s+){0,3}(?:password|passcode|pin|login)s?\b|"
                   r"(?:set|create|add|make)\s+(?:me\s+)?(?:a\s+)?reminders?\b|"
                   # "draft me a polite email reminding team leads that their sign-off is due": a reminder to write
                   r"(?:write|draft|compose|send)\s+(?:me\s+|us\s+)?(?:a|an|the)\s+(?:[\w'-]+\s+){0,2}(?:e-?mail|message|"
                   r"msg|note|slack|ping|reminder)s?\s+(?:to\s+(?:[\w'-]+\s+){1,3})?remind(?:ing|s)?\b|"
                   # "draft the GDPR breach notification email we'd send to affected customers": a letter to write
                   # (not "draft a memo to finance about last month's spend": a write-up of the data reaches the data)
                   r"(?:write|draft|compose)\s+(?:me\s+|us\s+)?(?:a|an|the|our)\s+(?:[\w'-]+\s+){0,4}(?:(?:notification|notice|"
                   r"press release|announcement|apology|breach) (?:e-?mail|letter)s?|notifications?|press releases?|apolog(?:y|ies)|"
                   r"(?:e-?mail|letter|notice)s?(?=\s+(?:we'?d|we would|we'?ll|we will|to send|that we)\b))\b|"
                   # "draft a friendly email to the department heads announcing our new chargeback policy": an announcement
                   r"(?:write|draft|compose)\s+(?:me\s+|us\s+)?(?:a|an|the|our)\s+(?:[\w'-]+\s+){0,3}(?:e-?mail|letter|message|"
                   r"memo|note|post)s?\s+(?:to\s+(?:[\w'-]+\s+){1,4})?(?:announc|introduc|welcom|launch|celebrat|thank)\w*|"
                   # "write a short thank-you note to the board chair": a courtesy to write, whatever it thanks for
                   r"(?:write|draft|compose|send)\s+(?:me\s+|us\s+)?(?:a|an|the|our|my)\s+(?:[\w'-]+\s+){0,2}(?:thank[- ]?you|"
                   r"congratulat\w*|congrats|birthday|farewell|goodbye|condolences?|sympathy|welcome|get[- ]well|holiday|"
                   r"anniversary)\s+(?:e-?mail|letter|message|msg|note|card|post|speech|toast)s?\b|"
                   # "draft my self-review for the perf cycle": a career document to write, not this account's performance
                   r"(?:help\s+(?:me|us)\s+(?:to\s+)?)?(?:write|draft|compose|prepare|polish|redo)\s+(?:me\s+|us\s+)?(?:a|an|the|our|my)\s+"
                   r"(?:[\w'-]+\s+){0,2}(?:self[- ]?reviews?|self[- ]?assessments?|self[- ]?evaluations?|perf(?:ormance)? reviews?|"
                   r"promo(?:tion)? (?:packets?|docs?|cases?)|peer (?:reviews?|feedback)|cover letters?|resumes?|cvs?|"
                   r"job (?:descriptions?|posts?|postings?|ads?)|okrs?)\b|"
                   # "help me write a pytorch DataLoader that shuffles shards": code to write, not this account's data
                   r"(?:help\s+(?:me|us)\s+(?:to\s+)?)?(?:write|code|implement|build|debug|fix)\s+(?:me\s+|us\s+)?(?:a|an|some|my|our|the"
                   r")\s+(?:[\w'-]+\s+){0,3}(?:data ?loaders?|dataset class|training loop|functions?|class(?:es)?|decorators?|"
                   r"unit tests?|regex(?:es)?|parsers?|wrappers?|dockerfiles?|helm charts?|terraform modules?|react components?|"
                   r"bash scripts?|python scripts?|list comprehensions?)\b|"
                   # "remind me to renew the licence" is a chore; "remind me what the target is" a question
                   r"remind\s+me\b(?!\s+(?:what|which|who|how|why|when|where|again|of\s+(?:the|our|its|that))\b)|"
                   r"(?:rewrite|reword|rephrase|proofread|polish|translate)\s+(?:this|my|the|our)\s+(?:[\w'-]+\s+){0,2}"
                   r"(?:msg|message|email|e-mail|text|note|post|reply|paragraph|sentence)s?\b|"
                   r"(?:close|resolve|assign|reassign|update|comment on|triage)\s+(?:out\s+)?(?:the\s+|my\s+|our\s+|these\s+|those\s+)?"
                   r"(?:[\w'-]+\s+){0,2}tickets?\b|"
                   r"(?:page|ping|notify|message|email|slack|text|wake up)\s+(?:whoever|someone|somebody|the team|the on-?call|"
                   r"everyone|them|him|her)\b|"
                   r"(?:make|create|open|file|raise|log|cut)\s+(?:me\s+|us\s+)?(?:a|an)\s+(?:[\w'-]+\s+){0,2}"
                   r"(?:ticket|issue|bug report|jira|change request)s?\b|"
                   r"(?:schedule|set up|arrange|organi[sz]e)\s+(?:me\s+|us\s+)?(?:a|an|the|our|my)\s+(?:[\w'-]+\s+){0,2}"
                   r"(?:meeting|call|sync|room|lunch|offsite|kickoff|kick-off|1:1|one-on-one)s?\b)", re.IGNORECASE)

#: The mark of an item of a numbered list of asks: "1) is the budget ok", "(2) ...", "3. ..." (router, follow-ups and
#: the per-ask scoping read it alike).
NUMBERED_ITEM = r"(?:^|[,:\s])\(?\d{1,2}[).]\s"

#: Who asked for the answer ("Compliance asked me to check quietly", "legal wants to know"): the requester, not the
#: topic, so its name (compliance, security, audit) must not choose a specialist or a play. (Finance asking leans
#: the right way, to cost, and stays.)
REQUESTER = re.compile(r"\b(?:(?:our|the|my)\s+)?(?:compliance|legal|security|audit|auditors?|risk|hr|ciso|dpo|"
                       r"privacy)(?:\s+(?:team|folks|people|"
                       r"guys|office|department))?\s+(?:asked|wants|wanted|told|pinged|needs|asks)(?:\s+(?:me|us))?"
                       r"(?:\s+to\s+(?:check|look|find out|confirm|verify|see)\b)?|"
                       # "dashboards team is asking: ...", "my boss wants to know if ...": who asks, at the start
                       r"(?:^|(?<=[.!?] ))\W*(?:(?:our|the|my)\s+)?(?:[\w-]+\s+){0,3}(?:team|folks|people|guys|boss|manager|"
                       r"lead|director|cfo|cto|ceo|vp|finance|leadership|management|someone|somebody)\s+(?:is\s+|are\s+|"
                       r"was\s+|were\s+|keeps?\s+)?(?:asking|asked|wants to know|wanted to know|pinging|pinged)(?:\s+(?:me|us))?"
                       r"\s*(?=[:,\-\u2014]|\s+(?:whether|if)\b)|"
                       # "Someone on my team says production spend doubled yesterday": who claims it, not a team asked about
                       r"(?:^|(?<=[.!?] ))\W*(?:someone|somebody|a colleague|a coworker|a co-worker|my (?:boss|manager|lead|colleague|"
                       r"coworker)|(?:one of|someone from|somebody from|a guy on|someone on|somebody on) (?:my|our|the) (?:[\w-]+ )?"
                       r"(?:team|folks|people|guys|org))(?: (?:on|from|in) (?:my|our|the) (?:[\w-]+ )?(?:team|org|side))?\s+"
                       r"(?:says|said|claims|claimed|reckons|thinks|told me|swears)(?:\s+that)?\b", re.IGNORECASE)


#: Who the asker is ("I'm the security officer", "as the FinOps lead"): a role, not the topic.
SELF_INTRODUCTION = re.compile(r"\b(?:i'?m|i am|as|speaking as)\s+(?:the|a|an|on the|in the|from the|from|part of the)\s+"
                               r"(?:[\w-]+\s+){0,2}(?:officer|lead|manager|engineer|analyst|admin\w*|team|auditor|steward|"
                               r"owner|head|director|architect|pm|cfo|cto|ciso|vp)\b", re.IGNORECASE)


#: "I got handed ownership of the models", "I just inherited these jobs": how the asker came to ask, not ownership.
NEW_OWNER = re.compile(r"\b(?:i|we)\s+(?:just\s+|recently\s+)?(?:got|was|were|have been|'ve been|am being|are being)\s+"
                       r"(?:handed|given|assigned)\s+(?:the\s+)?ownership\s+of\b|\b(?:i|we)\s+(?:just\s+|recently\s+)?"
                       r"(?:inherited|took over)\b|\b(?:i|we)\s+now\s+own\b|\bi'?m\s+(?:now\s+)?(?:the\s+)?(?:new\s+)?"
                       r"owner\s+of\b", re.IGNORECASE)


#: "what does the load look like after hours": a warehouse's quiet hours, not people working late.
LOAD_AFTER_HOURS = re.compile(r"\b(load|utili[sz]ation|traffic|usage|demand|query volume|busy|idle|oversized|undersized|"
                              r"sized|cost|costs|spend|scale \w+ down|"
                              r"scal\w* down)\b([^.?!]{0,40}?)\b(?:after[- ]?h(?:ou)?rs|off[- ]h(?:ou)?rs|outside (?:business|working) "
                              # "is bi-warehouse oversized for what it does, esp at night?": its load at night
                              r"hours|(?:(?:esp\.?|especially|particularly|mostly|above all) )?(?:at night|overnight|on weekends))",
                              re.IGNORECASE)


#: "what does the load look like off-hours" said the other way round: "sized for off-hours load".
QUIET_HOURS_LOAD = re.compile(r"\b(?:off|after|outside)[- ]?(?:business[- ])?h(?:ou)?rs (load|utili[sz]ation|traffic|usage|demand)\b",
                              re.IGNORECASE)


#: "if we ran ml_training every other day": a schedule imagined, not a run to look at.
HYPOTHETICAL_RUN = re.compile(r"\b(if\s+(?:(?:we|i|they|you) (?:only |just )?|(?:it|[\w-]+)\s+(?:only |just )?(?=(?:ran|run) (?:half|"
                              r"twice|\w+ (?:as )?often|less|more often|every|once)\b)))(?:ran|run)\b", re.IGNORECASE)


#: "asking for a friend (the friend is compliance)": a joke about who wants to know, not a topic.
ASIDE = re.compile(r"\basking for a friend\b(?:\W{0,3}\((?:the |my |said )?friend (?:is|being|=) [^)]*\))?|"
                   # "nice. good job team": praise, not a job
                   r"\b(?:good|great|nice|awesome|excellent|solid) job\b(?:,?\s*(?:team|all|everyone|folks|guys|people))?|"
                   # "coffee in hand", "(security guy, not finops, sorry)": the asker's setting or role, not a topic
                   r"\b(?:coffee|tea|beer|drink) in hand\b|\b(?:grab(?:bing|bed)?|with) (?:a |my )?(?:coffee|tea)\b|"
                   r"\((?:i'?m |i am |as )?(?:the |a |an )?(?:[\w-]+ ){0,2}(?:guy|gal|person|engineer|analyst|officer|lead|admin|"
                   r"manager)\b[^)]{0,40}\)|"
                   # "ml_training depends on it afaik": what the asker believes about the thing, not an ask
                   r"(?<=[,;.!?\u2013\u2014-] )[^,;.!?]{3,60}\b(?:afaik|iirc|as far as i know|if i recall(?: correctly)?)\b(?=\s*(?:[,;.!]|$))|"
                   # "who can read the customer PII table? building a churn model on it": what the asker does with it
                   r"(?<=[,;.!?\u2013\u2014-] )(?:(?:i'?m|we'?re|i am|we are) )?(?:building|training|fitting|developing|making)\s+"
                   r"(?:a|an|our|my|the|some)\s+(?:[\w-]+\s+){0,2}models?\s+(?:on|off|from|with|using)\s+(?:it|that|this|them|those)\b"
                   r"[^.?!]{0,80}",
                   re.IGNORECASE)


#: "Product owner here.", "SRE here -": a role introducing itself, not the topic.
ROLE_HERE = re.compile(r"\b(?:[\w-]+\s+){0,2}(?:owner|lead|manager|engineer|analyst|admin|auditor|steward|pm|cfo|cto|ciso|"
                       r"vp|dba|sre|controller|architect)\s+here\b", re.IGNORECASE)


#: What the answer is for, said after the ask ("... I need this for the compliance report", "it's for the GDPR Art.
#: 30 record"): the purpose, not a second topic.
PURPOSE_AFTER = re.compile(# "For the incident report I need every permission change ...": where the answer goes, said first
                           r"^\W*for (?:the|our|my|an?) (?:[\w.-]+ ){0,3}(?:report|deck|slides?|write-?up|post-?mortem|memo|"
                           r"e-?mail|ticket|doc|summary|handover|pack)\b,?(?=\s+(?:i|we|can|could|please|pls|give|show|list|"
                           r"send|pull)\b)|"
                           r"\b(?:i|we) (?:(?:have|need|got|must) to|must|should|will|'ll|gotta) (?:file|open|raise|log|write up|"
                           r"create) (?:a|an) (?:[\w-]+ ){0,2}"
                           r"(?:ticket|issue|bug|case|incident)(?: about| for| on)?|"
                           r"\b(?:(?:(?:i|we) )?(?:need|want) (?:this|it|that|these|those|them)|(?:it'?s|this is|that'?s|these are) "
                           r"(?:all |just )?(?:needed )?|(?:(?:i'?m|we'?re|i am|we are) )?(?:flagging|noting|collecting|"
                           r"gathering|compiling|logging|documenting) (?:it|this|these|them|that))\s*(?:for|by|in|into|on) (?:the|our|my|a|an) (?:[\w.-]+ ){0,4}(?:report|review|"
                           r"audit|meeting|deck|record|evidence|submission|file|filing|pack|slides?|notes?|post-?mortem|"
                           r"write-?up|memo|e-?mail|ticket|doc|channel|update|summary|handover)\b(?: (?:of|on|for) [\w.-]+\b)?|"
                           # "... that we'd have to disclose in the SOC 2 report": where the answer goes, not what it is about
                           r"\b(?:that|which|what) (?:we'?d|we would|we'?ll|we will|we|i'?d|i would|i) (?:\w+ )?(?:have|need|must|"
                           r"ought) to (?:disclose|report|include|mention|declare|list|flag|put|note|cite|show) (?:\w+ ){0,2}"
                           r"(?:in|on|to|for) (?:the|our|a|an|any) (?:[\w.-]+ ){0,4}(?:report|review|audit|filing|submission|"
                           r"pack|deck|record|evidence|attestation|regulators?|auditors?)\b|"
                           # "we want to use it for a churn model": what the asker will build with it, not an ask about that
                           r"\b(?:i|we)\s+(?:(?:want|plan|need|hope|intend|mean|'d\s+like|would\s+like)s?|are\s+going|am\s+going|"
                           r"'re\s+going|'m\s+going)\s+to\s+use\s+(?:it|this|that|them|these|those|the\s+(?:data|table|rows))\s+"
                           r"(?:for|in|to\s+(?:build|train|feed|power))\s+(?:a|an|the|our|my|some)\s+(?:[\w-]+\s+){0,3}?"
                           r"(?:model|dashboard|report|project|analysis|app|pipeline|feature|experiment|study|use ?case)s?\b|"
                           # "candidates to retire before the access review": when the answer is needed, not what it is about
                           r"\b(?:before|ahead of|in time for) (?:the|our|my|an?|next|this week'?s) (?:[\w-]+ ){0,3}(?:review|audit|"
                           r"meeting|deck|report|offsite|sync|standup|board|call)s?\b|"
                           # "any sev-high detections today? need to know before shift handover": when, not a briefing
                           r"\b(?:(?:i |we )?need (?:to know|it|this|that) )?(?:before|ahead of) (?:the |my |our )?(?:shift )?"
                           r"(?:hand-?over|hand-?off)\b|"
                           # "list em, audit is monday": when the answer is needed (a meeting's day), not what it is about
                           r"\b(?:the |our |my |an? )?(?:[\w-]+ )?(?:audit|review|meeting|sync|stand-?up|call|presentation|demo|"
                           r"deadline|board meeting|qbr|offsite|retro|readout|inspection|visit|walkthrough|check-?in)s? "
                           r"(?:is|are|'s|was moved to|got moved to) (?:due )?(?:on |this |next |coming |first thing )*"
                           r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|today|tonight|next week|this week|eod)\b|"
                           # "... a cost-per-user number for the efficiency slide": the slide's title says where the
                           # figure goes, not what is asked
                           r"\b(?:for|on|in) (?:the|our|my|a|an) (?:[\w-]+ ){1,2}(?:slide|slides|deck|page|chart|section|tab)\b|"
                           # "... a summary of this event that I can put into our DORA major incident classification
                           # template": where the answer goes
                           r"\b(?:that|which) (?:i|we) (?:can|could|will|'ll|need to|have to) (?:put|paste|drop|use|include|"
                           r"copy|file) (?:it )?(?:in|into|on) (?:our|the|a|my) (?:[\w-]+ ){0,5}(?:template|form|report|doc|"
                           r"document|ticket|deck|register|log|spreadsheet|sheet|tracker|wiki|page)\b|"
                           # "... the full trail back to the source for our DQ documentation.": where the answer goes
                           r"\bfor (?:the|our|my) (?:[\w-]+ ){0,3}(?:documentation|docs|runbook|wiki|confluence page)(?=\s*[.!?]*\s*$)|"
                           # "Internal service credits depend on it, so I need the precise figure": what rides on the
                           # answer, said as a statement (not "what depends on it?", which asks for lineage)
                           r"(?:^|(?<=[.!?;:] ))\W*(?!(?:what|which|who|whatever|anything|anyone|anybody|something|everything|"
                           r"nothing|tables?|jobs?|models?|dashboards?|reports?|pipelines?|views?|things?|downstream|else)\b)"
                           r"(?:[\w-]+ ){0,3}(?:depends?|hinges?|rests?|rides?|relies|rely) on (?:it|this|that|these|those|them|"
                           r"the (?:figure|number|result|answer))\b(?=\s*(?:[,.;!]|$|so\b|and\b))|"
                           # "Our AI governance documentation requires us to record it formally": why the answer is needed
                           r"(?:^|(?<=[.!?;:] ))\W*(?:our|the|my|their) (?:[\w-]+ ){0,4}(?:requires?|needs?|obliges?|expects?|"
                           r"mandates?) (?:us|me|them) to (?:record|document|log|report|keep|file|track|note|capture|evidence|"
                           r"list|retain)\b[^.?!]*|"
                           # "... dont want to deploy into the middle of an incident": why the asker asks
                           r"\b(?:i |we )?(?:do ?n'?t|do not) want to (?:deploy|release|ship|push|roll out|merge|launch|go live)\b[^.?!]*|"
                           # "... asking bc our SP for model deploys mightve done it": the reason for asking
                           r"\b(?:asking|i ask|i'?m asking|wondering|curious) (?:bc|b/c|because|since|cause|cuz|coz|cos|as)\b[^.?!]*",
                           re.IGNORECASE)


#: A breakdown, then the values it splits into ("spend split by type of charge: SQL, scheduled jobs, model serving,
#: whatever the categories are"): the list names the breakdown's categories, not asks of their own.
BREAKDOWN_LIST = re.compile(r"\b(?:split|broken down|break\w*(?: (?:it|that|this|them))? down|grouped|bucketed|sliced|by|per)"
                            r"\s+(?:\w+\s+){0,2}?(?:types?|categor(?:y|ies)|kinds?|products?|skus?|services?|line items?|"
                            r"buckets?|sources?)(?:\s+of\s+\w+)?\s*:\s*(?=\S)|"
                            # "sku breakdown for this month pls - jobs compute vs all purpose vs sql": the values after a dash
                            r"\b(?:skus?|products?|categor(?:y|ies)|types?|services?)\s+(?:break\s?down|split|mix)\b"
                            r"[^:\-\u2014?\n]{0,40}?\s[-:\u2014]\s*(?=\S)|"
                            # "our invoice shows separate lines for Jobs Compute, All-Purpose Compute and SQL": its line items
                            r"\b(?:shows?|has|have|lists?|with|splits? (?:it )?into) (?:separate |individual |distinct |different )?"
                            r"(?:line items?|lines|entries|charges) (?:for|of)\s+(?=\S)", re.IGNORECASE)


#: "What has etl-sp done in the last 24 hours? Logins, queries, permission changes, anything.": the list says what the
#: principal's activity covers, not more asks.
ACTIVITY_LIST = re.compile(r"\b(?:what (?:has|have|did|does) .{1,60}? (?:done|do|been up to|been doing)|(?:all|any|full) "
                           r"(?:of )?(?:\S+ )?activity)\b[^?.!]*[?.!]\s*(?P<list>(?:[\w' -]{2,30},\s*)+[\w' -]{2,30}[.!]?\s*)$",
                           re.IGNORECASE)


#: A breakdown asked for, then its categories in brackets, at most a sentence later.
BREAKDOWN_IN_BRACKETS = re.compile(r"(\b(?:breakdown|broken down|split|by (?:sku|type|product|category|kind))\b[^.?!()]{0,80}?)"
                                   r"\s*\([^()]{3,120}\)", re.IGNORECASE)


#: A record asked for, then the fields it should show ("the login timeline for X: times, source IPs, success or
#: failure"): the list says what each row holds, not more asks.
FIELD_LIST = re.compile(r"\b(?:timeline|history|log|trail|list(?:ing)?|rundown|table)\b(?:[^:?.!]|\.(?=\S)){0,80}?:\s*(?=\S)",
                        re.IGNORECASE)


def _field_items(listed: str) -> bool:
    """Is ``listed`` a list of short fields, none of them an area's own word ("cost, security" are asks)?"""
    items = [i.strip(" .?!") for i in re.split(r",|;|/|\bor\b|\band\b", listed) if i.strip(" .?!")]
    # ("everything that broke: job failures, warehouse issues, cluster saturation" lists asks, each naming its area)
    return len(items) >= 2 and all(len(i.split()) <= 3 and area_item(i) is None for i in items) \
        and sum(max(cue_scores(i)[0].values(), default=0.0) >= 0.9 for i in items) < 2


def without_breakdown_list(text: str) -> str:
    """``text`` without the values listed after a breakdown it asks for (up to the end of that sentence), or after a
    principal's activity, or the fields of a record it asks for."""
    if (activity := ACTIVITY_LIST.search(text)) is not None:
        text = text[:activity.start("list")]
    if (fields := FIELD_LIST.search(text)) is not None:
        listed = re.match(r"[^.?!\n]*[.?!\n]?", text[fields.end():])
        if listed and _field_items(listed[0]):
            text = text[:fields.end()].rstrip(": ") + " " + text[fields.end() + listed.end():]
    # "SKU breakdown for ... (jobs compute, all-purpose, SQL, serverless)": the categories in brackets after a breakdown
    text = BREAKDOWN_IN_BRACKETS.sub(r"\1", text)
    m = BREAKDOWN_LIST.search(text)
    if not m:
        return text
    listed = re.match(r"[^.?!\n]*[.?!\n]?", text[m.end():])
    return text[:m.end()].rstrip(": ") + " " + text[m.end() + (listed.end() if listed else 0):]


#: When a job runs by its schedule ("the thing that loads orders every night around 2am UTC"): which job, not a time of
#: activity to look into.
SCHEDULE = re.compile(r"\b(?:every|each)\s+(?:night|day|morning|evening|hour|weekday)\s+(?:around|at|by|from|about|near)?\s*"
                      r"(?:\d{1,2}(?::\d\d)?\s*(?:am|pm|h)?|midnight|noon)(?:\s*utc)?\b", re.IGNORECASE)


#: A figure's direction ("is that number actually going down?"): a trend of what the question counts, not an outage
#: (the words between stay: "our total Databricks spend going up" is a trend of spend).
FIGURE_TREND = re.compile(r"\b(?:that|the|this|those|these|our) (?:number|count|figure|total|share|percentage|ratio|backlog)s? "
                          r"((?:\w+ ){0,2})(?:going|trending|coming|moving|gone|went|go) (?:down|up)\b", re.IGNORECASE)


#: "which jobs cost the most, and who owns each one", "untagged spend ... I have to chase the owners": the owner of a job,
#: cluster, warehouse or spend is the identity that runs it (its spend by user), not a table's owner in the catalog.
COMPUTE_OWNER = re.compile(r"^(?!.*\b(?:tables?|views?|datasets?|schemas?)\b)(.*?\b(?:jobs?|clusters?|warehouses?|endpoints?|"
                           r"pipelines?|workflows?|spend|costs?|bills?|compute)\b[^.!]{0,80}?)\b(?:and |with |plus )?"
                           r"(?:who (?:owns|is responsible for|runs) (?:each|every|them|those|these|each of them)(?: one)?|"
                           # "how much of dev spend has no tag? I have to chase the owners": who ran it
                           r"(?:chase|ping|contact|nag|email|track|hunt|reach out to|go after|find)(?: down| up)? "
                           r"(?:the|their|its) owners?|their owners?|the owner of (?:each|every)(?: one)?|(?:each|every) one'?s owner)\b",
                           re.IGNORECASE | re.DOTALL)


#: "... wondering if bad data got through before the etl fell over": a failure named as a point in time, not an ask.
TIME_ANCHOR = re.compile(r"\b(before|after|since|until|around the time|by the time) the (?:[\w-]+ ){1,2}?(?:fell over|failed|broke|"
                         r"crashed|went down|died|blew up|errored)\b", re.IGNORECASE)
#: "was user@ logged in around 2am when nightly_etl went down?": when the thing broke dates the ask, in its middle.
WHEN_IT_BROKE = re.compile(r"(?<=\w)(\s+(?:when|while|as))\s+(?:the\s+)?(?:[\w-]+\s+){1,2}?(?:fell over|failed|broke|crashed|"
                           r"went down|died|blew up|errored)\b", re.IGNORECASE)


#: "the one that failed yesterday around 2am": the clock time of a run's event dates it; it asks nothing about
#: people active after hours.
RUN_AT_TIME = re.compile(r"\b((?:failed|fail|ran|run|started|finished|crashed|broke|died|completed|refreshed|loaded|kicked off|"
                         r"errored|blew up|timed out)(?:\s+(?:yesterday|today|last night|this morning|again))?)\s+(?:at|around|about|"
                         r"near|by|~)\s*~?\d{1,2}(?::\d\d)?\s*(?:am|pm)\b", re.IGNORECASE)


#: "failed kerberos... sorry, failed logins from 192.168.1.100": the words before a self-correction are taken back.
SELF_CORRECTION = re.compile(r"^[^.?!]{0,80}?(?:\.\.\.|\u2026|\u2014|--)\s*(?:sorry|i mean|i meant|scratch that|correction|no wait)"
                             r"\b\s*[,:;\-]?\s*", re.IGNORECASE)


#: "... is serverless (SQL + jobs + notebooks) versus classic": the categories of a breakdown, in brackets.
BRACKETED_PLUS_LIST = re.compile(r"\((?:[\w\s.-]{1,25}\+){1,6}[\w\s.-]{1,25}\)")


#: "ugh paged again. why is ml-workspace spend spiking": the asker's pager, not an outage asked about.
PAGED_SELF = re.compile(r"(?:^|(?<=[.!?;]))\W*(?:ugh|argh|sigh|welp|ok|so)?[\s,]*(?:i )?(?:got |was |been |just )?paged"
                        r"(?: again| twice| (?:at|in the) \w+)?\s*(?:[.!?;,]|$)", re.IGNORECASE)


#: "Downstream consumers keep complaining about late data": who complains, not an ask about them.
COMPLAINERS = re.compile(r"\b(?:downstream |the |our |some )?" + REPORTING_PEOPLE + r" (?:keep|keeps|are|have been|started|"
                         r"kept) (?:complaining|moaning|asking|pinging|"
                         r"shouting|grumbling)\b", re.IGNORECASE)


#: "some consumers of my tables said their dashboards were blank a few days ago, was etl-warehouse down?": what users
#: reported, told before the asker's own question about a cause (one that does not lean back on the report).
REPORTED_SYMPTOM = re.compile(r"(?:^|(?<=[.!?] ))\W*(?:some |a few |several |two |three |the |our |my |a couple of )?"
                              r"(?:[\w-]+ ){0,2}?" + REPORTING_PEOPLE + r"(?: (?:of|on|in|from) (?:my|our|the) [\w-]+(?: [\w-]+)?)? "
                              r"(?:said|say|told (?:me|us)|"
                              r"reported|report|mentioned|complained|noticed|saw)(?: that)? [^,.;?!]{3,90}[,;.]\s*"
                              r"(?=(?:so |but |and )?(?:was|were|is|are|did|does|do|has|had|could)\b"
                              r"(?![^?]*\b(?:that|this|it|true|right|correct|real|accurate)\b)[^?]*\?)", re.IGNORECASE)


#: "was someone trying to get into the catalog?": an attempt to break in (the catalog is where, not a grant asked about).
BREAK_IN = re.compile(r"\b(?:try|tries|tried|trying|attempt(?:s|ed|ing)?)\s+to\s+(?:get|break|hack|sneak|force (?:their|his|her|"
                      r"a) way)\s+(?:in)?to\s+(?:the\s+|our\s+|a\s+|my\s+)?(?:[\w-]+\s+)?(?:catalogs?|data|tables?|schemas?|"
                      r"workspaces?|account|platform|system)\b", re.IGNORECASE)


#: "tables in main with no owner or no tags?": the tables' tags, said after another thing they lack (not spend's tags).
TABLES_WITHOUT_TAGS = re.compile(r"\b((?:tables?|tbls?|datasets?|schemas?|columns?|views?)\b[^.?!]{0,40}?\b)(?:no|without|missing|"
                                 r"lacking)\s+(?:any\s+)?tags?\b", re.IGNORECASE)


#: "Availability is in scope for our SOC 2 report. What's production uptime ...": what the audit covers, said as a
#: statement before the ask (the regulation is why the asker asks, not a compliance report asked for).
IN_SCOPE = re.compile(r"(?:^|(?<=[.!?] ))\W*[^.?!]{0,60}\b(?:is|are) (?:in|within|part of the) scope (?:for|of) (?:our|the|this|"
                      r"a|an) [^.?!]{0,40}\b(?:report|audit|review|assessment|certification|attestation|exam)\b[^.?!]*[.!]",
                      re.IGNORECASE)
#: "Non-human identities with broad grants ..., I'd like to know if any of them have more than they need": privileges
#: beyond need (least privilege), not compute sized beyond its load.
EXCESS_PRIVILEGE = re.compile(r"\b((?:permissions?|privileges?|grants?|access|rights|principals?|identities|roles?|entitlements?)"
                              r"\b[^.?!]{0,120}?\b)(?:have|has|hold|holds|got|get|gets)\s+more\s+(?:\w+\s+)?than\s+(?:they|he|"
                              r"she|it)\s+(?:really\s+)?(?:need|needs|should|require)s?\b", re.IGNORECASE)


#: "quick summary for my standup pls: anything weird with costs or security stuff yesterday?": where the answer goes,
#: said before the colon (the asks follow it).
SUMMARY_FOR = re.compile(r"^\W*(?:a |my |the )?(?:quick |short |brief )?(?:summary|update|recap|rundown|digest) for (?:my|the|our|a|an|"
                         r"this|tomorrow'?s|today'?s) [^:?\n]{0,40}?\s*:(?=[^,;\n]*\?\s*$)", re.IGNORECASE)


#: "any queries from them yet?" (of a group, a user): that principal's access, not query performance.
PRINCIPAL_QUERIES = re.compile(r"\b(?:queries|query|reads|selects) (from|by) (them|those|that group|the group|him|her|that user|"
                               r"that account)\b", re.IGNORECASE)


#: "is that real or is the dashboard just broken lol": a doubt about the figure shown, which the figure answers; the
#: dashboard is not asked about.
FIGURE_DOUBT = re.compile(r"\bor (?:is|are) (?:the|my|our|this|that) (?:dashboards?|reports?|charts?|graphs?|numbers?|"
                          r"figures?|ui|screen)(?: \w+)? (?:just |simply |only )?(?:broken|wrong|buggy|lying|glitch\w*|off)\b",
                          re.IGNORECASE)


#: "keeps landing late into our models", "type changes breaking my models": the tables a load feeds (data models), not
#: machine-learning models.
DATA_MODELS = re.compile(r"\b((?:break\w*|feed\w*|into|land\w* (?:late )?into|load\w* into|populat\w*|refresh\w*) (?:my|our|the|"
                         r"their|all (?:my|our|the)) |"
                         # "someone doing select * on a 2TB model?": a data model a query reads
                         r"(?:select \*? ?(?:from|on)|scann?\w*|quer\w*|read\w*|join\w*) (?:a |an |the |that |this |our )?(?:[\w.-]+ )?)"
                         r"models?\b", re.IGNORECASE)


#: "top issues last 24h, ranked by blast radius": the order of a list, not a lineage (or any) ask of its own.
RANKED_BY = re.compile(r"\b(?:ranked|sorted|ordered|prioriti[sz]ed|grouped) (?:by|on) (?:\w+ ){0,2}?(?:blast radius|impact|"
                       r"severity|priority|urgency|risk|importance)\b|"
                       # "latency for every model we serve, slowest first": the list's order, not a second ask
                       r"(?<=[,;(\-\u2013\u2014] )(?:the )?(?:\w+est|worst|best|most \w+|least \w+)(?: ones?)? (?:first|on top|at the top)\b",
                       re.IGNORECASE)


#: "is it crashing and retrying? basically burning money for nothing?": what the failures cost, not idle capacity.
FAILURE_WASTE = re.compile(r"\b((?:crash|retr|fail|oom|error|die|dying|restart)\w*)\b([^.!]{0,60}?)\b(?:burning|wasting|throwing "
                           r"away|blowing) (?:\w+ )?(?:money|cash|\$+|compute|dbus?|credits?|gpus?)(?: (?:for|on) nothing)?",
                           re.IGNORECASE)


#: "how much of the error budget have we burned": an error budget is used up, not money burned.
ERROR_BUDGET_BURN = re.compile(r"\b((?:error|downtime|slo) budget)\b([^.?!]{0,40}?)\bburn\w*", re.IGNORECASE)


#: "... to compare against what it was before the incident": a point in time, not an ask about the incident.
EVENT_ANCHOR = re.compile(r"\b(before|after|since|until|during|prior to) the (?:[\w-]+ )?(?:incident|outage|breach|event)\b",
                          re.IGNORECASE)


#: "what did analyst@ do apart from running queries - any exports?": the activity set aside is not asked about.
SET_ASIDE_ACTIVITY = re.compile(r"\bbeyond (?:the|that|this) (?:[\w-]+ )?(?:incident|outage|failure|spike|issue|problem)(?: itself)?\b|"
                                r"\b(?:apart from|aside from|besides|other than|except(?: for)?) (?:(?:just |simply )?(?:running|"
                                r"the|his|her|their|its|those|all the|all those) )?(?:[\w-]+ ){0,2}?(?:queries|jobs|runs|"
                                r"notebooks|logins|reads|selects|statements)\b", re.IGNORECASE)


#: "as part of our obligations under the HIPAA Security Rule I must review ...": why the ask is made, not a topic
OBLIGATION = re.compile(r"\b(?:as part of|in line with|to (?:meet|satisfy|fulfil+|comply with)|because of|given) (?:our |the |its )?"
                        r"(?:[\w-]+ )?(?:obligations?|duties|requirements?|commitments?) (?:under|of|from|in) (?:the )?"
                        r"(?:[\w.&-]+ ){0,5}?(?:rule|act|regulation|law|standard|policy|framework|directive|contract)s?\b", re.IGNORECASE)
#: "is reading like 2tb": a query's bytes scanned, not a person reading data
BYTES_READ = re.compile(r"\b(?:is |are |was |were )?(?:read(?:ing|s)?|scann(?:ed|ing)|scans?) (?:like |about |around |over |nearly |"
                        r"almost |~)?\d[\d.,]*\s*"
                        r"(?:tb|gb|mb|pb|terabytes?|gigabytes?|megabytes?|bytes|rows|m rows|million rows)\b", re.IGNORECASE)


#: "how fast we recover if something break during peak": a hypothetical failure is why the figure matters, no ask
IF_SOMETHING_BREAKS = re.compile(r"\b(?:if|when|in case|should) (?:something|anything|stuff|things?|it) (?:ever )?(?:break|breaks|"
                                 r"goes wrong|go wrong|fails?|happens?|blows up|falls over)\b(?: (?:during|in|at|on) (?:the )?"
                                 r"[\w-]+)?", re.IGNORECASE)


#: "If the system.billing.usage feed is late, which gold tables downstream would be affected?": a supposed state, said
#: to ask what follows from it (not "tell me if hourly_ingest was late": there the "if" is the ask).
IF_THING_IS = re.compile(r"\b(?:if|when|should|in case)\s+(?:(?:the|our|a|that|this)\s+)?(?:[\w.<>-]+\s+){1,3}(?:is|are|was|were|goes|"
                         r"go|runs?|gets?|comes? in|lands?|turns? out) (?:ever )?(?:late|delayed|down|stale|missing|broken|behind|"
                         r"empty|wrong|unavailable|offline)\b(?=\s*,\s*(?:then\s+)?(?:which|what|who|how|where|will|would|does|do|"
                         r"is|are|can|could)\b)", re.IGNORECASE)


#: "If contractors are on that list I need to know, they're billed separately": why it matters to the asker.
BILLED_ASIDE = re.compile(r"(?:[,;]|(?<=[?.!]))\s*(?:they|he|she|it|those|these|the \w+|\w+)(?:'re|'s|\s+are|\s+is) (?:\w+ ){0,2}"
                          r"(?:billed|charged|invoiced|paid|contracted) (?:separately|differently|elsewhere|on (?:their|its) own|"
                          # "Contractors are billed to a separate cost center so I need to know if they're on it."
                          r"by the hour|(?:to|against|under|from|on) (?:a |an |their |its |our )?(?:separate|different|another|"
                          r"other|own|external) (?:cost[- ]cent(?:er|re)|budget|account|invoice|po|contract|line))\b[^.?!]*",
                          re.IGNORECASE)
#: "..., since both affect how much I trust the figures": why the asker asks, not another ask.
WHY_IT_MATTERS = re.compile(r"[,;]?\s*\b(?:since|because|as) (?:both|they|these|those|it|this|that|each|all of them) (?:\w+ ){0,2}"
                            r"(?:affects?|impacts?|determines?|shapes?|changes?|decides?) (?:how (?:much|far) )?(?:i|we|people|"
                            r"they|the board|finance) (?:can )?(?:trust|rely on|believe|use)\b[^.?!]*", re.IGNORECASE)


#: "Who can read main.crm.customers? I'd like it for a churn model but it's tagged PII.", "... today? We use SPs for
#: model deployment so I need to know.": a statement after the question says why it is asked, not a second ask (one
#: that asks more, "We also need ...", "... too", a question word, stays)
TRAILING_BACKGROUND = re.compile(
    # "... não têm descrição nenhuma? a auditoria vai pedir isso": who will ask for it, after the question
    r"(?<=\?)\s+(?:the |our |a |an )?(?:audit|auditors?|regulators?|board|boss|manager|finance|legal|compliance)\s+"
    r"(?:will|is going to|'ll|wants? to|needs? to|is gonna|vai|va|wird) (?:\w+ )?(?:ask|want|need|check|look|demand)\b[^.?!]*|"
    r"(?<=\?)\s+(?:(?:we|our|they|it'?s|it is|this is|that'?s)\b|i'?d (?:like|want|need) (?:it|this|that|them) for\b|"
    # "... dernière fois ? Le propriétaire affirme que c'était hier.": a claim someone made, after the question
    r"(?:the |our |my )?(?:[\w-]+ )?(?:owners?|team|manager|boss|vendor|lead|he|she|someone|somebody|people|folks) "
    r"(?:keeps? )?(?:says?|said|claims?|claimed|thinks?|believes?|insists?|swears?)\b|"
    # "A orders_gold tá atualizada? Preciso dela pra retreinar o modelo hoje": what the asker needs it for
    r"i (?:need|want) (?:it|this|that|them|its|the (?:figure|figures|number|numbers|data|answer|count|total)s?) "
    r"(?:for|to|pra|para)\b|"
    # "... has no cost tags? Can't attribute incident costs properly without them.": what the answer enables
    r"(?:i |we )?(?:can'?t|cannot|can not|couldn'?t) (?:\w+ ){1,6}(?:without|unless (?:we|i) (?:have|get|know)) (?:them|it|that|"
    r"this|those|these|the (?:\w+ )?(?:tags?|numbers?|data|figures?))\b|"
    # "... showing input drift? If a model's inputs shift, its outputs may no longer be reliable evidence.": why it matters
    r"if (?:a|an|the|its|our|their|any|these|those|this|that|one) [^.?!,]{3,80},\s*(?:then\s+)?(?:its|their|the|it|they|we|"
    r"this|that|our|everything)\b[^.?!]{0,80}?\b(?:may|might|could|would|will|can)\b|"
    # "... misses this wk? Need to know if it's a pattern before I commit headcount to a fix": a decision pending on it
    r"(?:(?:i |we )?(?:need|want|have|got) to (?:know|understand|see|judge|check)\b[^.?!]{0,80}?\b)?(?:before|so) (?:i|we) "
    r"(?:can )?(?:\w+ )?(?:commit|decide|approve|sign off|hire|escalate|invest|allocate|assign|staff|budget|prioriti[sz]e|"
    r"pull the trigger|green-?light|push back)\w*\b|"
    # "is hourly_ingest landing on time? feature_refresh depends on it": why it matters, what relies on it
    r"(?:the\s+)?(?:[\w-]+\s+){1,2}?(?:depends?|relies?|builds?|feeds?|reads?|waits?)\s+(?:on|from|off|for)\s+(?:it|that|this|them)\b|"
    # "... in the last 7 days? A vendor penalty clause depends on the exact count.": what hangs on the answer
    r"(?:a\s+|an\s+|our\s+|the\s+)?(?:[\w-]+\s+){1,3}?(?:depends?|hinges?|rests?|relies?)\s+on\s+(?:the\s+)?(?:exact\s+|precise\s+)?"
    r"(?:count|number|figure|answer|result|total|amount|date|timing)s?\b|"
    # "... today? Bulk extracts of customer data are a GDPR concern for us.": why it matters to the asker
    r"(?:[\w-]+\s+){1,5}?(?:is|are)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}(?:concern|worry|risk|priority|requirement|issue)\s+(?:for|to)\s+"
    r"(?:us|me|them|our\s+\w+)\b|"
    # "... drop rows yesterday? valid_amount was flaky before": what the thing was like before, not an ask
    r"(?:[\w-]+\s+){1,2}?(?:was|were|has been|have been|used to be)\s+(?:\w+\s+)?(?:flaky|unreliable|broken|bad|off|weird|"
    r"noisy|problematic)\s+(?:before|earlier|previously|in the past|last (?:week|month|time))\b|"
    r"i(?:'m| am)? (?:use|using|want it for|plan to)\b)(?![^?]*\b(?:show|list|give|tell|also|too|please|which|what|who|how|"
    r"where|when|why|whether|and check|plus)\b)[^?]*?(?:[.!]\s*|$)", re.IGNORECASE)


#: "the amount drift on the silver table keeps growing": a problem getting worse, not a footprint (spend) growing.
PROBLEM_GROWING = re.compile(r"\b(drift|lag|backlog|latency|errors?|failures?|delays?)((?:\s+[\w.-]+){0,5}?)\s+(?:keeps?|kept|is|are|"
                             r"has been|have been|been) (?:growing|rising|climbing|getting (?:bigger|worse))\b", re.IGNORECASE)


#: "Did orders_pipeline drop rows yesterday? That's upstream of our feature pipeline.": a statement of how things are
#: connected, told as background after the ask (a question would end with "?")
RELATION_ASIDE = re.compile(r"(?:(?<=[.?!])|^)\s*(?:that|this|it|which)(?:'s| is| sits| runs| feeds)(?: \w+)? (?:upstream|downstream) "
                            r"(?:of|from) [^.?!]*(?:\.|$)", re.IGNORECASE)


#: "where billing data goes downstream", "lineage of the cost tables": the data whose flow is asked is named by its
#: area's word, which is no second topic
DATA_FLOW = re.compile(r"\b(?:billing|cost|costs|spend|spending|usage|finance|financial|invoice|invoicing|sales|audit) "
                       r"((?:data|records|tables?|datasets?)\s+(?:goes|go|flows?|ends? up|lands?|comes? from|travels?|moves?|"
                       r"feeds?|is used|are used|gets used)\b)|\b(lineage (?:of|for) (?:the |our )?)(?:billing|cost|usage|"
                       r"finance|sales) ((?:data|tables?|datasets?)\b)", re.IGNORECASE)


#: "the training history of M: how many runs and how its metrics evolved": runs said of a training are training
#: runs (a model's), not a job's, unless the question names a job.
TRAINING_RUNS = re.compile(r"^(?![^?!]*\bjobs?\b)([^?!]*?\b(?:re)?train(?:ing|ed|s)?\b[^?!]{0,80}?)(?<!training )\b(runs?)\b",
                           re.IGNORECASE)


#: "where are those untagged charges coming from - which clusters or jobs?": the things a sum of money is split by,
#: not a question about those jobs' runs.
MONEY_BY_THINGS = re.compile(r"(\b(?:charges?|spend\w*|costs?|bill\w*|money|dbus?|dollars)\b[^?!.]{0,60}?)\s*[-–:,]\s*"
                             r"(?:(?:and|so|ok)\s+)?(?:which|what|by which|by what)\s+(clusters?|jobs?|warehouses?|workspaces?|"
                             r"endpoints?|pipelines?|users?|teams?|skus?|products?)(?:\s*(?:or|and|/|,)\s*(?:clusters?|jobs?|"
                             r"warehouses?|workspaces?|endpoints?|pipelines?|users?|teams?|skus?|products?))*\b(?=\s*(?:[?.!]|$))",
                             re.IGNORECASE)


#: "without cutting any security corners, where are we paying for idle compute?": a constraint on the ask, not an ask
#: about security.
WITHOUT_COMPROMISE = re.compile(r"\bwithout (?:cutting|compromising|sacrificing|touching|weakening|hurting|risking|lowering|"
                                r"giving up) (?:any |our |the |on )?(?:\w+ ){0,2}?(?:corners|security|reliability|performance|"
                                r"quality|compliance|slas?|uptime|availability|freshness)\b(?: corners)?", re.IGNORECASE)


#: "who can see our spend data?", "who can read the billing tables": the money words say which data, not a cost ask.
ACCESS_TO_MONEY_DATA = re.compile(r"(\bwho (?:\w+ ){0,3}(?:can|could|may|is able to|are able to|has access to|have access to|"
                                  r"has|have) (?:\w+ )?(?:read|see|access|query|view|open|select from)?\s*(?:on |to )?(?:our |the "
                                  r"|all )?(?:\w+ )?)(?:spend|spending|billing|cost|costs|finance|financial|invoice)(?= (?:system )?"
                                  r"(?:data|tables?|numbers|figures|reports?|datasets?|records)\b)", re.IGNORECASE)


#: "is anyone pulling PII out of crm.customers, e.g. for training sets?": an example of why, not an ask about models.
EXAMPLE_PURPOSE = re.compile(r"[,(]?\s*\b(?:e\.g\.|eg|for example|for instance|say|maybe|like)\s*,?\s*(?:for|to build|into|to "
                             r"feed) (?:\w+ )?(?:training|feature|test) (?:sets?|data|datasets?|tables?)\b\)?", re.IGNORECASE)
#: "dq issues + any governance gaps, short version": how long the answer should be, not a model version.
ANSWER_LENGTH = re.compile(r"\b(?:the |a |in )?(?:short|shorter|brief|quick|long|full|detailed|tl;?dr) version\b", re.IGNORECASE)


#: "the cloud bill for our machine learning side of the house looks off": whose bill it is (a part of the account), not
#: a question about its models.
BILL_OF_A_SIDE = re.compile(r"\b((?:bill|spend|spending|costs?) (?:for|of|on) (?:our|the) )(?:ml|ai|machine learning) "
                            r"((?:side|stuff|things?|bits?)\b)", re.IGNORECASE)


#: "what could we save per month, and where does it come from?": the origin of a sum of money is what makes it up
#: (its drivers), not the data lineage of a table.
#: (not a figure's: "the quarterly cost number in the board deck: where does it come from?" asks its data's lineage)
MONEY_ORIGIN = re.compile(r"(\b(?:sav(?:e|es|ed|ing|ings)|spen[dt]\w*|costs?|bill\w*|money|dollars?|budget|\$\s?\d[\d.,]*k?)\b"
                          rf"(?! (?:\w+ )?(?:{FIGURE_NOUNS})\b)"
                          r"[^.?!]{0,80}?)\bwhere (?:does|do|did|would|will|could) (?:it|that|this|they|those|all that) "
                          r"(?:all |mostly |mainly )?come from\b", re.IGNORECASE)


#: "can i use main.crm.customers for my churn model or is that pii": what the asker would build with a thing is why
#: they ask (whether they may use it), not a question about that model.
BUILD_WITH = re.compile(r"(\b(?:use|using|pull|read|join|take|train on|feed)\s+(?:[\w.@-]+\s+){1,3}?)for\s+(?:my|our|a|an|"
                        r"the|some)\s+(?:[\w-]+\s+){0,3}?(?:model|dashboard|report|project|analysis|app|experiment|study|"
                        r"use ?case)s?\b", re.IGNORECASE)


#: "how much of its uptime was idle": a cluster's running time (idle or busy), not availability.
CLUSTER_UPTIME = re.compile(r"\buptime\b((?: of (?:the |that |this |its |our )?(?:[\w-]+ )?clusters?)?)(?= (?:was|is|were|spent|"
                            r"sitting|sat) (?:\w+ )?idle\b|"
                            # "share of uptime at near-zero CPU": how much of its running time did nothing
                            r" (?:(?:was|is|were) )?(?:at|with|spent at|under) (?:near[- ]?zero|zero|low|no|minimal|idle) "
                            r"(?:cpu|load|utili[sz]ation|usage)\b)",
                            re.IGNORECASE)

#: "we have to show accuracy under art. 5(1)(d)": the accuracy a regulation asks of data, not a model's.
REGULATED_ACCURACY = re.compile(r"\b(?<!data )accuracy\b(?= (?:under|per|as per|required by|in line with|according to|for) "
                                r"(?:the )?(?:gdpr|dsgvo|rgpd|art\b|art\.|article|principle|regulation|law|lgpd|ccpa))",
                                re.IGNORECASE)

#: "don't want to chase a false positive at 3am": why the asker checks, not a security question.
NOT_WORTH_CHASING = re.compile(r"\b(?:i |we )?(?:don'?t|do not|dont) want to (?:chase|wake (?:\w+ )?up for|get paged for|"
                               r"be paged for|investigate|dig into) (?:a |another |some )?(?:false (?:positive|alarm)|ghost|"
                               r"nothing|noise)\w*(?: (?:at|in the middle of the night|tonight|again)(?: \S+)?)?",
                               re.IGNORECASE)


#: Words that say who asks, why, when the answer is needed or how a thing is described, not what is asked: each
#: pattern with what it reads as (in this order: a requester's words go before the role and purpose ones).
#: "Production uptime month to date - are we under 100% and what ate the budget?": beside uptime, the budget is the
#: error budget (the downtime an SLO allows), not money.
UPTIME_BUDGET = re.compile(r"(\b(?:uptime|availability|slos?|slas?|downtime|outages?|nines)\b[^.?!]{0,80}?\b)(?:the|our|its|that) "
                           r"budget\b(?! (?:for|of) (?:the |our )?(?:month|year|quarter|team|workspace|project))", re.IGNORECASE)


#: "the lineage from system.billing.usage to the tables our cost reports read": the reports a lineage ends in, named
#: by their subject, are consumers of the data, not a question about spend.
LINEAGE_CONSUMER = re.compile(r"(\b(?:lineage|trace\w*|upstream|downstream|feeds?|flows?|through to|all the way to)\b[^?!]{0,120}?"
                              r"\b(?:our|the|my|their) )(?:cost|billing|finance|financial|spend|usage|chargeback|finops|revenue) "
                              r"((?:reports?|dashboards?|views?|marts?|tables?)\b)", re.IGNORECASE)


#: "... ml-workspace spend, yesterday compared to what it usually runs?": what it usually costs (no job runs)
USUAL_RUN_RATE = re.compile(r"(\b(?:spend\w*|spent|bill\w*|costs?|costing|charges?|money|dollars?|dbus?|invoice)\b[^.?!]{0,80}?)"
                            r"\b(?:what|how much) (?:it|they|that|this|we|the workspace|the team)(?:'s| is| are)? (?:usually|normally|"
                            r"typically|generally|ordinarily|tends? to)\s+run(?:s|ning)?(?: us| at)?\b", re.IGNORECASE)


CONTEXT_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (SELF_CORRECTION, " "), (ASKER_CONTEXT, " "), (SUMMARY_FOR, " "), (REPORTED_SYMPTOM, " "), (REQUESTER, " "), (NEW_OWNER, " "), (SELF_INTRODUCTION, " "), (ROLE_HERE, " "), (PURPOSE_AFTER, " "), (ASIDE, " "),
    (LOAD_AFTER_HOURS, r"\1\2 in quiet hours"), (QUIET_HOURS_LOAD, r"quiet hours \1"), (HYPOTHETICAL_RUN, r"\1scheduled"), (SCHEDULE, " nightly "), (FIGURE_TREND, r" \1 trend "),
    (COMPUTE_OWNER, r"\1 per user"), (TIME_ANCHOR, r"\1 then"), (WHEN_IT_BROKE, r"\1 then"), (RUN_AT_TIME, r"\1"), (PRINCIPAL_QUERIES, r"access \1 \2"), (BRACKETED_PLUS_LIST, " "), (PAGED_SELF, " "), (COMPLAINERS, " complaints "), (RANKED_BY, " ranked "), (FIGURE_DOUBT, " "), (DATA_MODELS, r"\1data models"),
    (SET_ASIDE_ACTIVITY, " "),
    (PROBLEM_GROWING, r"\1\2 worsening"),
    (ERROR_BUDGET_BURN, r"\1\2used"),
    (FAILURE_WASTE, r"\1\2 costing money"),
    (EVENT_ANCHOR, r"\1 then"),
    (DATA_FLOW, r"\1\2\3"),
    (RELATION_ASIDE, " "),
    (TRAILING_BACKGROUND, " "),
    (WHY_IT_MATTERS, " "),
    (BILLED_ASIDE, " "),
    (IF_SOMETHING_BREAKS, " "),
    (IF_THING_IS, " "),
    (OBLIGATION, " "),
    (BYTES_READ, " query scanning data "),
    (MONEY_ORIGIN, r"\1what drives it"),
    (MONEY_BY_THINGS, r"\1 broken down by \2"),
    (WITHOUT_COMPROMISE, " "),
    (ACCESS_TO_MONEY_DATA, r"\1"),
    (EXAMPLE_PURPOSE, " "),
    (ANSWER_LENGTH, " "),
    (BILL_OF_A_SIDE, r"\1\2"),
    (TRAINING_RUNS, r"\1training \2"),
    (BUILD_WITH, r"\1"),
    (CLUSTER_UPTIME, r"running time\1"),
    (NOT_WORTH_CHASING, " "),
    (BREAK_IN, " unauthorized access attempts "),
    (TABLES_WITHOUT_TAGS, r"\1untagged tables"),
    (IN_SCOPE, " "),
    (EXCESS_PRIVILEGE, r"\1hold excess privileges"),
    (REGULATED_ACCURACY, "data accuracy"),
    (USUAL_RUN_RATE, r"\1its usual spend"),
    (LINEAGE_CONSUMER, r"\1\2"),
    (UPTIME_BUDGET, r"\1the error budget"),
)


def without_requester(text: str) -> str:
    """``text`` read without its context words (:data:`CONTEXT_WORDS`): who asked for the answer, who is asking,
    what the answer is for, asides, a job's schedule, a figure's direction."""
    for pattern, reads_as in CONTEXT_WORDS:
        text = pattern.sub(reads_as, text)
    return text

#: Entity kind -> {domain: bonus}, from the one table of kinds (an IP leans security; a model, mlops).
ENTITY_HINTS: dict[str, dict[str, float]] = {k.name: dict(k.hints) for k in KINDS if k.hints}


class VocabularyError(ValueError):
    """The cue table and the agents' registry disagree (a specialist would be unroutable)."""


def check_vocabulary(domains: tuple[str, ...] = DOMAINS) -> None:
    """Every specialist has cues and every cue belongs to a specialist; raises naming what to fix."""
    missing = [d for d in domains if not DOMAIN_CUES.get(d)]
    extra = [d for d in DOMAIN_CUES if d not in domains]
    stray = sorted({d for k in KINDS for d in k.hints if d not in domains} | {k.owner for k in KINDS
                                                                             if k.owner not in domains})
    problems = ([f"no cues for specialist(s) {', '.join(missing)}: add them to DOMAIN_CUES in graph/nlp/vocabulary.py"]
                if missing else [])
    problems += [f"cues for unknown specialist(s) {', '.join(extra)}: add them to agents/registry.py or drop them"] \
        if extra else []
    problems += [f"graph/kinds.py names unknown specialist(s) {', '.join(stray)}"] if stray else []
    if problems:
        raise VocabularyError("; ".join(problems))


check_vocabulary()


@lru_cache(maxsize=1)
def compiled_cues() -> dict[str, list[tuple[re.Pattern[str], float]]]:
    """The cues compiled once, each wrapped in word boundaries (of Latin letters: "hourly_ingest ジョブはSLAを" says SLA,
    a word written against Japanese script)."""
    return {d: [(re.compile(rf"(?<![0-9A-Za-z\u00C0-\u024F_@.-])(?:{p})(?![0-9A-Za-z\u00C0-\u024F_@-])"), w)
                for p, w in cues.items()]
            for d, cues in DOMAIN_CUES.items()}


#: A cue this strong names its domain on its own (a phrase, not a hint).
PRECISE_CUE = 1.0
#: Cues weaker than this are hints: inside another domain's precise phrase they do not count.
ABSORBED_BELOW = 0.6


def cue_peaks(text: str) -> dict[str, float]:
    """Per domain, the weight of its strongest cue in ``text`` (1.0: a phrase that names the domain on its own;
    unlike :func:`cue_scores`, several weak hints never add up to it)."""
    low = " ".join(text.lower().split())
    return {d: max((w for p, w in cues if p.search(low)), default=0.0) for d, cues in compiled_cues().items()}


def cue_scores(text: str) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Per-domain cue strength in [0, 1] (saturating sum of weights) and the words that matched."""
    low = " ".join(text.lower().split())  # masked names leave double spaces; cues span single ones
    found = [(domain, m.start(), m.end(), weight, m.group(0)) for domain, cues in compiled_cues().items()
             for pattern, weight in cues if (m := pattern.search(low))]
    # A hint inside another domain's precise phrase is part of that phrase: "query" in "who can query it"
    # is a permission, not a performance question (a word strong on its own, "costing", still counts).
    phrases = [(d, a, b) for d, a, b, w, _ in found if w >= PRECISE_CUE]
    scores = dict.fromkeys(DOMAINS, 0.0)
    hits: dict[str, list[str]] = {}
    for domain, a, b, weight, words in found:
        if weight < ABSORBED_BELOW and any(pd != domain and pa <= a and b <= pb and pb - pa > b - a
                                           for pd, pa, pb in phrases):
            continue
        scores[domain] = min(1.0, scores[domain] + weight)
        hits.setdefault(domain, []).append(words)
    return scores, hits


def entity_hints(entities: dict[str, list[str]] | None) -> dict[str, float]:
    """Per-domain bonus from the kinds of entities the question names."""
    bonus = dict.fromkeys(DOMAINS, 0.0)
    for kind, names in (entities or {}).items():
        if not names:
            continue
        for domain, value in ENTITY_HINTS.get(kind, {}).items():
            bonus[domain] = max(bonus[domain], value)
    return bonus
