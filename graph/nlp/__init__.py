"""The offline intelligence: routing, follow-ups, parameters and entities with no LLM.

One call does it all::

    parsed = parse_question("why did costs jump yesterday?", as_of=as_of, index=index, previous=last_turn)
    parsed.domains, parsed.params, parsed.entities, parsed.is_followup, parsed.off_topic

``index`` is an :class:`EntityIndex` the graph builds from the Gold dimensions; ``previous`` is the
:class:`TurnContext` stored after the last turn (``TurnContext.from_parsed``). Nothing here raises on odd
input (empty, huge, emoji, SQL): the worst case is an off-topic result. Deterministic; no network.
"""

from __future__ import annotations

import re
from datetime import datetime

from health_monitor.graph.nlp import honest, languages
from health_monitor.graph.nlp.entities import EntityIndex, EntityResult, fix_typos
from health_monitor.graph.nlp.followup import FollowUp, detect_followup, merge_context
from health_monitor.graph.nlp.models import ParsedQuestion, TurnContext, UnknownMention
from health_monitor.graph.nlp.params import ParamResult, extract_params
from health_monitor.graph.nlp.router import RoutePlan, keeps_topic_words, mask_word, route
from health_monitor.graph.nlp.vocabulary import ASIDE, DOMAINS, OFF_TOPIC_CUES, cue_scores, without_requester

#: Longest question parsed in full; longer ones are cut (the answer still quotes the original).
MAX_QUESTION_CHARS = 5000
#: Below this best score, a domain with no cue word behind it is a weak guess.
WEAK_ROUTE = 0.5

__all__ = ["DOMAINS", "EntityIndex", "EntityResult", "FollowUp", "ParamResult", "ParsedQuestion", "RoutePlan",
           "TurnContext", "UnknownMention", "detect_followup", "extract_params", "merge_context",
           "parse_question", "route"]


_COLUMN_AFTER = re.compile(r"\.(?=[a-z_][a-z0-9_]*\b(?!\.))", re.IGNORECASE)


def _masked(text: str, result: EntityResult) -> str:
    """``text`` with each recognised entity's words replaced by its kind (so names do not sway routing).
    A description's words always go: they say which thing, not what is asked ("the model that detects
    cost anomalies" is not a cost question)."""
    out = text
    edge = len(text) + 1  # where the last masked span starts: a name matched twice ("analytics" is a workspace
    for m in sorted(result.matches, key=lambda m: -m.start):  # and a schema) is masked once
        if m.end > edge or m.method not in ("pattern", "description") and keeps_topic_words(text[m.start:m.end],
                                                                                             text[m.end:]):
            continue
        # ...but a sensitivity it says stays: "the customer PII table" is read by who reads sensitive data
        sensitive = "pii " if m.method == "description" and _SENSITIVE.search(text[m.start:m.end]) else ""
        # "orders_silver.amount": a column of the table, read as its own word ("is its amount behaving normally?")
        column = m.kind == "table" and m.end < edge and bool(_COLUMN_AFTER.match(text, m.end))
        rest = "column " + out[m.end + 1:] if column else out[m.end:]
        out = out[:m.start] + f" {sensitive}{mask_word(m.kind, m.name)} " + rest
        edge = m.start
    return out


_SENSITIVE = re.compile(r"\b(?:pii|sensitive|personal|confidential|gdpr)\b", re.IGNORECASE)


def _without(text: str, words: str | None) -> str:
    """``text`` without the time expression (a window alone, "and last week?", names no domain)."""
    if not words:
        return text
    i = text.lower().find(words)
    if i < 0:
        return text
    # "late last night", "early this morning": the adverb belongs to the time, not to a late job ("running late this
    # week" is a late job)
    head = re.sub(r"\b(?:late|early|earlier|later)\s*$", "", text[:i], flags=re.IGNORECASE) \
        if re.search(r"night|morning|evening|afternoon|today|yesterday|hours?\b", words, re.IGNORECASE) else text[:i]
    return head + " " + text[i + len(words):]


