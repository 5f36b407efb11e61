"""The graph's thin adapters to the layers built beside it, in one place.

* **tools/**: the registry, the executor (one per run context), LangChain tools per agent.
* **graph/nlp/**: ``parse_question`` / ``route`` / ``merge_context`` -> :class:`Understanding`.
* **db/**: see :mod:`graph.memory` (it talks to ``db.repositories`` only through the functions here).

If one of those interfaces moves, this file is the only one to change.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from health_monitor.agents.registry import get_agent_registry
from health_monitor.graph.context import RunContext
from health_monitor.graph.kinds import BY_NAME, KIND_WORD_ALTERNATION, KINDS, PRONOUN_KINDS, WORD_KINDS
from health_monitor.graph.understanding import Entity, Window
from health_monitor.graph.understanding import Understanding as TypedUnderstanding
from health_monitor.tools.executor import ToolExecutor, ToolResult
from health_monitor.tools.registry import get_registry

from health_monitor.core.phrases import DESCRIPTION_WORDS, FIGURE_NOUNS, PEOPLE_USING

_LOCK = threading.Lock()


def jsonable(v: Any) -> Any:
    """Dates -> ISO strings, Decimals -> floats, tuples -> lists, pydantic -> dicts (for JSON and tool args)."""
    if isinstance(v, dict):
        return {str(k): jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple, set)):
        return [jsonable(x) for x in v]
    if isinstance(v, datetime):
        return v.isoformat()
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, Decimal):
        return float(v)
    if hasattr(v, "model_dump"):
        return jsonable(v.model_dump())
    return v


# --- tools/ ------------------------------------------------------------------------------------------

def tool_registry(ctx: RunContext) -> Any:
    if ctx.tools is not None:
        return ctx.tools
    return get_registry()


def executor(ctx: RunContext) -> Any:
    """The context's tool executor (created once per context, thread-safe)."""
    with _LOCK:
        ex = ctx.extras.get("executor")
        if ex is None:
            ex = ToolExecutor(ctx.warehouse, ctx.settings, tool_registry(ctx))
            ctx.extras["executor"] = ex
    return ex


def run_tool(ctx: RunContext, name: str, args: dict[str, Any]) -> Any:
    """A ``tools.executor.ToolResult`` (never raises)."""
    return executor(ctx).run(name, args)


def refused(name: str, args: dict[str, Any], reason: str) -> Any:
    return ToolResult(tool=name, args=dict(args), ok=False, error=reason)


def agent_tool_names(ctx: RunContext, agent: str) -> list[str]:
    return [t.name for t in tool_registry(ctx).for_agent(agent)]


def langchain_tools(ctx: RunContext, agent: str) -> list[Any]:
    """The agent's catalog tools as LangChain tools (schemas for ``bind_tools``)."""
    from health_monitor.tools.langchain import as_langchain_tool

    ex = executor(ctx)
    return [as_langchain_tool(t, ex) for t in tool_registry(ctx).for_agent(agent)]


FIRST_DAY_SQL = "select min(usage_date) as first_day from main.health_monitor.fact_usage_daily"


def data_first_day(ctx: RunContext) -> date | None:
    """The first day the account's data covers (billing usage, the longest-kept system table), cached
    per context; None when it cannot be read (the tools then say what is missing)."""
    if "first_day" not in ctx.extras:
        first = None
        try:
            rows = ctx.warehouse.query(FIRST_DAY_SQL, max_rows=1).rows if ctx.warehouse is not None else []
            value = rows[0]["first_day"] if rows else None
            first = value.date() if isinstance(value, datetime) else value if isinstance(value, date) else None
        except Exception:  # noqa: BLE001 - coverage is a courtesy check, never a failure
            first = None
        ctx.extras["first_day"] = first
    return ctx.extras["first_day"]


def data_as_of(ctx: RunContext) -> datetime:
    """``meta_build.as_of`` (naive UTC); raises the warehouse's error (a ``HealthMonitorError`` with a
    message saying what to do) when the data cannot be read at all."""
    as_of, _ = executor(ctx).as_of()
    return as_of


# --- graph/nlp/ --------------------------------------------------------------------------------------

@dataclass
class Understanding:
    """What the graph needs from the parser, in one flat shape."""

    agents: list[str] = field(default_factory=list)
    intents: list[str] = field(default_factory=list)
    #: Parameters and resolved entities: days, hours, start_date, end_date, date, top_n, severity,
    #: workspace, job, user, table, cluster, warehouse, endpoint, pipeline, model, ...
    slots: dict[str, Any] = field(default_factory=dict)
    #: Names the question used that match nothing known ("workspace foo").
    unknown: list[str] = field(default_factory=list)
    off_topic: bool = False
    followup: bool = False
    reason: str = ""
    #: The merged context to store with this turn (JSON-ready).
    context: dict[str, Any] = field(default_factory=dict)
    #: The typed understanding of the turn (what is stored and read back; see graph.understanding).
    typed: TypedUnderstanding | None = None


#: Parser parameters that are dates (ISO strings in ``ParsedQuestion.params``).
DATE_PARAMS = ("start_date", "end_date", "date")

#: An elliptical follow-up: it asks the last question again with something changed.
ELLIPSIS = re.compile(r"^\s*(and|what about|how about|same (for|but)|then|also|now|compare)\b", re.IGNORECASE)

#: "What's up with X", "how is X doing", "status of X": a question about a thing, not a topic.
STATUS = re.compile(r"\bwhat(?:'?s| is) (?:up|going on|happening) with\b|\bhow(?:'?s| is| are) .{1,60} (?:doing|looking|trending)\b|"
                    r"\bstatus (?:of|on|for)\b|\bcheck (?:on|in on)\b|\bany (?:news|update) on\b", re.IGNORECASE)
#: A follow-up pointing back with a pronoun ("who is running them") asks about the last turn's subject.
PRONOUN = re.compile(r"\b(?:them|they|those|these|it|its)\b", re.IGNORECASE)
#: "it", "they" standing alone (not "those runs", which names what it points at).
_BARE_PRONOUN = re.compile(r"\b(?:it|its|they|them)\b", re.IGNORECASE)
#: Properties a kind of thing has, asked with a pronoun pointing at such things ("is any of them drifting").
_PROPERTY_OF_KIND: dict[str, re.Pattern[str]] = {
    "model": re.compile(r"\b(?:drift\w*|shift\w*|accura\w*|retrain\w*|predict\w*|latency|how fast|how slow|answer\w*|"
                        r"respond\w*|serv\w*)\b", re.IGNORECASE),
    "endpoint": re.compile(r"\b(?:latency|how fast|answer\w*|respond\w*|requests?|slow|timeouts?)\b", re.IGNORECASE),
}
#: What a table's catalog entry says of it: its description, owner and tags.
_DOCUMENTED = re.compile(rf"\b(?:{DESCRIPTION_WORDS}|described|docs|owners?|owned|tags?|tagged)\b", re.IGNORECASE)
#: A kind word ("that training job", "the table"): the question says itself what it is about.
_KIND_WORD = re.compile(rf"\b(?:{KIND_WORD_ALTERNATION})\b", re.IGNORECASE)
#: "its biggest job": a thing of the last subject's, so the last topic (its cost) still holds.
_POSSESSIVE_KIND = re.compile(rf"\b(?:its|their)\s+(?:\w+\s+)?(?:{KIND_WORD_ALTERNATION})\b", re.IGNORECASE)
#: "the server it runs on", "the table they write to": another thing, found through "it", asked about on its own.
_THING_IT_USES = re.compile(rf"\bthe (?:[\w-]+ )?(?:{KIND_WORD_ALTERNATION}|server|servers|machine|box|node|nodes|vm|"
                            r"compute) (?:that )?(?:it|they) (?:runs?|ran|lives?|sits?|is|are|was|were|uses?|used|reads?|"
                            r"read|writes?|wrote)\b", re.IGNORECASE)
