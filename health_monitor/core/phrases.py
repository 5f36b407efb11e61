"""Phrasings that more than one layer reads the same way (the router's cues, the planner's slots and a specialist's
plays): one pattern, so the three never drift apart."""

from __future__ import annotations

#: "how many ppl actually use the platform", "how many distinct people were active this quarter", "number of active
#: users", "does anyone still use the dev workspace": the people using the platform (the principals in the audit log).
PEOPLE_USING = (r"\bhow many (?:\w+ )?(?:users|people|ppl|humans|folks|persons|engineers|analysts|devs|developers|"
                r"data scientists) (?:\w+ ){0,3}(?:use|using|used|are active|were active|active|log(?:ged)? in|"
                r"logging in|touch\w*|work\w* (?:in|on))\b|\b(?:number|count) of (?:\w+ )?(?:active )?users\b|"
                r"\bactive users\b|"
                # "does anyone still use the dev workspace?"
                r"\b(?:does|do|is|are) (?:anyone|anybody|someone|people) (?:still |even |actually )?(?:use|using|log (?:in|into)|"
                r"work (?:in|on)) (?:the |our |this |that )?(?:[\w-]+ )?(?:workspace|platform|databricks|account)\b")

#: "an owning team", "each cost center", "the responsible BU": who a sum of money belongs to.
OWNER_OF_SPEND = (r"(?:an? |the |its |their |each |one )?(?:owning |responsible |paying )?(?:teams?|owners?|cost[- ]cent\w*|"
                  r"projects?|departments?|business units?|bus?)\b")

#: "can every dollar be traced back to an owning team?", "charged to each department": spend attributed to its owners
#: (tags), read alike by the router's cue and the cost and advisor plays; lineage's "traced back" cue refuses it.
SPEND_TRACED_TO_OWNER = rf"\b(?:traced?|tied|mapped|allocated|attributed|charged) (?:back )?to {OWNER_OF_SPEND}"

#: "the cost numbers in our reports", "spend dashboards", "the usage table": an area's figures as a thing (a report, a
#: table), not the money itself (read alike by the router's money-origin rewrite and the adapters' lineage of figures).
FIGURE_NOUNS = r"numbers?|figures?|totals?|data|reports?|reporting|dashboards?|metrics|tables?|facts?"

#: "does it have a description?", "undocumented tables", "comments on the columns": a table's catalog documentation
#: (read alike by the adapters' follow-up to a table and the governance play for tables without one).
DESCRIPTION_WORDS = r"descriptions?|comments?|undocumented|documented|documentation"

#: A year as the span a figure is taken over ("over a full year", "per year", "annualised"): the follow-up that asks
#: it and the estimate that answers it read the same words.
PER_YEAR_WORDS = (r"(?:(?:over|in|for|across|per|a|each)\s+(?:a\s+|one\s+|1\s+)?(?:full\s+|whole\s+|entire\s+|calendar\s+)?"
                  r"year\b(?!\s+(?:before|ago|earlier|prior))|annuali[sz](?:e|ed|ing)\b|annually\b|per annum\b|"
                  r"over (?:the next |a )?(?:12|twelve) months\b)")

#: The people whose report or complaint the asker passes on ("consumers said...", "stakeholders keep asking..."):
#: who noticed, not what is asked.
REPORTING_PEOPLE = r"(?:consumers|users|customers|folks|people|teams?|stakeholders|analysts|execs|business users)"

#: Put before a failure word: "where are we failing that?" is a rule the asker's own side does not meet, not a run
#: that failed (performance's fail cue and the cost of failed runs both read it so).
NOT_OUR_FAILING = r"(?<!we )(?<!we're )"
