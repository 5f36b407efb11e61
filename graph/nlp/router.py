"""The offline router: which specialists a question needs, or none (off-topic).

Three signals are combined per domain::

    score = 0.6 * classifier probability + 0.4 * cue strength + entity-kind bonus

- the lexical classifier (:mod:`graph.nlp.classifier`), which generalises over phrasings and typos;
- the weighted cue phrases of :mod:`graph.nlp.vocabulary`, which anchor precise terms (MTBF, SKU, lineage);
- entity-kind hints (an IP leans security, a model leans mlops).

Entity names are masked before scoring (``cost_anomaly_detector`` -> ``model``), so a name's words do
not pull the question towards their domain. Multi-intent questions are handled twice: the whole text may
select several domains, and each clause (split on "and", "also", ";", "?" ...) may add its own best domain
when the whole question weakly agrees. The thresholds below were tuned on a held-out fifth of
``training/`` (see ``tests/graph/test_nlp_router.py``), never on the evaluation sample.
"""

from __future__ import annotations

import re

from health_monitor.graph.kinds import BY_NAME, KIND_WORD_ALTERNATION, WORD_KINDS
from health_monitor.graph.nlp.classifier import MAX_CHARS, LexicalClassifier, default_classifier
from health_monitor.graph.nlp.entities import EMAIL_PATTERN, IP_PATTERN, THREE_PART_PATTERN
from health_monitor.graph.nlp.vocabulary import (
    CHORE,
    DESCRIBED_MODEL,
    DOMAINS,
    GENERAL_KNOWLEDGE,
    NUMBERED_ITEM,
    OFF_TOPIC_CUES,
    OFF_TOPIC_PENALTY,
    PRECISE_CUE,
    area_item,
    cue_peaks,
    cue_scores,
    entity_hints,
    without_breakdown_list,
    without_requester,
)
from pydantic import BaseModel, Field

#: Below this best score the question is off-topic.
OFF_TOPIC_BELOW = 0.3
#: A second (third) domain from the whole text needs at least this score...
SECONDARY_AT = 0.65
#: ...and at least this share of the best score.
SECONDARY_SHARE = 0.7
#: A clause's best domain joins when the clause scores this high...
CLAUSE_AT = 0.6
#: ...and the whole question gives that domain at least this.
CLAUSE_CONFIRM = 0.25
#: ...half that when the clause is all about that domain by a strong word of its own (both its score and its cue).
STRONG_CLAUSE = 0.9
#: A clause whose precise cue (vocabulary.PRECISE_CUE) names a domain needs less of the classifier to add it,
#: even where another domain leads the clause.
PRECISE_CLAUSE_AT = 0.45
#: ...and an item of a numbered list ("1) ... 2) did the export job pass") needs this for its best area.
NUMBERED_AT = 0.4
#: A best domain with no cue word yields to one within this much whose words name it at least this strongly.
CUE_TIE, BACKING_CUE = 0.1, 0.7
MAX_DOMAINS = 3
W_CLASSIFIER, W_CUES = 0.6, 0.4

#: "did they also hit crm tables": "also" after a subject or an auxiliary adds to the same ask, it does not start one.
_ALSO_INSIDE = "".join(rf"(?<!\b{w})" for w in ("did", "do", "does", "they", "he", "she", "it", "we", "i", "you", "was", "were",
                                                 "is", "are", "has", "have", "had", "can", "could", "would", "should", "will"))
_SPLIT = re.compile(r"[?;!]+|\.\s+|\s(?=\(?\d{1,2}\)\s)|\s[—–-]+\s|\s[+&/]\s|,\s*(?:and|but|plus|also|then)\b|,\s+|"
                    rf"{_ALSO_INSIDE}\salso\s|"
                    r"\s(?:and also|and|but|plus|as well as|along with|alongside|next to(?! (?:each|every|it|them|those|these|that|this|one another|each other)\b)|together with|"
                    r"side by side with|or|if|even though|although|though|"
                    r"while|whereas|given that|(?:in any way |at all |somehow )?(?:connected|related|linked|tied) (?:to|with))\s",
                    re.IGNORECASE)
#: One ask after a colon, about what the head before it names ("...: what is its lineage?", "...: who owns it?").
_ASKS_OF_HEAD = re.compile(r"\s*(?:what|where|who|which|how|when|why|is|are|does|do|did|can)\b[^?.!]{0,50}?"
                           r"\b(?:its|it|their|they|them)\b[^?.!]{0,40}\??\s*$", re.IGNORECASE)
#: A decision pending, said before the ask: "Before I approve the budget extension - ", "Before we sign off on it, "
#: (``before``), or weighed as a statement ("I'm deciding whether etl-warehouse should move to serverless SQL, and
#: availability is the main argument."): why the rest asks, not an ask of its own.
_DECISION_FIRST = re.compile(r"^\W*(?:(?P<before>(?:before|prior to) (?:i|we) (?:can |could |do |go ahead and )?(?:approve|"
                             r"sign off|agree|decide|renew|extend|commit|green-?light|okay|ok|say yes|give the go-ahead)\b"
                             r"[^-–—:;,?]{0,80}?(?:\s[-–—]+\s|[:;,]\s))|"
                             r"(?:i'?m|i am|we'?re|we are|i'?ve been|we'?ve been) (?:\w+ )?(?:deciding|decide|weighing|"
                             r"considering|evaluating|debating|thinking about|trying to (?:decide|figure out|work out)) (?:whether|if)\b"
                             r"[^?!.]{0,200}[.!]\s+(?=\S))", re.IGNORECASE)