#: "this job, is it running fine?", "those runs - did they fail?": a thing said with a demonstrative, then "it" or
#: "they" pointing at that thing (a job's runs are the job's).
_THAT_KIND_THEN_IT = re.compile(rf"\b(?:this|that|these|those|the same)\s+(?:[\w-]+\s+)?(?P<kind>{KIND_WORD_ALTERNATION}|"
                                r"runs?)\b\s*[,:;-]\s*"
                                r"(?:\w+\s+){0,3}?(?:it|they)\b", re.IGNORECASE)
#: Kind words, and a job's runs as the job.
_RUN_KINDS: dict[str, str] = {**WORD_KINDS, "run": "job", "runs": "job"}
#: Entity kind -> the specialist to ask when a question names such a thing but no topic.
KIND_OWNERS: dict[str, str] = {k.name: k.owner for k in KINDS if k.owner and k.name not in ("regulation", "grant")}
_KIND_ORDER: dict[str, int] = {k.name: i for i, k in enumerate(KINDS)}

#: Asking for a table's sources: "what feeds that table", "where does it come from", "built from what".
_UPSTREAM_ASK = (r"(?:what|which|who)(?: (?:tables?|jobs?|pipelines?|sources?|things?|process(?:es)?))? (?:feeds?|loads?|"
                 r"populates?|produces?|fills?|writes?(?: to| into)?)\b|originat\w*|(?:trail|trace|way|lineage) back to "
                 r"(?:the |its |their )?sources?|where (?:does|do|did|is|are) .{1,60}? "
                 r"(?:come|comes|coming) from|\bsources? (?:of|for|behind)\b|(?<!gets )(?<!get )\bfed (?:by|from)\b|"
                 r"\b(?:derived|built|sourced|loaded) from\b|\bwhat (?:does|do|did) .{1,40}? (?:depend|depends) on\b|"
                 # "where does that table get its data from, like what comes before it"
                 r"\b(?:get|gets|getting|pull|pulls|pulling) (?:its|their) (?:data|rows|input|numbers) from\b|"
                 r"\bwhat (?:comes|came|sits|is) (?:before|ahead of|above) (?:it|that|this|them)\b")


#: Asking for what a table feeds: "what does that table feed", "what depends on it".
_DOWNSTREAM_ASK = (r"what (?:does|do|did|will|would) .{1,40}? feed\b|(?:what|which|who)(?: (?:tables?|jobs?|dashboards?|"
                   r"models?|reports?|things?))? (?:depends?|relies|rely) on\b|\bfeeds? into what\b|"
                   # "what gets fed from it": what it feeds
                   r"(?:what|which)(?: \w+)? gets? fed (?:from|by|off)\b")


def direction(words: str) -> str:
    """The lineage direction a matched phrase asks for: upstream ("upstream", "what feeds it"), else downstream
    ("what breaks if I drop it")."""
    low = words.lower()
    return "upstream" if low == "upstream" or re.fullmatch(_UPSTREAM_ASK, low) else "downstream"


#: Slots the parser does not extract, read here from the words (slot -> pattern; group 1 is the value).
EXTRA_SLOTS: dict[str, re.Pattern[str]] = {
    "direction": re.compile(rf"\b(upstream|downstream|{_UPSTREAM_ASK}|{_DOWNSTREAM_ASK})\b|\b(?:what (?:would |will |could |"
                            # "why? what broke" asks what failed, not what the failure reaches
                            r"might )(break|broke)|what (breaks)|what (?:does|do) (?:\w+ ){0,3}(break)\b|"
                           r"(blast radius|impact analysis)|if (?:i|we) (drop|delete|remove|rename|deprecate)\b"
                           r"(?! (?:its |the |our |that )?(?:auto[- ]?\w+|timeout|idle|setting|size|limit|threshold|retention)\b)"
                           r"(?![^.?!]{0,50}\bto (?:like |about |around |roughly )?\d))",
                           re.IGNORECASE),
    "privilege": re.compile(r"\b(ALL PRIVILEGES|SELECT|MODIFY|EXECUTE|USE CATALOG|USE SCHEMA|CREATE TABLE|"
                            r"READ FILES|WRITE FILES|(?i:modify|all privileges|execute))\b"),
    # "any GPU clusters", "our all-purpose clusters": which kind of cluster a list of them keeps
    "compute": re.compile(r"\b(gpu)s?[- ](?:clusters?|compute|nodes?|machines?|instances?)\b|\b(all[- ]purpose|interactive)"
                          r"[- ](?:clusters?|compute)\b|\b(job)s?[- ](?:clusters?|compute)\b", re.IGNORECASE),
    # "what service principals do we have": which kind of principal a list of them keeps
    "principal_kind": re.compile(r"\b(service)(?: principals?| accounts?|[- ]?sps?\b)|\b(?:(user)s?|people|humans|persons) "
                                 r"(?:\w+ ){0,2}(?:last (?:active|seen|logged)|(?:been )?(?:dormant|inactive))|"
                                 # "how many ppl actually use the platform": people, not the jobs' service principals
                                 rf"{PEOPLE_USING}", re.IGNORECASE),
}

#: How an extra slot's words read as its value (any other slot: lower case).
_SLOT_READS: dict[str, Any] = {"privilege": str.upper, "direction": direction,
                                "principal_kind": lambda v: "service" if re.search(r"service|\bsps?\b", v, re.I) else "user",
                                "compute": lambda v: {"interactive": "all_purpose"}.get(v.lower(),
                                                                                        re.sub(r"\W", "_", v.lower()))}

#: Principals: "has anybody read it" (graph.nlp.followup.OPEN_PEOPLE) sets the carried ones aside.
_PEOPLE = ("user", "group")
#: "which other workspace went up", "besides that one": not the names the conversation carried.
_OTHER_KIND = re.compile(rf"\b(?:which|what|any|the) other (?P<kind>{KIND_WORD_ALTERNATION})s?\b", re.IGNORECASE)
#: (not "ip 192.168.1.100 - anything besides the logins?": what else happened, of the same thing, is asked)
_BESIDES = re.compile(r"\b(?:besides|apart from|other than|aside from|except(?: for)?) (?:that|this|it|the (?!(?:log-?ins?|"
                      r"sign-?ins?|failures?|errors?|alerts?|events?|grants?|reads?|tokens?|spikes?|outages?|queries|"
                      r"runs?|costs?|spend)\b)[\w-]+)"
                      r"(?: one)?\b", re.IGNORECASE)

#: "who else was logged in then", "anybody else reading it": other people ("anyone else growing?" may be workspaces).
_ELSE_PEOPLE = re.compile(r"\bwho else\b|\b(?:anyone|anybody|someone|somebody) else (?:who |that )?(?:was|were|is|logged|"
                          r"log|online|active|signed|sign|working|access\w*|read\w*|quer\w*|ha[sd]|have|touch\w*)\b",
                          re.IGNORECASE)

#: Granting said of the person the question names (masked as "user"), actively: "every grant user made", "what did user
#: grant", "privileges she handed out", "grants made by user". Not "user was granted", "what has user been given".
_GRANTS_MADE = re.compile(r"\b(?P<who>user|she|he|they)\s+(?:has\s+|have\s+|had\s+|did\s+|ever\s+|recently\s+|just\s+|also\s+)*"
                          r"(?:made|issued|gave|handed out|granted|grant|give|created|added|approved|signed off)\b"
                          r"(?!\s+(?:by|access to (?:user|her|him|them)\b))|"
                          r"\b(?:made|issued|given|handed out|granted|created|added|approved)\s+by\s+(?:user|her|him|them)\b|"
                          # "admin@ grants last wk - list pls, who got what": the grants that person made, by who received them
                          r"\b(?P<who2>user)(?:'s)?\s+grants\b(?=.{0,60}\bwho (?:got|received|was given|has been given)\b)|"
                          # "GRANT on PII-tagged table alert: user -> group contractors": who granted, to whom
                          r"\b(?P<who3>user)\s*(?:->|→|=>)\s*(?:(?:the )?(?:group|role|service principal|sp|user)\s+)?[\w.@-]+",
                          re.IGNORECASE)
_GRANT_WORDS = re.compile(r"\bgrant\w*|\bprivileges?\b|\bpermissions?\b|\baccess\b|\bperms\b", re.IGNORECASE)