#: Words that put a name forward as a guess at who or what did it ("is that our etl sp", "or was it bob").
_GUESS = re.compile(r"(?:\b(?:is|was|were) (?:that|this|it|those|these|they)|\bcould (?:that|this|it) be|\bor (?:is|was) it|"
                    r"\bmaybe it(?:'s| is| was))(?: (?:just|maybe|probably|really|actually|only))?(?: (?:our|the|a|an|some|"
                    r"my|your))?\s*$", re.IGNORECASE)


def _without_guesses(text: str, found: EntityResult) -> dict[str, list[str]]:
    """The entities, less those only put forward as a guess, when something else names the subject: "3x 401
    from 192.168.1.100, is that our etl sp?" reads that IP's failures (they say who it was), not etl-sp's."""
    guessed = {(m.kind, m.name) for m in found.matches if _GUESS.search(text[max(0, m.start - 40):m.start])}
    stated = {(m.kind, m.name) for m in found.matches} - guessed
    if not guessed or not stated or {k for k, _ in guessed} & {k for k, _ in stated}:
        return found.entities
    out = {k: [n for n in v if (k, n) not in guessed or (k, n) in stated] for k, v in found.entities.items()}
    return {k: v for k, v in out.items() if v}


def _without_background(text: str, found: EntityResult, entities: dict[str, list[str]]) -> dict[str, list[str]]:
    """The entities, less the names said only in a sentence about another product ("In Synapse we pulled Azure AD
    sign-in logs into Log Analytics. Were there failed logins here?": no workspace called analytics filters) or in
    how the asker came to ask ("I just joined the platform team", "a ticket from sales analytics")."""
    spans = honest.background_spans(text) + honest.asker_spans(text)
    if not spans:
        return entities
    inside = {(m.kind, m.name) for m in found.matches if any(a <= m.start < b for a, b in spans)}
    outside = {(m.kind, m.name) for m in found.matches if not any(a <= m.start < b for a, b in spans)}
    out = {k: [n for n in v if (k, n) not in inside or (k, n) in outside] for k, v in entities.items()}
    return {k: v for k, v in out.items() if v}


def _without_asides(text: str, found: EntityResult, entities: dict[str, list[str]]) -> dict[str, list[str]]:
    """The entities, less those said only in an aside, when something else is named: "feature_refresh - did it succeed
    last night? ml_training depends on it afaik" asks about feature_refresh."""
    spans = [m.span() for m in ASIDE.finditer(text)]
    if not spans:
        return entities
    inside = {(m.kind, m.name) for m in found.matches if any(a <= m.start < b for a, b in spans)}
    outside = {(m.kind, m.name) for m in found.matches} - inside
    if not inside or not outside:
        return entities
    out = {k: [n for n in v if (k, n) not in inside or (k, n) in outside] for k, v in entities.items()}
    return {k: v for k, v in out.items() if v}


#: "the analytics eng team", "the dev folks": a workspace's name said of the people who work in it.
_PEOPLE_AFTER = re.compile(r"\s*(?:(?:eng|engineering|data|ops|platform|bi)\s+)?(?:team|teams|folks|people|guys|squad|org|crew|"
                           # "the analytics unit": a business unit, a finance controller's word for a team
                           r"department|dept|unit|business unit|bu|division|cost cent(?:er|re))\b", re.IGNORECASE)


#: Words before a team that make it the answer's audience, not its subject: "a recap for the prod eng team",
#: "so I can ping the dev folks".
_CHANNEL_AFTER = re.compile(r"\s*(?:slack |teams )?(?:channel|chat|thread|mailing list|distribution list|standup|stand-up|"
                            r"sync|meeting|newsletter)\b", re.IGNORECASE)
_AUDIENCE_BEFORE = re.compile(r"(?:\b(?:recap|report|summary|digest|update|deck|slides?|note|e-?mail|memo|briefing|write-?up|"
                              r"status|post|message|heads[- ]up|handover|readout)\b(?:\s+[\w-]+){0,4}\s+(?:for|to)|"
                              r"\b(?:ping|tell|email|notify|cc|message|inform|warn|alert|brief|escalate to|send (?:it |this |"
                              r"that )?to|share (?:it |this |that )?with|reach out to|talk to|ask))\s+(?:the\s+|our\s+|my\s+|"
                              r"your\s+|their\s+)?$", re.IGNORECASE)


