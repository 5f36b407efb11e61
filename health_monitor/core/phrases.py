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