def grants_made(question: str, slots: dict[str, Any]) -> bool:
    """Does ``question`` ask for the grants the named person made (as grantor)?"""
    from health_monitor.graph.planner import mask_names

    text = mask_names(question, {"user": slots.get("user")})
    if not _GRANT_WORDS.search(text):
        return False
    for m in _GRANTS_MADE.finditer(text):
        # "what was user granted" (an auxiliary before the person): the grants the person holds
        before = text[:m.start()].split()[-1:] if m.group("who") else []
        if not (before and before[0].lower() in ("was", "were", "is", "are", "got", "get", "been")):
            return True
    return False


def other_kinds(question: str) -> set[str]:
    """Kinds the question asks about the others of ("the other workspaces", "besides that one")."""
    kinds = {WORD_KINDS.get(m["kind"].lower(), m["kind"].lower()) for m in _OTHER_KIND.finditer(question)}
    if _BESIDES.search(question):
        kinds |= set(_ENTITY_KINDS) - set(_PEOPLE)
    if _ELSE_PEOPLE.search(question):
        kinds.add("user")  # "who else was logged in then": the people besides the one the last answer named
    return kinds


def open_kinds(question: str) -> set[str]:
    """Kinds whose carried names the question sets aside: it asks about anyone, or about the others."""
    from health_monitor.graph.nlp.followup import OPEN_PEOPLE

    anything = {WORD_KINDS.get(k.lower(), k.lower()) for m in _ANY_KIND.finditer(question) if (k := m["kind"] or m["kind2"])}
    return (set(_PEOPLE) if OPEN_PEOPLE.search(question) else set()) | other_kinds(question) | anything


#: "what about from any IP at all", "across all workspaces": no name of that kind filters any more.
_ANY_KIND = re.compile(rf"\b(?:any|all|every)\s+(?:the\s+)?(?:other\s+)?(?P<kind>{KIND_WORD_ALTERNATION})\s*"
                       r"(?:at all|whatsoever|at once|together)\b|\b(?:across|over) (?:all|every) (?:the )?"
                       rf"(?P<kind2>{KIND_WORD_ALTERNATION})\b", re.IGNORECASE)


#: A lineage question asking both ways: no direction filters it.
_BOTH_WAYS = re.compile(r"\bup(?:stream)?\s*(?:and|&|\+|/|or)\s*down(?:stream)?\b|\bdown(?:stream)?\s*(?:and|&|\+|/|or)\s*"
                        r"up(?:stream)?\b|\bboth (?:directions|ways|sides)\b|\bend[- ]to[- ]end\b|\bfull lineage\b|"
                        # "the lineage raw -> gold": a path, read whichever way its ends lie from the table
                        r"\w\s*(?:->|→|=>)\s*\w",
                        re.IGNORECASE)


def understand(question: str, *, as_of: datetime | None, index: Any, previous: dict[str, Any] | None) -> Understanding:
    """``graph.nlp.parse_question`` (router, parameters, entities, follow-up merge) -> :class:`Understanding`."""
    from health_monitor.graph import nlp

    prior = previous_turn_context(previous, question)
    as_of = as_of or datetime.utcnow()
    parsed = nlp.parse_question(question, as_of=as_of, index=index, previous=prior)
    original, question = question, parsed.english or question
    slots: dict[str, Any] = {}
    for key, value in parsed.params.items():
        if key in DATE_PARAMS and isinstance(value, str):
            try:
                value = date.fromisoformat(value[:10])
            except ValueError:
                continue
        slots[key] = value
    carried = {c.split(".", 1)[1] for c in parsed.carried if c.startswith("entities.")}
    slots["_named"] = sorted(k for k, v in parsed.entities.items() if v and k not in carried)
    if parsed.described:
        slots["_described"] = dict(parsed.described)
    from health_monitor.graph.nlp.followup import IDENTITY_KINDS, PICKED_ROW, SELECTION

    set_aside = open_kinds(question)
    if IDENTITY_KINDS & set(slots["_named"]):
        # "and the 401s from 192.168.1.100 - is that the same person?": this turn's own address or account is who the
        # question is about; the identity carried from the last turn is what it is compared with, not a filter
        set_aside |= IDENTITY_KINDS - set(slots["_named"])
    # "what about the other workspaces, anyone else trending up?": the rows of the names set aside are left out
    # ("COMMENT ON TABLE main.sales.orders_silver -> null. which other tables are in the same state?": the table this
    # question names is the example, the others are asked)
    # ("how reliable was production compared to the other workspaces?" asks of both)
    comparing = re.search(r"\b(?:compar\w*|vs\.?|versus|against|relative to|than)\b", question, re.IGNORECASE)
    others = {k: list(parsed.entities[k]) for k in other_kinds(question)
              if parsed.entities.get(k) and (k in carried or not comparing)}
    for kind in other_kinds(question) - set(others) - set(slots["_named"]):
        if prior is not None and prior.entities.get(kind):
            others[kind] = list(prior.entities[kind])
    if others:
        slots["_besides"] = others
    for kind, names in parsed.entities.items():
        if kind in set_aside and (kind in carried or kind in others):
            continue  # "has anybody been reading it a lot": whoever it is, not the person the last answer named
        if names:
            # A name carried from earlier turns: the most relevant one only, so it focuses the answer.
            slots[kind] = prefer_described(question, list(names))[:1] if kind in carried else list(names)
    for slot, pattern in EXTRA_SLOTS.items():
        m = pattern.search(question)
        if slot == "direction" and (_BOTH_WAYS.search(question) or len({direction(x[0]) for x in pattern.finditer(question)}) > 1):
            slots.pop(slot, None)
            continue  # "upstream and downstream", "where does it come from and what reads it": both ways
        if m and (slot not in slots or slot == "direction" and m[1]):  # "and what feeds it from upstream?" turns
            value = next((g for g in m.groups() if g), m[0])  # a pattern without a group reads its whole match
            slots[slot] = _SLOT_READS.get(slot, str.lower)(value)
            if slot == "privilege":
                # said by the question: a privilege no row holds is said so ("why did admin grant MODIFY?": none;
                # elsewhere: the SELECT that was granted), not answered with the rows of another
                slots["_named"] = sorted({*slots["_named"], "privilege"})
    if slots.get("user") and grants_made(question, slots):
        # "every grant admin@ made": the grants that person gave, not the ones they hold
        slots["grantor"] = list(slots["user"])[0]
    if parsed.is_followup and prior is not None and set(parsed.domains) & set(prior.domains) \
            and not slots["_named"] and not SELECTION.search(question) and not PICKED_ROW.search(question):
        # "What was behind the jump?" continues the same topic: keep the subject it was about. ("which one of
        # those jumped?" chooses among the last answer's rows: none of them filters.)
        for kind, names in prior.entities.items():
            if names and kind not in slots and kind not in set_aside:
                slots[kind] = prefer_described(question, list(names))[:1]
    off_topic = parsed.off_topic
    agents = list(parsed.domains)
    intents = sorted(set(parsed.references.values()))
    if question != original:
        intents.append(question)  # the English reading: the plays' patterns are English words
    if parsed.is_followup and prior is not None and not _names_precisely(question, agents) and (
            ELLIPSIS.match(question) or PRONOUN.search(question) and not slots["_named"]):
        # "and the week before?", "who is running them?": the same kind of question as last time. ("where
        # does that table get its data from?" asks its own precise question: the last one's words would add
        # their plays to it.)
        intents.append(prior.text)
    from health_monitor.graph.nlp.vocabulary import OFF_TOPIC_CUES

    if not parsed.is_followup and not OFF_TOPIC_CUES.search(question) and (
            off_topic or STATUS.search(question) and not _has_own_topic(question)):
        # "How is the orders_pipeline doing?", "what's up with prod-etl-cluster": a question naming something
        # in this account is on topic even when its words say little, and no domain word chose for it: ask
        # the specialist that owns that kind of thing.
        owners, seen_names = [], set()
        for k in sorted(parsed.entities, key=lambda kind: _KIND_ORDER.get(kind, len(_KIND_ORDER))):
            # a name of two kinds ("analytics": a workspace and a schema) asks its first kind's owner only
            names = set(parsed.entities[k] or ())
            if k in KIND_OWNERS and names - seen_names:
                owners.append(KIND_OWNERS[k])
            seen_names |= names
        if owners:
            agents, off_topic = list(dict.fromkeys(owners))[:2], False
    if parsed.is_followup and prior is not None and prior.domains and not _has_own_topic(question):
        agents = list(prior.domains)  # "and last week?": the same specialists as the last turn
    elif parsed.is_followup and prior is not None and 0 < len(prior.domains) <= 2 and not off_topic \
            and _BARE_PRONOUN.search(question) and not slots["_named"] and not _THING_IT_USES.search(question) \
            and (not _KIND_WORD.search(question) or _POSSESSIVE_KIND.search(question) or len(question.split()) <= 10) \
            and not _names_precisely(question, agents):
        # "is it throwing errors too?" after an endpoint's latency: "it" is still the endpoint, so its
        # specialist stays, beside whichever one the new words ask for. ("who can query it?" names its
        # owner precisely: the grants, not the last turn's specialists.)
        # "and this job, is it running fine?" after its cost: "it" is the job said, so of the last turn's specialists
        # only the one that owns jobs stays
        said = _THAT_KIND_THEN_IT.search(question)
        kind = _RUN_KINDS.get(said["kind"].lower(), said["kind"].lower()) if said else None
        kept_domains = [d for d in prior.domains if kind in BY_NAME and d == BY_NAME[kind].owner] if said \
            else list(prior.domains)
        agents = list(dict.fromkeys([*kept_domains, *agents]))[:3]
        if slots.get("horizon_days") and set(agents) & _forecasters():
            # "ok, now forecast it for next quarter" after the outages: "it" is forecast by whoever can forecast
            agents = [a for a in agents if a in _forecasters() or a not in prior.domains]
        # ...and a property of the things "them" points at ("is any of them drifting" after the models) is asked
        # of those things only: their owner answers, not another area the word also belongs to (a table's drift)
        owners = [BY_NAME[k].owner for k, pattern in _PROPERTY_OF_KIND.items()
                  if prior.entities.get(k) and pattern.search(question) and BY_NAME[k].owner in prior.domains]
        if owners:
            agents = list(dict.fromkeys(owners))
        elif parsed.domains == ["governance"] and prior.entities.get("table") and _DOCUMENTED.search(question):
            # "does it at least have a description?" after who queried the table: its catalog entry, not its readers
            agents = ["governance"]
    unknown = [f"{m.kind} “{m.text}”" for m in parsed.unknown_mentions]
    context: dict[str, Any] = {}
    flat = Understanding(agents=agents, intents=intents, slots=slots,
                         unknown=unknown, off_topic=off_topic, followup=parsed.is_followup,
                         reason=parsed.reason, context=context)
    typed_turn(flat, parsed, original, as_of=as_of, index=index, previous=previous)
    if jobs := (getattr(index, "names", None) or {}).get("job"):
        from health_monitor.graph.nlp.described import job_described

        own = flat.slots.get("job")
        owns = [str(j) for j in (own if isinstance(own, (list, tuple)) else [own] if own else [])]
        said = any(j.lower() in (parsed.english or question).lower() for j in owns)
        if (not owns or not said) and (described := job_described(parsed.english or question, jobs)) \
                and described not in owns:
            if owns:
                # "what was the root cause of the nightly failure?" after hourly_ingest's: this turn describes another
                # job, so the one carried from the last answer no longer filters
                flat.slots.pop("job", None)
                if flat.typed is not None:
                    flat.typed.entities = [e for e in flat.typed.entities if e.kind != "job"]
                    if "understanding" in flat.context:
                        flat.context["understanding"] = flat.typed.to_json()
            flat.slots["_prefer"] = {"job": [described]}  # "the overnight sales load": its rows first, no filter
    if pasted := PASTED_CODE.findall(original or ""):
        flat.slots["_pasted"] = sorted({p.lower() for p in pasted})  # "`[DELTA_FAILED_TO_MERGE_FIELDS]` which job?"
    if "governance" in flat.agents and not flat.slots.get("table") and (source := figures_table(question)):
        flat.slots["_figures_table"] = source  # "where do our cost numbers come from?": the Gold table behind them
    if not parsed.is_followup:
        scope = names_out_of_scope(question, flat.agents, flat.slots)
        if scope:
            flat.slots["_not_for"] = scope
        own = own_names_and_windows(question, flat.agents, flat.slots, as_of)
        if own:
            flat.slots["_own"] = own
    return flat


