"""Follow-up turns: does this question lean on the previous one, and what does it change?

:func:`detect_followup` reads cues only (no context needed): an opening "and ..."/"what about ...", a
reference ("that job", "those runs", "it", "the jump"), or a question too short to stand alone.
:func:`merge_context` then combines the parsed question with the stored :class:`TurnContext`:
what the follow-up specifies wins (a new time window replaces the whole old window); what it leaves
out (domains, other parameters, the entities it points back at) is carried over.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from health_monitor.graph.kinds import BY_NAME, KIND_NAMES, KIND_WORD_ALTERNATION, WORD_KINDS
from health_monitor.graph.nlp.comparison import against_average, period_before
from health_monitor.graph.nlp.models import TIME_KEYS, ParsedQuestion, TurnContext
from health_monitor.graph.nlp.router import route
from health_monitor.graph.nlp.vocabulary import (
    FIGURATIVE,
    IT_BROKE,
    NUMBERED_ITEM,
    PRECISE_CUE,
    cue_peaks,
    cue_scores,
    without_requester,
)
from health_monitor.graph.understanding import Entity, TurnRef, Understanding, Window

from health_monitor.core.phrases import PER_YEAR_WORDS

_OPENERS = re.compile(r"^\s*(?:and|also|plus|but|ok(?:ay)?|so|then|what about|how about|same (?:for|but)|"
                      r"now|go back to|back to|compare (?:that|it|this)|and what about|what else)\b", re.IGNORECASE)
#: Reference word -> the entity kind it points at ("any": whatever the last turn named).
#: The kind words come from the one table of kinds (graph/kinds.py); a run is a job's, "one" is anything.
_REFERENCES: dict[str, str] = {**WORD_KINDS, "run": "job", "runs": "job", "one": "any", "ones": "any"}
_REF = re.compile(r"\b(?:that|those|these|this|the same|same)\s+(?:[a-z]+\s+){0,2}?("
                  + "|".join(sorted(map(re.escape, _REFERENCES), key=len, reverse=True)) + r")\b", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:it|its|them|they|those)\b|\bthat\s*\?*$|"
                      # "did that knock anything over downstream?": the last answer's event, doing something
                      r"\b(?:did|does|will|would|could|can|has|had|might|may)\s+(?:that|this)\b|"
                      # "which jobs dragged that down": the last answer's figure, moved
                      r"\b(?:dragg|pull|push|brought|bring|drove|drive|knock)\w* (?:that|this) (?:down|up)\b|"
                      # "extrapolate both to the end of next quarter": the two things the last answer gave
                      r"\bboth\b(?!\s+(?:directions|ways|sides|of (?:us|you))\b)", re.IGNORECASE)
#: "does it land", "will they finish": the last answer's subject doing something (not "is it possible to ...").
_SUBJECT_IT = re.compile(r"\b(?:does|did|will|would|is|was|has|can|could|should)\s+(?:it|they)\b(?!\s+(?:possible|true|"
                         r"normal|ok|okay|safe|worth|better|best|common|usual|recommended|advisable|a good idea)\b)",
                         re.IGNORECASE)
#: A question opening that asks for more of something already on the table ("how many", "when", "is this the only").
_ASKS_MORE = re.compile(r"^\W*(?:(?:and|but|so|ok(?:ay)?|also)\W+)?(?:how (?:many|much|long|often|bad|big)|when|what time|"
                        r"which|who|where|is (?:this|that|it|there)|was (?:this|that|it|there)|were (?:they|there|those)|"
                        r"are (?:they|there|those)|any(?:one|body|thing)?\b|did (?:they|he|she|it|anyone|someone)|"
                        r"list|show|count|total)\b", re.IGNORECASE)
#: Nouns that point back at the last answer's finding ("that outlier", "the jump"): references, not topics.
_FINDING_NOUNS = ("jump spike increase drop dip change failure error outage incident alert event anomaly breach one "
                  "outlier surge peak bump number figure gap difference").split()
_ANAPHORIC = re.compile(r"\b(?:the|that|this)\s+(?:" + "|".join(_FINDING_NOUNS) + r")\b|\bwho (?:was|is) (?:that|it)\b|"
                        r"\bwhat else\b|\banything else\b|\binstead\b|\bas well\b|\btoo\b\s*\??$|"
                        # "besides the ML one, is anything else creeping up?": beyond what the last answer said
                        r"\b(?:besides|apart from|other than|aside from) (?:the|that|this|those|these) (?:\w+ )?(?:one|ones)\b|"
                        # "who else was logged in at the same time": the last answer's moment
                        r"\b(?:at|around|during|in) (?:the|that) same (?:time|window|period|hour|night|moment)\b|"
                        r"\bat that (?:time|point|moment|hour)\b|"
                        # "any of that PII?", "how many of those were after hours": a part of what the last answer listed
                        r"^\W*(?:(?:and|so|ok|okay|but)\W+)?(?:any|all|some|none|which|how many|how much|each|most) of "
                        r"(?:that|those|these|them|this|it)\b",
                        re.IGNORECASE)


#: "that token one", "the 401 one": "one" after words that are no kind and no place in a list (that last one, the
#: same one, that first one are the last answer's subject).
PICKED_ROW = re.compile(r"\b(?:that|this|those|these)\s+(?!(?:same|last|first|other|exact|very|specific|particular|"
                         r"previous|top|latest|second|third)\b)(?:[\w-]+\s+){1,2}?ones?", re.IGNORECASE)


@dataclass
class FollowUp:
    """Whether the turn is a follow-up, the cues seen, and the references by kind."""

    is_followup: bool = False
    cues: list[str] = field(default_factory=list)
    references: dict[str, str] = field(default_factory=dict)


#: A turn that only narrows ("only prod", "just the GPU ones, and only at night"), not "just checking, ...".
_NARROWS = re.compile(r"^\W*(?:(?:and|ok(?:ay)?|so|now)\W+)?(?:only|just)\b(?!\s+(?:checking|wondering|curious|asking|"
                      r"a (?:quick|question|thought)|to (?:check|confirm|be sure)|now|in case)\b)[^?]*\??\s*$", re.IGNORECASE)


def detect_followup(text: str, *, has_own_domain: bool = True, has_own_entities: bool = False,
                    no_topic: bool = False) -> FollowUp:
    """Cues that the turn depends on the previous one. ``has_own_domain``: the router found a domain in the
    text itself (an elliptical "and last week?" has none, which is itself a cue). ``no_topic``: the router found
    no domain and nothing off-topic either ("how far over would it end up if nothing changes?"): its "it", however
    long the question, is the last answer's subject."""
    t = (text or "")[:2000]
    out = FollowUp()
    if _OPENERS.search(t):
        out.cues.append(_OPENERS.search(t)[0].strip().lower())
    picked = False
    for m in _REF.finditer(t):
        if PICKED_ROW.fullmatch(m[0]):
            picked = True
            # "that token one": a row of the last answer, picked by its own words; the names the answer led with
            # are not its subject
            out.cues.append(f"picks a row: {m[0].lower()!r}")
            continue
        out.references[m[0].lower()] = _REFERENCES[m[1].lower()]
    if _ANAPHORIC.search(t):
        out.cues.append(_ANAPHORIC.search(t)[0].lower())
    words = re.findall(r"[a-zA-Z']+", t)
    pronoun = _PRONOUN.search(t)
    # "how quick does it answer? we're thinking of calling it on every page load": a short first sentence's "it"
    first = re.split(r"[?.!;]", t, maxsplit=1)[0]
    short = len(words) <= 12 or _PRONOUN.search(first) is not None and len(re.findall(r"[a-zA-Z']+", first)) <= 12
    if pronoun and not picked and not has_own_entities and (short or no_topic or _SUBJECT_IT.search(t)):
        # "that token one - does it expire?"; "how far over does it land by the 31st at the current run rate?": a
        # longer question whose subject is "it"
        out.references.setdefault(pronoun[0].lower(), "any")
    if _NARROWS.search(t) and len(words) <= 8:
        # "only bi-warehouse, and only at night": the last question, narrowed (its "at night" is no new topic)
        out.cues.append("narrows the last question")
    if not has_own_domain and 0 < len(words) <= 6:
        out.cues.append("short question with no topic of its own")
    elif not has_own_domain and len(words) <= 16 and _ASKS_MORE.search(t):
        # "how many, and what time of day?": a question word and no topic of its own asks about the last answer
        out.cues.append("question about the last answer, with no topic of its own")
    out.cues += [f"refers to {r!r}" for r in out.references]
    out.is_followup = bool(out.cues)
    return out


def merge_context(previous: TurnContext | None, current: ParsedQuestion) -> ParsedQuestion:
    """``current`` completed from ``previous``: a pure function (neither argument is changed).

    - not a follow-up, or no previous turn (or it was off-topic): ``current`` unchanged;
    - domains: the follow-up's own when it has any, else the previous turn's;
    - params: the previous ones, with the follow-up's on top; a new time window drops the old one whole;
    - entities: the follow-up's own, plus the previous kinds it refers to ("that job", "it") or does not
      name at all when it keeps the previous domains ("and last week?" keeps the workspace).
    """
    if not current.is_followup or previous is None or previous.off_topic:
        return current
    merged = current.model_copy(deep=True)
    carried: list[str] = []
    if not merged.domains and previous.domains:
        merged.domains = list(previous.domains)
        merged.off_topic = False
        carried.append("domains")
    kept_domains = "domains" in carried
    # "anyone else trending up?" after a question about yesterday: a trend needs more than the day the last turn read
    short_window = _days_in(previous.params) <= 2 and _TRENDING.search(current.english or current.text) is not None \
        or _RECENTLY.search(current.english or current.text) is not None \
        or NOW_STATE.search(current.english or current.text) is not None  # "recently", "is it crashing?": its own window
    params = {k: v for k, v in previous.params.items()
              if not (k in TIME_KEYS and (short_window or any(t in current.params for t in TIME_KEYS)))}
    carried += [f"params.{k}" for k in params if k not in current.params]
    merged.params = {**params, **current.params}
    wanted = set(current.references.values())
    # "any of them getting worse?": whichever of the last answer's rows, so no one name of it filters
    selecting = SELECTION.search(current.english or current.text) is not None
    for kind, names in previous.entities.items():
        if kind in merged.entities or selecting:
            continue
        if "any" in wanted or kind in wanted or kept_domains:
            merged.entities[kind] = list(names)
            carried.append(f"entities.{kind}")
    merged.carried = carried
    return merged


#: A period of the question's own, left to each tool's default look-back ("who was handed new access recently").
_RECENTLY = re.compile(r"\b(?:recently|lately|of late|these days|in recent (?:days|weeks))\b", re.IGNORECASE)

#: Words asking which way a figure moves over time.
_TRENDING = re.compile(r"\btrend\w*|\b(?:creeping|growing|climbing|rising|ramping|drifting) (?:up|higher)?|"
                       r"\bgoing (?:up|down)\b(?! (?:to|by)\b)", re.IGNORECASE)


def _days_in(params: dict[str, Any]) -> float:
    """How many days a turn's window spans (infinity when it sets none)."""
    start, end = params.get("start_date"), params.get("end_date")
    try:
        if start:
            first = date.fromisoformat(str(start)[:10])
            return Window.make(first, date.fromisoformat(str(end)[:10]) if end else first).span_days
    except ValueError:
        return float("inf")
    if params.get("days"):
        return float(params["days"])
    if params.get("hours"):
        return float(params["hours"]) / 24
    return float("inf")


# --- follow-ups as explicit transformations of the previous understanding ------------------------------

@dataclass
class Prior:
    """The previous turn as a follow-up sees it: its understanding and what its answer was about."""

    understanding: Understanding
    #: The answer's main subject, by kind (first name of the most severe finding).
    subject: dict[str, list[str]] = field(default_factory=dict)
    #: Every name the answer's findings mentioned, by kind (most relevant first).
    found: dict[str, list[str]] = field(default_factory=dict)
    index: int = -1
    #: Names earlier turns were about, newest first ("that table" two turns after the table was named).
    earlier: dict[str, list[str]] = field(default_factory=dict)
    #: The data's as-of day: a turn that named no period was answered over the trailing default window.
    as_of: date | None = None
    #: The specialist whose finding led the answer (its most severe one): what a bare "why?" asks about.
    lead: str = ""
    #: The turn before the last one, when there is one (what a side move such as "what's downstream?" left).
    before: Understanding | None = None
    #: The last answer's text: which names it said together, on one line.
    answer: str = ""
    #: Every earlier turn's question and answer, newest first: names the conversation showed but no finding kept.
    said: str = ""

    def named(self, kind: str) -> list[str]:
        """Names of ``kind`` the last turn was about (its answer's subject, the answer, the question), then
        what earlier turns were about."""
        out: list[str] = []
        for names in (self.subject.get(kind, []), self.found.get(kind, []), self.understanding.names(kind),
                      self.earlier.get(kind, [])):
            out += [n for n in names if n not in out]
        return out

    def referred(self, kind: str) -> list[str]:
        """:meth:`named`, with the one name of ``kind`` the last question gave first (after "...something about
        orders_raw??", "that table" is orders_raw even where the answer led with another table), then the names
        the answer's text shows: "that IP" is one the user saw, not one only behind a finding."""
        names, asked = self.named(kind), self.understanding.names(kind)
        shown = self.answer.lower()
        names = sorted(names, key=lambda n: bool(shown) and n.lower() not in shown)  # stable: the order stays
        return asked + [n for n in names if n != asked[0]] if len(asked) == 1 else names


Apply = Callable[[Understanding, Prior, "re.Match[str]", list[str]], "Understanding | None"]


@dataclass(frozen=True)
class Transform:
    """One follow-up move: when ``pattern`` matches, ``apply`` builds this turn's understanding from the
    previous one. ``apply`` may set ``refusal="clarify"`` with a question back instead of guessing, or return
    None when the move does not fit what the last answer was about (the next move is tried)."""

    name: str
    pattern: re.Pattern[str]
    apply: Apply


def _carry(cur: Understanding, prior: Prior, name: str, *, window: bool = True, entities: bool = True,
           domains: bool = True) -> Understanding:
    """``cur`` completed from the previous understanding (what ``cur`` names itself wins)."""
    prev = prior.understanding
    out = cur.model_copy(deep=True)
    if domains and not cur.domains:
        out.domains = list(prev.domains)
    if window and cur.window is None:
        out.window, out.comparison = prev.window, prev.comparison
    if entities:
        own = {e.kind for e in cur.entities}
        out.entities = list(cur.entities) + [e for e in prev.entities if e.kind not in own]
    out.params = {**prev.params, **cur.params}
    out.previous = TurnRef(index=prior.index, question=prev.question, transform=name)
    out.topic = prev.topic or prev.question
    return out


def _clarify(cur: Understanding, prior: Prior, name: str, text: str) -> Understanding:
    out = _carry(cur, prior, name)
    out.refusal, out.refusal_text = "clarify", text
    return out


_UNITS = {"day": 1, "week": 7, "fortnight": 14}
#: The trailing window a turn without a named period was answered over, by the unit a shift names.
_DEFAULT_DAYS = {"day": 1, "week": 7, "month": 30}
#: Moves that ask the last question again with something changed: the planner reads that question's words.
CONTINUING = frozenset({"reformat", "show_more", "shift_window", "new_window", "narrow", "when", "switch_filter", "attribute",
                        "compare_with", "per_year", "how_far"})
_COMPARED = re.compile(r"\b(?:compar\w*|vs\.?|versus|against|relative|than)\b", re.IGNORECASE)