#: An item of a numbered list of asks: "1) is the budget ok", "(2) ...", "3. ...".
_NUMBERED = re.compile(NUMBERED_ITEM)
#: A leading purpose ("For the audit binder:", "Preparing SOC 2 evidence:"): what the answer is for, not what it is about.
_PURPOSE = re.compile(r"^\W*(?:(?:(?:one|two|three|four|a few|some|a couple of|couple of) (?:items|things|questions|asks) )?"
                      r"for|preparing|prepping|ahead of|before|re|regarding|context|background|fyi|writing up|"
                      r"working on|as part of|quick one|question|(?:quick |daily |morning )?(?:health|status|sanity) check|checking in|"
                      r"(?:i )?need (?:a |an )?(?:quick )?(?:confirm\w*|check|answer|number|figure))\b"
                      r"[^:?\n]{0,120}:\s*(?=\S)|"
                      # "SOC 2 CC6.1 evidence: every failed login yesterday": the audit item the ask is for
                      r"^\W*(?:(?:soc ?[12]|gdpr|hipaa|iso ?27001|pci(?: dss)?|sox|nist|ccpa|audit)\b[^:?\n]{0,40}?"
                      r"\b(?:evidence|request|sample|control|item|test|walkthrough|workpaper|finding|criterion|criteria|"
                      r"requirement|principle|clause|article|section)s?(?:\s+[\w.()-]{1,12})?|"
                      r"(?:evidence|audit) (?:request|item|sample)s?\b[^:?\n]{0,80}?)\s*:\s*(?=\S)|"
                      # "For our SOC 2 evidence file, kindly list every failed login": where the answer goes, then the ask
                      r"^\W*(?:for|as part of|ahead of|in preparation for) (?:our|the|my|this|a|an) [^,:?\n]{0,50}?\b(?:evidence|"
                      r"file|audit|review|report|pack|committee|board|record|register|documentation|submission|deck|memo|"
                      r"filing|appendix|workpapers?)s?\s*,\s*(?=\S)|"
                      # "Our AI governance policy now requires monitoring evidence for every model. Which models drift?":
                      # the rule the answer serves, said in a sentence of its own, then the ask
                      r"^\W*(?:our|the|a|an|new|this)\b[^.?!:\n]{0,60}?\b(?:polic(?:y|ies)|regulations?|rules?|standards?|"
                      r"auditors?|laws?|act|frameworks?|guidelines?|mandates?|directives?|controls?)\b[^.?!:\n]{0,20}?"
                      r"\b(?:requires?|mandates?|demands?|says?|asks? for|expects?|wants?|calls? for|restricts?|forbids?|"
                      r"prohibits?|bans?|limits?|allows?|permits?)\b[^?!:\n]{0,140}?"
                      r"\.\s+(?=\S)", re.IGNORECASE)
#: How the asker was alerted, before what about ("got paged at 3am about", "pager went off for"): not a topic.
_PAGED_FOR = re.compile(r"\b(?:(?:i|we|on-?call) )?(?:got |was |were )?(?:paged|pager (?:went off|fired|buzzed)|woken up|"
                        r"alerted)(?: (?:at|around) [\w:]+)?(?: (?:late |early )?(?:last night|this morning|overnight))? "
                        r"(?:for|about|because of|over)\b", re.IGNORECASE)
#: Words that carry no topic: a question made only of these ("and?", "what about then") names no domain.
_FILLER = frozenset("""and or but also plus so then now ok okay what about how which who is are was were the a an
that this those these it them do does did for of on in to please same again instead too as well""".split())
_MODEL_HEADS = frozenset("detector predictor classifier scorer analyzer analyser forecaster recommender".split())
#: Names recognised by their shape: the entity index's patterns (one definition).
_PATTERNS = {"ip": IP_PATTERN, "user": EMAIL_PATTERN, "table": THREE_PART_PATTERN}
#: Databricks system schemas and the area each one records (system.<schema>.<table>).
SYSTEM_SCHEMA_DOMAINS: dict[str, str] = {
    "billing": "cost", "access": "security", "query": "performance", "lakeflow": "performance",
    "workflow": "performance", "compute": "performance", "serving": "mlops", "information_schema": "governance",
    "mlflow": "mlops",
}
SYSTEM_HINT = 0.35


class RoutePlan(BaseModel):
    """The router's decision: domains (best first), every domain's score, off-topic, and why."""

    domains: list[str] = Field(default_factory=list)
    scores: dict[str, float] = Field(default_factory=dict)
    off_topic: bool = False
    reason: str = ""


def mask_entities(text: str, entities: dict[str, list[str]] | None = None) -> tuple[str, dict[str, list[str]]]:
    """Replace entity names (given ones and IPs/e-mails/three-part names found by pattern) with their kind
    word, so "cost_anomaly_detector" reads as "model". Returns the text and the entities seen."""
    seen: dict[str, list[str]] = {k: list(v) for k, v in (entities or {}).items() if v}
    for kind, pattern in _PATTERNS.items():
        for m in pattern.findall(text):
            seen.setdefault(kind, []).append(m)
    names = sorted({(n, k) for k, ns in seen.items() for n in ns if n}, key=lambda nk: -len(nk[0]))
    for name in [n for n, k in names if n.lower().startswith("system.")]:
        text = re.sub(rf"(?<![\w@]){re.escape(name)}(?![\w@])", " ", text, flags=re.IGNORECASE)
    names = [(n, k) for n, k in names if not n.lower().startswith("system.")]
    for name, kind in names:
        variants = {name, name.replace("_", " "), name.replace("-", " "), name.split(".")[-1]}
        for v in sorted(variants, key=len, reverse=True):
            if len(v) < 2:
                continue
            pattern = rf"(?<![\w@]){re.escape(v)}(?![\w@])"
            if " " in v and v != name:
                # A name read from plain words: "any data quality checks failing?" asks about data quality
                # even though a job is called data_quality_checks. The words are masked only when they name
                # the thing ("the cost anomaly detector", "data quality checks job") or say nothing of a topic.
                text = re.sub(pattern, lambda m, kind=kind: m.group(0) if keeps_topic_words(
                    m.group(0), m.string[m.end():]) else f" {mask_word(kind)} ", text, flags=re.IGNORECASE)
                continue
            text = re.sub(pattern, f" {mask_word(kind)} ", text, flags=re.IGNORECASE)
    return text, seen


#: Kinds whose names say nothing of the topic: a workspace (a catalog, a schema) is where something happened,
#: not what was asked ("how many 9s did prod hit" is about uptime; "stale tables in the main catalog" about
#: freshness), so its name is masked to nothing rather than to the kind word, which the phrasings use mostly
#: with spend (workspace) or with catalog governance.
_PLACE_KINDS = frozenset({"workspace", "catalog", "schema"})


def mask_word(kind: str, name: str = "") -> str:
    """What a recognised name of ``kind`` reads as to the router: nothing for places and system tables (whose
    schema leans the router instead, see :func:`system_hints`), else the kind word."""
    if name.lower().startswith("system."):
        return ""
    return "" if kind in _PLACE_KINDS else kind


def system_hints(names: list[str]) -> dict[str, float]:
    """A lean towards the area each named system table records (``system.query.history``: performance), as a
    hint, not a topic: "what consumes system.billing.usage" stays a lineage question."""
    out = dict.fromkeys(DOMAINS, 0.0)
    for name in names:
        parts = name.lower().split(".")
        if len(parts) >= 3 and parts[0] == "system" and parts[1] in SYSTEM_SCHEMA_DOMAINS:
            out[SYSTEM_SCHEMA_DOMAINS[parts[1]]] = SYSTEM_HINT
    return out