#: ", and has anyone ...", "also did any job ...": a new question joined to the last (not a bare "and": "costs and
#: failures in ml-workspace" asks both of ml-workspace). With sentences and numbered items, the separate asks.
_NEW_QUESTION = (r"(?:,\s*(?:and|also|plus)(?:,?\s+(?:separately|secondly|second|unrelated(?:ly)?|additionally|besides|"
                 r"on (?:a|another) (?:separate|different|unrelated) note),?)?|\s(?:and\s+)?also)\s+"
                 r"(?=(?:has|have|had|did|does|do|is|are|was|were|what|who|"
                 r"whose|which|when|where|why|how|can|could|any)\b)")
#: An ask pointing back at a name another ask gave ("why did nightly_etl fail? what did it cost?").
#: Words of an ask that lean on a name said in another ask: pronouns, and what happens around a thing ("what tables
#: downstream are affected" after "someone changed a column on orders_raw.").
# ("were there any ...", "is there": there as the existential, not a place)
_POINTS_BACK = re.compile(r"\b(?:it|its|they|them|their|those|these|that one|this one|"
                          r"(?<!were )(?<!was )(?<!is )(?<!are )(?<!be )(?<!been )there(?!'s|\s+(?:is|are|was|were|been|any))|"
                          # ("what sits downstream of orders_gold" names its own table)
                          r"same|(?:down|up)stream(?!\s+(?:of|from)\s+(?!it\b|that\b|this\b|them\b|those\b|these\b)\w)|"
                          r"affected|impacted|blast radius|(?:the|that|this) change|"
                          # "ml_training keeps failing; what's that costing us?": "that" standing for what was said
                          r"that(?=\s*(?:[?.!,;]|$)|\s+(?:costing|costs?|cost us|means?|worth|doing|takes?|took|breaks?|broke|"
                          r"affects?|affected|impacts?|hurts?|adds? up|comes? to|amounts? to)\b))\b", re.IGNORECASE)


def _points_back_to(text: str, kind: str) -> bool:
    """Does ``text`` point back at a name of ``kind`` ("... on bi-warehouse? one person drives most of that warehouse's
    bill"), or at what came before in general ("it", "those")?"""
    words = "|".join(re.escape(w) for w, k in WORD_KINDS.items() if k == kind)
    return bool(_POINTS_BACK.search(text) or _BARE_SHOW.match(text)
                or words and re.search(rf"\b(?:that|this|the same) (?:{words})\b", text, re.IGNORECASE))


#: "... trace back to system.billing.usage? Show me the lineage.": a bare request for what the sentence before asked.
_BARE_SHOW = re.compile(r"^\W*(?:(?:please|pls|and|also|then|now)\s+)?(?:show|give|send|list|draw|print)(?: me| us)? (?:the|a|"
                        r"that|its|full|whole|complete)?\s*(?:full |whole |complete |end-to-end )?(?:lineage|chain|trail|"
                        r"list|breakdown|details?|numbers|figures|graph|path)\W*$", re.IGNORECASE)


def _short(name: Any) -> str:
    """A name as a question says it: a table's own part ("orders_gold" of main.sales.orders_gold), lower case."""
    return str(name).lower().rsplit(".", 1)[-1]


