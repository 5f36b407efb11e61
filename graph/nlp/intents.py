"""What the user wants done: an intent per question, from a table of cue patterns (first match wins).

``briefing`` ("give me the morning briefing", "catch me up") asks every specialist for its top signals;
the others shape how one specialist's answer is read (``cause`` reaches for cause tools, ``trend`` for
series, ``compare`` adds a comparison window, ``recommendation`` leads with what to do, ``list_more``
pages on). ``lookup`` is the default.
"""

from __future__ import annotations

import re

#: After "worried about": nothing named ("should we be worried about the training job?" asks about that job).
_NOTHING_NAMED = (r"(?=\s*(?:$|[?.!,;:]|anything|today|tonight|now|right now|overall|at all|this (?:morning|week)|"
                  r"before|ahead of|going into))")

INTENT_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("briefing", re.compile(
        r"\bbriefing\b|\bbrief me\b|\bdigest\b|\brundown\b|\bcatch me up\b|\bwhat should i (?:know|look at)\b|"
        # "how healthy is our data platform right now, and what should I actually be worried about?"
        r"\bhow healthy (?:is|are) (?:our|the|my) (?:data )?(?:platform|account|estate|setup|lakehouse|databricks)\b|"
        r"\bwhat should (?:i|we) (?:actually |really |even )?(?:be )?(?:worr(?:y|ied)|concerned|losing sleep) about\b|"
        r"\banything (?:i should know|important|to worry about|on fire|burning)\b|\bwhat(?:'?s| is) on fire\b|"
        r"\bstate of (?:the )?(?:platform|account|union)\b|\boverall (?:(?:account|platform|system) )?(?:health|status|picture)\b|"
        # ("For the exec update: did anyone open up PII?": where the answer goes, before the one thing asked)
        r"(?<!for the )(?<!for my )(?<!for our )(?<!for an )(?<!for this )(?<!in the )(?<!into the )"
        r"\bexec(?:utive)? (?:summary|overview|update|brief)\b(?!\s*[:\-–—,]\s*(?:did|does|do|is|are|was|were|has|have|who|"
        r"what|when|where|which|how|why|can|could|any)\b)|"
        r"\bhow (?:healthy|bad|good|ok|okay) (?:is|are) (?:\w+ ){0,2}(?:overall|in general|generally|all round)\b|"
        # "a little summary about 'how healthy our setup is'": the whole account's state
        r"\bhow healthy (?:(?:our|the|my) (?:setup|platform|account|environment|estate|stack|system|databricks) (?:is|looks)|"
        r"(?:is|are) (?:our|the|my) (?:setup|platform|account|environment|estate|stack|system|databricks))\b|"
        r"\bhow (?:is|are|r) (?:everything|things|we doing|we looking)(?: overall| today| this morning)?\b|"
        # "RAG per area pls", "a traffic light for each area": a status per area
        r"\b(?:rag|red[/ -]amber[/ -]green|traffic[- ]lights?)(?: status| rating)?(?: per| for (?:each|every)| by)? (?:area|domain|"
        r"team|pillar)s?\b|\b(?:status|rag|traffic[- ]light) per (?:area|domain|pillar)\b|"
        r"\bhow (?:is |are )?(?:the |our |my )?(?:platform|account|estate|databricks|lakehouse|everything|things)"
        r"(?: is| are)? (?:doing|looking|going|holding up)\b|"
        r"\b(?:summary|overview|recap|roundup) of (?:the |today'?s |overnight |last night'?s |this morning'?s )?"
        r"(?:problems|issues|incidents|alerts|fires|trouble)\b|"
        r"\bhealth (?:summary|overview|report|status|rundown)\b|"
        # "an overall summary of the Databricks account's health, covering every area"
        r"\b(?:summary|overview|report|picture|view) of (?:the |our )?(?:databricks )?(?:account|platform|workspace|estate|setup)"
        r"(?:'s)? (?:health|status|state)\b|\bcovering (?:every|all|each) (?:area|domain)s?\b|"
        # "tl;dr for the next shift: everything that's red across the account"
        r"\beverything (?:that'?s |that is |that was |still )?(?:red|broken|failing|on fire|down|wrong|weird)\b|\btl;?dr\b|"
        # "overall risk posture across the platform - the single most important thing I should flag to the board?"
        r"\b(?:overall|platform|account)[- ](?:risk |security |health )?posture\b|\brisk posture (?:across|of|for) (?:the |our )?"
        r"(?:platform|account|estate|databricks)\b|\b(?:the )?(?:single |one )?(?:most important|biggest|number one|#1) "
        r"(?:thing|issue|risk|item|problem) (?:i|we) (?:should|need to|must|ought to) (?:flag|raise|report|mention|escalate|"
        r"tell|bring up)\b|"
        # "quick overview of everything that went wrong yesterday", "what broke overnight?": a period's problems, everywhere
        r"(?:\b(?:everything|anything|all|whatever) (?:that )?|^\W*(?:so |ok |and )?what )(?:went|has gone|have gone|had gone|"
        r"goes|broke|has broken|failed) (?:wrong )?(?:yesterday|today|overnight|last night|this (?:morning|week)|over the weekend|"
        r"since (?:yesterday|friday|monday))\b|"
        # "a short summary of everything that is wrong today"
        r"\b(?:summary|overview|recap|list|rundown|roundup) of (?:everything|all|anything|all the things|what(?:'s| is| was)?)"
        r"(?: that)?(?: is| are| was|'s)? (?:wrong|broken|failing|off|bad|on fire)\b|^\W*what(?:'s| is) (?:broken|wrong)\b(?! with)|"
        r"\b(?:what|anything|things?|stuff)(?: else)?(?: that)? (?:needs?|requires?) (?:my |our )?(?:attention|action)\b|"
        r"\b(?:top|biggest|main|key)(?:\s+(?:\d{1,2}|three|five|ten|few|couple of))?(?:\s+(?:platform|account|operational|"
        r"overall|databricks))?\s+(?:issues|problems|risks|concerns|signals)\b|\btop things\b|\bwhat needs (?:my )?attention\b|"
        r"\bdaily (?:summary|report|check)\b|\bmorning (?:report|summary|check|update)\b|\bhealth check\b|"
        r"\b(?:is )?everything (?:ok|okay|fine|good|alright|all right|healthy|green)\b|"
        r"^\W*(?:so |ok |okay |honestly |overall |quick(?:ly)?[,:]? )?(?:are we|is the platform|are things) (?:ok|okay|fine|good|"
        r"alright|all right|healthy|in good shape|doing ok|doing okay|doing fine)\b|\bany(?:thing)? (?:fires|issues) (?:today|this morning)\b|"
        r"\bstatus (?:of|on|across) (?:everything|all|the (?:whole |entire )?(?:platform|account|estate))\b|"
        r"(?:^\W*|\b(?:i|we)(?:'?ve| have)?\s+(?:just\s+)?)been (?:away|out|off)\b|"
        r"\b(?:i just got in|just (?:got|came) (?:in|back)|while i was (?:away|out|off)|"
        r"(?:just )?(?:came|coming|got|getting) on shift|start(?:ing|ed)? (?:my |the )?shift)\b|"
        r"\bwhat did i miss\b|\b(?:should|do|must|need to) (?:i|we) (?:need to |have to )?(?:be )?worr(?:y|ying|ied) about\b" + _NOTHING_NAMED + "|"
        r"\b(?:anything|something|what) (?:i|we) (?:should|need to|must|ought to) (?:be )?worr(?:y|ying|ied) about\b"
        + _NOTHING_NAMED + r"|"
        # "whats the ONE thing on the platform I should be worried about right now?", "the one thing to fix today"
        r"\b(?:the )?(?:one|single|biggest|main|top) (?:thing|issue|problem|risk|worry|concern)(?: on (?:the |our )?"
        r"(?:platform|account|estate))? (?:i|we)? ?(?:should|need to|must|ought to|to) (?:be )?(?:worr(?:y|ying|ied) about|"
        r"fix|look at|care about|know|focus on)\b" + _NOTHING_NAMED + r"|\bwhat (?:should|do) (?:i|we) "
        r"(?:need to )?(?:know|flag|mention|raise)\b(?! about)|"
        # "anything red across the board before we start? whole account": every area's status
        r"\b(?:anything|something|what'?s|what is|is anything) (?:\w+ )?(?:red|amber|on fire|burning|flashing)\b(?= (?:across|on|in) "
        r"(?:the board|the (?:whole |entire )?(?:account|platform|estate))|\W*$|\W+(?:before|today|this morning|right now))|"
        r"\bacross the board\b(?=\W*(?:before|today|this morning|right now|whole account|\W*$))|"
        # a shift handover or a review: the top signals across domains
        # ("need to know before I hand over": when the asker needs it, not what is asked)
        r"(?<!before i )(?<!before we )(?<!before i can )(?<!until i )\bhand(?:ing)?[- ]?over\b|\bhandover\b|\bwhat changed\b.{0,40}\b(?:since|overnight|over the weekend|this week)\b|"
        r"\btop (?:\d+ |three |five |few |couple of )?(?:things|items|issues|risks|problems|action items|actions|"
        r"priorities|to-?dos|fixes)\b(?!\s+(?:to|we could|i could|you would) (?:cut|trim|save|reduce|switch|turn|shut|drop|"
        r"kill|optimi[sz]e|lower|downsize))|\bshould know about\b|"
        r"\bwhatever (?:domain|area)s?\b|\b(?:raise|bring up|flag) (?:at|in) the (?:\w+ )?(?:review|standup|meeting)\b|"
        # "if my leads can only take on three things, what should they be? rank them by how much they hurt"
        r"\b(?:only|just) (?:take on|tackle|fix|do|handle|work on) (?:\w+ )?(?:one|two|three|four|five|\d) things\b|"
        r"\bwhat (?:should|do|must|shall|would you have) (?:we|they|i|my (?:leads|team)) (?:prioriti[sz]e|focus on|tackle|fix|"
        r"look at|deal with) first\b" + _NOTHING_NAMED + "|"
        r"\brank (?:them|these|those|the (?:issues|problems|risks)) by (?:how much|impact|severity|business)",
        re.IGNORECASE)),
    ("list_more", re.compile(r"\b(?:show|give|list)(?: me)? more\b|\bthe (?:rest|others)\b|\bnext (?:page|ones)\b",
                             re.IGNORECASE)),
    ("recommendation", re.compile(
        r"\bwhat should (?:i|we) do\b|\brecommend\w*\b|\bhow (?:do|can|could|should) (?:i|we) (?:fix|reduce|cut|"
        r"improve|lower|save|speed)\b|\bnext steps?\b|"
        # (not "could you advise whether the data is healthy": tell me whether)
        r"\badvi[cs]e\b(?!\s+(?:me\s+|us\s+)?(?:on\s+)?(?:whether|if)\b)|\bsuggest\w*\b|\bhow much would\b",
        re.IGNORECASE)),
    ("cause", re.compile(r"\bwhy\b|\bcaus\w*\b|\breason\w*\b|\bexplain\w*\b|\bwhat happened\b|"
                         # (not "the same person behind the huge query": who ran it)
                         r"(?<!person )(?<!people )(?<!user )(?<!guy )(?<!one )(?<!who's )(?<!whos )(?<!who is )\bbehind (?:the|this|"
                         r"that)\b|\bdue to\b|\bdriv(?:ing|en|es|ers?)\b|\bhow come\b|\bwhat (?:pushed|pushes|pushing|drove|sent|tipped) "
                         r"(?:it|that|this|them|the \w+) (?:up|over)\b", re.IGNORECASE)),
    # ("budget vs actual" is a budget's status, not two periods)
    # ("compared to its normal" is a deviation from a baseline, the anomaly tools' own figure, not two periods)
    ("compare", re.compile(r"\bcompar\w*\b(?! (?:to|with|against) (?:its|their|the|our) (?:normal|usual|typical|average|"
                           r"baseline|mean|norm)\b)|(?<!budget )(?<!budgets )(?<!plan )(?<!target )(?<!forecast )\b(?:vs\.?|versus)\b"
                           r"(?! actuals?\b)(?! (?:its|their|the|our) (?:normal|usual|typical|average|baseline|mean|norm)\b)|\bdifference between\b|\bthan (?:last|the previous|"
                           r"before)\b|\b(?:week|month|day) over (?:week|month|day)\b", re.IGNORECASE)),
    ("trend", re.compile(r"\btrend\w*\b|\bover time\b|\bhistory\b|\bper (?:day|week|month)\b|\bby (?:day|week|"
                         r"month)\b|\bgrowing\b|\bgrowth\b|\bevolution\b", re.IGNORECASE)),
)


def briefing_sentence(text: str) -> str:
    """The sentence of ``text`` that asks for the briefing ("Back from PTO and my inbox is a disaster. What are the top
    things wrong with the platform?": the second), or ``text`` when none does."""
    m = dict(INTENT_CUES)["briefing"].search(text or "")
    if m is None:
        return text or ""
    start = max(text.rfind(c, 0, m.start()) for c in ".?!\n") + 1
    ends = [i for c in ".?!\n" if (i := text.find(c, m.end())) >= 0]
    return text[start:min(ends) + 1 if ends else len(text)]


def intent_of(text: str) -> str:
    """The question's intent (``lookup`` when no cue matches)."""
    for name, pattern in INTENT_CUES:
        if pattern.search(text or ""):
            return name
    return "lookup"