def _names_itself(words: str) -> bool:
    """Plain words that can only be a name: they end with a kind's head noun or carry no topic cue."""
    last = words.lower().split()[-1]
    return last in WORD_KINDS or last in _MODEL_HEADS or not any(cue_scores(words)[0].values())


def keeps_topic_words(words: str, after: str) -> bool:
    """Should a name written as plain words ("data quality checks") stay in the text the router reads?
    Yes unless the words name the thing (a head noun, or a kind word right ``after`` them)."""
    return " " in words.strip() and not _names_itself(words) \
        and not re.match(rf"\s*(?:{KIND_WORD_ALTERNATION})\b", after, re.IGNORECASE)


#: A sentence that says what exactly is asked, after the context ("Specifically any data quality incident").
_SPECIFICALLY = re.compile(r"^\W*(?:specifically|in particular|particularly|especially|mainly|above all|most of all|"
                           r"what i (?:really )?(?:need|want) (?:to know )?is)\b", re.IGNORECASE)
#: "I need three things:", "two questions:": the list that follows is that many asks.
_COUNTED_LIST = re.compile(r"\b(?:two|three|four|five|[2-5]) (?:things|questions|asks|items|parts|points)\b[^:?.!]{0,20}:",
                           re.IGNORECASE)
#: A document's contents listed after a colon ("a readiness report for production: 30-day spend trend, job failure
#: rate, uptime this month, and any stale tables"): each item is one of its sections, asked beyond MAX_DOMAINS.
_CONTENTS_LIST = re.compile(r"\b(?:report|summary|overview|checklist|scorecard|snapshot|pack|one-pager|memo|deck|"
                            r"slide)\b[^:?.!]{0,60}:(?=(?:[^,;]+[,;]){2,})", re.IGNORECASE)
#: Said in a plan's reason when a general-knowledge sentence was set aside and the rest routed.
SET_ASIDE = "a general-knowledge question beside it was set aside"


def _own_ask(piece: str, head: str) -> bool:
    """"etl-warehouse outage: when, how long. prod spend last 7d flat?": a sentence of its own after the head's items,
    naming an area the head does not, is no item about the head."""
    cues, head_cues = cue_scores(piece)[0], cue_scores(head)[0]
    best = max(cues, key=lambda d: cues[d])
    return len(piece.split()) >= 2 and cues[best] >= 0.8 and not head_cues[best] and any(head_cues.values())


def split_clauses(text: str) -> list[str]:
    """The question's clauses (at least one; empty pieces dropped). In "serving endpoints: latency + error
    rates" the short head before the colon is what every clause is about, so each clause carries it."""
    head, colon, rest = text.partition(":")
    # "- etl-warehouse outage: when, how long - prod spend last 7d flat?" (or "... how long. prod spend ..."): the next
    # bullet or sentence is a new ask, not one more item about the head
    after = re.search(r"\s[-–•]\s+|(?<=[.?!])\s+(?=\S)", rest) if colon else None
    if after and 0 < len(head.split()) <= 4 and not re.search(r"\d$", head) and _own_ask(rest[after.end():], head):
        return split_clauses(f"{head}:{rest[:after.start()]}") + split_clauses(rest[after.end():])
    if colon and rest.strip() and 0 < len(head.split()) <= 3 and not _SPLIT.search(head) and not re.search(r"\d$", head):
        pieces = [p.strip(" ,.:") for p in _SPLIT.split(rest)]
        pieces = [p for p in pieces if p]
        if len(pieces) > 1:
            return [f"{head.strip()} {p}" for p in pieces]
    elif colon and rest.strip() and not re.search(r"\d$", head) and not _SPLIT.search(head):
        # "a one-paragraph state of the platform for the exec sync: money, security, and anything broken": the
        # list after a longer head is its own asks (a time "at 02:15" is no colon of a list)
        pieces = [p for p in (p.strip(" ,.:") for p in _SPLIT.split(rest)) if p]
        if len(pieces) > 1 or len(pieces) == 1 and _ASKS_OF_HEAD.match(rest):
            # ("the monthly spend figure we report to finance: what is its lineage?": the head is what the ask is of)
            return [head.strip(" ,.:")] + pieces
    parts = [p.strip(" ,.:") for p in _SPLIT.split(text)]
    if colon and len(parts) > 2:
        # "new here, give me the quick rundown: whats broken, whats expensive": the list's first item is an ask
        # of its own, not the words of the head before the colon (a time "at 02:15" is no colon of a list)
        parts = [q for p in parts for q in (re.split(r"(?<!\d):\s*(?=\S)", p, maxsplit=1) if ":" in p else [p])]
    return [q for p in parts if (q := p.strip(" ,.:"))] or [text.strip()]


def _combine(prob: dict[str, float], cues: dict[str, float], bonus: dict[str, float]) -> dict[str, float]:
    return {d: min(1.0, W_CLASSIFIER * prob[d] + W_CUES * cues[d] + bonus[d]) for d in DOMAINS}