#: Words between "the" and a kind that do not pick a name ("the same table", "the whole job").
_DEFINITE_FILLER = frozenset("same whole main other first last new old big".split())


def _definite(text: str, out: Understanding, prior: Prior) -> list[Entity]:
    """"was the job fine the day before?": the job the conversation was about, for each kind said with "the".
    Beside a name this turn resolved ("that group ... the table"), the one the last answer said with it."""
    own = {e.kind for e in out.entities}
    before = {(e.kind, e.name) for e in prior.understanding.entities}
    anchors = [e.name for e in out.entities if (e.kind, e.name) not in before]
    found = []
    for k in re.finditer(rf"\bthe\s+(?:(?P<word>[a-z][\w-]*)\s+)?(?P<kind>{_KIND_WORD})\b", text, re.IGNORECASE):
        kind = WORD_KINDS.get(k["kind"].lower(), k["kind"].lower())
        if kind in own or not (names := prior.named(kind)):
            continue
        word = (k["word"] or "").lower()
        # "the raw table": the conversation's one table with that word; a word no name has leaves the usual pick
        picked = [n for n in names if word in _words(n)] if word else []
        if word and not picked and word not in _DEFINITE_FILLER:
            continue
        name = picked[0] if len(picked) == 1 else _said_with(names, anchors, prior.answer)
        found.append(Entity(kind=kind, name=name, text=k[0]))
        own.add(kind)
    return found


def the_named(text: str, out: Understanding, prior: Prior) -> list[Entity]:
    """:func:`_definite` for a follow-up no move reads ("and what was the exact error of the job?")."""
    return _definite(text, out, prior)


#: "the table where the schema thing happened": a table picked by what the last answers said happened to it.
_TABLE_WHERE = re.compile(r"\bthe (?:table|one|dataset) (?:where|with|that (?:had|got|saw)|in which|behind) (?:the |a |that |this )?"
                          r"(?P<what>[\w -]{3,40}?) (?:happened|was|hit|broke|changed|came from|is|started)\b", re.IGNORECASE)
_VAGUE = frozenset("thing things stuff issue issues problem problems change changes error errors one".split())


def _where_it_happened(text: str, names: list[str], answer: str) -> list[str]:
    """``names`` with the one the answer names soonest after the described event's words first ("schema ...:
    `orders_raw`"); ``names`` as they are when the question describes none or no line says it."""
    m = _TABLE_WHERE.search(text)
    words = [w for w in re.findall(r"[a-z]{4,}", m["what"].lower()) if w not in _VAGUE] if m else []
    best: tuple[int, str] | None = None
    for line in answer.lower().splitlines() if words else []:
        for w in words:
            for hit in re.finditer(rf"\b{re.escape(w)}", line):
                after = [(i - hit.end(), n) for n in names if (i := line.find(n.lower(), hit.end())) >= 0]
                if after and (best is None or min(after)[0] < best[0]):
                    best = min(after)
    return [best[1]] + [n for n in names if n != best[1]] if best else names


def _said_with(names: list[str], anchors: list[str], answer: str) -> str:
    """The first of ``names`` that a line of ``answer`` says together with one of ``anchors``, else the first."""
    for line in answer.splitlines() if anchors else []:
        low = line.lower()
        if any(re.search(rf"(?<![\w@.-]){re.escape(a.lower())}(?![\w@-])", low) for a in anchors):
            picked = [n for n in names if n.lower() in low]
            if picked:
                return picked[0]
    return names[0]


#: "same story the week before, or is this new?": the period is compared with the one before, not replaced by it.
_IS_IT_NEW = re.compile(r"\b(?:is|was) (?:this|that|it) (?:new|normal|usual|typical)\b|\b(?:the )?first time\b|"
                        r"\bsame (?:story|thing|pattern|picture|"
                        r"deal|shape|level)\b|\b(?:any|much) different\b|\bdifferent (?:from|than)\b|\bas usual\b",
                        re.IGNORECASE)


