"""Names users describe instead of spelling: "the usage fact table", "the model that detects cost anomalies".

A kind word (table, fact, dimension, model, detector, endpoint ...) and the words around it -- the
modifiers before it, and after it the words a relative word introduces ("that", "for", "of", "qui",
"das") -- describe a name when, lightly stemmed, they cover every distinguishing token of it. Of the
names covered, the one explaining the most words wins; a tie resolves nothing (no guess).

A name's distinguishing tokens are its own words minus its kind words (``detector``, ``fact``) and
minus tokens most names of its kind share (an ``hm-`` prefix); a table's catalog and schema may be
said but need not be. Kind words the question says that narrow the kind (fact, dim, detector) must be
in the name. Jobs are never resolved this way: "the training job" is a kind of job, not ``ml_training``; a
job said by what it does (:func:`job_described`) only puts that job's rows first.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

#: Word of a question -> (family of names it describes, the name token it requires, if any).
KIND_WORDS: dict[str, tuple[str, str | None]] = {
    **{w: ("table", None) for w in ("table", "tables", "dataset", "datasets")},
    **{w: ("table", "fact") for w in ("fact", "facts")},
    **{w: ("table", "dim") for w in ("dimension", "dimensions", "dim", "dims")},
    **{w: ("model", None) for w in ("model", "models")},
    **{w: ("model", "detect") for w in ("detector", "detectors")},
    **{w: ("model", "predict") for w in ("predictor", "predictors")},
    **{w: ("model", "forecast") for w in ("forecaster", "forecasters")},
    **{w: ("model", "classifi") for w in ("classifier", "classifiers")},
    **{w: ("model", "scor") for w in ("scorer", "scorers")},
    **{w: ("endpoint", None) for w in ("endpoint", "endpoints")},
    # "the ML thing that flags weird spending": only a model is described by what it does
    **{w: ("model", None) for w in ("thing", "things", "doohickey", "thingy", "thingamajig", "gizmo", "contraption",
                                    "gadget")},
}
#: Words naming a model by what it raises ("the cost anomaly alerts feel off"): a kind word only when the question
#: says no other ("the budget alert model": the model is the head, and "alert" a word of its name).
WEAK_KIND_WORDS: dict[str, tuple[str, str | None]] = {w: ("model", None) for w in ("alert", "alerts")}
#: Name tokens (stemmed) that say what a name is, not which one: optional when matching.
_MODEL_HEADS = frozenset({"model", "detect", "predict", "forecast", "classifi", "scor", "analyz"})
NAME_HEADS: dict[str, frozenset[str]] = {"table": frozenset({"table", "fact", "dim", "dataset"}),
                                         "model": _MODEL_HEADS, "endpoint": _MODEL_HEADS | {"endpoint"}}
#: Which kinds of the entity index each family reads (system tables are tables to the user).
SOURCES: dict[str, tuple[str, ...]] = {"table": ("table", "system_table"), "model": ("model",),
                                       "endpoint": ("endpoint",)}
#: A model is often served under a similar name: a description of one may name the other.
SIBLING = {"model": "endpoint", "endpoint": "model"}
#: Words that open a description after the kind word ("the model that...", "la tabla de...").
_RELATIVE = frozenset("""that which who whose for of about on de del des du der die das dem den des que qui""".split())
_RELATIVE_BY_FAMILY = {"endpoint": frozenset({"serving", "behind", "hosting"})}
#: Words that end a relative clause: the main verb follows ("the model that detects X is drifting").
_CLAUSE_END = frozenset("""is are was were be been being has have had do does did will would can could should may
might must and or but""".split())
#: Words joining two words of one description ("the table of usage and billing").
_JOINS = frozenset({"and", "or"})
#: Articles and prepositions: not description words, and they end the words before the kind word.
_ARTICLES = frozenset("""the a an le la les l el los las un une ein eine einer einen der die das den dem des o os as
do da dos das de du del in on at to by with bei von vom zum zur para por en""".split())
#: Abbreviations written out ("dimension" is the "dim" of dim_workspace).
_SAME = {"dimension": "dim"}
_SUFFIXES = ("ing", "ion", "er", "or", "ed", "ure", "e")
_PUNCT = re.compile(r"[?!.;:]")
#: ...and a comma ends the words before a kind word too: "failed jobs, logins, stale tables" is a list, not a table.
_BEFORE_ENDS = re.compile(r"[?!.;:,]")
_MAX_BEFORE, _MAX_AFTER = 4, 7
#: "an auditor-friendly table", "a slide-ready table": how to lay out the answer, not which table.
_FORMAT_WORDS = frozenset("friendly ready style facing grade proof formatted shaped sized".split())


def stem(word: str) -> str:
    """A light stem: detects ~ detector ~ detection, anomalies ~ anomaly, failures ~ failing."""
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    w = _SAME.get(w, w)
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[:-len(suffix)]
    return w


#: Tokens that version or stage a name rather than distinguish it.
#: Words Databricks uses for the same thing as a name's token: billable usage is what system.billing.usage
#: holds, so "the billing fact table" is the usage fact table.
SYNONYMS: dict[str, str] = {stem(a): stem(b) for a, b in (("billing", "usage"), ("billable", "usage"),
                                                          ("consumption", "usage"), ("cost", "usage"),
                                                          # plain words for a model's name tokens
                                                          ("spending", "cost"), ("spend", "cost"),
                                                          ("weird", "anomaly"), ("unusual", "anomaly"),
                                                          ("odd", "anomaly"), ("strange", "anomaly"),
                                                          ("abnormal", "anomaly"), ("anomalous", "anomaly"),
                                                          ("flag", "detect"), ("flags", "detect"),
                                                          ("spot", "detect"), ("spots", "detect"),
                                                          ("catch", "detect"), ("catches", "detect"),
                                                          ("watch", "detect"), ("watches", "detect"),
                                                          ("monitor", "detect"), ("monitors", "detect"),
                                                          # the medallion layers in plain words ("the final orders table")
                                                          ("final", "gold"), ("curated", "gold"),
                                                          ("cleaned", "silver"), ("cleansed", "silver"))}
_OPTIONAL = frozenset(stem(w) for w in ("v1", "v2", "v3", "prod", "dev", "serving", "served", "latest"))


@dataclass(frozen=True)
class Described:
    """One name as descriptions see it."""

    kind: str                 # the kind reported (a system table is a table)
    name: str
    content: frozenset[str]   # tokens a description must cover
    tokens: frozenset[str]    # every token a description may use


@dataclass(frozen=True)
class Resolved:
    kind: str
    name: str
    first: int                # token indexes of the words that described it
    last: int


def _tokens(text: str) -> list[str]:
    return [stem(t) for t in re.findall(r"[a-z0-9]+", text.lower())]


class Descriptions:
    """Every table, model and endpoint name by the tokens that distinguish it, with an inverted index."""

    def __init__(self, names: Mapping[str, Sequence[str]]) -> None:
        self._by_token: dict[str, dict[str, list[Described]]] = {}
        for family, kinds in SOURCES.items():
            parts = []
            for kind in kinds:
                for name in names.get(kind, ()):
                    *container, own = name.split(".") if family == "table" else (name,)
                    parts.append((kind, name, _tokens(own), _tokens(" ".join(container))))
            shared = Counter(t for *_, own, _ in parts for t in set(own))
            common = {t for t, n in shared.items() if n >= max(2, len(parts) / 3)}
            index: dict[str, list[Described]] = defaultdict(list)
            for kind, name, own, extra in parts:
                content = frozenset(own) - NAME_HEADS[family] - common - _OPTIONAL
                if not content:
                    continue
                entry = Described("table" if family == "table" else kind, name, content, frozenset(own + extra))
                for token in content:
                    index[token].append(entry)
            self._by_token[family] = dict(index)

    def candidates(self, family: str, words: set[str], required: set[str]) -> list[tuple[int, Described]]:
        """Names of ``family`` whose distinguishing tokens ``words`` cover, best first, with their scores."""
        seen = {e for w in words for e in self._by_token.get(family, {}).get(w, ())}
        scored = [(len(e.tokens & words), e) for e in seen if e.content <= words and required <= e.tokens]
        return sorted(scored, key=lambda se: (-se[0], se[1].name))

    def resolve(self, text: str, tokens: Sequence[tuple[str, int, int]], used: Sequence[bool],
                stop: frozenset[str]) -> list[Resolved]:
        """Every described name of ``text`` (``tokens`` lower case with spans; ``used`` ones are taken)."""
        out: list[Resolved] = []
        taken = list(used)
        kinds = {**KIND_WORDS, **WEAK_KIND_WORDS}
        j = 0
        while j < len(tokens):
            near = {tokens[i][0] for i in (j - 1, j + 1) if 0 <= i < len(tokens)}
            if tokens[j][0] not in kinds or taken[j] or tokens[j][0] in WEAK_KIND_WORDS and near & KIND_WORDS.keys():
                j += 1
                continue
            hi = j  # a run of kind words: "fact table", "model endpoint"
            while hi + 1 < len(tokens) and tokens[hi + 1][0] in KIND_WORDS and not taken[hi + 1] \
                    and not _PUNCT.search(text[tokens[hi][2]:tokens[hi + 1][1]]):
                hi += 1
            hit = self._around(text, tokens, taken, stop, j, hi, kinds)
            if hit is not None:
                out.append(hit)
                taken[hit.first:hit.last + 1] = [True] * (hit.last + 1 - hit.first)
            j = hi + 1
        return out + self._the_word_one(tokens, taken)

    def _the_word_one(self, tokens: Sequence[tuple[str, int, int]], taken: Sequence[bool]) -> list[Resolved]:
        """"the health monitor's own models ... the cost one": after a kind word, "the <word> one" is the one name
        of that kind with that word, when exactly one has it."""
        words = [t[0] for t in tokens]
        out = []
        for k in range(1, len(words) - 1):
            if words[k + 1] != "one" or words[k - 1] != "the" or taken[k] or taken[k + 1]:
                continue
            family = next((KIND_WORDS[w][0] for w in words[:k - 1] if w in KIND_WORDS and KIND_WORDS[w][0] != "table"
                           or w in ("table", "tables")), None)
            fits = {e.name: e for e in self._by_token.get(family or "", {}).get(stem(words[k]), ())}
            if len(fits) == 1:
                best = next(iter(fits.values()))
                out.append(Resolved(best.kind, best.name, k, k + 1))
        return out

    def _around(self, text: str, tokens: Sequence[tuple[str, int, int]], taken: Sequence[bool],
                stop: frozenset[str], j: int, hi: int, kinds: Mapping[str, tuple[str, str | None]]) -> Resolved | None:
        family = kinds[tokens[hi][0]][0]
        required = {kinds[t[0]][1] for t in tokens[j:hi + 1]} - {None}
        lo = j
        while lo > 0 and j - lo < _MAX_BEFORE and not taken[lo - 1] and tokens[lo - 1][0] not in stop \
                and tokens[lo - 1][0] not in _FORMAT_WORDS \
                and tokens[lo - 1][0] not in _ARTICLES and tokens[lo - 1][0] not in KIND_WORDS \
                and not _BEFORE_ENDS.search(text[tokens[lo - 1][2]:tokens[lo][1]]):  # "the incident channel. first thing"
            lo -= 1
        after = self._after(text, tokens, taken, family, hi, required)
        words = {stem(t[0]) for t in tokens[lo:j]} | {stem(tokens[k][0]) for k in after}
        words |= {SYNONYMS[w] for w in words if w in SYNONYMS}
        if not words:
            # "the cost anomaly score ... is the model itself ok?": the model the question's other words name (only
            # "the model" itself: "things" or "alerts" alone describe nothing)
            the_model = family == "model" and all(t[0] == "model" for t in tokens[j:hi + 1]) and j > 0 \
                and tokens[j - 1][0] == "the"
            return self._with_rest_of_question(tokens, taken, stop, family, words, required, lo, hi) if the_model else None
        for fam in (family, SIBLING.get(family)):
            if fam is None or (fam != family and required - NAME_HEADS[fam]):
                continue
            ranked = self.candidates(fam, words, set(required))
            if "gold" in words and fam == "table":
                # "our gold table that summarises daily billing/usage": built here, not a system table it reads
                ranked = [r for r in ranked if not r[1].name.lower().startswith("system.")]
            if ranked and (len(ranked) == 1 or ranked[0][0] > ranked[1][0]):
                best = ranked[0][1]
                explained = [k for k in after if {stem(tokens[k][0]), SYNONYMS.get(stem(tokens[k][0]))} & best.tokens]
                # leading words the name does not use ("the pii customer table") stay the question's own words
                first = next((k for k in range(lo, j) if {stem(tokens[k][0]), SYNONYMS.get(stem(tokens[k][0]))}
                              & best.tokens), j)
                return Resolved(best.kind, best.name, first, max([hi, *explained]))
            if ranked:
                return None  # two names fit equally: no guess
        return self._with_rest_of_question(tokens, taken, stop, family, words, required, lo, hi)

    def _with_rest_of_question(self, tokens: Sequence[tuple[str, int, int]], taken: Sequence[bool], stop: frozenset[str],
                               family: str, words: set[str], required: set[str], lo: int, hi: int) -> Resolved | None:
        """"the orders dashboard ... the gold table looks like it hasn't moved": the words by the kind word name part
        of one name, and the question's other words the rest of it (only one name fits, else no guess)."""
        if family not in ("table", "model"):
            return None
        rest = {stem(t[0]) for i, t in enumerate(tokens) if not taken[i] and not lo <= i <= hi and t[0] not in stop
                and t[0] not in _ARTICLES and t[0] not in KIND_WORDS}
        rest |= {SYNONYMS[w] for w in rest if w in SYNONYMS}
        # a table: the words by its kind word name part of it; a model ("the model itself"): two or more of its
        # words anywhere in the question name all of it
        fits = [e for _, e in self.candidates(family, words | rest, set(required))
                if (e.content & words if family == "table" else len(e.content) >= 2 and not words)]
        if len(fits) != 1:
            return None
        first = next((k for k in range(lo, hi + 1) if stem(tokens[k][0]) in fits[0].tokens), hi)
        return Resolved(fits[0].kind, fits[0].name, first, hi)

    @staticmethod
    def _after(text: str, tokens: Sequence[tuple[str, int, int]], taken: Sequence[bool], family: str, hi: int,
               required: set[str]) -> list[int]:
        """Token indexes of the description after the kind word, when a relative word opens one."""
        k = hi + 1
        if k >= len(tokens) or taken[k] or _PUNCT.search(text[tokens[hi][2]:tokens[k][1]]):
            return []
        if tokens[k][0] not in _RELATIVE | _RELATIVE_BY_FAMILY.get(family, frozenset()):
            return []
        if tokens[k][0] == "who" and "," in text[tokens[hi][2]:tokens[k][1]]:
            return []  # "among the PII tables, who granted it?": a new ask about a person, no description of a thing
        out: list[int] = []
        for i in range(k + 1, min(len(tokens), k + 1 + _MAX_AFTER)):
            word = tokens[i][0]
            if word in _JOINS and out and i + 1 < len(tokens) and not taken[i + 1] \
                    and tokens[i + 1][0] not in _CLAUSE_END | _ARTICLES | _RELATIVE | KIND_WORDS.keys() \
                    and not _PUNCT.search(text[tokens[i][2]:tokens[i + 1][1]]):
                continue  # "la tabla de uso y facturación": two words of one description, not a new clause
            if taken[i] or word in _CLAUSE_END or _PUNCT.search(text[tokens[i - 1][2]:tokens[i][1]]):
                break
            if word in KIND_WORDS:
                fam, narrows = KIND_WORDS[word]
                if fam != family and not (family == "endpoint" and fam == "model"):
                    break
                if narrows:
                    required.add(narrows)
                continue
            if word not in _ARTICLES and word not in _RELATIVE:
                out.append(i)
        return out