def route(text: str, *, entities: dict[str, list[str]] | None = None,
          classifier: LexicalClassifier | None = None) -> RoutePlan:
    """Classify ``text`` into zero or more of the eight domains. Never raises on odd input.

    ``classifier`` replaces the default one (tests fit one on a split of the training data)."""
    raw = (text or "")[:MAX_CHARS]
    if (head := without_breakdown_list(raw)) != raw:
        # "spend split by type of charge: SQL, scheduled jobs, model serving": the list is the breakdown's values
        asked = route(head, entities=entities, classifier=classifier)
        if not asked.off_topic:
            return asked
    quoted = _QUOTED_REPORT.search(raw)
    if quoted and (_ASKED_IN_QUOTE.search(raw[max(0, quoted.start() - 40):quoted.start("said")])
                   or len(_QUOTED_REPORT.findall(raw)) >= 2 and _EACH_QUOTE.search(raw[quoted.end("said"):])):
        # "Auditor's request, verbatim: '...'", "SecOps says '...' and finance says '...'. Can you check both?": the
        # quotes are what is asked, not a symptom beside the ask
        quoted = None
    if quoted:
        # "A user writes: 'my dashboard is blank'. Is bi-warehouse up?": the quoted report is the symptom; the ask
        # that follows says where to look (the report alone is the ask when nothing else asks)
        rest = raw[:quoted.start("said")] + " " + raw[quoted.end("said"):]
        if len(re.findall(r"[a-zA-Z]{2,}", rest)) >= 4 and any(cue_scores(rest)[0].values()):
            asked = route(rest, entities=entities, classifier=classifier)
            if not asked.off_topic:
                return asked
    named = _areas_before_colon(raw)
    if named:
        # "security + data quality: anything on fire?": the areas are named; what follows asks their state
        asked = route(raw.split(":", 1)[1], entities=entities, classifier=classifier)
        return RoutePlan(domains=named, scores=asked.scores, reason="areas named before the colon: " + ", ".join(named))
    decision = _DECISION_FIRST.match(raw)
    rest = raw[decision.end():] if decision else ""
    if decision and len(rest.split()) >= 3 and (decision["before"] or "?" in rest):
        # "Before I approve the contractor budget extension - what data can the contractors group see?": the
        # decision pending is why it is asked; the ask follows the dash (a decision weighed: the question after it)
        asked = route(rest, entities=entities, classifier=classifier)
        if not asked.off_topic:
            return asked
    purpose = _PURPOSE.match(raw)
    if purpose and len(raw[purpose.end():].split()) >= 3 and not _LEANS_ON_RULE.search(raw[purpose.end():]):
        # (not "Our policy restricts access after hours. Any violations of it yesterday?": the ask needs the rule's words)
        # "For our SOC 2 audit I must document: were there failed logins?": the ask follows the colon
        asked = route(raw[purpose.end():], entities=entities, classifier=classifier)
        if not asked.off_topic:
            return asked
    if not re.search(r"[a-zA-Z]{2,}", raw) and not any(cue_scores(raw)[0].values()):  # "401s?" has a cue
        return RoutePlan(scores=dict.fromkeys(DOMAINS, 0.0), off_topic=True,
                         reason="no words to classify")
    if CHORE.search(raw):
        return RoutePlan(scores=dict.fromkeys(DOMAINS, 0.0), off_topic=True, reason="a chore, not a question")
    if GENERAL_KNOWLEDGE.search(raw):
        rest = " ".join(p for p in re.split(r"(?<=[?!.])\s+", raw) if not GENERAL_KNOWLEDGE.search(p))
        if len(rest.split()) >= 3 and rest != raw and ("?" in rest or _REQUEST.match(rest)):  # another ask, not a story
            # "What's the capital of Australia? Also, how many times did ml_training fail?": the second ask is ours
            asked = route(rest, entities=entities, classifier=classifier)
            if not asked.off_topic:
                return asked.model_copy(update={"reason": f"{asked.reason}; {SET_ASIDE}"})
        return RoutePlan(scores=dict.fromkeys(DOMAINS, 0.0), off_topic=True,
                         reason="general knowledge, not this account's data")
    masked, seen = mask_entities(raw, entities)
    masked = _PAGED_FOR.sub(" ", masked)  # "pager went off for auth failures": the failures are the topic
    masked = without_requester(masked)  # "compliance asked me to check": who asked, not what
    masked = _DESCRIBING_CLAUSE.sub(" ", masked)  # "..., one of ours runs the training jobs": which one, not an ask
    table_then_model = bool((entities or {}).get("table")) and not (entities or {}).get("model") \
        and _THAT_MODEL.search(masked)
    if (_DBT_WORLD.search(masked) or table_then_model) and not _ML_WORDS.search(masked):
        # "in dbt we'd tag the customers model", "any DAGs fail overnight, any models stale?": dbt's models are tables
        masked = re.sub(r"\bmodels\b", "tables", re.sub(r"\bmodel\b", "table", masked, flags=re.IGNORECASE),
                        flags=re.IGNORECASE)
    if not set(re.findall(r"[a-z]{2,}", masked.lower())) - _FILLER and not any(cue_scores(masked)[0].values()):
        return RoutePlan(scores=dict.fromkeys(DOMAINS, 0.0), off_topic=True, reason="no topic words")
    bonus = entity_hints({k: [n for n in v if not n.lower().startswith("system.")] for k, v in seen.items()})
    system = system_hints([n for v in seen.values() for n in v])
    bonus = {d: bonus.get(d, 0.0) + system[d] for d in DOMAINS}
    if re.search(DESCRIBED_MODEL, masked, re.IGNORECASE):  # "the thing that predicts costs": as if it named the model
        bonus = {d: max(bonus[d], v) for d, v in {**bonus, **entity_hints({"model": ["described"]})}.items()}
    clauses = split_clauses(masked)
    # "$$ yesterday + anything broken + any scary security stuff": asks joined by plus signs, each asked
    # ...and "I need three things: how many ..., what ..., and whether ...": a counted list, each item asked
    # ...and two asks joined by a plus sign alone ("costs + fails prod last 24h"), each with its own topic word
    pluses = len(re.findall(r"\s\+\s", masked))
    plus_list = len(clauses) >= 3 and (pluses >= 2 or bool(_COUNTED_LIST.search(masked) or _CONTENTS_LIST.search(masked))) \
        or len(clauses) == 2 and pluses == 1
    head = _carried_head(clauses)  # "morning brief pls: $ spikes, failed jobs, sec": each clause starts with it
    # "3 things pls: 1) gpu cost ... 2) did the job pass": a head with no topic of its own only dilutes each ask
    asks = [c[len(head):].strip() or c for c in clauses] if head and not any(cue_scores(head)[0].values()) else clauses
    texts = [masked] + (asks if len(clauses) > 1 else [])
    probs = (classifier or default_classifier()).predict(texts)
    cue_sets = [cue_scores(t) for t in texts]
    # "...come from a model right? is it still reliable": the state of what the rest names (no cue of its own)
    # ("is that money producing anything, or is it just failing?": money does not fail, its runs do)
    bare = {i for i, c in enumerate(clauses) if len(clauses) > 1
            and _is_bare_state(c[len(head):] if head and c.startswith(head) else c)
            and not (_RUN_OUTCOME.search(c) and _MONEY.search(masked))}
    # "who can both grant permissions AND run prod jobs": the second of "both ... and ..." is what the person may do
    bare |= {i for i in range(1, len(clauses)) if _BOTH_MAY.search(clauses[i - 1])}
    if bare - {0}:
        cue_sets[0] = cue_scores(" ".join(c for i, c in enumerate(clauses) if i == 0 or i not in bare))
    whole = _combine(probs[0], cue_sets[0][0], bonus)
    if _SIGN_INS.search(masked) and all(_BARE_OUTCOME.fullmatch(h) for h in cue_sets[0][1].get("performance", ["-"])):
        # "which account were they trying to get into? any success after the failures?": the sign-ins' outcomes
        whole["performance"] = min(whole["performance"], OFF_TOPIC_BELOW / 2)
    if OFF_TOPIC_CUES.search(masked):
        whole = {d: max(0.0, s - OFF_TOPIC_PENALTY) for d, s in whole.items()}
    best = max(whole.values())
    if best < OFF_TOPIC_BELOW:
        return RoutePlan(scores=_rounded(whole), off_topic=True,
                         reason=f"no domain scored above {OFF_TOPIC_BELOW} (best {best:.2f})")
    peaks_whole = cue_peaks(masked)
    # a second domain named by a precise phrase needs less of the classifier ("the table it reads from - someone
    # flip a column type?": lineage and a schema change)
    chosen = {d for d, s in whole.items() if s == best or s >= SECONDARY_SHARE * best and (
        s >= SECONDARY_AT or s >= PRECISE_CLAUSE_AT and peaks_whole[d] >= PRECISE_CUE)
        # a term of art of one area ("our MTTR on job failures") is that area's whatever else scores higher
        or s >= SECONDARY_AT and peaks_whole[d] > PRECISE_CUE}
    cues = cue_sets[0][0]
    backed = [d for d in DOMAINS if cues[d] >= BACKING_CUE and whole[d] >= best - CUE_TIE]
    if backed and not any(cues[d] for d in chosen if whole[d] == best):
        # the classifier's pick by a hair, with no word of its own, against a domain the words name
        chosen = {d for d in chosen if cues[d] or whole[d] >= SECONDARY_AT} | {max(backed, key=whole.__getitem__)}
    why = {d: "whole question" for d in chosen}
    numbered: set[str] = set()  # the domains of the items of a numbered list ("1) ... 2) ... 3) ..."): each asked
    listed: set[str] = set()  # ...and of a list of short items ("jobs that died, weird spend, security stuff, stale tables")
    short = [c for c in asks if len(c.split()) <= _LIST_ITEM_WORDS] if len(clauses) > 1 else []
    sign_ins = _SIGN_INS.search(masked)
    # "status pls: jobs, sec, dq": a head, then two or more areas named by their word alone
    area_list = bool(head) and len(_listed_areas(clauses, head)) >= 2
    for i, (clause, prob, (cues, _)) in enumerate(zip(asks if len(clauses) > 1 else [], probs[1:], cue_sets[1:],
                                                      strict=False)):
        if i in bare or _not_an_ask(i, clause, in_list=area_list or plus_list and area_item(clause) is not None):
            continue
        local = _combine(prob, cues, dict.fromkeys(DOMAINS, 0.0))
        if sign_ins and all(_BARE_OUTCOME.fullmatch(h) for h in cue_sets[i + 1][1].get("performance", ["-"])):
            # "401s from that IP - did anything succeed, or was it only failures?": the sign-ins' outcomes, not runs
            local["performance"] = 0.0
        top = max(local, key=local.__getitem__)
        # an item of a numbered list is an ask by itself: its best area needs less of the classifier
        # (an item of a plus or counted list names its topic: "start time + end time" are the fields of one ask)
        listed_ask = plus_list and any(cues.values())
        enumerated = len(clauses) >= 2 and _NUMBERED.search(clause) and sum(bool(_NUMBERED.search(c)) for c in clauses) >= 2 \
            or listed_ask
        if (_NUMBERED.search(clause) or listed_ask) and local[top] >= (NUMBERED_AT if enumerated else CLAUSE_AT):
            numbered.add(top)
        if len(clause.split()) <= _LIST_ITEM_WORDS and local[top] >= CLAUSE_AT:
            listed.add(top)
        peaks = cue_peaks(clause)
        item = area_item(clause) or (area_item(clause[len(head):]) if head and clause.startswith(head) else None)
        # the clause's best domain, and any other it names by a precise phrase ("training fails": the runs)
        # ...and the area a list item names by its word ("health chk: cost, sec, reliability": "sec" under the head)
        listed_item = [item] if item and area_list else []
        for d in dict.fromkeys([top, *listed_item, *[d for d in DOMAINS if d != top and peaks[d] >= PRECISE_CUE]]):
            floor = PRECISE_CLAUSE_AT if peaks[d] >= PRECISE_CUE else NUMBERED_AT if enumerated and d == top else CLAUSE_AT
            # a list item that is only the area's word ("cost, jobs, security") needs no confirming
            # ...and a clause that is all about one area by its own strong word ("what has uptime been") needs less
            confirm = 0.0 if item == d else CLAUSE_CONFIRM / 2 if local[d] >= STRONG_CLAUSE and peaks[d] >= STRONG_CLAUSE \
                else CLAUSE_CONFIRM
            if d not in chosen and (local[d] >= floor or item == d) and whole[d] >= confirm:
                chosen.add(d)
                why[d] = f"clause {clause!r}"
    specific: list[str] = []
    for sentence in re.split(r"(?<=[.?!])\s+", masked):
        if _SPECIFICALLY.match(sentence) and sentence.strip() != masked.strip():
            # "... am I missing anything? Specifically any data quality incident or ML model problem": what is asked
            specific += [d for d in route(sentence, classifier=classifier).domains if d not in specific]
    for d in specific:
        why.setdefault(d, "the sentence saying what exactly is asked")
    domains = [*specific, *[d for d in sorted(chosen, key=lambda d: -whole[d]) if d not in specific]][:max(MAX_DOMAINS,
                                                                                                      len(specific))]
    # "one line each for cost, security, reliability and data quality": every area the list names
    domains += [d for d in sorted(chosen, key=lambda d: -whole[d]) if d not in domains and d in _listed_areas(clauses, head)]
    if len([c for c in clauses if _NUMBERED.search(c)]) >= 2 or plus_list:
        domains += [d for d in sorted(numbered & chosen, key=lambda d: -whole[d]) if d not in domains]
    if len(short) >= _LIST_ITEMS:
        domains += [d for d in sorted(listed & chosen, key=lambda d: -whole[d]) if d not in domains]
    for d in _areas_run(masked):
        # "a reliability + performance scorecard", "cost perf sec the works": every area the run names
        if d not in domains:
            domains.append(d)
            why[d] = "an area the question names beside others"
    for d in _areas_listed_at_end(masked):
        # "rank the three things to fix first across cost, reliability and security": every area the list names
        if d not in domains:
            domains.append(d)
            why[d] = "an area the closing list names"
    if _WHOLE_STORY.search(raw):
        # "everything that happened to nightly_etl, etl-warehouse and orders_gold": each named thing's own area
        homes = [BY_NAME[k].owner for k in seen if k in _STORY_KINDS and seen[k] and BY_NAME[k].owner]
        if len(set(homes)) >= 2:
            for d in homes:
                if d not in domains:
                    domains.append(d)
                    why[d] = "a thing the question names"
    if "optimization" in domains and "cost" not in domains and _WHAT_IF_SPEND.search(masked):
        # "what would we save if we turned the dev workspace off?": the estimate is read off that thing's spend
        domains.append("cost")
        why["cost"] = "a what-if on spend"
    hits = cue_sets[0][1]
    reason = "; ".join(f"{d} {whole[d]:.2f} ({why[d]}" + (f", cues: {', '.join(hits[d][:3])})" if d in hits else ")")
                       for d in domains)
    return RoutePlan(domains=domains, scores=_rounded(whole), reason=reason)