def _shift(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding:
    """"and the day/week/month before?": the previous window moved back by its unit."""
    prev = prior.understanding.window
    unit = (m.group("unit") or "").lower()
    unit = {"night": "day", "evening": "day"}.get(unit, unit)  # "did it die the night before too": a day back
    if prev is None and unit == "day" and prior.before is not None and prior.before.window is not None \
            and prior.before.window.span_days == 1:
        # "how stale is it now?" between "yesterday's run" and "was it fine the day before?": the day named last
        prev = prior.before.window
    if prev is None and prior.as_of is not None and unit in _DEFAULT_DAYS:
        # No period named last time: its tools read their trailing default (a week, a month) up to the as-of.
        n = _DEFAULT_DAYS[unit]
        # (a trailing day, "the last 24 hours", moves back to the calendar day before the as-of)
        prev = Window.day(prior.as_of, "today") if n == 1 else \
            Window.make(prior.as_of - timedelta(days=n), prior.as_of, f"last {n} days", days=n)
    if prev is None:
        return _clarify(cur, prior, "shift_window", "The last answer was not about a specific period; which day, "
                        "week or month do you mean?")
    out = _carry(cur, prior, "shift_window", window=False)
    out.entities += _definite(m.string, out, prior)
    if _COMPARED.search(m.string[:m.start()]) or _IS_IT_NEW.search(m.string):
        # "compared with the week before?": keep the period and compare it with the one before.
        out.window, out.comparison, out.intent = prev, period_before(prev, unit), "compare"
        return out
    if unit == "month":
        out.window = prev.shifted(months=-1)
    elif unit == "year":
        out.window = Window.make(prev.start.replace(year=prev.start.year - 1),
                                 prev.end.replace(year=prev.end.year - 1), f"a year before {prev.label}")
    elif (m.group("unit") or "").lower() == "night" and prev.span_days == 1 \
            and re.search(r"\b(?:evening|tonight|\d{1,2}\s*pm)\b", " ".join(
                [prior.understanding.question, prior.understanding.topic or "", prev.words or ""]), re.IGNORECASE):
        # "anyone active after hours the night before?" after yesterday evening's logins: the night before that
        # evening spans the evening before and that day's small hours (a nightly job's "night before" is its
        # run of the day before)
        out.window = Window.make(prev.start - timedelta(days=1), prev.start, "the night before")
    elif (m.group("unit") or "").lower() in ("night", "evening") and prev.span_days == 2 \
            and re.search(r"\b(?:night|overnight|evening)\b", f"{prev.words or ''} {prev.label or ''}", re.IGNORECASE):
        # "and the night before?" after last night's events: the night a day earlier, not two calendar days back
        out.window = prev.shifted(-1, name=f"the {m.group('unit').lower()} before")
    else:
        trailing = prev.days or prev.span_days
        step = 1 if unit == "day" and prev.span_days == 1 else max(_UNITS.get(unit, 1), trailing)
        name = f"the {unit or 'period'} before"
        out.window = prev.shifted(-step, name=name)
    return out


def _compare_with(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding:
    """"and compared to October?": the last period stays the current one; the period named after the comparison
    word is read as the comparison window by graph.nlp.comparison (so it is left unset here)."""
    out = _carry(cur, prior, "compare_with", window=False)
    clause = m.string[m.end("word"):].lower()
    own = cur.window is not None and cur.window.words and cur.window.words.lower() not in clause
    out.window = cur.window if own else prior.understanding.window
    out.comparison, out.intent = None, "compare"
    if against_average(m.string):
        out.intent = "lookup"  # "vs the 7d avg?": the anomaly figures against the average, no second period
    bare = re.sub(r"\bper \w+", " ", clause)  # ("..., per run": the unit of the figure, no topic)
    for e in cur.entities:
        bare = re.sub(re.escape(e.name.lower().rsplit(".", 1)[-1]), " ", bare)
    if cur.entities and not names_a_topic(bare):
        # "compare that w/ hourly_ingest, per run" after ml_training's cost per run: the same figure for both names,
        # in the last answer's area (the name's own kind chose no topic)
        out.domains = list(prior.understanding.domains) or out.domains
        kinds = {e.kind for e in cur.entities}
        out.entities += [e for e in prior.understanding.entities if e.kind in kinds
                         and (e.kind, e.name) not in {(x.kind, x.name) for x in out.entities}]
    return out


def _new_window(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding:
    """"and last month?", "same for October": the previous question over the window this one names; "how many times
    this week?" counts the event the last answer led with, in its area alone."""
    out = _carry(cur, prior, "new_window", window=False)
    if not cur.domains and _COUNTS.search(cur.question) and prior.lead in out.domains and len(out.domains) > 1:
        out.domains = [prior.lead]
    return out


#: A count of what the last answer led with ("how many times this week?", "how often last month?").
_COUNTS = re.compile(r"^\W*(?:(?:and|ok(?:ay)?|so)\W+)?(?:how (?:many times|many|often)|how frequently)\b", re.IGNORECASE)


def _switch_filter(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding:
    """"only production", "what about ml-workspace": the previous question for another name."""
    return _carry(cur, prior, "switch_filter")


#: A person described by the question itself, or a new thread: "who was that" is not the last answer's actor.
_DESCRIBED_PERSON = re.compile(r"\bthe (?:guy|person|user|account|woman|man|lady|dude|folks?|people|one|someone) "
                               r"(?:who|that|which|from|at|online|logged|on|working|active|awake)\b|\b(?:separate|new|different|unrelated|"
                               r"other) (?:thread|topic|question|subject)\b|\bswitching (?:gears|topics?)\b",
                               re.IGNORECASE)


#: Something done to a named thing, said before "who did it".
_DONE_TO = re.compile(r"\b(?:added|granted|given|created|changed|dropped|deleted|removed|altered|modified|revoked|issued|"
                      r"enabled|disabled|renamed|set up|put in|handed out|made public|shared)\b", re.IGNORECASE)


#: Verbs of granting: after a look at grants, "who <verb> that" asks for the grantor.
_GRANTING = re.compile(r"\b(?:granted|gave|approved|signed off|okayed|authori[sz]ed|allowed|handed|issued|added)\b",
                       re.IGNORECASE)


#: "who did that?" with no verb of its own: the doer of what the last answer opened with.
_BARE_WHO = re.compile(r"^\W*(?:(?:and|so|ok(?:ay)?|but)\W+)?(?:who|whom)(?:'?s| was| is)? (?:did|made|done|caused|was behind|"
                       r"is behind|behind|did it|responsible for) ?(?:that|this|it|them)?\W*$", re.IGNORECASE)
#: Who made a grant, as an answer says it: "(granted by ann@x.com)", "ann@x.com ran updatePermissions on ...".
_GRANTED_BY = re.compile(r"\bgranted by (?P<by>[\w.+-]+@[\w.-]+\w)|(?P<ran>[\w.+-]+@[\w.-]+\w) ran (?:update|grant|add|set)\w*"
                         r"(?:permission|grant|privilege|acl)\w*", re.IGNORECASE)


#: "who created it?" after a token: whoever ran the creating action the answer shows ("automation-sp ran
#: generateDbToken"), a service principal too.
_CREATING = re.compile(r"\b(?:created|made|minted|generated|issued)\b", re.IGNORECASE)
_CREATED_BY = re.compile(r"(?P<ran>[\w.+@-]+)(?: \([^)]*\))? ran (?:generate|create|mint|issue)\w*|"
                         # "TOKEN_CREATED x 1 (high), the latest by automation-sp": a security event's line
                         r"\b\w*(?:TOKEN|CREDENTIAL|KEY)_?CREATED\b[^.\n]{0,40}?\bby (?P<by>[\w.+@-]+)", re.IGNORECASE)


#: "who ran it?": the runner of a query or a run, which their own history names.
_RAN_IT = re.compile(r"\bwho\s+(?:ran|run|runs|is running|executed|submitted|kicked off|fired off|launched|started)\b",
                     re.IGNORECASE)


def _actor(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding:
    """"who did that?": the principal behind the event the last answer was about."""
    if _DESCRIBED_PERSON.search(m.string):
        # "separate thread: the guy who was online at 3am, who was that?": the person the words describe, not the
        # last answer's actor
        out = _carry(cur, prior, "who_did_that", entities=False, window=cur.window is None)
        out.domains = cur.domains or ["security"]
        return out
    if m[0].lower() == "by whom" and cur.domains and max(cue_peaks(m.string).values()) >= PRECISE_CUE:
        # "was that access actually used, and by whom?": who did the new thing this question names
        return _carry(cur, prior, "who_did_that", entities=False)
    ips = prior.named("ip")
    if ips and re.search(r"\b(?:that|this|the same|those) (?:ip|ips|address|addresses|ip address)\b", m.string, re.IGNORECASE):
        # "who was behind that ip?": whoever used that address, not the last answer's first person
        out = _carry(cur, prior, "who_did_that", domains=False)
        out.entities = [e for e in out.entities if e.kind not in ("user", "ip")] + [Entity(kind="ip", name=ips[0])]
        out.domains = cur.domains or ["security"]
        return out
    if "governance" in prior.understanding.domains and _GRANTING.search(m[0]) and not cur.entities \
            and not any("@" in u for u in [*prior.subject.get("user", []), *prior.found.get("user", []),
                                            *prior.understanding.names("user")]):
        # "who signed off on that?" after a grant to a group: the audit trail's actor of that grant, not its
        # grantee (a person the last answer named is that actor)
        out = _carry(cur, prior, "who_did_that", domains=False)
        subject = _subject_entities(prior, out, skip=("user",))
        out.entities = [e for e in out.entities if e.kind != "user"] + subject
        out.domains, out.topic = ["security"], "who granted the access: permission changes in the audit trail"
        return out
    # a person acts; a group the last answer named (a grantee) does not: people first (a service principal asked for
    # by its kind, first among the names without an address)
    service = bool(re.search(r"\b(?:service principal|sp)\b", m[0], re.IGNORECASE))
    actors = sorted(prior.named("user"), key=lambda u: ("@" in u) if service else ("@" not in u))
    granter = _GRANTED_BY.search(prior.answer) if _GRANTING.search(m[0]) else \
        _CREATED_BY.search(prior.answer) if _CREATING.search(m[0]) else None
    if granter is None and _BARE_WHO.match(m.string):
        # "who did that?" after an answer opening with a grant ("contractors holds SELECT ... (granted by admin@)"):
        # whoever made the change the answer opened with
        opening = prior.answer.strip().split("\n", 1)[0]
        granter = _GRANTED_BY.search(opening) or _CREATED_BY.search(opening)
        if granter and "@" in (who := granter.groupdict().get("by") or granter["ran"] or "") and who not in actors:
            actors = [who, *actors]
    if granter and (who := granter.groupdict().get("by") or granter["ran"]).lower() in [a.lower() for a in actors]:
        # "who issued that one?" after a grant in the answer: whoever made that change, not the answer's lead person
        actors = [a for a in actors if a.lower() == who.lower()] + [a for a in actors if a.lower() != who.lower()]
    own = [e for e in cur.entities if e.kind not in ("user", "ip")]
    if own and _DONE_TO.search(m.string[:m.start()]):
        # "when was the contractors one added, and who did it?": who did that to the thing this question names,
        # not whoever the last answer listed
        out = _carry(cur, prior, "who_did_that", domains=False)
        out.entities = [e for e in out.entities if e.kind not in ("user", "ip") or e in cur.entities]
        out.domains = cur.domains or ["security"]
        return out
    if not actors and (cur.entities or cur.domains):
        # "when did the contractors grant show up, and who issued it?": the question names its own subject
        out = _carry(cur, prior, "who_did_that", domains=False)
        out.domains = cur.domains or ["security"]
        return out
    if not actors:
        return _clarify(cur, prior, "resolve_subject", "The last answer did not name anyone who did something; "
                        "which event, job or table do you mean?")
    out = _carry(cur, prior, "who_did_that", domains=False)
    out.entities = [e for e in out.entities if e.kind != "user"] + [Entity(kind="user", name=actors[0], text=m[0])]
    # the actor is in the audit trail; the last turn's other areas only come along in the parser's merged view
    own = [d for d in cur.domains if d not in prior.understanding.domains]
    # ("which account issued that grant?": whoever granted is in the audit trail, whatever "grant" suggests)
    out.domains = list(dict.fromkeys(["security", *own])) if "security" in cur.domains or not cur.domains \
        or _GRANTING.search(m[0]) else cur.domains
    if _RAN_IT.search(m[0]) and prior.understanding.domains[:1] == ["performance"]:
        # "who ran it" after the slowest query or a job's runs: its runner is in the query and run history
        out.domains = list(dict.fromkeys(["performance", *own]))
    return out


def _when(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding:
    """"when exactly?": the same question, read for its times (its specialists, whatever "start" suggests)."""
    out = _carry(cur, prior, "when")
    out.domains = list(prior.understanding.domains) or out.domains
    if not prior.understanding.entities and not cur.entities:
        # "which of our models are drifting?" then "since when": the one the answer found, not every model
        out.entities += [e for e in _subject_entities(prior, out) if e.kind in ("model", "job", "table", "endpoint",
                                                                                "warehouse", "cluster", "pipeline")]
    if _FAILURE_SAID.search(m.string) and (jobs := prior.named("job")) and "performance" not in out.domains:
        # "when did that failure occur?" after a stale table's writer: that job's runs say when it failed, first
        out.domains = ["performance", *out.domains][:3]
        if not cur.names("job"):
            out.entities = [e for e in out.entities if e.kind != "job"] + [Entity(kind="job", name=jobs[0])]
    out.intent = "lookup"
    return out


#: Kinds that are principals: an answer lists them all under one column (a grant's grantee, an event's actor).
_PRINCIPAL_KINDS = frozenset({"group"})
#: Areas whose figures are per principal ("what grants do they hold"): a person's question there stays there.
_READS_PRINCIPALS = frozenset({"governance"})
#: "was that same user the one who ran the slow query?": a person's queries and runs are the query and job history's.
_RAN_WORK = re.compile(r"\b(?:ran|run|runs|running|launched|started|kicked off|fired off|submitted|executed|triggered)\b"
                       r"[^.?!]{0,40}\b(?:quer(?:y|ies)|jobs?|notebooks?|runs?|scans?|statements?)\b|"
                       # "is that the same person behind the huge ~2TB query that ran today?"
                       r"\b(?:behind|responsible for|who (?:ran|launched|started|submitted))\s+(?:the|that|this|those|these)\s+"
                       r"(?:[\w~.%$-]+\s+){0,3}(?:quer(?:y|ies)|jobs?|notebooks?|scans?|statements?)\b", re.IGNORECASE)
#: A thing's state asked in general ("anything wrong with that table?"): its owner's checks answer it.
_STATE_ASK = re.compile(r"\b(?:anything|something|what(?:'s| is| was)?|is there anything|was there anything) (?:\w+ )?"
                        r"(?:wrong|off|broken|up|weird|odd|funny) with\b|\bany (?:issues?|problems?|trouble) with\b",
                        re.IGNORECASE)
#: What a principal did ("or done anything else unusual"): their activity, beside their grants.
_ACTIVITY = re.compile(r"\b(?:done|doing|been up to|activity|actions?|unusual|suspicious|odd|weird)\b", re.IGNORECASE)


#: Kinds whose failures and activity are their owner's matter whatever the question's words lean to.
IDENTITY_KINDS = frozenset({"ip", "user", "group"})


def groups_of(prior: Prior, known: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Principals the conversation named that are not a person's e-mail (groups, service principals); the
    account's ``known`` groups among them first, so "that group" is not a service principal the last answer
    happened to name."""
    names = [n for n in dict.fromkeys([*prior.named("user"), *prior.named("group")]) if "@" not in n]
    if not any(n in known for n in names):
        # "Is that group still able to read it?" two turns after a grant to contractors: a group the conversation
        # showed (in a grant's detail), the most recently said first
        text = f"{prior.answer}\n{prior.said}".lower()
        shown = [(m.start(), g) for g in known if (m := re.search(rf"(?<![\w@.-]){re.escape(g.lower())}(?![\w@-])", text))]
        names = [g for _, g in sorted(shown)] + names
    return sorted(names, key=lambda n: n not in known)


#: Words after "that <kind>" that go on to describe which one ("that IP with the failed logins").
_DESCRIBED_AFTER = re.compile(r"\s+(?:with|from|that|which|who|behind|doing|making|hitting|causing)\b", re.IGNORECASE)


def _words(text: str) -> set[str]:
    """The words of a question or of a name ("ml_training" -> {"ml", "training"}), to match one against the other."""
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def _that_thing(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding:
    """"that IP / table / grant / job": the one the last answer was about, else a question back."""
    kind = WORD_KINDS.get(m.group("kind").lower(), m.group("kind").lower())
    if any(e.kind == kind for e in cur.entities):
        return _carry(cur, prior, "resolve_subject")
    names = prior.named(kind)
    if not names and any(e.kind != kind for e in cur.entities):
        # "that grant to contractors": the question names what it means itself
        return _carry(cur, prior, "resolve_subject")
    if not names and kind in BY_NAME and not BY_NAME[kind].columns and kind not in _PRINCIPAL_KINDS \
            and (prior.subject or prior.found):
        # "what exactly did that grant hand out": a grant has no name; it is the one on the last answer's subject
        out = _carry(cur, prior, "resolve_subject")
        on = prior.subject.get("table") or prior.referred("table")
        if on and not any(e.kind == "table" for e in out.entities):
            out.entities = [*out.entities, Entity(kind="table", name=on[0], text=m[0])]
        return out
    groups = groups_of(prior, known) if kind in _PRINCIPAL_KINDS else []
    if not names and groups:
        # "that group" after a grant: the answer named its grantee as a principal (an e-mail is a person)
        kind, names = "user", groups
    if not names and kind == "job" and prior.referred("table") and not cur.entities \
            and not _words(m[0]) - {"that", "this", "the", "same", "job", "jobs", "workflow", "workflows"}:
        # "why did that job fail" after a stale table the answer named no job for: the job that writes that table
        return _writer(cur, prior, m, known)
    if not names:
        # "since that grant was made, has anyone in that group read it": the next reference may resolve
        later = next((x for x in _THAT_KIND.finditer(m.string, m.end())
                      if prior.named(WORD_KINDS.get(x.group("kind").lower(), ""))
                      or WORD_KINDS.get(x.group("kind").lower()) in _PRINCIPAL_KINDS and groups_of(prior)), None)
        if later is not None:
            return _that_thing(cur, prior, later, known)
        if (max(cue_peaks(m.string).values(), default=0.0) >= PRECISE_CUE or _DESCRIBED_AFTER.match(
                m.string, m.end()) and names_a_topic(m.string[m.end():])) and (prior.subject or prior.found):
            # ...nor when the words after the kind say which one ("that IP with the failed logins")
            # the question asks its own precise thing about what the conversation was on: no need to ask back
            return _carry(cur, prior, "resolve_subject")
        # "that training job" when no answer named one: the account's one name the words describe, if only one
        said = _words(m[0]) - {"that", "this", "those", "these", "the", "same", kind}
        fits = [n for n in known if said & _words(n)]
        if len(fits) == 1:
            names = fits
        else:
            # else ask back, the names the words describe first
            ranked = sorted(known, key=lambda n: -len(said & _words(n)))
            listed = f": {', '.join(ranked[:5])}?" if ranked else "?"
            return _clarify(cur, prior, "resolve_subject", f"Which {kind} do you mean{listed}")
    out = _carry(cur, prior, "resolve_subject")
    names = prior.referred(kind) if names == prior.named(kind) else names
    # "this training job": of the names the conversation gave, the one the words describe
    said = _words(m[0])
    name = max(names, key=lambda n: (len(said & _words(n)), -names.index(n)))
    out.entities = [e for e in out.entities if e.kind != kind] + [Entity(kind=kind, name=name, text=m[0])]
    owner = BY_NAME[kind].owner if kind in BY_NAME else None
    peaks = cue_peaks(m.string)
    if kind in IDENTITY_KINDS and owner and cur.domains and owner not in cur.domains \
            and not any(peaks[d] >= PRECISE_CUE for d in cur.domains):
        # "that IP - any failures?": a failure of an IP or an account is a failed login, whatever word says it;
        # "what grants does that person hold" stays with the grants ("...or done anything else unusual": both)
        kept = [d for d in cur.domains if d in _READS_PRINCIPALS or d == "performance" and _RAN_WORK.search(m.string)]
        out.domains = kept + [owner] if not kept or cue_scores(without_requester(m.string))[0].get(owner, 0) > 0 \
            or _ACTIVITY.search(m.string) else kept
    elif owner and owner not in out.domains and _STATE_ASK.search(m.string):
        # "was anything wrong with that raw table? the etl choked on it": the table's own health, beside the job
        out.domains = [*out.domains, owner][:3]
    return out


#: A job failing on something ("what table was it choking on?").
_FAILED_ON = re.compile(r"\b(?:chok|fail|break|broke|crash|error|die|died|blew|blow|fell|fall|trip)\w*\s+(?:up\s+|over\s+)?on\b",
                        re.IGNORECASE)
#: "why would a column just change type? which table was it?": the table of the schema change the failure met.
_TYPE_CHANGE = re.compile(r"\bcolumns? (?:\w+ ){0,3}(?:chang|flip|switch)\w* (?:its |their )?(?:data ?)?types?\b|"
                          r"\bschema (?:chang|drift|mismatch)\w*|\btype (?:chang|mismatch)\w*", re.IGNORECASE)
#: Compute a job runs on: "the cluster it runs on" is found through the job when no answer named it.
_COMPUTE_KINDS = frozenset({"cluster", "warehouse"})


#: "which tables did they read or write": the things a person acted on, a list of what they did.
_ACTED_ON = re.compile(r"\b(?:did|do|does|have|has|had)\s+(?:they|he|she|that (?:user|person|account|principal|guy))\s+"
                       r"(?:\w+\s+)?(?:read|write|wrote|written|touch|quer|access|use|used|modif|open|hit|select|pull|export|"
                       r"download|delet|drop|alter|chang|look)\w*", re.IGNORECASE)


#: Kinds of things whose usage is billed: the lines a spend splits into.
_SPENDING_KINDS = frozenset({"job", "warehouse", "cluster", "user", "endpoint", "workspace", "pipeline", "sku"})


def _attribute(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding:
    """"which warehouse was that on?": the <kind> the last answer's subject belongs to, in the same topic."""
    word = (m.group("kind") or m.group("kind2") or m.group("kind3") or m.group("kind4") or m.group("kind5")
            or m.group("kind6")).lower()
    kind = WORD_KINDS.get(word, word)
    if _ACTED_ON.search(m.string):
        return None  # "which tables did they read during that window": what the person did, not where "it" lives
    names = prior.named(kind)
    if (topical := _named_with_topic(prior, kind, m.string[:m.start()])) is not None:
        # "and those failed logins last night, what IP were they coming from?": the IP on the lines about the failed
        # logins the conversation showed, not the one of the last answer's subject (a token)
        names = topical + [n for n in names if n not in topical] if topical else []
    if kind == "table" and (_FAILED_ON.search(m.string) or _TYPE_CHANGE.search(m.string)) and (jobs := prior.named("job")):
        # "what table was it choking on?": the table the job's failure names (the schema change it met), which
        # only the failure's rows say; the tables the answer named are what the job writes and what reads them
        out = _carry(cur, prior, "attribute", domains=False)
        out.entities = [e for e in out.entities if e.kind not in ("table", "job")] + [Entity(kind="job", name=jobs[0])]
        out.domains, out.intent = ["quality", "performance"], "cause"  # (the failed runs quote the table too)
        return out
    if not names and kind in _COMPUTE_KINDS and (jobs := prior.named("job")):
        # no answer named the job's cluster yet: ask about the job, whose runs say which compute they used
        out = _carry(cur, prior, "attribute", domains=False)
        out.entities = [e for e in out.entities if e.kind not in ("job", "table")] + [Entity(kind="job", name=jobs[0])]
        asked = cue_scores(without_requester(m.string))[0]
        out.domains = [d for d in cur.domains if asked.get(d, 0) > 0] or ["performance"]
        return out
    if not names and kind == "ip" and (users := prior.named("user")):
        # "from what ip?" after a person's activity: the addresses in that person's audit events
        out = _carry(cur, prior, "attribute", domains=False)
        out.entities = [e for e in out.entities if e.kind not in ("user", "ip")] + [Entity(kind="user", name=users[0])]
        out.domains = ["security"]
        return out
    if not names and cur.domains and names_a_topic(m.string[:m.start()]):
        # "that huge query today that scanned 2TB, ... which warehouse was it on": the question says which thing itself
        out = _carry(cur, prior, "attribute", domains=False)
        out.domains = list(cur.domains)
        return out
    if not names and m.group("kind3") and "cost" in prior.understanding.domains and kind in _SPENDING_KINDS:
        # "which job burned it" after a workspace's spend: that spend read by job, in the same topic
        out = _carry(cur, prior, "attribute", domains=False)
        out.domains = ["cost"]
        return out
    if m.group("kind6") and prior.understanding.domains:
        # "gpu? is it the training job" after a budget: the same figure, read by that kind (the words name which one)
        out = _carry(cur, prior, "attribute", domains=False)
        out.domains = list(prior.understanding.domains)
        return out
    if not names and m.group("kind5") and prior.understanding.domains:
        # "which job do i go yell at" after a budget: the last topic again, read by that kind
        out = _carry(cur, prior, "attribute", domains=False)
        out.domains = list(prior.understanding.domains)
        return out
    if not names:
        return _clarify(cur, prior, "attribute", f"The last answer did not say which {kind}; do you mean one of "
                        f"{', '.join(known[:5])}?" if known else f"The last answer did not say which {kind}.")
    out = _carry(cur, prior, "attribute", domains=False)
    out.entities = [e for e in out.entities if e.kind != kind] + [Entity(kind=kind, name=names[0], text=m[0])]
    # "was the server it runs on struggling too?" asks its own thing of that server; "which warehouse was that
    # on?" only which one, in the same topic
    asked = cue_scores(without_requester(m.string))[0]
    out.domains = [d for d in cur.domains if asked.get(d, 0) >= STRONG_ASK] or list(prior.understanding.domains) \
        or list(cur.domains)
    out.intent = "lookup"
    out.topic = prior.understanding.topic or prior.understanding.question
    if topical:
        # the thing the question names by its topic is the subject: the people on its lines, its own topic, no
        # qualifier of the last one ("high severity")
        people = _named_with_topic(prior, "user", m.string[:m.start()]) or []
        out.entities = [e for e in out.entities if e.kind != "user" or e.name in people]
        out.params = {k: v for k, v in out.params.items() if k in TIME_KEYS}
        out.topic = m.string
    return out


_IP_SAID = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.])")


def _named_with_topic(prior: Prior, kind: str, before: str) -> list[str] | None:
    """Names of ``kind`` on the lines of the conversation's answers that say what ``before`` names by its topic words
    ("those failed logins"), or None when ``before`` points at no such lines (no topic word, or no line says it)."""
    if not re.search(r"\b(?:those|these|that|the)\b", before, re.IGNORECASE):
        return None
    hits = [h.lower() for phrases in cue_scores(before)[1].values() for h in phrases if len(h) > 3]
    lines = [ln for ln in f"{prior.answer}\n{prior.said}".lower().splitlines() if any(h in ln for h in hits)]
    if not lines:
        return None
    said = [n for n in prior.named(kind) if any(n.lower() in ln for ln in lines)]
    if kind == "ip":
        said += [ip for ln in lines for ip in _IP_SAID.findall(ln) if ip not in said]
    return list(dict.fromkeys(said))


def _subject_entities(prior: Prior, out: Understanding, skip: tuple[str, ...] = ()) -> list[Entity]:
    """The last answer's subject, one name per kind ``out`` does not name yet (kinds of the kinds table only)."""
    own = {e.kind for e in out.entities}
    return [Entity(kind=k, name=names[0]) for k, names in prior.subject.items()
            if names and k not in own and k in KIND_NAMES and k not in skip]


#: "what exactly went wrong with it?", "what happened to it": what broke, of the last answer's subject.
_WENT_WRONG = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|and|then)\W+)*what (?:exactly |actually |really |precisely )?(?:went wrong|"
                         r"broke|happened)(?: (?:with|to|in) (?:it|that|this|them|those))?"
                         # "what exactly broke, which table/column?": where in the data it broke, asked with it
                         r"(?:\W+(?:and\s+)?(?:which|what)\s+(?:tables?|columns?|fields?)(?:\s*(?:/|or|and)\s*(?:tables?|"
                         r"columns?|fields?))?)?"
                         # "what exactly went wrong? i dont really get the error": the error, explained
                         r"(?:\W+(?:i|we) (?:don'?t|do not|dont|can'?t|cannot) (?:really |quite |fully )?(?:get|understand|follow|"
                         r"parse|read) (?:the |that |this )?(?:error|message|log|stack ?trace)\b[^.?!]*)?\W*$", re.IGNORECASE)
#: An answer that found the failed run of a table's writer ("nightly_etl (writes main.sales.orders_gold) failed on").
_WRITER_FAILED = re.compile(r"\(writes [^)]+\) failed\b", re.IGNORECASE)
#: An answer opening with a job's failure ("nightly_etl (writes ...) failed on ..."): its subject is that job.
_LED_WITH_FAILURE = re.compile(r"\b(?:failed|failing|failures?)\b", re.IGNORECASE)


def _why(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding:
    """"why?": the cause of what the last answer was about, so its subject (the stale table, the spiking
    workspace) becomes this turn's, and the cause tools that need it can run."""
    out = _carry(cur, prior, "why")
    out.intent = "cause"
    if not SELECTION.search(m.string):  # "which one of those jumped, and why": the answer picks, not the last subject
        out.entities += _subject_entities(prior, out)
    out = _keep_topic(out, prior, m)
    last = prior.understanding.previous
    if last is not None and last.transform in ("upstream", "downstream", "where_from") and prior.before is not None \
            and _bare(m) and not cur.domains:
        # "orders_gold stale?" then "upstream?" then "root cause": the cause of the problem, not of its lineage
        out.domains = list(prior.before.domains) or out.domains
        out.window, out.comparison = prior.before.window, prior.before.comparison
        return out
    if _bare(m) and len(out.domains) > 1 and prior.lead in out.domains:
        out.domains = [prior.lead]  # "why?" after a two-part answer asks about the finding it led with
    jobs = prior.named("job")
    # (or after a cause the last answer found in a job's failure: "why didn't it update?" then "what exactly went wrong?")
    if (_WENT_WRONG.match(m.string) or _JOB_FAILURE.search(m.string)) and jobs and (_LED_WITH_FAILURE.search(prior.answer.strip().split("\n", 1)[0])
                                                 or prior.understanding.intent == "cause"
                                                 and _WRITER_FAILED.search(prior.answer)):
        # "what exactly went wrong with it?" after "nightly_etl (writes orders_gold) failed ...": the job's run, whose
        # own history has the error (the table's area only said which job writes it)
        out.entities = [e for e in out.entities if e.kind != "job"] + [Entity(kind="job", name=jobs[0])]
        out.domains = ["performance"]  # (its error says which table and column it broke on, when it was a schema change)
        return out
    # "why did it break?" after a stale table: the break is a failed run, beside the table's own specialist
    peaks = cue_peaks(m.string)
    out.domains = list(dict.fromkeys([*out.domains, *(d for d, v in peaks.items() if v >= PRECISE_CUE)]))[:3]
    # (not "why was it so slow? was the cluster maxed out?": a thing of another kind, asked of its own area)
    said = {WORD_KINDS.get(w.lower(), w.lower())
            for w in re.findall(rf"\b(?:the|that|its|their)\s+({_KIND_WORD})\b", m.string, re.IGNORECASE)}
    if prior.lead and prior.lead not in out.domains and prior.subject and not SELECTION.search(m.string) \
            and not said - set(prior.subject):
        # "why? which job should have updated it" after a stale table: the specialist of that finding reads its
        # cause (the table's writer), beside the one the question's own words chose
        out.domains = [*out.domains[:2], prior.lead]
    if "reliability" in out.domains and "performance" not in out.domains \
            and _RUN_TOO_LONG.search(prior.answer.split("\n", 1)[0]):
        # "why tho" after SLA breaches: what slows the runs down (their bottleneck tasks, their cluster's load)
        out.domains = [*out.domains[:2], "performance"]
    return out


#: "what caused the upstream job failure?": a job's failure named as what is asked about.
_JOB_FAILURE = re.compile(r"\b(?:job|run|pipeline|etl|task|load|ingest)s? (?:failure|crash|error)s?\b", re.IGNORECASE)

#: An answer that led with runs taking too long ("missed its 15 min SLA 4 times, the last run 6 min over").
_RUN_TOO_LONG = re.compile(r"\bSLAs?\b|\bmin over\b|\btook (?:too )?long|\bran (?:too )?long|\blate\b", re.IGNORECASE)


def _anything_else(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding:
    """"anything else high sev today?": the same specialists, beyond what the last answer was about (its
    names no longer filter)."""
    out = _carry(cur, prior, "anything_else", entities=False)
    out.topic = prior.understanding.topic or prior.understanding.question
    return out


def _job_state(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding | None:
    """"is it even working tho" after an answer about a job's spend: that job's runs (None when no job was named)."""
    jobs = prior.subject.get("job") or prior.named("job")
    if not jobs or cur.entities:
        return None
    out = _carry(cur, prior, "job_state", domains=False)
    out.entities = [e for e in out.entities if e.kind != "job"] + [Entity(kind="job", name=jobs[0])]
    out.domains = ["performance"]
    return out


def _doubt(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding:
    """"are you sure?": the last turn again (its areas, names and window), so the answer shows its evidence; an area
    the doubt names by a strong word of its own is asked beside it ("are you sure there was no cost spike?")."""
    out = _carry(cur, prior, "doubt")
    if _FIGURE_ORIGIN.search(m.string) and prior.understanding.domains:
        # "that can't be right... where does that number come from?": what makes up the figure (its drivers), in
        # the area that gave it, not the lineage of a table
        out.domains, out.intent = list(prior.understanding.domains), "cause"
        return out
    asked = cue_scores(without_requester(m.string))[0]
    own = [d for d in cur.domains if d not in prior.understanding.domains and asked.get(d, 0) >= STRONG_ASK]
    out.domains = list(dict.fromkeys([*prior.understanding.domains, *own]))[:3] or list(cur.domains)
    return out


#: Where a figure the last answer gave comes from ("where does that number come from?", "how did you get that total").
_FIGURE_ORIGIN = re.compile(r"\bwhere (?:does|do|did) (?:that|this|the|those|these) (?:number|figure|total|amount|sum|"
                            r"dollar figure|\$?\s?figure)s? (?:\w+ )?come from\b|\bhow (?:did|do) (?:you|we) (?:get|arrive at|"
                            r"come up with|calculate|compute|work out) (?:that|this|the|those|these) (?:number|figure|total|"
                            r"amount|sum)s?\b", re.IGNORECASE)


def _more(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding:
    out = _carry(cur, prior, "show_more")
    out.intent, out.offset = "list_more", prior.understanding.offset + 1
    # Ask the tools for enough rows to reach the next page.
    out.params["top_n"] = max(int(prior.understanding.params.get("top_n") or 0), 5 * (out.offset + 1))
    return _keep_topic(out, prior, m)


#: A cue this strong in a lineage follow-up asks for that domain beside the lineage ("which table downstream is
#: old now": freshness), whether or not the router chose it.
STRONG_ASK = 0.8
#: Words for the damage downstream ("what else is now broken"): the lineage move itself, not a question of failures.
_CONSEQUENCE = re.compile(r"\b(?:broke|broken|break\w*|impact\w*|affect\w*|hit|hurt|mess\w* up|knock\w* (?:\w+ ){0,2}(?:out|over)|"
                          r"wreck\w*|took (?:\w+ )?out|take\w* (?:\w+ )?out|(?:left|leave|leaves) (?:\w+ ){0,2}stale|"
                          r"knock[- ]on|ripple effects?)\b", re.IGNORECASE)
#: "are the numbers in the downstream reports wrong?": the damage seen in what reads it (an ask of its own too).
_DAMAGE_SEEN = re.compile(r"\b(?:wrong|stale|out of date|outdated|off|busted|borked|hosed|screwed|broken|bad)\b|"
                          # "what did that do to the tables downstream of it?"
                          r"\bwhat (?:did|does|will|would|has) (?:that|it|this) (?:do|done) to\b", re.IGNORECASE)
#: "if we retire that table, what breaks downstream": damage that has not happened, no table is stale because of it.
_HYPOTHETICAL_DAMAGE = re.compile(r"\b(?:if|were|should) (?:we|i|they|you|someone)\b|\bwould\b", re.IGNORECASE)
#: Areas whose last answer was a failure: the damage downstream of it is stale data, which freshness measures...
_FAILURE_AREAS = frozenset({"performance", "reliability", "quality"})
#: ...when the answer's first line says something failed (not "orders_silver is fresh").
_FAILURE_SAID = re.compile(r"\b(?:fail\w*|stale|errors?|broke\w*|break\w*|crash\w*|outages?|missed|behind schedule)\b", re.IGNORECASE)


def _downstream(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding:
    """"what does that break downstream?": lineage from the table the last answer was about."""
    if _WHERE_IT_BROKE.search(m.string) and not re.search(r"downstream", m.string, re.IGNORECASE):
        return None  # "what feeds it, and where exactly did it break": where it failed, not what it breaks
    out = _carry(cur, prior, "downstream", domains=False)
    tables = [e.name for e in cur.entities if e.kind == "table"] or _where_it_happened(m.string, prior.referred("table"),
                                                                                        f"{prior.answer}\n{prior.said}")
    worded = re.search(r"\bthe\s+([a-z][\w-]*)\s+(?:table|dataset)\b", m.string, re.IGNORECASE)
    if worded and (picked := [t for t in tables if worded[1].lower() in _words(t)]) and len(picked) == 1:
        tables = picked + [t for t in tables if t != picked[0]]  # "downstream of the raw table"
    # "what happened with nightly_etl?" then "what does that break?": a job's downstream starts at the
    # tables it writes (the lineage tool follows the job's writes).
    jobs = [] if tables else [e.name for e in cur.entities if e.kind == "job"] or prior.named("job")
    if not tables and not jobs and not _LINEAGE_SAID.search(m.string) and any(
            prior.subject.get(k) or prior.understanding.names(k) for k in _NOT_LINEAGE):
        return None  # "did it break any jobs?" about a warehouse: its outage's effect, not a table's lineage
    if not tables and not jobs:
        listed = f": {', '.join(known[:5])}?" if known else "?"
        return _clarify(cur, prior, "downstream", f"Which table do you mean{listed}")
    kind, name = ("table", tables[0]) if tables else ("job", jobs[0])
    out.entities = [e for e in out.entities if e.kind not in ("table", "job")] + [Entity(kind=kind, name=name)]
    # lineage answers it, beside what the question asks of those tables ("which downstream tables are stale?")
    asked = cue_scores(without_requester(_CONSEQUENCE.sub(" ", m.string)))[0]
    strong = [d for d, v in sorted(asked.items(), key=lambda kv: -kv[1]) if v >= STRONG_ASK]
    out.domains = list(dict.fromkeys(["governance", *[d for d in cur.domains if asked.get(d, 0) > 0], *strong]))[:3]
    if (_CONSEQUENCE.search(m.string) or _DAMAGE_SEEN.search(m.string)) and not _HYPOTHETICAL_DAMAGE.search(m.string) \
            and "quality" not in out.domains \
            and _FAILURE_AREAS & set(prior.understanding.domains) and _FAILURE_SAID.search(prior.answer.split("\n", 1)[0]):
        # "what did that knock over downstream?" after a failed run: which tables it left stale, beside the lineage
        out.domains = [*out.domains[:2], "quality"]
    if _WHAT_BROKE.search(m.string) and "performance" not in out.domains:
        # "what feeds it, and what broke?": the lineage, and the failed run itself
        out.domains = [*out.domains[:2], "performance"]
    if not re.search(r"\bupstream\b", m.string, re.IGNORECASE):
        out.params["direction"] = "downstream"  # "what sits downstream/upstream of it": both ways
    out.intent = "cause"
    return out


#: "... and what broke?": the failure itself, asked beside the lineage ("what broke downstream" is the lineage's).
_WHAT_BROKE = re.compile(r"\bwhat (?:exactly |actually )?(?:broke|failed|went wrong|crashed|blew up)\b"
                         r"(?!\s+(?:downstream|upstream|further|because|as a result))", re.IGNORECASE)


def _upstream(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding | None:
    """"and which tables are upstream of it?": lineage towards the sources of what the last answer was about."""
    out = _downstream(cur, prior, m, known)
    if out is not None and out.refusal != "clarify":
        out.params["direction"] = "upstream"
        if re.search(r"\bdownstream\b", m.string, re.IGNORECASE):
            out.params.pop("direction")  # "the whole chain upstream and downstream": both ways
    if out is not None and out.previous is not None:
        out.previous = out.previous.model_copy(update={"transform": "upstream"})
    return out


#: "where/when/why did it break": the failure itself, asked in a later clause too.
_WHERE_IT_BROKE = re.compile(IT_BROKE, re.IGNORECASE)
#: Kinds that have no lineage: "what did it break" about them asks what their failure did, not what reads them.
_NOT_LINEAGE = ("warehouse", "cluster", "endpoint")
_LINEAGE_SAID = re.compile(r"downstream|lineage|blast radius|depend|consum|reads? (?:from )?(?:it|that|this)",
                           re.IGNORECASE)


#: A choice among the last answer's rows ("which one of those", "which of them"): none of them filters.
SELECTION = re.compile(r"\bwhich (?:one |ones )?(?:of )?(?:those|them|these)\b|\bwhich one\b|\bwhich ones\b|"
                       # "any of them getting worse?": whichever of the last answer's rows, not its first
                       r"^\W*(?:(?:and|so|ok(?:ay)?|but)\W+)?(?:(?:are|is|were|was|has|have|do|does|did) )?(?:any|none|all|"
                       r"either|neither|some) (?:one )?of (?:those|them|these)\b", re.IGNORECASE)
#: Words that leave a follow-up "bare": with only these besides the move, the question has no topic of its own.
_BARE = frozenset("""about it that this them those these then now here there so ok okay please pls exactly again
the a an and but also for to with on in of me us i we you do should can could would it's that's though
really more""".split())


def _bare(m: re.Match[str]) -> bool:
    """Is the question only the follow-up move ("what should we do?", "why?"), with no topic words of its own?"""
    rest = (m.string[:m.start()] + " " + m.string[m.end():]).lower()
    if re.search(r"\b(?:that|this|the|those|these)\W*$", m[0].lower()):
        # "what's driving that outlier": the word after the reference names the last answer's finding
        rest = re.sub(r"^\W*(?:" + "|".join(_FINDING_NOUNS) + r")s?\b", " ", m.string[m.end():].lower()) + \
            " " + m.string[:m.start()].lower()
    return not [w for w in re.findall(r"[a-z']{3,}", rest) if w not in _BARE] or not names_a_topic(rest)


def _keep_topic(out: Understanding, prior: Prior, m: re.Match[str]) -> Understanding:
    """A bare move continues the last turn's topic: its specialists, not what the move's words suggest."""
    if _bare(m) and prior.understanding.domains:
        out.domains = list(prior.understanding.domains)
    return out


#: "...so it doesn't happen again": an act that keeps an incident from recurring.
_PREVENT = re.compile(r"\b(?:does ?n'?t|does not|won'?t|will not|never) (?:happen|occur|recur)s? again\b|\bfrom (?:happening|"
                      r"recurring) again\b", re.IGNORECASE)
#: Who advises on acting on a domain's finding, besides the domain itself ("what do we do about the
#: spend?": the optimizer holds the savings).
ACT_ADVISORS: dict[str, str] = {"cost": "optimization"}
#: ...and on a compute's load ("what should I change there?" about a warehouse's queueing: its size and schedule).
ACT_ADVISORS_ON: dict[str, tuple[str, frozenset[str]]] = {"performance": ("optimization", frozenset({"warehouse", "cluster"}))}


#: Taking back the last answer's thing ("should we revoke it?", "can we rotate that").
#: Verbs that take away what a principal holds ("revoke", "rotate", "block"...): "should we ...?" asks what to do.
_REVOKE_VERBS = r"revok\w*|rotat\w*|disabl\w*|deactivat\w*|kill|expire|invalidat\w*|pull|block|ban"
_REVOKE_IT = re.compile(rf"\b(?:{_REVOKE_VERBS})\s+(?:it|that|this|them|those)\b", re.IGNORECASE)


def _act(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding:
    out = _keep_topic(_carry(cur, prior, "act"), prior, m)
    if not _bare(m) and re.search(r"\b(?:about|with) (?:it|that|this|them|those)\b", m.string, re.IGNORECASE):
        # "what should I do about it, fix the schema first or rerun?": still the last turn's problem, with the
        # options the question names beside it
        out.domains = list(dict.fromkeys([*prior.understanding.domains, *out.domains]))[:3]
    if _PREVENT.search(m.string) and cur.domains:
        # "ok so what would you fix first so it doesn't happen again": keeping the incident from recurring is its own
        # area's, whatever the last turn priced
        out.domains = list(cur.domains)
    # (a workspace said is where the breakage would be, "does that break prod jobs", not the thing revoked)
    if _REVOKE_IT.search(m.string) and prior.lead and all(e.kind == "workspace" for e in cur.entities):
        # "should we revoke it? what would break if we did" after a token: the thing is the last answer's, and so is
        # its area (a token's use is in the audit trail), whatever "revoke" suggests of grants
        out.domains = [prior.lead]
    out.intent = "recommendation"
    if "cost" in out.domains and "optimization" not in out.domains:
        # "budget??" then "fix?": a remedy for spend is the advisor's savings, beside the spend itself
        out.domains = [*out.domains, "optimization"][:3]
    # "what do I do about it": "it" is what the last answer was about (the stale table, not every table)
    out.entities += _subject_entities(prior, out, skip=("workspace",))
    last = prior.understanding.previous
    if last is not None and last.transform == "downstream" and prior.before is not None and _bare(m):
        # "what's downstream?" then "what should I do about it?": "it" is the problem, not its lineage
        out.domains = list(dict.fromkeys([*prior.before.domains, *out.domains]))[:3]
    if last is not None and last.transform == "shift_window" and cur.window is None and prior.before is not None:
        # "was it fine the day before?" then "what should we do?": act on the problem, not the day looked back at
        out.window, out.comparison = prior.before.window, prior.before.comparison
    advisors = [ACT_ADVISORS[d] for d in out.domains if d in ACT_ADVISORS]
    kinds = {e.kind for e in out.entities}
    advisors += [who for d, (who, on) in ACT_ADVISORS_ON.items() if d in out.domains and kinds & on]
    out.domains = list(dict.fromkeys([*out.domains, *advisors]))[:3]
    return out


#: What a request to act ("rerun it for me") acts on, by its verb: the first kind the conversation names wins.
REQUEST_VERBS: dict[str, tuple[str, ...]] = {
    "rerun": ("job", "pipeline"), "re-run": ("job", "pipeline"), "retry": ("job", "pipeline"),
    "run": ("job", "pipeline"), "kill": ("job", "cluster"), "cancel": ("job",), "pause": ("job",),
    "restart": ("cluster", "warehouse", "job", "endpoint"), "start": ("cluster", "warehouse"),
    "stop": ("cluster", "warehouse", "job"), "terminate": ("cluster",), "shut": ("cluster", "warehouse"),
    "resize": ("cluster", "warehouse"), "scale": ("cluster", "warehouse", "endpoint"),
    "revoke": ("grant", "group", "user"), "remove": ("grant", "group", "user"), "block": ("ip", "user"),
    "ban": ("ip", "user"), "lock": ("user", "ip"), "disable": ("user",), "retrain": ("model",),
    "raise": ("workspace",), "increase": ("workspace",),
}


def _request(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding:
    """"just rerun it for me": this assistant reads and proposes, it does not act from the chat; the answer
    says so and gives what it knows of the thing the request is about, with what to do."""
    out = _carry(cur, prior, "request")
    out.intent = "recommendation"
    kinds = REQUEST_VERBS.get(m.group("verb").lower().split()[0], ())
    own = {e.kind: e.name for e in cur.entities}
    target = next(((k, own.get(k) or prior.named(k)[0]) for k in kinds if own.get(k) or prior.named(k)), None)
    if target is not None:
        out.entities = [e for e in out.entities if e.kind != target[0]] + [Entity(kind=target[0], name=target[1])]
        owner = BY_NAME[target[0]].owner
        out.domains = list(dict.fromkeys([owner, *[d for d in cur.domains if d != owner]]))[:2] if owner else \
            out.domains
    return out


def _narrow(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding:
    """"narrow it to jobs compute", "only the failed ones": the same question with a tighter filter; "only the
    analyst": the one name of the last answer that word picks (None when it picks none or several)."""
    out = _carry(cur, prior, "narrow", domains=False)
    if m.groupdict().get("word"):
        word = m["word"].lower()
        exact = {(kind, n) for kind in KIND_NAMES for n in prior.named(kind) if n.lower() == word}
        if not exact and names_a_topic(word):
            return None  # "just the security side": an area, not a name that happens to hold the word
        picked = exact or {(kind, n) for kind in KIND_NAMES for n in prior.named(kind) if word in _words(n)}
        if len(picked) != 1:
            return None
        kind, name = picked.pop()
        out.entities = [e for e in out.entities if e.kind != kind] + [Entity(kind=kind, name=name, text=m[0])]
    out.domains = list(prior.understanding.domains) or list(cur.domains)
    if m.groupdict().get("rel"):
        # "...that also failed recently": the area the relative clause names joins the last answer's
        out.domains = list(dict.fromkeys([*out.domains, *route(m["rel"]).domains]))[:3]
    return out


def _save(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding:
    out = _carry(cur, prior, "act", domains=False)
    out.domains = ["optimization"]
    out.intent = "recommendation"
    return out


def _per_year(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding:
    """"what would those add up to over a full year?": the last answer again (its window, not a year's), its monthly
    figures then taken over twelve months (graph.whatif)."""
    out = _carry(cur, prior, "per_year", domains=False)
    prev = prior.understanding
    out.domains, out.window, out.comparison = list(prev.domains), prev.window, prev.comparison
    out.params = dict(prev.params)
    return out


def _of_that_figure(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding:
    """"how much of that isn't tagged?", "which job accounts for the difference?": a part of the last answer's figure
    or what is behind it, so the figure's area stays beside the new one."""
    out = _carry(cur, prior, "of_that_figure", domains=False)
    out.domains = list(dict.fromkeys([*prior.understanding.domains, *cur.domains]))[:3]
    return out


def _cost_of_that(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding:
    """"how much did that waste?": what the last answer's subject (a failing job, a spike) cost, over its window."""
    out = _carry(cur, prior, "cost_of_that", domains=False)
    out.entities += [e for e in _subject_entities(prior, out) if e.kind in ("job", "workspace", "cluster", "warehouse",
                                                                            "endpoint", "user")]
    out.domains = list(dict.fromkeys([*cur.domains, "cost"]))[:3]  # "how long was it out, and what did that cost?"
    return out


#: The moment of the last answer's event ("... was down 117 min from 2026-12-01 13:09 UTC"), in its first line.
_EVENT_DAY = re.compile(r"\b(20\d\d-\d\d-\d\d)(?:[ T]\d\d:\d\d)?")


#: Properties only some kinds of things have ("its latency" is a model's or an endpoint's, never a table's).
_PROPERTY_KINDS: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    (re.compile(r"latenc|response time", re.IGNORECASE), frozenset({"endpoint", "model", "warehouse"})),
    (re.compile(r"accuracy", re.IGNORECASE), frozenset({"endpoint", "model"})),
    (re.compile(r"freshness", re.IGNORECASE), frozenset({"table"})),
)


def _its_property(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding:
    """"and their latency?" after the endpoints' cost: a figure of what the last answer was about, in the area the
    last turn asked (where such things are measured) beside what this one names."""
    out = _carry(cur, prior, "its_property", domains=False)
    fits = next((kinds for pattern, kinds in _PROPERTY_KINDS if pattern.search(m[0])), None)
    if fits and cur.domains and not fits & set(prior.subject) and any(e.kind in fits for e in out.entities):
        # "and how's its latency looking?" after the tables feeding a model: the last answer's tables have no
        # latency, so "its" is the model the conversation is about, in the area latency is measured in
        out.domains = [d for d in cur.domains if d not in prior.understanding.domains] or list(cur.domains)
        out.entities = [e for e in out.entities if e.kind in fits or e.kind not in prior.subject]
        return out
    out.domains = list(dict.fromkeys([*prior.understanding.domains, *cur.domains]))[:3]
    out.entities += [e for e in _subject_entities(prior, out) if e.kind not in {x.kind for x in out.entities}]
    return out


def _during_that(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding | None:
    """"did we still get billed for that period?" after an outage: the day of the event the last answer led with, for
    the same subject, in the area the question names (None when the last answer named no moment)."""
    lead = prior.answer.split("\n", 1)[0]
    said = lead.split(": ", 1)[1] if ": " in lead else lead  # after the period's label
    day = re.search(r"\b(20\d\d-\d\d-\d\d)[ T]\d\d:\d\d", said) or _EVENT_DAY.search(said)  # a moment first
    if day is None:
        return None
    out = _carry(cur, prior, "during_that", window=False)
    out.window = Window.day(date.fromisoformat(day[1]), "the day of that event")
    out.entities += [e for e in _subject_entities(prior, out) if e.kind not in {x.kind for x in out.entities}]
    return out


_KIND_WORD = KIND_WORD_ALTERNATION
_THAT_KIND = re.compile(rf"\b(?:that|this|the same|those|these)\s+(?:(?!(?:that|this|is|was|are|were|it)\b)[a-z0-9_-]+\s+)?"
                        rf"(?P<kind>{_KIND_WORD})\b", re.IGNORECASE)

#: The follow-up moves, checked in order (the first that matches applies). Each is tested on its own.
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5,
             "5th": 5}
#: "more on the second one", "item 3": one ask of the last question's numbered list.
_NTH = re.compile(r"\b(?P<nth>first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last) (?:one|item|point|thing|bit|"
                  r"question|ask|part|bullet)\b|\b(?:item|point|number|no\.|#) ?(?P<num>[1-5])\b", re.IGNORECASE)
_ITEM_MARK = re.compile(NUMBERED_ITEM)


def _nth_item(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding | None:
    """"more on the second one": the second ask of the last question's numbered list, with its own words."""
    items: list[str] = []
    for asked in (prior.understanding, prior.before):  # "and the third one?" after "more on the second one"
        parts = _ITEM_MARK.split(asked.question or "") if asked is not None else []
        if len(parts) >= 3:
            items = [p.strip(" ,.;:") for p in parts[1:] if p.strip(" ,.;:")]
            break
    n = len(items) if (m["nth"] or "").lower() == "last" else _ORDINALS.get((m["nth"] or "").lower()) or int(m["num"] or 0)
    if not items or not 0 < n <= len(items) or not (domains := route(items[n - 1]).domains):
        return None
    item = items[n - 1]
    out = _carry(cur, prior, "nth_item", domains=False, entities=False)
    # "item 2 again, but just the contractors part: who granted that and when?": the item, and what is asked of it
    rest = m.string[m.end():]
    asked = route(rest).domains if len(rest.split()) >= 3 and names_a_topic(rest) else []
    out.domains = list(dict.fromkeys([*domains, *asked]))[:3]
    out.entities = list(cur.entities) + [e for e in prior.understanding.entities
                                         if e.name.lower().rsplit(".", 1)[-1] in item.lower()]
    out.topic = item
    return out


def _where_from(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding | None:
    """"where from?": the origin of what the last answer was about: the addresses behind logins or access, the
    sources of a table."""
    if "security" in prior.understanding.domains:
        out = _carry(cur, prior, "where_from")
        out.domains = ["security"]
        if m["topic"] and (ips := _named_with_topic(prior, "ip", m["topic"])) is not None:
            # "those failed logins - where from?": the addresses on the lines about the failed logins, not those of
            # the principal the last answer opened with
            out.entities = [e for e in out.entities if e.kind not in ("ip", "user", "workspace")]
            out.entities += [Entity(kind="ip", name=ips[0], text=m["topic"])] if ips else []
        return out
    tables = prior.named("table")
    if not tables:
        return None
    out = _carry(cur, prior, "where_from", domains=False)
    out.entities = [e for e in out.entities if e.kind != "table"] + [Entity(kind="table", name=tables[0])]
    out.domains, out.params["direction"] = ["governance"], "upstream"
    return out


def _writer(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding | None:
    """"the nightly job that loads it, did that fail?": the runs of the job that writes the table in question."""
    tables = [e.name for e in cur.entities if e.kind == "table"] or prior.referred("table")
    if not tables:
        return None
    out = _carry(cur, prior, "writer", domains=False)
    out.entities = [e for e in out.entities if e.kind not in ("table", "job")] + [Entity(kind="table", name=tables[0])]
    out.domains = list(dict.fromkeys(["quality", "performance", *cur.domains]))[:3]
    if re.search(r"\bwhy\b|\bcause|\breason|how come", m.string, re.IGNORECASE):
        out.intent = "cause"  # "and why? which job should have refreshed it": the writer as the cause
    return out


#: "the job that loads it", "which workflow writes that table", "the pipeline behind it": the table's writer.
_WRITER = re.compile(r"\b(?:the|that|which|what)\s+(?:[\w-]+\s+){0,2}(?:jobs?|workflows?|pipelines?|tasks?|process(?:es)?|"
                     r"etl|loads?|loaders?)\s+(?:that|which|who)?\s*(?:\w+\s+){0,4}?(?:load|writ|fill|populat|feed|"
                     r"build|refresh|updat|produc|creat)\w*\s+(?:it|that|this|them|the table|that table)\b|"
                     r"\b(?:the|which)\s+(?:jobs?|workflows?|pipelines?)\s+behind\s+(?:it|that|this)\b|"
                     # "and did the upstream job fail?" after a table: the job that writes it
                     r"\b(?:the|that)\s+upstream\s+(?:jobs?|workflows?|pipelines?|loads?|etl|loaders?)\b", re.IGNORECASE)


def _reformat(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding:
    """"put all of that in a table I can paste": the last question again, for its figures laid out anew."""
    out = _carry(cur, prior, "reformat", domains=False)
    out.domains = list(prior.understanding.domains)
    return out


def _how_far(cur: Understanding, prior: Prior, m: re.Match[str], known: list[str]) -> Understanding:
    """"by how much?" after a budget at risk: the size of what the last answer found, so the last question again."""
    out = _carry(cur, prior, "how_far", domains=False)
    out.domains = list(prior.understanding.domains)
    return out


#: "by how much?", "how far over?": the size of the last answer's finding, asked bare.
_HOW_FAR = re.compile(r"^\W*(?:(?:and|so|ok(?:ay)?|but)\W+)?(?:by how much|how much (?:over|under|above|below|more|less|off)|"
                      r"how far (?:over|under|off|above|below|out))(?: (?:is it|are we|was it|were we|then))?\W*$", re.IGNORECASE)


#: "put all of that in an auditor-friendly table", "can you make that a csv": the last answer, laid out again.
_REFORMAT = re.compile(r"\b(?:put|format|lay(?: it)? out|turn|make|convert|give|show|paste|dump|export)\b.{0,20}\b(?:all )?"
                       r"(?:of )?(?:that|this|it|those|these|them|everything)\b.{0,40}\b(?:into |in |as )(?:an? |one )?"
                       r"(?:[\w-]+ ){0,2}(?:table|csv|spreadsheet|list|bullets?|markdown|excel|sheet)\b|"
                       # "please condense the above into three bullet points for the minutes"
                       r"\b(?:condense|summari[sz]e|boil down|shorten|distil+|recap|sum up)\b.{0,20}\b(?:the above|that|this|it|"
                       r"everything|all of (?:that|this|it))\b(?:.{0,40}\b(?:bullets?|bullet points|lines?|sentences?|points)\b)?",
                       re.IGNORECASE)


TRANSFORMS: tuple[Transform, ...] = (
    Transform("nth_item", _NTH, _nth_item),
    Transform("reformat", _REFORMAT, _reformat),
    Transform("how_far", _HOW_FAR, _how_far),
    Transform("writer", _WRITER, _writer),
    Transform("where_from", re.compile(r"^\W*(?:(?:and|so|ok(?:ay)?|but)\W+)?(?:(?P<topic>(?:those|these|the|that|this) [\w -]{3,40}?)"
                                       r"\s*(?:[-–—,:]\s*|\s))?(?:where from|from where|where(?:'d| did| do| "
                                       r"does| were| was)? ?(?:it|they|that|this|those|these|them)? ?(?:come|came|coming|"
                                       r"originat\w*) from)(?: exactly| then)?\W*$", re.IGNORECASE), _where_from),
    # ("why not? what broke upstream" asks for the failure upstream: the cause, not the list of sources)
    Transform("upstream", re.compile(r"^\W*(?:(?:and|so|ok(?:ay)?|what about|how about)\W+)?(?:upstream|up ?stream|further up)"
                                     r"(?: of (?:it|that|this))?\W*$|"
                                     r"\b(?:which|what|any) (?!(?:broke|failed|went wrong|happened|changed|blew up|died|"
                                     r"is broken|was broken)\b)(?:\w+ ){0,2}(?:are |is |sit\w* |lie\w* |come\w* )?upstream\b"
                                     # ("what caused the upstream job failure": a failure said to be upstream, its cause)
                                     r"(?! (?:broke|failed|went wrong|changed|blew up|died|is broken|was broken|happened)\b)"
                                     r"(?! (?:[\w-]+ ){0,2}(?:failures?|errors?|crash\w*|issues?|problems?|outages?|incidents?|"
                                     r"breakages?)\b)|"
                                     r"\bupstream (?:of |from )?(?:that|it|this|them)\b|\bwhat(?:'s| is)? upstream\b(?! (?:broke|failed|went wrong|"
                                     r"changed|blew up|died|happened)\b)|"
                                     r"\b(?:what|which \w+) (?:feeds?|fills?|populates?|loads?)(?: into)? (?:it|that|this|them)\b|"
                                     r"\b(?:before|above|ahead of) (?:it|that|this|them) in the (?:chain|pipeline|flow|lineage)\b|"
                                     # "which tables sit between the raw feed and that one?"
                                     r"\bbetween (?:the |our )?(?:\w+ ){1,2}and (?:that|it|this)(?: one| table)?\b",
                                     re.IGNORECASE), _upstream),
    Transform("request", re.compile(r"^\W*(?:(?:ok|okay|so|then|now|just|please|pls|can you|could you|would you|go ahead "
                                    r"and|can u|could u)\W+)*(?P<verb>" + "|".join(sorted(REQUEST_VERBS, key=len, reverse=True))
                                    + r")(?: down| up)?\b(?=.*\b(?:it|that|this|them|for me|now)\b)", re.IGNORECASE), _request),
    # "why did it break" asks for a cause, not for what it breaks: a question opening with why/when/where is
    # downstream only when it says so.
    # (not "can i just revoke it or does that break prod jobs": what revoking the last answer's thing would break)
    Transform("downstream", re.compile(r"^(?!\W*(?:(?:and|but|so|ok\w*)\W+)?(?:why|how come|when|where)\b(?!.*\bdownstream\b))"
                                       r"(?!.*" + _REVOKE_IT.pattern + ")"
                                       r".*?(?:"
                                       r"\b(?:that|it|this)\s+(?:\w+\s+){0,2}(?:break|breaks|broke|impact\w*|affect\w*|"
                                       # (not "what changed in orders_raw that broke it": what broke it, its cause)
                                       r"knock\w* (?:out|over)|take\w* (?:out|down))\b(?!\s+(?:down|out|up|upstream|it|them)\b)|"
                                       r"\b(?:break|breaks|broke|impact\w*|affect\w*|knock\w* (?:\w+ ){0,2}(?:out|over))\b.*\bdownstream\b|"
                                       # "what did that wreck downstream": whatever the verb, what lies downstream of it
                                       r"\bwhat (?:did|does|do|will|would|could|might|has|have) (?:that|it|this|they) (?:\w+\s+){1,3}"
                                       r"downstream\b|"
                                       r"\b(?:blast radius|depends? on (?:it|that|this)|(?:impacted|affected) by (?:it|that|this)|"
                                       r"hang\w* off (?:it|that|this)|(?:which|what|any) (?:\w+ )?downstream)\b|"
                                       # "anything else that feeds off that table which would also be affected"
                                       r"\b(?:feeds?|feeding|fed|lives?|living) off (?:it|that|this|them)\b|"
                                       # "what gets fed from it downstream", "which tables should catch up after"
                                       r"\b(?:gets? |is |are )?(?:fed|built|derived|computed|fill\w*) (?:from|off|by) (?:it|that|this|them)\b"
                                       r"(?=.*\bdownstream\b)|\b(?:which|what) (?:\w+ ){0,2}(?:should|would|will|need to) catch up\b|"
                                       r"\b(?:would|will|could|might) (?:also |then )?(?:be|get) (?:affected|impacted|hit|"
                                       r"broken)\b|"
                                       # "downstream impact?", "and the knock-on effects downstream?": a bare ask
                                       r"^\W*(?:(?:and|so|ok(?:ay)?|also)\W+)?(?:what about |how about )?(?:any |the )?"
                                       r"(?:downstream (?:impact|effects?|damage|consequences?|fallout|blast radius|casualties)|"
                                       r"(?:impact|effects?|damage|fallout|knock-?on effects?) downstream)\W*$|"
                                       r"\bwhat(?:'s| is)? downstream\b|\bdownstream (?:of )?(?:that|it|this)\b|"
                                       # "downstream?": the bare word
                                       r"^\W*(?:(?:and|so|ok(?:ay)?|what about|how about)\W+)?down ?stream\W*$|"
                                       # "so are the numbers in the downstream reports wrong right now?": what reads it
                                       r"\bthe downstream (?:reports?|dashboards?|tables?|numbers|figures|consumers?|data|"
                                       r"models?|jobs?)\b|"
                                       # "did it have any knock-on effect on the data we report to finance?"
                                       r"\b(?:knock[- ]on|ripple|downstream) (?:effects?|impacts?|consequences?) (?:on|for|to) "
                                       r"(?:the |our |any )?(?:\w+ )?(?:data|tables?|reports?|reporting|numbers|figures|"
                                       r"dashboards?|models?)\b|"
                                       r"\b(?:mess(?:es|ed)? up|knock[- ]on|ripple\w*|hit|hurt)\b.*\b(?:further down|"
                                       r"down the line|down ?stream|after it)\b|\bwho (?:reads|uses|consumes) "
                                       r"(?:that|it|this)(?: table)?\b)",
                                       re.IGNORECASE | re.DOTALL), _downstream),
    # "what would those add up to over a full year?", "annualised?": the last figures over twelve months
    Transform("per_year", re.compile(r"\b(?:would|will|could|does|do|'d)\s+(?:that|those|it|this|these|they|them|all (?:that|this|"
                                     r"of (?:it|that|them)))\s+(?:\w+\s+){0,2}?(?:add up to|come to|amount to|total|be|mean|"
                                     r"save(?: us)?|cost(?: us)?|be worth)\b.{0,20}?\b" + PER_YEAR_WORDS + r"|"
                                     r"^\W*(?:(?:and|so|ok(?:ay)?)\W+)?(?:(?:what(?:'s| is)?|how much(?: is)?) (?:that|it|this|those|"
                                     r"these) )?(?:annuali[sz]ed|annually|per year|a year|per annum|yearly)\s*\?*\s*$",
                                     re.IGNORECASE), _per_year),
    Transform("how_much_save", re.compile(r"\bhow much (?:of (?:that|it|this|those|these) )?(?:would|could|will|can) (?:that|it|this|we|i)\b.*\bsave\b|"
                                          # "how much would that add up to if we fixed all of it": the savings
                                          r"\b(?:how much|what)\b.{0,60}\bif (?:we|i|you|they) (?:fix|did|do|implement|"
                                          r"action|address|appl|took|take|follow)\w* (?:all|every|them|those|these|it|that|"
                                          r"the (?:lot|recommendations?|fixes))\b|"
                                          r"\bsavings? (?:from|of) (?:that|it|this)\b|"
                                          # "$ per month if i do that": the money the last advice is worth
                                          r"(?:\b(?:dollars?|bucks|money)\b|\$).{0,40}\bif (?:we|i|you|they) (?:do|did|make|"
                                          r"change|appl|follow|implement|take)\w* (?:that|it|this|them|those|these)\b",
                                          re.IGNORECASE), _save),
    # "how much of that isn't tagged to a project?", "which job accounts for the difference?": a part of the last
    # figure, or what is behind it, read in the figure's area beside the question's own
    Transform("of_that_figure", re.compile(r"^\W*(?:(?:and|ok(?:ay)?|so|but)\W+)?(?:how much|how many|what (?:share|part|portion|"
                                           r"percent(?:age)?|fraction|proportion|chunk|bit)) of (?:that|it|this|those|these|"
                                           r"them)\b(?! (?:\w+ )?(?:save|saving)\b)"
                                           # ("how many of that job's runs failed?": that job's own runs, not the figure)
                                           rf"(?!\s+(?:[\w-]+'s|{_KIND_WORD})\b)|"
                                           r"\b(?:accounts? for|explains?|is behind|made up|makes up) (?:the|that|this) (?:difference|"
                                           r"gap|delta|jump|spike|increase|extra|rise|bump|overage)\b", re.IGNORECASE),
              _of_that_figure),
    # "and their latency?", "what about its owner?": a property of the last answer's subject
    Transform("its_property", re.compile(r"^\W*(?:(?:and|ok(?:ay)?|so|but)\W+)?(?:what about |how about |how(?:'?s| is| are| does| do)? )?"
                                         r"(?:their|its)\s+"
                                         r"(?:\w+\s+){0,2}?(?:latenc\w*|response times?|costs?|spend|owners?|errors?|size|usage|"
                                         r"run ?times?|durations?|status|uptime|availability|schedule|metrics?|accuracy|drift|"
                                         r"failures?|failure rates?|freshness|error rates?)\b", re.IGNORECASE), _its_property),
    # "did we still get billed for that period?", "what ran while it was down?"
    Transform("during_that", re.compile(r"\b(?:for|during|in|over|across|within) (?:that|this|the same) (?:period|time|window|"
                                        r"outage|stretch|interval|downtime|incident|hour|hours)\b|\bwhile (?:it|that|they) "
                                        r"(?:was|were) (?:down|out|offline|broken|unavailable)\b", re.IGNORECASE),
              _during_that),
    Transform("cost_of_that", re.compile(r"\bhow much (?:\w+ ){0,2}(?:did|has|have|had) (?:that|it|this|those|these|they|all "
                                         r"(?:that|this)) (?:\w+ )?(?:wast|burn|cost|set us back|run us)\w*"
                                         + FIGURATIVE + r"|\bwhat did (?:that|it|this|those|all (?:that|this)) (?:\w+ )?cost\b"
                                         + FIGURATIVE +
                                         # "what's that costing us?", "how much is all this burning?" (of failing runs)
                                         r"|\bwhat(?:'s| is| are| does| do) (?:that|it|this|those|these|all (?:that|this))\s+"
                                         r"(?:\w+\s+)?(?:costing|cost us|setting us back|running us)\b" + FIGURATIVE +
                                         r"|\bhow much (?:is|are) (?:that|it|this|those|these|all (?:that|this)) (?:\w+ )?"
                                         r"(?:costing|wasting|burning|setting us back)\b" + FIGURATIVE, re.IGNORECASE), _cost_of_that),
    Transform("act", re.compile(r"\bwhat (?:should|do|can|could) (?:i|we|they|you|the team) (?:\w+ )?do\b|"
                                # "fix? 🔧", "next steps?", "options?": the ask for a remedy, said in one word
                                r"^\W*(?:any |the )?(?:fix(?:es)?|solutions?|remed(?:y|ies)|next steps?|options?|what now|"
                                r"how to fix( it| that| this)?|mitigations?|workarounds?)\W*$|"
                                # "what should I change there before next quarter?": what to change on the last subject
                                r"\bwhat (?:should|must|can|could|would you) (?:i|we|they|you)? ?(?:change|adjust|tweak|tune|"
                                r"do differently)\b|"
                                # "what setting do i change", "which knob should we turn"
                                r"\b(?:what|which) (?:\w+ )?(?:settings?|knobs?|config\w*|parameters?|options?|levers?|"
                                r"flags?) (?:do|should|must|can|could|would) (?:i|we|they|you) (?:\w+ )?(?:change|adjust|tweak|"
                                r"tune|set|flip|turn|pull|use)\b|"
                                r"\bwhat (?:do|should) (?:i|we) (?:tell|ask|advise) (?:\w+ ){0,3}to (?:change|do|fix)\b|\bhow (?:do|can|should) (?:i|we) fix\b|"
                                r"\bwhat (?:do|would) you (?:recommend|suggest|do)\b|\bshould (?:i|we) (?:remove|switch|turn|drop|keep|"
                                r"retrain|roll|" + _REVOKE_VERBS + r")\w*\b|"
                                # "can i just revoke it or does that break prod jobs": a remedy, and what it would break
                                r"\b(?:can|could|may) (?:i|we) (?:just |simply |safely )?(?:" + _REVOKE_VERBS + r")\s+(?:it|that|this|"
                                r"them|those)\b|\bnext steps?\b|\bfix (?:it|that|this)\b|\baction (?:items?|points?|plan)\b|"
                                r"\bremediat\w*|\bprevent (?:it|that|this|a repeat)\b|\bhow (?:do|can|should) (?:i|we) (?:stop|prevent|"
                                r"avoid)\b|\b(?:doesn'?t|does not|won'?t|never) (?:happen|repeat|recur)\w* again\b|"
                                r"\bso (?:this|it|that) (?:doesn'?t|does not|won'?t) (?:happen|repeat|recur)\w*\b|"
                                r"\bwhat should (?:i|we|they) do about\b|"
                                # "is that bad? what should i look at next": the next step on the last answer's problem
                                r"\bwhat (?:should|do|must|would you have) (?:i|we|me|us) (?:look at|check|investigate|dig into|"
                                r"focus on|watch|look into) (?:next|now|first|after that)\b|"
                                # "what should whoever picks this up next actually do", "get it green again"
                                # ("so what does that do to prod uptime?" asks its effect, not what to do)
                                r"\bwhat (?:should|must|do(?:es)?|can|could) (?:\w+\s+){1,7}(?:actually\s+)?do\b(?!\s+(?:with|to|for)\b)|"
                                r"\bget (?:it|that|this|them) (?:back\s+)?(?:green|working|running|fixed|passing|healthy)\b|"
                                # "what do I rerun and in what order": the fix of the last answer's problem, in its order
                                r"\bwhat (?:do|should|must|can) (?:i|we) (?:re-?run|restart|re-?trigger|backfill|kick off)\b|"
                                r"\b(?:re-?run|restart|backfill)\w*\W+(?:\w+\W+){0,3}?in (?:what|which|the right) order\b",
                                re.IGNORECASE), _act),
    Transform("who_did_that", re.compile(r"\bwho\s+(?:did|does|made|ran|run|kicked off|executed|submitted|launched|"
                                         r"changed|granted|deleted|created|"
                                         r"triggered|started|caused|was behind|was responsible for|is behind|gave|"
                                         r"handed|issued|approved|signed off(?: on| for)?|set up|added|put|okayed|"
                                         r"authori[sz]ed|allowed)\s+"
                                         r"(?:that|it|this|those|these|them)\b|\bwho (?:was|is) (?:it|that)\b|"
                                         # "who's the service principal behind it?": the actor, said by its kind
                                         r"\bwho(?:'s| is| was) the (?:service principal|principal|sp|user|account|person|"
                                         r"identity|human|guy|one) (?:behind|responsible for) (?:that|it|this|those|these|them)\b|"
                                         r"\bby whom\b|\bwho (?:set|put) (?:that|it|this) (?:up|in)\b|"
                                         # "which account issued that grant?", "who added the contractors one": the actor
                                         # of the change the last answer showed, said by what it was
                                         r"\b(?:who|which (?:account|user|principal|service principal|sp|admin|person|identity))\s+"
                                         r"(?:did|made|issued|granted|added|gave|created|changed|approved|ran|set up|put in|pushed)\s+"
                                         r"(?:the|that|this)\s+(?:[\w-]+\s+){0,2}(?:grants?|changes?|tokens?|permissions?|access|one|"
                                         r"updates?|edits?)\b|"
                                         # "who runs that one anyway" (of a query): whoever ran it ("who is running
                                         # them", of jobs, asks the identity they run as: the jobs' own rows)
                                         r"\bwho (?:runs|is running) (?:that|this|it)(?: one)?\b",
                                         re.IGNORECASE), _actor),
    Transform("shift_window", re.compile(r"\b(?:the\s+)?(?P<unit>day|night|evening|week|month|year|period)\s+(?:before|prior)\b"
                                         r"(?!\s+yesterday)|\b(?:the\s+)?(?:previous|prior|preceding)\s+"
                                         r"(?P<unit2>day|week|month|year|period)\b|"
                                         # "same time last week": the same window a unit back
                                         r"\b(?:same|this|that|around this|around the same) time (?:last|the previous|a) "
                                         r"(?P<unit3>day|week|month|year)\b", re.IGNORECASE), _shift),
    # after shift_window, which reads "compared with the week before" itself
    Transform("compare_with", re.compile(r"^\W*(?:(?:and|but|so|also|ok(?:ay)?|now)\b[\s,]*)?(?:how (?:does|did|do|would) "
                                         r"(?:that|it|this|they|those) |(?:(?:this|last|that) (?:day|week|month|"
                                         r"quarter|year)|yesterday|today) )?(?P<word>compar(?:e|ed|ing)\s+(?:it\s+|that\s+|"
                                         r"this\s+)?(?:to|with)|in comparison (?:to|with)|vs\.?|versus|against|"
                                         r"relative to)\s", re.IGNORECASE), _compare_with),
    Transform("attribute", re.compile(rf"\b(?:which|what)\s+(?P<kind>{_KIND_WORD})\s+(?:was|is|were|are|did|does)\s+"
                                      rf"(?:that|it|this|they|those|these)\b(?!\s+(?:{_KIND_WORD}|person|one)\b)|\b(?:on|in|from) (?:which|what) "
                                      rf"(?P<kind2>{_KIND_WORD})\b.*\b(?:that|it|this|they|those)\b|"
                                      # a bare "on which warehouse?" asks the same of the last answer's subject
                                      rf"^\W*(?:and\s+)?(?:on|in|from|at|for|by)?\s*(?:which|what)\s+(?P<kind3>{_KIND_WORD})"
                                      rf"(?:\s+\w+\s+(?:that|it|this|them|those|these))?\W*$|"
                                      # "was the cluster it runs on struggling too?": the subject's own compute
                                      rf"\bthe\s+(?P<kind4>{_KIND_WORD})\s+(?:"
                                      # "did the cluster underneath choke as well?": the compute under the subject
                                      rf"(?:underneath|beneath|below|behind|under)(?:\s+(?:it|that|this|them))?(?![\w-])|"
                                      rf"(?:it|that|this|they)\s+(?:runs?|ran|is running|"
                                      rf"was running|executes?|lives?)\s+on\b|"
                                      # "was the cluster on which that job ran under strain?": the same, said formally
                                      rf"(?:on|in)\s+which\s+(?:that|this|it|the)\s+(?:\w+\s+)?(?:runs?|ran|is running|was running|"
                                      rf"executes?|executed)\b|(?:that|which)\s+(?:runs?|ran|is running|executes?)\s+"
                                      # "and the cluster that runs that ETL, was it overloaded?": the same, said the other way
                                      rf"(?:that|this|it|those|these)\b|"
                                      # "was the cluster part of it too?": the subject's compute, as a cause of its trouble
                                      rf"(?:also\s+)?(?:(?:a\s+)?part\s+of|involved\s+in|(?:a\s+)?factor\s+in|to\s+blame\s+for)\s+"
                                      rf"(?:it|that|this)\b)|"
                                      # "which job do i go yell at": the <kind> behind the last answer's figure
                                      rf"^\W*(?:so\s+|ok\s+|and\s+)?(?:which|what)\s+(?P<kind5>{_KIND_WORD})\s+(?:do|should|can|"
                                      rf"could|must)\s+(?:i|we)\s+(?:\w+\s+){{0,3}}(?:yell at|blame|talk to|ping|go after|chase|"
                                      rf"poke|nag|escalate to|look at first)\b|"
                                      # "gpu? is it the training job": a guess at the <kind> behind the last answer's figure
                                      rf"^\W*(?:[\w$-]+\?+\s*)?(?:so\s+|and\s+)?(?:is|was)\s+(?:it|that|this)\s+(?:all\s+|mostly\s+|"
                                      rf"just\s+)?(?:the|our|that|this|a)\s+(?:[\w-]+\s+){{0,2}}(?P<kind6>{_KIND_WORD})\W*$",
                                      re.IGNORECASE), _attribute),
    # "ml spend is insane" then "is it even working tho": the job behind the figure, whether its runs succeed
    Transform("job_state", re.compile(r"^\W*(?:(?:and|but|so|ok(?:ay)?)\W+)?(?:is|are|does|do) (?:it|they|that|this|those)"
                                      r"(?: (?:thing|things|one|ones|job|jobs|stuff))? "
                                      r"(?:even |actually |really |still |at least )?(?:work(?:ing|s)?|run(?:ning|s)?|"
                                      r"succeed(?:ing|s)?|finish(?:ing|es)?|complet\w*|healthy)\b"
                                      r"(?:\s+(?:tho|though|at least|at all|properly|ok|okay|fine))?"
                                      # "..., or does it keep breaking?": the same ask, said the other way
                                      r"(?:\W+or (?:does|do|is|are) (?:it|they) (?:\w+ ){0,2}(?:break\w*|fail\w*|crash\w*|"
                                      r"fall\w* over|die\w*|error\w*))?\W*$", re.IGNORECASE), _job_state),
    Transform("that_thing", _THAT_KIND, _that_thing),
    # "45%?? that can't be right. are you sure?": the same figures again, with the evidence behind them
    Transform("doubt", re.compile(r"\b(?:are you sure|you sure|(?:that|this|it) can'?t be right|can'?t be right|"
                                  r"(?:that|this)(?:'s| is) (?:wrong|not right|off)\W*$|i don'?t (?:buy|believe) (?:it|that|this)|"
                                  r"(?:is|are) (?:that|this|those|these) (?:figures?|numbers?) (?:right|correct)|double[- ]check "
                                  r"(?:that|it|this|those)\b(?! (?:\w+ ){0,3}(?:against|with|vs))|^\W*(?:really|seriously)\W*$)",
                                  re.IGNORECASE), _doubt),
    Transform("anything_else", re.compile(r"^\W*(?:ok(?:ay)?\W+)?(?:and\s+|so\s+)?(?:(?:was|is) that (?:it|all)\W*(?:or\s+)?"
                                         r"(?:did|was|were|is|are|has|have)?\s*(?:there\s+)?)?(?:is there\s+|was there\s+|are there\s+)?"
                                         r"(?:anything|something|any(?:one|body)|what) else\b"
                                         r"(?!.*\b(?:he|she|they|them|it|that|this|those|these|his|her|their)\b)",
                                         re.IGNORECASE), _anything_else),
    Transform("why", re.compile(r"^\W*(?:and\s+|but\s+|so\s+)?(?:why|how come)\b|\bwhat caused (?:it|that|this)\b|"
                                # "what caused the upstream job failure exactly?": the failure the last answer showed
                                r"\bwhat (?:caused|triggered|broke) (?:the|that|this) (?:[\w-]+ ){0,2}(?:failure|crash|error|"
                                r"outage|breakage|incident)\b(?! (?:of|on|in|at|for) )|"
                                # a bare "and?", "so?", "go on": the story behind the last figure
                                r"^\W*(?:and+|so+|and so|and then|go on|annd+|soo+)\W*$|"
                                # "ok so what broke upstream?": the cause, up the chain from what the last answer was about
                                r"^\W*(?:(?:ok(?:ay)?|so|and|then)\W+)*what (?:broke|failed|went wrong|happened|changed|blew up) "
                                r"(?:upstream|further up|up the (?:chain|line|pipeline)|before it|earlier in the pipeline)\b|"
                                # "ok so what upstream broke?": the same, in the other order
                                r"^\W*(?:(?:ok(?:ay)?|so|and|then)\W+)*what (?:upstream|further up|up the (?:chain|line|pipeline)) "
                                r"(?:broke|failed|went wrong|happened|changed|blew up)\b|"
                                r"\broot cause\b|\bwhat'?s behind (?:it|that|this)\b|\bwhy (?:is|was|did) (?:it|that)\b|"
                                # "what exactly went wrong with it?": what broke in the last answer's failure
                                + _WENT_WRONG.pattern + "|"
                                r"\bwhat(?:'?s| is| was)? (?:driving|causing|drove|caused|behind|pushing|pushed|tipping) (?:that|it|this|those|these)\b",
                                re.IGNORECASE), _why),
    # "only the ones that also failed recently": the last answer's rows that are also in another area's finding
    Transform("narrow", re.compile(r"^\W*(?:(?:and|ok|okay|so|now)\W+)?(?:only|just) (?:the )?(?:ones|those|them)\s+(?:that|which|who|"
                                   r"where)\s+(?P<rel>.{3,80})$|"
                                   r"\b(?:narrow|filter|limit|restrict|zoom|drill)\w*\s+(?:it|that|this|them|those|"
                                   r"these|down|in)\b|\b(?:break|split)\s+(?:it|that|this|them|those)\s+(?:down|out|"
                                   r"up)?\s*(?:by|per)\b|^\W*(?:and\s+)?(?:only|just) (?:the )?[a-z\- ]{2,30} ones\b|"
                                   # "ok then show me the breakdown by job": the last figure, split that way
                                   r"^\W*(?:(?:and|ok|okay|so|then|now)\W+)*(?:(?:show|give|get|send) (?:me |us )?)?(?:the |a )?"
                                   r"(?:full |whole |complete |detailed |line-by-line )?(?:breakdown|split) (?:by|per)\b|"
                                   # "which one's the slowest?": one of the last answer's rows, by the same figure
                                   r"^\W*(?:(?:and|ok|okay|so)\W+)?which (?:one|ones)(?:'s|'re| is| are| was| were)? "
                                   r"(?:the )?(?:\w+est|most|least|worst|best|top)(?:\s+\w+)?\W*$|"
                                   # "which of those is the biggest $ item": one of the last answer's rows, by its figure
                                   r"^\W*(?:(?:and|ok|okay|so)\W+)?which (?:one |ones )?of (?:those|them|these) (?:is|are|was|"
                                   r"were) (?:the )?(?:\w+est|most|least|worst|best|top)\b|"
                                   # "which clusters/jobs in there are the worst offenders": the last answer's rows, by kind
                                   r"^\W*(?:(?:and|ok|okay|so)\W+)?which (?:[\w/]+ ){1,2}(?:in (?:there|it|that|those)|of (?:those|"
                                   r"them|these)) (?:is|are|was|were) (?:the )?(?:worst|biggest|top|main|largest|real) "
                                   r"(?:offenders?|culprits?|contributors?|drivers?|ones?)\b|"
                                   # "only the analyst - how often?": one of the last answer's names, by a word of it
                                   r"^\W*(?:(?:and|ok|okay|so|now)\W+)?(?:only|just) (?:the |for the )?(?P<word>[a-z][\w.-]{2,30})"
                                   r"\b(?!\s+ones?\b)",
                                   re.IGNORECASE), _narrow),
    # ("show me more on that one, what's the error": detail of one row, not the next page)
    Transform("show_more", re.compile(r"\b(?:show|give|list|tell)(?: me)? more\b(?! (?:on|about|detail\w*|info\w* on) )|\bmore (?:rows|results|of (?:them|"
                                      r"those))\b|\bthe (?:rest|others)\b|\bnext (?:ones|page|five|5|ten|10)\b|"
                                      r"\bkeep going\b|^\W*more\W*$", re.IGNORECASE), _more),
    Transform("when", re.compile(r"^\W*(?:and\s+)?(?:since\s+)?when(?: exactly| was (?:that|it)| did (?:that|it|this) "
                                 r"(?:happen|start))?\W*$|"
                                 # "when precisely did that failure occur?": when the last answer's event happened
                                 r"^\W*(?:and\s+|so\s+)?when\s+(?:exactly\s+|precisely\s+)?(?:did|was|were)\s+(?:that|this|those|"
                                 r"these|it)\s+(?:\w+\s+)?(?:happen|occur|start|begin|fail|break|go down|die)\w*\b|"
                                 # "and the one with drift, since when?": when, of a thing the last answer showed
                                 r"^\W*(?:and\s+)?(?:that|this|the one|those|these|it)\b[^?.!]{0,40}?[,;]?\s*since when\W*$|"
                                 # "since when exactly? and on which inputs?": when, then a second small ask
                                 r"^\W*(?:and\s+)?(?:since\s+)?when(?: exactly)?\s*[?,;]+\s*(?:and\s+)?(?=\S)|"
                                 r"\bat what time\b|\bwhat time (?:was|did)\b|"
                                 # "when did the drift on that one start?": when the last answer's thing began
                                 r"^\W*(?:and\s+|so\s+)?(?:since\s+)?when did (?:the \w+ (?:on|of|for|with|in) )?(?:that|it|this|"
                                 r"those|them)(?: one| thing)? (?:start|begin|happen|kick off)\b|"
                                 # "since when has that column been off?": since when the last answer's thing is so
                                 r"^\W*(?:and\s+|so\s+|ok\s+)?since when (?:has|have|had|is|are|was|were|did) (?:that|it|this|those|"
                                 r"these|they|the)\b", re.IGNORECASE), _when),
)
#: Moves that need the question to carry something of its own (a window, a name), else they do not apply.
NEW_WINDOW = Transform("new_window", _OPENERS, _new_window)
_ONLY = re.compile(r"^\W*(?:and\s+|ok\s+|so\s+)?(?:only|just)\b", re.IGNORECASE)
SWITCH_FILTER = Transform("switch_filter", re.compile(r"^\W*(?:and\s+)?(?:only|just|what about|how about|same for|"
                                                      r"now for|for)\b", re.IGNORECASE), _switch_filter)


#: "the ml one", "the prod one": one of the last answer's names, picked by a word of it.
_WORD_ONE = re.compile(r"\bthe ((?:[a-z][\w-]{1,20} )?(?!one\b)[a-z][\w-]{1,20}) (?:one|(?P<kind>table|job|warehouse|cluster|model|"
                       r"endpoint|pipeline)|(?P<figure>delta|spike|jump|increase|bump|rise|drop|dip|overage|difference|gap))\b",
                       re.IGNORECASE)
#: Words before a figure noun that say what the figure measures ("the cost spike"), not whose it is ("the ml delta").
_FIGURE_WORDS = frozenset("""cost costs spend spending bill billing budget price usage dbu dbus money dollar cloud total
daily weekly monthly overall security failure failures error errors login logins latency traffic load cpu memory""".split())


#: Words before "one" or a kind word that say which of a list, not part of a name.
_NO_NAME_WORDS = frozenset("""first second third last other same next big new old middle right wrong only whole entire main
actual real current slow failing stale broken""".split())


def the_word_one(text: str, out: Understanding, prior: Prior, known: dict[str, list[str]] | None = None) -> Understanding:
    """``out`` with "the <word> one" ("the ml one", "the cost anomaly one") resolved to the one name of the
    conversation those words pick, if exactly one."""
    # the first "the <words> one/<kind>" whose words could be part of a name ("the other warehouse, the bi one": bi)
    m = next((x for x in _WORD_ONE.finditer(text) if x[1].lower().split()[-1] not in _NO_NAME_WORDS
              and not (x["figure"] and set(x[1].lower().split()) & _FIGURE_WORDS)), None)
    if m is not None and re.search(r"\b(?:besides|apart from|other than|except(?: for)?|aside from)\s*$", text[:m.start()],
                                   re.IGNORECASE):
        return out  # "besides the ML one, is anything else creeping up?": every other one
    if m is None:
        return out
    words = set(m[1].lower().split())
    # "the raw table": a name of that kind with that word ("whats downstream of the raw table")
    kinds = [WORD_KINDS[m["kind"].lower()]] if m["kind"] else list(KIND_NAMES)
    picked = [(kind, n) for kind in kinds for n in prior.named(kind) if words <= _words(n)]
    said = {WORD_KINDS[w] for w in _words(text) if w in WORD_KINDS}
    if not picked and known and said:
        # "the other warehouse, the bi one": of the account's names of the kind the question says, the one with that word
        picked = [(kind, n) for kind in said for n in known.get(kind, []) if words <= _words(n)]
    if not picked and known and not said:
        # "and the hourly one, is it doing any better?": the account's one name with that word, whatever its kind
        fits = [(kind, n) for kind, names in known.items() if kind in KIND_NAMES for n in names if words <= _words(n)]
        picked = fits if len(fits) == 1 else []
    # a model and the endpoint serving it both fit "the cost anomaly one": the name the words say most of (a kind
    # word in a name says no more: "ml-workspace" is as much "the ml one" as the team "ml")
    def extra(n: str) -> int:
        return len(_words(n) - words - set(WORD_KINDS))

    if len({k for k, _ in picked}) > 1:
        # "total spend per workspace ..." then "why is the ml one higher?": the kind the conversation asked about
        asked = {WORD_KINDS[w] for w in _words(f"{text} {prior.understanding.question}") if w in WORD_KINDS}
        picked = [(k, n) for k, n in picked if k in asked] or picked
    fewest = min((extra(n) for _, n in picked), default=0)
    picked = [(k, n) for k, n in picked if extra(n) == fewest]
    if len(picked) != 1 or any(e.name.lower() == picked[0][1].lower() for e in out.entities):
        return out  # none, several, or the one the question already names ("the contractors one": that group)
    kind, name = picked[0]
    stems = {w.rstrip("s") for w in words}
    if any(e.kind == kind and stems <= {w.rstrip("s") for w in _words(e.name)} for e in out.entities):
        return out  # "the customer table" the question's own words resolved (crm.customers): not the last answer's
    out.entities = [e for e in out.entities if e.kind != kind] + [Entity(kind=kind, name=name, text=m[0])]
    return out


#: Words two areas share (a table's column drifts, a model's inputs drift): in a follow-up that names neither kind of
#: thing, the word means what it meant when the conversation last used it.
SHARED_WORDS: dict[str, frozenset[str]] = {r"\bdrift\w*": frozenset({"mlops", "quality"})}


def _shared_word_area(text: str, cur: Understanding, out: Understanding, prior: Prior) -> Understanding:
    """"and the week before that - any drift then?" after a turn on models' drift: the models' drift again."""
    for word, areas in SHARED_WORDS.items():
        if not re.search(word, text, re.IGNORECASE) or any(e.kind in ("table", "model", "endpoint") for e in cur.entities):
            continue
        for turn in (prior.understanding, prior.before):
            used = [d for d in (turn.domains if turn is not None else []) if d in areas]
            if turn is not None and used and re.search(word, turn.question or "", re.IGNORECASE):
                out.domains = list(dict.fromkeys(d if d not in areas else used[0] for d in out.domains)) or used
                break
    return out


#: Words of timeliness ("was it on time the week before?"): of a table, its freshness; of a job, its SLA.
_TIMELY = re.compile(r"\bon[- ]time\b|\bin time\b|\b(?:late|delayed|behind schedule)\b", re.IGNORECASE)


def _timely_table(text: str, out: Understanding) -> Understanding:
    """"was it on time the week before?" about a table (no job or compute named): its freshness (quality), not a job's
    SLA (reliability)."""
    kinds = {e.kind for e in out.entities}
    if out.domains[:1] == ["reliability"] and "table" in kinds and not kinds & {"job", "warehouse", "cluster", "pipeline"} \
            and _TIMELY.search(text):
        out.domains = list(dict.fromkeys(["quality", *out.domains[1:]]))
    return out


def apply_followup(question: str, cur: Understanding, prior: Prior | None,
                   known: dict[str, list[str]] | None = None) -> Understanding | None:
    """This turn's understanding as a transformation of the previous one, or None when the question
    stands on its own. ``known`` (kind -> names in the account) lists choices when asking back."""
    if prior is None or prior.understanding.refusal in ("off_topic", "unsafe", "empty"):
        return None
    text = (question or "")[:2000]
    for t in TRANSFORMS:
        m = t.pattern.search(text)
        if m and t.name == "shift_window":
            m = _ShiftMatch(m)
        if m:
            kind = (m.groupdict().get("kind") or m.groupdict().get("kind2") or m.groupdict().get("kind3")
                    or m.groupdict().get("kind4") or m.groupdict().get("kind5")) \
                if t.name in ("that_thing", "attribute") else None
            out = t.apply(cur, prior, m, list((known or {}).get(WORD_KINDS.get((kind or "").lower(), ""), [])
                                              or (known or {}).get("table" if t.name == "downstream" else "", [])))
            if out is None:
                continue
            out = the_word_one(text, out, prior, known)
            out = _shared_word_area(text, cur, out, prior)
            out = _timely_table(text, out)
            # "is that group supposed to have that? who else can read the table": each kind said with "the" too
            out.entities += _definite(text, out, prior)
            named = {(e.kind, e.name) for e in cur.entities if e.kind in IDENTITY_KINDS}
            if named:  # "and the 401s from 192.168.1.100 - is that the same person?": this turn's identity, not the last
                out.entities = [e for e in out.entities if e.kind not in IDENTITY_KINDS or (e.kind, e.name) in named]
            if cur.window is None and out.window is not None and prior.as_of is not None \
                    and out.window.end < prior.as_of and NOW_STATE.search(text):
                # "is it crashing and retrying?" after yesterday's bill: its state now, not yesterday's
                out.window, out.comparison = None, None
            if OPEN_PEOPLE.search(text):  # "who else has been touching that table": not the last answer's people
                mine = {(e.kind, e.name) for e in cur.entities}
                out.entities = [e for e in out.entities if e.kind not in ("user", "group") or (e.kind, e.name) in mine]
            return _widen(text, cur, out)
    own_entities = bool(cur.entities)
    if cur.window is not None and not cur.domains and NEW_WINDOW.pattern.search(text) or \
            (cur.window is not None and not cur.domains and not own_entities and (len(text.split()) <= 6 or _ONLY.match(text))):
        # ("only yesterday pls, not the whole week": the same question over that period)
        return _widen(text, cur, NEW_WINDOW.apply(cur, prior, None, []))  # type: ignore[arg-type]
    if own_entities and (not cur.domains or not names_a_topic(text)) \
            and (SWITCH_FILTER.pattern.search(text) or len(text.split()) <= 5):
        # "only prod": a name and no topic words of its own (the domain came from the name's kind alone)
        return SWITCH_FILTER.apply(cur.model_copy(update={"domains": []}), prior, None, [])  # type: ignore[arg-type]
    return None


#: Every thing of a kind, or the whole account ("across all workspaces", "account-wide"): the kinds no name filters.
_WIDE = re.compile(r"\b(?:across|over|for|in|on) (?:all|every|each) (?:of )?(?:the |our )?(?P<kind>workspaces?|jobs?|warehouses?|"
                   r"clusters?|tables?|pipelines?|endpoints?|models?)\b|\ball (?:the |our |of our )?(?P<kind2>workspaces|jobs|"
                   r"warehouses|clusters|tables|pipelines|endpoints|models)\b|\b(?P<account>account[- ]wide|(?:the )?(?:whole|"
                   r"entire) account|company[- ]wide|platform[- ]wide)\b", re.IGNORECASE)


def _widen(text: str, cur: Understanding, out: Understanding) -> Understanding:
    """"and yesterday's total across all workspaces?": no name carried from earlier turns filters the kinds the question
    widens to all of (the whole account: every workspace)."""
    words = [(m["kind"] or m["kind2"] or "").lower().rstrip("s") for m in _WIDE.finditer(text)]
    wide = {WORD_KINDS.get(w, w) if w else "workspace" for w in words}
    mine = {(e.kind, e.name) for e in cur.entities}
    out.entities = [e for e in out.entities if e.kind not in wide or (e.kind, e.name) in mine]
    return out


#: A question about the state of something now ("is it crashing?", "is it still failing?", "right now").
NOW_STATE = re.compile(r"\b(?:is|are|'s|'re) (?:it|they|that|this|those|these|he|she) (?:still |currently |now |even )?"
                       r"(?:crash|fail|retry|retri|break|error|runn|stuck|hang|flak|spik|burn|leak|throttl|queu|hitt|"
                       r"tim)\w*ing\b|\bright now\b|\bcurrently\b|\bas we speak\b", re.IGNORECASE)
#: Other people than the ones the last answer named, or anyone at all ("who else", "has anybody read it", "who
#: was the one working at night"): the carried people no longer filter. ("anyone in that group" points at one.)
OPEN_PEOPLE = re.compile(r"\b(?:who|anyone|anybody|someone|somebody) else\b|\bother (?:users|people|principals|accounts)\b|"
                         # "is that sp also the one with the after-hours activity, or a diff person?"
                         r"\b(?:a )?diff(?:erent)? (?:person|user|account|one|principal|guy)\b|\banother (?:person|user|account|"
                         r"principal)\b|\bsomeone different\b|"
                         r"\b(?:anybody|anyone|someone|somebody|any (?:user|person|one)s?)\b(?!\s+(?:in|of|from|among|within)\b)|"
                         r"\bwho (?:was|is|were|are) the (?:one|ones|guy|person|people|user|users)\b|"
                         # "then who was actually logged in after hours": whoever it was
                         r"\bwho(?:'s| (?:was|were|is|are|has|have))(?: (?:actually|really|still))?(?: been)? (?:actually |really |still )?(?:logged|logging|"
                         r"signed|online|active|working|awake|up|reading|accessing|querying|hitting|hammering|using|"
                         r"pulling|touching|downloading|exporting)\b|"
                         # "who's hitting it hardest", "who reads it the most": the top of all its users, not the last one's
                         r"\bwho(?:'s| is| was| has| have)?(?: been)? \w+(?:ing|s|ed)? (?:it|that|this|them|those) (?:the )?"
                         r"(?:hardest|most|heaviest|the most|most often|more)\b|"
                         # "what about the account that was busy at like 3am?": another person, described by what they did
                         r"\b(?:what|how) about (?:the|that|this|an?) (?:other )?(?:account|user|person|principal|guy|identity|"
                         r"login|service principal|sp)s? (?:that|who|which)\b", re.IGNORECASE)


def names_a_topic(text: str) -> bool:
    """Does ``text`` name an area by a word of its own (a cue of any domain)?"""
    return any(v > 0 for v in cue_scores(text)[0].values())


class _ShiftMatch:
    """A shift match whose unit is read from either alternative."""

    def __init__(self, m: re.Match[str]) -> None:
        self._m = m

    def group(self, name: str) -> str | None:
        if name == "unit":
            return self._m.group("unit") or self._m.group("unit2") or self._m.group("unit3")
        return self._m.group(name)

    def groupdict(self) -> dict[str, str | None]:
        return self._m.groupdict()

    @property
    def string(self) -> str:
        return self._m.string

    def start(self) -> int:
        return self._m.start()

    def __getitem__(self, i: int) -> str:
        return self._m[i]