def _without_teams(text: str, found: EntityResult, entities: dict[str, list[str]]) -> dict[str, list[str]]:
    """The entities, less the workspaces named only as the answer's audience ("weekly recap for the analytics eng
    team") or as a cost-attribution team of the same name. "What did the dev team cost us?" with no team tag
    ``dev`` asks about the workspace ``dev``: its people are its spend."""
    places = ("workspace", "schema", "catalog")
    tagged = {m.name.lower() for m in found.matches if m.kind == "team"}
    teams: set[str] = set()
    named: set[str] = set()
    for m in (m for m in found.matches if m.kind in places):
        people, channel = _PEOPLE_AFTER.match(text, m.end), _CHANNEL_AFTER.match(text, m.end)
        # "paste it into the analytics channel": a chat channel, never a workspace filter
        if channel or people and (m.name.lower() in tagged
                                  or _AUDIENCE_BEFORE.search(text[max(0, m.start - 60):m.start])):
            teams.add(m.name)
        elif not people:
            named.add(m.name)
    out = {k: [n for n in v if k not in places or n not in teams - named] for k, v in entities.items()}
    return {k: v for k, v in out.items() if v}


def _without_containers(entities: dict[str, list[str]]) -> dict[str, list[str]]:
    """A schema or catalog said only as the home of a table the question names ("orders_gold in the sales
    database") is no second filter."""
    tables = [t.lower().split(".") for t in entities.get("table", [])]
    homes = {"schema": {p[-2] for p in tables if len(p) >= 2}, "catalog": {p[0] for p in tables if len(p) >= 3}}
    out = {k: [n for n in v if k not in homes or n.lower().split(".")[-1] not in homes[k]] for k, v in entities.items()}
    return {k: v for k, v in out.items() if v}


def parse_question(text: str, *, as_of: datetime, index: EntityIndex | None = None,
                   previous: TurnContext | None = None) -> ParsedQuestion:
    """Route, extract parameters and entities, detect a follow-up and merge it with ``previous``."""
    raw = text if isinstance(text, str) else ""
    original = raw[:MAX_QUESTION_CHARS]
    language = languages.detect(original)
    cut = languages.to_english(original, language) if language != "en" else fix_typos(languages.expand_shorthand(original))
    found = (index or EntityIndex()).match(cut)
    entities = _without_background(cut, found, _without_containers(_without_teams(cut, found, _without_asides(
        cut, found, _without_guesses(cut, found)))))
    params = extract_params(cut, as_of=as_of)
    plan = route(honest.without_background(_without(_masked(cut, found), params.matched.get("start_date"))),
                 entities=entities)
    regulations = [r for r in [params.params.get("regulation")] if r]
    if regulations and "regulation" not in entities:
        entities["regulation"] = regulations
    # A domain chosen by the classifier alone, weakly and with no cue word ("how many times and from where?"),
    # is no topic of its own: inside a conversation such a question asks about the last answer.
    weak = not plan.off_topic and max(plan.scores.values(), default=0.0) < WEAK_ROUTE \
        and not any(cue_scores(without_requester(cut))[0].values())
    quiet = plan.off_topic and plan.reason.startswith("no domain scored") and not OFF_TOPIC_CUES.search(cut)
    follow = detect_followup(cut, has_own_domain=not plan.off_topic and not weak, has_own_entities=bool(entities),
                             no_topic=quiet)
    if plan.off_topic and (plan.reason.startswith("a chore") or OFF_TOPIC_CUES.search(cut)):
        follow = FollowUp()  # "ok now tell me a joke about it": declined in a conversation as on its own
    domains = [] if weak and follow.is_followup and previous is not None else plan.domains
    parsed = ParsedQuestion(text=original, language=language, english=cut, domains=domains, params=params.params, entities=entities,
                            is_followup=follow.is_followup and previous is not None, off_topic=plan.off_topic,
                            unknown_mentions=found.unknown_mentions, matched=params.matched,
                            scores=plan.scores, reason=plan.reason, references=follow.references,
                            described={m.text: m.kind for m in found.matches if m.method == "description"})
    return merge_context(previous, parsed)