def _said_in(name: Any, text: str) -> bool:
    """Does ``text`` (lower case) say ``name``, by its short form or an abbreviation of it ("prod" for production)?"""
    from health_monitor.graph.nlp.entities import ABBREVIATIONS

    short = _short(name)
    forms = {short, *(a for a, full in ABBREVIATIONS.items() if short in full)}
    return bool(short) and (short in text or any(re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", text) for f in forms))


@functools.lru_cache(maxsize=64)
def routed_asks(question: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The separate asks of a message (two words or more), each with the domains it routes to; empty for one ask."""
    from health_monitor.graph.nlp.router import route, split_clauses
    from health_monitor.graph.nlp.vocabulary import NUMBERED_ITEM

    split = re.compile(rf"[?;!]+|\.\s+|{NUMBERED_ITEM}|{_NEW_QUESTION}")
    asks = [a for a in (a.strip(" ,.:") for a in split.split(question or "")) if len(a.split()) >= 2]
    if len(asks) < 2:
        # "sweep: 401s from that address, any after-hours sessions, and anything odd in ml-workspace billing": a list
        listed = [c for c in split_clauses(question or "") if len(c.split()) >= 2]
        # ...or two asks joined by a plus ("costs per workspace yesterday + any etl-warehouse outage this week?")
        plus = len(listed) == 2 and len(re.findall(r"\s(?:\+|plus)\s", question or "", re.IGNORECASE)) == 1
        asks = listed if len(listed) >= 3 or plus else asks
    return tuple((a, frozenset(route(a).domains)) for a in asks) if len(asks) >= 2 else ()


def names_out_of_scope(question: str, agents: list[str], slots: dict[str, Any]) -> dict[str, list[str]]:
    """Specialist -> the kinds of name it must not filter by: in "1) is ml-workspace over budget, 2) is
    orders_gold fresh, 3) what was the high-sev event", each ask names its own subject, so the security events
    are not narrowed to ml-workspace. A name applies to every specialist unless all of one's asks leave it out and
    none of them points back."""
    routed = [(text.lower(), domains) for text, domains in routed_asks(question)]
    if len(routed) < 2 or len(agents) < 2:
        return {}
    out: dict[str, list[str]] = {}
    for kind in slots.get("_named") or ():
        names = list(slots.get(kind) or ())
        said = [(text, domains) for text, domains in routed if any(_said_in(n, text) for n in names)]
        if not names or not said or not any(domains for _, domains in said):
            continue  # (named only by a sentence that asks nothing, "The analytics unit is up again.": every ask's)
        for agent in agents:
            own = [text for text, domains in routed if agent in domains]
            if own and not any(any(_said_in(n, text) for n in names) or _points_back_to(text, kind) for text in own) \
                    and not any(agent in domains for _, domains in said):
                out.setdefault(agent, []).append(kind)
    return out


def own_names_and_windows(question: str, agents: list[str], slots: dict[str, Any],
                          as_of: datetime) -> dict[str, dict[str, Any]]:
    """Specialist -> the names and the window its own asks give, where they differ from the question's first:
    "the cost of analytics this week, and also did any job fail in production yesterday" reads the failures of
    production yesterday, not of analytics this week."""
    from health_monitor.graph.nlp.dates import parse_window

    routed = routed_asks(question)
    if len(routed) < 2 or len(agents) < 2 or slots.get("compare_start"):
        return {}
    out: dict[str, dict[str, Any]] = {}
    for agent in agents:
        own = [text for text, domains in routed if agent in domains]
        if not own or len(own) == len(routed) or any(_POINTS_BACK.search(text) for text in own):
            continue
        said: dict[str, Any] = {}
        for kind in slots.get("_named") or ():
            names = [n for n in slots.get(kind) or () if any(_short(n) in t.lower() for t in own)]
            if names and len(names) < len(slots.get(kind) or ()):
                said[kind] = names
        windows = {(w.start, w.end, w.label, w.hours, w.days) for t in own if (w := parse_window(t, as_of)) is not None}
        if len(windows) == 1:
            start, end, label, hours, days = windows.pop()
            if (start, end) != (slots.get("start_date"), slots.get("end_date")):
                said.update(start_date=start, end_date=end, hours=hours, days=days, date=None, horizon_days=None,
                            _window_label=Window.make(start, end, label).label)
        if said:
            out[agent] = said
    return out


#: "where do the cost numbers in our reports come from?", "the usage table behind the dashboards": an area's figures, as
#: this monitor reads them (its Gold tables), whose lineage runs back to the system tables.
_FIGURES_OF = re.compile(r"\b(?P<area>costs?|spend\w*|billing|bill|usage|dbus?|chargeback|money|dollars?|security|audit|jobs?|job runs?|"
                         rf"quer(?:y|ies)|uptime|availability|freshness|quality)\s+(?:\w+\s+)?(?:{FIGURE_NOUNS})\b", re.IGNORECASE)
_AREA_WORDS = {"cost": "cost", "spend": "cost", "billing": "cost", "bill": "cost", "usage": "cost", "dbu": "cost",
               "money": "cost", "dollar": "cost",
               "chargeback": "cost", "security": "security", "audit": "security", "job": "performance",
               "quer": "performance", "uptime": "reliability", "availability": "reliability", "freshness": "quality",
               "quality": "quality"}


def figures_table(question: str) -> str | None:
    """The Gold table behind an area's figures a question names ("our cost reporting" -> the one the cost tools read
    most), or None."""
    m = _FIGURES_OF.search(question or "")
    word = m["area"].lower() if m else ""
    area = next((a for w, a in _AREA_WORDS.items() if word.startswith(w)), None)
    return _most_read_table(area) if area else None


@functools.lru_cache(maxsize=16)
def _most_read_table(area: str) -> str | None:
    """The Gold table most of ``area``'s tools read (their SQL names it)."""
    counts: dict[str, int] = {}
    for tool in get_registry():
        if tool.domain == area:
            for name in set(re.findall(r"main\.health_monitor\.\w+", tool.sql_text)):
                counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda n: (counts[n], n)) if counts else None


#: A forecast's window (after the data's as-of) is read only by specialists that forecast; the others ("and are
#: the retries from failed runs a big part of it?") read their own default look-back, not an empty future.
_FUTURE_WINDOW = ("start_date", "end_date", "horizon_days", "days", "hours", "date", "window_label")


@functools.lru_cache(maxsize=1)
def _forecasters() -> frozenset[str]:
    registry = get_agent_registry()
    return frozenset(name for name in registry.names
                     if any("$horizon_days" in str(p.args) for p in registry.get(name).playbook))


def slots_for(agent: str, slots: dict[str, Any]) -> dict[str, Any]:
    """``slots`` as ``agent`` reads them: without the names another ask of the question gave, and with the names
    and the window its own asks give."""
    drop = set((slots.get("_not_for") or {}).get(agent) or ())
    own = (slots.get("_own") or {}).get(agent) or {}
    if slots.get("horizon_days") and agent not in _forecasters():
        drop |= set(_FUTURE_WINDOW)
    if not drop and not own:
        return slots
    out = {k: v for k, v in slots.items() if k not in drop}
    out["_named"] = [k for k in slots.get("_named") or () if k not in drop]
    for key, value in own.items():
        if key in DATE_PARAMS and isinstance(value, str):
            value = date.fromisoformat(value[:10])  # read back from a stored turn
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


#: Words added to the planner's text per intent, so plays about causes, fixes or times are preferred.
INTENT_WORDS: dict[str, str] = {"cause": "why cause driver reason", "recommendation": "recommend save fix",
                                "trend": "trend", "compare": "compare trend", "list_more": "", "lookup": "",
                                "briefing": "summary overview"}
#: Words added per follow-up move ("who did that?" reads the actor's activity; "downstream" the lineage).
TRANSFORM_WORDS: dict[str, str] = {"who_did_that": "what did the user do activity", "downstream": "downstream lineage",
                                   "when": "time"}
#: A turn about runs failing: "what's that costing us?" after it asks what the failed runs cost.
_FAILURE_TALK = re.compile(r"\b(?:fail\w*|crash\w*|dying|died|dies|die|broke|break\w*|oom\w*|out of memory|errors?|erroring)\b",
                           re.IGNORECASE)