#: A job said by what it does ("the overnight sales load", "the hourly feed", "the training job"): words of its name
#: as people say them. Such a description only puts that job's rows first; it never filters ("the training job" may
#: be any of them, so follow-ups keep resolving it from the conversation).
_JOB_SAID = {"overnight": "nightly", "night": "nightly", "nightly": "nightly", "hourly": "hourly", "daily": "daily",
             "weekly": "weekly", "training": "training", "train": "training", "trainer": "training", "ingest": "ingest",
             "ingestion": "ingest", "feed": "ingest", "report": "report", "reports": "report", "reporting": "report",
             "sync": "sync", "scoring": "scoring", "etl": "etl", "load": "etl", "export": "export",
             "reconciliation": "reconciliation", "refresh": "refresh", "backup": "backup", "cleanup": "cleanup"}
_JOB_HEAD = re.compile(r"\b((?:[a-z][\w-]*\s+){0,3}?)(job|load|feed|pipeline|run|ingest|ingestion|etl|sync|export|batch|"
                       r"failure|crash|refresh|workflow|build)s?\b", re.IGNORECASE)


_JOB_DOES = re.compile(r"\b(?:job|pipeline|workflow|task|process|thing)s? (?:that|which) (?:\w+ly )?([a-z]+) (?:(?:our|the|my|all|"
                       r"its|their|all the) )?((?:[a-z][\w-]*\s*){0,3})", re.IGNORECASE)