#: A user's words quoted in the question ("usr says 'hourly data is LATE again!!!' .. how many SLA misses this week").
_QUOTED_REPORT = re.compile(r"\b(?:says?|said|writes?|wrote|reports?|reported|complain(?:s|ed|ing)?|verbatim|"
                            r"screams?|yells?)\b[^'\"‘“]{0,25}(?:'|\"|‘|“)(?P<said>[^'\"’”]{6,240}?)(?:'|\"|’|”)", re.IGNORECASE)
#: Words before a quote that make it the ask itself ("the auditor's request, verbatim: '...'").
_ASKED_IN_QUOTE = re.compile(r"\b(?:request\w*|asks?|asked|asking|question\w*|wants?|needs?)\b", re.IGNORECASE)
#: "... can you check both?": every quote is asked about.
_EACH_QUOTE = re.compile(r"\b(?:both|each|all of (?:them|these|those)|either|all three|the two)\b", re.IGNORECASE)
_ITEM = r"(?:the\s+)?[\w-]+(?:\s+[\w-]+)?"
_AREA_LIST_AT_END = re.compile(rf"\b(?:across|covering|spanning|for|in|on|about)\s+({_ITEM}(?:\s*,\s*{_ITEM})*\s*,?\s+"
                               rf"(?:and|&|\+|or)\s+{_ITEM})\s*[.?!]*\s*$", re.IGNORECASE)