#: Kinds whose unknown names get an honest "no such thing" instead of the whole account's figures.
HONEST_KINDS = ("workspace", "job", "table", "warehouse", "cluster", "endpoint", "pipeline", "model")


def typed_turn(flat: Understanding, parsed: Any, original: str, *, as_of: datetime, index: Any,
               previous: dict[str, Any] | None) -> TypedUnderstanding:
    """Build the typed understanding, apply a follow-up transformation of the previous one, the intent
    and the honest checks, and bring the planner's view (``flat``) in line with it."""
    from health_monitor.graph.nlp import comparison, followup, honest, intents
    from health_monitor.graph.nlp.vocabulary import DOMAINS, OFF_TOPIC_CUES, PURPOSE_AFTER, cue_scores

    carried = set(parsed.carried)
    english = parsed.english or original
    known = dict(getattr(index, "names", {}) or {})
    own = TypedUnderstanding(
        question=original, language=parsed.language,
        domains=[] if "domains" in carried else list(flat.agents if not flat.off_topic else []),
        # "... want it in the handover" says where the answer goes: no briefing asked
        intent=intents.intent_of(PURPOSE_AFTER.sub(" ", english)),
        entities=[Entity(kind=k, name=n) for k, names in parsed.entities.items()
                  if f"entities.{k}" not in carried and k in _ENTITY_KINDS for n in names],
        window=_window(parsed, as_of) if not any(c.startswith("params.start") for c in carried) else None,
        params={k: v for k, v in parsed.params.items() if k not in _TIME and f"params.{k}" not in carried},
        reason=flat.reason)
    for slot in EXTRA_SLOTS:
        if slot in flat.slots:
            own.params[slot] = flat.slots[slot]
    for m in parsed.unknown_mentions:
        if m.kind in _ENTITY_KINDS:
            own.entities.append(Entity(kind=m.kind, name=m.text, resolved=False,
                                       suggestions=honest.closest(m.text, known.get(m.kind, []))))
    prior = previous_prior(previous)
    if prior is not None:
        prior.as_of = as_of.date()
    typed = followup.apply_followup(english, own, prior, known)
    if typed is None:
        typed = _merged(own, flat, parsed, as_of)
        if prior is not None:  # "the cost anomaly one, since when?": a name of the conversation
            typed = _the_word_one(english, typed, prior, flat, known, carried="domains" in carried)
            if parsed.is_followup:  # "and what was the exact error of the job?": the job the conversation is about
                pointed = followup.the_named(english, typed, prior)
                typed.entities += pointed
                for e in pointed:
                    flat.slots[e.kind] = [e.name]
                if pointed:  # said with "the", it filters as strictly as a name spelled out
                    flat.slots["_named"] = sorted(set(flat.slots.get("_named") or ()) | {e.kind for e in pointed})
    if typed.previous is None and parsed.is_followup and prior is not None and not typed.topic \
            and not (typed.domains and followup.names_a_topic(english) and not parsed.references):
        # A plain follow-up continues the conversation's topic too, so the next move ("what about on
        # etl-warehouse") plans with the question the chain is about; one with its own topic words and no word
        # pointing back ("ok only the failed logins now", not "which jobs dragged that down") starts a new topic.
        typed.topic = prior.understanding.topic or prior.understanding.question
    elif not typed.topic and parsed.is_followup and prior is not None and parsed.params.get("_least"):
        # "and the cheapest one?": the last ranking, read from its other end (its own words choose no play)
        typed.topic = prior.understanding.topic or prior.understanding.question
    if not typed.topic and parsed.described:
        # "the ML thing that flags weird spending": the description says which model, not what is asked, so the
        # topic later follow-ups plan with ("since when?") leaves it out
        typed.topic = _without_words(english, parsed.described)
    if not typed.topic and english != original and parsed.language != "en":
        typed.topic = english  # "Qual foi a consulta mais lenta?": later follow-ups plan with its English reading
    if typed.comparison is None and typed.refusal is None:
        window, other = comparison.comparison_windows(english, typed.window, as_of)
        if other is None and typed.intent == "compare" and typed.window is not None and not _compares_things(typed) \
                and not comparison.against_average(english):  # "versus its 7-day average": the anomaly's baseline
            other = comparison.period_before(typed.window)
        if other is not None:
            typed.window, typed.comparison, typed.intent = window, other, "compare"
    strongest = max(cue_scores(english)[0].values(), default=0.0)
    if typed.intent == "briefing" and (flat.off_topic or strongest < 0.8) and typed.previous is None \
            and not OFF_TOPIC_CUES.search(intents.briefing_sentence(english)):
        # "write me a template for shift handover notes" is a chore; "my inbox is a disaster" is the asker's morning
        typed.domains = list(DOMAINS)
    if typed.refusal is None:
        _honest(typed, original, as_of, known, english=english)
    if _BOTH_WAYS.search(english):
        typed.params.pop("direction", None)  # a carried direction does not narrow a lineage asked both ways
    _apply_to_flat(flat, typed)
    flat.typed = typed
    flat.context["understanding"] = typed.to_json()
    return typed


#: Words of a follow-up that only switches the name it asks about ("and what about the hourly one, too?").
_SWITCH_WORDS = frozenset("and what about how the same too also then for with one please pls now that this".split())


def _the_word_one(english: str, typed: TypedUnderstanding, prior: Any, flat: Understanding,
                  known: dict[str, list[str]] | None = None, *, carried: bool = False) -> TypedUnderstanding:
    """``typed`` (and ``flat``'s slots) with "the <words> one" resolved to the conversation's one name those words
    pick; the words then name the thing, not a topic ("the cost anomaly one, is it drifting?" is a model's)."""
    from health_monitor.graph.nlp import followup
    from health_monitor.graph.nlp.router import route

    out = followup.the_word_one(english, typed.model_copy(deep=True), prior, known)
    added = [e for e in out.entities if (e.kind, e.name) not in {(x.kind, x.name) for x in typed.entities}]
    if added:
        flat.slots[added[0].kind] = [added[0].name]
        flat.slots["_named"] = sorted({*(flat.slots.get("_named") or ()), added[0].kind})
    if added and added[0].text:
        plan = route(english.replace(added[0].text, f"the {added[0].kind}"))
        # only the areas the name's own words brought in go ("cost" in "the cost anomaly one")
        kept = [d for d in out.domains if d in plan.domains]
        owner = BY_NAME[added[0].kind].owner if added[0].kind in BY_NAME else None
        # "is the silver one actually off?" asks something of that thing in words of its own; "and the hourly one?"
        # only switches the name, so the last turn's area stays
        asks_of_it = not out.domains or carried and bool(
            set(re.findall(r"[a-z']{3,}", english.replace(added[0].text, " ").lower())) - _SWITCH_WORDS)
        if kept and not plan.off_topic:
            # "is the raw one ok or just late?": read as that table, its owner leads ("late" of a table is its freshness)
            lead = [owner] if owner and plan.domains[:1] == [owner] and owner not in kept else []
            out.domains = lead + kept
        elif asks_of_it and out.refusal is None and not plan.off_topic and plan.domains:
            out.domains = list(plan.domains)  # (not the last turn's area, which came along for want of a topic)
        elif asks_of_it and out.refusal is None and owner:
            # "is the silver one actually off too or just late?": no topic word but the name's: its state, as its
            # kind's owner reads it
            out.domains = [owner]
    return out


def _compares_things(typed: TypedUnderstanding) -> bool:
    """Does the question compare things, not periods: two names of one kind ("bi-warehouse vs etl-warehouse") or a
    kind across its names ("compare spend across all the workspaces")? Then one period is read."""
    kinds = [e.kind for e in typed.entities if e.resolved]
    return any(kinds.count(k) >= 2 for k in set(kinds)) or bool(_ACROSS_KINDS.search(typed.question or ""))


#: "compare spend across all the workspaces", "between the warehouses": things compared, over one period.
_ACROSS_KINDS = re.compile(rf"\b(?:compar\w*|vs\.?|versus|side by side)\b.{{0,40}}\b(?:across|between|among|by|per|for each)\s+"
                           rf"(?:all\s+|the\s+|our\s+|each\s+|every\s+|of\s+)*(?:[\w-]+\s+)?(?:{KIND_WORD_ALTERNATION})s?\b",
                           re.IGNORECASE)