@lru_cache(maxsize=4)
def _job_words(jobs: tuple[str, ...]) -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """Each job's name words and all of them: read once per list of names, not on every question."""
    tokens = {name: frozenset(re.split(r"[_\-\s]+", name.lower())) for name in jobs}
    return tokens, frozenset().union(*tokens.values())


def job_described(text: str, jobs: Sequence[str]) -> str | None:
    """The one job of ``jobs`` whose name says the most words of the description around a job word, or None (a tie
    is no guess)."""
    tokens, known = _job_words(tuple(jobs))
    found = [[w.lower() for w in m[1].split()] + [m[2].lower()] for m in _JOB_HEAD.finditer(text or "")]
    # "the job that refreshes our features": what it does, said after it
    found += [[m[1].lower(), *m[2].lower().split()] for m in _JOB_DOES.finditer(text or "")]
    for words in found:
        said = {_JOB_SAID.get(v, v) for w in words if w not in _ARTICLES
                for v in (w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith("es") else w)} & known
        if not said:
            continue
        # the job whose name says the most of the description, alone ("overnight sales load": nightly_etl, two words)
        score = {name: len(said & own) for name, own in tokens.items()}
        best = max(score.values())
        fits = [name for name, n in score.items() if n == best]
        if best and len(fits) == 1:
            return fits[0]
    return None