def _areas_listed_at_end(text: str) -> list[str]:
    """The areas a closing list names by their words ("... across cost, reliability and security"), when it names
    two or more and nothing else."""
    m = _AREA_LIST_AT_END.search(text or "")
    if m is None:
        return []
    items = [i.strip() for i in re.split(r"\s*,\s*|\s+(?:and|&|\+|or)\s+", m[1]) if i.strip()]
    areas = [area_item(i) for i in items]
    return list(dict.fromkeys(areas)) if len(items) >= 2 and all(areas) else []


#: What a run of area words asks for ("a reliability + performance scorecard", "full health rundown: cost perf sec").
_REPORT_NOUN = re.compile(r"^(?:score ?cards?|reports?|summar(?:y|ies)|overviews?|rundowns?|reviews?|snapshots?|status|"
                          r"updates?|check-?ups?|health ?checks?|pictures?|kpis?|numbers|metrics|dashboards?|briefs?|"
                          r"briefings?|digests?|recaps?|the works)$", re.IGNORECASE)
_JOINER = frozenset({"+", "&", "/", "and", "or"})


def _areas_run(text: str) -> list[str]:
    """The areas a run of their words names together ("reliability + performance scorecard", "cost perf sec the
    works"): two or more beside a report's word, or three or more on their own; each is asked."""
    words = [(m[0], m.start(), m.end()) for m in re.finditer(r"[A-Za-z$][\w$-]*|[+&/]", text or "")]
    runs: list[tuple[list[str], int, int]] = []
    i, areas, first = 0, [], 0
    while i <= len(words):
        joined = i < len(words) and (not areas or not text[words[i - 1][2]:words[i][1]].strip(" ,"))
        two = area_item(f"{words[i][0]} {words[i + 1][0]}") if joined and i + 1 < len(words) else None
        one = area_item(words[i][0]) if joined else None
        if joined and (two or one):
            first = first if areas else i
            areas.append(two or one)
            i += 2 if two else 1
        elif joined and areas and words[i][0].lower() in _JOINER:
            i += 1
        elif areas:
            runs.append((areas, first, i))
            areas = []  # (the word that ended the run may start the next one)
        else:
            i += 1
    for found, start, end in runs:
        near = [w for w, *_ in words[max(0, start - 2):start] + words[end:end + 2]]
        tail = " ".join(w for w, *_ in words[end:end + 2])
        if len(set(found)) >= 3 or len(set(found)) >= 2 and (any(_REPORT_NOUN.match(w) for w in near)
                                                              or _REPORT_NOUN.match(tail)):
            return list(dict.fromkeys(found))
    return []


_RUN_OUTCOME = re.compile(r"\b(?:fail(?:ing|ed|s)?|crash\w*|succeed\w*|erroring)\b", re.IGNORECASE)
_MONEY = re.compile(r"\b(?:money|spend\w*|costs?|bill|dollars?|budget)\b|\$", re.IGNORECASE)
_BOTH_MAY = re.compile(r"\b(?:can|could|may|allowed to|permitted to|able to|rights? to|permission to) both\b", re.IGNORECASE)
#: A what-if that changes something's spend ("what would we save if we shut X down?").
_WHAT_IF_SPEND = re.compile(r"\bwhat would (?:we|it|that|this|they) (?:\w+ )?save\b.{0,60}\bif\b|\bif (?:we|i|they) (?:just |only "
                            r"|simply )?(?:turn\w*|shut\w*|switch\w*|stopp?\w*|halv\w*|kill\w*|delet\w*|drop\w*|decommission\w*)\b"
                            r".{0,60}\bwhat would (?:we|it|that|this|they) (?:\w+ )?save\b", re.IGNORECASE)

#: An ask that leans on the rule said before it ("any violations of it?", "did anyone breach that policy?").
_LEANS_ON_RULE = re.compile(r"\b(?:violat\w*|breach\w*|broke|break\w*|against|under|compl\w* with|exceptions? to|in line with) "
                            r"(?:of )?(?:it|that|this|them|the (?:policy|rule|control|requirement|standard)|that (?:policy|rule|"
                            r"control|requirement|standard))\b", re.IGNORECASE)

#: Words of the dbt/Airflow world, where a "model" is a table ...
_DBT_WORLD = re.compile(r"\bdbt\b|\bdags?\b|\bairflow\b|\bschema\.yml\b|\bsources\.yml\b|"
                        # "did any tests fail on the silver model?": a medallion layer's model is a table
                        r"\b(?:silver|gold|bronze|staging|stg|marts?|raw|intermediate|int) models?\b", re.IGNORECASE)
#: "the upstream lineage for orders_gold - what sources feed that model?": the model pointed back at is the table named.
_THAT_MODEL = re.compile(r"\b(?:that|this|the same|said) model\b", re.IGNORECASE)
#: ... unless the question says it means a machine-learning one.
_ML_WORDS = re.compile(r"\b(?:ml|machine learning|registered|serving|served|endpoints?|inference|predict\w*|retrain\w*|mlflow|"
                       r"training|trained|features?|accuracy|f1|auc)\b", re.IGNORECASE)