_TIME = ("start_date", "end_date", "hours", "days", "horizon_days")
_ENTITY_KINDS = frozenset(k.name for k in KINDS)


def _window(parsed: Any, as_of: datetime) -> Window | None:
    p = parsed.params
    if not p.get("start_date") or not p.get("end_date"):
        return None
    start, end = date.fromisoformat(p["start_date"]), date.fromisoformat(p["end_date"])
    label = parsed.matched.get("window_label") or parsed.matched.get("start_date") or ""
    if label == start.isoformat():
        label = ""
    return Window.make(start, end, label, words=parsed.matched.get("start_date", ""), hours=p.get("hours"),
                       days=p.get("days"), future="horizon_days" in p)


def _merged(own: TypedUnderstanding, flat: Understanding, parsed: Any, as_of: datetime) -> TypedUnderstanding:
    """No transformation applied: the parser's merged view (its carried domains, window and names)."""
    out = own.model_copy(deep=True)
    out.domains = [] if flat.off_topic else list(flat.agents)
    if out.window is None:
        out.window = _window(parsed, as_of)
    names = {(e.kind, e.name) for e in out.entities}
    set_aside = open_kinds(own.question)
    for kind, values in parsed.entities.items():
        if kind in _ENTITY_KINDS and not (kind in set_aside and f"entities.{kind}" in parsed.carried):
            out.entities += [Entity(kind=kind, name=n) for n in values if (kind, n) not in names]
    out.params = {**{k: v for k, v in parsed.params.items() if k not in _TIME}, **out.params}
    return out


def _honest(typed: TypedUnderstanding, original: str, as_of: datetime, known: dict[str, list[str]], *,
            english: str = "") -> None:
    from health_monitor.graph.nlp import honest

    found = _other_product(original, english, typed.language)
    w = typed.window
    if found is None and w is not None and typed.domains:  # ("an out-of-office reply for next week" is a chore)
        # A future window is a forecast's only when the question (or the topic it continues) asks for one.
        forecast = w.future and honest.asks_forecast(f"{original} {english} {typed.topic}")
        found = honest.future_window(w.start, w.end, as_of.date(), forecast=forecast)
    if found is None:
        # ("the SageMaker endpoint equivalent": another product's name, a likeness, not a name of this account)
        missing = [e for e in typed.unknown if e.kind in HONEST_KINDS and known.get(e.kind)
                   and not honest.other_product(e.name)]
        if missing:
            e = missing[0]
            found = "unknown_name", honest.unknown_names(e.kind, e.name, e.suggestions, known.get(e.kind))
    if found is not None:
        typed.refusal, typed.refusal_text = found  # type: ignore[assignment]


def _other_product(original: str, english: str, language: str) -> tuple[str, str] | None:
    """Another product asked about. Another language is judged in its English reading ("¿cuánto pagamos de alquiler
    por la oficina?"; "¿la consulta más lenta de hoy? En BigQuery la buscábamos en ...": "today" asks here, which the
    Spanish words do not say to the rule); English in both its typed and its typo-fixed reading."""
    from health_monitor.graph.nlp import honest

    fixed = english if english and english != original else ""
    if fixed and language != "en":
        return honest.other_product(fixed)
    return honest.other_product(original) or (honest.other_product(fixed) if fixed else None)


def _apply_to_flat(flat: Understanding, typed: TypedUnderstanding) -> None:
    """The planner reads ``flat``: make its agents, window, names and intents say what ``typed`` says."""
    from health_monitor.graph.nlp.followup import CONTINUING
    if typed.previous is not None:
        flat.agents = list(typed.domains)
        flat.off_topic = not typed.domains and typed.refusal is None
        flat.followup = True
        for kind in {e.kind for e in typed.entities if e.resolved}:
            flat.slots[kind] = typed.names(kind)
        named = set(flat.slots.get("_named") or ())
        for kind in [k for k in _ENTITY_KINDS if k in flat.slots and k not in named and not typed.names(k)]:
            flat.slots.pop(kind)  # carried from the last turn, and the move dropped it ("anything else ...?")
        pointed = {e.kind for e in typed.entities if e.text and e.resolved and e.kind in flat.slots}
        if pointed - named:
            # "this training job": the question points at it, so it filters as strictly as a name it spelled
            flat.slots["_named"] = sorted(named | pointed)
        for key, value in typed.params.items():
            if key not in _TIME:
                flat.slots[key] = value
        if typed.offset:
            flat.slots["page"] = typed.offset
        if typed.previous.transform == "who_did_that" and typed.names("user") and _GRANT_WORDS.search(typed.question):
            # "that grant thing - who did it?": the person found made the grant; the grants they hold are not asked
            flat.slots["grantor"] = typed.names("user")[0]
        flat.reason = f"follow-up ({typed.previous.transform}) of “{typed.previous.question[:80]}”"
    elif typed.domains and set(typed.domains) != set(flat.agents):
        flat.agents, flat.off_topic = list(typed.domains), False
        flat.reason = "briefing: every specialist's top signals" if typed.intent == "briefing" else \
            f"{flat.reason} (read again with the conversation's names)"
    if typed.window is not None and typed.previous is not None:
        for key in _TIME:
            flat.slots.pop(key, None)
        flat.slots.pop("date", None)
        flat.slots["start_date"], flat.slots["end_date"] = typed.window.start, typed.window.end
        if typed.window.days:
            flat.slots["days"] = typed.window.days
        if typed.window.hours:
            flat.slots["hours"] = typed.window.hours
    if typed.comparison is not None and typed.window is not None:
        # The planner reads the period and the one it is compared with (each tool runs on both).
        for key in (*_TIME, "date"):
            flat.slots.pop(key, None)
        flat.slots["start_date"], flat.slots["end_date"] = typed.window.start, typed.window.end
        flat.slots["compare_start"], flat.slots["compare_end"] = typed.comparison.start, typed.comparison.end
        flat.slots["window_label"], flat.slots["compare_label"] = typed.window.label, typed.comparison.label
    if typed.topic and typed.topic != typed.question:
        flat.slots["_topic"] = typed.topic  # plays for a follow-up whose own words choose none
    words = INTENT_WORDS.get(typed.intent, "")
    if typed.previous is not None:
        words = f"{words} {TRANSFORM_WORDS.get(typed.previous.transform, '')}".strip()
        if typed.previous.transform == "cost_of_that" and _FAILURE_TALK.search(typed.previous.question or ""):
            words = f"{words} failed runs cost"  # "why does X keep dying" then "what's that costing us?"
        if typed.previous.transform == "who_did_that" and _GRANT_WORDS.search(typed.previous.question or ""):
            words = f"{words} permission changes"  # "any grants added on the PII tables?" then "who did it": the grant
        if typed.previous.transform in CONTINUING and typed.topic and typed.topic not in flat.intents:
            flat.intents.append(typed.topic)  # "show me more": more of what the conversation is about
    if words:
        flat.intents.append(words)


def _declined(turn: dict[str, Any]) -> bool:
    """A turn no specialist answered and that asked nothing back ("tell me a joke about it"): it leaves the
    conversation's context as it was, so the next follow-up continues the turn before it."""
    u = TypedUnderstanding.from_json(turn.get("understanding"))
    return not turn.get("agents") and (u is None or u.refusal != "clarify" and not u.domains)