#: A sentence asking for something without a question mark ("I'd like inference latency per model").
_REQUEST = re.compile(r"^\W*(?:i'?d like|i would like|i want|i need|we need|we'?d like|show me|give me|list|tell me|"
                      r"can you|could you|please)\b", re.IGNORECASE)

#: Sign-in attempts said in the question: a bare "failures" or "succeed" in another clause is their outcome.
_SIGN_INS = re.compile(r"\b(?:40[13]s?|(?:failed |bad )?log ?ins?|logons?|sign[- ]?ins?|auth\w*|credentials?|passwords?|"
                       r"brute[- ]?forc\w*|mfa|lockouts?|locked out|(?:trying|tried|attempt\w*) to (?:get|break|log|sign) ?in(?:to)?)\b",
                       re.IGNORECASE)
_BARE_OUTCOME = re.compile(r"fail\w*|errors?|succe\w*|worked|got through", re.IGNORECASE)

#: An ask for the whole story of the things it names ("give me everything that happened to nightly_etl,
#: etl-warehouse and orders_gold"), and the kinds whose own area tells it.
_WHOLE_STORY = re.compile(r"\beverything (?:that )?(?:happened|went on|is going on|went wrong)\b|\btimeline\b|"
                          r"\bfull (?:story|picture)\b|\bwhat(?:'s| has| is)? (?:happened|going on) (?:to|with)\b",
                          re.IGNORECASE)
_STORY_KINDS = frozenset({"job", "table", "warehouse", "cluster", "pipeline", "endpoint", "model"})

#: A list of asks: at least this many clauses of at most this many words each ("jobs that died, weird spend,
#: security stuff, stale tables"), each of which names its area: every one is asked, beyond MAX_DOMAINS.
_LIST_ITEMS, _LIST_ITEM_WORDS = 4, 4

_POSSESSIVES = frozenset("our my your their his her its".split())


def _areas_before_colon(text: str) -> list[str]:
    """The areas a head before a colon names by their words alone ("security + data quality:"), two or more."""
    m = re.match(r"^\W*([^:?\n]{3,80}):\s*(?=\S)", text)
    pieces = [p for p in re.split(r"\s*(?:\+|&|,|/|\band\b)\s*", m[1]) if p.strip()] if m else []
    areas = [area_item(p) for p in pieces]
    return list(dict.fromkeys(areas)) if len(pieces) >= 2 and all(areas) else []


def _listed_areas(clauses: list[str], head: str = "") -> set[str]:
    """Areas a list of asks names by their word alone ("cost, security, reliability and data quality"), also after
    a short head each clause carries ("morning brief pls: $ spikes, failed jobs, sec")."""
    pieces = [p for c in clauses for p in re.split(r"\band\b", c[len(head):] if head else c)]
    return {d for piece in pieces if (d := area_item(piece.strip()))}


def _carried_head(clauses: list[str]) -> str:
    """The short head every clause starts with when :func:`split_clauses` carried it ("" when none)."""
    if len(clauses) < 2:
        return ""
    first = clauses[0].split()
    for n in range(min(3, len(first) - 1), 0, -1):
        head = " ".join(first[:n])
        if all(w.lower().strip("?,.!") in _FILLER for w in first[:n]):
            continue  # "is the AI healthy, and is the data fresh": two asks that start alike, no head carried
        if all(c.lower().startswith(head.lower() + " ") for c in clauses):
            return head
    return ""


def _is_subject_head(clause: str) -> bool:
    """A leading clause made only of a thing's kind ("the job", "that warehouse"): what the rest is about."""
    # ("the daily_report thing - if we repoint it ...": a vague word after the name is no topic either)
    words = [w for w in re.findall(r"[a-z]+", clause.lower()) if w not in _FILLER and w not in _POSSESSIVES
             and w not in _VAGUE_HEADS]
    return 0 < len(words) <= 3 and all(w in WORD_KINDS for w in words)


def _only_identities(clause: str) -> bool:
    """A clause that is only a kind of principal ("... owned by a user rather than a group or service principal": "service
    principal" is the list's last item), no ask of its own."""
    words = [w for w in re.findall(r"[a-z]+", clause.lower()) if w not in _FILLER and w not in _POSSESSIVES]
    return 0 < len(words) <= 3 and all(WORD_KINDS.get(w) in ("user", "group") or w in ("service", "principal", "principals")
                                       for w in words)


_VAGUE_HEADS = frozenset({"thing", "things", "stuff", "thingy", "business", "one"})


#: ...the same, cut from the question before it is scored as a whole.
_DESCRIBING_CLAUSE = re.compile(r"[,;]\s*(?:one of (?:ours|our own|them|those|these)|the one (?:that|which|who))\b[^.,;?!]*|"
                                # "... this month? the churn model training lives there": what the place holds
                                r"(?<=[.?!,;])\s*[^.?!,;]{0,60}\b(?:lives?|is hosted|are hosted|is based) "
                                r"(?:there|in there|in it|on it)\b[^.?!,;]*|"
                                # "... up to date? we retrain off it every morning": why it matters to the asker
                                r"(?<=[.?!,;])\s*(?:we|i|they|(?:our|my|the team'?s|their|the)(?:\s+\w+){1,3}?)\s+(?:\w+\s+)?(?:retrain|train|"
                                r"build|run|refresh|read|pull|depend|rely|report|feed)\w*\s+(?:off|from|on|of)\s+(?:it|that|this|them)\b"
                                r"[^.?!,;]*|"
                                # "... healthy? The new team will depend on its output": someone's plan for it, why the asker
                                # asks, not another ask ("new team wants to hang a downstream job off it")
                                r"(?<=[.?!,;])\s*(?:the |a |our |my )?(?:new |other )?(?:team|teams|they|we|people|folks|users|"
                                r"customers?|analysts?|engineers?|someone|somebody)\s+(?:\w+\s+)?(?:will|wants? to|plans? to|are going to|"
                                r"is going to|would like to|intends? to|needs? to|(?:is|are) about to)\s+(?:\w+\s+)?(?:depend|rely|build|"
                                r"hang|hook|sit|run|start|put|base)\w*\b[^.?!]*|"
                                # "..., if it's stale my forecast is garbage": what it would cost the asker
                                r"(?<=[.?!,;])\s*if (?:it|that|this|they)(?:'s| is| are|'re| was) \w+,? (?:then )?(?:my|our|the|their) "
                                r"(?:\w+ ){0,2}(?:is|are|will be|would be|goes|becomes) (?:\w+ )?(?:garbage|useless|wrong|off|broken|"
                                r"worthless|junk|toast|meaningless)\b[^.?!,;]*|"
                                # "... in ml-workspace? by job is fine": how to break the answer down, not another ask
                                r"(?<=[.?!,;])\s*(?:by|per|split by|broken down by|grouped by)\s+\w+(?:\s+\w+)?\s+(?:is|would be|"
                                r"works|'s)\s+(?:fine|ok|okay|good|great|enough|perfect)\b[^.?!,;]*", re.IGNORECASE)