def previous_prior(previous: dict[str, Any] | None) -> Any:
    """The last answered turn as a follow-up sees it (None when there is none or it was not stored typed)."""
    from health_monitor.graph.nlp.followup import Prior

    history = [h for h in (previous or {}).get("history") or [] if h.get("understanding") and not _declined(h)]
    if not history:
        return None
    last = history[-1]
    u = TypedUnderstanding.from_json(last["understanding"])
    if u is None:
        return None
    earlier: dict[str, list[str]] = {}
    for turn in reversed(history[:-1]):
        older = TypedUnderstanding.from_json(turn["understanding"])
        for source in (turn.get("subject") or {}, turn.get("entities_found") or {},
                       older.entity_map() if older else {}):
            for kind, names in source.items():
                bucket = earlier.setdefault(kind, [])
                bucket += [n for n in names if n not in bucket]
    before = TypedUnderstanding.from_json(history[-2]["understanding"]) if len(history) > 1 else None
    return Prior(understanding=u, subject=dict(last.get("subject") or {}), lead=str(last.get("lead") or ""),
                 found=dict(last.get("entities_found") or {}), index=len(history) - 1, earlier=earlier,
                 before=before, answer=str(last.get("answer") or ""),
                 said="\n".join(f"{t.get('question') or ''}\n{t.get('answer') or ''}" for t in reversed(history[:-1])))


#: A cue this strong names the question's own topic ("budget", "who can query"): no need to keep the last one.
OWN_TOPIC_CUE = 0.9


def _without_words(text: str, spans: Any) -> str:
    """``text`` without each of the phrases ``spans`` (case-insensitive)."""
    for span in sorted(spans, key=len, reverse=True):
        text = re.sub(re.escape(span), " ", text, flags=re.IGNORECASE)
    return re.sub(r"\s{2,}", " ", text).strip()


def _names_precisely(question: str, agents: list[str]) -> bool:
    """Does a strong cue phrase of one of ``agents`` occur in ``question``?"""
    from health_monitor.graph.nlp.vocabulary import cue_peaks

    peaks = cue_peaks(question)
    return any(peaks.get(a, 0.0) >= OWN_TOPIC_CUE for a in agents)


def _has_own_topic(question: str) -> bool:
    """Does the question name a topic of its own (any domain cue), rather than lean on the last turn?"""
    from health_monitor.graph.nlp.vocabulary import cue_scores

    scores, _ = cue_scores(question)
    return any(v > 0 for v in scores.values())


#: An error's own code or class pasted into a question ("[DELTA_FAILED_TO_MERGE_FIELDS]", "AnalysisException"): the row
#: whose error says it is the one asked about.
PASTED_CODE = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+){2,}\b|\b(?:[A-Z][a-z0-9]+){1,4}(?:Exception|Error)\b")


def prefer_described(question: str, names: list[str]) -> list[str]:
    """Put first the names whose words the question uses ("that failing ETL job" -> nightly_etl)."""
    words = set(re.findall(r"[a-z0-9]+", question.lower()))

    def score(name: str) -> int:
        return sum(1 for part in re.split(r"[^a-z0-9]+", name.lower()) if len(part) >= 3 and part in words)

    return sorted(names, key=lambda n: -score(n))


def previous_turn_context(previous: dict[str, Any] | None, question: str = "") -> Any:
    """The parser's ``TurnContext`` for the last answered turn, or None when there is none.

    Its entities are the last turn's own; for the kinds ``question`` points back at ("that job",
    "which user", "it"), the entities the earlier *answers* named (most recent first, then older
    turns) are added, so "which principal created it?" or, turns later, "that failing ETL job"
    resolve to what the answers talked about without an unrelated answer's names leaking into an
    elliptical "and last week?"."""
    if not previous or not previous.get("history"):
        return None
    from health_monitor.graph import nlp

    history = [(h, u) for h in previous["history"]
               if (u := TypedUnderstanding.from_json(h.get("understanding"))) is not None and not _declined(h)]
    if not history:
        return None
    last, understood = history[-1]
    entities: dict[str, list[str]] = understood.entity_map()
    references = set(nlp.detect_followup(question).references.values())
    wanted = (references - {"any"}) | _asked_kinds(question)
    for turn, u in reversed(history):  # the kinds asked for by name: what the answers named, newest first
        for source in (turn.get("subject") or {}, turn.get("entities_found") or {},
                       {} if turn is last else u.entity_map()):
            for kind, names in source.items():
                if kind in wanted:
                    bucket = entities.setdefault(kind, [])
                    bucket += [n for n in names if n not in bucket]
    # a bare "it"/"that": the last answer's main subject, unless the last question named the thing itself
    # ("who got access to the crm customers table?" then "has anybody been reading it?": the table)
    # (a name the last turn only carried from the one before is not "named": "which of those hold personal data" then
    # "who can read it" is the PII table that answer led with, not the table two turns back)
    named = [k for k, names in entities.items() if k in _ANY_KINDS and k != "workspace"
             and any(_said(n, understood.question) for n in names)]
    if "any" in references and not wanted and not named:
        for kind, names in (last.get("subject") or {}).items():
            if kind in _ANY_KINDS:
                entities[kind] = list(names)
    params = dict(understood.params)
    w = understood.window
    if w is not None:
        params.update({"start_date": w.start.isoformat(), "end_date": w.end.isoformat()})
        params.update({k: v for k, v in (("days", w.days), ("hours", w.hours)) if v})
    # a question that described a model ("the cost anomaly model") is, for what follows, its topic without those words
    said = understood.topic if understood.topic and understood.previous is None else understood.question
    return nlp.TurnContext(text=said, domains=list(last.get("agents") or understood.domains),
                           params=params, entities=entities,
                           off_topic=understood.refusal in ("off_topic", "unsafe", "empty") or not (
                               last.get("agents") or understood.domains))


def _said(name: str, question: str) -> bool:
    """Does ``question`` name ``name`` (in full, or by its last dotted part: "orders_gold")?"""
    low = question.lower()
    return name.lower() in low or name.rsplit(".", 1)[-1].lower() in low


#: Kinds a bare "it"/"that" may point back at (not SKUs or IPs).
_ANY_KINDS = tuple(k for k in PRONOUN_KINDS if k != "grant")
_ASKS = {"user": r"\b(which|what)\b.{0,20}\b(users?|principals?|person|account)\b|\bwho (was|is) (that|it)\b",
         "job": r"\b(which|what)\s+jobs?\b", "table": r"\b(which|what)\s+tables?\b"}


def _asked_kinds(question: str) -> set[str]:
    """Kinds a "which user was that?"-style question asks about."""
    low = question.lower()
    return {kind for kind, pattern in _ASKS.items() if re.search(pattern, low)}


def build_entity_index(vocabulary: dict[str, list[str]]) -> Any:
    from health_monitor.graph.nlp import EntityIndex

    return EntityIndex(vocabulary)


# --- db/ ---------------------------------------------------------------------------------------------

def _repo() -> Any:
    try:
        from health_monitor.db import repositories as repo  # the documented facade, when present
    except ImportError:
        from health_monitor.db import conversations as repo
    return repo


def ensure_conversation(engine: Any, *, user_id: str, conversation_id: str | None, title: str,
                        agent: str | None = None) -> str:
    """The id of the user's conversation ``conversation_id`` (created when new), or of a new one."""
    from health_monitor.db import session_scope

    repo = _repo()
    with session_scope(engine) as s:
        conv = repo.create_conversation(session=s, user_id=user_id, title=title[:200], agent=agent or "auto",
                                        conversation_id=conversation_id)
        return conv.id


def recent_turns(engine: Any, *, user_id: str, conversation_id: str, turns: int) -> list[Any]:
    from health_monitor.db import session_scope

    with session_scope(engine) as s:
        return list(_repo().recent_context(session=s, user_id=user_id, conversation_id=conversation_id,
                                           turns=turns))


def save_message(engine: Any, *, user_id: str, conversation_id: str, role: str, content: str,
                 tool_calls: list[dict[str, Any]] | None = None, agents: list[str] | None = None,
                 context: dict[str, Any] | None = None, client_msg_id: str | None = None,
                 status: str = "ok") -> Any:
    from health_monitor.db import session_scope

    with session_scope(engine) as s:
        return _repo().add_message(session=s, user_id=user_id, conversation_id=conversation_id, role=role,
                                   content=content, tool_calls=tool_calls, agents=agents, context=context,
                                   client_msg_id=client_msg_id, status=status)


def open_engine(settings: Any) -> Any:
    """The state engine for ``settings``, migrated (idempotent)."""
    from health_monitor.db import make_engine, migrate

    engine = make_engine(settings)
    migrate(engine)
    return engine