#: "any weird logins yesterday? failed ones especially": which of what the question just named, no ask of its own.
_THE_ONES = re.compile(r"^\W*(?:and\s+|but\s+)?(?:the\s+)?(?:\w+\s+)?ones?\b(?:\s+(?:especially|only|too|first|mostly|in "
                       r"particular|please|pls))?\W*$", re.IGNORECASE)
#: A clause saying what a thing is for ("daily_report feeds my team's dashboard - ..."): which one, not an ask.
_FEEDS_WHAT = re.compile(rf"^\W*(?:the\s+)?(?:{KIND_WORD_ALTERNATION})\s+(?:feeds|powers|drives|backs|serves)\s+(?:my|our|the|"
                         r"their|his|her)\s+(?:\w+'?s?\s+)?(?:dashboards?|reports?|app|team|exec|board)\b", re.IGNORECASE)
#: A later clause that only says which one ("..., one of ours runs the training jobs"): no ask of its own.
_DESCRIBES = re.compile(r"^\W*(?:one of (?:ours|ours that|our own|them|those|these)|the one (?:that|which|who))\b", re.IGNORECASE)
#: What a later clause may call a thing the rest names ("plus the daily_report move", "and the etl change").
_MOVE_NOUNS = frozenset("move migration switch change fix one thing stuff plus too also".split())


def _is_named_move(clause: str) -> bool:
    """A later clause made of a thing's kind and a word for what to do with it ("plus the job move"): part of the
    ask the rest of the question makes, not an ask of its own."""
    words = [w for w in re.findall(r"[a-z]+", clause.lower()) if w not in _FILLER and w not in _POSSESSIVES]
    return any(w in WORD_KINDS for w in words) and all(w in WORD_KINDS or w in _MOVE_NOUNS for w in words) \
        and any(w in _MOVE_NOUNS - {"plus", "too", "also"} for w in words)


#: States a bare pronoun can be in ("is it broken?", "is it even working"): no topic of their own.
_STATES = frozenset("""broken working ok okay fine down up dead alive healthy running wrong right normal real even
still actually really just reliable accurate trustworthy trusted stable steady flat constant slow slower sluggish laggy fast
faster""".split())
#: "... the quality checks we run, and which ones failed recently": an outcome of what the rest names.
_OUTCOMES = frozenset("fail fails failed failing pass passed passing succeeded recently lately".split())
#: "is any of them slow", "are all of them ok": how many of what the rest names, no topic of their own.
_QUANTIFIERS = frozenset("any all some none either neither one both each".split())
#: Verbs of becoming that open a clause with no subject of its own ("any model drifting or getting slow?").
_BECOMING = frozenset("getting becoming gotten got gone going looking".split())
#: "..., or has something changed in it?": whether the thing the rest names changed.
_CHANGED_IN_IT = re.compile(r"^\W*or\s+(?:has|did|have|is)\s+(?:something|anything)\s+(?:\w+\s+)?(?:changed?|different)\s+"
                            r"(?:in|with|about|on|to)\s+(?:it|them|that|this|those|these)\W*$", re.IGNORECASE)


def _not_an_ask(i: int, clause: str, *, in_list: bool) -> bool:
    """Is the ``i``-th clause no ask of its own? "The daily report job - is it on the pricey machines?": the head names
    the thing, not the ask (unless it is an item of a list: "status pls: jobs, sec, dq", "jobs + $$ + security");
    "..., the ones that failed", "... and its duration": what the rest of the question names, or a field of it."""
    if i == 0:
        return bool(_is_subject_head(clause) and not in_list or _FEEDS_WHAT.match(clause))
    return bool(_is_named_move(clause) or _DESCRIBES.match(clause) or _THE_ONES.match(clause) or _FEEDS_WHAT.match(clause)
                or _ITS_FIELD.match(clause) or _only_identities(clause))


#: "... describe each outage event and its duration": a field of what the clause before lists, not an ask of its own.
_ITS_FIELD = re.compile(r"^\W*(?:and\s+|with\s+)?(?:(?:its|their|the)\s+(?:\w+\s+)?)?(?:duration|length|start(?:\s+time)?|"
                        r"end(?:\s+time)?|cause|owner|time|timestamp|date|size|count|total|impact)s?\W*$", re.IGNORECASE)


_WANT_TO_KNOW_WHAT = re.compile(r"^\W*(?:(?:i|we) )?(?:want|wanna|need|would like|'d like) (?:to )?(?:know|see|find out) "
                                r"(?:what(?:'?s| is| has| have)|which (?:ones? )?(?:are|is|have|has))\s+", re.IGNORECASE)


def _is_bare_state(clause: str) -> bool:
    """A clause asking only whether "it" is in some state: about the thing the rest of the question names."""
    # "which models haven't been retrained in a while? want to know what's gone stale": the ask said again as a purpose
    clause, restated = _WANT_TO_KNOW_WHAT.subn("", clause)
    words = [w for w in re.findall(r"[a-z]+", clause.lower()) if w not in _FILLER and w not in _QUANTIFIERS]
    if restated and len(words) == 2 and words[0] in _BECOMING:
        return True  # "... gone stale", "... got slow": a state of the things the ask before names
    if len(words) >= 2 and words[0] in _BECOMING and all(w in _STATES for w in words[1:]):
        return True  # "... or getting slow?": the state of what the clause before named
    if _CHANGED_IN_IT.match(clause):
        return True  # "can I still trust the tool that flags costs, or has something changed in it?": that tool's state
    # "which ones failed recently", "are they still reliable"
    words = [w for w in words if w not in ("which", "what", "any", "ones", "ours", "they")]
    if 0 < len(words) <= 2 and all(w in _STATES for w in words) and clause.strip(" ?!.").lower() == " ".join(words):
        return True  # "is it fast or slow?": the second state word alone, of the same thing
    return bool(words) and all(w in _STATES or w in _OUTCOMES for w in words) and bool(
        re.search(r"\b(?:it|they|them|those|these|that|this|ones|ours)\b", clause, re.IGNORECASE))


def _rounded(scores: dict[str, float]) -> dict[str, float]:
    return {d: round(s, 3) for d, s in scores.items()}
